"""Turn annotated articles and the gazetteer into the Markdown pages MkDocs publishes.

Everything here is pure: it returns {path inside docs/: page text} and writes nothing. Article
text reaches the pages only through jinja2's autoescaping inside raw HTML blocks, so nothing an
article says can become a tag or change the Markdown structure of a page.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .actors import KINDS, Actor, AnnotatedArticle, Mention
from .arabic import english_dateline, folded, hijri_date, sentences
from .source import Segment
from .translate import Translation

# Generated pages live at these places inside docs/; everything else there is hand-written.
HOME = "index.md"
ARTICLES = "articles"
GLOSSARY = "glossary"

KIND_LABELS = {
    "person": ("أشخاص", "People", "شخص", "Person"),
    "state": ("دول", "States", "دولة", "State"),
    "organisation": ("منظمات ومؤسسات", "Organisations", "منظمة", "Organisation"),
}
FORM_LABELS = {"names": ("بالاسم", "by name"), "seats": ("بالعاصمة أو المقر", "by capital or seat"), "adjectives": ("بالصفة", "as an adjective")}


def article_page(slug: str) -> str:
    return f"{ARTICLES}/{slug}.md"


def actor_page(actor_id: str) -> str:
    return f"{GLOSSARY}/{actor_id}.md"


def url_of(page: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one generated page to another, as it works on the built site."""
    relative = posixpath.relpath(url_of(to_page) or ".", url_of(from_page) or ".")
    link = "./" if relative == "." else relative + "/"
    return link + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Piece:
    """A run of text, linked to an actor when it is a mention."""

    text: str
    actor: str | None = None
    href: str | None = None


def pieces(text: str, mentions: tuple[Mention, ...], page: str, marked: str | None = None) -> list[Piece]:
    """Cut text at its mentions; on glossary pages only the `marked` actor is picked out."""
    out, cursor = [], 0
    for mention in mentions:
        if marked is not None and mention.actor != marked:
            continue
        if mention.start > cursor:
            out.append(Piece(text[cursor: mention.start]))
        out.append(Piece(text[mention.start: mention.end], mention.actor, href(page, actor_page(mention.actor))))
        cursor = mention.end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return out


@dataclass
class Row:
    segment: Segment
    translation: Translation
    arabic: list[Piece]
    english: list[Piece]


@dataclass
class Occurrence:
    """Where an actor stands in one segment: the Arabic sentence(s) and the English beside them."""

    article: AnnotatedArticle
    segment: Segment
    arabic: list[Piece]
    english: list[Piece]
    link: str
    forms: set[str] = field(default_factory=set)


