"""The glossary across articles: a second article (written for the tests, never site content) is
added to a copy of the project; its mentions merge with the seed's, and `muwazi actors check`
finds the names after cue words that the gazetteer does not know."""

import html as html_text
import posixpath
import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from helpers import SEED_SLUG, copy_project, fits_the_screen, screenshot, site_pages
from muwazi import memory
from muwazi.actors import ArabicFinder, EnglishFinder, Mention, annotate, load_gazetteer
from muwazi.arabic import sentences
from muwazi.cli import main as muwazi
from muwazi.config import Project
from muwazi.errors import REFUSED
from muwazi.render import CONTEXT_WORDS, GLOSSARY, Layout, Renderer, excerpt_html
from muwazi.source import read_articles
from muwazi.translate import translate

SECOND_SLUG = "2018-06-14-lavrov-in-pyongyang"
# (Arabic line, its English); the dateline (line 2) has no translation. Known actors appear in
# spellings the seed does not use; unknown people and outlets stand after cue words.
SECOND = [
    ("لافروف يلتقي كيم جونغ أون في بيونغ يانغ", "Lavrov meets Kim Jong Un in Pyongyang"),
    ("الخميس، 14 يونيو 2018 10:30 ص", None),
    (
        "التقى وزير الخارجية الروسي سيرغي لافروف في بيونغ يانغ الزعيم الكوري الشمالي كيم جونغ أون، وسلمه رسالة من الرئيس الروسي فلاديمير بوتن.",
        "Russian Foreign Minister Sergei Lavrov met North Korean leader Kim Jong-un in Pyongyang and handed him a message from Russian President Vladimir Putin.",
    ),
    ("ترمب وبوتين", "Trump and Putin"),
    (
        "وقال المتحدث باسم الكرملين دميتري بيسكوف إن موسكو ترحب بالحوار بين بيونغ يانغ وواشنطن، فيما قال وزير الخارجية الأمريكي مايك بومبيو إن بلاده تتابع الاتصالات الروسية مع كوريا الشمالية.",
        "Kremlin spokesman Dmitry Peskov said Moscow welcomed the dialogue between Pyongyang and Washington, while US Secretary of State Mike Pompeo said his country was following Russia's contacts with North Korea.",
    ),
    (
        "ونقلت وكالة رويترز عن رئيس الوزراء الياباني شينزو آبي قوله إن طوكيو تتابع القمة المرتقبة بين ترمب وكيم، كما أشار وزير الطاقة الأمريكي السابق ارنست مونيس إلى التعاون بين روسيا والولايات المتحدة.",
        "Reuters quoted Japanese Prime Minister Shinzo Abe as saying Tokyo was following the anticipated summit between Trump and Kim, and former US Energy Secretary Ernest Moniz pointed to cooperation between Russia and the United States.",
    ),
    (
        'وذكرت صحيفة "نيويورك تايمز" أن الرسالة وصلت بواشنطن، وأن الملف مهم لروسيا وللولايات المتحدة على حد سواء.',
        'The "New York Times" reported that the message had reached Washington, and that the file matters to Russia and to the United States alike.',
    ),
]


def add_second_article(project: Path) -> Path:
    """Write the second article and its reviewed translation with the project's own memory code."""
    article = project / "content" / "articles" / f"{SECOND_SLUG}.txt"
    article.write_text("\n".join(arabic for arabic, _ in SECOND) + "\n", encoding="utf-8")
    catalogue = memory.new_catalogue(SECOND_SLUG)
    for arabic, english in SECOND:
        if english is not None:
            catalogue.append(memory.polib.POEntry(msgid=arabic, msgstr=english))
    memory.save(catalogue, memory.path_for(project / "content" / "translations", SECOND_SLUG))
    return article


