"""The pipeline from content/ to the generated pages in docs/: read → translate → find actors → render → write.

All input is read and checked before anything is written, so bad input changes no file; pages
whose text is unchanged are not rewritten, and pages of removed articles or actors are removed.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .actors import ArabicFinder, CandidateFinder, EnglishFinder, annotate, load_gazetteer
from .files import write_if_changed
from .render import ARCHIVE, ARTICLES, FEED, GLOSSARY, HOME, SEARCH, Renderer
from .source import Segment, read_articles
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


def render_pages(project: Project, allow_pending: bool = False) -> tuple[dict[str, str], int, int]:
    """Every generated page's text by its path in docs/, with the article and actor counts."""
    actors = load_gazetteer(project.gazetteer)
    articles = read_articles(project.articles)
    arabic, english = ArabicFinder(actors), EnglishFinder(actors)
    annotated = [annotate(translate(article, project.translations, allow_pending), arabic, english) for article in articles]
    return Renderer(actors, project.site_url).render(annotated), len(articles), len(actors)


def generated_files(docs: Path) -> set[str]:
    """The generated pages now in docs/ (those under the folders the build owns, and the home page)."""
    found = {name for name in (HOME, FEED, SEARCH) if (docs / name).exists()}
    for folder in (ARTICLES, GLOSSARY, ARCHIVE):
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
