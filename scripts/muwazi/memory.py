"""The translation memory: one gettext PO file per article, msgid the Arabic, msgstr the English.

Entries a person has reviewed carry no flag; machine output carries `#, fuzzy` and a translator
comment naming the engine and the date, so any PO editor shows what still needs review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polib

from .errors import MuwaziError
from .files import write_atomically

# What str.splitlines (and so polib) takes for the end of a line.
_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# A quoted string, matched possessively: an unclosed quote fails at once, instead of the engine
# trying every way to split the rest of the line (a second for 24 characters, twice that for each
# one more: years for a line of fifty).
_QUOTED = rf'"(?:[^"\\{_BREAKS}]++|\\[^{_BREAKS}])*+"'
_SPACE = rf"[^\S{_BREAKS}]"
# One line of a PO file: a string continuing the one above, a keyword and its string, a comment, or blank.
_PO_LINE_FORMS = rf"(?:{_QUOTED}{_SPACE}*|(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?){_SPACE}+{_QUOTED}{_SPACE}*|#[^{_BREAKS}]*|{_SPACE}*)"
_PO_LINE = re.compile(_PO_LINE_FORMS)
# Every line at once: one match instead of one per line (that was an eighth of reading the memory).
_PO_LINES = re.compile(rf"{_PO_LINE_FORMS}(?:(?:\r\n|[{_BREAKS}]){_PO_LINE_FORMS})*")
MACHINE_COMMENT = re.compile(r"^machine translation: (?P<engine>[\w.-]+), (?P<date>\d{4}-\d{2}-\d{2})$", re.M)


@dataclass(frozen=True)
class Entry:
    """The English for one Arabic segment, and whether a person has reviewed it."""

    english: str
    reviewed: bool
    engine: str | None = None
    translated_on: str | None = None


def path_for(translations: Path, slug: str) -> Path:
    return translations / f"{slug}.po"


def new_catalogue(slug: str) -> polib.POFile:
    """An empty memory for an article, with the header any PO editor needs."""
    catalogue = polib.POFile(wrapwidth=78)
    catalogue.metadata = {
        "Project-Id-Version": f"muwazi {slug}",
        "Language": "en",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Source-Language": "ar",
    }
    return catalogue


def load_catalogue(path: Path, slug: str) -> polib.POFile:
    """The PO file as polib sees it (a new empty one if the file does not exist yet)."""
    if not path.exists():
        return new_catalogue(slug)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise MuwaziError("the translation memory is not UTF-8: re-save it as UTF-8", path, line) from None
    if not _PO_LINES.fullmatch(text):
        number = next(n for n, line in enumerate(text.splitlines(), start=1) if not _PO_LINE.fullmatch(line))
        raise MuwaziError("malformed PO file: this line is not a comment, keyword or quoted string; fix it in a PO editor", path, number)
    try:
        catalogue = polib.pofile(text, wrapwidth=78, encoding="utf-8")  # read as UTF-8 above: no need to detect it
    except (OSError, ValueError) as error:
        found = re.search(r"line (\d+)", str(error))
        message = str(error).split(" (line")[0].rstrip(".")
        raise MuwaziError(f"malformed PO file: {message}; fix it in a PO editor", path, int(found[1]) if found else None) from None
    _refuse_duplicates(catalogue, text, path)
    return catalogue


def _refuse_duplicates(catalogue: polib.POFile, text: str, path: Path) -> None:
    """Two entries for one Arabic segment would make its English ambiguous: name the second one's msgid line."""
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    for item in catalogue:
        if item.obsolete:
            continue
        seen = first.setdefault((item.msgctxt, item.msgid), item)
        if seen is not item:
            lines = text.splitlines()
            raise MuwaziError(
                f"duplicate msgid (the same Arabic as the entry at line {_msgid_line(seen, lines)}): keep one of the two entries",
                path,
                _msgid_line(item, lines),
            )


def _msgid_line(item: polib.POEntry, lines: list[str]) -> int:
    """polib numbers an entry from its first line (often a comment); the msgid line is what to fix."""
    return next((n for n in range(max(item.linenum, 1), len(lines) + 1) if lines[n - 1].startswith("msgid ")), item.linenum)


def entries(catalogue: polib.POFile) -> dict[str, Entry]:
    """The usable entries, keyed by their Arabic; empty translations count as missing."""
    found = {}
    for item in catalogue:
        if item.obsolete or not item.msgstr.strip():
            continue
        machine = MACHINE_COMMENT.search(item.tcomment or "")
        found[item.msgid] = Entry(
            english=item.msgstr,
            reviewed="fuzzy" not in item.flags,
            engine=machine["engine"] if machine else None,
            translated_on=machine["date"] if machine else None,
        )
    return found


def load(translations: Path, slug: str) -> dict[str, Entry]:
    return entries(load_catalogue(path_for(translations, slug), slug))


def record_machine_translation(
    catalogue: polib.POFile, arabic: str, english: str, engine: str, occurrence: tuple[str, str], on: date
) -> None:
    """Put a machine translation into the catalogue, flagged fuzzy; never touches a reviewed entry."""
    item = catalogue.find(arabic)
    if item is not None and item.msgstr.strip() and "fuzzy" not in item.flags:
        raise ValueError("refusing to overwrite a reviewed translation")
    if item is None:
        item = polib.POEntry(msgid=arabic, occurrences=[occurrence])
        catalogue.append(item)
    item.msgstr = english
    item.tcomment = f"machine translation: {engine}, {on.isoformat()}"
    if "fuzzy" not in item.flags:
        item.flags.append("fuzzy")


def save(catalogue: polib.POFile, path: Path) -> None:
    """Write the whole catalogue in one atomic step, byte for byte as polib itself would."""
    text = str(catalogue)
    write_atomically(path, (text if text.endswith("\n") else text + "\n").encode("utf-8"))
