"""What the tests share besides fixtures: the project's places, copies of it to build in, a local
server, Chromium, the link checker and synthetic articles made from the seed."""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import polib
import pytest

from muwazi.arabic import CAIRO, write_dateline
from muwazi.cache import BuildCache
from muwazi.cli import main as muwazi
from muwazi.render import PageMaker, Renderer
from muwazi.render.views import RenderedArticle
from muwazi.source import read_article

ROOT = Path(__file__).resolve().parent.parent
SEED_SLUG = "2018-06-01-moscow-putin-kim-summit"
SEED = ROOT / "content" / "articles" / f"{SEED_SLUG}.txt"
SEED_PO = ROOT / "content" / "translations" / f"{SEED_SLUG}.po"
OUTPUT = ROOT / "test-output"  # screenshots and PDFs for a person to look at (not committed)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# --- projects to build in ----------------------------------------------------------------------


def copy_project(target: Path) -> Path:
    """The project's real input and configuration, without anything generated."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    return target


def muwazi_in(folder: Path, args: list[str]) -> int:
    """Run the `muwazi` command in a project folder (for fixtures wider than one test)."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return muwazi(args)
    finally:
        os.chdir(cwd)


# --- synthetic articles ------------------------------------------------------------------------


@dataclass(frozen=True)
class Synthetic:
    """An article file made from the seed's own segments, and its translation memory."""

    slug: str
    text: str
    po: str


def seed_english() -> dict[str, str]:
    """The seed's reviewed English, keyed by its Arabic, read with polib (not with the code under test)."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(SEED_PO)) if entry.msgid}


def synthetic_articles(
    count: int, start: datetime = datetime(2017, 1, 1, 9, 0, tzinfo=CAIRO), step: timedelta = timedelta(days=1)
) -> list[Synthetic]:
    """`count` articles, oldest first, `step` apart: the seed's segments turned round by one more
    each time under a numbered title, every one translated. Real text, so the real pipeline finds
    the seed's actors in each, at any size of site."""
    seed, english = read_article(SEED), seed_english()
    body = [segment.text for segment in seed.body]
    articles = []
    for number in range(1, count + 1):
        moment = start + step * number
        turn = number % len(body)
        segments = body[turn:] + body[:turn]
        title = f"{seed.title.text} ({number})"
        slug = f"{moment:%Y-%m-%d}-synthetic-{number:05d}"
        text = "\n".join([title, write_dateline(moment), *segments]) + "\n"
        memory = {title: f"{english[seed.title.text]} ({number})"} | {s: english[s] for s in segments}
        articles.append(Synthetic(slug, text, po_text(memory)))
    return articles


def english_for(arabic: str) -> str:
    """What a translation engine stand-in answers: English text that names the Arabic it came from."""
    return f"English for {len(arabic)} characters ({hashlib.sha1(arabic.encode()).hexdigest()[:10]})."


def po_text(english: dict[str, str]) -> str:
    """A translation memory holding these reviewed entries, as a PO editor would save it."""
    catalogue = polib.POFile(wrapwidth=78)
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for arabic, translation in english.items():
        catalogue.append(polib.POEntry(msgid=arabic, msgstr=translation))
    return str(catalogue) + "\n"


def write_articles(content: Path, articles: list[Synthetic]) -> None:
    """Each article and its memory where a project keeps them."""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "translations").mkdir(parents=True, exist_ok=True)
    for article in articles:
        (content / "articles" / f"{article.slug}.txt").write_text(article.text, encoding="utf-8")
        (content / "translations" / f"{article.slug}.po").write_text(article.po, encoding="utf-8")


def synthetic_project(target: Path, articles: list[Synthetic]) -> Path:
    """The project's configuration and gazetteer with these articles instead of the seed."""
    copy_project(target)
    (target / "content" / "articles" / SEED.name).unlink()
    (target / "content" / "translations" / SEED_PO.name).unlink()
    write_articles(target / "content", articles)
    return target


