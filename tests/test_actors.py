"""Actor finding on the real seed, and on the spelling variants of the press."""

import pytest

from helpers import ROOT, SEED_SLUG
from muwazi.actors import ArabicFinder, CandidateFinder, EnglishFinder, Mention, _Words, annotate, load_gazetteer
from muwazi.errors import REFUSED, MuwaziError
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
            "من الرئيس الروسي فلاديمير بوطين والزعيم",
            [("فلاديمير بوطين", "الرئيس الروسي فلاديمير بوطين")],
        ),  # a spelling to add (بوتن, with its long vowel left out, is a spelling the finder makes)
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


# --- namesakes, names that are no actor, held-back short forms ---------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # a relative or an official named Kim is not Kim Jong Un, however spelt
        ("وقالت كيم يو جونغ، شقيقة الزعيم كيم جونغ أون، إن", [("kim-jong-un", "كيم جونغ أون")]),
        ("ضريح كيم إيل سونغ وكيم جونغ إيل في بيونغ يانغ", [("north-korea", "بيونغ يانغ")]),
        ("واستقبل كيم يونغ نام الوفد", []),
        ("وقال كيم يونج-تشول للصحفيين", []),
        ("وصلت إيفانكا ترمب إلى جانب ترامب", [("donald-trump", "ترامب")]),
        ("وقال سيرغي ريابكوف إن لافروف", [("sergey-lavrov", "لافروف")]),
        # media and regions that hold a place or a state
        ("وذكرت إذاعة صوت أمريكا أن واشنطن", [("united-states", "واشنطن")]),
        ("ونقلت صحيفة «موسكو تايمز» عن الكرملين", [("russian-presidency", "الكرملين")]),
        ("بحسب صحيفة واشنطن بوست وصوت أميركا", []),
        ("في أمريكا اللاتينية وأمريكا", [("united-states", "وأمريكا")]),
        ("وأفاد المرصد السوري لحقوق الإنسان بأن دمشق", [("syria", "دمشق")]),
    ],
)
def test_namesakes_and_names_that_are_no_actor_link_nothing(arabic, text, expected):
    assert found(arabic, text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kim Yo Jong, Kim Jong Un's sister, said", [("kim-jong-un", "Kim Jong Un's")]),
        ("Kim Il-sung and Kim Jong Il", []),
        ("Ivanka Trump and Donald Trump Jr. flew in with Trump", [("donald-trump", "Trump")]),
        ("Voice of America and the Moscow Times reported it in Washington", [("united-states", "Washington")]),
        ("Sergei Ryabkov said Lavrov", [("sergey-lavrov", "Lavrov")]),
    ],
)
def test_english_namesakes_and_names_that_are_no_actor_link_nothing(actors, text, expected):
    assert found(EnglishFinder(actors), text) == expected


def held(finder, text):
    words = _Words.of(text)
    return [text[m.start : m.end] for m in finder.read(words, finder.scan(words))[1]]


def test_a_short_form_a_name_goes_on_after_is_held_back_not_linked(arabic, actors):
    # سول and نام continue Korean names the gazetteer knows of; بوتين begins a known name: not held.
    assert held(arabic, "والتقى كيم سول بالوفد") == ["كيم"]
    assert found(arabic, "والتقى كيم سول بالوفد") == []
    assert held(arabic, "والتقى كيم جونج نام") == []  # a namesake, not a short form
    assert held(arabic, "قمة كيم بوتين") == [] and found(arabic, "قمة كيم بوتين")[0] == ("kim-jong-un", "كيم")
    assert held(arabic, "وكيم يونج، حال") == []
    english = EnglishFinder(actors)
    assert english.read("Kim Kye Gwan said") == ((), (Mention("kim-jong-un", 0, 3, "names"),))
    assert english.read("Kim Putin summit")[1] == () and english.read("Kim and Putin")[1] == ()


