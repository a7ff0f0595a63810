"""The translation memory: one gettext PO file per article, msgid the Arabic, msgstr the English.

Entries a person has reviewed carry no flag; machine output carries `#, fuzzy` and a translator
comment naming the engine and the date, so any PO editor shows what still needs review.

polib writes the memory, and `muwazi translate` changes it through polib; the build reads it with
the grammar below, the part of the format PO editors write, at a sixth of polib's cost (tests hold
the two readers to the same entries).
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
_REST = rf"[^{_BREAKS}]*+"
_END = rf"{_SPACE}*+(?:\r\n|[{_BREAKS}]|\Z)"  # the end of a line (or of the file), after any spaces

# The PO files the build reads, one line form and one entry at a time. It is the part of the
# format polib reads that PO editors write, and no more: whatever fits it, polib reads to the same
# entries (tests hold the two together), so the build need not pay for polib's general parser.
_COMMENT = (
    rf"#(?:{_SPACE}{_REST})?{_END}"  # a translator's comment (a bare # too)
    rf"|##{_REST}{_END}"
    rf"|#[,.:]{_SPACE}++[^\s]{_REST}{_END}"  # flags, an extracted comment, a reference
    rf"|#\|{_SPACE}++(?:msgctxt|msgid_plural|msgid){_SPACE}++{_QUOTED}{_END}(?:#\|{_SPACE}++{_QUOTED}{_END})*+"  # the previous msgid
)
_BLANK = rf"{_SPACE}*+(?:\r\n|[{_BREAKS}])|{_SPACE}++\Z"
_COMMENTS = rf"(?:{_COMMENT}|{_BLANK})*+"


def _keywords(mark: str, capture: bool) -> tuple[str, str]:
    """An entry's keywords: msgctxt (if any) and msgid; then msgstr, or msgid_plural and msgstr[n].
    Each holds a string and its continuation lines; every line begins with `mark` (#~ for an
    obsolete entry)."""
    strings = rf"{_QUOTED}{_END}(?:{mark}{_QUOTED}{_END})*+"

    def part(keyword: str, name: str | None = None) -> str:
        return rf"{mark}{keyword}{_SPACE}++" + (rf"(?P<{name}>{strings})" if capture and name else strings)

    plural = part(r"msgstr\[[0-9]+\]")
    return (
        rf"(?:{part('msgctxt', 'context')})?{part('msgid', 'msgid')}",
        rf"(?:{part('msgstr', 'msgstr')}|{part('msgid_plural')}(?:{plural})++)",
    )


_OBSOLETE_MARK = rf"#~{_SPACE}++"
_OBSOLETE_PREVIOUS = rf"(?:#~\|(?:{_SPACE}{_REST})?{_END})*+"  # an obsolete entry's previous msgid, which polib skips
_LIVE, _OBSOLETE = _keywords("", True), _keywords(_OBSOLETE_MARK, False)
_ENTRY = re.compile(rf"(?P<comments>{_COMMENTS})(?:{_OBSOLETE_PREVIOUS}{''.join(_OBSOLETE)}|{''.join(_LIVE)})")
_ENDING = re.compile(rf"{_COMMENTS}\Z")  # comments after the last entry, which belong to none
# Where one of a keyword's strings ends and the next, on the line below, begins (a quote inside a
# string is escaped, and a line break cannot be inside one, so nothing else looks like this).
_JUNCTION = re.compile(rf'"{_SPACE}*+(?:\r\n|[{_BREAKS}])"')
# One line of any of the forms above (compiled only to name the line of a file that does not fit).
_LINE = (
    rf"(?:{_COMMENT}|#\|{_SPACE}++{_QUOTED}{_END}|#~\|(?:{_SPACE}{_REST})?{_END}"
    rf"|(?:{_OBSOLETE_MARK})?(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[[0-9]+\])?){_SPACE}++)?{_QUOTED}{_END}|{_BLANK})"
)
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
    """The PO file as polib sees it, to change and save (a new empty one if the file does not exist
    yet); refused, as the build refuses it, if it is not a memory the build can read."""
    if not path.exists():
        return new_catalogue(slug)
    text = _text(path)
    _read(text, path)
    return polib.pofile(text, wrapwidth=78, encoding="utf-8")  # read as UTF-8 above: no need to detect it


def load(translations: Path, slug: str) -> dict[str, Entry]:
    """The usable entries of an article's memory, keyed by their Arabic: empty translations count as missing."""
    path = path_for(translations, slug)
    return _read(_text(path), path) if path.exists() else {}


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise MuwaziError("the translation memory is not UTF-8: re-save it as UTF-8", path, line) from None


