"""The search index, in parts: one Pagefind bundle for the glossary (the actors' first pages), one
for the newest month of articles, and one per year (or run of years) of the older articles, which
search.js searches in the reader's browser, merged with Pagefind's mergeIndex.

A part is re-indexed only when its pages on disk are not the ones it was made from (a hash of
them is kept beside its bundle). The decision is made from the built site alone, never from the
pages a build happened to render, so it is right in an incremental build (which renders only the
changed pages) and in a site folder one build behind; Pagefind writes the same bytes for the same
pages, so a clean build and an incremental one leave the same index.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .digests import digest_of
from .files import write_atomically
from .render.urls import ARTICLES
from .render.urls import GLOSSARY as ACTOR_PAGES

BUNDLE = "pagefind"  # the folder in site/ that holds every part, and the list of them
PARTS = "parts.json"  # in BUNDLE: the parts' folder names, the bundle search.js loads first at the head
PAGES_HASH = "pages.sha256"  # in each part: the hash of the pages it was made from
GLOSSARY = "glossary"  # the part of the pages that have no date: the actors' first pages
# A page Pagefind indexes carries data-pagefind-body on an element; an article says when it was published.
_SEARCHABLE = re.compile(rb"<[a-z][a-z0-9]*\b[^<>]*\sdata-pagefind-body[\s>=]")
_PUBLISHED = re.compile(rb'<meta property="article:published_time" content="(\d{4})-(\d{2})-')


# Each part costs a reader's first query its own fetches (its entry file, its page list, an index
# chunk per word), so a year with fewer articles than this shares its part with the years after
# it (benchmarks/README.md, "Search in parts"); mkdocs.yml's search_year_pages sets it. The newest
# month is a part of its own whatever its size: new articles join it, and a daily build re-indexes
# it alone (Pagefind's time grows with a part's pages), and search.js shows its results first.
YEAR_ON_ITS_OWN = 2000


@dataclass(frozen=True)
class Part:
    name: str  # its folder in BUNDLE: GLOSSARY, a year, the first and last years it holds (2017-2019), or the newest month (2019-08)
    pages: tuple[str, ...]  # paths inside site/, sorted
    digest: str  # of Pagefind's version and every page's path and bytes


@dataclass(frozen=True)
class Indexed:
    written: tuple[str, ...]  # the parts (re)indexed by this build
    kept: tuple[str, ...]  # the parts whose pages had not changed


def parts_of(site: Path, least: int = YEAR_ON_ITS_OWN) -> list[Part]:
    """The site's searchable pages in parts: the glossary, the articles of the years before by the
    year the page's head gives (the dateline's, not the slug's, which need not start with a date),
    a year joined to the years after it until the part holds `least` pages (see YEAR_ON_ITS_OWN),
    then the newest month's, always a part of its own; with a hash of each."""
    dated: dict[str, list[tuple[str, bytes]]] = defaultdict(list)  # by month: (page, hash of its bytes)
    for path in sorted(_candidates(site)):
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if not _searchable(data):
            continue
        published = _PUBLISHED.search(data)
        month = f"{published[1].decode('ascii')}-{published[2].decode('ascii')}" if published else GLOSSARY
        dated[month].append((name, hashlib.sha256(data).digest()))
    groups = [(GLOSSARY, dated.pop(GLOSSARY))] if GLOSSARY in dated else []  # first: it loads the engine
    newest = max(dated, default=None)
    latest = dated.pop(newest) if newest else []
    by_year: dict[str, list[tuple[str, bytes]]] = defaultdict(list)
    for month, pages in dated.items():
        by_year[month.partition("-")[0]] += pages
    years: list[tuple[str, list[tuple[str, bytes]]]] = []
    for year in sorted(by_year):
        if years and len(years[-1][1]) < least:
            first, pages = years.pop()
            years.append((f"{first.partition('-')[0]}-{year}", pages + by_year[year]))
        else:
            years.append((year, by_year[year]))
    groups += years
    if newest:
        groups.append((newest, latest))
    made_by = f"pagefind {version('pagefind')}"
    parts = []
    for name, pages in groups:
        pages.sort()
        digest = digest_of(made_by, *(part for page, page_hash in pages for part in (page, page_hash)))
        parts.append(Part(name, tuple(page for page, _ in pages), digest))
    return parts


def _searchable(data: bytes) -> bool:
    """Whether a page carries data-pagefind-body on an element; the pattern is tried from the tag
    before the attribute's first appearance (no match can start earlier), not over the whole head."""
    first = data.find(b"data-pagefind-body")
    return first >= 0 and _SEARCHABLE.search(data, max(0, data.rfind(b"<", 0, first))) is not None


def _candidates(site: Path) -> list[Path]:
    """The pages that may be searchable: the articles and the actors' first pages (an actor's
    later pages, most of a large site's bytes, never are; data-pagefind-body decides for the rest)."""
    articles = site.glob(f"{ARTICLES}/*/index.html")
    actors = (path for path in site.glob(f"{ACTOR_PAGES}/*/index.html") if "--" not in path.parent.name)
    return [*articles, *actors]


def index_site(site: Path, least: int = YEAR_ON_ITS_OWN) -> Indexed:
    """Bring site/pagefind/ up to date with the site's pages: write the parts whose pages changed,
    keep the others as they are, remove what no part is made of any more (an earlier layout, a
    year with no article left), then list the parts for search.js."""
    bundle = site / BUNDLE
    bundle.mkdir(exist_ok=True)
    parts = parts_of(site, least)
    stale = [part for part in parts if _recorded(bundle / part.name) != part.digest]
    wanted = {part.name for part in parts} | {PARTS}
    for leftover in sorted(bundle.iterdir()):
        if leftover.name not in wanted:
            shutil.rmtree(leftover) if leftover.is_dir() and not leftover.is_symlink() else leftover.unlink()
    with ThreadPoolExecutor(os.cpu_count()) as pool:
        list(pool.map(lambda part: _write_part(site, part), stale))
    listing = json.dumps({"parts": [part.name for part in parts]}) + "\n"
    if not (bundle / PARTS).is_file() or (bundle / PARTS).read_text(encoding="utf-8") != listing:
        write_atomically(bundle / PARTS, listing.encode("utf-8"), durable=False)
    return Indexed(tuple(p.name for p in stale), tuple(p.name for p in parts if p not in stale))


def _recorded(folder: Path) -> str | None:
    path = folder / PAGES_HASH
    return path.read_text(encoding="ascii").strip() if path.is_file() else None


def _write_part(site: Path, part: Part) -> None:
    """Index one part: Pagefind reads a folder holding hard links to just the part's pages (no
    glob, whose length a command line limits), writes beside the old bundle, which it then replaces."""
    bundle = site / BUNDLE
    staging, written = bundle / f".{part.name}.pages", bundle / f".{part.name}.new"
    for folder in (staging, written):
        shutil.rmtree(folder, ignore_errors=True)
    try:
        for page in part.pages:
            (staging / page).parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, staging / page)
            except OSError:  # a file system without hard links
                shutil.copyfile(site / page, staging / page)
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path", str(written), "--silent"],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"Pagefind could not index {part.name} of {site}: {result.stderr.strip() or result.stdout.strip()}"
            )
        (written / PAGES_HASH).write_text(part.digest + "\n", encoding="ascii")
        shutil.rmtree(bundle / part.name, ignore_errors=True)
        os.replace(written, bundle / part.name)
    finally:
        for folder in (staging, written):
            shutil.rmtree(folder, ignore_errors=True)