def test_given_names_stand_for_a_person_only_where_the_gazetteer_allows(tmp_path):
    text = GAZETTEER.read_text(encoding="utf-8")
    allowed = text.replace(
        "- id: sergey-lavrov\n  kind: person\n", "- id: sergey-lavrov\n  kind: person\n  given_names: true\n"
    )
    path = tmp_path / "actors.yml"
    path.write_text(allowed, encoding="utf-8")
    given = load_gazetteer(path)
    sentence = "وقال سيرغي للصحفيين إن سيرجي ريابكوف"
    assert found(ArabicFinder(given), sentence) == [("sergey-lavrov", "سيرغي")]
    assert found(ArabicFinder(load_gazetteer(GAZETTEER)), sentence) == []
    assert found(EnglishFinder(given), "Sergey told reporters that Sergei Ryabkov") == [("sergey-lavrov", "Sergey")]
    assert held(ArabicFinder(given), "وقال سيرجي شويجو") == []  # a namesake
    path.write_text(text.replace("- id: russia\n  kind: state\n", "- id: russia\n  kind: state\n  given_names: true\n"))
    with pytest.raises(MuwaziError, match="given_names is for people"):
        load_gazetteer(path)


# --- spellings made from the aliases --------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقال بسكوف إن", [("dmitry-peskov", "بسكوف")]),
        ("المتحدث ديمتري بسكوف", [("dmitry-peskov", "ديمتري بسكوف")]),
        ("صرح ترمب ثم ترامپ", [("donald-trump", "ترمب"), ("donald-trump", "ترامپ")]),
        ("وزير الطاقة منيز", [("ernest-moniz", "منيز")]),
        ("وصل لافروڤ إلى بيونغيانغ", [("sergey-lavrov", "لافروڤ"), ("north-korea", "بيونغيانغ")]),
        ("في بيونج-يانج وبيونجيانج", [("north-korea", "بيونج-يانج"), ("north-korea", "وبيونجيانج")]),
        ("الرئيس بوتن", [("vladimir-putin", "بوتن")]),
    ],
)
def test_spellings_made_from_the_aliases_are_found(arabic, text, expected):
    assert found(arabic, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "بسكوفية بيونجيانجي ترمبات",  # never inside a longer word
        "الأمركي أمركة",  # adjectives and states keep their vowels: أمريكي only as written
        "بتن لفرف",  # one long vowel left out, never two
    ],
)
def test_made_spellings_never_match_other_words(arabic, text):
    assert found(arabic, text) == []


# --- the other language --------------------------------------------------------------------


def translated_rows(tmp_path, rows):
    """An article of these (Arabic, English) rows after a title, read and translated by the real code."""
    from muwazi import memory

    slug = "2018-06-20-partners"
    title = ("قمة في بيونغ يانغ", "A summit in Pyongyang")
    lines = [title[0], "الأربعاء، 20 يونيو 2018 10:30 ص", *(arabic for arabic, _ in rows)]
    article = tmp_path / f"{slug}.txt"
    article.write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = memory.new_catalogue(slug)
    for arabic, english in [title, *rows]:
        catalogue.append(memory.polib.POEntry(msgid=arabic, msgstr=english))
    memory.save(catalogue, memory.path_for(tmp_path, slug))
    return translate(read_article(article), tmp_path, allow_pending=True)


