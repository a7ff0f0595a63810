"""The one kind of error a user sees: what is wrong, where (file and line), and what to do."""

from __future__ import annotations

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
