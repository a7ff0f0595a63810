"""Two runs at once, and runs killed with `kill -9`, as real `muwazi` processes: nothing lost,
nothing truncated, no process or file left behind. Each race is made wide on purpose (a run
stopped with SIGSTOP while it holds its lock, a server answering two runs at the same instant),
so that the outcome does not depend on timing; every wait has a deadline."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import polib
import pytest

from helpers import SEED_SLUG, english_for
from muwazi import memory
from muwazi.cli import main as muwazi
from muwazi.errors import REFUSED
from muwazi.files import held

DEADLINE = 120  # seconds any one process may take


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "muwazi.cli", *args]


def wait_for(condition: Callable[[], bool], what: str, seconds: float = DEADLINE) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"gave up waiting for {what}"
        time.sleep(0.02)


@contextmanager
def started(args: list[str], cwd: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[subprocess.Popen]:
    """A `muwazi` process whose stderr goes to `log`; killed (and woken, if stopped) if the test fails."""
    with log.open("w") as stderr:
        process = subprocess.Popen(
            args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=stderr, env=(os.environ | env) if env else None
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)
            process.kill()
            process.wait(DEADLINE)


# --- 1. two builds at once -----------------------------------------------------------------------


def building(project: Path) -> bool:
    """A build is writing its staging folder (anything beyond the markers of the fake leftovers)."""
    return any(
        path.name != "marker"
        for folder in project.glob(".site.building*")
        if folder.is_dir()
        for path in folder.iterdir()
    )


@pytest.mark.slow
def test_a_second_build_waits_for_the_first_and_site_is_never_truncated(project):
    leftovers = [".site.building", ".site.previous", ".site.building.abcd1234", ".site.previous.zz_z9999"]
    for name in leftovers:  # as killed runs, of this version and of earlier ones, leave them
        (project / name).mkdir()
        (project / name / "marker").write_text("left by a killed run")
    (project / ".site.buildingX").mkdir()  # not a name of ours: kept

    with started(command("build"), project, project / "first.log") as first:
        wait_for(lambda: building(project) or first.poll() is not None, "the first build to start building")
        first.send_signal(signal.SIGSTOP)  # it holds the lock for as long as the test wants
        try:
            refused = subprocess.run(
                command("build", "--no-wait"), cwd=project, capture_output=True, text=True, timeout=DEADLINE
            )
            generating = subprocess.run(
                command("generate", "--no-wait"), cwd=project, capture_output=True, text=True, timeout=DEADLINE
            )
            with started(command("build"), project, project / "second.log") as second:
                second_log = project / "second.log"
                wait_for(lambda: "waiting" in second_log.read_text() or second.poll() is not None, "the second build")
                first.send_signal(signal.SIGCONT)
                assert first.wait(DEADLINE) == 0, (project / "first.log").read_text()
                assert second.wait(DEADLINE) == 0, second_log.read_text()
        finally:
            first.send_signal(signal.SIGCONT)

    waited = [line for line in second_log.read_text().splitlines() if "waiting" in line]
    assert waited == [f"muwazi: another muwazi build is running on site/ (pid {first.pid}); waiting …"]
    assert refused.returncode == REFUSED
    assert refused.stderr.strip().splitlines()[-1] == (
        f"muwazi: error: another muwazi build is running on site/ (pid {first.pid}): "
        "let it finish, or run again without --no-wait"
    )
    assert generating.returncode == REFUSED
    assert f"another muwazi run is writing docs/ (pid {first.pid})" in generating.stderr
    site = project / "site"
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file() and (site / "pagefind").is_dir()
    assert len(list(site.rglob("*.html"))) > 10
    # what each build replaced is kept as the next one's spare (see test_incremental.py)
    expected = [".site.buildingX", ".site.inputs", ".site.lock", ".site.spare"]
    assert sorted(path.name for path in project.glob(".site*")) == expected


# --- 2. two translations of one article at once ---------------------------------------------------


class PairedLibre(http.server.ThreadingHTTPServer):
    """LibreTranslate's POST /translate for two runs told apart by their key, "a" and "b": each
    request waits for one of the other run's (a second at most), then both are answered at the same
    instant, so that both runs save at once. To run "a" it answers nothing for `refused_for_a`,
    which puts it one segment ahead of run "b": at each instant the two save different entries."""

    def __init__(self, refused_for_a: set[str]):
        super().__init__(("127.0.0.1", 0), PairedHandler)
        self.refused_for_a = refused_for_a
        self.turn = threading.Condition()
        self.held = {"a": False, "b": False}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


class PairedHandler(http.server.BaseHTTPRequestHandler):
    server: PairedLibre

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        fields = parse_qs(urlsplit(self.path).query) | parse_qs(body)
        text, key = fields["q"][0], fields["api_key"][0]
        if key == "a" and text in self.server.refused_for_a:
            self.answer("")
            return
        other = "b" if key == "a" else "a"
        with self.server.turn:
            if self.server.held[other]:
                self.server.held[other] = False
                self.server.turn.notify_all()
            else:
                self.server.held[key] = True
                self.server.turn.wait_for(lambda: not self.server.held[key], timeout=1)
                self.server.held[key] = False
        self.answer(english_for(text))

    def answer(self, english: str) -> None:
        payload = json.dumps({"translatedText": english}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@contextmanager
def paired_libre(refused_for_a: set[str]) -> Iterator[PairedLibre]:
    server = PairedLibre(refused_for_a)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.slow
def test_two_translations_of_one_article_at_once_lose_nothing(project):
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    catalogue = polib.pofile(str(po))
    missing = [entry.msgid for entry in catalogue[1:41:2]]  # twenty entries, every other one
    for entry in [entry for entry in catalogue if entry.msgid in missing]:
        catalogue.remove(entry)
    catalogue.save(str(po))
    reviewed = {entry.msgid: entry.msgstr for entry in catalogue}

    with paired_libre(set(missing[0::2])) as libre:
        args = command("translate", "--engine", "libre", "--url", libre.url, "--delay", "0", "--retries", "0")
        with (
            started(args, project, project / "a.log", {"LIBRE_API_KEY": "a"}) as a,
            started(args, project, project / "b.log", {"LIBRE_API_KEY": "b"}) as b,
        ):
            codes = a.wait(DEADLINE), b.wait(DEADLINE)

    assert codes == (1, 0), (project / "a.log").read_text() + (project / "b.log").read_text()  # a: refused ones
    entries = {entry.msgid: entry for entry in memory.load_catalogue(po, SEED_SLUG)}
    assert [text for text in missing if text not in entries] == []
    assert all(entries[text].msgstr == english_for(text) and entries[text].fuzzy for text in missing)
    assert {text: entries[text].msgstr for text in reviewed} == reviewed


# --- 3. what killed runs leave ---------------------------------------------------------------------

WORKERS = r"""
import os, time
from muwazi.build import on_every_core

