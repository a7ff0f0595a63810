"""The aligned text of an article as a TMX 1.4 file, beside its page: the site's parallel corpus,
unit by unit, for translators' tools."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timezone

from .actors import AnnotatedArticle
from .render import ARTICLES
from .render.pages import templates
from .translate import PENDING

TMX_SUFFIX = ".tmx"


def tmx_file(slug: str) -> str:
    """Inside docs/, in a folder named as the page, so that on the site it lies in the page's own
    folder: articles/<slug>/<slug>.tmx."""
    return f"{ARTICLES}/{slug}/{slug}{TMX_SUFFIX}"


@dataclass(frozen=True)
class TranslationUnit:
    id: str  # the unit's anchor on the page: p8-2 (top-1 for the title)
    arabic: str
    english: str
    status: str  # reviewed or machine
    pinned: bool
    confidence: float
    whole: bool  # the segment is one unit


class TmxWriter:
    def __init__(self) -> None:
        self.template = templates().get_template("aligned.tmx.j2")

    def text(self, article: AnnotatedArticle) -> str:
        """One <tu> per unit, in order; segments still pending have no English and are left out."""
        units = []
        for (segment, translation), alignment in zip(article.translated.pairs(), article.alignments, strict=True):
            if translation.status == PENDING or translation.english is None:
                continue
            for number, unit in enumerate(alignment.units, start=1):
                units.append(
                    TranslationUnit(
                        f"{segment.anchor or 'top'}-{number}",
                        segment.text[unit.arabic[0] : unit.arabic[1]],
                        translation.english[unit.english[0] : unit.english[1]],
                        translation.status,
                        alignment.pinned,
                        unit.confidence,
                        len(alignment.units) == 1,
                    )
                )
        source = article.translated.article
        created = source.dateline.moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        return self.template.render(slug=source.slug, created=created, units=units)
