"""Turn annotated articles and the gazetteer into the Markdown pages MkDocs publishes.

Everything here is pure: it returns {path inside docs/: page text} and writes nothing. Article
text reaches the pages only escaped (by jinja2's autoescaping, or by mention_html with the same
markupsafe escape) inside raw HTML blocks, so nothing an article says can become a tag or change
the Markdown structure of a page.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache, partial
from types import SimpleNamespace
from typing import Callable, NamedTuple

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .actors import KINDS, Actor, AnnotatedArticle, Mention
from .arabic import MONTH_NAMES, Dateline, english_dateline, folded, hijri_date, search_folding, sentences, sort_key
from .source import Segment
from .translate import Translation

# Generated pages live at these places inside docs/; everything else there is hand-written.
HOME = "index.md"
ARTICLES = "articles"
GLOSSARY = "glossary"
ARCHIVE = "archive"
FEED = "feed.xml"
SEARCH = "search.md"
GENERATED_PAGES = (HOME, SEARCH)  # the single pages the build writes; FEED is a file, not a page
GENERATED_FOLDERS = (ARTICLES, GLOSSARY, ARCHIVE)  # folders whose pages are all the build's

HOME_LATEST = 20  # articles on the home page; the rest are reached through the archive
ARCHIVE_PAGE_SIZE = 50  # articles on one page of a month's archive
ACTOR_ARTICLES_PER_PAGE = 25  # articles whose mentions one page of an actor's glossary entry shows
CONTEXT_WORDS = 12  # words shown on either side of a mention on an actor's page
TITLE_PLACES_SHOWN = 5  # places linked for each title an actor is given; the rest are counted
FEED_SIZE = 50

KIND_LABELS = {
    "person": ("أشخاص", "People", "شخص", "Person"),
    "state": ("دول", "States", "دولة", "State"),
    "organisation": ("منظمات ومؤسسات", "Organisations", "منظمة", "Organisation"),
}
# How a person's name in their own script is introduced, by its language code.
NATIVE_LABELS = {
    "ru": ("بالروسية:", "in Russian:"),
    "ko": ("بالكورية:", "in Korean:"),
    "zh": ("بالصينية:", "in Chinese:"),
    "fa": ("بالفارسية:", "in Persian:"),
}
FORM_LABELS = {
    "names": ("بالاسم", "by name"),
    "seats": ("بالعاصمة أو المقر", "by capital or seat"),
    "adjectives": ("بالصفة", "as an adjective"),
}


PageMaker = Callable[[], str]  # renders one page when called
_BY_HAND = "_mentions.j2"  # the template that escapes each value itself: see it


def article_page(slug: str) -> str:
    return f"{ARTICLES}/{slug}.md"


def actor_page(actor_id: str, number: int = 1) -> str:
    """Later pages of an actor's mentions sit beside the first (ids never hold «--»), so the
    relative links of a mention are the same on every page."""
    return f"{GLOSSARY}/{actor_id}.md" if number == 1 else f"{GLOSSARY}/{actor_id}--{number}.md"


def archive_page(year: int, month: int, number: int = 1) -> str:
    folder = f"{ARCHIVE}/{year}/{month:02d}"
    return f"{folder}/index.md" if number == 1 else f"{folder}/{number}.md"


@lru_cache(maxsize=None)
def url_of(page: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@lru_cache(maxsize=None)
def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one generated page to another, as it works on the built site."""
    here, there = url_of(from_page), url_of(to_page)
    if here == there:
        link = "./"
    else:
        link = "../" * here.count("/") + there or "./"
    return link + (f"#{anchor}" if anchor else "")


def mention_html(text: str, mentions: tuple[Mention, ...], page: str) -> Markup:
    """The text as HTML, each mention a link to its actor's page as seen from `page`.

    Built here, not in a template loop: a page holds hundreds of mentions, and the loop cost
    several calls for each piece of text."""
    return Markup(_marked_up(text, mentions, 0, len(text), page))


