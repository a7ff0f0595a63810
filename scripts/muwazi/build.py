"""The pipeline from content/ to the generated pages in docs/: read → translate → find actors → render → write.

All input is read and checked before anything is written, so bad input changes no file; pages
whose text is unchanged are not rewritten, and pages of removed articles or actors are removed.
"""

from __future__ import annotations

import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from . import memory
from .actors import (
    Actor,
    AnnotatedArticle,
    ArabicFinder,
    CandidateFinder,
    Doubt,
    EnglishFinder,
    annotate,
    guessed_kind,
    load_gazetteer,
)
from .align import MODEL_FILE, Aligner, LengthModel, Note, aligned, load_model, notes_of
from .cache import CACHE_FILE, BuildCache, Known, article_key, code_fingerprint
from .checks import Checker, Finding
from .config import Project
from .digests import digest_of
from .errors import display
from .files import STAGED_SUFFIX, held, held_if_free, stage_if_changed, staged_in
from .render import (
    FEED,
    GENERATED_FOLDERS,
    GENERATED_PAGES,
    PageMaker,
    RenderedArticle,
    Renderer,
    SitePages,
    article_page,
)
from .render.views import ActorSection, ArticleSummary
from .source import Segment, article_files, newest_first, read_article, read_articles, slug_for
from .tmx import TMX_SUFFIX, TmxWriter, tmx_file
from .translate import MACHINE, REVIEWED, TranslatedArticle, translate

log = logging.getLogger("mkdocs.plugins.muwazi")

_PR_SET_PDEATHSIG = 1  # prctl's option, from <linux/prctl.h>
PARALLEL_FROM = 64  # articles; below this, starting worker processes costs more than it saves


@dataclass(frozen=True)
class Report:
    articles: int
    rendered: int  # the articles read and rendered; the others came from the build cache
    actors: int
    pages: int
    written: int
    removed: int


@dataclass(frozen=True)
class BuildContext:
    """What rendering an article needs besides the article; plain data, so that it reaches worker
    processes under any start method."""

    actors: list[Actor]
    project: Project
    allow_pending: bool
    alignment: LengthModel


@dataclass(frozen=True)
class StagedPage:
    path: str  # inside docs/, with /
    temporary: Path | None  # the new text, staged beside the page; None when the page is unchanged


@dataclass(frozen=True)
class StagedArticle:
    path: Path  # the article's file
    summary: ArticleSummary  # its part in the pages made from all articles
    page: StagedPage
    tmx: StagedPage  # its aligned text (tmx.tmx_file)
    findings: int = 0  # what `muwazi check` finds in its translations
    sections: dict[str, ActorSection] | None = None  # its sections of the actor pages, until the cache holds them
    rendered: bool = True  # False for an article the cache vouched for


class ArticleWork:
    """Read, translate, annotate and render one article, stage by stage, and stage its page."""

    def __init__(self, context: BuildContext):
        self.context = context
        self.arabic = ArabicFinder(context.actors)
        self.english = EnglishFinder(context.actors)
        self.cues = CandidateFinder(self.arabic)
        self.renderer = Renderer(context.actors, context.project.site_url, context.project.report)
        self.aligner = Aligner(context.alignment)
        self.tmx = TmxWriter()
        self.checker = Checker(context.actors, context.alignment)

    def translated(self, path: Path) -> TranslatedArticle:
        return translate(read_article(path), self.context.project.translations, self.context.allow_pending)

    def annotated(self, translated: TranslatedArticle) -> AnnotatedArticle:
        return annotate(translated, self.arabic, self.english, self.cues)

    def aligned(self, annotated: AnnotatedArticle) -> AnnotatedArticle:
        return aligned(annotated, self.aligner, self.context.project.translations)

    def checked(self, annotated: AnnotatedArticle, everything: bool = False) -> tuple[tuple[Finding, ...], ...]:
        """The findings of the machine translations, which a page shows and the build's log sums
        up (a reviewer has decided on the others: `muwazi check`, with `everything`, lists them too)."""
        return self.checker.article(annotated, (REVIEWED, MACHINE) if everything else (MACHINE,))

    def rendered(
        self, annotated: AnnotatedArticle, findings: tuple[tuple[Finding, ...], ...]
    ) -> tuple[str, RenderedArticle]:
        return self.renderer.article(annotated, findings)

    def __call__(self, path: Path) -> StagedArticle:
        annotated = self.aligned(self.annotated(self.translated(path)))
        findings = self.checked(annotated)
        text, rendered = self.rendered(annotated, findings)
        page, tmx = article_page(rendered.summary.listing.slug), tmx_file(rendered.summary.listing.slug)
        docs = self.context.project.docs
        return StagedArticle(
            path,
            rendered.summary,
            StagedPage(page, stage_if_changed(docs / page, text)),
            StagedPage(tmx, stage_if_changed(docs / tmx, self.tmx.text(annotated))),
            sum(map(len, findings)),
            rendered.sections,
        )


