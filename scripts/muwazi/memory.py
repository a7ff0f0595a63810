"""The translation memory: one gettext PO file per article, msgid the Arabic, msgstr the English.

Entries a person has reviewed carry no flag; machine output carries `#, fuzzy` and a translator
comment naming the engine and the date, so any PO editor shows what still needs review.

polib reads and writes the memory, for the build and for `muwazi translate` alike. Before polib,
each line's shape is checked, and polib's own complaints are put in words a translator can act on,
so that a broken file is refused at its line rather than read in some way of polib's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polib

from .arabic import forbidden_character, nfc, unshowable
from .errors import MuwaziError
from .files import write_atomically

# A quoted string, its escapes whole; matched possessively, so that an unclosed quote fails at once
# instead of the engine trying every way to split the rest of the line.
_STRING = r'"(?:[^"\\]++|\\.)*+"'
# One line as PO editors write it: a keyword and its string (after #~ in an obsolete entry), a string
# continuing the one above, a comment (its mark, then a space before any text), or a blank line.
# polib takes a few other lines in ways of its own (an indented keyword, `#,fuzzy` as a syntax error).
_LINE = re.compile(
    rf"(?:#~\s+)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[[0-9]+\])?)\s+)?{_STRING}\s*"
    r"|#[,.:]?(?:\s.*)?|#\|\s+\S.*|#~\|(?:\s.*)?|##.*|\s*"
)
_POLIB_ERROR = re.compile(r"\(line (?P<line>\d+)\)(?:: (?P<reason>.+))?")
MACHINE_COMMENT = re.compile(r"^machine translation: (?P<engine>[\w.-]+), (?P<date>\d{4}-\d{2}-\d{2})$", re.M)
# An editor's instruction to Muwazi, one per translator-comment line: `# muwazi: <word> <what follows>`.
DIRECTIVE = re.compile(r"^muwazi:[ \t]*(?P<word>[\w-]+)[ \t]*(?P<rest>.*?)[ \t]*$", re.M)


@dataclass(frozen=True)
class Entry:
    """The English for one Arabic segment, and whether a person has reviewed it."""

    english: str
    reviewed: bool
    engine: str | None = None
    translated_on: str | None = None
    directives: tuple[tuple[str, str], ...] = ()  # the editor's `muwazi:` comment lines, (word, the rest)


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
    """The PO file as polib sees it (a new empty one if the file does not exist yet); refused, at
    the line to fix, if it is not a memory the build can read."""
    if not path.exists():
        return new_catalogue(slug)
    text = _text(path)
    _refuse_unshowable(text, path)
    lines = text.splitlines()  # as polib splits them, so that line numbers agree
    _refuse_malformed_lines(lines, path)
    try:  # read as UTF-8 above: no need for polib to detect it
        catalogue = polib.pofile(_ended(text, lines), wrapwidth=78, encoding="utf-8")
    except (OSError, ValueError) as error:
        raise _refusal(error, lines, path) from None
    _refuse_forbidden_strings(catalogue, lines, path)
    _refuse_ambiguous(catalogue, lines, path)
    for item in catalogue:  # in NFC, as the articles are: the same Arabic saved either way is one key
        item.msgid, item.msgstr = nfc(item.msgid), nfc(item.msgstr)
        if item.msgctxt is not None:
            item.msgctxt = nfc(item.msgctxt)
    return catalogue


def load(translations: Path, slug: str) -> dict[str, Entry]:
    """The usable entries of an article's memory (see entries)."""
    return entries(load_catalogue(path_for(translations, slug), slug))


def entries(catalogue: polib.POFile) -> dict[str, Entry]:
    """The usable entries of a catalogue, keyed by their Arabic (the last one where two contexts
    share it): obsolete and plural entries are left out, empty translations count as missing."""
    found = {}
    for item in catalogue:
        if item.obsolete or item.msgid_plural or not item.msgstr.strip():
            continue
        machine = MACHINE_COMMENT.search(item.tcomment)
        found[item.msgid] = Entry(
            english=item.msgstr,
            reviewed="fuzzy" not in item.flags,
            engine=machine["engine"] if machine else None,
            translated_on=machine["date"] if machine else None,
            directives=tuple((found["word"], found["rest"]) for found in DIRECTIVE.finditer(item.tcomment)),
        )
    return found


def _text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise MuwaziError("the translation memory is not UTF-8: re-save it as UTF-8", path, line) from None


def _refuse_unshowable(text: str, path: Path) -> None:
    """Refuse a control character or a bidi embedding anywhere in the file, at its line and column,
    as the article reader does. A few of them (U+000B, U+001C, U+0085 ...) end a line for polib:
    each line is checked with its end, so that one is named, and not the broken line it leaves."""
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if found := unshowable(line.removesuffix("\n").removesuffix("\r")):
            raise MuwaziError(f"{found.problem} at column {found.index + 1}: {found.fix}", path, number)


