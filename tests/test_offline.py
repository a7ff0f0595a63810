"""Reading offline in real Chromium: the service worker the build writes keeps what a reader opened,
the offline page lists it, a new build replaces it, `muwazi serve` removes it, and nothing is ever
fetched from another host. Service workers need a real http origin: the site is served on 127.0.0.1."""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import polib
import pytest
from PIL import Image

from helpers import muwazi_in, only_local, screenshot, served, synthetic_articles, synthetic_project
from muwazi import webapp

pytestmark = [pytest.mark.slow]

ARTICLES = synthetic_articles(4)


def article_url(number: int) -> str:
    return f"articles/{ARTICLES[number].slug}/"


def retitle(project: Path) -> None:
    """Change the first article's English title, as an editor would in its translation memory."""
    path = project / "content" / "translations" / f"{ARTICLES[0].slug}.po"
    memory = polib.pofile(str(path))
    title = next(entry for entry in memory if entry.msgstr.endswith("(1)"))
    title.msgstr = title.msgstr.replace("(1)", "(one)")
    memory.save(str(path))


def build(project: Path) -> Path:
    assert muwazi_in(project, ["build"]) == 0
    return project / "site"


def build_as_live_preview(project: Path) -> None:
    """One build of site/ in this process as `mkdocs serve` (and `muwazi serve`) make it: started as
    serving, and shut down as serve ends (which waits for its search index)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    config = load_config(str(project / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """A site of four articles, built; a copy, so that tests which rebuild it do not change it."""
    project = synthetic_project(tmp_path_factory.mktemp("offline") / "project", ARTICLES)
    return build(project)


@pytest.fixture
def reader(browser):
    """A fresh browser profile that allows service workers; every request it makes is recorded."""
    context = browser.new_context(service_workers="allow", viewport={"width": 1300, "height": 900})
    context.requests = []
    context.on("request", lambda request: context.requests.append(request.url))
    yield context
    context.close()


def open_controlled(context, url: str):
    """Open a page and wait until the site's worker controls it (it registers after load)."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=15000)
    return page


def until(page, script: str, arg=None, timeout: float = 20) -> None:
    """Evaluate an async script in the page until it answers true (Playwright's wait_for_function
    does not wait for a promise's answer)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(script, arg):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {script}"
        page.wait_for_timeout(100)


def cached(page, prefix: str) -> list[str]:
    """The addresses in the worker's caches whose names start with prefix, oldest first."""
    return page.evaluate(
        """async (prefix) => { const out = [];
             for (const name of (await caches.keys()).filter(n => n.startsWith(prefix)))
               for (const request of await (await caches.open(name)).keys()) out.push(request.url);
             return out; }""",
        prefix,
    )


def wait_cached(page, prefix: str, url: str) -> None:
    until(
        page,
        """async ([prefix, url]) => { for (const name of (await caches.keys()).filter(n => n.startsWith(prefix)))
             if (await (await caches.open(name)).match(url)) return true; return false; }""",
        [prefix, url],
    )


# --- the pieces the build writes ----------------------------------------------------------------