def make_work():
    def work(seconds):
        os.write(1, f"{os.getpid()}\n".encode())  # one write: lines of two workers never mix
        time.sleep(seconds)
    return work

list(on_every_core(make_work, (), [60] * 4 * (os.cpu_count() or 1), True, "fork"))
"""


def gone(pid: int) -> bool:
    """The process has ended (a zombie its new parent has not reaped yet counts as ended)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0] in ("Z", "X")
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not sys.platform.startswith("linux") or (os.cpu_count() or 1) < 2, reason="workers on Linux")
def test_the_workers_of_a_killed_run_end_with_it(tmp_path):
    main = subprocess.Popen([sys.executable, "-c", WORKERS], stdout=subprocess.PIPE, text=True)
    workers: set[int] = set()
    try:
        assert main.stdout is not None
        while len(workers) < (os.cpu_count() or 1):  # each worker says its pid as it starts its first item
            workers.add(int(main.stdout.readline()))
        main.kill()
        main.wait(DEADLINE)
        wait_for(lambda: all(gone(pid) for pid in workers), "the workers to end", seconds=10)
    finally:
        main.kill()
        for pid in workers:
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)


def staged_debris(project: Path) -> dict[str, Path]:
    """Files as killed runs leave them (tempfile's names), and files of other names beside them."""
    translations, docs = project / "content" / "translations", project / "docs"
    debris = {
        "page": docs / ".index.md.k2x_9q0a.tmp",
        "article page": docs / "articles" / ".2018-moscow.md.abcd1234.tmp",
        "memory": translations / f".{SEED_SLUG}.po.7hq_zz01.tmp",
        "new memory": translations / ".2019-new-article.po.00000000.tmp",
        "not ours": translations / "notes.tmp",
        "not tempfile's": translations / f".{SEED_SLUG}.po.short.tmp",
    }
    for path in debris.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"")
    return debris


@pytest.mark.parametrize("run", ["translate", "generate"])
def test_what_a_killed_run_staged_is_removed_by_the_next_run_of_either_command(project, run):
    debris = staged_debris(project)
    held_memory = project / "content" / "translations" / ".2019-held.po.zzzzzzzz.tmp"
    held_memory.write_bytes(b"")
    with held(held_memory.parent / "2019-held.po", "a test holding it"):  # a run working on that file now
        assert (
            muwazi(["translate", "--engine", "libre", "--url", "http://127.0.0.1:9/"] if run == "translate" else [run])
            == 0
        )
    left = {name for name, path in debris.items() if path.exists()}
    assert left == {"not ours", "not tempfile's"}
    assert held_memory.exists()


def test_what_staged_files_a_run_holding_the_lock_has_are_left_to_it(project):
    debris = staged_debris(project)
    with held(project / "docs", "a test holding it"):
        assert muwazi(["translate", "--engine", "libre", "--url", "http://127.0.0.1:9/"]) == 0
    assert debris["page"].exists() and debris["article page"].exists()
    assert not debris["memory"].exists()
