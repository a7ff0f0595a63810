"""The plain records the pages are made of: what the renderer hands the templates, and what one
article's rendering hands the pages made from all articles."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Generic, NamedTuple, Protocol, TypeVar

from markupsafe import Markup

from ..actors import Actor
from ..arabic import Dateline
from ..checks import Label
from ..source import Segment
from ..translate import Translation

Item = TypeVar("Item")


class Bilingual(NamedTuple):
    ar: str
    en: str


class KindLabels(NamedTuple):
    """How the pages name a kind of actor: a group of them, and one."""

    many_ar: str
    many_en: str
    one_ar: str
    one_en: str


@dataclass(frozen=True)
class Listing:
    """What lists of articles (home, archive, feed, actor pages) show of one article."""

    slug: str
    title_ar: str
    title_en: str | None
    dateline: Dateline
    date_en: str
    first_english: str  # the first translated paragraph, cut to a description: the page's and the feed summary


@dataclass(frozen=True)
class LinkedListing(Listing):
    """A listing with its link as seen from the page that lists it."""

    href: str


@dataclass(frozen=True)
class FeedEntry:
    listing: Listing
    url: str  # absolute
    updated: str  # ISO 8601


@dataclass
class Row:
    """One segment of an article's page, its Arabic and its English marked up."""

    segment: Segment
    translation: Translation
    arabic: Markup
    english: Markup
    failed: tuple[Label, ...] = ()  # the checks a machine translation failed, for its flag
    report: str | None = None  # where a reader reports a problem with it (none when not configured)


@dataclass(frozen=True)
class ActorLink:
    actor: Actor
    href: str


@dataclass(frozen=True)
class Occurrence:
    """Where an actor stands in one segment: the Arabic sentence(s) and the English beside them,
    the link to the segment, and the ways other than by name it names the actor there (by seat,
    as an adjective)."""

    arabic: Markup
    english: Markup
    link: str
    place: str
    other_forms: list[str]


@dataclass(frozen=True)
class ActorSection:
    """One article's part of an actor's pages: the article's mentions of the actor, in context."""

    html: Markup
    forms: dict[str, int]  # how many mentions name the actor each way (by name, by seat, as an adjective)

    @property
    def count(self) -> int:
        """Mentions picked out in the Arabic (every one is shown)."""
        return sum(self.forms.values())


class GivenTitle(NamedTuple):
    """A title an article gives a person, as written, and where (the segment's anchor)."""

    person: str
    written: str
    anchor: str


class Place(NamedTuple):
    """A segment of an article: the article's slug and the segment's anchor."""

    slug: str
    anchor: str


@dataclass(frozen=True)
class ArticleSummary:
    """What the pages made from all articles keep in memory of one article: small, however long
    the article, so that a large site's build holds every article's summary and nothing more."""

    listing: Listing
    together: tuple[frozenset[str], ...]  # the actors the Arabic names in each segment that names two or more
    titles: tuple[GivenTitle, ...]


@dataclass(frozen=True)
class RenderedArticle:
    """What one article gives the pages made from all articles, worked out from that article
    alone (with its own page), so that articles can be rendered on every core: its summary, and
    its sections of its actors' pages, which the build keeps on disk (see ActorSections)."""

    summary: ArticleSummary
    sections: dict[str, ActorSection]  # by actor id, in order of first mention


class ActorSections(Protocol):
    """Where the actor pages read every article's section of them, one page at a time, newest
    article first (the build's cache, on disk: all of them together would not fit a large site's memory)."""

    def forms(self, actor: str) -> tuple[int, Counter[str]]:
        """How many articles have a section of the actor, and its mentions in them by form."""
        ...

    def sections(self, actor: str, offset: int, limit: int) -> list[ActorSection]:
        """The actor's sections from the `offset`-th newest article on, at most `limit` of them."""
        ...

    def keys(self, actor: str) -> list[str]:
        """What each of those articles was made from (cache.article_key), newest first."""
        ...


@dataclass(frozen=True)
class MentionBlock:
    """One page of an actor's mentions: the articles from the `offset`-th newest on, `size` of
    them; `newest` and `oldest` count them from the actor's first article (1), for the page's heading."""

    number: int  # in the page's address: 1 for the first page, then 2 for the oldest block, 3 …
    offset: int
    size: int
    newest: int
    oldest: int


@dataclass(frozen=True)
class TitlePlace:
    """A link to where an article gives a person a title, for the person's page."""

    anchor: str
    href: str
    headline: str  # the article's Arabic title


@dataclass(frozen=True)
class DescribedTitle:
    """A title the articles give a person, the first places they give it, and how many more."""

    title: str
    places: list[TitlePlace]
    more: int


@dataclass(frozen=True)
class Companion:
    """An actor named in the same segments as another, with a link, and in how many segments."""

    actor: Actor
    href: str
    shared: int


@dataclass(frozen=True)
class GlossaryEntry:
    actor: Actor
    href: str
    count: int  # the actor's mentions in all articles


@dataclass(frozen=True)
class Month:
    """A month as the archive names it."""

    year: int
    month: int
    ar: str
    en: str


@dataclass(frozen=True)
class ArchivedMonth:
    """A month in the archive's index: its name, how many articles, and a link to its first page."""

    month: Month
    count: int
    href: str


@dataclass(frozen=True)
class ArchivedYear:
    year: int
    months: list[ArchivedMonth]


@dataclass(frozen=True)
class PageOf(Generic[Item]):
    """One page of a list cut into pages: its items, its number (from 1), and how many pages."""

    items: list[Item]
    number: int
    pages: int

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def paginate(items: list[Item], size: int) -> list[PageOf[Item]]:
    """The items cut into pages of `size`, in order; no items still make one (empty) page."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
    return [PageOf(chunk, number, len(chunks)) for number, chunk in enumerate(chunks, start=1)]