def test_the_manifest_names_the_app_in_both_languages_with_drawn_icons(offline_site):
    manifest = json.loads((offline_site / webapp.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "موازي · Muwazi" and manifest["short_name"] == "موازي"
    assert (manifest["lang"], manifest["dir"], manifest["start_url"], manifest["scope"]) == ("ar", "rtl", "./", "./")
    assert manifest["display"] == "standalone"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert sizes == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        with Image.open(offline_site / icon["src"]) as picture:
            width, height = picture.size
            assert f"{width}x{height}" == icon["sizes"]
            assert len(picture.convert("RGB").getcolors(1 << 16) or []) > 2  # a letter on a ground, not a blank square
    page = (offline_site / "index.html").read_text(encoding="utf-8")
    assert '<link rel="manifest" href="manifest.webmanifest">' in page
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "worker-src 'self'" in policy and "manifest-src 'self'" in policy


def test_the_worker_is_named_from_the_build_and_the_same_for_the_same_input(offline_site, tmp_path):
    worker = (offline_site / webapp.WORKER).read_text(encoding="utf-8")
    version = re.search(r'const VERSION = "([0-9a-f]{16})"', worker)[1]
    assert version == webapp.build_version(offline_site)
    assert "http://" not in worker and "https://" not in worker  # it only ever asks the site's own address
    project = offline_site.parent
    again = shutil.copytree(project, tmp_path / "again", ignore=shutil.ignore_patterns("site"))
    assert (build(again) / webapp.WORKER).read_bytes() == worker.encode("utf-8")
    retitle(again)
    changed = (build(again) / webapp.WORKER).read_text(encoding="utf-8")
    assert re.search(r'const VERSION = "([0-9a-f]{16})"', changed)[1] != version


# --- in Chromium ---------------------------------------------------------------------------------


def test_what_was_read_reopens_offline_and_the_rest_gives_the_offline_page(offline_site, reader):
    with served(offline_site) as url:
        page = open_controlled(reader, url + article_url(0))
        wait_cached(page, "muwazi-read-", url + article_url(0))  # the page that installed the worker
        page.goto(url + "glossary/vladimir-putin/")
        page.goto(url + article_url(1) + "?mode=stacked#p2")
        page.goto(url)  # the home page: from the network while there is one
        for path in ("glossary/vladimir-putin/", article_url(1), ""):
            wait_cached(page, "muwazi-read-", url + path)
        assert wait_for_assets(page)

        reader.set_offline(True)
        for path in (article_url(1), "glossary/vladimir-putin/"):
            page.goto(url + path)
            assert page.locator(".mz-article, .mz-actor-page").count() == 1
            assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
                '"Muwazi'
            )  # its style sheet too
        page.goto(url + article_url(0))
        assert "(1)" in page.locator("h1.mz-title .mz-en").inner_text()
        page.goto(url)
        assert page.locator(".mz-list").count() >= 1  # the home page, from the cache

        page.goto(url + article_url(3))  # never opened
        assert page.url == url + article_url(3)  # the reader's address stays, for a reload later
        expect_offline_page(page)
        read = page.locator('[data-mz-saved="read"] li a.mz-ar')
        read.nth(1).wait_for()
        assert sorted(read.evaluate_all("els => els.map(a => a.href)")) == sorted(
            [url + article_url(0), url + article_url(1)]
        )
        assert (
            page.locator('[data-mz-saved="read"] li a.mz-en')
            .first.inner_text()
            .strip("\u2068\u2069")
            .startswith("Moscow")
        )
        assert page.locator('[data-mz-saved="kept"] + [data-mz-none]').is_visible()  # nothing kept on purpose
        assert not page.locator('[data-mz-saved="read"] + [data-mz-none]').is_visible()
        assert page.locator('link[rel="stylesheet"]').count() >= 1
        assert page.evaluate("getComputedStyle(document.querySelector('.mz-title .mz-ar')).fontSize") != "16px"
        screenshot(page, "offline-page")
        phone = reader.new_page()
        phone.set_viewport_size({"width": 390, "height": 800})
        phone.goto(url + "archive/2017/01/")
        expect_offline_page(phone)
        screenshot(phone, "offline-page-phone")
    assert reader.requests and only_local(reader.requests) == []


def wait_for_assets(page) -> bool:
    """Whether the worker kept the site's style sheet and scripts as it installed."""
    assets = cached(page, "muwazi-shell-")
    return any(a.endswith("assets/muwazi.css") for a in assets) and any(a.endswith("/offline/") for a in assets)


def expect_offline_page(page) -> None:
    title = page.locator("h1.mz-title")
    assert title.locator('[lang="ar"]').inner_text() == "لا اتصال بالشبكة"
    assert title.locator('[lang="en"]').inner_text() == "No network"


def test_keep_offline_keeps_an_article_and_the_offline_page_lists_it(offline_site, reader):
    with served(offline_site) as url:
        page = open_controlled(reader, url + article_url(2))
        keep = page.locator("[data-mz-keep]")
        keep.wait_for(state="visible")
        assert keep.get_attribute("aria-pressed") == "false"
        assert keep.evaluate("el => el.tagName") == "BUTTON"
        assert "احفظ دون اتصال" in keep.inner_text() and "Keep offline" in keep.inner_text()
        keep.click()
        page.wait_for_function("() => document.querySelector('[data-mz-keep]').getAttribute('aria-pressed') === 'true'")
        assert url + article_url(2) in cached(page, "muwazi-kept-")
        page.reload()
        page.wait_for_function(  # still kept, after a reload (offline.js looks in the caches as the page opens)
            "() => document.querySelector('[data-mz-keep]').getAttribute('aria-pressed') === 'true'"
        )

        reader.set_offline(True)
        page.goto(url + "search/")  # never opened: the offline page
        expect_offline_page(page)
        kept = page.locator('[data-mz-saved="kept"] li a.mz-ar')
        kept.first.wait_for()
        assert kept.evaluate_all("els => els.map(a => a.href)") == [url + article_url(2)]
        assert page.locator('[data-mz-saved="read"] li').count() == 0  # listed once, as kept
        kept.first.click()
        page.wait_for_load_state()
        assert page.url == url + article_url(2) and page.locator(".mz-article").count() == 1

        reader.set_offline(False)
        page.locator("[data-mz-keep]").click()  # pressed again: no longer kept
        page.wait_for_function(
            "() => document.querySelector('[data-mz-keep]').getAttribute('aria-pressed') === 'false'"
        )
        assert cached(page, "muwazi-kept-") == []
    assert only_local(reader.requests) == []


def test_without_javascript_there_is_no_keep_button_and_no_worker(offline_site, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        with served(offline_site) as url:
            page = context.new_page()
            page.goto(url + article_url(0))
            assert not page.locator("[data-mz-keep]").is_visible()
    finally:
        context.close()


def test_the_cache_keeps_the_most_recent_pages_and_drops_the_oldest(tmp_path, monkeypatch, browser):
    monkeypatch.setattr(webapp, "KEPT_PAGES", 3)
    site = build(synthetic_project(tmp_path / "project", ARTICLES))
    context = browser.new_context(service_workers="allow")
    try:
        with served(site) as url:
            page = open_controlled(context, url + article_url(0))
            for number in (1, 2, 3):
                page.goto(url + article_url(number))
                wait_cached(page, "muwazi-read-", url + article_url(number))
            assert cached(page, "muwazi-read-") == [url + article_url(n) for n in (1, 2, 3)]
            page.goto(url + article_url(1))  # read again: the newest now
            page.goto(url)
            wait_cached(page, "muwazi-read-", url)
            assert cached(page, "muwazi-read-") == [url + article_url(n) for n in (3, 1)] + [url]
    finally:
        context.close()


def test_a_new_build_replaces_the_old_caches(tmp_path, browser):
    project = synthetic_project(tmp_path / "project", ARTICLES)
    site = build(project)
    context = browser.new_context(service_workers="allow")
    try:
        with served(site) as url:
            page = open_controlled(context, url + article_url(0))
            wait_cached(page, "muwazi-read-", url + article_url(0))
            before = page.evaluate("caches.keys()")
            retitle(project)
            build(project)
            new_version = webapp.build_version(site)
            page.goto(url + article_url(0))  # the browser checks sw.js as it navigates, and finds a new one
            until(page, "async (v) => (await caches.keys()).some(n => n.endsWith(v))", new_version)
            until(page, "async (v) => (await caches.keys()).every(n => n.endsWith(v))", new_version)
            assert set(before).isdisjoint(page.evaluate("caches.keys()"))
            # the article kept from the old build moved into the new caches, and its new text replaces it
            page.goto(url + article_url(0))
            until(
                page,
                """async (url) => { const names = (await caches.keys()).filter(n => n.startsWith('muwazi-read-'));
                     const found = await (await caches.open(names[0])).match(url);
                     return found && (await found.text()).includes('(one)'); }""",
                url + article_url(0),
            )
            context.set_offline(True)
            page.goto(url + article_url(0))
            assert "(one)" in page.locator("h1.mz-title .mz-en").inner_text()
    finally:
        context.close()


def test_muwazi_serve_leaves_no_worker_behind(tmp_path, browser):
    """A worker from a built site at the same address is replaced by serve's, which deletes what it
    kept and unregisters; serve's pages register none."""
    project = synthetic_project(tmp_path / "project", ARTICLES)
    site = build(project)
    context = browser.new_context(service_workers="allow")
    try:
        with served(site) as url:
            page = open_controlled(context, url + article_url(0))
            wait_cached(page, "muwazi-read-", url + article_url(0))
            build_as_live_preview(project)
            assert "offline.js" not in (site / article_url(1) / "index.html").read_text(encoding="utf-8")
            page.goto(url + article_url(1))
            until(
                page,
                """async () => (await navigator.serviceWorker.getRegistrations()).length === 0
                     && (await caches.keys()).every(n => !n.startsWith('muwazi-'))""",
            )
    finally:
        context.close()


@pytest.mark.slow
def test_a_build_after_a_live_preview_in_the_same_process_builds_for_readers(tmp_path):
    """MkDocs keeps our plugin's instance from one configuration to the next in a process: a
    `muwazi build` after a live preview must still register the worker and index the site before it
    ends, as a build run on its own does."""
    project = synthetic_project(tmp_path / "project", ARTICLES)
    build(project)
    build_as_live_preview(project)
    site = build(project)
    assert "offline.js" in (site / article_url(1) / "index.html").read_text(encoding="utf-8")
    assert json.loads((site / "pagefind" / "parts.json").read_text(encoding="utf-8"))["parts"]
    assert [path.name for path in (site / "pagefind").iterdir() if path.name.startswith(".")] == []
