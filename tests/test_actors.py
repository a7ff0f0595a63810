"""Actor finding on the real seed, and on the spelling variants of the press."""

import pytest

from helpers import ROOT, SEED_SLUG
from muwazi.actors import ArabicFinder, CandidateFinder, EnglishFinder, annotate, load_gazetteer
from muwazi.errors import MuwaziError
from muwazi.source import read_article
from muwazi.translate import translate

GAZETTEER = ROOT / "content" / "actors.yml"

# Every mention in the seed, read off the text by a person: (actor, the words as written), in order.
SEED_MENTIONS = {
    "": [
        ("russia", "موسكو"),
        ("united-states", "واشنطن"),
        ("vladimir-putin", "بوتين"),
        ("kim-jong-un", "وكيم"),
        ("russia", "روسيا"),
    ],
    "p1": [
        ("russia", "موسكو"),
        ("united-states", "الولايات المتحدة الأمريكية"),
        ("united-kingdom", "بريطانيا"),
        ("iran", "الإيراني"),
        ("russia", "روسيا"),
        ("russia", "الروسي"),
        ("sergey-lavrov", "سيرجى لافروف"),
        ("north-korea", "لبيونج يانج"),
        ("north-korea", "كوريا الشمالية"),
        ("kim-jong-un", "كيم يونج أون"),
    ],
    "s1": [("russia", "روسيا"), ("north-korea", "كوريا الشمالية")],
    "p2": [
        ("russia", "روسيا"),
        ("north-korea", "بكوريا الشمالية"),
        ("donald-trump", "ترامب"),
        ("vladimir-putin", "فلاديمير بوتين"),
        ("russia", "الروسي"),
        ("united-states", "الولايات المتحدة الأمريكية"),
        ("russia", "موسكو"),
        ("donald-trump", "ترامب"),
        ("united-states", "الأمريكي"),
        ("russia", "روسيا"),
        ("united-states", "الأمريكية"),
        ("russia", "الروسيين"),
        ("syria", "سوريا"),
    ],
    "p3": [
        ("united-states", "الأمريكي"),
        ("donald-trump", "دونالد ترامب"),
        ("north-korea", "كوريا الشمالية"),
        ("united-states", "واشنطن"),
        ("vladimir-putin", "بوتين"),
        ("kim-jong-un", "وكيم يونج"),
        ("vladimir-putin", "بوتين"),
        ("north-korea", "بيونج يانج"),
        ("russia", "روسي"),
        ("russia", "روسيا"),
        ("united-states", "للولايات المتحدة الأمريكية"),
    ],
    "s2": [("kim-jong-un", "كيم يونج اون"), ("vladimir-putin", "وبوتين")],
    "p4": [
        ("russia", "روسية"),
        ("dmitry-peskov", "ديمتري بيسكوف"),
        ("russian-presidency", "الرئاسة الروسية"),
        ("russia", "الروسي"),
        ("vladimir-putin", "فلاديمير بوتين"),
        ("north-korea", "الكوري الشمالي"),
        ("kim-jong-un", "كيم جونج أون"),
    ],
    "p5": [
        ("kcna", "وكالة الأنباء الكورية الشمالية"),
        ("vladimir-putin", "بوتين"),
        ("kim-jong-un", "وكيم يونج أون"),
        ("russia", "الروسي"),
        ("sergey-lavrov", "سيرجي لافروف"),
        ("north-korea", "لكوريا الشمالية"),
        ("north-korea", "كوريا الشمالية"),
    ],
    "s3": [("russia", "موسكو"), ("united-states", "واشنطن")],
    "p6": [
        ("russia", "روسيا"),
        ("united-states", "واشنطن"),
        ("sputnik", "سبوتنيك"),
        ("russia", "الروسية"),
        ("russia", "الروسي"),
        ("russia", "الروسية"),
        ("united-states", "الأمريكية"),
        ("russia", "موسكو"),
        ("united-states", "الأمريكي"),
        ("ernest-moniz", "ارنست مونيس"),
        ("united-states", "الأمريكي"),
        ("russia", "روسيا"),
        ("united-states", "والولايات المتحدة"),
    ],
}


@pytest.fixture(scope="module")
def actors():
    return load_gazetteer(GAZETTEER)


@pytest.fixture(scope="module")
def arabic(actors):
    return ArabicFinder(actors)