def _marked_up(text: str, mentions: tuple[Mention, ...], start: int, end: int, page: str | None) -> str:
    """text[start:end] as escaped HTML, its mentions (which lie inside) links to their actors'
    pages as seen from `page`, or, without a page (on an actor's own pages, where every mention
    is the actor's), highlights. Only pieces holding a character the escape changes are escaped:
    most hold none, and finding that out is several times quicker than escaping."""
    html, cursor = [], start
    for mention in mentions:
        before, named = text[cursor : mention.start], text[mention.start : mention.end]
        if page:
            html += (_escaped(before), _link_to(page, mention.actor), _escaped(named), "</a>")
        else:
            html += (_escaped(before), '<mark class="mz-mention">', _escaped(named), "</mark>")
        cursor = mention.end
    html.append(_escaped(text[cursor:end]))
    return "".join(html)


# The characters markupsafe's escape changes (& < > " '), found by asking it.
_ESCAPED_CHARACTER = re.compile("[%s]" % re.escape("".join(c for c in map(chr, range(128)) if escape(c) != c)))


def _escaped(piece: str) -> str:
    return escape(piece) if _ESCAPED_CHARACTER.search(piece) else piece


@lru_cache(maxsize=None)
def _link_to(page: str, actor: str) -> str:
    return f'<a href="{escape(href(page, actor_page(actor)))}" data-actor="{escape(actor)}">'


@dataclass
class Row:
    segment: Segment
    translation: Translation
    arabic: Markup
    english: Markup


class Occurrence(NamedTuple):
    """Where an actor stands in one segment: the Arabic sentence(s) and the English beside them
    (escaped HTML, from excerpt_html), the link to the segment, and the ways other than by name
    it names the actor there (by seat, as an adjective). A tuple, which the template unpacks: an
    article has dozens."""

    arabic: str
    english: str
    link: str
    place: str
    other_forms: list[str]


@dataclass(frozen=True)
class Listing:
    """What lists of articles (home, archive, feed, actor pages) show of one article."""

    slug: str
    title_ar: str
    title_en: str | None
    dateline: Dateline
    date_en: str
    first_english: str  # the first translated paragraph: the page description and the feed summary


@dataclass(frozen=True)
class ActorSection:
    """One article's part of an actor's pages: the article's mentions of the actor, in context."""

    html: str  # escaped HTML; a plain string, which crosses from a worker process several times quicker than Markup
    forms: dict[str, int]  # how many mentions name the actor each way (by name, by seat, as an adjective)

    @property
    def count(self) -> int:
        """Mentions picked out in the Arabic (every one is shown)."""
        return sum(self.forms.values())


@dataclass(frozen=True)
class RenderedArticle:
    """What one article gives the pages made from all articles, worked out from that article
    alone (with its own page), so that articles can be rendered on every core."""

    listing: Listing
    sections: dict[str, ActorSection]  # by actor id, in order of first mention
    together: tuple[frozenset[str], ...]  # the actors the Arabic names in each segment that names two or more
    titles: tuple[tuple[str, str, str], ...]  # (person, the title as written, where: anchor)


