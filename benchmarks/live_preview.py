"""How soon `muwazi serve` shows an edit: one msgstr changed in one article's PO file of a large
site, until that article's page, fetched over HTTP from the server, carries the new English.

It makes a project of N synthetic articles (build_time.make_project), starts `muwazi serve` on a
free port, waits for the first build, then edits one article's translation a few times, polling
the article's page until the new English is in it, and prints a table: the whole wait, and its
parts as the server's log gives them (the generation step, MkDocs' dirty build without the link
previews, the previews, and what is left: noticing the change, starting the rebuild and
answering); and, apart, the search index, which the server brings up to date after the page is
served. Run it from the project folder:

    .venv/bin/python benchmarks/live_preview.py                  # 1,000 articles, 3 edits
    .venv/bin/python benchmarks/live_preview.py --articles 100 --edits 2
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import polib

from build_time import make_project

TIMEOUT = 1800.0  # seconds; the first build of a large site takes minutes on a slow machine
POLL = 0.05  # seconds between two requests for the page
QUIET = 3.0  # seconds without a line in the server's log: it is idle

# What the server's log says each step of a rebuild took.
STEP_LOG = {
    "generation": r"→ \d+ pages \(.*\) in ([\d.]+) s",
    "MkDocs": r"Documentation built in ([\d.]+) seconds",
    "link previews": r"link previews ready in ([\d.]+) s",
    "search index": r"search index ready in ([\d.]+) s",
}


@dataclass
class Edit:
    seconds: float  # from saving the PO file to the page carrying the new English
    steps: dict[str, float]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetched(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def wait_until(condition, what: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if server.poll() is not None:
            raise SystemExit(f"muwazi serve ended (code {server.returncode}) before {what}")
        if time.monotonic() > deadline:
            raise SystemExit(f"gave up waiting for {what}")
        time.sleep(POLL)


def quiet(log_path: Path) -> bool:
    """The server is idle: every build it started has ended, and its log has not grown for a while
    (the generation step writes docs/, which the server watches: one more build follows each edit's)."""
    log = log_path.read_text(encoding="utf-8")
    if log.count("Building documentation...") > log.count("Documentation built in"):
        return False
    if log.count("indexing the site for search") > log.count("search index ready"):
        return False
    return time.time() - log_path.stat().st_mtime > QUIET


def steps_of(log: str) -> dict[str, float]:
    """Seconds per step of one rebuild, from its part of the server's log; MkDocs' own time covers
    the generation step (run by the plugin before the build) and the previews, which are taken out
    of it; the search index comes after it."""
    found = {step: float(match[1]) if (match := re.search(pattern, log)) else 0.0 for step, pattern in STEP_LOG.items()}
    found["MkDocs"] -= found["generation"] + found["link previews"]
    return found


def edit_translation(po: Path, number: int) -> str:
    """Change the English of the article's second paragraph, as an editor would; the new English."""
    catalogue = polib.pofile(str(po))
    entry = [entry for entry in catalogue if entry.msgid][2]
    entry.msgstr = f"The editor corrected this paragraph (edit {number}), to be seen at once."
    catalogue.save()
    return entry.msgstr


def measure(count: int, edits: int, workdir: Path) -> tuple[float, list[Edit]]:
    project = workdir / "project"
    project.mkdir()
    make_project(project, count)
    slug = sorted(path.stem for path in (project / "content" / "articles").glob("*.txt"))[count // 2]
    port = free_port()
    url = f"http://127.0.0.1:{port}/articles/{slug}/"
    log_path = workdir / "serve.log"
    environment = os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts")}
    with log_path.open("w") as log:
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "muwazi.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
        )
    try:
        wait_until(lambda: fetched(url) is not None, "the first build", server)
        first = time.perf_counter() - started
        results = []
        for number in range(1, edits + 1):
            wait_until(lambda: quiet(log_path), "the server to be idle", server)
            before = len(log_path.read_text(encoding="utf-8"))
            saved = time.perf_counter()
            english = edit_translation(project / "content" / "translations" / f"{slug}.po", number)
            wait_until(lambda english=english: english in (fetched(url) or ""), f"edit {number} to show", server)
            seconds = time.perf_counter() - saved
            wait_until(
                lambda before=before: "search index ready" in log_path.read_text(encoding="utf-8")[before:],
                "the log",
                server,
            )
            results.append(Edit(seconds, steps_of(log_path.read_text(encoding="utf-8")[before:])))
        return first, results
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site folder …
        try:
            server.wait(TIMEOUT)  # … once the build under way has ended
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    # The server is stopped as Ctrl-C stops it. Run in the background by a shell, this script starts
    # with SIGINT ignored, which the server would inherit: a handler here is reset for it instead.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory(prefix="muwazi-live-") as workdir:
        first, results = measure(args.articles, args.edits, Path(workdir))
    print(f"{args.articles} articles; the first build under serve: {first:.1f} s\n")
    names = [name for name in STEP_LOG if name != "search index"]
    print(
        "| edit | shown after (s) | "
        + " | ".join(f"{name} (s)" for name in names)
        + " | the rest (s) | then the search index (s) |"
    )
    print("|---:|---:|" + "---:|" * (len(names) + 2))
    for number, edit in enumerate(results, 1):
        rest = edit.seconds - sum(edit.steps[name] for name in names)
        steps = " | ".join(f"{edit.steps[name]:.2f}" for name in names)
        print(f"| {number} | {edit.seconds:.2f} | {steps} | {rest:.2f} | {edit.steps['search index']:.2f} |")


if __name__ == "__main__":
    main()
