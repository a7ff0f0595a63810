"""The pipeline from content/ to the generated pages in docs/: read → translate → find actors → render → write.

All input is read and checked before anything is written, so bad input changes no file; pages
whose text is unchanged are not rewritten, and pages of removed articles or actors are removed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .actors import ArabicFinder, CandidateFinder, EnglishFinder, annotate, load_gazetteer
from .files import write_if_changed
from .render import FEED, GENERATED_FOLDERS, GENERATED_PAGES, RenderedArticle, Renderer
from .source import Article, Segment, read_articles
from .translate import translate

log = logging.getLogger("mkdocs.plugins.muwazi")


@dataclass(frozen=True)
class Project:
    """Where a Muwazi project keeps its input and its generated pages."""

    content: Path
    docs: Path
    site_url: str = ""

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def translations(self) -> Path:
        return self.content / "translations"

    @property
    def gazetteer(self) -> Path:
        return self.content / "actors.yml"


@dataclass(frozen=True)
class Report:
    articles: int
    actors: int
    pages: int
    written: int
    removed: int


PARALLEL_FROM = 64  # articles; below this, starting worker processes costs more than it saves
_stage: dict = {}  # what each process needs to render articles, set once per process


def _prepare(actors: list, translations: Path, allow_pending: bool, site_url: str) -> None:
    arabic = ArabicFinder(actors)
    _stage.update(
        arabic=arabic, english=EnglishFinder(actors), cues=CandidateFinder(arabic), renderer=Renderer(actors, site_url),
        translations=translations, allow_pending=allow_pending,
    )


def _rendered(article: Article) -> RenderedArticle:
    translated = translate(article, _stage["translations"], _stage["allow_pending"])
    annotated = annotate(translated, _stage["arabic"], _stage["english"], _stage["cues"])
    return _stage["renderer"].article(annotated)


def render_articles(articles: list[Article], actors: list, project: "Project", allow_pending: bool) -> list[RenderedArticle]:
    """Translate every article from the memory, find its mentions and render it: on every core
    for a large site, since each article needs nothing but itself and the gazetteer."""
    setup = (actors, project.translations, allow_pending, project.site_url)
    cores = os.cpu_count() or 1
    if len(articles) < PARALLEL_FROM or cores < 2:
        _prepare(*setup)
        return [_rendered(article) for article in articles]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(cores, mp_context=context, initializer=_prepare, initargs=setup) as pool:
        return list(pool.map(_rendered, articles, chunksize=max(1, len(articles) // (8 * cores))))


def render_pages(project: Project, allow_pending: bool = False) -> tuple[dict[str, str], int, int]:
    """Every generated page's text by its path in docs/, with the article and actor counts."""
    actors = load_gazetteer(project.gazetteer)
    articles = read_articles(project.articles)
    rendered = render_articles(articles, actors, project, allow_pending)
    return Renderer(actors, project.site_url).site(rendered), len(articles), len(actors)


def is_generated(page: str) -> bool:
    """Whether a page in docs/ (path relative to it, with /) is one the build writes."""
    return page in GENERATED_PAGES or page.startswith(tuple(f"{folder}/" for folder in GENERATED_FOLDERS))


def generated_files(docs: Path) -> set[str]:
    """The generated pages now in docs/ (those under the folders the build owns, and the home page)."""
    found = {name for name in (*GENERATED_PAGES, FEED) if (docs / name).exists()}
    for folder in GENERATED_FOLDERS:
        found |= {path.relative_to(docs).as_posix() for path in (docs / folder).rglob("*.md")}
    return found


def generate(project: Project, allow_pending: bool = False) -> Report:
    """Render everything, then write only what changed and remove what no longer exists."""
    pages, article_count, actor_count = render_pages(project, allow_pending)
    written = sum(write_if_changed(project.docs / path, text) for path, text in sorted(pages.items()))
    stale = generated_files(project.docs) - set(pages)
    for path in sorted(stale):
        (project.docs / path).unlink()
    report = Report(article_count, actor_count, len(pages), written, len(stale))
    log.info(
        "muwazi: %d articles, %d actors → %d pages (%d written, %d removed)",
        report.articles, report.actors, report.pages, report.written, report.removed,
    )
    return report


@dataclass(frozen=True)
class FoundCandidate:
    """A candidate actor where an editor will look for it: file, line, paragraph anchor."""

    path: Path
    segment: Segment
    name: str
    context: str


def find_candidates(project: Project) -> tuple[list[FoundCandidate], int]:
    """Every candidate actor in every article (newest article first), and how many actors are known."""
    actors = load_gazetteer(project.gazetteer)
    finder = CandidateFinder(ArabicFinder(actors))
    found = []
    for article in read_articles(project.articles):
        for segment in article.segments:
            for candidate in finder.find(segment.text):
                name, context = (segment.text[a:b] for a, b in (candidate.name, candidate.context))
                found.append(FoundCandidate(article.path, segment, name, context))
    return found, len(actors)