class Renderer:
    def __init__(self, actors: list[Actor], site_url: str = ""):
        self.actors = {actor.id: actor for actor in actors}
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = Environment(
            loader=PackageLoader("muwazi", "templates"),
            autoescape=lambda name: name != _BY_HAND,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            undefined=StrictUndefined,
            auto_reload=False,  # templates do not change during a build; checking costs a stat per page
            # Compiled templates kept in the system's temporary folder, checked against their source:
            # compiling them all again takes a tenth of a second or more at every start.
            bytecode_cache=FileSystemBytecodeCache(),
        )
        self.env.filters["front_matter"] = front_matter_text
        self.env.filters["joined_html"] = joined_html
        self.env.globals.update(
            kind_labels=KIND_LABELS, form_labels=FORM_LABELS, native_labels=NATIVE_LABELS, actors=self.actors
        )

    def __reduce__(self):
        return (Renderer, (list(self.actors.values()), self.site_url))  # its pages' makers reach spawned workers

    def compile_templates(self) -> None:
        """Compile every template now: done before worker processes fork, they share the result."""
        for name in self.env.list_templates():
            self.env.get_template(name)

    def render(self, articles: list[AnnotatedArticle]) -> dict[str, str]:
        """Every generated page, keyed by its path inside docs/ (articles come newest first)."""
        pages, rendered = {}, []
        for article in articles:
            page, parts = self.article(article)
            pages[article_page(parts.listing.slug)] = page
            rendered.append(parts)
        return {path: make() for path, make in self.site(rendered).items()} | pages

    def site(self, articles: list[RenderedArticle]) -> dict[str, PageMaker]:
        """The pages made from all articles together (articles newest first): home, feed, search,
        archive, glossary and actor pages; each as the call that renders it, so that the caller
        can render them on every core."""
        listings = [article.listing for article in articles]
        pages = {
            HOME: self._later(
                "home.md.j2",
                page=HOME,
                articles=[_linked(listing, HOME) for listing in listings[:HOME_LATEST]],
                total=len(articles),
                archive=href(HOME, f"{ARCHIVE}/index.md"),
            ),
            FEED: self._feed(listings[:FEED_SIZE]),
            SEARCH: self._later("search.md.j2", folding=json.dumps(search_folding(), ensure_ascii=False)),
        }
        pages.update(self._archive(listings))
        sections: dict[str, list[ActorSection]] = defaultdict(list)
        for article in articles:
            for actor, section in article.sections.items():
                sections[actor].append(section)
        together = appearing_together(articles)
        titles = titles_given(articles)
        headlines = {listing.slug: listing.title_ar for listing in listings}
        for actor in self.actors.values():
            page = actor_page(actor.id)
            described = [
                (
                    title,
                    [
                        (anchor, href(page, article_page(slug), anchor), headlines[slug])
                        for slug, anchor in places[:TITLE_PLACES_SHOWN]
                    ],
                    len(places) - TITLE_PLACES_SHOWN,
                )
                for title, places in titles.get(actor.id, {}).items()
            ]
            pages.update(self._actor(actor, sections.get(actor.id, []), together.get(actor.id, Counter()), described))
        pages[f"{GLOSSARY}/index.md"] = self._glossary(sections, together)
        return pages

    def _template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)

    def _later(self, name: str, **context) -> PageMaker:
        return partial(self._template, name, **context)

    def article(self, article: AnnotatedArticle) -> tuple[str, RenderedArticle]:
        """The article's page, and its part in the other pages (its sections of its actors' pages)."""
        translated = article.translated
        source = translated.article
        page = article_page(source.slug)
        listing = Listing(
            slug=source.slug,
            title_ar=source.title.text,
            title_en=translated.translations[0].english,
            dateline=source.dateline,
            date_en=english_dateline(source.dateline),
            first_english=next((t.english for s, t in translated.pairs() if s.kind == "paragraph" and t.english), ""),
        )
        rows = [
            Row(
                segment,
                translation,
                mention_html(segment.text, arabic, page),
                mention_html(translation.english or "", english, page),
            )
            for (segment, translation), arabic, english in zip(translated.pairs(), article.arabic, article.english)
        ]
        text = self._template(
            "article.md.j2",
            page=page,
            summary=_linked(listing, page),
            title=rows[0],
            rows=[row for row in rows if row.segment.kind != "title"],
            hijri=_hijri(source.dateline),
            reviewed=translated.reviewed_count,
            total=len(rows),
            machine=sum(row.translation.status == "machine" for row in rows),
            pending=sum(row.translation.status == "pending" for row in rows),
            actors_here=[(self.actors[i], href(page, actor_page(i))) for i in article.actor_ids],
            search_variants=_search_variants(segment.text for segment, _ in translated.pairs()),
            home=href(page, HOME),
            glossary=href(page, f"{GLOSSARY}/index.md"),
        )
        return text, RenderedArticle(
            listing,
            self._sections(article, listing),
            tuple(frozenset(named) for mentions in article.arabic if len(named := {m.actor for m in mentions}) > 1),
            tuple(
                (title.actor, segment.text[title.start : title.end], segment.anchor or "top")
                for segment, found in zip(source.segments, article.titles)
                for title in found
            ),
        )

    def _sections(self, article: AnnotatedArticle, listing: Listing) -> dict[str, ActorSection]:
        """For each actor the article names in Arabic, its mentions here cut to their context."""
        found: dict[str, list[Occurrence]] = {}
        forms: dict[str, dict[str, int]] = {}  # how many of the actor's mentions name it each way
        # Every actor's pages sit in the same folder: links made for one serve every actor.
        from_glossary = actor_page(next(iter(self.actors), ""))
        for (segment, translation), arabic, english in zip(article.translated.pairs(), article.arabic, article.english):
            if not arabic:
                continue
            arabic_layout, english_layout = Layout.of(segment.text), Layout.of(translation.english or "")
            in_english = _by_actor(english)
            place, link = _place(segment), href(from_glossary, article_page(listing.slug), segment.anchor or "top")
            first_words = None  # the English's opening words, for each actor the English does not name
            for actor, own in _by_actor(arabic).items():
                counts = forms.setdefault(actor, {})
                for mention in own:
                    counts[mention.form] = counts.get(mention.form, 0) + 1
                if actor in in_english:
                    english_html = excerpt_html(english_layout, in_english[actor])
                else:
                    english_html = first_words = first_words or excerpt_html(english_layout, ())
                found.setdefault(actor, []).append(
                    Occurrence(
                        excerpt_html(arabic_layout, own),
                        english_html,
                        link,
                        place,
                        sorted({m.form for m in own if m.form != "names"}),
                    )
                )
        macros = self.env.get_template(_BY_HAND).module
        opening = macros.opening(_linked(listing, from_glossary))
        return {
            actor: ActorSection(macros.section(opening, occurrences), forms[actor])
            for actor, occurrences in found.items()
        }

    def _archive(self, listings: list[Listing]) -> dict[str, PageMaker]:
        """Month pages (paginated) and an index of months: the nav never lists articles, so builds stay linear."""
        months: dict[tuple[int, int], list[Listing]] = {}
        for listing in listings:
            moment = listing.dateline.moment
            months.setdefault((moment.year, moment.month), []).append(listing)
        pages, years = {}, {}
        index = f"{ARCHIVE}/index.md"
        for (year, month), items in months.items():
            chunks = [items[i : i + ARCHIVE_PAGE_SIZE] for i in range(0, len(items), ARCHIVE_PAGE_SIZE)]
            for number, chunk in enumerate(chunks, start=1):
                page = archive_page(year, month, number)
                pages[page] = self._later(
                    "archive_month.md.j2",
                    page=page,
                    month=_month_names(year, month),
                    articles=[_linked(listing, page) for listing in chunk],
                    number=number,
                    pages=len(chunks),
                    previous=href(page, archive_page(year, month, number - 1)) if number > 1 else None,
                    next=href(page, archive_page(year, month, number + 1)) if number < len(chunks) else None,
                    index=href(page, index),
                )
            years.setdefault(year, []).append(
                (_month_names(year, month), len(items), href(index, archive_page(year, month)))
            )
        pages[index] = self._later("archive.md.j2", page=index, years=list(years.items()), total=len(listings))
        return pages

    def _feed(self, listings: list[Listing]) -> PageMaker:
        """An Atom feed of the newest articles, with absolute links from site_url."""
        entries = [
            {
                **vars(listing),
                "url": self.site_url + url_of(article_page(listing.slug)),
                "updated": listing.dateline.moment.isoformat(),
            }
            for listing in listings
        ]
        return self._later("feed.xml.j2", site_url=self.site_url, entries=entries)

    def _actor(
        self, actor: Actor, sections: list[ActorSection], together: Counter, described: list
    ) -> dict[str, PageMaker]:
        """The actor's pages: who they are, then their mentions, 25 articles to a page, newest first."""
        chunks = [
            sections[i : i + ACTOR_ARTICLES_PER_PAGE] for i in range(0, len(sections), ACTOR_ARTICLES_PER_PAGE)
        ] or [[]]
        companions = sorted(together.items(), key=lambda item: (-item[1], sort_key(self.actors[item[0]].ar.name)))
        count = sum(section.count for section in sections)
        forms: Counter = Counter()
        for section in sections:
            forms.update(section.forms)
        variants = _search_variants([actor.ar.name, actor.ar.description, *(alias for alias, _ in actor.ar.aliases())])
        pages = {}
        for number, chunk in enumerate(chunks, start=1):
            page = actor_page(actor.id, number)
            pages[page] = self._later(
                "actor.md.j2",
                page=page,
                actor=actor,
                number=number,
                pages=len(chunks),
                previous=href(page, actor_page(actor.id, number - 1)) if number > 1 else None,
                next=href(page, actor_page(actor.id, number + 1)) if number < len(chunks) else None,
                sections=chunk,
                count=count,
                forms=forms,
                companions=[
                    (self.actors[other], href(page, actor_page(other)), shared) for other, shared in companions
                ],
                described=described,
                search_variants=variants,
                glossary=href(page, f"{GLOSSARY}/index.md"),
            )
        return pages

    def _glossary(self, sections: dict[str, list[ActorSection]], together: dict[str, Counter]) -> PageMaker:
        page = f"{GLOSSARY}/index.md"
        groups = []
        for kind in KINDS:
            members = sorted((a for a in self.actors.values() if a.kind == kind), key=lambda a: sort_key(a.ar.name))
            entries = [
                {
                    "actor": a,
                    "href": href(page, actor_page(a.id)),
                    "count": sum(section.count for section in sections.get(a.id, [])),
                }
                for a in members
            ]
            if entries:
                groups.append((kind, entries))
        picture = relation_picture([entry for _, entries in groups for entry in entries], together)
        return self._later("glossary.md.j2", page=page, groups=groups, picture=picture)


