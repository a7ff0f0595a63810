"""Writing files so that a crash or Ctrl-C never leaves one half-written, and a rebuild touches
only what changed (so `mkdocs serve` does not loop and mtimes mean something)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

STAGED_SUFFIX = ".tmp"  # a file written beside its place and not yet renamed into it


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
