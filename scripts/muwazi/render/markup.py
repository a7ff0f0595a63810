"""Article text as the pages show it: escaped, its mentions marked up, cut to excerpts, quoted for
front matter, and folded for search.

Text reaches a page only through markupsafe's escape, here or by jinja2's autoescaping; what is
built here is returned as Markup, so the templates never escape it twice and nothing an article
says can become a tag or change the Markdown structure of a page.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..actors import Actor, Mention
from ..arabic import folded, sentences, spelling_variants
from .urls import actor_page, href

CONTEXT_WORDS = 12  # words shown on either side of a mention on an actor's page
DESCRIPTION_LENGTH = 300  # characters, at most, of a page's description and a feed entry's summary


def actor_links(page: str, actors: Iterable[str]) -> dict[str, Markup]:
    """The opening tag of a link to each actor's page as seen from `page`, made once for all the
    page's mentions."""
    return {
        actor: Markup('<a href="{}" data-actor="{}">').format(href(page, actor_page(actor)), actor) for actor in actors
    }


def mention_html(text: str, mentions: tuple[Mention, ...], links: Mapping[str, str]) -> Markup:
    """The text as HTML, each mention a link to its actor's page (opened by its tag in `links`).

    Built here, not in a template loop: a page holds hundreds of mentions."""
    return Markup("".join(_marked_up(text, mentions, 0, len(text), links)))


_HIGHLIGHT = ('<mark class="mz-mention">', "</mark>")


Span = tuple[int, int]  # [start, end) in a text


def can_cut(units: tuple[Span, ...], text: str, mentions: tuple[Mention, ...]) -> bool:
    """Whether the text can be shown cut into these units (which tile it): every unit holds more
    than white space, and no mention straddles a cut, since a link cannot lie in two units."""
    if any(not text[start:end].strip() for start, end in units):
        return False
    cuts = [end for _, end in units[:-1]]
    return not any(mention.start < cut < mention.end for mention in mentions for cut in cuts)


def units_html(
    text: str, mentions: tuple[Mention, ...], links: Mapping[str, str], units: tuple[Span, ...], anchor: str | None
) -> Markup:
    """The text as HTML cut into `<span class="mz-unit" data-unit="N">` elements, one per unit,
    each mention a link inside its unit; with `anchor`, each span also has the id anchor-N, the
    unit's own address. The white space at a unit's edges stays outside its span, so a highlight
    covers the words alone; the text itself is exactly what mention_html gives."""
    html: list[str] = []
    remaining = iter(mentions)
    mention = next(remaining, None)
    for number, (start, end) in enumerate(units, start=1):
        piece = text[start:end]
        inner_start = start + len(piece) - len(piece.lstrip())
        inner_end = start + len(piece.rstrip())
        own = []
        while mention is not None and mention.start < end:
            own.append(mention)
            mention = next(remaining, None)
        opening = (
            Markup('<span class="mz-unit" data-unit="{}" id="{}-{}">').format(number, anchor, number)
            if anchor
            else Markup('<span class="mz-unit" data-unit="{}">').format(number)
        )
        html += (
            escape(text[start:inner_start]),
            opening,
            *_marked_up(text, tuple(own), inner_start, inner_end, links),
            "</span>",
            escape(text[inner_end:end]),
        )
    return Markup("".join(html))


def _marked_up(
    text: str, mentions: tuple[Mention, ...], start: int, end: int, links: Mapping[str, str] | None
) -> list[str]:
    """text[start:end] as pieces of HTML, its mentions (which lie inside) links opened by their
    actors' tags in `links`, or, without links (on an actor's own pages, where every mention is
    the actor's), highlights."""
    html: list[str] = []
    cursor = start
    for mention in mentions:
        opening, closing = (links[mention.actor], "</a>") if links is not None else _HIGHLIGHT
        html += (escape(text[cursor : mention.start]), opening, escape(text[mention.start : mention.end]), closing)
        cursor = mention.end
    html.append(escape(text[cursor:end]))
    return html


def by_actor(mentions: tuple[Mention, ...]) -> dict[str, tuple[Mention, ...]]:
    """The mentions of each actor, in order of the actors' first mention."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.actor, []).append(mention)
    return {actor: tuple(own) for actor, own in grouped.items()}


@dataclass(frozen=True)
class Layout:
    """Where the sentences of a text are, worked out once for all its mentions."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> Layout:
        spans = tuple(sentences(text))
        return cls(text, spans, tuple(start for start, _ in spans))


# The rest of the word a mention sits in (a clitic before it, a suffix after it) and up to
# CONTEXT_WORDS whole words beyond: matched forward after a mention, and on the reversed text
# before it. Without a mention, a text's opening CONTEXT_WORDS words.
_WORDS_BESIDE = re.compile(r"\S*(?:\s+\S+){0,%d}" % CONTEXT_WORDS)
_OPENING_WORDS = re.compile(r"\S+(?:\s+\S+){0,%d}" % (CONTEXT_WORDS - 1))