def _refuse_forbidden_strings(catalogue: polib.POFile, lines: list[str], path: Path) -> None:
    """What the raw lines cannot show: a control character written as an escape (\\v, \\b, \\f) and
    a bidi isolate left open or closed without opening, in a string that may span several lines."""
    for item in catalogue:
        if item.obsolete:
            continue
        start = _msgid_line(item, lines)
        for keyword, value in (("msgid", item.msgid), ("msgstr", item.msgstr)):
            if found := forbidden_character(value):
                line = _line_of(lines, _keyword_line(lines, start, keyword), found.index)
                raise MuwaziError(f"{found.problem} in the {keyword}: {found.fix}", path, line)


def _keyword_line(lines: list[str], start: int, keyword: str) -> int:
    """The first line from `start` on that begins with the keyword (the entry's own)."""
    return next((n for n in range(start, len(lines) + 1) if lines[n - 1].startswith(keyword + " ")), start)


def _line_of(lines: list[str], first: int, index: int) -> int:
    """The line, of a string's keyword line and the continuation lines after it, that holds the
    character at `index` of the string polib read."""
    number, read = first, 0
    while number <= len(lines) and (number == first or lines[number - 1].startswith('"')):
        line = lines[number - 1]
        read += len(polib.unescape(line[line.index('"') + 1 : line.rindex('"')]))
        if index < read:
            return number
        number += 1
    return first


def _refuse_malformed_lines(lines: list[str], path: Path) -> None:
    """Name a line that is none of the PO forms, before polib reads it in some way of its own."""
    for number, line in enumerate(lines, start=1):
        if not _LINE.fullmatch(line):
            raise MuwaziError(
                "malformed PO file: this line is not a comment, keyword or quoted string; fix it in a PO editor",
                path,
                number,
            )


def _ended(text: str, lines: list[str]) -> str:
    """polib keeps the file's last entry only if the file ends in it or in a comment polib reads:
    after one it skips (a bare `#,`, `#.` or `#:`, or `#~|`) the entry would be lost. A previous
    msgid on a line of its own, which polib reads and which belongs to no entry, keeps it."""
    last = next((line for line in reversed(lines) if line.strip()), "")
    return text + '\n#| msgid ""' if last.startswith("#") else text


def _refusal(error: Exception, lines: list[str], path: Path) -> MuwaziError:
    """polib's reason for refusing the file, at its line. Where it gives none, every line being well
    formed, the order of an entry's parts breaks on that line: say so."""
    found = _POLIB_ERROR.search(str(error))
    if found is None:
        return MuwaziError(f"malformed PO file: {error}; fix it in a PO editor", path)
    number = int(found["line"])
    reason = found["reason"]
    if reason is None:
        keyword = lines[number - 1].removeprefix("#~").split()[0]
        reason = (
            "the entry above this line has no msgstr"
            if keyword in ("msgctxt", "msgid")
            else "this line is out of order (an entry is its comments, then msgctxt, msgid and msgstr)"
        )
    return MuwaziError(f"malformed PO file: {reason}; fix it in a PO editor", path, number)


def _refuse_ambiguous(catalogue: polib.POFile, lines: list[str], path: Path) -> None:
    """Two entries for one Arabic segment would make its English ambiguous: name the second one's
    msgid line. Two msgids that differ only in their Unicode form are one segment. polib takes one
    entry with an empty msgid for the file's header and leaves a second among the entries: refuse
    that too."""
    first: dict[tuple[str | None, str], polib.POEntry] = {}
    for item in catalogue:
        if item.obsolete:
            continue
        if not item.msgid:
            raise _second_header(catalogue, item, lines, path)
        seen = first.setdefault((item.msgctxt and nfc(item.msgctxt), nfc(item.msgid)), item)
        if seen is not item:
            form = "" if (seen.msgctxt, seen.msgid) == (item.msgctxt, item.msgid) else ", once both are in Unicode NFC"
            raise MuwaziError(
                f"duplicate msgid (the same Arabic as the entry at line {_msgid_line(seen, lines)}{form}): keep one of the two entries",
                path,
                _msgid_line(item, lines),
            )


def _second_header(catalogue: polib.POFile, item: polib.POEntry, lines: list[str], path: Path) -> MuwaziError:
    """The header polib took out of the entries is at the one msgid line no live entry has; of the
    two, the later is the one to remove."""
    taken = {_msgid_line(entry, lines) for entry in catalogue if not entry.obsolete}
    header = next((n for n, line in enumerate(lines, start=1) if line.startswith("msgid ") and n not in taken), 1)
    first, second = sorted((header, _msgid_line(item, lines)))
    return MuwaziError(f"a second entry with an empty msgid (the header is at line {first}): remove it", path, second)


def _msgid_line(item: polib.POEntry, lines: list[str]) -> int:
    """polib numbers an entry from its first line (often a comment), the file's first entry from 0;
    the msgid line is what to fix."""
    start = item.linenum or 1
    return next((n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgid ")), start)


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
