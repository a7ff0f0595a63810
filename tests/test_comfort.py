"""Reading comfort in real Chromium: the light, dark and sepia themes (Material's palette toggle),
contrast in each with axe-core, print black on white, the text sizes, and the keyboard."""

from __future__ import annotations

import subprocess

import pytest
from PIL import Image
from playwright.sync_api import expect

from helpers import OUTPUT, ROOT, SEED_SLUG, fits_the_screen, only_local, screenshot

ARTICLE = f"articles/{SEED_SLUG}/"
ACTOR = "glossary/kim-jong-un/"
PAGES = {"article": ARTICLE, "actor": ACTOR, "glossary": "glossary/", "search": "search/?q=بوتين"}
THEMES = ("default", "slate", "sepia")  # Material's names: light, dark, and this site's sepia
MODES = ("side", "stacked", "ar", "en")
SIZES = ("90", "100", "115", "130", "150")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 800, "is_mobile": True, "has_touch": True}


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def choose_theme(page, wanted: str) -> None:
    """Press the header's theme toggle, as a reader does, until the wanted theme shows."""
    for _ in range(4):
        if scheme(page) == wanted and page.evaluate("__md_get('__palette')") is not None:
            return
        page.locator('[data-md-component="palette"] label:visible').click()
    assert scheme(page) == wanted


def luminance(rgb: str) -> float:
    """The relative luminance of a computed `rgb(…)` colour (WCAG's formula)."""
    channels = [int(part) / 255 for part in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3]]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def colours(page) -> dict:
    return page.evaluate(
        """() => { const body = getComputedStyle(document.body);
                   const circle = document.querySelector('.mz-graph .mz-node-person circle');
                   return {bg: body.backgroundColor, fg: body.color,
                           person: circle ? getComputedStyle(circle).fill : null}; }"""
    )