def excerpt_html(layout: Layout, mentions: tuple[Mention, ...]) -> Markup:
    """The sentence(s) holding the mentions (in text order), cut to CONTEXT_WORDS words on either
    side of them, with «…» where something was cut, the mentions highlighted. Without mentions:
    the text's opening words."""
    text = layout.text
    if mentions:  # the sentences where the first begins and the last ends bound the rest
        first, last = mentions[0].start, mentions[-1].end
        start = layout.sentences[bisect_right(layout.sentence_starts, first) - 1][0]
        # where the last mention ends: a name may hold what looks like a sentence's end (St. Petersburg)
        end = layout.sentences[bisect_right(layout.sentence_starts, last - 1) - 1][1]
        cut_start = first - _matched_end(_WORDS_BESIDE.match(text[start:first][::-1]))
        cut_end = _matched_end(_WORDS_BESIDE.match(text, last, end))
    else:
        opening = _OPENING_WORDS.search(text)
        if not opening:
            return Markup()
        start, end, (cut_start, cut_end) = 0, len(text), opening.span()
    before = "… " if cut_start > start else ""  # neither needs escaping
    after = " …" if cut_end < end else ""
    return Markup("".join((before, *_marked_up(text, mentions, cut_start, cut_end, None), after)))


def _matched_end(match: re.Match[str] | None) -> int:
    """Where a match of _WORDS_BESIDE ends: it matches everywhere, if only the empty string."""
    assert match is not None
    return match.end()


def description(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    """The text cut at the last space within `limit` characters, with «…» when cut: link previews
    and feed readers show a few lines, and a paragraph may be megabytes long (the page shows it whole)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]  # room for the «…»
    if not text[limit - 1].isspace():
        words = cut.rsplit(None, 1)
        cut = words[0] if len(words) > 1 else cut  # the last whole word, unless there is only one
    return cut.rstrip() + "…"


FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
_OPENS_ISOLATE = frozenset("\u2066\u2067\u2068")  # LRI, RLI, FSI


def isolated(text: str) -> str:
    """The text between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, for plain text (a <title>,
    a meta tag, a feed title) where it is joined to text in the other language: no direction
    control inside it can then reorder what stands beside it, nor the text beside it reorder it.
    Isolates the text leaves open are closed, and one it closes too many is given an opener, so
    the wrapping holds whatever the text. Empty text stays empty."""
    if not text:
        return text
    depth = lowest = 0
    for char in text:
        if char in _OPENS_ISOLATE:
            depth += 1
        elif char == POP_DIRECTIONAL_ISOLATE:
            depth -= 1
            lowest = min(lowest, depth)
    opened = 1 - lowest
    return FIRST_STRONG_ISOLATE * opened + text + POP_DIRECTIONAL_ISOLATE * (opened + depth)


def search_variants(texts: Iterable[str], actors: Iterable[Actor] = ()) -> list[str]:
    """The Arabic words as search folds them, where that differs from the word as written, each
    once: the index then matches سيرجي and سيرجى, الشمالية and الشماليه, whichever the page wrote
    (queries are folded alike; Pagefind matches words, so their order does not matter). Then every
    name of the actors given, in both languages, with the spellings the finder makes from them
    (ترمب، بسكوف، Jong-un): a query for any of them finds the page, whatever spelling it used."""
    text = "\n".join(texts)
    written = set(text.split())
    words = folded(text, foreign_g=False).split()
    for actor in actors:
        foreign = actor.kind == "person" and (actor.native is None or actor.native[0] != "ar")
        for alias, form in actor.ar.aliases():
            words += folded(alias, foreign_g=False).split()
            for variant in spelling_variants(alias, foreign and form != "adjectives", foreign_g=False):
                words += variant.split()
        for alias, _ in actor.en.aliases():
            for word in alias.split():
                words += [word, *word.split("-"), word.replace("-", "")] if "-" in word else [word]
    return [word for word in dict.fromkeys(words) if word not in written]


# What YAML's reader refuses, and the line breaks it would fold into a space (NEL, LS, PS).
_UNPRINTABLE_IN_YAML = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]"
)


def yaml_string(value: str) -> Markup:
    """A YAML double-quoted scalar (JSON's string syntax) that YAML's reader accepts for any text."""
    quoted = json.dumps(value, ensure_ascii=False)
    return Markup(_UNPRINTABLE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted))


def front_matter_text(value: str) -> Markup:
    """A front-matter title or description: Material puts these into the page unescaped (<title>,
    the header, <meta content="…">, the search index), so the text is HTML-escaped before quoting."""
    return yaml_string(str(escape(value)))
