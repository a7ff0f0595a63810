"""Two runs at once, and runs killed with `kill -9`, as real `muwazi` processes: nothing lost,
nothing truncated, no process or file left behind. Each race is made wide on purpose (a run
stopped with SIGSTOP while it holds its lock, a server answering two runs at the same instant),
so that the outcome does not depend on timing; every wait has a deadline."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

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
