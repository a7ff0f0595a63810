"""Where an Arabic title and its English are joined in plain text (<title>, the link-preview meta
tags, the feed, the Pagefind metadata, the header), each stands between FIRST STRONG ISOLATE and
POP DIRECTIONAL ISOLATE, so that no direction control or strong text in one can reorder the
other; in HTML each language has its own element with its own dir.

Checked on the real `muwazi build`, with a title whose Arabic ends in digits and holds a nested
right-to-left isolate (the text most apt to pull its neighbours into its direction)."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from helpers import copy_project, muwazi_in
from muwazi import memory
from muwazi.render.markup import isolated

FSI, PDI = "\u2068", "\u2069"
SLUG = "2020-01-01-bidi"
TITLE_AR = "قمة \u2067موسكو\u2069 وبيونغ يانغ 2018"
TITLE_EN = "Moscow and Pyongyang: summit 2018"
PARAGRAPH = "وصل الزعيم الكوري إلى موسكو."
SITE_NAME = "موازي · Muwazi"
ATOM = {"a": "http://www.w3.org/2005/Atom"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", ""),
        ("abc", f"{FSI}abc{PDI}"),
        ("a\u2067b\u2069c", f"{FSI}a\u2067b\u2069c{PDI}"),  # balanced: wrapped once
        ("a\u2067b", f"{FSI}a\u2067b{PDI}{PDI}"),  # left open: closed
        ("a\u2069b", f"{FSI}{FSI}a\u2069b{PDI}"),  # closes one too many: given an opener
    ],
)
def test_isolated_wraps_any_text_so_that_it_stays_inside(text, expected):
    assert isolated(text) == expected


class Page(HTMLParser):
    """The plain-text places a built page joins the titles: <title>, the meta tags, the header's
    topic, and the elements carrying Pagefind metadata."""

    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}
        self.article: dict[str, str | None] = {}  # the attributes of an article page's <article>
        self.texts: dict[str, str] = {}  # "title", "header-topic", "pagefind:<key>" → text
        self.open: list[tuple[str, str | None]] = []  # (tag, key collecting its text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "data-article" in attrs:
            self.article = attrs
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content") or ""
        key = (
            "title"
            if tag == "title" and "title" not in self.texts  # the page's, not an SVG's
            else "header-topic"
            if attrs.get("data-md-component") == "header-topic"
            else f"pagefind:{attrs['data-pagefind-meta']}"
            if attrs.get("data-pagefind-meta")
            else None
        )
        if tag not in ("meta", "link", "input", "img", "br", "circle", "path"):
            self.open.append((tag, key))
            if key:
                self.texts[key] = ""

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data):
        for _, key in self.open:
            if key:
                self.texts[key] += data


@pytest.fixture(scope="module")
def bidi_site(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("bidi") / "project")
    text = f"{TITLE_AR}\nالأربعاء، 01 يناير 2020 12:00 ص\n{PARAGRAPH}\n"
    (project / "content" / "articles" / f"{SLUG}.txt").write_text(text, encoding="utf-8")
    catalogue = memory.new_catalogue(SLUG)
    catalogue.append(polib.POEntry(msgid=TITLE_AR, msgstr=TITLE_EN))
    catalogue.append(polib.POEntry(msgid=PARAGRAPH, msgstr="The Korean leader arrived in Moscow."))
    memory.save(catalogue, project / "content" / "translations" / f"{SLUG}.po")
    assert muwazi_in(project, ["build"]) == 0
    return project / "site"


def read_page(site: Path, path: str) -> Page:
    page = Page()
    page.feed((site / path / "index.html").read_text(encoding="utf-8"))
    return page


JOINED = f"{FSI}{TITLE_AR}{PDI} · {FSI}{TITLE_EN}{PDI}"


@pytest.mark.slow
def test_the_titles_are_isolated_wherever_the_page_joins_them(bidi_site):
    page = read_page(bidi_site, f"articles/{SLUG}")
    assert page.texts["title"].strip() == f"{FSI}{TITLE_AR}{PDI} - {SITE_NAME}"
    for key in ("og:title", "twitter:title", "og:image:alt", "twitter:image:alt"):
        assert page.meta[key] == JOINED, key
    assert page.texts["header-topic"].strip() == f"{FSI}{TITLE_AR}{PDI}"
    assert page.texts["pagefind:title"] == f"{FSI}{TITLE_AR}{PDI}"
    assert page.texts["pagefind:title_en"] == f"{FSI}{TITLE_EN}{PDI}"
    # what the reader's script joins for a citation, a share and the printed page's margin
    assert (page.article["data-title-ar"], page.article["data-title-en"]) == (
        f"{FSI}{TITLE_AR}{PDI}",
        f"{FSI}{TITLE_EN}{PDI}",
    )


@pytest.mark.slow
def test_every_generated_page_isolates_its_two_titles(bidi_site):
    """The glossary's, the archive's and the home page's titles too (an actor's name comes from
    the gazetteer, as freely written as an article)."""
    for path in ("", "glossary", "glossary/vladimir-putin", "archive", "archive/2020/01", "search"):
        page = read_page(bidi_site, path)
        arabic, english = page.meta["og:title"].split(" · ", 1)
        for part in (arabic, english):
            assert part.startswith(FSI) and part.endswith(PDI) and isolated(part[1:-1]) == part, (path, part)
        assert page.texts["title"].strip().startswith(arabic + " - "), path


@pytest.mark.slow
def test_the_feed_and_the_search_index_isolate_the_titles(bidi_site):
    feed = ET.parse(bidi_site / "feed.xml").getroot()
    titles = [entry.findtext("a:title", namespaces=ATOM) for entry in feed.findall("a:entry", ATOM)]
    assert JOINED in titles
    assert all(title.startswith(FSI) and f"{PDI} · {FSI}" in title and title.endswith(PDI) for title in titles)
    # Pagefind's record of the page: its fragment (in its year's part), gzipped JSON after a signature
    fragments = [gzip.decompress(path.read_bytes()) for path in (bidi_site / "pagefind").glob("*/fragment/*")]
    records = [json.loads(data[data.index(b"{") :]) for data in fragments]
    record = next(record for record in records if record["url"].endswith(f"/articles/{SLUG}/"))
    assert (record["meta"]["title"], record["meta"]["title_en"]) == (f"{FSI}{TITLE_AR}{PDI}", f"{FSI}{TITLE_EN}{PDI}")
