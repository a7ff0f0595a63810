"""Two runs at once, and runs killed with `kill -9`, as real `muwazi` processes: nothing lost,
nothing truncated, no process or file left behind. Each race is made wide on purpose (a run
stopped with SIGSTOP while it holds its lock, a server answering two runs at the same instant),
so that the outcome does not depend on timing; every wait has a deadline."""

from __future__ import annotations

import hashlib
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

from helpers import SEED_SLUG
from muwazi import memory
from muwazi.errors import REFUSED

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
    assert sorted(path.name for path in project.glob(".site*")) == [".site.buildingX", ".site.lock"]


# --- 2. two translations of one article at once ---------------------------------------------------


def english_for(arabic: str) -> str:
    return f"English for {len(arabic)} characters ({hashlib.sha1(arabic.encode()).hexdigest()[:10]})."


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
