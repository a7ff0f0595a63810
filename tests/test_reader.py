"""The reader in real Chromium: reading modes, highlighting, permalinks, sharing, citations,
link-preview meta, printing, keyboard use, axe-core, and no request to another host."""

from __future__ import annotations

import functools
import itertools
import re
import subprocess
import threading
import time
from html.parser import HTMLParser
from http.server import ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import polib
import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from helpers import OUTPUT, ROOT, SEED_SLUG, QuietHandler, fits_the_screen, only_local, screenshot
from muwazi.cli import main as muwazi
from muwazi.render.markup import description, isolated

ARTICLE = f"articles/{SEED_SLUG}/"
MODES = ("side", "stacked", "ar", "en")
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SITE_URL = "https://muwazi.example.org/"


# --- what the article says, read from content/ (not from the page) ---------------------------


def seed_lines() -> list[str]:
    text = (ROOT / "content" / "articles" / f"{SEED_SLUG}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def english_of(arabic: str) -> str:
    memory = polib.pofile(str(ROOT / "content" / "translations" / f"{SEED_SLUG}.po"))
    return next(entry.msgstr for entry in memory if entry.msgid == arabic)


def paragraphs() -> list[str]:
    """The seed's paragraphs in order (the lines that end like sentences)."""
    return [line for line in seed_lines()[2:] if line.endswith((".", "؟", "!"))]


# --- helpers -------------------------------------------------------------------------------


def layout(page, row: str) -> dict:
    """Where a row's two cells are, and whether they are shown."""
    return page.evaluate(
        """(id) => Object.fromEntries(['.mz-ar', '.mz-en'].map(sel => {
            const el = document.querySelector('#' + id + ' > ' + sel);
            const box = el.getBoundingClientRect();
            return [sel.slice(4), {x: box.x, y: box.y, width: box.width, height: box.height,
                                   shown: getComputedStyle(el).display !== 'none'}];
        }))""",
        row,
    )


def assert_layout(page, mode: str) -> None:
    box = layout(page, "p2")
    if mode == "side":
        assert box["ar"]["x"] >= box["en"]["x"] + box["en"]["width"], "Arabic is not on the right"
        assert abs(box["ar"]["y"] - box["en"]["y"]) < 2
    elif mode == "stacked":
        assert box["ar"]["shown"] and box["en"]["shown"]
        assert box["en"]["y"] >= box["ar"]["y"] + box["ar"]["height"] - 1, "English is not under its Arabic"
    else:
        shown, hidden = ("ar", "en") if mode == "ar" else ("en", "ar")
        assert box[shown]["shown"] and box[shown]["height"] > 0
        assert not box[hidden]["shown"]


def choose(page, mode: str) -> None:
    page.locator(f'.mz-article input[name="mz-mode"][value="{mode}"]').check()


def copied_by(page, button) -> str:
    """Click a copying button, wait for the page to say it copied, and read the real clipboard."""
    page.eval_on_selector(".mz-status", "el => el.replaceChildren()")
    button.click()
    expect(page.locator(".mz-status")).not_to_be_empty()
    return page.evaluate("navigator.clipboard.readText()")


def tool(page, row: str, action: str):
    return page.locator(f'[data-mz-tools="{row}"] [data-mz-do="{action}"]')


def click_tool(page, row: str, action: str) -> None:
    tool(page, row, action).click()


# --- reading modes -------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_each_reading_mode_lays_out_the_rows(page_at, requests_seen, mode):
    page = page_at(ARTICLE)
    choose(page, mode)
    assert page.evaluate("document.documentElement.dataset.mzMode") == mode
    assert_layout(page, mode)
    assert fits_the_screen(page)
    screenshot(page, f"reader-mode-{mode}")
    assert only_local(requests_seen) == []


def test_the_mode_is_remembered_and_the_url_overrides_it(page_at, site_url, requests_seen):
    page = page_at(ARTICLE)
    assert page.evaluate("document.documentElement.dataset.mzMode") == "side"
    choose(page, "ar")
    page.reload()
    assert page.evaluate("document.documentElement.dataset.mzMode") == "ar"
    assert page.locator('input[name="mz-mode"][value="ar"]').is_checked()
    assert_layout(page, "ar")
    page.goto(site_url + ARTICLE + "?mode=en")  # a shared link opens in the sender's mode
    assert_layout(page, "en")
    assert page.locator('input[name="mz-mode"][value="en"]').is_checked()
    assert page.evaluate("localStorage.getItem('muwazi.mode')") == "ar"  # without changing the reader's own choice
    choose(page, "stacked")  # choosing again drops the link's mode from the address
    assert page.evaluate("location.search") == "?mode=stacked"
    page.goto(site_url + "glossary/kim-jong-un/")  # actor pages follow the same choice
    assert page.evaluate("document.documentElement.dataset.mzMode") == "stacked"
    page.goto(site_url + ARTICLE + "?mode=nonsense")
    assert page.evaluate("document.documentElement.dataset.mzMode") == "stacked"
    assert only_local(requests_seen) == []


def test_without_javascript_the_page_reads_side_by_side_and_shows_no_inert_control(page_at):
    page = page_at(ARTICLE, java_script_enabled=False)
    assert_layout(page, "side")
    assert not page.locator(".mz-modes").is_visible()
    assert page.locator(".mz-tools:visible").count() == 0
    assert not page.locator("#mz-share").is_visible()
    screenshot(page, "reader-no-javascript")


SHIFTS = """
window.mzShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    for (const source of entry.sources)
      if (source.node && source.node.nodeType === 1 && source.node.closest('.md-content'))
        window.mzShifts.push([source.node.className || source.node.tagName, entry.value]);
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("view", ["wide", "phone"])
def test_text_painted_before_the_scripts_come_does_not_move_when_they_run(browser, site_url, view):
    """On a slow connection the text is painted before the reader's scripts arrive; the controls
    they show (reading mode, text size, the rows' tools, «keep offline») then appear in places kept
    for them, and no part of the page moves."""
    size = (
        {"viewport": {"width": 1400, "height": 1000}}
        if view == "wide"
        else {"viewport": {"width": 390, "height": 800}, "is_mobile": True}
    )
    context = browser.new_context(**size)
    try:
        context.add_init_script(SHIFTS)
        context.route(
            re.compile(r"/assets/(muwazi|comfort|offline)\.js$"), lambda route: (time.sleep(1.5), route.continue_())
        )
        page = context.new_page()
        page.goto(site_url + ARTICLE)
        page.wait_for_load_state("load")
        painted_first = page.evaluate(
            """() => performance.getEntriesByName('first-contentful-paint')[0].startTime
                     < performance.getEntriesByType('resource').find((r) => r.name.endsWith('/muwazi.js')).responseStart"""
        )
        assert painted_first, "the page was not painted before its scripts came: the test shows nothing"
        page.locator("[data-mz-keep]").wait_for(state="visible")
        page.wait_for_function("document.querySelectorAll('.mz-article .mz-row > .mz-tools').length >= 6")
        page.wait_for_timeout(500)
        assert page.evaluate("window.mzShifts") == []
    finally:
        context.close()


@pytest.mark.parametrize("mode", MODES)
def test_phone_width_stacks_and_never_scrolls_sideways(page_at, site_url, requests_seen, mode):
    page = page_at(
        ARTICLE + f"?mode={mode}", width=360, height=780, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    box = layout(page, "p2")
    if mode in ("side", "stacked"):
        assert box["en"]["y"] >= box["ar"]["y"] + box["ar"]["height"] - 1
    else:
        assert_layout(page, mode)
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(el => {
            const box = el.getBoundingClientRect();
            return box.width && (box.right > document.documentElement.clientWidth + 1 || box.left < -1) && getComputedStyle(el).position !== 'fixed'
                && !el.closest('.md-sidebar, .md-search, .md-skip, .mz-sr, [popover], .md-header__title');  // the last clips its waiting title
        }).map(el => el.className || el.tagName)"""
    )
    assert overflow == []
    assert fits_the_screen(page)
    screenshot(page, f"reader-phone-{mode}")
    assert only_local(requests_seen) == []


# --- highlighting --------------------------------------------------------------------------


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def test_hovering_or_focusing_a_paragraph_lights_its_partner(page_at):
    page = page_at(ARTICLE)
    resting = background(page, "#p3 > .mz-en")
    page.hover("#p3 > .mz-ar p")
    page.wait_for_timeout(250)  # the transition
    assert background(page, "#p3 > .mz-en") != resting
    assert background(page, "#p4 > .mz-en") == resting
    page.hover("#p5 > .mz-en p")
    page.wait_for_timeout(250)
    assert background(page, "#p5 > .mz-ar") != resting
    assert background(page, "#p3 > .mz-en") == resting
    page.mouse.move(0, 0)
    page.focus("#p6 > .mz-en a[data-actor]")  # keyboard: a focused mention lights the other language too
    page.wait_for_timeout(250)
    assert background(page, "#p6 > .mz-ar") != resting


def test_an_actor_mention_lights_the_same_actor_in_both_columns(page_at):
    page = page_at(ARTICLE)
    page.hover('#p2 > .mz-ar a[data-actor="vladimir-putin"]')
    lit = page.eval_on_selector_all("a.mz-lit", "els => els.map(a => [a.dataset.actor, a.closest('[lang]').lang])")
    assert {actor for actor, _ in lit} == {"vladimir-putin"}
    assert {"ar", "en"} <= {lang for _, lang in lit}
    total = page.locator('.mz-article a[data-actor="vladimir-putin"]').count()
    assert len(lit) == total
    page.mouse.move(0, 0)
    assert page.locator("a.mz-lit").count() == 0
    page.focus('#p2 > .mz-en a[data-actor="donald-trump"]')
    assert (
        page.locator('a.mz-lit[data-actor="donald-trump"]').count()
        == page.locator('.mz-article a[data-actor="donald-trump"]').count()
    )


# --- permalinks, citations, sharing ---------------------------------------------------------


def test_a_permalink_copies_the_rows_address_and_opens_at_it(page_at, site_url, requests_seen):
    page = page_at(ARTICLE, **CLIPBOARD)
    assert copied_by(page, tool(page, "p4", "link")) == site_url + ARTICLE + "#p4"
    assert page.locator(".mz-status").inner_text().strip() == "نُسخ الرابط · Link copied"
    choose(page, "stacked")  # the link carries the reader's mode
    link = copied_by(page, tool(page, "s2", "link"))
    assert link == site_url + ARTICLE + "?mode=stacked#s2"
    other = page_at("", height=700)  # a fresh reader opens the link
    other.goto(link)
    other.wait_for_load_state("networkidle")
    top = other.locator("#s2").bounding_box()["y"]
    assert 0 <= top < 200
    assert other.evaluate("document.querySelector(':target').id") == "s2"
    assert background(other, "#s2") != background(other, "#s1")  # the row is highlighted
    assert_layout(other, "stacked")
    screenshot(other, "reader-permalink-opened")
    assert only_local(requests_seen) == []


def test_copy_with_citation_gives_both_languages_and_the_source(page_at, site_url):
    page = page_at(ARTICLE, **CLIPBOARD)
    lines = seed_lines()
    arabic = paragraphs()[2]
    assert copied_by(page, tool(page, "p3", "cite")) == "\n".join(
        [
            arabic,
            "",
            english_of(arabic),
            "",
            f"{isolated(lines[0])} — {isolated(english_of(lines[0]))}",  # each title isolated from the other
            f"{lines[1]} · Friday, 1 June 2018, 1:10 p.m. (Cairo)",
            site_url + ARTICLE + "#p3",
            "English translation: reviewed by an editor · الترجمة الإنجليزية: راجعها محرر",
        ]
    )


@pytest.mark.slow
def test_a_machine_translation_is_cited_as_such(project, browser):
    """An unreviewed (fuzzy) entry is built with its mark, and the citation says it is machine-made."""
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    memory = polib.pofile(str(po))
    entry = next(e for e in memory if e.msgid == paragraphs()[0])
    entry.flags.append("fuzzy")
    memory.save(str(po))
    assert muwazi(["build"]) == 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=project / "site"))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(**CLIPBOARD)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/{ARTICLE}")
        assert page.locator("#p1.mz-machine").count() == 1
        assert copied_by(page, tool(page, "p1", "cite")).endswith(
            "English translation: machine translation, not reviewed · الترجمة الإنجليزية: ترجمة آلية لم تُراجع"
        )
    finally:
        context.close()
        server.shutdown()


