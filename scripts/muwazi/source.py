"""Read articles: plain-text files as the press delivers them, into `Article` objects.

The format: the title on the first line, the dateline on the second, then the body, where a
short line without sentence-final punctuation is a subheading and every other line a paragraph.
Blank lines (and lines of nothing but tatweel) may stand anywhere and are ignored.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .arabic import Dateline, DatelineError, forbidden_character, mostly_arabic, nfc, parse_dateline
from .errors import MuwaziError, display

T = TypeVar("T")

# MkDocs shows its plugins' loggers, so this is seen under `mkdocs build` as under `muwazi build`.
log = logging.getLogger("mkdocs.plugins.muwazi")

HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 12
SENTENCE_FINAL = tuple(".!?؟…:؛\"'»”)")
_IGNORABLE_LINE = re.compile(r"^[\s\u0640\u200b-\u200f\ufeff]*$")
# White space and stray BOMs (left by joining files) at either end of a line are not its text.
_LINE_EDGES = re.compile(r"^[\s\ufeff]+|[\s\ufeff]+$")
# Lines end as any editor ends them (LF, CRLF, CR), so line numbers in errors match the editor's.
_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Segment:
    """One unit of translation: the title, a subheading or a paragraph, with where it stands."""

    kind: str  # "title", "heading" or "paragraph"
    text: str
    line: int
    anchor: str  # the row's id on the page ("s1", "p3"); "" for the title


@dataclass(frozen=True)
class Article:
    slug: str
    path: Path
    title: Segment
    dateline: Dateline
    dateline_line: int
    body: tuple[Segment, ...]
    encoding: str

    @property
    def segments(self) -> tuple[Segment, ...]:
        return (self.title, *self.body)


def slug_for(path: Path) -> str:
    """The article's URL name, from its file name: lower case, words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-")


# A byte-order mark decides: (the mark, the codec for what follows it, the encoding's name).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Text and the encoding it was in: a BOM decides; else UTF-8; else the detector's best guess."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            try:
                return body.decode(codec), name
            except UnicodeDecodeError as error:
                raise MuwaziError(
                    f"not valid {name} despite its byte-order mark ({error.reason}): re-save the file as UTF-8",
                    path,
                    _line_at(body, error.start, codec),
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    from charset_normalizer import from_bytes  # here: only a file that is not UTF-8 needs the detector

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6", "cp720"]).best()
    if best is None or not mostly_arabic(str(best)):
        raise MuwaziError(
            f"undecodable bytes at offset {utf8_error.start}: not UTF-8, UTF-16 or an Arabic code page; "
            "re-save the file as UTF-8",
            path,
            _line_at(data, utf8_error.start, "utf-8"),
        )
    log.info(
        "muwazi: %s is not UTF-8: detected and read as %s (re-save it as UTF-8 to be sure)",
        display(path),
        best.encoding,
    )
    return str(best), best.encoding


def _line_at(data: bytes, offset: int, codec: str) -> int:
    """The line (as an editor counts them) on which the byte at `offset` stands."""
    return len(_LINE_END.split(data[:offset].decode(codec, errors="replace")))


def _trimmed(line: str) -> str:
    """The line without the spaces and byte-order marks at its ends (str.strip first: the pattern
    alone retries its trailing part at every space of a long line)."""
    line = line.strip()
    return _LINE_EDGES.sub("", line) if line.startswith("\ufeff") or line.endswith("\ufeff") else line


def is_heading(line: str) -> bool:
    """A subheading is short and does not end like a sentence."""
    return (
        len(line) <= HEADING_MAX_CHARS and len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(SENTENCE_FINAL)
    )


def parse(text: str, path: Path, encoding: str = "utf-8") -> Article:
    """Parse the text of one article file; `path` names it in errors and gives the slug."""
    lines = list(enumerate(_LINE_END.split(text), start=1))
    for number, line in lines:
        if found := forbidden_character(line):
            raise MuwaziError(f"{found.problem} at column {found.index + 1}: {found.fix}", path, number)
    # In NFC, as the memory's keys are: the same Arabic saved composed or not finds its English.
    lines = [(number, nfc(_trimmed(line))) for number, line in lines if not _IGNORABLE_LINE.match(line)]
    if not lines:
        raise MuwaziError("the article is empty: write the title on line 1 and the dateline on line 2", path, 1)
    (title_line, title), rest = lines[0], lines[1:]
    if not rest:
        raise MuwaziError(
            "the article has a title but no dateline: put it on the line after the title", path, title_line + 1
        )
    dateline_line, dateline_text = rest[0]
    try:
        dateline = parse_dateline(dateline_text)
    except DatelineError as error:
        raise MuwaziError(f"{error}; the line after the title must be the dateline", path, dateline_line) from None
    if len(rest) == 1:
        raise MuwaziError("the article has no body: add its paragraphs after the dateline", path, dateline_line + 1)
    body, headings, paragraphs = [], 0, 0
    for number, line in rest[1:]:
        if is_heading(line):
            headings += 1
            body.append(Segment("heading", line, number, f"s{headings}"))
        else:
            paragraphs += 1
            body.append(Segment("paragraph", line, number, f"p{paragraphs}"))
    if not paragraphs:
        raise MuwaziError(
            "the article has subheadings but no paragraph: add its paragraphs (lines that end with a full stop, ؟ or !)",
            path,
            rest[1][0],
        )
    return Article(
        slug=slug_for(path),
        path=path,
        title=Segment("title", title, title_line, ""),
        dateline=dateline,
        dateline_line=dateline_line,
        body=tuple(body),
        encoding=encoding,
    )


def read_article(path: Path) -> Article:
    text, encoding = decode(path.read_bytes(), path)
    return parse(text, path, encoding)


def article_files(folder: Path) -> list[Path]:
    """The article files in the folder, by name; two files that would share a URL are refused."""
    if not folder.is_dir():
        raise MuwaziError("no articles folder: create it and put one .txt file per article in it", folder)
    paths = sorted(folder.glob("*.txt"))
    by_slug: dict[str, Path] = {}
    for path in paths:
        slug = slug_for(path)
        if not slug:
            raise MuwaziError("the file name gives no URL: name it with Latin letters, digits and hyphens", path)
        if slug in by_slug:
            raise MuwaziError(
                f"this article would have the same URL ({slug}) as {by_slug[slug].name}: rename one", path
            )
        by_slug[slug] = path
    return paths


def newest_first(items: Iterable[T], dated: Callable[[T], Any]) -> list[T]:
    """The items newest first (by slug at the same moment); `dated(item)` is what has the dateline
    and the slug (the item's Article, or its Listing)."""
    return sorted(items, key=lambda item: (dated(item).dateline.moment, dated(item).slug), reverse=True)


def read_articles(folder: Path) -> list[Article]:
    """Every article in the folder, newest first."""
    return newest_first((read_article(path) for path in article_files(folder)), lambda article: article)
