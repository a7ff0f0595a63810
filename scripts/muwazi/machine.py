"""`muwazi translate`: fill the translation memory with machine translation, one safe step at a time.

Only what the memory lacks is sent (and, when asked, what is still fuzzy); reviewed entries are
never touched. Each accepted translation is written to the PO file at once, atomically, after
re-reading the file (a PO editor, or another run, may have saved it meanwhile) and holding the
file's lock (so that another run cannot save between that reading and the writing), so a kill at
any moment leaves the file whole and a re-run sends only what is still missing.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from . import memory
from .build import discard_debris
from .config import Project
from .engines import Engine, EngineStopped, Policy, Rejected, key_for, spec_for
from .errors import INTERRUPTED, MuwaziError, display
from .files import held
from .source import Article, Segment, read_articles, slug_for


@dataclass(frozen=True)
class Job:
    """The segments of one article to send, in article order, each text once."""

    article: Article
    po: Path
    segments: tuple[Segment, ...]


def wanted(entry: memory.Entry | None, retranslate_fuzzy: bool) -> bool:
    """A segment is sent when the memory lacks it, or holds only unreviewed output and we are asked to redo that."""
    return entry is None or (retranslate_fuzzy and not entry.reviewed)


def plan(project: Project, names: list[str], retranslate_fuzzy: bool) -> list[Job]:
    """What would be sent for the named articles (all of them when none is named)."""
    articles = read_articles(project.articles)
    by_slug = {article.slug: article for article in articles}
    if names:
        unknown = [name for name in names if slug_for(Path(name)) not in by_slug]
        if unknown:
            raise MuwaziError(
                f"no article named {unknown[0]!r}: give a file name from content/articles/ (with or without .txt)",
                project.articles,
            )
        articles = [by_slug[slug] for slug in dict.fromkeys(slug_for(Path(name)) for name in names)]
    jobs = []
    for article in articles:
        po = memory.path_for(project.translations, article.slug)
        known = memory.load(project.translations, article.slug)
        todo: dict[str, Segment] = {}
        for segment in article.segments:
            if wanted(known.get(segment.text), retranslate_fuzzy):
                todo.setdefault(segment.text, segment)  # a text said twice is sent once
        if todo:
            jobs.append(Job(article, po, tuple(todo.values())))
    return jobs


class Progress:
    """Segments done / total and characters on a terminal (one redrawn line); plain lines otherwise."""

    WIDTH = 24

    def __init__(self, segments: int, characters: int, stream: TextIO):
        self.total, self.characters, self.stream = segments, characters, stream
        self.done = self.sent = 0
        self.live = stream.isatty()

    def step(self, job: Job, segment: Segment, outcome: str) -> None:
        self.done += 1
        self.sent += len(segment.text)
        if self.live:
            filled = self.WIDTH * self.done // max(self.total, 1)
            bar = "█" * filled + "·" * (self.WIDTH - filled)
            self.stream.write(
                f"\r{bar} {self.done}/{self.total} segments · {self.sent:,}/{self.characters:,} characters "
            )
            if self.done == self.total:
                self.stream.write("\n")
        else:
            where = f"{job.article.slug}:{segment.line}"
            self.stream.write(
                f"{self.done}/{self.total} {where} {segment.kind}, {len(segment.text):,} characters: {outcome}\n"
            )
        self.stream.flush()

    def interrupt(self) -> None:
        if self.live and 0 < self.done < self.total:
            self.stream.write("\n")


def dry_run(jobs: list[Job], engine: str, out: TextIO) -> None:
    """List what would be sent, and how much."""
    characters = 0
    for job in jobs:
        for segment in job.segments:
            characters += len(segment.text)
            excerpt = segment.text if len(segment.text) <= 60 else segment.text[:60] + "…"
            out.write(
                f"{job.article.path.name}:{segment.line}\t{segment.kind}\t{len(segment.text):,} characters\t{excerpt}\n"
            )
    count = sum(len(job.segments) for job in jobs)
    out.write(f"would send {count} segments, {characters:,} characters, to {engine} (nothing sent: dry run)\n")


def fill(
    project: Project,
    jobs: list[Job],
    engine: Engine,
    progress: Progress,
    retranslate_fuzzy: bool,
    on: date,
    err: TextIO,
) -> tuple[int, int]:
    """Translate and save each segment at once; (saved, rejected). EngineStopped ends the run."""
    saved = rejected = 0
    for job in jobs:
        for segment in job.segments:
            try:
                english = engine.translate(segment.text)
            except Rejected as reason:
                rejected += 1
                progress.step(job, segment, f"not kept ({reason})")
                err.write(f"muwazi: warning: {MuwaziError(f'not kept: {reason}', job.article.path, segment.line)}\n")
                continue
            except EngineStopped as stop:
                progress.interrupt()
                raise EngineStopped(str(MuwaziError(str(stop), job.article.path, segment.line))) from None
            if save(project, job, segment, english, engine.spec.name, retranslate_fuzzy, on):
                saved += 1
                progress.step(job, segment, "saved")
            else:
                progress.step(job, segment, "skipped (filled meanwhile)")
    return saved, rejected


def save(
    project: Project, job: Job, segment: Segment, english: str, engine: str, retranslate_fuzzy: bool, on: date
) -> bool:
    """Add one translation to the PO file as it is now, unless it was filled meanwhile; whether it
    was saved. The file is read, changed and renamed into place holding its lock, so that two runs
    at once never write over each other's entries."""
    with held(job.po, f"another muwazi translate is writing {display(job.po)}"):
        catalogue = memory.load_catalogue(job.po, job.article.slug)
        if not wanted(memory.entries(catalogue).get(segment.text), retranslate_fuzzy):
            return False
        occurrence = (job.article.path.relative_to(project.content).as_posix(), str(segment.line))
        new = catalogue.find(segment.text) is None
        memory.record_machine_translation(catalogue, segment.text, english, engine, occurrence, on)
        if new:
            _put_in_article_order(catalogue, job.article, segment.text)
        memory.save(catalogue, job.po)
    return True