def contrast_violations(page) -> list[str]:
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: ['color-contrast'], resultTypes: ['violations']})).violations
             .flatMap(v => v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary.split('\\n').pop()))"""
    )


# --- themes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("system", "expected"), [("light", "default"), ("dark", "slate")])
def test_the_theme_follows_the_system_until_the_reader_chooses(page_at, system, expected):
    page = page_at(ARTICLE, color_scheme=system)
    assert scheme(page) == expected
    choose_theme(page, "sepia")
    page.reload()
    assert scheme(page) == "sepia"  # the choice is kept, whatever the system says
    page.goto(page.url.replace(ARTICLE, ACTOR))
    assert scheme(page) == "sepia"
    toggle = page.locator('[data-md-component="palette"] label:visible')
    assert "sepia" in toggle.get_attribute("title") and "سيبيا" in toggle.get_attribute("title")


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("name", PAGES)
def test_each_theme_reads_with_enough_contrast_in_every_mode(page_at, requests_seen, theme, name):
    assert AXE.is_file(), "node_modules/axe-core is missing: `make test` installs it with npm ci"
    page = page_at(PAGES[name], bypass_csp=True)  # to inject axe-core
    choose_theme(page, theme)
    page.add_script_tag(path=str(AXE))
    if name == "search":
        page.locator(".mz-search-results li").first.wait_for()
    found = {}
    for mode in MODES if page.locator("[data-mz-modes]").count() else ("side",):
        if mode != "side":
            page.locator(f'input[name="mz-mode"][value="{mode}"]').check()
        violations = contrast_violations(page)
        if violations:
            found[mode] = violations
    assert found == {}
    if name in ("article", "actor"):
        page.locator('input[name="mz-mode"][value="side"]').check()
    screenshot(page, f"comfort-{name}-{theme}")
    assert only_local(requests_seen) == []


def test_the_themes_really_differ_and_the_relations_picture_follows(page_at):
    page = page_at("glossary/")
    seen = {}
    for theme in THEMES:
        choose_theme(page, theme)
        seen[theme] = colours(page)
    assert luminance(seen["default"]["bg"]) > 0.9 and luminance(seen["default"]["fg"]) < 0.1
    assert luminance(seen["slate"]["bg"]) < 0.05 and luminance(seen["slate"]["fg"]) > 0.6
    sepia = seen["sepia"]["bg"]
    red, _, blue = (int(part) for part in sepia[sepia.index("(") + 1 : -1].split(","))
    assert 0.7 < luminance(sepia) < 0.95 and red - blue > 15  # warm paper, not white
    assert len({seen[theme]["person"] for theme in THEMES}) == 3  # the picture's dots take each theme's colour


@pytest.mark.parametrize("theme", THEMES)
def test_each_theme_on_a_phone(page_at, theme):
    for name in ("article", "actor", "glossary", "search"):
        page = page_at(PAGES[name], **PHONE)
        choose_theme(page, theme)
        assert fits_the_screen(page), name
        screenshot(page, f"comfort-phone-{name}-{theme}")


def test_print_is_black_on_white_in_the_dark_theme(page_at):
    page = page_at(ARTICLE)
    choose_theme(page, "slate")
    page.emulate_media(media="print")
    seen = colours(page)
    assert seen["bg"] == "rgb(255, 255, 255)" and seen["fg"] == "rgb(0, 0, 0)"
    OUTPUT.mkdir(exist_ok=True)
    pdf = OUTPUT / "comfort-print-dark.pdf"
    page.pdf(path=str(pdf), format="A4")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(OUTPUT / "comfort-print-dark")], check=True
    )
    picture = Image.open(next(OUTPUT.glob("comfort-print-dark*.png"))).convert("L")
    histogram = picture.histogram()
    pixels = picture.width * picture.height
    assert sum(histogram[240:]) / pixels > 0.8  # white paper
    assert sum(histogram[:60]) > 0  # black ink
    assert sum(histogram[60:200]) / pixels < 0.08  # no grey or coloured ground behind the text


# --- text size ------------------------------------------------------------------------------


def sizes_of(page) -> dict:
    return page.evaluate(
        """() => { const px = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
                   const box = (sel) => document.querySelector(sel).getBoundingClientRect();
                   const ar = box('#p1 > .mz-ar'), en = box('#p1 > .mz-en'), next = box('#p2');
                   return {ar: px('#p1 > .mz-ar'), en: px('#p1 > .mz-en'),
                           arLeading: parseFloat(getComputedStyle(document.querySelector('#p1 > .mz-ar')).lineHeight) / px('#p1 > .mz-ar'),
                           apart: ar.left >= en.right - 1, sideBySide: Math.abs(ar.top - en.top) < 2,
                           rowsApart: next.top >= Math.max(ar.bottom, en.bottom) - 1}; }"""
    )


def choose_size(page, size: str) -> None:
    page.locator(f'.mz-article input[name="mz-size"][value="{size}"]').check()


def test_each_text_size_scales_both_languages_and_the_layout_holds(page_at, site_url, requests_seen):
    page = page_at(ARTICLE)
    controls = page.locator("[data-mz-sizes]")
    assert controls.is_visible() and controls.locator("legend").inner_text() == "حجم النص · Text size"
    seen = {}
    for size in SIZES:
        choose_size(page, size)
        seen[size] = sizes_of(page)
        assert seen[size]["apart"] and seen[size]["sideBySide"] and seen[size]["rowsApart"], size
        assert fits_the_screen(page), size
    ar = [seen[size]["ar"] for size in SIZES]
    assert ar == sorted(ar) and len(set(ar)) == len(SIZES)
    assert ar[-1] / ar[1] == pytest.approx(1.5, rel=0.02)  # the largest step is half as large again
    for size in SIZES:  # Arabic keeps its larger size and leading at every step
        assert seen[size]["ar"] / seen[size]["en"] == pytest.approx(1.06 / 0.86, rel=0.02)
        assert seen[size]["arLeading"] == pytest.approx(2.05, rel=0.02)
    screenshot(page, "comfort-size-150-wide")
    page.reload()  # remembered, like the reading mode, and on every page
    assert page.evaluate("document.documentElement.dataset.mzSize") == "150"
    assert page.locator('input[name="mz-size"][value="150"]').is_checked()
    page.goto(site_url + ACTOR)
    assert page.evaluate("document.documentElement.dataset.mzSize") == "150"
    page.locator('input[name="mz-size"][value="100"]').check()  # the actor page has the controls too
    assert page.evaluate("document.documentElement.dataset.mzSize") is None
    assert only_local(requests_seen) == []


@pytest.mark.parametrize("mode", MODES)
def test_the_largest_text_on_a_phone_never_overlaps_or_scrolls_sideways(page_at, mode):
    page = page_at(ARTICLE, **PHONE)
    page.locator(f'input[name="mz-mode"][value="{mode}"]').check()
    choose_size(page, "150")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.mz-article .mz-row[id]')].flatMap(row =>
             [...row.children].filter(el => el.getBoundingClientRect().height > 0)
               .map(el => { const b = el.getBoundingClientRect(); return [row.id, b.top, b.bottom, b.left, b.right]; }))"""
    )
    for earlier, later in zip(boxes, boxes[1:], strict=False):
        assert later[1] >= earlier[2] - 1, (earlier, later)  # each block starts below the one before
    assert all(left >= -1 and right <= PHONE["width"] + 1 for _, _, _, left, right in boxes)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    assert fits_the_screen(page)
    screenshot(page, f"comfort-phone-size-150-{mode}")