def joined_html(sections: list[ActorSection]) -> Markup:
    """Sections of an actor's page as one piece of HTML, joined where the page is rendered: made
    Markup one by one, each section was copied twice (hundreds of megabytes on a large site)."""
    return Markup("".join(section.html for section in sections))


def _linked(listing: Listing, page: str) -> SimpleNamespace:
    """A listing with its link as seen from `page` (attributes, not a dict: a template looks an
    attribute up first, and pays for an exception before it tries a key)."""
    return SimpleNamespace(**vars(listing), href=href(page, article_page(listing.slug)))


def appearing_together(articles: list[RenderedArticle]) -> dict[str, Counter]:
    """For each actor, in how many segments each other actor is named with it (in the Arabic)."""
    together: dict[str, Counter] = defaultdict(Counter)
    # Each set of actors once, with the number of segments that name it: sets repeat a great deal.
    for named, segments in Counter(named for article in articles for named in article.together).items():
        for actor in named:
            together[actor].update(dict.fromkeys(named - {actor}, segments))
    return together


def titles_given(articles: list[RenderedArticle]) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """For each person, each title the articles give them (as first written) and where: (slug, anchor)."""
    found: dict[str, dict[str, dict[tuple[str, str], None]]] = defaultdict(dict)  # places as an ordered set
    spelled: dict[tuple[str, str], str] = {}
    for article in articles:
        slug = article.listing.slug
        for actor, written, anchor in article.titles:
            found[actor].setdefault(spelled.setdefault((actor, folded(written)), written), {})[(slug, anchor)] = None
    return {actor: {title: list(places) for title, places in titles.items()} for actor, titles in found.items()}