def found(finder, text):
    return [(m.actor, text[m.start : m.end]) for m in finder.find(text)]


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
        (
            "لروسيا وبواشنطن وللولايات المتحدة",
            [("russia", "لروسيا"), ("united-states", "وبواشنطن"), ("united-states", "وللولايات المتحدة")],
        ),
        ("فالروسي والأميركية", [("russia", "فالروسي"), ("united-states", "والأميركية")]),
    ],
)
def test_press_variants_and_prefixes(arabic, text, expected):
    assert found(arabic, text) == expected


# Spellings seen in the Arabic press for the same people and places, each pinned to its actor.
PRESS_VARIANTS = [
    ("kim-jong-un", ["كيم جونج أون", "كيم يونج أون", "كيم جونغ أون", "كيم جونج اون", "كيم يونغ أون"]),
    ("sergey-lavrov", ["سيرجي لافروف", "سيرجى لافروف", "سيرغي لافروف"]),
    ("dmitry-peskov", ["ديمتري بيسكوف", "ديمترى بيسكوف", "دميتري بيسكوف"]),
    ("donald-trump", ["ترامب", "ترمب", "دونالد ترامب", "دونالد ترمب"]),
    ("north-korea", ["بيونج يانج", "بيونغ يانغ", "بيونجيانج"]),
    ("vladimir-putin", ["فلاديمير بوتين", "بوتين", "وبوتين", "لبوتين"]),
    ("russia", ["روسيا", "لروسيا", "وروسيا", "بروسيا", "موسكو", "وموسكو", "الروسي", "الروسية", "والروسية"]),
    (
        "united-states",
        ["واشنطن", "بواشنطن", "للولايات المتحدة", "وللولايات المتحدة", "الولايات المتحدة الأميركية", "أمريكا"],
    ),
]


@pytest.mark.parametrize("actor, spelling", [(actor, s) for actor, spellings in PRESS_VARIANTS for s in spellings])
def test_every_press_spelling_is_one_whole_mention_of_its_actor(arabic, actor, spelling):
    text = f"قال مصدر إن {spelling} رحب بالقمة."
    assert found(arabic, text) == [(actor, spelling)]


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
        "بوتيك صغير",  # a boutique: one letter from بوتين
        "موسكوفي",
        "واشنطني",
        "غيمة ماطرة",
        "كريم",  # a common first name that contains the letters of كيم
        "يانج",  # half of بيونج يانج is no mention
        "جونج أون",
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
        ("russia", "Russia's"),
        ("north-korea", "North Korean"),
        ("kim-jong-un", "Kim Jong Un"),
        ("united-states", "US"),
        ("vladimir-putin", "Putin's"),
        ("russian-presidency", "Kremlin"),
        ("russia", "Russians"),
    ]


def test_english_hyphens_join_mentions_and_longer_words_are_not_mentions(actors):
    text = "The Russian-American deal, anti-American mood, US-led talks, Kim Jong-un's visit, the U.S. and Iran."
    assert found(EnglishFinder(actors), text) == [
        ("russia", "Russian"),
        ("united-states", "American"),
        ("united-states", "American"),
        ("united-states", "US"),
        ("kim-jong-un", "Kim Jong-un's"),
        ("united-states", "U.S."),
        ("iran", "Iran"),
    ]
    assert found(EnglishFinder(actors), "Trumpet, Kimchi, USB, Putinism, Russianness, Moscovite, Irani") == []


def test_every_english_mention_of_the_seed_translation(actors):
    from muwazi.memory import load

    english = EnglishFinder(actors)
    entries = load(ROOT / "content" / "translations", SEED_SLUG)
    title = next(e.english for arabic, e in entries.items() if arabic.startswith("موسكو تسعى للرد"))
    heading = next(e.english for arabic, e in entries.items() if arabic == "هدف روسيا من زيارة كوريا الشمالية")
    assert found(english, title) == [
        ("russia", "Moscow"),
        ("united-states", "Washington"),
        ("vladimir-putin", "Putin"),
        ("kim-jong-un", "Kim"),
        ("russia", "Russia"),
    ]
    assert found(english, heading) == [("russia", "Russia's"), ("north-korea", "North Korea")]


def candidates(finder, text):
    return [(text[slice(*c.name)], text[slice(*c.context)]) for c in finder.find(text)]


