"""Search by any spelling of an actor, in Chromium, on a site whose articles spell the actors in
ways the queries do not: a query for any alias finds the actor's page first, then the articles."""

import re
from urllib.parse import quote

import pytest

from helpers import Synthetic, muwazi_in, only_local, po_text, served, synthetic_project

# (slug, [(Arabic, English)]): the title, then the paragraphs; the dateline is made from the slug.
ARTICLES = [
    (
        "2018-07-01-trump-helsinki",
        [
            ("ترامب يصل إلى هلسنكي", "Trump arrives in Helsinki"),
            (
                "وصل الرئيس الأمريكي دونالد ترامب إلى هلسنكي للقاء نظيره الروسي فلاديمير بوتين.",
                "US President Donald Trump arrived in Helsinki to meet his Russian counterpart Vladimir Putin.",
            ),
        ],
    ),
    (
        "2018-07-02-lavrov-pyongyang",
        [
            ("لافروڤ في بيونغيانغ", "Lavrov in Pyongyang"),
            (
                "وصل وزير الخارجية الروسي سيرغي لافروڤ إلى بيونغيانغ في زيارة تستمر يومين.",
                "Russian Foreign Minister Sergei Lavrov arrived in Pyongyang on a two-day visit.",
            ),
        ],
    ),
    (
        "2018-07-03-kim-vladivostok",
        [
            ("كيم جونغ أون يزور فلاديفوستوك", "Kim Jong Un visits Vladivostok"),
            (
                "وصل الزعيم الكوري الشمالي كيم جونغ أون إلى فلاديفوستوك بالقطار.",
                "North Korean leader Kim Jong Un arrived in Vladivostok by train.",
            ),
        ],
    ),
]


def article(slug: str, rows: list[tuple[str, str]]) -> Synthetic:
    year, month, day = slug[:10].split("-")
    months = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو"]
    dateline = f"{day} {months[int(month) - 1]} {year}"
    text = "\n".join([rows[0][0], dateline, *(arabic for arabic, _ in rows[1:])]) + "\n"
    return Synthetic(slug, text, po_text(dict(rows)))


@pytest.fixture(scope="module")
def spelled_site(tmp_path_factory: pytest.TempPathFactory):
    project = synthetic_project(
        tmp_path_factory.mktemp("spellings") / "project", [article(slug, rows) for slug, rows in ARTICLES]
    )
    assert muwazi_in(project, ["build"]) == 0
    with served(project / "site") as url:
        yield url


def letters(text: str) -> str:
    """Only the letters and digits: Pagefind joins a page's blocks with full stops and spaces."""
    return re.sub(r"[\W_]+", "", text)


# Each result's link and excerpt; then, fetched, the text a reader sees on that page.
EXCERPTS = "items => items.map(li => [li.querySelector('a').href, li.querySelector('.mz-search-excerpt').textContent])"
PAGES_OWN_TEXT = """async (results) => Promise.all(results.map(async ([url, excerpt]) => {
  const page = new DOMParser().parseFromString(await (await fetch(url)).text(), "text/html");
  const body = page.querySelector("[data-pagefind-body]");
  body.querySelectorAll(".mz-search-variants, [data-pagefind-ignore]").forEach((hidden) => hidden.remove());
  return [url, excerpt, body.textContent];
}))"""


@pytest.mark.parametrize(
    "query, actor, articles",
    [
        ("ترمب", "donald-trump", ["2018-07-01-trump-helsinki"]),  # the article writes ترامب
        ("لافروڤ", "sergey-lavrov", ["2018-07-02-lavrov-pyongyang"]),
        ("لافروف", "sergey-lavrov", ["2018-07-02-lavrov-pyongyang"]),  # the article writes لافروڤ
        ("Lavrov", "sergey-lavrov", ["2018-07-02-lavrov-pyongyang"]),
        ("Kim Jong-un", "kim-jong-un", ["2018-07-03-kim-vladivostok"]),  # the article writes Kim Jong Un
        ("كيم جونج أون", "kim-jong-un", ["2018-07-03-kim-vladivostok"]),  # the article writes جونغ
        ("بيونج يانج", "north-korea", ["2018-07-02-lavrov-pyongyang", "2018-07-03-kim-vladivostok"]),
        ("بسكوف", "dmitry-peskov", []),  # a made spelling: the actor's page, and no article names him
    ],
)
def test_any_spelling_finds_the_actor_page_first_then_the_articles(browser, spelled_site, query, actor, articles):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(f"{spelled_site}search/?q={quote(query)}")
        page.wait_for_selector(".mz-search-results li")
        page.wait_for_load_state("networkidle")
        urls = page.eval_on_selector_all(".mz-search-results a", "links => links.map(a => new URL(a.href).pathname)")
        assert urls[0] == f"/glossary/{actor}/", (query, urls)
        for slug in articles:
            assert f"/articles/{slug}/" in urls, (query, urls)
        others = {f"/articles/{slug}/" for slug, _ in ARTICLES} - {f"/articles/{slug}/" for slug in articles}
        assert not others & set(urls), (query, urls)  # the articles that do not name the actor are not found
        # every excerpt shown is the page's own text, never the hidden spellings that found it
        for url, excerpt, own in page.evaluate(
            PAGES_OWN_TEXT, page.eval_on_selector_all(".mz-search-results li", EXCERPTS)
        ):
            assert "⁂" not in excerpt, (query, url, excerpt)
            assert letters(excerpt) in letters(own), (query, url, excerpt)
        assert only_local(requests) == []
    finally:
        context.close()


def test_the_search_folds_the_borrowed_letters_as_the_matcher_does():
    from muwazi.arabic import folded, search_folding

    folding = search_folding()
    assert {letter: folding[letter] for letter in "ڤپچگ"} == {"ڤ": "ف", "پ": "ب", "چ": "ج", "گ": "ك"}
    assert folded("لافروڤ") == folded("لافروف") and folded("پوتين") == folded("بوتين")


def test_an_article_indexes_every_name_of_the_actors_it_links_and_no_others():
    from helpers import ROOT
    from muwazi.actors import load_gazetteer
    from muwazi.render.markup import search_variants

    actors = {actor.id: actor for actor in load_gazetteer(ROOT / "content" / "actors.yml")}
    words = search_variants(["وصل ترامب إلى هلسنكي"], [actors["donald-trump"]])
    assert {"ترمب", "Trump", "Donald"} <= set(words)  # the other spellings, and the English
    assert "ترامب" not in words  # written on the page already
    assert not {"بوتين", "Putin"} & set(words)  # an actor the article does not link
    kim = search_variants([], [actors["kim-jong-un"]])
    assert {"جونج", "جونغ", "Jong-un", "Jongun", "un"} <= set(kim)