class PageWork:
    """Render one of the pages made from all articles and stage it."""

    def __init__(self, pages: dict[str, PageMaker], docs: Path):
        self.pages = pages
        self.docs = docs

    def __call__(self, path: str) -> StagedPage:
        return StagedPage(path, stage_if_changed(self.docs / path, self.pages[path]()))


# A worker process's work, set there by _start_worker; never set in the main process.
_work: Callable[[Any], Any] | None = None


def _start_worker(make_work: Callable[..., Callable[[Any], Any]], args: tuple, parent: int | None) -> None:
    """Make the work once per worker process, not once per item. Ctrl-C is left to the main
    process, which stops the pool and removes what was staged."""
    global _work
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with(parent)
    _work = make_work(*args)


def _die_with(parent: int | None) -> None:
    """End this worker when the main process ends, even killed (`kill -9`), rather than leave it
    waiting for work forever: the kernel kills it (Linux's parent-death signal), elsewhere a
    thread watching the parent does; and it ends now if the parent is gone already. `parent` is
    None when the workers are a fork server's children, which ends with the main process."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    elif parent is not None:
        threading.Thread(target=_watch, args=(parent,), daemon=True).start()
    if parent is not None and os.getppid() != parent:
        os._exit(1)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _do(item: Any) -> Any:
    assert _work is not None, "called outside a worker process"
    return _work(item)


def default_start_method() -> str | None:
    """fork on Linux, where the workers share the main process's memory (and need not import
    anything again); elsewhere the platform's own (spawn on macOS and Windows)."""
    return "fork" if sys.platform.startswith("linux") else None