def test_share_offers_ordinary_links_when_the_browser_cannot_share(page_at, site_url, requests_seen):
    page = page_at(ARTICLE, **CLIPBOARD)
    page.evaluate("delete Navigator.prototype.share")  # Chromium on Linux has none; make sure of it
    before = len(requests_seen)
    click_tool(page, "p5", "share")
    menu = page.locator("#mz-share")
    assert menu.is_visible()
    screenshot(page, "reader-share-menu")
    url = site_url + ARTICLE + "#p5"
    text = english_of(paragraphs()[4])
    links = dict(page.eval_on_selector_all("#mz-share [data-mz-via]", "els => els.map(a => [a.dataset.mzVia, a.href])"))
    mail = urlsplit(links["email"])
    assert (
        mail.scheme == "mailto" and url in parse_qs(mail.query)["body"][0] and text in parse_qs(mail.query)["body"][0]
    )
    whatsapp = urlsplit(links["whatsapp"])
    assert (whatsapp.scheme, whatsapp.netloc) == ("https", "wa.me") and parse_qs(whatsapp.query)["text"][0].endswith(
        url
    )
    telegram = urlsplit(links["telegram"])
    assert telegram.netloc == "t.me" and parse_qs(telegram.query)["url"] == [url]
    x = urlsplit(links["x"])
    assert x.netloc == "x.com" and parse_qs(x.query)["url"] == [url] and text in parse_qs(x.query)["text"][0]
    facebook = urlsplit(links["facebook"])
    assert facebook.netloc == "www.facebook.com" and parse_qs(facebook.query)["u"] == [url]
    assert requests_seen[before:] == []  # nothing is fetched until the reader picks one
    assert copied_by(page, menu.locator('[data-mz-do="copy"]')) == url
    assert not menu.is_visible()
    click_tool(page, "top", "share")  # the article as a whole
    assert parse_qs(urlsplit(page.locator('#mz-share [data-mz-via="telegram"]').get_attribute("href")).query)[
        "url"
    ] == [site_url + ARTICLE]
    page.keyboard.press("Escape")
    assert not menu.is_visible()
    assert page.evaluate("document.activeElement.dataset.mzDo") == "share"  # focus goes back to the button
    assert only_local(requests_seen) == []


