"""Actor finding on the real seed, and on the spelling variants of the press."""

from pathlib import Path

import pytest

from conftest import ROOT, SEED_SLUG
from muwazi.actors import ArabicFinder, EnglishFinder, load_gazetteer
from muwazi.errors import MuwaziError
from muwazi.source import read_article

GAZETTEER = ROOT / "content" / "actors.yml"

# Every mention in the seed, read off the text by a person: (actor, the words as written), in order.
SEED_MENTIONS = {
    "": [("russia", "موسكو"), ("united-states", "واشنطن"), ("vladimir-putin", "بوتين"), ("kim-jong-un", "وكيم"), ("russia", "روسيا")],
    "p1": [("russia", "موسكو"), ("united-states", "الولايات المتحدة الأمريكية"), ("united-kingdom", "بريطانيا"), ("iran", "الإيراني"),
           ("russia", "روسيا"), ("russia", "الروسي"), ("sergey-lavrov", "سيرجى لافروف"), ("north-korea", "لبيونج يانج"),
           ("north-korea", "كوريا الشمالية"), ("kim-jong-un", "كيم يونج أون")],
    "s1": [("russia", "روسيا"), ("north-korea", "كوريا الشمالية")],
    "p2": [("russia", "روسيا"), ("north-korea", "بكوريا الشمالية"), ("donald-trump", "ترامب"), ("vladimir-putin", "فلاديمير بوتين"),
           ("russia", "الروسي"), ("united-states", "الولايات المتحدة الأمريكية"), ("russia", "موسكو"), ("donald-trump", "ترامب"),
           ("united-states", "الأمريكي"), ("russia", "روسيا"), ("united-states", "الأمريكية"), ("russia", "الروسيين"), ("syria", "سوريا")],
    "p3": [("united-states", "الأمريكي"), ("donald-trump", "دونالد ترامب"), ("north-korea", "كوريا الشمالية"), ("united-states", "واشنطن"),
           ("vladimir-putin", "بوتين"), ("kim-jong-un", "وكيم يونج"), ("vladimir-putin", "بوتين"), ("north-korea", "بيونج يانج"),
           ("russia", "روسي"), ("russia", "روسيا"), ("united-states", "للولايات المتحدة الأمريكية")],
    "s2": [("kim-jong-un", "كيم يونج اون"), ("vladimir-putin", "وبوتين")],
    "p4": [("russia", "روسية"), ("dmitry-peskov", "ديمتري بيسكوف"), ("russian-presidency", "الرئاسة الروسية"), ("russia", "الروسي"),
           ("vladimir-putin", "فلاديمير بوتين"), ("north-korea", "الكوري الشمالي"), ("kim-jong-un", "كيم جونج أون")],
    "p5": [("kcna", "وكالة الأنباء الكورية الشمالية"), ("vladimir-putin", "بوتين"), ("kim-jong-un", "وكيم يونج أون"), ("russia", "الروسي"),
           ("sergey-lavrov", "سيرجي لافروف"), ("north-korea", "لكوريا الشمالية"), ("north-korea", "كوريا الشمالية")],
    "s3": [("russia", "موسكو"), ("united-states", "واشنطن")],
    "p6": [("russia", "روسيا"), ("united-states", "واشنطن"), ("sputnik", "سبوتنيك"), ("russia", "الروسية"), ("russia", "الروسي"),
           ("russia", "الروسية"), ("united-states", "الأمريكية"), ("russia", "موسكو"), ("united-states", "الأمريكي"),
           ("ernest-moniz", "ارنست مونيس"), ("united-states", "الأمريكي"), ("russia", "روسيا"), ("united-states", "والولايات المتحدة")],
}


@pytest.fixture(scope="module")
def actors():
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def arabic(actors):
    return ArabicFinder(actors)


def found(finder, text):
    return [(m.actor, text[m.start:m.end]) for m in finder.find(text)]


def test_every_actor_of_the_seed_is_found_with_every_mention_and_nothing_else(arabic):
    article = read_article(ROOT / "content" / "articles" / f"{SEED_SLUG}.txt")
    assert {s.anchor: found(arabic, s.text) for s in article.segments} == SEED_MENTIONS


