"""Search as a reader meets it: what the first query fetches and how soon results show.

    .venv/bin/python benchmarks/search.py SITE_DIR                 # a site built already
    .venv/bin/python benchmarks/search.py --articles 1000 10000    # build each with `muwazi build`

With --articles, each site is the project benchmarks/build_time.py makes (its `make_project`: the
seed's paragraphs shuffled, one article a day), built for real in a temporary folder (or in
--keep FOLDER, reused by the next run). The site is served on 127.0.0.1 and, in Debian's Chromium,
each query is met twice, each time in a fresh browser context (nothing cached):
- typed: the search page is opened, the query typed as a person would (search.js fetches the engine
  on focus and preloads the index chunks as the words come), then Enter; the time is from Enter to
  the first results, as the page measures it;
- opened: the search page opened at ?q=…, as from a link; the time is from the page's start of the
  search to the first results, every part's engine and index fetched meanwhile.
For each it reports the bytes and the number of Pagefind files fetched; --least N … measures the
queries again with the years joined into parts of at least N pages. Before that, what keeping the
index up to date costs: indexing the site again with nothing changed (reading and hashing the pages),
after one article of the newest month changed (one part rewritten), and with --whole from nothing.
Targets at 10,000 articles: the first query fetches at most 1 MB and shows results within 300 ms.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_time import make_project  # noqa: E402
from muwazi.search_index import BUNDLE, YEAR_ON_ITS_OWN, index_site, parts_of  # noqa: E402

QUERIES = ["لافروف", "سيرجى لافروف", "كوريا الشماليه", "Lavrov", "North Korea"]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        pass  # the browser closes connections it no longer needs; that is not news


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class Query:
    query: str
    way: str  # "typed" or "opened"
    milliseconds: int
    kilobytes: float
    files: int
    top: list[str]


def meet(browser, base: str, query: str, typed: bool) -> Query:
    """One query in a fresh context: the time to the first results, and what Pagefind fetched."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    context.on(  # the context's, not the page's: Pagefind's workers fetch too
        "response", lambda r: responses.append(r) if f"/{BUNDLE}/" in r.url and r.ok else None
    )
    if typed:
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        page.click("#mz-query")
        page.keyboard.type(query, delay=60)
        page.wait_for_timeout(300)
        page.keyboard.press("Enter")
    else:
        page.goto(base + "search/?q=" + query)
    page.wait_for_selector(".mz-search-results li", timeout=60000)
    # every tier searched (search.js says the count without its trailing …), and its pages fetched
    while "…" in page.inner_text(".mz-search-status"):
        page.wait_for_timeout(20)
    page.wait_for_load_state("networkidle")
    # read once every fetch has ended: a body asked for in the handler may be cut off by close()
    sizes = {response.url: len(response.body()) for response in responses}
    shown = int(page.eval_on_selector(".mz-search-results", "list => list.dataset.milliseconds"))
    top = page.eval_on_selector_all(
        ".mz-search-results a", "links => links.slice(0, 2).map(a => new URL(a.href).pathname)"
    )
    context.close()
    return Query(query, "typed" if typed else "opened", shown, sum(sizes.values()) / 1000, len(sizes), top)


def measure_queries(site: Path) -> list[Query]:
    server = Server(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    found = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        meet(browser, base, QUERIES[0], typed=False)  # a first, untimed, so that the disk cache is warm
        for query in QUERIES:
            found += [meet(browser, base, query, typed=True), meet(browser, base, query, typed=False)]
        browser.close()
    server.shutdown()
    return found


def timed(step) -> tuple[float, float]:
    """Wall-clock seconds of a step, and the processor seconds it and Pagefind's processes used
    (on a machine shared with other work the second is the steadier)."""
    before, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    step()
    wall = time.perf_counter() - started
    after, done = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    used = sum(
        getattr(a, f) - getattr(b, f) for a, b in ((after, before), (done, children)) for f in ("ru_utime", "ru_stime")
    )
    return wall, used


def measure_upkeep(site: Path, whole: bool) -> dict[str, tuple[float, float]]:
    """Seconds to index the site whole (if asked: the build's log has it too), with nothing changed,
    and after one article changed."""
    seconds = {}
    if whole:
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        seconds["whole"] = timed(lambda: index_site(site))
    index_site(site)
    seconds["nothing changed"] = timed(lambda: index_site(site).written == () or sys.exit("rewrote a part"))
    newest = parts_of(site)[-1]
    page = site / newest.pages[-1]
    original = page.read_bytes()
    page.write_bytes(original.replace(b"</article>", b"<p>One paragraph more.</p></article>", 1))
    try:
        seconds[f"one article of {newest.name} changed"] = timed(
            lambda: index_site(site).written == (newest.name,) or sys.exit("rewrote more than one part")
        )
    finally:
        page.write_bytes(original)
        index_site(site)
    return seconds


def built_site(count: int, workdir: Path) -> Path:
    project = workdir / f"n{count}"
    if not (project / "site" / BUNDLE).is_dir():
        shutil.rmtree(project, ignore_errors=True)
        project.mkdir(parents=True)
        make_project(project, count)
        print(f"building {count} articles …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, "-m", "muwazi.cli", "build"], cwd=project, check=True)
    return project / "site"


def report(site: Path, label: str, bounds: list[int], whole: bool) -> None:
    parts = parts_of(site)
    print(f"\n### {label}: {sum(len(p.pages) for p in parts)} pages indexed, {os.getloadavg()[0]:.1f} load average\n")
    print("| keeping the index up to date | wall-clock (s) | processor (s) |")
    print("|---|---:|---:|")
    for step, (wall, used) in measure_upkeep(site, whole).items():
        print(f"| {step} | {wall:.1f} | {used:.1f} |")
    for least in bounds:
        index_site(site, least)
        parts = parts_of(site, least)
        size = sum(p.stat().st_size for p in (site / BUNDLE).rglob("*") if p.is_file()) / 2**20
        print(
            f"\nparts with at least {least} pages: {len(parts)} ({', '.join(p.name for p in parts)}), {size:.1f} MiB\n"
        )
        print("| query | way | results shown after (ms) | Pagefind fetched (KB) | files | top results |")
        print("|---|---|---:|---:|---:|---|")
        for q in measure_queries(site):
            print(f"| {q.query} | {q.way} | {q.milliseconds} | {q.kilobytes:.0f} | {q.files} | {', '.join(q.top)} |")
    index_site(site)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", nargs="?", type=Path, help="a built site folder")
    parser.add_argument("--articles", type=int, nargs="+", default=[], help="build a site of each size and measure it")
    parser.add_argument("--keep", type=Path, help="build the sites in this folder and keep them for the next run")
    parser.add_argument(
        "--least",
        type=int,
        nargs="+",
        default=[YEAR_ON_ITS_OWN],
        help="measure the queries with parts of at least this many pages (search_index.YEAR_ON_ITS_OWN by default)",
    )
    parser.add_argument("--whole", action="store_true", help="also time indexing the whole site again")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"
    )
    if args.site:
        report(args.site, str(args.site), args.least, args.whole)
    with tempfile.TemporaryDirectory(prefix="muwazi-search-") as temporary:
        for count in args.articles:
            report(built_site(count, args.keep or Path(temporary)), f"{count:,} articles", args.least, args.whole)


if __name__ == "__main__":
    main()