def _put_in_article_order(catalogue, article: Article, arabic: str) -> None:
    """Move a new entry before the first entry of a later segment, so a PO editor reads the article in order."""
    order = {segment.text: number for number, segment in enumerate(article.segments)}
    item = catalogue.find(arabic)
    catalogue.remove(item)
    later = (n for n, other in enumerate(catalogue) if order.get(other.msgid, -1) > order[arabic])
    catalogue.insert(next(later, len(catalogue)), item)


def run(
    project: Project,
    names: list[str],
    engine_name: str,
    url: str | None,
    dry: bool,
    retranslate_fuzzy: bool,
    policy: Policy,
) -> int:
    """The whole command: 0 when every wanted segment was saved, 1 when some were not, 130 on Ctrl-C."""
    out, err = sys.stdout, sys.stderr
    spec = spec_for(engine_name, url)
    if not dry:
        key_for(spec)  # refuse a missing key before reading anything
    jobs = plan(project, names, retranslate_fuzzy)
    if dry:
        dry_run(jobs, spec.name, out)
        return 0
    discard_debris(project)  # what runs killed earlier left
    segments = sum(len(job.segments) for job in jobs)
    if not segments:
        out.write("nothing to translate: the memory has every segment\n")
        return 0
    engine = Engine(spec, url, policy)
    progress = Progress(segments, sum(len(s.text) for job in jobs for s in job.segments), err)
    try:
        saved, rejected = fill(project, jobs, engine, progress, retranslate_fuzzy, date.today(), err)
    except EngineStopped as stop:
        err.write(
            f"muwazi: error: {stop}; the translations saved so far are kept: run `muwazi translate` again to resume\n"
        )
        return 1
    except KeyboardInterrupt:
        progress.interrupt()
        err.write(
            "muwazi: interrupted; every translation finished so far is saved: run `muwazi translate` again to resume\n"
        )
        return INTERRUPTED
    out.write(
        f"{saved} of {segments} segments translated with {spec.label} and saved as fuzzy machine translations"
        f" ({engine.requests_sent} requests)\n"
    )
    if rejected:
        err.write(
            f"muwazi: error: {rejected} segments not translated (see the warnings above): re-run, try another engine or translate them in a PO editor\n"
        )
        return 1
    return 0