def test_the_seed_names_fifteen_actors_all_in_the_gazetteer(actors):
    named = {actor for mentions in SEED_MENTIONS.values() for actor, _ in mentions}
    assert named == {a.id for a in actors}
    assert {a.kind for a in actors if a.id in {"russia", "north-korea", "syria", "iran"}} == {"state"}


@pytest.mark.parametrize(
    "text, expected",
    [
        ("التقى كيم جونغ أون", [("kim-jong-un", "كيم جونغ أون")]),
        ("سيرغي لافروف في بيونغ يانغ", [("sergey-lavrov", "سيرغي لافروف"), ("north-korea", "بيونغ يانغ")]),
        ("ودميتري بيسكوف", [("dmitry-peskov", "ودميتري بيسكوف")]),
        ("ديمترى بيسكوف", [("dmitry-peskov", "ديمترى بيسكوف")]),
        ("قال ترمب", [("donald-trump", "ترمب")]),
        ("لروسيا وبواشنطن وللولايات المتحدة", [("russia", "لروسيا"), ("united-states", "وبواشنطن"), ("united-states", "وللولايات المتحدة")]),
        ("فالروسي والأميركية", [("russia", "فالروسي"), ("united-states", "والأميركية")]),
    ],
)
def test_press_variants_and_prefixes(arabic, text, expected):
    assert found(arabic, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "روسيات",  # a longer word that starts with a name
        "البوتينية",  # a name inside a longer word
        "غيم كثيف فوق المدينة",  # clouds: the same letters as كيم once the foreign g is folded
        "الكيمياء",  # Kim inside a word
        "ترامبولين",
        "سوريالية",
        "ال",
    ],
)
def test_a_word_that_merely_contains_a_name_is_not_matched(arabic, text):
    assert found(arabic, text) == []


def test_longest_match_wins(arabic):
    assert found(arabic, "كيم جونج أون") == [("kim-jong-un", "كيم جونج أون")]
    assert found(arabic, "وكالة الأنباء الكورية الشمالية") == [("kcna", "وكالة الأنباء الكورية الشمالية")]


def test_names_do_not_run_across_punctuation(arabic):
    assert found(arabic, "بوتين، كيم") == [("vladimir-putin", "بوتين"), ("kim-jong-un", "كيم")]
    assert found(arabic, "كوريا، الشمالية") == []


def test_english_mentions_with_possessives(actors):
    text = "Russia's envoy met North Korean leader Kim Jong Un; the US and Putin's Kremlin. Russians."
    assert found(EnglishFinder(actors), text) == [
        ("russia", "Russia's"), ("north-korea", "North Korean"), ("kim-jong-un", "Kim Jong Un"),
        ("united-states", "US"), ("vladimir-putin", "Putin's"), ("russian-presidency", "Kremlin"), ("russia", "Russians"),
    ]


@pytest.mark.parametrize(
    "change, line, words",
    [
        (lambda t: t.replace("- id: iran", "- id: russia"), "- id: russia\n  kind: state\n  wikidata: Q794", "duplicate actor id"),
        (lambda t: t.replace("names: [إيران]", "names: [إيران, روسيا]"), "- id: iran", "claimed by both"),
        (lambda t: t.replace("  kind: organisation\n  ar:\n    name: سبوتنيك", "  kind: organisation\n  ar:\n    nam: سبوتنيك"), "    nam: سبوتنيك", "ar.name"),
        (lambda t: t.replace("kind: person", "kind: politician", 1), "- id: vladimir-putin", "kind"),
        (lambda t: t.replace("names: [Syria]", "names: [Syria"), "    seats: [Damascus]", "YAML"),  # where YAML sees it
    ],
)
def test_gazetteer_problems_name_file_and_line(tmp_path, change, line, words):
    text = change(GAZETTEER.read_text(encoding="utf-8"))
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MuwaziError) as caught:
        load_gazetteer(path)
    error = caught.value
    assert words in str(error)
    expected_line = text[: text.index(line)].count("\n") + 1  # the line the problem is on
    assert error.path == path
    assert error.line == expected_line