@pytest.fixture(scope="module")
def two_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with the second article, its pages generated (shared: tests only read it)."""
    project = copy_project(tmp_path_factory.mktemp("two") / "project")
    add_second_article(project)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        assert muwazi(["generate"]) == 0
    return project


def page(project: Path, actor: str) -> str:
    return (project / "docs" / GLOSSARY / f"{actor}.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "actor, seed, second",
    [
        ("sergey-lavrov", 2, 2),
        ("kim-jong-un", 6, 3),
        ("vladimir-putin", 7, 2),  # the second article's بوتن too: a spelling the finder makes from بوتين
        ("donald-trump", 3, 2),
        ("dmitry-peskov", 1, 1),
        ("ernest-moniz", 1, 1),
        ("north-korea", 9, 5),
    ],
)
def test_an_actor_page_merges_every_article_newest_first(two_articles, actor, seed, second):
    text = page(two_articles, actor)
    assert f"({seed + second})" in text.split('id="mentions"')[1].split("</h2>")[0]
    sections = re.findall(r'<section class="mz-mentions" aria-labelledby="in-([^"]+)">(.*?)</section>', text, re.S)
    assert [slug for slug, _ in sections] == [SECOND_SLUG, SEED_SLUG]  # 14 June before 1 June
    arabic = [
        re.findall(r'<blockquote class="mz-ar" lang="ar" dir="rtl"><p>(.*?)</p></blockquote>', body)
        for _, body in sections
    ]
    # An actor's page marks its own mentions only: every mark counts.
    marked = [sum(quote.count('<mark class="mz-mention">') for quote in quotes) for quotes in arabic]
    assert marked == [second, seed]


def test_appears_with_counts_the_shared_paragraphs_of_both_articles(two_articles):
    text = page(two_articles, "sergey-lavrov")
    companions = dict(
        re.findall(r'data-actor="([a-z-]+)">.*?</a> <span class="mz-count" lang="en" dir="ltr">×(\d+)</span>', text)
    )
    # Lavrov and Kim: seed ¶1 and ¶5; the second article's title and ¶1.
    assert companions["kim-jong-un"] == "4"
    # North Korea: seed ¶1, ¶5; second title, ¶1. Putin: seed ¶5 and the second ¶1 (بوتن, a made spelling).
    assert companions["north-korea"] == "4" and companions["vladimir-putin"] == "2"
    assert "donald-trump" not in companions
    assert list(companions)[:2] == ["kim-jong-un", "north-korea"] or list(companions)[:2] == [
        "north-korea",
        "kim-jong-un",
    ]


def test_an_actor_page_gives_the_titles_the_articles_use_with_their_paragraphs(two_articles):
    text = page(two_articles, "sergey-lavrov")
    described = re.search(r'<div class="mz-row mz-described">(.*?)</div>', text, re.S).group(1)
    arabic = described.split('<p class="mz-en"')[0]
    # one title, folded alike across both articles, with the three paragraphs that give it, newest article first
    assert arabic.count("«") == 1 and "«وزير الخارجية الروسي»" in arabic
    assert re.findall(r'href="\.\./\.\./articles/([^/]+)/#(p\d)" title="[^"]+"', arabic) == [
        (SECOND_SLUG, "p1"),
        (SEED_SLUG, "p1"),
        (SEED_SLUG, "p5"),
    ]


def test_the_english_of_the_second_article_is_linked_too(two_articles):
    html = (two_articles / "docs" / "articles" / f"{SECOND_SLUG}.md").read_text(encoding="utf-8")
    english = re.search(r'id="p2".*?<div class="mz-en"[^>]*>(.*?)</div>', html, re.S).group(1)
    linked = [
        (actor, html_text.unescape(words))
        for actor, words in re.findall(r'data-actor="([a-z-]+)">([^<]+)</a>', english)
    ]
    assert linked == [
        ("russian-presidency", "Kremlin"),
        ("dmitry-peskov", "Dmitry Peskov"),
        ("russia", "Moscow"),
        ("north-korea", "Pyongyang"),
        ("united-states", "Washington"),
        ("united-states", "US"),
        ("russia", "Russia's"),
        ("north-korea", "North Korea"),
    ]


def test_actors_check_lists_unknown_names_with_file_line_and_anchor(two_articles, capsys, monkeypatch):
    monkeypatch.chdir(two_articles)
    assert muwazi(["actors", "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    where = f"content/articles/{SECOND_SLUG}.txt"
    assert out[:-1] == [
        f"{where}:5: #p2: مايك بومبيو  ← وزير الخارجية الأمريكي مايك بومبيو  = Mike Pompeo",
        f"{where}:6: #p3: وكالة رويترز  ← وكالة رويترز",
        f"{where}:6: #p3: شينزو آبي  ← رئيس الوزراء الياباني شينزو آبي  = Shinzo Abe",
        f"{where}:6: #p3: طوكيو  ← طوكيو  = Tokyo",  # a name only the English shows as one
        f'{where}:7: #p4: نيويورك تايمز  ← صحيفة "نيويورك تايمز  = New York Times',
    ]
    assert out[-1].startswith("5 candidate mentions of 5 names unknown to content/actors.yml (15 actors)")
    assert muwazi(["actors", "check", "--strict"]) == 1
    # Nothing unknown is linked: the candidates appear on no page as links.
    html = (two_articles / "docs" / "articles" / f"{SECOND_SLUG}.md").read_text(encoding="utf-8")
    assert "بومبيو</a>" not in html and "بوتن</a>" in html


def test_actors_check_on_the_seed_alone_finds_nothing_and_passes_strict(project, capsys):
    assert muwazi(["actors", "check", "--strict"]) == 0
    assert capsys.readouterr().out.startswith("no candidate actors")


def test_actors_check_refuses_a_broken_gazetteer_with_file_and_line(project, capsys):
    gazetteer = project / "content" / "actors.yml"
    gazetteer.write_text(
        gazetteer.read_text(encoding="utf-8").replace("names: [Syria]", "names: [Syria"), encoding="utf-8"
    )
    assert muwazi(["actors", "check"]) == REFUSED
    assert re.match(r"muwazi: error: content/actors.yml:\d+: malformed YAML", capsys.readouterr().err)


# --- the glossary index ------------------------------------------------------------------------


def glossary_of(project: Path, actors_order=None) -> str:
    paths = Project(project / "content", project / "docs")
    actors = load_gazetteer(paths.gazetteer)
    arabic, english = ArabicFinder(actors), EnglishFinder(actors)
    annotated = [annotate(translate(a, paths.translations), arabic, english) for a in read_articles(paths.articles)]
    renderer = Renderer(actors_order(actors) if actors_order else actors)
    return site_pages(renderer, [renderer.article(article)[1] for article in annotated], project)[
        f"{GLOSSARY}/index.md"
    ]()


def test_the_glossary_is_in_arabic_alphabetical_order_by_kind(project):
    text = glossary_of(project)
    sections = re.findall(r'id="kind-(\w+)">(.*?)</section>', text, re.S)
    names = {
        kind: re.findall(r'<a class="mz-ar" lang="ar" dir="rtl" href="[^"]+">([^<]+)</a>', body)
        for kind, body in sections
    }
    assert names == {
        "person": ["إرنست مونيز", "دونالد ترامب", "ديمتري بيسكوف", "سيرجي لافروف", "فلاديمير بوتين", "كيم جونج أون"],
        "state": ["إيران", "روسيا", "سوريا", "كوريا الشمالية", "المملكة المتحدة", "الولايات المتحدة الأمريكية"],
        "organisation": ["الرئاسة الروسية", "سبوتنيك", "وكالة الأنباء المركزية الكورية"],
    }
    assert 'Russia</a> <span class="mz-count">23 mentions</span>' in text


def test_the_relationship_picture_is_deterministic_and_links_every_actor(project):
    text = glossary_of(project)
    assert glossary_of(project, lambda actors: list(reversed(actors))) == text  # the gazetteer's order does not matter
    svg = re.search(r"<svg .*?</svg>", text, re.S).group(0)
    assert "\n\n" not in svg  # one raw HTML block for Markdown
    links = re.findall(r'<a class="mz-node mz-node-(\w+)" href="([^"]+)" data-actor="([a-z-]+)"', svg)
    assert len(links) == 15
    assert all(posixpath.normpath(posixpath.join("glossary", href)) == f"glossary/{actor}" for _, href, actor in links)
    edges = dict(re.findall(r'data-between="([a-z- ]+)"><title>[^<]*: (\d+)</title>', svg))
    assert edges["vladimir-putin russia"] == "5"  # the title, ¶2, ¶3, ¶4 and ¶5 name both
    assert edges["vladimir-putin united-states"] == "3"
    assert "sputnik syria" not in edges and "syria sputnik" not in edges
    assert 'role="group"' in svg and "<title id=" in svg and "<desc id=" in svg


# --- in the browser --------------------------------------------------------------------------


def test_the_picture_reads_and_clicks_through_wide_and_on_a_phone(page_at):
    page = page_at("glossary/")
    svg = page.locator("svg.mz-graph")
    assert svg.bounding_box()["width"] > 600
    direction = page.evaluate("getComputedStyle(document.querySelector('.mz-graph text[lang=ar]')).direction")
    assert direction == "rtl"
    assert not page.locator(".mz-swipe").is_visible()  # the whole picture shows: no hint
    screenshot(page, "glossary-picture-wide")
    page.locator('.mz-graph a[data-actor="sergey-lavrov"]').click()
    page.wait_for_url("**/glossary/sergey-lavrov/")
    assert page.locator("h1 .mz-en").inner_text() == "\u2068Sergey Lavrov\u2069"  # isolated, as every title is
    phone = page_at("glossary/", width=390, height=844, is_mobile=True, has_touch=True, device_scale_factor=2)
    assert fits_the_screen(phone)
    label = phone.locator('.mz-graph a[data-actor="russia"] text[lang=ar]').bounding_box()
    assert label["height"] >= 9  # readable: the picture scrolls in its box rather than shrinking
    box = phone.locator(".mz-relations")
    assert box.evaluate("box => box.scrollWidth > box.clientWidth")  # the rest is there, sideways
    assert phone.locator(".mz-swipe").is_visible()  # and the reader is told so
    box.evaluate("box => box.scrollBy({left: -200})")  # right to left: the rest lies to the left
    assert phone.locator(".mz-swipe").is_visible() and phone.locator(".mz-swipe").bounding_box()["x"] >= 0
    screenshot(phone, "glossary-phone")


def test_an_actor_page_on_a_phone(page_at):
    page = page_at(
        "glossary/sergey-lavrov/", width=390, height=844, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    assert fits_the_screen(page)
    assert page.locator(".mz-companions a").count() >= 5
    screenshot(page, "actor-lavrov-phone")


def test_a_name_that_holds_a_full_stop_is_shown_whole_in_its_context():
    """«St. Petersburg» spans what the sentence splitter takes for two sentences: an actor's page
    shows both, not a cut through the name."""
    text = "The talks moved to St. Petersburg on Friday. Nothing else was said about them, the agency reported."
    start = text.index("St. Petersburg")
    shown = excerpt_html(Layout.of(text), (Mention("saint-petersburg", start, start + len("St. Petersburg"), "names"),))
    assert shown == 'The talks moved to <mark class="mz-mention">St. Petersburg</mark> on Friday.'


def read_back(excerpt: str) -> tuple[str, list[str]]:
    """An excerpt's text as a reader sees it, and the names it highlights."""
    named = re.findall(r'<mark class="mz-mention">(.*?)</mark>', excerpt)
    return html_text.unescape(re.sub(r"</?mark[^>]*>", "", excerpt)), [html_text.unescape(name) for name in named]


