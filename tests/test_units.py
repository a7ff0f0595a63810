"""Units on the page: a paragraph cut into its aligned sentences, marked up in both languages
(the real finders' mentions on the seed's real text), then in real Chromium: highlighting by
mouse, touch and keyboard, #pN-M links, the citation of one unit, and the quote card."""

from __future__ import annotations

import functools
import io
import re
from html import unescape
from pathlib import Path

import polib
import pytest
from PIL import Image
from playwright.sync_api import expect

from helpers import OUTPUT, ROOT, SEED, SEED_PO, SEED_SLUG, copy_project, muwazi_in, only_local, served
from muwazi.actors import load_gazetteer
from muwazi.align import load_model
from muwazi.build import ArticleWork, BuildContext
from muwazi.config import Project
from muwazi.render.markup import actor_links, can_cut, isolated, mention_html, units_html

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

# --- the markup, on the seed as the real finders annotate it ------------------------------------


@pytest.fixture(scope="module")
def annotated():
    project = Project(content=ROOT / "content", docs=Path("/nonexistent"))
    work = ArticleWork(
        BuildContext(
            load_gazetteer(project.gazetteer), project, allow_pending=False, alignment=load_model(project.content)
        )
    )
    return work.annotated(work.translated(SEED))


def tiles(text: str, cuts: list[int]) -> tuple[tuple[int, int], ...]:
    bounds = [0, *cuts, len(text)]
    return tuple(zip(bounds, bounds[1:], strict=False))


def cut_points(text: str, pattern: str) -> list[int]:
    return [match.end() for match in re.finditer(pattern, text) if match.end() < len(text)]


def hand_cut(annotated):
    """Each paragraph of the seed with units cut by hand: the English after its sentence ends, colons and
    commas, the Arabic after as many of its commas (the same number, in order)."""
    rows = []
    for (segment, translation), arabic, english in zip(
        annotated.translated.pairs(), annotated.arabic, annotated.english, strict=True
    ):
        if segment.kind != "paragraph":
            continue
        english_cuts = cut_points(translation.english, r"[.;:,]\s+")
        arabic_cuts = cut_points(segment.text, r"،\s+")
        k = min(len(english_cuts), len(arabic_cuts))
        rows.append(
            (
                segment,
                translation,
                arabic,
                english,
                tiles(segment.text, arabic_cuts[:k]),
                tiles(translation.english, english_cuts[:k]),
            )
        )
    return rows


SPAN = re.compile(r'<span class="mz-unit" data-unit="(\d+)"(?: id="([^"]+)")?>(.*?)</span>', re.S)
TAG = re.compile(r"<[^>]+>")


def test_units_keep_the_text_and_its_links_exactly(annotated):
    links = actor_links("articles/x/index.md", annotated.actor_ids)
    cut_rows = [row for row in hand_cut(annotated) if len(row[4]) > 1]
    assert len(cut_rows) >= 3  # the seed's long paragraphs
    for segment, translation, arabic, english, arabic_units, english_units in cut_rows:
        for text, mentions, units, anchor in (
            (segment.text, arabic, arabic_units, segment.anchor),
            (translation.english, english, english_units, None),
        ):
            assert can_cut(units, text, mentions)
            whole = str(mention_html(text, mentions, links))
            cut = str(units_html(text, mentions, links, units, anchor))
            # the same text and the same links, once the unit spans are taken out
            assert re.sub(r'<span class="mz-unit"[^>]*>|</span>', "", cut) == whole
            spans = SPAN.findall(cut)
            assert [int(n) for n, _, _ in spans] == list(range(1, len(units) + 1))
            assert [i for _, i, _ in spans] == (
                [f"{anchor}-{n}" for n in range(1, len(units) + 1)] if anchor else [""] * len(units)
            )
            for (_, _, inner), (start, end) in zip(spans, units, strict=True):
                assert (
                    unescape(TAG.sub("", inner)) == text[start:end].strip()
                )  # the words, without the spaces between units
            # every link whole inside one unit
            assert (
                cut.count("<a ")
                == whole.count("<a ")
                == sum(inner.count("<a ") for _, _, inner in spans)
                == len(mentions)
            )