def test_without_javascript_there_are_no_size_controls(page_at):
    page = page_at(ARTICLE, java_script_enabled=False)
    assert not page.locator("[data-mz-sizes]").is_visible()


# --- the keyboard ---------------------------------------------------------------------------


def focused(page) -> dict:
    return page.evaluate(
        """() => { const el = document.activeElement, style = getComputedStyle(el);
                   return {id: el.id, tag: el.tagName, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1}; }"""
    )


def test_j_and_k_move_a_visible_focus_from_row_to_row(page_at):
    page = page_at(ARTICLE, height=700)
    rows = page.eval_on_selector_all(".mz-article .mz-row[id]", "els => els.map(el => el.id)")
    assert rows[:2] == ["top", "p1"]
    page.keyboard.press("j")
    assert focused(page) == {"id": "top", "tag": "H1", "outline": True}
    for expected in rows[1:4]:
        page.keyboard.press("j")
        assert focused(page)["id"] == expected and focused(page)["outline"]
    page.keyboard.press("k")
    assert focused(page)["id"] == rows[2]
    page.keyboard.press("Alt+ArrowDown")
    assert focused(page)["id"] == rows[3]
    page.keyboard.press("Alt+ArrowUp")
    assert focused(page)["id"] == rows[2]
    page.keyboard.press("Control+j")  # with Ctrl it is the browser's, not ours
    assert focused(page)["id"] == rows[2]
    box = page.evaluate(f"document.getElementById('{rows[2]}').getBoundingClientRect().toJSON()")
    assert 0 <= box["top"] < 700  # brought into view
    for _ in range(len(rows) + 2):
        page.keyboard.press("j")
    assert focused(page)["id"] == rows[-1]  # and stays on the last
    screenshot(page, "comfort-keyboard-focus")


def test_keys_on_an_arabic_keyboard_layout_move_too(page_at):
    page = page_at(ARTICLE)
    page.keyboard.press("j")
    page.dispatch_event("body", "keydown", {"key": "ت", "code": "KeyJ", "bubbles": True})
    assert focused(page)["id"] == "p1"