# --- the relationship picture on the glossary index -------------------------------------------

PICTURE_WIDTH, PICTURE_HEIGHT = 760, 600
_RING_X, _RING_Y = 215, 215  # the ellipse the actors stand on
_LABEL_GAP = 8


@dataclass(frozen=True)
class Node:
    actor: Actor
    href: str
    count: int
    x: float
    y: float
    r: float
    label_x: float
    label_y: float
    side: str  # where the label runs from the dot: "left", "right" or "middle"


@dataclass(frozen=True)
class Edge:
    a: Node
    b: Node
    count: int
    width: float


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]


def relation_picture(entries: list[dict], together: dict[str, Counter]) -> Picture:
    """Actors on an ellipse, kind after kind with a gap between kinds, joined when named together.

    Pure arithmetic on the sorted entries, so the same input always gives the same picture.
    """
    slots, previous = [], None
    for entry in entries:
        if previous is not None and entry["actor"].kind != previous:
            slots.append(None)  # a gap between kinds
        slots.append(entry)
        previous = entry["actor"].kind
    slots.append(None)
    cx, cy = PICTURE_WIDTH / 2, PICTURE_HEIGHT / 2
    nodes: dict[str, Node] = {}
    for index, entry in enumerate(slots):
        if entry is None:
            continue
        angle = -math.pi / 2 + 2 * math.pi * index / len(slots)  # from the top, clockwise
        dx, dy = math.cos(angle), math.sin(angle)
        r = round(4 + 1.6 * math.sqrt(entry["count"]), 1)
        x, y = round(cx + _RING_X * dx, 1), round(cy + _RING_Y * dy, 1)
        side = "right" if dx > 0.2 else "left" if dx < -0.2 else "middle"
        label_x = x + (r + _LABEL_GAP) * (1 if side == "right" else -1 if side == "left" else 0)
        if side != "middle":
            label_y = y - 2  # the Arabic line beside the dot, the English line below it
        else:
            label_y = y - r - _LABEL_GAP - 18 if dy < 0 else y + r + _LABEL_GAP + 14
        nodes[entry["actor"].id] = Node(
            entry["actor"], entry["href"], entry["count"], x, y, r, round(label_x, 1), round(label_y, 1), side
        )
    ids = list(nodes)
    edges = [
        Edge(nodes[a], nodes[b], together[a][b], round(min(1 + 0.9 * (together[a][b] - 1), 7), 1))
        for n, a in enumerate(ids)
        for b in ids[n + 1 :]
        if together.get(a, {}).get(b)
    ]
    edges.sort(key=lambda edge: edge.count)  # the strongest lines are drawn last, on top
    return Picture(PICTURE_WIDTH, PICTURE_HEIGHT, list(nodes.values()), edges)


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