def test_share_uses_the_web_share_api_where_the_browser_has_one(page_at, site_url):
    page = page_at(ARTICLE)
    page.evaluate("navigator.share = (data) => { window.shared = data; return Promise.resolve(); }")
    choose(page, "ar")
    click_tool(page, "p2", "share")
    shared = page.evaluate("window.shared")
    assert shared["url"] == site_url + ARTICLE + "?mode=ar#p2"
    assert shared["text"] == f"{paragraphs()[1]}\n{english_of(paragraphs()[1])}"
    assert not page.locator("#mz-share").is_visible()


# --- link previews --------------------------------------------------------------------------


class Meta(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs["name"]] = attrs.get("content")


def meta_of(built_site, path: str) -> dict:
    parser = Meta()
    parser.feed((built_site / path / "index.html").read_text(encoding="utf-8"))
    return parser.meta


def test_an_article_has_open_graph_and_twitter_meta(built_site):
    meta = meta_of(built_site, ARTICLE)
    lines = seed_lines()
    assert meta["og:title"] == f"{isolated(lines[0])} · {isolated(english_of(lines[0]))}"  # neither reorders the other
    assert meta["og:description"] == description(english_of(paragraphs()[0])) == meta["twitter:description"]
    assert meta["og:url"] == SITE_URL + ARTICLE
    assert (meta["og:locale"], meta["og:locale:alternate"]) == ("ar_AR", "en_US")
    assert meta["og:type"] == "article"
    assert meta["article:published_time"] == "2018-06-01T13:10:00+02:00"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"] == meta["twitter:image"] == SITE_URL + ARTICLE + "preview.png"
    with Image.open(built_site / ARTICLE / "preview.png") as image:
        assert image.size == (int(meta["og:image:width"]), int(meta["og:image:height"])) == (1200, 630)
    OUTPUT.mkdir(exist_ok=True)
    (OUTPUT / "preview-article.png").write_bytes((built_site / ARTICLE / "preview.png").read_bytes())