def test_a_cut_through_a_mention_keeps_the_text_whole(annotated):
    pairs = annotated.translated.pairs()
    index, mention = next(
        (i, m)
        for i, mentions in enumerate(annotated.arabic)
        for m in mentions
        if m.end - m.start > 4 and pairs[i][0].kind == "paragraph"
    )
    text = pairs[index][0].text
    inside = (mention.start + mention.end) // 2
    assert not can_cut(tiles(text, [inside]), text, annotated.arabic[index])
    assert can_cut(tiles(text, [mention.end]), text, annotated.arabic[index])
    assert not can_cut(tiles(text, [0, len(text) // 2]), text, annotated.arabic[index])  # an empty unit


# --- the page in Chromium ---------------------------------------------------------------------

# The cuts a person makes in the seed's last paragraph (the last words of each unit but the last,
# Arabic | English): the aligner must find them all by itself.
PERSON_CUTS = [
    "السلميةن | peaceful nuclear energy:",
    "في هذا المجال، | in this field.",
    "ارنست مونيس: | Ernest Moniz:",
    "روسيا والولايات المتحدة، | Russia and the United States.",
    "مجمد عمليا، | frozen in practice;",
]
# An editor's pin (written `# muwazi: units [ARABIC] [ENGLISH]`, align.py) in the seed's memory, where the
# aligner keeps a paragraph whole: the short unit after «موضحا».
PINS = {"ونقلت وسائل": ["كيم جونج أون، | Kim Jong Un,"]}
LAST, PESKOV = "p6", "p4"  # the rows those paragraphs stand in
# An article of our own whose Arabic holds Latin words and digits.
MIXED_SLUG = "2024-10-30-github-python"
MIXED_ARTICLE = """تقرير: منصة GitHub تقول إن Python صارت اللغة الأكثر استخدامًا
الأربعاء، 30 أكتوبر 2024 10:00 ص
قالت منصة GitHub في تقريرها السنوي Octoverse إن عدد المطورين على المنصة تجاوز 100 مليون مطور. وأضافت أن لغة Python أصبحت الأكثر استخدامًا على المنصة للمرة الأولى، متقدمة على JavaScript.
"""
MIXED_ENGLISH = {
    "تقرير: منصة GitHub تقول إن Python صارت اللغة الأكثر استخدامًا": "Report: GitHub says Python has become the most used language",
    "قالت منصة GitHub في تقريرها السنوي Octoverse إن عدد المطورين على المنصة تجاوز 100 مليون مطور. وأضافت أن لغة Python أصبحت الأكثر استخدامًا على المنصة للمرة الأولى، متقدمة على JavaScript.": (
        "GitHub said in its annual Octoverse report that the number of developers on the platform had passed"
        " 100 million. It added that Python had become the most used language on the platform for the first"
        " time, ahead of JavaScript."
    ),
}
MIXED_PIN = "100 مليون مطور. | 100 million."
ARTICLE = f"articles/{SEED_SLUG}/"
MIXED = f"articles/{MIXED_SLUG}/"
CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}
PHONE = {"width": 375, "height": 740, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def units_of(text: str, pins: list[str], side: int) -> list[str]:
    """The units' text in one language (0 Arabic, 1 English), cut after each pin's words: worked out
    here from the memory's text, not read from the code under test."""
    units, start = [], 0
    for pin in pins:
        words = pin.split("|")[side].strip()
        end = text.index(words, start) + len(words)
        units.append(text[start:end].strip())
        start = end
    return [*units, text[start:].strip()]


def pin_line(cut: str) -> str:
    """A cut as an editor writes it in the PO entry's translator comment."""
    arabic, english = (side.strip() for side in cut.split("|"))
    return f"muwazi: units [{arabic}] [{english}]"


@pytest.fixture(scope="module")
def units_site(tmp_path_factory):
    """The seed with the pin above, and the mixed article, built with `muwazi build`, served."""
    path = copy_project(tmp_path_factory.mktemp("units") / "project")
    po = path / "content" / "translations" / f"{SEED_SLUG}.po"
    memory = polib.pofile(str(po))
    for entry in memory:
        for opening, pins in PINS.items():
            if entry.msgid.startswith(opening):
                entry.tcomment = "\n".join(pin_line(pin) for pin in pins)
    memory.save(str(po))
    (path / "content" / "articles" / f"{MIXED_SLUG}.txt").write_text(MIXED_ARTICLE, encoding="utf-8")
    mixed = polib.POFile()
    mixed.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for arabic, english in MIXED_ENGLISH.items():
        mixed.append(
            polib.POEntry(msgid=arabic, msgstr=english, tcomment=pin_line(MIXED_PIN) if "Octoverse" in arabic else "")
        )
    mixed.save(str(path / "content" / "translations" / f"{MIXED_SLUG}.po"))
    assert muwazi_in(path, ["build"]) == 0
    with served(path / "site") as url:
        yield url


@pytest.fixture
def open_at(open_on, units_site):
    return functools.partial(open_on, units_site)


def seed_text(opening: str) -> tuple[str, str]:
    entry = next(e for e in polib.pofile(str(SEED_PO)) if e.msgid.startswith(opening))
    return entry.msgid, entry.msgstr


def part(row: str, lang: str, unit: int) -> str:
    return f'#{row} > .mz-{lang} .mz-unit[data-unit="{unit}"]'


def lit(page, row: str, name: str) -> dict[str, list[int]]:
    """The units of a row with the class `name`, in each language."""
    return page.evaluate(
        """([row, name]) => Object.fromEntries(['ar', 'en'].map(lang => [lang,
             [...document.querySelectorAll('#' + row + ' > .mz-' + lang + ' .mz-unit.' + name)].map(u => +u.dataset.unit)]))""",
        [row, name],
    )


def background(page, selector: str) -> str:
    return page.eval_on_selector(selector, "el => getComputedStyle(el).backgroundColor")


def click_unit(page, selector: str) -> None:
    """Click the middle of a unit's first word that is not a link (an inline element's box may
    start mid-line, and a mention would take the click away)."""
    page.locator(selector).scroll_into_view_if_needed()
    point = page.eval_on_selector(
        selector,
        """el => { const text = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
                  const start = text.data.search(/\\S/), range = document.createRange();
                  range.setStart(text, start); range.setEnd(text, start + text.data.slice(start).search(/\\s|$/));
                  const r = range.getClientRects()[0]; return [r.x + r.width / 2, r.y + r.height / 2]; }""",
    )
    page.mouse.click(*point)


def view(page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"{name}.png")


def test_the_rows_hold_their_units_and_the_rest_reads_as_before(open_at):
    page = open_at(ARTICLE)
    arabic, english = seed_text("في ذات السياق")
    pins = PERSON_CUTS
    read = page.evaluate(
        """(row) => ['ar', 'en'].map(lang => [...document.querySelectorAll('#' + row + ' > .mz-' + lang + ' .mz-unit')]
             .map(u => [u.dataset.unit, u.id, u.textContent, u.getAttribute('tabindex'), u.getAttribute('role'),
                        [...u.attributes].filter(a => a.name.startsWith('aria-')).length]))""",
        LAST,
    )
    for side, (lang, text) in enumerate((("ar", arabic), ("en", english))):
        expected = units_of(text, pins, side)
        assert [t for _, _, t, *_ in read[side]] == expected, lang
        assert [n for n, *_ in read[side]] == [str(n) for n in range(1, len(expected) + 1)]
        assert [i for _, i, *_ in read[side]] == ([f"{LAST}-{n}" for n in range(1, 7)] if lang == "ar" else [""] * 6)
        assert all(
            rest == [None, None, 0] for *_, tabindex, role, aria in read[side] for rest in [[tabindex, role, aria]]
        )
    # the row's anchor stays; a row left whole has no unit; mentions all inside units
    assert page.locator(f"#{LAST}.mz-row").count() == 1
    assert page.locator("#p1 .mz-unit").count() == 0
    assert page.locator(f"#{LAST} a[data-actor]").count() == page.locator(f"#{LAST} .mz-unit a[data-actor]").count() > 0
    # the step button only in rows cut into units
    cut = page.locator(".mz-row:has(.mz-unit)").count()
    assert cut >= 2 and page.locator('[data-mz-do="unit"]').count() == cut
    assert page.locator(f'[data-mz-tools="{LAST}"] [data-mz-do="unit"]').count() == 1


def test_hovering_a_unit_lights_it_and_its_partner(open_at, requests_seen):
    page = open_at(ARTICLE)
    resting = background(page, part(LAST, "en", 2))
    page.locator(part(LAST, "ar", 2)).scroll_into_view_if_needed()
    page.hover(part(LAST, "ar", 2))
    page.wait_for_timeout(250)  # the transition
    assert lit(page, LAST, "mz-unit-hover") == {"ar": [2], "en": [2]}
    assert background(page, part(LAST, "en", 2)) != resting
    assert background(page, part(LAST, "en", 3)) == resting
    page.hover(part(LAST, "en", 4))
    page.wait_for_timeout(250)
    assert lit(page, LAST, "mz-unit-hover") == {"ar": [4], "en": [4]}
    view(page, "units-wide-hover")
    page.mouse.move(0, 0)
    assert lit(page, LAST, "mz-unit-hover") == {"ar": [], "en": []}
    # a mention focused inside a unit lights the unit too (keyboard)
    page.focus(f"{part(LAST, 'en', 3)} a[data-actor]")
    assert lit(page, LAST, "mz-unit-hover") == {"ar": [3], "en": [3]}
    assert only_local(requests_seen) == []


@pytest.mark.parametrize("mode", ["side", "stacked"])
def test_a_chosen_unit_shows_in_both_languages_in_each_mode(open_at, mode):
    page = open_at(ARTICLE + f"?mode={mode}")
    resting = background(page, part(LAST, "ar", 3))
    click_unit(page, part(LAST, "ar", 3))
    assert lit(page, LAST, "mz-unit-on") == {"ar": [3], "en": [3]}
    page.wait_for_timeout(250)  # the transition
    for lang in ("ar", "en"):
        assert background(page, part(LAST, lang, 3)) != resting
    page.locator(f"#{LAST}").scroll_into_view_if_needed()
    view(page, f"units-chosen-{mode}")
    click_unit(page, part(LAST, "ar", 3))  # again: the whole paragraph
    assert lit(page, LAST, "mz-unit-on") == {"ar": [], "en": []}


def off_links(page, selector: str) -> tuple[float, float]:
    """A point of the element's text that is not a link: where it falls on a line depends on the
    line breaks, and a tap on an actor's name would leave the page."""
    return page.evaluate(
        """(selector) => {
            const box = document.querySelector(selector).getBoundingClientRect();
            for (let y = box.top + 4; y < box.bottom; y += 8)
                for (let x = box.left + 4; x < box.right; x += 8) {
                    const hit = document.elementFromPoint(x, y);
                    if (hit && hit.closest(selector) && !hit.closest("a[href]")) return [x, y];
                }
            throw new Error("no point off the links in " + selector);
        }""",
        selector,
    )


def test_a_phone_taps_a_unit_and_its_tools_act_on_it(open_at, units_site, requests_seen):
    page = open_at(ARTICLE, **PHONE, **CLIPBOARD)
    page.locator(part(LAST, "en", 4)).tap()
    assert lit(page, LAST, "mz-unit-on") == {"ar": [4], "en": [4]}
    page.locator(f'[data-mz-tools="{LAST}"] [data-mz-do="link"]').scroll_into_view_if_needed()
    assert copied_by(page, f'[data-mz-tools="{LAST}"] [data-mz-do="link"]') == units_site + ARTICLE + f"#{LAST}-4"
    view(page, "units-phone-tapped")
    page.locator(part(LAST, "en", 4)).scroll_into_view_if_needed()
    view(page, "units-phone-tapped-unit")
    page.locator(f"#{PESKOV} > .mz-ar p").scroll_into_view_if_needed()
    page.touchscreen.tap(*off_links(page, f"#{PESKOV} > .mz-ar p"))  # elsewhere: nothing chosen there
    assert lit(page, LAST, "mz-unit-on") == {"ar": [], "en": []}
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert only_local(requests_seen) == []


def test_the_keyboard_steps_through_the_units(open_at, units_site):
    page = open_at(ARTICLE, **CLIPBOARD)
    step = f'[data-mz-tools="{LAST}"] [data-mz-do="unit"]'
    for _ in range(300):  # reached by Tab, like every tool
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector('{step}')"):
            break
    else:
        pytest.fail("Tab never reached the step button")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    assert lit(page, LAST, "mz-unit-on") == {"ar": [1], "en": [1]}
    assert page.locator(".mz-status").inner_text().strip() == "الجملة 1 من 6 · Sentence 1 of 6"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert lit(page, LAST, "mz-unit-on") == {"ar": [3], "en": [3]}
    page.keyboard.press("ArrowUp")
    assert lit(page, LAST, "mz-unit-on") == {"ar": [2], "en": [2]}
    names = page.eval_on_selector(f'[data-mz-tools="{LAST}"] [data-mz-do="cite"]', "b => b.textContent")
    assert "sentence 2 of paragraph 6" in names and "الجملة 2 من الفقرة 6" in names
    page.keyboard.press("Shift+Tab")  # back to the citation button, which now cites unit 2
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.dataset.mzDo") == "cite"
    page.keyboard.press("Enter")
    expect(page.locator(".mz-status")).to_contain_text("Copied with citation")
    assert page.evaluate("navigator.clipboard.readText()").splitlines()[6] == units_site + ARTICLE + f"#{LAST}-2"
    view(page, "units-keyboard")
    page.keyboard.press("Escape")
    assert lit(page, LAST, "mz-unit-on") == {"ar": [], "en": []}


@pytest.mark.parametrize("mode", ["side", "stacked", "en"])
def test_a_units_address_opens_at_it_with_both_sides_lit(open_at, units_site, mode):
    page = open_at("", height=700)
    page.goto(units_site + ARTICLE + f"?mode={mode}#{LAST}-5")
    page.wait_for_load_state("networkidle")
    assert lit(page, LAST, "mz-unit-on") == {"ar": [5], "en": [5]}
    shown = "en" if mode == "en" else "ar"
    top = page.locator(part(LAST, shown, 5)).bounding_box()["y"]
    assert 0 <= top < 350, top
    view(page, f"units-opened-{mode}")
    page.evaluate(f"location.hash = '#{PESKOV}-2'")  # a link inside the page
    page.wait_for_function(
        "(sel) => document.querySelector(sel).classList.contains('mz-unit-on')", arg=part(PESKOV, "en", 2)
    )
    assert lit(page, LAST, "mz-unit-on") == {"ar": [], "en": []}


def copied_by(page, selector: str) -> str:
    page.eval_on_selector(".mz-status", "el => el.replaceChildren()")
    page.click(selector)
    expect(page.locator(".mz-status")).not_to_be_empty()
    return page.evaluate("navigator.clipboard.readText()")


def select_inside(page, selector: str) -> None:
    """Select a few words inside an element, as a reader's drag or long press would."""
    page.eval_on_selector(
        selector,
        """el => { const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT); const node = walker.nextNode();
                  const range = document.createRange(); range.setStart(node, 2); range.setEnd(node, Math.min(node.length, 20));
                  getSelection().removeAllRanges(); getSelection().addRange(range); }""",
    )


def test_selected_text_cites_its_unit(open_at, units_site):
    page = open_at(ARTICLE, **CLIPBOARD)
    arabic, english = seed_text("في ذات السياق")
    pins = PERSON_CUTS
    select_inside(page, part(LAST, "en", 3))
    page.wait_for_function(
        "(sel) => document.querySelector(sel).classList.contains('mz-unit-on')", arg=part(LAST, "ar", 3)
    )
    title = seed_text("موسكو تسعى للرد")
    assert copied_by(page, f'[data-mz-tools="{LAST}"] [data-mz-do="cite"]') == "\n".join(
        [
            units_of(arabic, pins, 0)[2],
            "",
            units_of(english, pins, 1)[2],
            "",
            f"{isolated(title[0])} — {isolated(title[1])}",
            f"{seed_lines()[1]} · Friday, 1 June 2018, 1:10 p.m. (Cairo)",
            units_site + ARTICLE + f"#{LAST}-3",
            "English translation: reviewed by an editor · الترجمة الإنجليزية: راجعها محرر",
        ]
    )
    # sharing it: the Web Share API gets the unit, its link and its text
    page.evaluate("navigator.share = (data) => { window.shared = data; return Promise.resolve(); }")
    page.click(f'[data-mz-tools="{LAST}"] [data-mz-do="share"]')
    shared = page.evaluate("window.shared")
    assert shared["url"] == units_site + ARTICLE + f"#{LAST}-3"
    assert shared["text"] == f"{units_of(arabic, pins, 0)[2]}\n{units_of(english, pins, 1)[2]}"
    # a selection across two units chooses neither anew; the paragraph's tools stay on the last choice
    page.eval_on_selector(
        f"#{LAST} > .mz-en p",
        """p => { const range = document.createRange(); range.selectNodeContents(p); getSelection().removeAllRanges(); getSelection().addRange(range); }""",
    )
    assert lit(page, LAST, "mz-unit-on") == {"ar": [3], "en": [3]}


def seed_lines() -> list[str]:
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]


def downloaded_card(page, row: str, name: str) -> Image.Image:
    with page.expect_download() as download:
        page.click(f'[data-mz-tools="{row}"] [data-mz-do="card"]')
    path = OUTPUT / f"{name}.png"
    OUTPUT.mkdir(exist_ok=True)
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(f"-{anchor_of(page, row)}.png")
    return Image.open(path).convert("RGB")


def anchor_of(page, row: str) -> str:
    chosen = page.evaluate(f"[...document.querySelectorAll('#{row} > .mz-ar .mz-unit.mz-unit-on')].map(u => u.id)")
    return chosen[0] if chosen else row


def ink(image: Image.Image, box: tuple[int, int, int, int], paper: tuple[int, int, int]) -> int:
    """How many pixels of a region differ clearly from the card's paper."""
    region = image.crop(box)
    return sum(
        1 for pixel in region.get_flattened_data() if sum(abs(a - b) for a, b in zip(pixel, paper, strict=True)) > 120
    )


PAPER = (0xFB, 0xFA, 0xF6)  # --mz-card-bg


@pytest.mark.parametrize(
    "path, row, unit, name",
    [
        (ARTICLE, LAST, 4, "units-card-long"),
        (ARTICLE, PESKOV, 2, "units-card-short"),
        (MIXED, "p1", 2, "units-card-mixed"),
        (MIXED, "p1", 0, "units-card-mixed-paragraph"),
    ],
)
def test_the_quote_card_is_drawn_and_downloaded(open_at, requests_seen, path, row, unit, name):
    page = open_at(path)
    page.evaluate(
        "delete Navigator.prototype.share; delete Navigator.prototype.canShare"
    )  # as on a desktop without Web Share
    before = len(requests_seen)
    if unit:
        click_unit(page, part(row, "en", unit))
    image = downloaded_card(page, row, name)
    assert image.width == 1200 and image.height >= 630
    assert image.getpixel((40, 40)) == PAPER  # the theme's colour, read from the CSS variable
    arabic_ink = ink(image, (600, 60, 1120, 200), PAPER)  # the Arabic's first line, at its right
    assert arabic_ink > 1500
    footer_ink = ink(image, (80, image.height - 110, 600, image.height - 30), PAPER)
    assert footer_ink > 300  # the link, the site's name and the date
    assert len(image.getcolors(1 << 20)) > 20  # anti-aliased text, not a flat image
    assert only_local(requests_seen[before:]) == []


def test_the_quote_card_follows_the_theme_and_shares_a_file_where_it_can(open_at):
    page = open_at(ARTICLE)
    page.evaluate("document.querySelector('.mz-article').style.setProperty('--mz-card-bg', 'rgb(20, 30, 40)')")
    page.evaluate("document.querySelector('.mz-article').style.setProperty('--mz-card-fg', 'rgb(240, 240, 240)')")
    page.evaluate(
        """() => { navigator.canShare = (data) => Boolean(data.files && data.files.length);
                   navigator.share = async (data) => { const file = data.files[0];
                     window.sharedCard = {name: file.name, type: file.type, title: data.title, text: data.text,
                       bytes: Array.from(new Uint8Array(await file.arrayBuffer()))}; }; }"""
    )
    click_unit(page, part(LAST, "ar", 2))
    page.click(f'[data-mz-tools="{LAST}"] [data-mz-do="card"]')
    page.wait_for_function("() => window.sharedCard")
    shared = page.evaluate("window.sharedCard")
    assert shared["type"] == "image/png" and shared["name"] == f"{SEED_SLUG}-{LAST}-2.png"
    assert shared["text"].endswith(f"{ARTICLE}#{LAST}-2")
    image = Image.open(io.BytesIO(bytes(shared["bytes"]))).convert("RGB")
    assert image.getpixel((40, 40)) == (20, 30, 40)
    assert ink(image, (600, 60, 1120, 200), (20, 30, 40)) > 1500
    image.save(OUTPUT / "units-card-dark.png")


def test_high_contrast_shows_the_chosen_unit(open_at):
    page = open_at(ARTICLE)
    page.emulate_media(forced_colors="active")
    click_unit(page, part(LAST, "ar", 2))
    style = page.eval_on_selector(
        part(LAST, "en", 2), "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).backgroundColor]"
    )
    resting = page.eval_on_selector(
        part(LAST, "en", 3), "el => [getComputedStyle(el).outlineStyle, getComputedStyle(el).backgroundColor]"
    )
    assert style[0] == "solid" and style != resting
    page.locator(f"#{LAST}").scroll_into_view_if_needed()
    view(page, "units-forced-colors")


def test_without_javascript_a_unit_is_plain_text(open_at):
    page = open_at(ARTICLE + f"#{LAST}-2", java_script_enabled=False)
    looks = page.evaluate(
        """(row) => [...document.querySelectorAll('#' + row + ' .mz-unit')].map(u => { const s = getComputedStyle(u);
              return [s.backgroundColor, s.outlineStyle, s.textDecorationLine, s.display]; })""",
        LAST,
    )
    assert looks and all(look == ["rgba(0, 0, 0, 0)", "none", "none", "inline"] for look in looks)
    assert 0 <= page.locator(part(LAST, "ar", 2)).bounding_box()["y"] < 400  # the address still opens at the unit
    assert page.locator(".mz-tools:visible").count() == 0


@pytest.mark.parametrize("mode", ["side", "stacked"])
def test_axe_finds_nothing_with_units_lit(open_at, mode):
    page = open_at(ARTICLE + f"?mode={mode}", bypass_csp=True)
    page.add_script_tag(path=str(AXE))
    click_unit(page, part(LAST, "ar", 2))
    page.hover(part(LAST, "en", 4))
    page.wait_for_timeout(250)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
             .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(' | '))"""
    )
    assert violations == []


def test_a_screen_reader_meets_the_same_prose_as_without_units(open_at):
    """The accessibility tree of a row cut into units is the tree of the same row with its spans
    taken out: no extra node, stop or role per sentence."""
    page = open_at(ARTICLE)
    rows = [f"#{LAST} > .mz-ar p", f"#{LAST} > .mz-en p"]
    with_units = [page.locator(row).aria_snapshot() for row in rows]
    assert page.locator(f"#{LAST} .mz-unit").count() == 12
    page.evaluate(
        "() => { for (const unit of document.querySelectorAll('.mz-unit')) unit.replaceWith(...unit.childNodes); }"
    )
    assert page.locator(f"#{LAST} .mz-unit").count() == 0
    assert [page.locator(row).aria_snapshot() for row in rows] == with_units
    assert "link" in with_units[0]  # the tree is read, mentions and all