def on_every_core(
    make_work: Callable[..., Callable[[Any], Any]], args: tuple, items: list, parallel: bool, start_method: str | None
) -> Iterator:
    """make_work(*args)(item) for every item, in order, as each is done: in worker processes when
    `parallel` (each makes its work from `args`, which it receives whole), else here."""
    cores = os.cpu_count() or 1
    if not parallel or cores < 2:
        work = make_work(*args)
        yield from (work(item) for item in items)
        return
    context = multiprocessing.get_context(start_method or default_start_method())
    parent = None if context.get_start_method() == "forkserver" else os.getpid()
    with ProcessPoolExecutor(
        cores, mp_context=context, initializer=_start_worker, initargs=(make_work, args, parent)
    ) as pool:
        try:
            yield from pool.map(_do, items, chunksize=max(1, len(items) // (32 * cores)))
        except BaseException:
            pool.shutdown(cancel_futures=True)  # refused input or Ctrl-C: do not start what is still queued
            raise


def render_articles(
    paths: list[Path], context: BuildContext, cache: BuildCache, parallel: bool, start_method: str | None = None
) -> list[StagedArticle]:
    """Read every article that changed since the cache last saw it, translate it from the memory,
    find its mentions, render it and stage its page (on every core for a large site: each article
    needs nothing but itself and the gazetteer), its sections of the actor pages going into the
    cache as they come; the others as the cache knows them. Newest first."""
    docs, translations = context.project.docs, context.project.translations
    keys = {path: article_key(path, memory.path_for(translations, slug_for(path))) for path in paths}
    known = cache.known(keys, {path: _places(docs, slug_for(path)) for path in paths})
    cache.forget(keys)  # the articles that are gone
    cache.commit()
    cache.close()  # before the workers are forked (see BuildCache.close)
    staged = [_as_known(path, found, docs) for path, found in known.items()]
    todo = [path for path in paths if path not in known]
    for article in on_every_core(ArticleWork, (context,), todo, parallel and len(todo) >= PARALLEL_FROM, start_method):
        cache.store(
            article.path, keys[article.path], RenderedArticle(article.summary, article.sections or {}), article.findings
        )
        staged.append(replace(article, sections=None))  # the cache has them now
    cache.commit()
    return newest_first(staged, lambda article: article.summary.listing)


def _places(docs: Path, slug: str) -> tuple[Path, Path]:
    """An article's page and its aligned text in docs/."""
    return docs / article_page(slug), docs / tmx_file(slug)


def _as_known(path: Path, known: Known, docs: Path) -> StagedArticle:
    """An article the cache vouches for: its page and aligned text in place already."""
    page, tmx = article_page(known.summary.listing.slug), tmx_file(known.summary.listing.slug)
    return StagedArticle(
        path, known.summary, StagedPage(page, None), StagedPage(tmx, None), known.findings, rendered=False
    )


def stage_pages(
    pages: SitePages, docs: Path, cache: BuildCache, parallel: bool, start_method: str | None = None
) -> list[StagedPage]:
    """Render the pages made from all articles and stage those that changed (on every core for a
    large site: the actor pages carry every mention), except those the cache vouches for."""
    vouched = cache.unchanged_pages(pages.keys, docs)
    cache.close()  # before the workers are forked (see BuildCache.close)
    todo = [path for path in pages.makers if path not in vouched]
    work = on_every_core(PageWork, (pages.makers, docs), todo, parallel and len(todo) >= PARALLEL_FROM, start_method)
    return [*(StagedPage(path, None) for path in sorted(vouched)), *work]


def build_cache(project: Project, allow_pending: bool) -> BuildCache:
    """The project's build cache, for what every article's rendering depends on besides itself
    and its memory: this version of Muwazi, the gazetteer, the aligner's model and the options."""
    inputs = (project.gazetteer, project.content / MODEL_FILE)
    context = digest_of(
        code_fingerprint(),
        sys.version,
        *(path.read_bytes() if path.is_file() else b"" for path in inputs),
        project.site_url,
        project.report,
        str(allow_pending),
    )
    return BuildCache(project.content.parent / CACHE_FILE, context)


def is_generated(page: str) -> bool:
    """Whether a page in docs/ (path relative to it, with /) is one the build writes."""
    return page in GENERATED_PAGES or page.startswith(tuple(f"{folder}/" for folder in GENERATED_FOLDERS))


def generated_files(docs: Path) -> set[str]:
    """The generated files now in docs/: the pages under the folders the build owns and their
    aligned texts (TMX), the home page and the feed."""
    found = {name for name in (*GENERATED_PAGES, FEED) if (docs / name).exists()}
    for folder in GENERATED_FOLDERS:
        for pattern in ("*.md", f"*{TMX_SUFFIX}"):
            found |= {path.relative_to(docs).as_posix() for path in (docs / folder).rglob(pattern)}
    return found


def docs_held(project: Project, wait: bool = True):
    """docs/'s lock, held by every run that writes the generated pages (see files.held)."""
    return held(project.docs, f"another muwazi run is writing {display(project.docs)}/", wait)


def generate(
    project: Project, allow_pending: bool = False, start_method: str | None = None, wait: bool = True
) -> Report:
    """generate_under_lock, holding docs/'s lock (waiting for it, or refused when not `wait`)."""
    with docs_held(project, wait):
        return generate_under_lock(project, allow_pending, start_method)


def generate_under_lock(project: Project, allow_pending: bool = False, start_method: str | None = None) -> Report:
    """Render every page, staging the changed ones beside their places; only once all are ready,
    rename them into place and remove the pages that no longer exist. Refused input (or Ctrl-C)
    leaves docs/ as it was. `start_method` is how worker processes start (multiprocessing's
    names; default: default_start_method()). The caller holds docs_held(project)."""
    started = time.perf_counter()
    actors = load_gazetteer(project.gazetteer)
    paths = article_files(project.articles)
    discard_leftovers(project.docs)  # left by a run that was killed
    discard_memory_leftovers(project.translations)
    parallel = len(paths) >= PARALLEL_FROM
    cache = build_cache(project, allow_pending)
    try:
        context = BuildContext(actors, project, allow_pending, load_model(project.content))
        articles = render_articles(paths, context, cache, parallel, start_method)
        pages = Renderer(actors, project.site_url).site([article.summary for article in articles], cache)
        staged = [file for article in articles for file in (article.page, article.tmx)]
        staged += stage_pages(pages, project.docs, cache, parallel, start_method)
        for page in sorted(staged, key=lambda page: page.path):
            if page.temporary is not None:
                os.replace(page.temporary, project.docs / page.path)
        cache.confirm({article.path: _places(project.docs, article.summary.listing.slug) for article in articles})
        cache.confirm_pages(pages.keys, project.docs)
    except BaseException:  # refused input, Ctrl-C, a disk full or a folder not writable
        discard_leftovers(project.docs)
        raise
    finally:
        cache.close()
    stale = generated_files(project.docs) - {page.path for page in staged}
    for path in sorted(stale):
        (project.docs / path).unlink()
        if path.endswith(TMX_SUFFIX) and not any((project.docs / path).parent.iterdir()):
            (project.docs / path).parent.rmdir()  # the folder that held a removed article's aligned text
    written = sum(page.temporary is not None for page in staged)
    rendered = sum(article.rendered for article in articles)
    report = Report(len(paths), rendered, len(actors), len(staged), written, len(stale))
    log.info(
        "muwazi: %d articles (%d rendered, the rest from the cache), %d actors → %d pages (%d written, %d removed) in %.1f s",
        report.articles,
        report.rendered,
        report.actors,
        report.pages,
        report.written,
        report.removed,
        time.perf_counter() - started,
    )
    if summary := findings_summary([article.findings for article in articles]):
        log.info("muwazi: %s", summary)  # info: a warning would fail a strict build
    return report


def findings_summary(per_article: list[int]) -> str | None:
    """The build log's line about the translations' findings, or None when there are none."""
    found = sum(per_article)
    if not found:
        return None
    articles = sum(count > 0 for count in per_article)
    return f"{found} finding{'s' * (found != 1)} in {articles} article{'s' * (articles != 1)}; run muwazi check"


def discard_leftovers(docs: Path) -> None:
    """Remove generated pages that were staged and never put in place."""
    leftovers = [path for name in (*GENERATED_PAGES, FEED) for path in docs.glob(f".{name}.*{STAGED_SUFFIX}")]
    leftovers += [path for folder in GENERATED_FOLDERS for path in (docs / folder).rglob(f".*{STAGED_SUFFIX}")]
    for path in leftovers:
        path.unlink(missing_ok=True)


def discard_memory_leftovers(translations: Path) -> None:
    """Remove what a killed `muwazi translate` staged beside a PO file, unless a run now holds
    that file's lock (what is staged there may then be its own)."""
    for target, staged in staged_in(translations).items():
        if target.suffix == ".po":
            with held_if_free(target) as free:
                for path in staged if free else ():
                    path.unlink(missing_ok=True)


def discard_debris(project: Project) -> None:
    """What killed runs left in docs/ and in the memory, except what a run now working holds."""
    with held_if_free(project.docs) as free:
        if free:
            discard_leftovers(project.docs)
    discard_memory_leftovers(project.translations)


@dataclass(frozen=True)
class FoundCandidate:
    """A candidate actor, or a name left unlinked, where an editor will look for it: file, line, paragraph anchor."""

    path: Path
    segment: Segment
    name: str
    context: str
    english: str = ""  # the name as the translation writes it, where it was found there
    doubt: str = ""  # why a name is left unlinked (a doubt, not a candidate); "" for a candidate
    kind: str = "person"  # what the candidate probably is (actors.guessed_kind)


def find_candidates(project: Project) -> tuple[list[FoundCandidate], int]:
    """Every candidate actor in every article (newest article first), read with its translation
    where there is one, then the names left unlinked (see actors.Doubt); and how many actors are known."""
    actors = load_gazetteer(project.gazetteer)
    arabic, english = ArabicFinder(actors), EnglishFinder(actors)
    finder = CandidateFinder(arabic, english)
    found = []
    for article in read_articles(project.articles):
        annotated = annotate(translate(article, project.translations, allow_pending=True), arabic, english, finder)
        for (segment, translation), doubts in zip(annotated.translated.pairs(), annotated.doubts, strict=True):
            text = translation.english or ""
            for candidate in finder.find(segment.text, text):
                name, context = (segment.text[a:b] for a, b in (candidate.name, candidate.context))
                in_english = text[slice(*candidate.english)] if candidate.english else ""
                found.append(
                    FoundCandidate(article.path, segment, name, context, in_english, kind=guessed_kind(candidate))
                )
            for doubt in doubts:
                found.append(_doubt(article.path, segment, text, doubt, actors))
    return found, len(actors)


def check_translations(
    project: Project, progress: Callable[[int, int], None] | None = None
) -> tuple[list[Finding], list[Note]]:
    """What the checks find in every article's translations, and the paragraphs whose alignment an
    editor may want to see (newest article first), each article read, annotated and aligned as the
    build does; `progress(done, total)` after each article."""
    work = ArticleWork(BuildContext(load_gazetteer(project.gazetteer), project, True, load_model(project.content)))
    paths = article_files(project.articles)
    checked = []
    for done, path in enumerate(paths, start=1):
        annotated = work.aligned(work.annotated(work.translated(path)))
        findings = [finding for found in work.checked(annotated, everything=True) for finding in found]
        checked.append((annotated.translated.article, findings, notes_of(annotated)))
        if progress:
            progress(done, len(paths))
    ordered = newest_first(checked, lambda item: item[0])
    return [f for _, found, _ in ordered for f in found], [n for _, _, notes in ordered for n in notes]


def alignment_notes(project: Project) -> list[Note]:
    """The paragraphs whose alignment an editor may want to see (pinned, or left whole as unsure),
    in every article, oldest file name first; a pin that does not fit its text is refused."""
    work = ArticleWork(BuildContext(load_gazetteer(project.gazetteer), project, True, load_model(project.content)))
    return [
        note
        for path in article_files(project.articles)
        for note in notes_of(work.aligned(work.annotated(work.translated(path))))
    ]


def _doubt(path: Path, segment: Segment, english: str, doubt: Doubt, actors: list[Actor]) -> FoundCandidate:
    """A name left unlinked, with both sides of the segment named in the message."""
    written = (segment.text if doubt.language == "ar" else english)[doubt.start : doubt.end]
    who = next((f"{actor.ar.name} · {actor.en.name}" for actor in actors if actor.id == doubt.actor), doubt.actor)
    other = english if doubt.language == "ar" else segment.text
    if doubt.reason == "held":
        why = f"not linked to {who}: a name goes on after it"
    else:
        side = "English" if doubt.language == "ar" else "Arabic"
        why = f"not linked to {who}: the {side} does not name them"
    return FoundCandidate(path, segment, written, _clipped(other), doubt=why)


def _clipped(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