@pytest.mark.parametrize("path", ["", "glossary/", "glossary/kim-jong-un/"])
def test_every_page_has_link_preview_meta(built_site, path):
    """Every page has its card; a picture only the pages a share links to (the home page, an
    actor's first page, an article), not lists such as the glossary."""
    meta = meta_of(built_site, path)
    assert meta["og:url"] == SITE_URL + path
    assert meta["og:title"] and meta["og:description"] and meta["og:locale"] == "ar_AR"
    pictured = path != "glossary/"
    assert (meta.get("og:image") == SITE_URL + path + "preview.png") is pictured
    assert (built_site / path / "preview.png").is_file() is pictured
    assert meta["twitter:card"] == ("summary_large_image" if pictured else "summary")
    assert "article:published_time" not in meta and meta["og:type"] == "website"


def test_the_preview_sets_arabic_joined_and_right_to_left():
    """The title as Pillow+raqm shapes it draws exactly the joined forms in visual order, as a type
    setter would place them by hand (initial, medial and final forms, right to left)."""
    from PIL import ImageDraw, ImageFont

    from muwazi.preview import FONT, can_shape_arabic

    assert can_shape_arabic(), "Pillow lacks libraqm/FriBiDi: install Debian's libfribidi0"

    def drawn(text, **options):
        font = ImageFont.truetype(str(FONT), 64, layout_engine=options.pop("engine"))
        image = Image.new("L", (420, 160), 0)
        ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255, **options)
        return image

    shaped = drawn("موسكو", engine=ImageFont.Layout.RAQM, direction="rtl", language="ar")
    by_hand = drawn("\ufeee\ufedc\ufeb3\ufeee\ufee3", engine=ImageFont.Layout.BASIC)  # و ـكـ سـ و مـ, left to right
    unjoined = drawn("وكسوم", engine=ImageFont.Layout.BASIC)  # the same letters reversed, but not joined
    assert ink_apart(shaped, by_hand) < 0.15 * ink_apart(shaped, unjoined)  # kerning moves a pixel or two
    assert ink_apart(shaped, unjoined) > 500


