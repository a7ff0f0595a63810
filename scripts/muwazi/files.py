"""Writing files so that a crash or Ctrl-C never leaves one half-written, and a rebuild touches
only what changed (so `mkdocs serve` does not loop and mtimes mean something)."""

from __future__ import annotations

import fcntl
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import MuwaziError

STAGED_SUFFIX = ".tmp"  # a file written beside its place and not yet renamed into it
# The names of what is staged beside its place: `.NAME.XXXXXXXX.tmp` for a file (XXXXXXXX is what
# tempfile puts between prefix and suffix), `.NAME.building.XXXXXXXX` for a build of site/ (earlier
# versions), `.NAME.previous.XXXXXXXX` for the site/ a build replaces (earlier versions left off the
# XXXXXXXX) and `.NAME.spare` for the spare site/ the next build is built into (see incremental.py).
_STAGED_FILE = re.compile(rf"\.(?P<name>.+)\.[a-z0-9_]{{8}}{re.escape(STAGED_SUFFIX)}")
_STAGED_FOLDER = re.compile(r"\.(?P<name>.+)\.(?:(?:building|previous)(?:\.[a-z0-9_]{8})?|spare)")


def write_atomically(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside `path`, then rename it over `path` in one step.

    `durable` also waits for the disk (fsync), so that the file survives a power cut: worth it for
    the translation memory, not for pages and images the next build makes again."""
    temporary = _written_beside(path, data, durable)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def stage_if_changed(path: Path, text: str) -> Path | None:
    """Write a generated page beside `path` unless `path` already holds exactly it: the staged
    file to rename into place once every page is ready, or None when nothing changed."""
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return None
    return _written_beside(path, data, durable=False)


def _written_beside(path: Path, data: bytes, durable: bool) -> Path:
    """A new hidden file beside `path` (MkDocs skips dot-files) holding `data`, with path's permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=STAGED_SUFFIX, dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def lock_file(path: Path) -> Path:
    """Where the advisory lock of `path` (a file or a folder) lives: a hidden file beside it,
    never removed (removing it would let two runs lock two different files)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def held(path: Path, busy: str, wait: bool = True) -> Iterator[None]:
    """Hold the lock of `path` for as long as the block runs; while another process holds it,
    say `busy` (what that process is doing) in one line and wait, or refuse when not `wait`.

    The lock is the kernel's (flock): it is let go when its holder ends, even killed, so a
    killed run never leaves a stale lock behind."""
    with _locked(path, blocking=False) as taken:
        if taken:
            yield
            return
    holder = _holder(path)
    if not wait:
        raise MuwaziError(f"{busy} ({holder}): let it finish, or run again without --no-wait")
    print(f"muwazi: {busy} ({holder}); waiting …", file=sys.stderr, flush=True)
    with _locked(path, blocking=True):
        yield


@contextmanager
def held_if_free(path: Path) -> Iterator[bool]:
    """The lock of `path` if no other process holds it (True), without waiting for it (False)."""
    with _locked(path, blocking=False) as taken:
        yield taken


@contextmanager
def _locked(path: Path, blocking: bool) -> Iterator[bool]:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file(path), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)  # for the message of a run that waits
        yield True
    finally:
        os.close(descriptor)  # lets go of the lock


def _holder(path: Path) -> str:
    try:
        pid = lock_file(path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def staged_in(folder: Path) -> dict[Path, list[Path]]:
    """The files staged in `folder` (by write_atomically or stage_if_changed) and never renamed
    into place, by the file each was meant to replace; a run removes them only while it holds
    that file's lock, or one covering every writer of it."""
    found: dict[Path, list[Path]] = {}
    for path in sorted(folder.glob(f".*{STAGED_SUFFIX}")):
        if staged := _STAGED_FILE.fullmatch(path.name):
            found.setdefault(folder / staged["name"], []).append(path)
    return found


def meant_for(path: Path) -> Path | None:
    """What a staged file, or a staging folder of site/, was to become; None for anything else."""
    staged = _STAGED_FILE.fullmatch(path.name) or _STAGED_FOLDER.fullmatch(path.name)
    return path.with_name(staged["name"]) if staged else None