def counted_context(text: str, mentions: tuple[Mention, ...]) -> tuple[str, list[str]]:
    """The cut an actor's page shows, worked out the slow way, word by word: the mentions'
    sentences, CONTEXT_WORDS whole words on either side of the words the mentions stand in."""
    words = [match.span() for match in re.finditer(r"\S+", text)]
    spans = sentences(text)
    start = next(a for a, b in spans if a <= mentions[0].start < b)
    end = next(b for a, b in spans if a < mentions[-1].end <= b)
    inside = [i for i, (a, b) in enumerate(words) if a >= start and b <= end]
    first = next(i for i, (a, b) in enumerate(words) if b > mentions[0].start)
    last = next(i for i, (a, b) in enumerate(words) if b >= mentions[-1].end)
    low, high = max(inside[0], first - CONTEXT_WORDS), min(inside[-1], last + CONTEXT_WORDS)
    cut_start, cut_end = words[low][0], words[high][1]
    shown = ("… " if cut_start > start else "") + text[cut_start:cut_end] + (" …" if cut_end < end else "")
    return shown, [text[m.start : m.end] for m in mentions]


PLAIN = st.sampled_from(["روسيا", "بوتين", "قال", "لافروف", "وزير", "و", "Russia's", "the", "،", "«نص»", "x.y"])
SPACES = st.sampled_from([" ", " ", "  ", "\t", "\u00a0", "\n"])
# Sentences of up to forty words, so that a cut has words to leave out on either side.
SENTENCE = st.tuples(
    st.lists(st.tuples(PLAIN, SPACES), min_size=1, max_size=40), st.sampled_from([".", "؟", "!", "…"]), SPACES
)
SENTENCES = st.lists(SENTENCE, min_size=1, max_size=4)


@settings(max_examples=300, deadline=None)
@given(SENTENCES, st.data())
def test_the_context_cut_agrees_with_counting_the_words_one_by_one(written, data):
    text = "".join(
        "".join(word + space for word, space in words).rstrip() + mark + after for words, mark, after in written
    ).strip()
    starts = [match.start() for match in re.finditer(r"\S+", text)]
    chosen = sorted(data.draw(st.sets(st.integers(0, len(starts) - 1), min_size=1, max_size=3)))
    mentions = []
    for i in chosen:
        word = text[starts[i] :].split()[0]
        clitic = len(word) > 2 and data.draw(st.booleans())  # a name behind an attached letter (بروسيا)
        mentions.append(Mention("x", starts[i] + clitic, starts[i] + len(word), "names"))
    mentions = tuple(mentions)
    # a name stays inside one sentence here (the full-stop case has its own test above)
    assume(all(any(a <= m.start and m.end <= b for a, b in sentences(text)) for m in mentions))
    assert read_back(excerpt_html(Layout.of(text), mentions)) == counted_context(text, mentions)
