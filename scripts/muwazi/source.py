"""Read articles: plain-text files as the press delivers them, into `Article` objects.

The format: the title on the first line, the dateline on the second, then the body, where a
short line without sentence-final punctuation is a subheading and every other line a paragraph.
Blank lines (and lines of nothing but tatweel) may stand anywhere and are ignored.
"""

from __future__ import annotations

import codecs
import logging
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .arabic import Dateline, DatelineError, forbidden_character, mostly_arabic, nfc, parse_dateline
from .errors import MuwaziError, display

T = TypeVar("T")

# MkDocs shows its plugins' loggers, so this is seen under `mkdocs build` as under `muwazi build`.
log = logging.getLogger("mkdocs.plugins.muwazi")

ARTICLE_MAX_BYTES = 1024 * 1024  # per article file: a longer one is not an article but a mistake
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
    text, encoding = decode(read_bounded(path), path)
    return parse(text, path, encoding)


def read_bounded(path: Path) -> bytes:
    """The bytes of an article file, refused if it is not a regular file or is over the limit.
    Opened without blocking (a pipe put in the file's place does not hang the read) and read up to
    one byte past the limit, so a file that grows meanwhile is still bounded."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise MuwaziError(
            f"cannot open the article ({error.strerror}): check that it exists and is readable", path
        ) from None
    with os.fdopen(descriptor, "rb") as stream:
        _check_file(path, os.fstat(descriptor))
        data = stream.read(ARTICLE_MAX_BYTES + 1)
    if len(data) > ARTICLE_MAX_BYTES:
        raise _too_large(path)
    return data


# The file names of articles: Latin letters, digits, hyphens, underscores, spaces and dots.
_ARTICLE_NAME = re.compile(r"[A-Za-z0-9_. -]+\.txt")
ARTICLE_SUFFIX = ".txt"


def article_files(folder: Path) -> list[Path]:
    """The article files in the folder, by name. Hidden files and a README are not articles and
    are skipped; anything else that is not a well-named .txt file (regular, or a link to one inside
    the project) is refused, as are two files that would share a URL."""
    if not folder.is_dir():
        raise MuwaziError("no articles folder: create it and put one .txt file per article in it", folder)
    project = folder.parent.parent.resolve()  # the folder holding mkdocs.yml, content/ and the rest
    paths = sorted(path for path in folder.iterdir() if not _not_an_article(path))
    by_slug: dict[str, Path] = {}
    for path in paths:
        _check_entry(path, project)
        _check_name(path)
        slug = slug_for(path)
        if not slug:
            raise MuwaziError(
                f"the file name gives no URL: name it with Latin letters and digits, e.g. {_suggested_name(path)}",
                path,
            )
        if slug in by_slug:
            raise MuwaziError(
                f"this article would have the same URL ({slug}) as {by_slug[slug].name}: rename one", path
            )
        by_slug[slug] = path
    return paths


def _not_an_article(path: Path) -> bool:
    """Hidden files (an editor's, the system's) and a README describing the folder are left alone."""
    return path.name.startswith(".") or path.name.split(".")[0].upper() == "README"


def _check_entry(path: Path, project: Path) -> None:
    """Refuse a folder, a device, a pipe, a broken link or a link out of the project, without
    opening it (opening a pipe would wait for a writer)."""
    try:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = path.resolve(strict=True)
            if not target.is_relative_to(project):
                raise MuwaziError(
                    "a link to a file outside the project: copy the file into content/articles instead", path
                )
            info = target.stat()
    except (OSError, RuntimeError):  # RuntimeError: a link loop, as pathlib reports it before 3.13
        raise MuwaziError(
            "a link that leads to no file (its target is missing, or it loops): remove it or link to the article itself",
            path,
        ) from None
    _check_file(path, info)


def _check_file(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise MuwaziError(
            "a folder, not an article: put each article as a .txt file directly in content/articles", path
        )
    if not stat.S_ISREG(info.st_mode):
        raise MuwaziError("not a regular file (a device, pipe or socket): an article must be a plain .txt file", path)
    if info.st_size > ARTICLE_MAX_BYTES:
        raise _too_large(path)


def _too_large(path: Path) -> MuwaziError:
    return MuwaziError(
        f"the file is over the limit of {ARTICLE_MAX_BYTES // (1024 * 1024)} MiB per article: split it into articles of their own",
        path,
    )


def _check_name(path: Path) -> None:
    """An article is named `something.txt` in Latin letters, digits, hyphens, underscores,
    spaces and dots: the name is its URL, and a letter the URL cannot show would be lost from it."""
    if _ARTICLE_NAME.fullmatch(path.name):
        return
    suggested = _suggested_name(path)
    if path.suffix.lower() != ARTICLE_SUFFIX:
        raise MuwaziError(
            f"not an article: only plain-text {ARTICLE_SUFFIX} files are read here; save it as plain text "
            f"(e.g. {suggested}) or move it out of content/articles",
            path,
        )
    if path.suffix != ARTICLE_SUFFIX:
        raise MuwaziError(f"the suffix must be {ARTICLE_SUFFIX} in lower case: rename it to {suggested}", path)
    raise MuwaziError(
        "the name is the article's URL, so it may hold only Latin letters, digits, hyphens, underscores, "
        f"spaces and dots: rename it, e.g. to {suggested}",
        path,
    )


def _suggested_name(path: Path) -> str:
    """A valid name close to the file's: accents taken off, the other letters dropped, and words
    standing for the title where no Latin letter is left (an Arabic name has none)."""
    if _ARTICLE_NAME.fullmatch(kept := path.stem + ARTICLE_SUFFIX):
        return kept
    latin = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode("ascii")
    words = "-".join(re.findall(r"[A-Za-z0-9]+", latin)).lower()
    if not re.search(r"[a-z]", words):
        words = "-".join(filter(None, (words, "title-in-latin-letters")))
    return words + ARTICLE_SUFFIX


def newest_first(items: Iterable[T], dated: Callable[[T], Any]) -> list[T]:
    """The items newest first (by slug at the same moment); `dated(item)` is what has the dateline
    and the slug (the item's Article, or its Listing)."""
    return sorted(items, key=lambda item: (dated(item).dateline.moment, dated(item).slug), reverse=True)


def read_articles(folder: Path) -> list[Article]:
    """Every article in the folder, newest first."""
    return newest_first((read_article(path) for path in article_files(folder)), lambda article: article)
