"""The built site in real Chromium: layout, language attributes, links, and no foreign requests."""

import re

import pytest

from helpers import SEED_SLUG, fits_the_screen, only_local, screenshot

ARTICLE = f"articles/{SEED_SLUG}/"


def test_arabic_is_right_of_english_in_every_row(page_at, requests_seen):
    page = page_at(ARTICLE)
    rows = page.locator(".mz-article .mz-row")
    assert rows.count() == 1 + 1 + 9 + 1  # title, dateline, nine body rows, source line
    for i in range(rows.count()):
        row = rows.nth(i)
        arabic = row.locator(":scope > .mz-ar").bounding_box()
        english = row.locator(":scope > .mz-en").bounding_box()
        assert arabic["x"] >= english["x"] + english["width"], f"row {i}: Arabic is not to the right"
        assert abs(arabic["y"] - english["y"]) < 2, f"row {i}: cells are not top-aligned"
    screenshot(page, "article-wide")
    assert only_local(requests_seen) == []


def test_every_block_says_its_language_and_direction(page_at):
    page = page_at(ARTICLE)
    wrong = page.evaluate(
        """() => [...document.querySelectorAll('.mz-ar, .mz-en')].filter(el => {
            const ar = el.classList.contains('mz-ar');
            return el.lang !== (ar ? 'ar' : 'en') || el.dir !== (ar ? 'rtl' : 'ltr');
        }).map(el => el.outerHTML.slice(0, 80))"""
    )
    assert wrong == []
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"


def test_the_fonts_are_self_hosted_and_used(page_at, requests_seen):
    page = page_at(ARTICLE)
    assert page.evaluate("document.fonts.check('16px \"Muwazi Naskh\"', 'موسكو')")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert '"Muwazi Naskh"' in loaded or "Muwazi Naskh" in loaded
    assert any(url.endswith(".woff2") for url in requests_seen)
    assert only_local(requests_seen) == []


def test_an_anchor_opens_at_its_paragraph(page_at):
    page = page_at(ARTICLE + "#p4", height=800)
    top = page.locator("#p4").bounding_box()["y"]
    assert 0 <= top < 200


def test_every_glossary_link_resolves(page_at, site_url, requests_seen):
    page = page_at(ARTICLE)
    links = page.eval_on_selector_all(".mz-article .mz-row a[data-actor]", "els => [...new Set(els.map(a => a.href))]")
    assert len(links) == 15
    for link in links:
        response = page.goto(link)
        assert response.status == 200, link
        assert page.locator("h1.mz-title .mz-en").inner_text().strip()
        back = page.locator(".mz-goto a").first.get_attribute("href")
        assert SEED_SLUG in back
    assert only_local(requests_seen) == []


@pytest.mark.parametrize(
    "path, name", [("", "home"), ("glossary/", "glossary"), ("glossary/kim-jong-un/", "actor-kim")]
)
def test_other_pages_render_without_foreign_requests(page_at, requests_seen, path, name):
    page = page_at(path)
    screenshot(page, f"{name}-wide")
    assert page.locator("h1").count() == 1
    assert only_local(requests_seen) == []


def test_phone_width_stacks_arabic_above_english_without_sideways_scroll(page_at, requests_seen):
    page = page_at(ARTICLE, width=390, height=844, is_mobile=True, has_touch=True, device_scale_factor=2)
    row = page.locator("#p1")
    arabic = row.locator(".mz-ar").bounding_box()
    english = row.locator(".mz-en").bounding_box()
    assert arabic["y"] + arabic["height"] <= english["y"] + 1
    assert fits_the_screen(page)
    screenshot(page, "article-phone")
    assert only_local(requests_seen) == []


REPORT_VIOLATIONS = (
    "document.addEventListener('securitypolicyviolation',"
    " e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
)


def test_the_site_works_under_its_content_security_policy(browser, site_url, requests_seen):
    """Every kind of page renders and search finds an article with the policy in force and not
    one violation or script error; an inline script added to a page is refused."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("request", lambda request: requests_seen.append(request.url))
    page.add_init_script(REPORT_VIOLATIONS)
    for path in ["", ARTICLE, "glossary/", "glossary/kim-jong-un/", "archive/", "search/", "404.html"]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "default-src 'self'" in policy and re.search(
            r"script-src 'self' 'wasm-unsafe-eval'( 'sha256-[A-Za-z0-9+/=]+')+;", policy
        )
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        assert page.locator("h1").count() == 1, path
    assert problems == []

    page.goto(site_url + "search/?q=Putin")  # Pagefind: its script, its WebAssembly, its index chunks
    results = page.locator(".mz-search-results a")
    results.first.wait_for(timeout=15_000)
    assert any(SEED_SLUG in results.nth(i).get_attribute("href") for i in range(results.count()))
    assert problems == []

    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = true'; document.head.append(s); }"
    )
    assert page.evaluate("window.ran === undefined")
    assert any(p.startswith("CSP violation: script-src") for p in problems)
    assert only_local(requests_seen) == []
    context.close()
