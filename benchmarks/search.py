"""Search as a reader meets it: what the first query fetches and how soon results show.

    .venv/bin/python benchmarks/search.py SITE_DIR

Serves a built site (for 1,000 articles: build the project benchmarks/build_time.py makes, or
any site) on 127.0.0.1, and in Debian's Chromium opens the search page, types each query as a
person would, presses Enter and reports: the time from Enter to the first results (as the page
measures it, and as seen from outside), the bytes of Pagefind files fetched, and the top results.
Targets at 1,000 articles: under 1 MB for the first query, results under 300 ms.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import sys
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

QUERIES = ["لافروف", "سيرجى لافروف", "سيرجي لافروف", "كوريا الشمالية", "كوريا الشماليه", "Lavrov", "North Korea"]
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


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    server = Server(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print("| query | results shown after (ms, page / outside) | Pagefind fetched (KB) | top results |")
    print("|---|---:|---:|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
        for query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            sizes: dict[str, int] = {}
            page.on(
                "response",
                lambda r, sizes=sizes: sizes.__setitem__(r.url, len(r.body())) if "/pagefind/" in r.url else None,
            )
            page.goto(base + "search/")
            page.wait_for_load_state("networkidle")
            page.click("#mz-query")
            page.keyboard.type(query, delay=60)
            page.wait_for_timeout(300)
            started = time.perf_counter()
            page.keyboard.press("Enter")
            page.wait_for_selector(".mz-search-results li", timeout=20000)
            outside = (time.perf_counter() - started) * 1000
            page.wait_for_load_state("networkidle")
            inside = page.eval_on_selector(".mz-search-results", "list => list.dataset.milliseconds")
            top = page.eval_on_selector_all(
                ".mz-search-results a", "links => links.slice(0, 2).map(a => new URL(a.href).pathname)"
            )
            print(f"| {query} | {inside} / {outside:.0f} | {sum(sizes.values()) / 1024:.0f} | {', '.join(top)} |")
            context.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