def test_enter_or_c_copies_the_rows_link_and_s_shares_it(page_at, site_url):
    page = page_at(ARTICLE, permissions=["clipboard-read", "clipboard-write"])
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("c")
    expect(page.locator(".mz-status")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == site_url + ARTICLE + "#p1"
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("navigator.clipboard.readText()") == site_url + ARTICLE + "#s1"
    page.keyboard.press("s")
    menu = page.locator("#mz-share")
    expect(menu).to_be_visible()
    assert "s1" in page.locator('#mz-share [data-mz-via="email"]').get_attribute("href")
    page.keyboard.press("j")  # keys wait while the menu is open
    assert page.evaluate("document.activeElement.closest('#mz-share') !== null")
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()


def test_question_mark_lists_the_keys_in_both_languages_in_a_dialog(page_at):
    page = page_at(ARTICLE)
    page.keyboard.press("j")
    page.keyboard.press("?")
    dialog = page.locator("dialog.mz-keys")
    expect(dialog).to_be_visible()
    assert dialog.evaluate("el => el.open && el.matches(':modal')")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    title = dialog.locator("h2")
    assert title.locator('[lang="ar"]').inner_text() == "اختصارات لوحة المفاتيح"
    assert title.locator('[lang="en"]').inner_text() == "Keyboard shortcuts"
    keys = dialog.locator("dt").all_inner_texts()
    assert keys[:2] == ["j / Alt+↓", "k / Alt+↑"] and "Enter / c" in keys and "s" in keys
    assert dialog.locator('dd [lang="ar"]').count() == dialog.locator('dd [lang="en"]').count() == len(keys)
    screenshot(page, "comfort-keys-dialog")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert focused(page)["id"] == "top"  # back where the reader was


def test_no_key_fires_while_typing(page_at, site_url):
    page = page_at("search/")
    box = page.locator("#mz-query")
    box.click()
    page.keyboard.type("jks?c")
    assert box.input_value() == "jks?c"
    assert page.locator("dialog[open]").count() == 0
    page = page_at(ARTICLE)
    page.locator('input[name="mz-size"][value="100"]').focus()
    page.keyboard.press("j")
    page.keyboard.press("?")
    assert page.evaluate("document.activeElement.name") == "mz-size"
    assert page.locator("dialog[open]").count() == 0


def test_tab_alone_reaches_the_text_size_and_keep_offline_with_visible_focus(page_at):
    page = page_at(ARTICLE)
    page.locator("[data-mz-keep]").wait_for(state="visible")  # once the worker is ready
    order = []
    for _ in range(60):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => { const el = document.activeElement, label = el.closest('label');
                       const ring = getComputedStyle(label || el);
                       return {what: el.name || el.dataset.mzDo || (el.dataset.mzKeep !== undefined ? 'keep' : el.tagName),
                               outline: ring.outlineStyle !== 'none' && parseFloat(ring.outlineWidth) >= 1}; }"""
        )
        order.append(info["what"])
        if info["what"] in ("mz-size", "keep"):
            assert info["outline"], info
        if info["what"] == "keep":
            break
    assert order.index("mz-mode") < order.index("mz-size") < order.index("link") < order.index("keep")


def where(page) -> tuple[str, int]:
    """The focused row, and the unit of it muwazi.js shows as chosen (0: none)."""
    return tuple(
        page.evaluate(
            """() => { const row = document.activeElement.closest('.mz-row[id]');
                       const on = row && row.querySelector(':scope > .mz-ar .mz-unit.mz-unit-on');
                       return [row ? row.id : '', on ? +on.dataset.unit : 0]; }"""
        )
    )


def test_j_and_k_step_through_the_sentences_of_a_row_cut_into_units(page_at, site_url):
    page = page_at(ARTICLE, permissions=["clipboard-read", "clipboard-write"])
    plan = page.evaluate(
        """() => [...document.querySelectorAll('.mz-article .mz-row[id]')].map(row =>
             [row.id, row.querySelectorAll(':scope > .mz-ar .mz-unit').length])"""
    )
    expected = [(row, unit) for row, count in plan for unit in (range(1, count + 1) if count else [0])]
    split = next(row for row, count in plan if count > 1)  # the seed has rows cut into sentences
    seen = []
    for _ in expected:
        page.keyboard.press("j")
        seen.append(where(page))
    assert seen == expected
    assert focused(page)["outline"]
    while where(page) != (split, 2):
        page.keyboard.press("k")
    assert page.locator(f"#{split} > .mz-en .mz-unit.mz-unit-on").get_attribute("data-unit") == "2"  # its partner too
    page.keyboard.press("c")
    expect(page.locator(".mz-status")).not_to_be_empty()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{ARTICLE}#{split}-2"
    page.keyboard.press("k")
    page.keyboard.press("k")
    before = expected[expected.index((split, 1)) - 1]
    assert where(page) == before  # out of the row, and its sentence no longer chosen
    assert page.locator(f"#{split} .mz-unit.mz-unit-on").count() == 0
    screenshot(page, "comfort-keyboard-units")
