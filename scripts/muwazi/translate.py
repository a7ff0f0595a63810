"""Give every segment of an article its English, from the translation memory alone.

The build never calls a translator: a segment the memory lacks stops it (or, when asked,
is shown as pending) and `muwazi translate` is the way to fill the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import memory
from .errors import MuwaziError, display
from .source import Article, Segment

REVIEWED, MACHINE, PENDING = "reviewed", "machine", "pending"


@dataclass(frozen=True)
class Translation:
    english: str | None
    status: str  # REVIEWED, MACHINE or PENDING
    engine: str | None = None
    translated_on: str | None = None
    directives: tuple[tuple[str, str], ...] = ()  # the editor's instructions (memory.Entry.directives)


@dataclass(frozen=True)
class TranslatedArticle:
    article: Article
    translations: tuple[Translation, ...]  # one for each of article.segments, in order

    def pairs(self) -> list[tuple[Segment, Translation]]:
        return list(zip(self.article.segments, self.translations, strict=True))

    @property
    def reviewed_count(self) -> int:
        return sum(t.status == REVIEWED for t in self.translations)


def translation_of(entry: memory.Entry | None) -> Translation:
    if entry is None:
        return Translation(None, PENDING)
    if entry.reviewed:
        return Translation(entry.english, REVIEWED, directives=entry.directives)
    return Translation(entry.english, MACHINE, entry.engine, entry.translated_on, entry.directives)


def translate(article: Article, translations: Path, allow_pending: bool = False) -> TranslatedArticle:
    """Look every segment up in the article's PO file; refuse (or mark) what is missing."""
    known = memory.load(translations, article.slug)
    result = []
    for segment in article.segments:
        entry = known.get(segment.text)
        if entry is None and not allow_pending:
            raise MuwaziError(
                f"no English for this {segment.kind} in {display(memory.path_for(translations, article.slug))} "
                f"(«{_excerpt(segment.text)}»): run `muwazi translate {article.slug}`, add the entry in a PO editor, "
                "or build with --allow-pending",
                article.path,
                segment.line,
            )
        result.append(translation_of(entry))
    return TranslatedArticle(article, tuple(result))


def _excerpt(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
