"""The pipeline from content/ to the generated pages in docs/: read → translate → find actors → render → write.

All input is read and checked before anything is written, so bad input changes no file; pages
whose text is unchanged are not rewritten, and pages of removed articles or actors are removed.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .actors import ArabicFinder, CandidateFinder, EnglishFinder, annotate, load_gazetteer
from .files import STAGED_SUFFIX, stage_if_changed
from .render import FEED, GENERATED_FOLDERS, GENERATED_PAGES, PageMaker, RenderedArticle, Renderer, article_page
from .source import Segment, article_files, newest_first, read_article, read_articles
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
_stage: dict = {}  # what the work needs, set here before worker processes fork: they inherit it


def _prepare(actors: list, project: Project, allow_pending: bool) -> None:
    arabic = ArabicFinder(actors)
    renderer = Renderer(actors, project.site_url)
    renderer.compile_templates()
    _stage.update(
        arabic=arabic,
        english=EnglishFinder(actors),
        cues=CandidateFinder(arabic),
        renderer=renderer,
        project=project,
        allow_pending=allow_pending,
    )


def _rendered(path: Path) -> tuple[RenderedArticle, Path | None]:
    """The article read and rendered, and its page staged beside its place in docs/ if it changed."""
    project = _stage["project"]
    article = read_article(path)
    translated = translate(article, project.translations, _stage["allow_pending"])
    annotated = annotate(translated, _stage["arabic"], _stage["english"], _stage["cues"])
    page, rendered = _stage["renderer"].article(annotated)
    return rendered, stage_if_changed(project.docs / article_page(article.slug), page)


def _staged_page(path: str) -> Path | None:
    return stage_if_changed(_stage["project"].docs / path, _stage["pages"][path]())


def _on_every_core(work: Callable, items: list, parallel: bool) -> list:
    """work(item) for every item, in order: in worker processes forked from this one (they see
    _stage as it is now) when `parallel`, else here."""
    cores = os.cpu_count() or 1
    if not parallel or cores < 2:
        return [work(item) for item in items]
    context = multiprocessing.get_context("fork")
    gc.freeze()  # what the workers inherit is never collected there, so its memory stays shared, not copied
    try:
        with ProcessPoolExecutor(cores, mp_context=context) as pool:
            try:
                return list(pool.map(work, items, chunksize=max(1, len(items) // (32 * cores))))
            except BaseException:
                pool.shutdown(cancel_futures=True)  # refused input: do not start what is still queued
                raise
    finally:
        gc.unfreeze()


def render_articles(
    paths: list[Path], actors: list, project: Project, allow_pending: bool, parallel: bool
) -> list[tuple[RenderedArticle, Path | None]]:
    """Read every article, translate it from the memory, find its mentions, render it and stage
    its page (on every core for a large site: each article needs nothing but itself and the
    gazetteer); newest first."""
    _prepare(actors, project, allow_pending)
    return newest_first(_on_every_core(_rendered, paths, parallel), lambda result: result[0].listing)


def stage_pages(pages: dict[str, PageMaker], parallel: bool) -> dict[str, Path | None]:
    """Render the pages made from all articles and stage those that changed (on every core for a
    large site: the actor pages carry every mention)."""
    _stage["pages"] = pages
    return dict(zip(pages, _on_every_core(_staged_page, list(pages), parallel)))


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
    """Render every page, staging the changed ones beside their places; only once all are ready,
    rename them into place and remove the pages that no longer exist. Refused input (or Ctrl-C)
    leaves docs/ as it was."""
    started = time.perf_counter()
    actors = load_gazetteer(project.gazetteer)
    paths = article_files(project.articles)
    discard_staged(project.docs)  # left by a run that was killed
    parallel = len(paths) >= PARALLEL_FROM
    try:
        results = render_articles(paths, actors, project, allow_pending, parallel)
        pages = _stage["renderer"].site([rendered for rendered, _ in results])
        staged = {article_page(rendered.listing.slug): page for rendered, page in results}
        staged.update(stage_pages(pages, parallel))
    except BaseException:
        discard_staged(project.docs)
        raise
    for path, temporary in sorted(staged.items()):
        if temporary is not None:
            os.replace(temporary, project.docs / path)
    stale = generated_files(project.docs) - set(staged)
    for path in sorted(stale):
        (project.docs / path).unlink()
    report = Report(len(paths), len(actors), len(staged), sum(t is not None for t in staged.values()), len(stale))
    log.info(
        "muwazi: %d articles, %d actors → %d pages (%d written, %d removed) in %.1f s",
        report.articles,
        report.actors,
        report.pages,
        report.written,
        report.removed,
        time.perf_counter() - started,
    )
    return report


def discard_staged(docs: Path) -> None:
    """Remove generated pages that were staged and never put in place."""
    leftovers = [path for name in (*GENERATED_PAGES, FEED) for path in docs.glob(f".{name}.*{STAGED_SUFFIX}")]
    leftovers += [path for folder in GENERATED_FOLDERS for path in (docs / folder).rglob(f".*{STAGED_SUFFIX}")]
    for path in leftovers:
        path.unlink(missing_ok=True)


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
