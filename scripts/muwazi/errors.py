"""The one kind of error a user sees: what is wrong, where (file and line), and what to do."""

from __future__ import annotations

import errno
import re
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

# The exit codes of the `muwazi` command.
SUCCESS = 0
FAILED = 1  # the MkDocs build failed, `actors check --strict` found candidates, `translate` could not save all
USAGE = 2  # a command line the parser refused (click's own code)
REFUSED = 3  # refused input: a MuwaziError
SYSTEM = 4  # the machine refused: a disk full, a folder that may not be written, a worker process killed
INTERRUPTED = 130  # Ctrl-C, as a shell reports a process ended by SIGINT


class MuwaziError(Exception):
    """Bad input or a refused operation; the CLI prints it as one line and exits with REFUSED."""

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(str(self))

    def __reduce__(self):
        return type(self), (self.message, self.path, self.line)  # whole across worker processes

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{display(self.path)}:{self.line}: " if self.line else f"{display(self.path)}: "
        return where + self.message


def display(path: Path) -> str:
    """A path relative to the working directory where that is shorter to read. Only its folder is
    resolved: a link is named as the link, not as what it leads to (nor lost in a loop)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a loop, as pathlib reports it before 3.13
        return str(path)


_STAGED = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp$")  # files.py's temporary name for a file it writes
_STAGING_FOLDER = re.compile(r"^\.(?P<site>.+)\.building\.[a-z0-9_]{8}$")  # where a build stages site/
_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}
_NOTHING_HALF_WRITTEN = "no file was left half-written"


def system_failure(error: BaseException) -> str | None:
    """What the CLI says, in one line, when the machine rather than the input stopped a command
    (exit code SYSTEM); None for any other error."""
    if isinstance(error, BrokenProcessPool):
        return (
            "a worker process ended before its work was done (killed, or out of memory): "
            f"nothing was changed and {_NOTHING_HALF_WRITTEN}; run the command again"
        )
    if not isinstance(error, OSError) or error.errno not in _DISK_FULL | _NOT_WRITABLE:
        return None
    where = error.filename2 or error.filename  # a rename's target, else the file written
    at = f"{display(_meant(Path(where)))}: " if where else ""
    if error.errno in _DISK_FULL:
        return f"{at}no space left on the disk: free some space and run the command again; {_NOTHING_HALF_WRITTEN}"
    what = "the file system is read-only" if error.errno == errno.EROFS else "this user may not write there"
    return f"{at}{what}: make the folder writable and run the command again; {_NOTHING_HALF_WRITTEN}"


def _meant(path: Path) -> Path:
    """The file a temporary file was to become (and site/ for a build's staging folder), so the
    message names a file the user knows."""
    staged = _STAGED.match(path.name)
    path = path.with_name(staged["name"]) if staged else path
    return Path(*(_STAGING_FOLDER.sub(r"\g<site>", part) for part in path.parts))