def _by_actor(mentions: tuple[Mention, ...]) -> dict[str, tuple[Mention, ...]]:
    """The mentions of each actor, in order of the actors' first mention."""
    grouped: dict[str, list[Mention]] = {}
    for mention in mentions:
        grouped.setdefault(mention.actor, []).append(mention)
    return {actor: tuple(own) for actor, own in grouped.items()}


def _place(segment: Segment) -> str:
    """Where a segment stands in its article, as a link to it says."""
    return (
        "Title"
        if segment.kind == "title"
        else "Subheading"
        if segment.kind == "heading"
        else f"Paragraph {segment.anchor[1:]}"
    )


@dataclass(frozen=True)
class Layout:
    """Where the sentences of a text are, worked out once for all its mentions."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    sentence_starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> "Layout":
        spans = tuple(sentences(text))
        return cls(text, spans, tuple(start for start, _ in spans))


# The rest of the word a mention sits in (a clitic before it, a suffix after it) and up to
# CONTEXT_WORDS whole words beyond: matched forward after a mention, and on the reversed text
# before it. Without a mention, a text's opening CONTEXT_WORDS words. The words are taken
# possessively (nothing follows them that could need one back): half again quicker.
_WORDS_BESIDE = re.compile(r"\S*(?:\s+\S+){0,%d}+" % CONTEXT_WORDS)
_OPENING_WORDS = re.compile(r"\S+(?:\s+\S+){0,%d}+" % (CONTEXT_WORDS - 1))


def excerpt_html(layout: Layout, mentions: tuple[Mention, ...]) -> str:
    """The sentence(s) holding the mentions (in text order), cut to CONTEXT_WORDS words on either
    side of them, with «…» where something was cut, the mentions highlighted: escaped HTML, as a
    plain string for _mentions.j2, which does not escape it again. Without mentions: the text's
    opening words."""
    text = layout.text
    if mentions:  # the sentences where the first begins and the last ends bound the rest
        first, last = mentions[0].start, mentions[-1].end
        start = layout.sentences[bisect_right(layout.sentence_starts, first) - 1][0]
        # where the last mention ends: a name may hold what looks like a sentence's end (St. Petersburg)
        end = layout.sentences[bisect_right(layout.sentence_starts, last - 1) - 1][1]
        cut_start = first - _WORDS_BESIDE.match(text[start:first][::-1]).end()
        cut_end = _WORDS_BESIDE.match(text, last, end).end()
    else:
        opening = _OPENING_WORDS.search(text)
        if not opening:
            return ""
        start, end, (cut_start, cut_end) = 0, len(text), opening.span()
    before = "… " if cut_start > start else ""
    after = " …" if cut_end < end else ""
    return before + _marked_up(text, mentions, cut_start, cut_end, None) + after


def _search_variants(texts) -> list[str]:
    """The Arabic words as search folds them, where that differs from the word as written, each
    once: the index then matches سيرجي and سيرجى, الشمالية and الشماليه, whichever the page wrote
    (queries are folded alike; Pagefind matches words, so their order does not matter)."""
    text = "\n".join(texts)
    written = set(text.split())
    return [word for word in dict.fromkeys(folded(text, foreign_g=False).split()) if word not in written]


def _month_names(year: int, month: int) -> dict:
    return {
        "ar": f"{MONTH_NAMES[month - 1]} {year}",
        "en": f"{datetime(year, month, 1):%B %Y}",
        "year": year,
        "month": month,
    }


def _hijri(dateline) -> tuple[str, str] | None:
    try:
        return hijri_date(dateline)
    except (OverflowError, ValueError):
        return None  # outside the Umm al-Qura tables (1924-2077)