def test_only_what_both_languages_name_is_linked_and_the_rest_is_a_doubt(tmp_path, actors):
    rows = [
        ("قالت كيم يو جونغ إن كيم لن يتراجع.", "Kim Yo Jong said her brother would not back down."),
        ("وصل كيم إلى فلاديفوستوك.", "Kim Yo Jong arrived in Vladivostok."),
        ("وقال بوتين إن القمة مهمة.", "Putin and Trump said the summit mattered."),
    ]
    annotated = annotate(translated_rows(tmp_path, rows), ArabicFinder(actors), EnglishFinder(actors))
    pairs = annotated.translated.pairs()
    linked = [
        ([segment.text[m.start : m.end] for m in arabic], [translation.english[m.start : m.end] for m in english])
        for (segment, translation), arabic, english in zip(pairs, annotated.arabic, annotated.english, strict=True)
    ]
    assert linked == [(["بيونغ يانغ"], ["Pyongyang"]), ([], []), ([], []), (["بوتين"], ["Putin"])]
    doubts = [[(d.language, d.actor, d.reason) for d in row] for row in annotated.doubts]
    assert doubts == [
        [],
        [("ar", "kim-jong-un", "unpartnered")],  # the English names his sister, and Kim Jong Un nowhere
        [("ar", "kim-jong-un", "unpartnered")],
        [("en", "donald-trump", "unpartnered")],
    ]
    words = [pairs[2][0].text[d.start : d.end] for d in annotated.doubts[2]]
    assert words == ["كيم"]


# --- candidates beyond titles ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقالت ماريا زاخاروفا إن موسكو", [("ماريا زاخاروفا", "وقالت ماريا زاخاروفا")]),  # a verb of saying
        (
            "والتقى لافروف نظيره الفرنسي جان إيف لودريان في باريس",
            [("جان إيف لودريان", "نظيره الفرنسي جان إيف لودريان")],
        ),
        ("وأكدت نظيرته الألمانية أنالينا بيربوك أنها", [("أنالينا بيربوك", "نظيرته الألمانية أنالينا بيربوك")]),
        ("وقال الفرنسي جان إيف لودريان أنه", [("جان إيف لودريان", "الفرنسي جان إيف لودريان")]),  # a nationality
        ("وقال جان إيف لودريان، وزير الخارجية الفرنسي، إن", [("جان إيف لودريان", "وقال جان إيف لودريان")]),
        ("وقال الرئيس شي جين بينغ أنه", [("شي جين بينغ", "الرئيس شي جين بينغ")]),  # أنه trimmed
        # no name: a source, a verb before a title, a delegation
        ("وقال مصدر دبلوماسي إن", []),
        ("وقالت مصادر مطلعة إن", []),
        ("وقال وزير الخارجية الروسي سيرغي لافروف إن", []),
        ("وصل الوفد الصيني برئاسة", []),
    ],
)
def test_candidates_after_verbs_counterparts_nationalities_and_before_titles(cues, text, expected):
    assert candidates(cues, text) == expected


@pytest.mark.parametrize(
    "arabic_text, english, expected",
    [
        (
            "والتقى لافروف ولودريان في العاصمة.",
            "Lavrov and Jean-Yves Le Drian met in the capital.",
            [("لودريان", "Jean-Yves Le Drian")],
        ),
        ("ونقل التلفزيون عن وانغ يي قوله", "Television quoted Wang Yi as saying", [("وانغ يي", "Wang Yi")]),
        ("وقالت ماريا زاخاروفا إن", "Maria Zakharova said that", [("ماريا زاخاروفا", "Maria Zakharova")]),
        # the English says where the name ends: a word too many after the cue, or one too few
        (
            "وأبلغ نظيرته الأوروبية فيديريكا موغيريني التزام بلاده.",
            "He told his European counterpart Federica Mogherini of his country's commitment.",
            [("فيديريكا موغيريني", "Federica Mogherini")],
        ),
        (
            "قال الرئيس الكوري الجنوبي مون جاي إن إن بلاده ستواصل.",
            "South Korean President Moon Jae-in said his country would continue.",
            [("مون جاي إن", "Moon Jae-in")],
        ),
        (
            "ولفت إلى أن يورى أوشاكوف يتابع مع جون بولتون.",
            "He noted that Yuri Ushakov was following up with John Bolton.",
            [("يورى أوشاكوف", "Yuri Ushakov"), ("جون بولتون", "John Bolton")],
        ),
        # a short form the English holds back (Kim Kye Gwan is no Kim Jong Un): his name is proposed
        (
            "انتقد كيم كيه غوان تصريحات بولتون.",
            "Kim Kye Gwan criticised Bolton's statements.",
            [("كيم كيه غوان", "Kim Kye Gwan"), ("بولتون", "Bolton")],
        ),
        # a title or a verb of saying before words the English shows are no name
        (
            "وقال مساعد الرئيس الروسى يتابع الترتيبات.",
            "The Russian president's aide said he was following the arrangements.",
            [],
        ),
        ("وقال مسؤولو الوزارة إن", "Ministry officials said", []),
        ("وقالت كيم يو جونغ إن", "Kim Yo Jong said", []),  # a namesake the gazetteer knows
    ],
)
def test_the_english_confirms_and_proposes_names(actors, arabic_text, english, expected):
    finder = CandidateFinder(ArabicFinder(actors), EnglishFinder(actors))
    found = finder.find(arabic_text, english)
    assert [(arabic_text[slice(*c.name)], english[slice(*c.english)] if c.english else None) for c in found] == expected