# --- serving and Chromium ----------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(site: Path) -> Iterator[str]:
    """A built site served over HTTP on 127.0.0.1, as a reader would get it; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def chromium_path() -> str:
    """Debian's Chromium; in CI its absence fails the run instead of skipping the browser tests."""
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — browser tests may not be skipped in CI")
        pytest.skip(message)
    return path


def only_local(requests: list[str]) -> list[str]:
    """The requests that went to another host than the local server (none may)."""
    return [
        url for url in requests if urlsplit(url).hostname not in ("127.0.0.1", None) and not url.startswith("data:")
    ]


def fits_the_screen(page) -> bool:
    """Nothing reaches past the screen's edges. Compared with the width asked for, not innerWidth:
    on a phone (is_mobile) the browser widens the page to hold what sticks out, zooming it all out,
    and innerWidth grows with it."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


# --- the link checker --------------------------------------------------------------------------


class Links(HTMLParser):
    """Every link of a page, the resources it loads (src, stylesheets, icons) and its ids."""

    def __init__(self):
        super().__init__()
        self.links, self.resources, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        self.links += [
            candidate.split()[0] for candidate in (attrs.get("srcset") or "").split(",") if candidate.strip()
        ]
        if attrs.get("src") or (tag == "link" and attrs.get("href") and attrs.get("rel") != "canonical"):
            self.resources.append(attrs.get("src") or attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@functools.cache
def ids_of(path: Path) -> set[str]:
    return parsed(path).ids


def resolve(site: Path, page: Path, link: str) -> str | None:
    """What is wrong with one link of a page of the built site, or None when it resolves."""
    target, _, anchor = link.partition("#")
    target, anchor = unquote(target.split("?")[0]), unquote(anchor)
    base = site if target.startswith("/") else page.parent  # 404.html links from the root
    path = (base / target.lstrip("/")).resolve() if target else page
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file() or site.resolve() not in path.parents:
        return "no such file"
    if anchor and path.suffix == ".html" and anchor not in ids_of(path):
        return "no such anchor"
    return None


def broken_links(site: Path, site_url: str = "https://muwazi.example.org/") -> list[str]:
    """Every internal reference of the built site that leads nowhere: links, sources and srcsets
    of every page, url()s of every stylesheet, and every sitemap entry."""
    found = []  # (the file it is in, the reference, the folder it is relative to)
    for page in site.rglob("*.html"):
        found += [(page, link) for link in parsed(page).links]
    for sheet in site.rglob("*.css"):
        found += [(sheet, url) for url in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8"))]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    found += [(site / "index.html", "./" + loc[len(site_url) :]) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    broken = []
    for origin, link in found:
        if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
            continue  # another scheme or host: not ours to check (and test_no_page_loads… forbids loading them)
        problem = resolve(site, origin, link)
        if problem:
            broken.append(f"{origin.relative_to(site)} → {link} ({problem})")
    return broken


# --- golden output -----------------------------------------------------------------------------

GOLDEN = ROOT / "tests" / "golden"


def generate_golden(target: Path) -> Path:
    """`muwazi generate` on the golden project (its content/, the real configuration) in `target`;
    the docs/ folder it wrote, which held nothing before."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(GOLDEN / "content", target / "content")
    (target / "docs").mkdir()
    assert muwazi_in(target, ["generate"]) == 0
    return target / "docs"


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, by its path relative to it (with /)."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def site_pages(renderer: Renderer, rendered: list[RenderedArticle], folder: Path) -> dict[str, PageMaker]:
    """The pages made from all the (rendered, newest first) articles as the build makes them: their
    sections of the actor pages kept in a build cache in `folder`, and read from it page by page."""
    cache = BuildCache(folder / "cache.sqlite", "tests")
    for article in rendered:
        cache.store(Path(article.summary.listing.slug), "", article, 0)
    cache.commit()
    return renderer.site([article.summary for article in rendered], cache).makers