def ink_apart(one, other) -> float:
    """How many pixels' worth of ink two greyscale drawings differ by."""
    return sum(ImageChops.difference(one, other).histogram()[i] * i for i in range(256)) / 255


# --- printing -------------------------------------------------------------------------------


def pdf_pages(path) -> list[str]:
    count = int(
        re.search(
            r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
        )[1]
    )
    return [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
        for n in range(1, count + 1)
    ]


def flat(text: str) -> str:
    """PDF text without spaces or bidi marks: Arabic comes out of a PDF with spaces inside words."""
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", text)


def english_lines(text: str) -> str:
    """The PDF's lines with no Arabic in them, joined: the English column read on its own."""
    return " ".join(" ".join(line for line in text.splitlines() if not re.search("[\u0600-\u06ff]", line)).split())


def landmarks(paragraph: str, article: str) -> list[str]:
    """Words of a paragraph that occur nowhere else in the article, longest first."""
    words = set(re.findall(r"[\u0621-\u064a]{4,}", paragraph))
    return sorted((w for w in words if article.count(w) == paragraph.count(w)), key=len, reverse=True)


@pytest.mark.parametrize("paper, mode", [("A4", "side"), ("Letter", "side"), ("A4", "stacked")])
def test_printing_makes_a_clean_bilingual_handout(page_at, requests_seen, paper, mode):
    page = page_at(ARTICLE + f"?mode={mode}")
    page.emulate_media(media="print")
    OUTPUT.mkdir(exist_ok=True)
    pdf = OUTPUT / f"print-{paper}-{mode}.pdf"
    page.pdf(path=str(pdf), format=paper)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(OUTPUT / f"print-{paper}-{mode}")], check=True)
    pages = pdf_pages(pdf)
    assert 2 <= len(pages) <= (5 if mode == "side" else 7)
    text = "\n".join(pages)
    article = " ".join(seed_lines())
    # English: every paragraph, in order, each on one page (rows are never split)
    positions = []
    for arabic in paragraphs():
        english = english_of(arabic)
        head, tail = " ".join(english.split()[:6]), " ".join(english.split()[-5:])
        holding = [n for n, page_text in enumerate(pages) if head in english_lines(page_text)]
        assert len(holding) == 1, head
        assert tail in english_lines(pages[holding[0]]), f"split across pages: {head}"
        positions.append(english_lines(text).index(head))
    assert positions == sorted(positions)
    # Arabic: every paragraph there, in order, on the page of its English (by most of its own words)
    where = []
    for arabic in paragraphs():
        words = landmarks(arabic, article)
        hits = [sum(w in flat(page_text) for w in words) for page_text in pages]
        assert max(hits) >= 0.6 * len(words), arabic[:40]
        page = hits.index(max(hits))
        english_head = " ".join(english_of(arabic).split()[:6])
        assert english_head in english_lines(pages[page]), (
            f"the Arabic and English of a row on different pages: {english_head}"
        )
        where.append(page)
    assert where == sorted(where)
    # No chrome: navigation, search, the reader's controls
    for chrome in ("Reading mode", "Copy link", "Skip to content", "المسرد\nالرئيسية", "WhatsApp"):
        assert chrome not in text
    # The actors' glossary with their descriptions, and the running footer on every page
    assert "Actors in this article" in text and "American nuclear physicist" in " ".join(text.split())
    for n, page_text in enumerate(pages, 1):
        assert f"articles/{SEED_SLUG}/".replace("-", "") in flat(page_text).replace("-", "") and re.search(
            rf"^{n}\s*/\s*{len(pages)}$", page_text, re.M
        )
    assert all("Friday, 1 June 2018" in page_text for page_text in pages)
    assert only_local(requests_seen) == []


