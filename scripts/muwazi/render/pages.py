"""The Renderer: annotated articles and the gazetteer in, the Markdown pages MkDocs publishes out.

Everything here is pure: it returns {path inside docs/: page text} and writes nothing.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..actors import KINDS, Actor, AnnotatedArticle, Mention
from ..align import Alignment
from ..arabic import MONTH_NAMES, Dateline, english_dateline, folded, hijri_date, search_folding, sort_key
from ..checks import Finding, failed_checks
from ..digests import digest_of
from ..source import Article, Segment
from ..translate import MACHINE, Translation
from .markup import (
    Layout,
    actor_links,
    by_actor,
    can_cut,
    description,
    excerpt_html,
    front_matter_text,
    isolated,
    mention_html,
    search_variants,
    units_html,
)
from .relations import relation_picture
from .urls import (
    ARCHIVE_INDEX,
    FEED,
    GLOSSARY_INDEX,
    HOME,
    SEARCH,
    actor_page,
    archive_page,
    article_page,
    href,
    report_href,
    url_of,
)
from .views import (
    ActorLink,
    ActorSection,
    ActorSections,
    ArchivedMonth,
    ArchivedYear,
    ArticleSummary,
    Bilingual,
    Companion,
    DescribedTitle,
    FeedEntry,
    GivenTitle,
    GlossaryEntry,
    KindLabels,
    LinkedListing,
    Listing,
    MentionBlock,
    Month,
    Occurrence,
    PageOf,
    Place,
    RenderedArticle,
    Row,
    TitlePlace,
    paginate,
)

HOME_LATEST = 20  # articles on the home page; the rest are reached through the archive
ARCHIVE_PAGE_SIZE = 50  # articles on one page of a month's archive
ACTOR_ARTICLES_PER_PAGE = 25  # articles whose mentions one page of an actor's glossary entry shows
TITLE_PLACES_SHOWN = 5  # places linked for each title an actor is given; the rest are counted
FEED_SIZE = 50

KIND_LABELS = {
    "person": KindLabels("أشخاص", "People", "شخص", "Person"),
    "state": KindLabels("دول", "States", "دولة", "State"),
    "organisation": KindLabels("منظمات ومؤسسات", "Organisations", "منظمة", "Organisation"),
}
# How a person's name in their own script is introduced, by its language code.
NATIVE_LABELS = {
    "ru": Bilingual("بالروسية:", "in Russian:"),
    "ko": Bilingual("بالكورية:", "in Korean:"),
    "zh": Bilingual("بالصينية:", "in Chinese:"),
    "fa": Bilingual("بالفارسية:", "in Persian:"),
}
NO_NATIVE_LABEL = Bilingual("", "")
FORM_LABELS = {
    "names": Bilingual("بالاسم", "by name"),
    "seats": Bilingual("بالعاصمة أو المقر", "by capital or seat"),
    "adjectives": Bilingual("بالصفة", "as an adjective"),
}

PageMaker = Callable[[], str]  # renders one page when called


@dataclass(frozen=True)
class SitePages:
    makers: dict[str, PageMaker]  # by path in docs/
    # For the pages made of articles alone (an actor's older blocks), a hash of all they show
    # besides the articles' sections, and of those articles' keys: the same key, the same page.
    keys: dict[str, str]


def templates() -> Environment:
    """The package's templates, as every page and file Muwazi writes is rendered from them."""
    return Environment(
        loader=PackageLoader("muwazi", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=StrictUndefined,
        auto_reload=False,  # the templates are part of the package: they do not change while it runs
    )


class Renderer:
    """The gazetteer and the site's address, and the templates that make pages of them."""

    def __init__(self, actors: list[Actor], site_url: str = "", report: str = ""):
        self.actors = {actor.id: actor for actor in actors}
        self.site_url_as_given = site_url
        self.report = report
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.env = templates()
        self.env.filters["front_matter"] = front_matter_text
        self.env.filters["description"] = description
        self.env.filters["isolated"] = isolated
        self.env.globals.update(kind_labels=KIND_LABELS, form_labels=FORM_LABELS)

    def __reduce__(self) -> tuple:
        """Pickled as what it is made from (its jinja2 environment does not pickle), so that a
        worker process started afresh, and the page makers sent to it, get the same renderer."""
        return (Renderer, (list(self.actors.values()), self.site_url_as_given, self.report))

    def site(self, articles: list[ArticleSummary], sections: ActorSections) -> SitePages:
        """The pages made from all articles together (articles newest first; their sections of
        the actor pages read from `sections`): home, feed, search, archive, glossary and actor
        pages; each as the call that renders it, so that the caller can render them on every core."""
        listings = [article.listing for article in articles]
        pages = {
            HOME: self._later(
                "home.md.j2",
                page=HOME,
                articles=[_linked(listing, HOME) for listing in listings[:HOME_LATEST]],
                total=len(articles),
                archive=href(HOME, ARCHIVE_INDEX),
            ),
            FEED: self._feed(listings[:FEED_SIZE]),
            SEARCH: self._later("search.md.j2", folding=json.dumps(search_folding(), ensure_ascii=False)),
        }
        pages.update(self._archive(listings))
        together = appearing_together(articles)
        titles = titles_given(articles)
        headlines = {listing.slug: listing.title_ar for listing in listings}
        counted = {actor: sections.forms(actor) for actor in self.actors}
        keys: dict[str, str] = {}
        for actor in self.actors.values():
            described = _described(actor_page(actor.id), titles.get(actor.id, {}), headlines)
            made = self._actor(actor, counted[actor.id], sections, together.get(actor.id, Counter()), described)
            pages.update(made.makers)
            keys.update(made.keys)
        pages[GLOSSARY_INDEX] = self._glossary(
            {actor: sum(forms.values()) for actor, (_, forms) in counted.items()}, together
        )
        return SitePages(pages, keys)

    def _template(self, name: str, **context) -> str:
        return self.env.get_template(name).render(**context)

    def _later(self, name: str, **context) -> PageMaker:
        return partial(self._template, name, **context)

    def article(
        self, article: AnnotatedArticle, findings: tuple[tuple[Finding, ...], ...] = ()
    ) -> tuple[str, RenderedArticle]:
        """The article's page, and its part in the other pages (its sections of its actors' pages);
        a machine translation's row names the checks it failed (`findings`, per segment)."""
        translated = article.translated
        source = translated.article
        page = article_page(source.slug)
        listing = Listing(
            slug=source.slug,
            title_ar=source.title.text,
            title_en=translated.translations[0].english,
            dateline=source.dateline,
            date_en=english_dateline(source.dateline),
            first_english=description(
                next((t.english for s, t in translated.pairs() if s.kind == "paragraph" and t.english), "")
            ),
        )
        links = actor_links(page, article.actor_ids)
        alignments = article.alignments or (None,) * len(article.arabic)
        rows = [
            Row(
                segment,
                translation,
                *_texts(segment, translation, arabic, english, links, alignment),
                failed_checks(found) if translation.status == MACHINE else (),
                self._report_href(source, page, segment, translation),
            )
            for (segment, translation), arabic, english, alignment, found in zip(
                translated.pairs(),
                article.arabic,
                article.english,
                alignments,
                findings or [()] * len(article.arabic),
                strict=True,
            )
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
            actors_here=[ActorLink(self.actors[i], href(page, actor_page(i))) for i in article.actor_ids],
            search_variants=search_variants(
                (segment.text for segment, _ in translated.pairs()), [self.actors[i] for i in article.actor_ids]
            ),
            home=href(page, HOME),
            glossary=href(page, GLOSSARY_INDEX),
        )
        together = tuple(
            frozenset(named) for mentions in article.arabic if len(named := {m.actor for m in mentions}) > 1
        )
        return text, RenderedArticle(
            ArticleSummary(listing, together, _titles(source, article)), self._sections(article, listing)
        )

    def _report_href(self, source: Article, page: str, segment: Segment, translation: Translation) -> str | None:
        if not self.report:
            return None
        link = f"{self.site_url or '/'}{url_of(page)}#{segment.anchor or 'top'}"
        return report_href(self.report, source.title.text, link, segment.text, translation.english or "")

    def _sections(self, article: AnnotatedArticle, listing: Listing) -> dict[str, ActorSection]:
        """For each actor the article names in Arabic, its mentions here cut to their context."""
        found: dict[str, list[Occurrence]] = {}
        forms: dict[str, dict[str, int]] = {}  # how many of the actor's mentions name it each way
        # Every actor's pages sit in the same folder: links made for one serve every actor.
        from_glossary = actor_page(next(iter(self.actors), ""))
        for (segment, translation), arabic, english in zip(
            article.translated.pairs(), article.arabic, article.english, strict=True
        ):
            if not arabic:
                continue
            arabic_layout, english_layout = Layout.of(segment.text), Layout.of(translation.english or "")
            in_english = by_actor(english)
            place, link = _place(segment), href(from_glossary, article_page(listing.slug), segment.anchor or "top")
            first_words = None  # the English's opening words, for each actor the English does not name
            for actor, own in by_actor(arabic).items():
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
        macros: Any = self.env.get_template("_mentions.j2").module  # its macros, called as functions
        opening = macros.opening(_linked(listing, from_glossary))  # the same for every actor: made once
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
        pages: dict[str, PageMaker] = {}
        years: dict[int, list[ArchivedMonth]] = {}
        for (year, month), items in months.items():
            named = _month(year, month)
            for of in paginate(items, ARCHIVE_PAGE_SIZE):
                page = archive_page(year, month, of.number)
                pages[page] = self._later(
                    "archive_month.md.j2",
                    page=page,
                    month=named,
                    articles=[_linked(listing, page) for listing in of.items],
                    **_turning(page, of, partial(archive_page, year, month)),
                    index=href(page, ARCHIVE_INDEX),
                )
            years.setdefault(year, []).append(
                ArchivedMonth(named, len(items), href(ARCHIVE_INDEX, archive_page(year, month)))
            )
        pages[ARCHIVE_INDEX] = self._later(
            "archive.md.j2",
            page=ARCHIVE_INDEX,
            years=[ArchivedYear(year, in_year) for year, in_year in years.items()],
            total=len(listings),
        )
        return pages

    def _feed(self, listings: list[Listing]) -> PageMaker:
        """An Atom feed of the newest articles, with absolute links from site_url."""
        entries = [
            FeedEntry(listing, self.site_url + url_of(article_page(listing.slug)), listing.dateline.moment.isoformat())
            for listing in listings
        ]
        return self._later("feed.xml.j2", site_url=self.site_url, entries=entries)

    def _actor(
        self,
        actor: Actor,
        counted: tuple[int, Counter[str]],
        sections: ActorSections,
        together: Counter,
        described: list[DescribedTitle],
    ) -> SitePages:
        """The actor's pages: who they are and their newest mentions, then their older mentions in
        blocks of 25 articles counted from the oldest (see mention_blocks), so that a new article
        changes the first page and leaves the older ones as they were (and the build need not
        render them again: their keys)."""
        articles, forms = counted
        companions = sorted(together.items(), key=lambda item: (-item[1], sort_key(self.actors[item[0]].ar.name)))
        variants = search_variants([actor.ar.name, actor.ar.description], [actor])
        blocks = mention_blocks(articles, ACTOR_ARTICLES_PER_PAGE)  # in reading order, newest first
        made_of = sections.keys(actor.id) if len(blocks) > 1 else []
        pages: dict[str, PageMaker] = {}
        keys: dict[str, str] = {}
        for at, block in enumerate(blocks):
            page = actor_page(actor.id, block.number)
            newer, older = (blocks[at - 1] if at else None), (blocks[at + 1] if at + 1 < len(blocks) else None)
            previous = href(page, actor_page(actor.id, newer.number)) if newer else None
            following = href(page, actor_page(actor.id, older.number)) if older else None
            if block.number > 1:  # made of its articles alone: what the template shows of an older block
                keys[page] = digest_of(
                    page,
                    block.oldest,
                    block.newest,
                    previous,
                    following,
                    *made_of[block.offset : block.offset + block.size],
                )
            pages[page] = partial(
                self._actor_page,
                sections,
                page=page,
                actor=actor,
                native_label=NATIVE_LABELS.get(actor.native[0], NO_NATIVE_LABEL) if actor.native else NO_NATIVE_LABEL,
                number=block.number,
                block=block,
                previous=previous,
                next=following,
                count=sum(forms.values()),
                forms=forms,
                companions=[
                    Companion(self.actors[other], href(page, actor_page(other)), shared) for other, shared in companions
                ],
                described=described,
                search_variants=variants,
                glossary=href(page, GLOSSARY_INDEX),
            )
        return SitePages(pages, keys)

    def _actor_page(self, store: ActorSections, **context) -> str:
        """One page of an actor's, its sections read only now (see ActorSections)."""
        block = context["block"]
        return self._template(
            "actor.md.j2", sections=store.sections(context["actor"].id, block.offset, block.size), **context
        )

    def _glossary(self, mentions: dict[str, int], together: dict[str, Counter]) -> PageMaker:
        page = GLOSSARY_INDEX
        groups = []
        for kind in KINDS:
            members = sorted((a for a in self.actors.values() if a.kind == kind), key=lambda a: sort_key(a.ar.name))
            entries = [GlossaryEntry(a, href(page, actor_page(a.id)), mentions[a.id]) for a in members]
            if entries:
                groups.append((kind, entries))
        picture = relation_picture([entry for _, entries in groups for entry in entries], together)
        return self._later("glossary.md.j2", page=page, groups=groups, picture=picture)


def _texts(
    segment: Segment,
    translation: Translation,
    arabic: tuple[Mention, ...],
    english: tuple[Mention, ...],
    links: dict[str, Markup],
    alignment: Alignment | None,
) -> tuple[Markup, Markup]:
    """A row's two texts marked up, cut into their units when the aligner found two or more and
    no mention straddles a cut (the title stays whole: it is the page's heading, not running text)."""
    english_text = translation.english or ""
    units = alignment.units if alignment is not None and segment.kind != "title" else ()
    arabic_units, english_units = tuple(u.arabic for u in units), tuple(u.english for u in units)
    if len(units) > 1 and can_cut(arabic_units, segment.text, arabic) and can_cut(english_units, english_text, english):
        return (
            units_html(segment.text, arabic, links, arabic_units, segment.anchor),
            units_html(english_text, english, links, english_units, None),
        )
    return mention_html(segment.text, arabic, links), mention_html(english_text, english, links)


def _linked(listing: Listing, page: str) -> LinkedListing:
    """The listing with its link as seen from `page`."""
    return LinkedListing(**vars(listing), href=href(page, article_page(listing.slug)))


def _turning(page: str, of: PageOf, path_of: Callable[[int], str]) -> dict[str, object]:
    """What a template shows to turn the pages of a list: this page's number, how many there
    are, and links to the pages either side (None at either end)."""
    return {
        "number": of.number,
        "pages": of.pages,
        "previous": href(page, path_of(of.previous)) if of.previous else None,
        "next": href(page, path_of(of.next)) if of.next else None,
    }


def mention_blocks(articles: int, size: int) -> list[MentionBlock]:
    """An actor's pages, newest first: the first holds the newest articles (from `size` to twice
    `size` less one, or all of them when fewer), and each later page a block of `size` articles
    counted from the oldest, numbered from the oldest too (2, 3 …). A new article then joins the
    first page, and the blocks, with their addresses, stay as they were: the first page gives up
    its oldest `size` as a new block only when it would hold twice `size`."""
    archived = max(0, articles // size - 1)
    first = MentionBlock(1, 0, articles - archived * size, articles, 1 + archived * size)
    older = [
        MentionBlock(1 + b, articles - b * size, size, b * size, 1 + (b - 1) * size) for b in range(archived, 0, -1)
    ]
    return [first, *older]


def _titles(source: Article, article: AnnotatedArticle) -> tuple[GivenTitle, ...]:
    """The titles the article gives people, in text order."""
    if not article.titles:  # nobody looked for titles (no CandidateFinder annotated the article)
        return ()
    return tuple(
        GivenTitle(title.actor, segment.text[title.start : title.end], segment.anchor or "top")
        for segment, found in zip(source.segments, article.titles, strict=True)
        for title in found
    )


def appearing_together(articles: list[ArticleSummary]) -> dict[str, Counter]:
    """For each actor, in how many segments each other actor is named with it (in the Arabic)."""
    together: dict[str, Counter] = defaultdict(Counter)
    # Each set of actors once, with the number of segments that name it: sets repeat a great deal.
    for named, segments in Counter(named for article in articles for named in article.together).items():
        for actor in named:
            together[actor].update(dict.fromkeys(named - {actor}, segments))
    return together


def titles_given(articles: list[ArticleSummary]) -> dict[str, dict[str, list[Place]]]:
    """For each person, each title the articles give them (as first written) and where."""
    found: dict[str, dict[str, dict[Place, None]]] = defaultdict(dict)  # places as an ordered set
    spelled: dict[tuple[str, str], str] = {}
    for article in articles:
        slug = article.listing.slug
        for given in article.titles:
            title = spelled.setdefault((given.person, folded(given.written)), given.written)
            found[given.person].setdefault(title, {})[Place(slug, given.anchor)] = None
    return {actor: {title: list(places) for title, places in titles.items()} for actor, titles in found.items()}


def _described(page: str, titles: dict[str, list[Place]], headlines: dict[str, str]) -> list[DescribedTitle]:
    """A person's titles for their page: the first places each is given linked, the rest counted."""
    return [
        DescribedTitle(
            title,
            [
                TitlePlace(place.anchor, href(page, article_page(place.slug), place.anchor), headlines[place.slug])
                for place in places[:TITLE_PLACES_SHOWN]
            ],
            len(places) - TITLE_PLACES_SHOWN,
        )
        for title, places in titles.items()
    ]


def _place(segment: Segment) -> str:
    """Where a segment stands in its article, as a link to it says."""
    return (
        "Title"
        if segment.kind == "title"
        else "Subheading"
        if segment.kind == "heading"
        else f"Paragraph {segment.anchor[1:]}"
    )


def _month(year: int, month: int) -> Month:
    return Month(year, month, f"{MONTH_NAMES[month - 1]} {year}", f"{datetime(year, month, 1):%B %Y}")


def _hijri(dateline: Dateline) -> Bilingual | None:
    try:
        return Bilingual(*hijri_date(dateline))
    except (OverflowError, ValueError):
        return None  # outside the Umm al-Qura tables (1924-2077)