def _read(text: str, path: Path) -> dict[str, Entry]:
    """The usable entries, as polib would give them, entry by entry through the PO grammar above;
    refuses a file the grammar does not fit, and two entries for one Arabic segment (which would
    make its English ambiguous)."""
    found: dict[str, Entry] = {}
    msgid_at: dict[tuple[str | None, str], int] = {}  # where each (msgctxt, msgid) is, to name both of a duplicate
    position, header_at = 0, None
    while position < len(text):
        entry = _ENTRY.match(text, position)
        if entry is None:
            if _ENDING.match(text, position):
                break
            raise _malformed(text, position, path)
        position = entry.end()
        if entry["msgid"] is None:
            continue  # obsolete
        msgid = _joined(entry["msgid"])
        if (
            msgid == ""
        ):  # the file's header (its metadata), not an entry; only one, as polib reads a second in its own way
            if header_at is not None:
                raise MuwaziError(
                    f"a second entry with an empty msgid (the header is at line {_line_at(text, header_at)}): remove it",
                    path,
                    _line_at(text, entry.start("msgid")),
                )
            header_at = entry.start("msgid")
            continue
        key = (_joined(entry["context"]) if entry["context"] else None, msgid)
        if key in msgid_at:
            raise MuwaziError(
                f"duplicate msgid (the same Arabic as the entry at line {_line_at(text, msgid_at[key])}): keep one of the two entries",
                path,
                _line_at(text, entry.start("msgid")),
            )
        msgid_at[key] = entry.start("msgid")
        english = _joined(entry["msgstr"]) if entry["msgstr"] else ""  # a plural entry has none
        if english.strip():
            found[msgid] = _entry_from(english, entry["comments"], opens_the_file=entry.start() == 0)
    return found


def _joined(strings: str) -> str:
    """A keyword's string and its continuations as one, unescaped as polib unescapes them (each
    string holds whole escapes, so unescaping them joined is the same as one by one)."""
    joined = _JUNCTION.sub("", strings.rstrip()[1:-1])
    return polib.unescape(joined) if "\\" in joined else joined


def _entry_from(english: str, comments: str, opens_the_file: bool) -> Entry:
    """The entry with what its comments say: flagged fuzzy, and the engine and date of machine
    output. As polib reads them, a file's opening translator comments belong to the file."""
    notes, fuzzy, opening = [], False, opens_the_file
    for line in comments.splitlines():
        line = line.strip()
        if line[:2] in ("#,", "#.", "#:", "#|"):
            opening = False
            fuzzy = fuzzy or (line[:2] == "#," and "fuzzy" in (flag.strip() for flag in line[3:].split(",")))
        elif line[:1] == "#" and not opening:
            note = line.lstrip("#")
            notes.append(note[1:] if note[:1] == " " else note)
    machine = MACHINE_COMMENT.search("\n".join(notes))
    return Entry(english, not fuzzy, machine["engine"] if machine else None, machine["date"] if machine else None)


def _line_at(text: str, position: int) -> int:
    return len((text[:position] + "x").splitlines())


def _malformed(text: str, position: int, path: Path) -> MuwaziError:
    """Why the entry at `position` does not fit the grammar, at the line where it stops fitting."""
    start = re.compile(_COMMENTS).match(text, position).end()
    previous = re.compile(_OBSOLETE_PREVIOUS).match(text, start).end()
    obsolete = text.startswith("#~", previous)
    begin = previous if obsolete else start
    named = re.compile((_OBSOLETE if obsolete else _LIVE)[0]).match(text, begin)
    at, expected = (
        (re.compile(rf"(?:{_BLANK})*+").match(text, named.end()).end(), "msgstr") if named else (begin, "msgid")
    )
    if at == len(text):  # the file ends inside the entry
        return MuwaziError(
            f"malformed PO file: the entry on this line has no {expected}; fix it in a PO editor",
            path,
            _line_at(text, begin),
        )
    if not re.compile(_LINE).match(text, at):
        return MuwaziError(
            "malformed PO file: this line is not a comment, keyword or quoted string; fix it in a PO editor",
            path,
            _line_at(text, at),
        )
    return MuwaziError(
        f"malformed PO file: {expected} expected on this line; fix it in a PO editor", path, _line_at(text, at)
    )


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