# --- keyboard and accessibility -------------------------------------------------------------


def test_keyboard_skip_link_and_visible_focus(page_at):
    page = page_at(ARTICLE, height=700)
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # Material fades the skip link in
    skip = page.evaluate(
        """() => { const el = document.activeElement, box = el.getBoundingClientRect(), style = getComputedStyle(el);
                   return {cls: el.className, href: el.getAttribute('href'), opacity: style.opacity,
                           inside: box.left >= 0 && box.right <= innerWidth && box.top >= 0, right: innerWidth - box.right}; }"""
    )
    assert "md-skip" in skip["cls"] and skip["href"] == "#top"
    assert skip["inside"] and float(skip["opacity"]) == 1
    assert skip["right"] < 100  # at the reading edge of a right-to-left page
    screenshot(page, "reader-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#top"
    # every control of the reader is reached by Tab and shows where the focus is
    reached, outlines = set(), []
    for _ in range(200):
        if "share@s1" in reached:
            break
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement; const style = getComputedStyle(el);
                       const label = el.closest('label'); const ring = label ? getComputedStyle(label) : style;
                       return {what: el.dataset.mzDo ? el.dataset.mzDo + '@' + el.closest('[data-mz-tools]').dataset.mzTools : (el.name === 'mz-mode' ? 'mode' : (el.closest('.md-content') ? el.tagName : 'chrome')),
                               outline: ring.outlineStyle !== 'none' && parseFloat(ring.outlineWidth) >= 1}; }"""
        )
        reached.add(info["what"])
        if info["what"] != "chrome":  # Material's header has its own focus styles
            outlines.append((info["what"], info["outline"]))
    assert {
        "mode",
        "link@top",
        "share@top",
        "cite@top",
        "link@p1",
        "share@p1",
        "cite@p1",
        "link@s1",
        "share@s1",
    } <= reached
    assert "cite@s1" not in reached  # a subheading has nothing to cite
    assert all(visible for _, visible in outlines), [what for what, visible in outlines if not visible]


@pytest.mark.parametrize("path", ["", ARTICLE, "glossary/", "glossary/kim-jong-un/"])
def test_headings_are_in_order(page_at, path):
    page = page_at(path)
    levels = page.eval_on_selector_all(
        ".md-content h1, .md-content h2, .md-content h3, .md-content h4", "els => els.map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels


@pytest.mark.parametrize("path", ["", ARTICLE, "glossary/", "glossary/kim-jong-un/"])
def test_axe_finds_no_violation_in_any_mode(page_at, requests_seen, path):
    """axe-core on each kind of page, in each reading mode where the page has them."""
    assert AXE.is_file(), "node_modules/axe-core is missing: `make test` installs it with npm ci"
    page = page_at(path, bypass_csp=True)  # to inject axe-core; the pages' own scripts run under their policy elsewhere
    page.add_script_tag(path=str(AXE))
    found = {}
    for mode in MODES if page.locator("[data-mz-modes]").count() else ("side",):
        if mode != "side":
            page.locator(f'input[name="mz-mode"][value="{mode}"]').check()
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
                 .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))"""
        )
        if violations:
            found[mode] = violations
    assert found == {}
    assert only_local(requests_seen) == []