class Renderer:
    def __init__(self, actors: list[Actor], site_name: str = "موازي"):
        self.actors = {actor.id: actor for actor in actors}
        self.site_name = site_name
        self.env = Environment(
            loader=PackageLoader("muwazi", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
        )
        self.env.filters["front_matter"] = front_matter_text
        self.env.globals.update(kind_labels=KIND_LABELS, form_labels=FORM_LABELS, actors=self.actors)

    def render(self, articles: list[AnnotatedArticle]) -> dict[str, str]:
        """Every generated page, keyed by its path inside docs/."""
        pages = {HOME: self._template("home.md.j2", page=HOME, articles=[self._summary(a, HOME) for a in articles])}
        for article in articles:
            page = article_page(article.translated.article.slug)
            pages[page] = self._article(article, page)
        occurrences = self._occurrences(articles)
        for actor in self.actors.values():
            page = actor_page(actor.id)
            pages[page] = self._actor(actor, occurrences.get(actor.id, []), page)
        pages[f"{GLOSSARY}/index.md"] = self._glossary(occurrences)
        return pages

    def _template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)

    def _summary(self, article: AnnotatedArticle, page: str) -> dict:
        source = article.translated.article
        return {
            "slug": source.slug,
            "href": href(page, article_page(source.slug)),
            "title_ar": source.title.text,
            "title_en": article.translated.translations[0].english,
            "dateline": source.dateline,
            "date_en": english_dateline(source.dateline),
        }

    def _article(self, article: AnnotatedArticle, page: str) -> str:
        translated = article.translated
        source = translated.article
        rows = [
            Row(segment, translation, pieces(segment.text, arabic, page), pieces(translation.english or "", english, page))
            for (segment, translation), arabic, english in zip(translated.pairs(), article.arabic, article.english)
        ]
        body = [row for row in rows if row.segment.kind != "title"]
        return self._template(
            "article.md.j2",
            page=page,
            summary=self._summary(article, page),
            title=rows[0],
            rows=body,
            hijri=_hijri(source.dateline),
            reviewed=translated.reviewed_count,
            total=len(rows),
            machine=sum(row.translation.status == "machine" for row in rows),
            pending=sum(row.translation.status == "pending" for row in rows),
            actors_here=[(self.actors[i], href(page, actor_page(i))) for i in article.actor_ids],
            home=href(page, HOME),
            glossary=href(page, f"{GLOSSARY}/index.md"),
        )

    def _occurrences(self, articles: list[AnnotatedArticle]) -> dict[str, list[Occurrence]]:
        """For each actor, every segment that mentions it, in article order (newest first)."""
        found: dict[str, list[Occurrence]] = defaultdict(list)
        for article in articles:
            for (segment, translation), arabic, english in zip(article.translated.pairs(), article.arabic, article.english):
                for actor in dict.fromkeys(m.actor for m in arabic):
                    page = actor_page(actor)
                    own = tuple(m for m in arabic if m.actor == actor)
                    text, shifted = _sentences_with(segment.text, own)
                    found[actor].append(
                        Occurrence(
                            article=article,
                            segment=segment,
                            arabic=pieces(text, shifted, page, marked=actor),
                            english=pieces(translation.english or "", english, page, marked=actor),
                            link=href(page, article_page(article.translated.article.slug), segment.anchor or "top"),
                            forms={m.form for m in own},
                        )
                    )
        return found

    def _actor(self, actor: Actor, occurrences: list[Occurrence], page: str) -> str:
        by_article: dict[str, list[Occurrence]] = {}
        for occurrence in occurrences:
            by_article.setdefault(occurrence.article.translated.article.slug, []).append(occurrence)
        groups = [(self._summary(items[0].article, page), items) for items in by_article.values()]
        return self._template(
            "actor.md.j2",
            page=page,
            actor=actor,
            groups=groups,
            count=sum(_marked(o.arabic) for o in occurrences),
            glossary=href(page, f"{GLOSSARY}/index.md"),
        )

    def _glossary(self, occurrences: dict[str, list[Occurrence]]) -> str:
        page = f"{GLOSSARY}/index.md"
        groups = []
        for kind in KINDS:
            members = [a for a in self.actors.values() if a.kind == kind]
            members.sort(key=lambda a: folded(a.ar.name, foreign_g=False))
            entries = [
                {"actor": a, "href": href(page, actor_page(a.id)), "count": sum(_marked(o.arabic) for o in occurrences.get(a.id, []))}
                for a in members
            ]
            if entries:
                groups.append((kind, entries))
        return self._template("glossary.md.j2", page=page, groups=groups)


# What YAML's reader refuses, and the line breaks it would fold into a space (NEL, LS, PS).
_UNPRINTABLE_IN_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\x85\u2028\u2029]")


def yaml_string(value: str) -> Markup:
    """A YAML double-quoted scalar (JSON's string syntax) that YAML's reader accepts for any text."""
    quoted = json.dumps(value, ensure_ascii=False)
    return Markup(_UNPRINTABLE_IN_YAML.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted))


def front_matter_text(value: str) -> Markup:
    """A front-matter title or description: Material puts these into the page unescaped (<title>,
    the header, <meta content="…">, the search index), so the text is HTML-escaped before quoting."""
    return yaml_string(str(escape(value)))


def _marked(run: list[Piece]) -> int:
    return sum(piece.actor is not None for piece in run)


def _sentences_with(text: str, mentions: tuple[Mention, ...]) -> tuple[str, tuple[Mention, ...]]:
    """The sentences of a paragraph that hold the mentions, with the mentions' offsets moved to match."""
    spans = [span for span in sentences(text) if any(span[0] <= m.start < span[1] for m in mentions)]
    start, end = spans[0][0], spans[-1][1]
    shifted = tuple(Mention(m.actor, m.start - start, m.end - start, m.form) for m in mentions if start <= m.start < end)
    return text[start:end], shifted


def _hijri(dateline) -> tuple[str, str] | None:
    try:
        return hijri_date(dateline)
    except (OverflowError, ValueError):
        return None  # outside the Umm al-Qura tables (1924-2077)