@pytest.fixture(scope="module")
def cues(arabic):
    return CandidateFinder(arabic)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a title, its qualifiers (ministry, a known state's adjective), then the unknown name
        ("وقال وزير الخارجية الأمريكي مايك بومبيو إن بلاده", [("مايك بومبيو", "وزير الخارجية الأمريكي مايك بومبيو")]),
        ("وأكد رئيس الوزراء الياباني شينزو آبي قوله", [("شينزو آبي", "رئيس الوزراء الياباني شينزو آبي")]),
        ("رئيس وزراء بريطانيا تيريزا ماي، في", [("تيريزا ماي", "رئيس وزراء بريطانيا تيريزا ماي")]),
        ("الرئيس السوري بشار الأسد، و", [("بشار الأسد", "الرئيس السوري بشار الأسد")]),
        (
            "المتحدث باسم الخارجية الصينية هوا تشون ينغ أمس",
            [("هوا تشون ينغ", "المتحدث باسم الخارجية الصينية هوا تشون ينغ")],
        ),
        ("والتقى بالسفير الأمريكي جون هانتسمان.", [("جون هانتسمان", "بالسفير الأمريكي جون هانتسمان")]),
        (
            "من الرئيس الروسي فلاديمير بوتن والزعيم",
            [("فلاديمير بوتن", "الرئيس الروسي فلاديمير بوتن")],
        ),  # a spelling to add
        # an organisation's name begins with its cue; a quoted name is the name
        ("ونقلت وكالة رويترز للأنباء عن", [("وكالة رويترز", "وكالة رويترز")]),
        ('ذكرت صحيفة "نيويورك تايمز" أن', [("نيويورك تايمز", 'صحيفة "نيويورك تايمز')]),
        # known names after the cue, however qualified: nothing to add
        ("وزير الطاقة الأمريكي السابق ارنست مونيس", []),
        ("المتحدث باسم الكرملين دميتري بيسكوف", []),
        ("وزير خارجية روسيا سيرغي لافروف", []),
        ("زعيم كوريا الشمالية كيم جونغ أون", []),
        ("وكالة الأنباء الكورية الشمالية", []),
        # no name at all after the cue
        ("الرئيس الروسي، في رسالة", []),
        ("عن وزير الخارجية الروسي تأكيده أن", []),
        ("في منصب وزير الطاقة الأمريكي تم إبرام اتفاقية", []),
        ("زعيم كوريا الشمالية.", []),
    ],
)
def test_candidates_after_titles_and_cue_words(cues, text, expected):
    assert candidates(cues, text) == expected


def test_the_seed_has_no_candidate_left(cues):
    article = read_article(ROOT / "content" / "articles" / f"{SEED_SLUG}.txt")
    assert [candidates(cues, s.text) for s in article.segments] == [[]] * len(article.segments)


def test_the_titles_the_seed_gives_known_people_without_their_particles(actors):
    article = read_article(ROOT / "content" / "articles" / f"{SEED_SLUG}.txt")
    annotated = annotate(
        translate(article, ROOT / "content" / "translations"), ArabicFinder(actors), EnglishFinder(actors)
    )
    titles = [
        (s.anchor, t.actor, s.text[t.start : t.end])
        for s, found in zip(article.segments, annotated.titles, strict=True)
        for t in found
    ]
    assert titles == [
        ("p1", "sergey-lavrov", "وزير الخارجية الروسي"),
        ("p1", "kim-jong-un", "زعيم كوريا الشمالية"),  # written بزعيم
        ("p3", "donald-trump", "الرئيس الأمريكي"),
        ("p4", "vladimir-putin", "الرئيس الروسي"),
        ("p4", "kim-jong-un", "الزعيم الكوري الشمالي"),  # written والزعيم
        ("p5", "sergey-lavrov", "وزير الخارجية الروسي"),
        ("p6", "ernest-moniz", "وزير الطاقة الأمريكي السابق"),  # written لوزير
    ]


@pytest.mark.parametrize(
    "change, line, words",
    [
        (
            lambda t: t.replace("- id: iran", "- id: russia"),
            "- id: russia\n  kind: state\n  wikidata: Q794",
            "duplicate actor id",
        ),
        (
            lambda t: t.replace("names: [إيران]", "names: [إيران, روسيا]"),
            "    names: [إيران, روسيا]",  # the alias's line
            "claimed by both",
        ),
        (
            lambda t: t.replace(
                "  kind: organisation\n  ar:\n    name: سبوتنيك", "  kind: organisation\n  ar:\n    nam: سبوتنيك"
            ),
            "    nam: سبوتنيك",
            "ar.name",
        ),
        (lambda t: t.replace("kind: person", "kind: politician", 1), "  kind: politician", "kind"),
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