def test_a_short_form_the_english_holds_back_is_held_back_in_the_arabic(tmp_path, actors):
    rows = [
        (
            "انتقد كيم كيه غوان تصريحات بولتون قبل قمة كيم جونغ أون وترامب.",
            "Kim Kye Gwan criticised Bolton's statements before the summit of Kim Jong Un and Trump.",
        )
    ]
    annotated = annotate(translated_rows(tmp_path, rows), ArabicFinder(actors), EnglishFinder(actors))
    text = annotated.translated.pairs()[1][0].text
    assert [(m.actor, text[m.start : m.end]) for m in annotated.arabic[1]] == [
        ("kim-jong-un", "كيم جونغ أون"),
        ("donald-trump", "وترامب"),
    ]
    assert [(d.language, d.reason) for d in annotated.doubts[1]] == [("ar", "held"), ("en", "held")]


def test_actors_check_reports_what_is_left_unlinked_naming_both_sides(tmp_path, capsys, monkeypatch):
    from helpers import copy_project
    from muwazi import memory
    from muwazi.cli import main as muwazi

    project = copy_project(tmp_path / "project")
    slug = "2018-06-21-sister"
    rows = [
        ("كيم في فلاديفوستوك", "Kim Yo Jong in Vladivostok"),
        ("وصلت كيم إلى فلاديفوستوك مع الوفد.", "Kim Yo Jong arrived in Vladivostok with the delegation."),
    ]
    lines = [rows[0][0], "الخميس، 21 يونيو 2018 10:30 ص", rows[1][0]]
    (project / "content" / "articles" / f"{slug}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = memory.new_catalogue(slug)
    for arabic_text, english in rows:
        catalogue.append(memory.polib.POEntry(msgid=arabic_text, msgstr=english))
    memory.save(catalogue, memory.path_for(project / "content" / "translations", slug))
    monkeypatch.chdir(project)
    assert muwazi(["actors", "check", "--strict"]) == 1
    out = capsys.readouterr().out.splitlines()
    where = f"content/articles/{slug}.txt"
    assert [line for line in out if "not linked" in line] == [
        f"{where}:1: #top: «كيم» not linked to كيم جونج أون · Kim Jong Un: the English does not name them  ↔ Kim Yo Jong in Vladivostok",
        f"{where}:3: #p1: «كيم» not linked to كيم جونج أون · Kim Jong Un: the English does not name them  ↔ Kim Yo Jong arrived in Vladivostok with the delegation.",
    ]
    assert f"{where}:3: #p1: فلاديفوستوك  ← فلاديفوستوك  = Vladivostok" in out  # a name only the English shows
    assert out[-1].endswith("; 2 names left unlinked")
    assert muwazi(["generate"]) == 0
    page = (project / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    assert "kim-jong-un" not in page


# --- muwazi actors add -----------------------------------------------------------------------


def test_actors_add_writes_a_draft_keeping_every_comment_and_the_order(tmp_path, monkeypatch, capsys):
    from helpers import copy_project
    from muwazi import memory
    from muwazi.cli import main as muwazi

    project = copy_project(tmp_path / "project")
    slug = "2018-06-22-pompeo"
    rows = [
        ("بومبيو في موسكو", "Pompeo in Moscow"),
        (
            "وقال وزير الخارجية الأمريكي مايك بومبيو إن واشنطن تتابع الاتصالات.",
            "US Secretary of State Mike Pompeo said Washington was following the contacts.",
        ),
    ]
    lines = [rows[0][0], "الجمعة، 22 يونيو 2018 10:30 ص", rows[1][0]]
    (project / "content" / "articles" / f"{slug}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = memory.new_catalogue(slug)
    for arabic_text, english in rows:
        catalogue.append(memory.polib.POEntry(msgid=arabic_text, msgstr=english))
    memory.save(catalogue, memory.path_for(project / "content" / "translations", slug))
    gazetteer = project / "content" / "actors.yml"
    before = gazetteer.read_text(encoding="utf-8")
    monkeypatch.chdir(project)

    assert muwazi(["actors", "add", "مايك بومبيو"]) == 0
    assert capsys.readouterr().out.startswith("added mike-pompeo (person) to content/actors.yml as a draft")
    after = gazetteer.read_text(encoding="utf-8")
    comments = [line for line in before.splitlines() if line.lstrip().startswith("#") or "  # " in line]
    assert comments and all(line in after.splitlines() for line in comments)
    draft = "- id: mike-pompeo\n  kind: person\n  ar:\n    name: مايك بومبيو\n  en:\n    name: Mike Pompeo\n"
    assert after.replace(draft + "\n", "", 1) == before  # nothing else changed: order, quotes, flow lists
    assert after.index(draft) < after.index("# --- names that are no actor")
    gazetteer_read = load_gazetteer(gazetteer)
    assert [a.id for a in gazetteer_read][-1] == "mike-pompeo"
    assert (gazetteer_read[-1].ar.description, gazetteer_read[-1].en.description) == ("", "")

    # Published with no description, never a guessed one; his mentions are linked now.
    assert muwazi(["generate"]) == 0
    page = (project / "docs" / "glossary" / "mike-pompeo.md").read_text(encoding="utf-8")
    assert "mz-description" not in page and "مايك بومبيو" in page
    article = (project / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8")
    assert 'data-actor="mike-pompeo"' in article

    # Adding it again: it is no candidate now, and an unknown name needs its English.
    capsys.readouterr()
    assert muwazi(["actors", "add", "مايك بومبيو"]) == REFUSED
    assert "give it with --english" in capsys.readouterr().err
    assert gazetteer.read_text(encoding="utf-8") == after
    assert muwazi(["actors", "add", "سبوتنيك", "--english", "Sputnik"]) == REFUSED  # its id is taken
    assert "duplicate actor id 'sputnik'" in capsys.readouterr().err
    assert gazetteer.read_text(encoding="utf-8") == after


def test_the_actors_benchmark_meets_its_targets_on_the_articles_marked_by_hand():
    """benchmarks/actors.py, run as anyone runs it: the figures of its table, read from its output."""
    import re
    import subprocess
    import sys

    for folder in ("actors", "actors/held-out"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "actors.py"), str(ROOT / "benchmarks" / folder)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
        assert done.returncode == 0, done.stderr
        recall, precision = map(
            float, re.search(r"^\| all \| \d+ \| \d+ \| ([\d.]+)% \| ([\d.]+)% \|$", done.stdout, re.M).groups()
        )
        named = float(re.search(r"^\| unknown people named \| \d+ of \d+ \| ([\d.]+)% \|$", done.stdout, re.M)[1])
        noise = float(
            re.search(r"^\| candidate lines that are no name \| \d+ of \d+ \| ([\d.]+)% \|$", done.stdout, re.M)[1]
        )
        assert recall >= 99.5 and precision >= 99.5 and named >= 90 and noise <= 25, done.stdout
