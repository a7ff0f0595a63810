"""Arabic text handling, on variants as the press really writes them."""

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from fontTools.ttLib import TTFont

from helpers import ROOT, SEED_SLUG
from muwazi.arabic import (
    _AFTER_LETTER,
    _DROPPED,
    _FOLDED,
    _FOREIGN_G,
    DatelineError,
    english_dateline,
    fold,
    folded,
    hijri_date,
    is_definite,
    parse_dateline,
    sentences,
    sort_key,
    stems,
)


@pytest.mark.parametrize(
    "variants",
    [
        ["سيرجي", "سيرجى", "سيرغي"],
        ["كيم جونج أون", "كيم جونغ أون", "كيم جونج اون", "كيم جونگ أون"],
        ["بيونج يانج", "بيونغ يانغ"],
        ["أون", "اون", "إون", "آون"],
        ["الرئاسة", "الرئاسه"],
        ["مؤتمر", "موتمر"],
        ["روسيا", "روســيا", "رُوسِيَا", "رو\u200fسيا"],
        ["2013", "٢٠١٣", "۲۰۱۳"],
    ],
)
def test_press_variants_fold_alike(variants):
    assert len({folded(v) for v in variants}) == 1
    assert len({folded(IN_A_PARAGRAPH + v) for v in variants}) == 1  # long texts fold by another path


# Long enough that folding takes its path for paragraphs rather than for words.
IN_A_PARAGRAPH = "وقال المتحدث باسم الوزارة في بيان صدر اليوم الأحد إن "


@pytest.mark.parametrize(
    "variants",
    [
        ["الإمام", "ٱلإمام", "الامام", "ٱلامام"],  # alef wasla as in vocalised text
        ["كيف", "کیف"],  # Persian kaf and ya, as pasted from Persian or Urdu keyboards
        [
            "جمهوریه",
            "جمهورية",
            "جمهوریۃ",
            "جمهوریہ",
            "جمهوریۀ",
            "جمهوریە",
        ],  # Urdu, Persian and Kurdish heh / ta marbuta
        ["يوم", "ېوم"],
        ["مسؤول", "مسوول"],
        ["رئيس", "ريىس", "رىيس"],
    ],
)
def test_persian_urdu_and_hamza_forms_fold_alike(variants):
    assert len({folded(v) for v in variants}) == 1
    assert len({folded(IN_A_PARAGRAPH + v) for v in variants}) == 1


@pytest.mark.parametrize("foreign_g", [True, False])
def test_a_paragraph_folds_exactly_as_its_letters_do(foreign_g):
    seed = (ROOT / "content" / "articles" / f"{SEED_SLUG}.txt").read_text(encoding="utf-8")
    every = IN_A_PARAGRAPH + " ".join(_FOLDED) + " ".join(_FOREIGN_G) + " ".join(sorted(_DROPPED)) + " رُوسِيَا ـ"
    for text in [*seed.splitlines(), every]:
        assert folded(text, foreign_g) == "".join(folded(char, foreign_g) for char in text)
    view = fold(every, foreign_g)
    start = view.text.index("روسيا")
    begin, end = view.span_in_original(start, start + len("روسيا"))
    assert every[begin:end] == "رُوسِيَا"


@pytest.mark.parametrize(
    "mark",
    [
        "\u200e",
        "\u200f",
        "\u061c",
        "\u202a",
        "\u202b",
        "\u202c",
        "\u202d",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2068",
        "\u2069",
        "\u200b",
        "\u200c",
        "\u200d",
        "\ufeff",
    ],
)
def test_bidi_and_zero_width_marks_are_dropped_and_the_map_skips_them(mark):
    text = f"قال {mark}بوتين{mark} أمس"
    view = fold(text)
    assert view.text == "قال بوتين امس"
    start = view.text.index("بوتين")
    begin, end = view.span_in_original(start, start + len("بوتين"))
    assert text[begin:end] == "بوتين"


def test_the_foreign_g_letters_all_fold_to_one():
    assert len({folded(f"{g}ون") for g in "جغڨڭگكک"}) == 1


def test_fold_maps_back_to_the_words_as_written():
    text = "وزير الخارجية الرُّوسي سيرجى لافروف"
    view = fold(text)
    start = view.text.index("سيرجي")
    begin, end = view.span_in_original(start, start + len("سيرجي لافروف"))
    assert text[begin:end] == "سيرجى لافروف"
    start = view.text.index("الروسي")
    begin, end = view.span_in_original(start, start + len("الروسي"))
    assert text[begin:end] == "الرُّوسي"


def test_the_foreign_g_can_be_kept_for_short_names():
    assert folded("كيم") == folded("غيم")
    assert folded("كيم", foreign_g=False) != folded("غيم", foreign_g=False)


def test_prefixes_are_only_readings_of_a_word():
    assert "روسيا" in stems(folded("لروسيا"))
    assert "الولايات" in stems(folded("للولايات"))
    assert "بوتين" in stems(folded("وبوتين"))
    assert "واشنطن" in stems(folded("بواشنطن"))
    assert all(len(stem) >= 2 for stem in stems(folded("وال")))


def test_sentences_split_at_sentence_ends_never_at_the_arabic_comma():
    text = "قال الوزير، إن القمة مهمة. هل تنجح؟ ربما… لا أحد يعرف"
    assert [text[a:b] for a, b in sentences(text)] == ["قال الوزير، إن القمة مهمة.", "هل تنجح؟", "ربما…", "لا أحد يعرف"]


def test_the_seed_dateline_is_cairo_time():
    dateline = parse_dateline("الجمعة، 01 يونيو 2018 01:10 م")
    assert dateline.iso == "2018-06-01T13:10:00+02:00"
    assert english_dateline(dateline) == "Friday, 1 June 2018, 1:10 p.m. (Cairo)"
    assert hijri_date(dateline) == ("17 رمضان 1439 هـ", "17 Ramadan 1439 AH")


@pytest.mark.parametrize(
    "line, expected",
    [
        ("الخميس، ١٥ نوفمبر ٢٠١٨ ١١:٠٠ ص", "2018-11-15T11:00:00+02:00"),
        ("الأحد 01 يوليه 2018 12:05 ص", "2018-07-01T00:05:00+02:00"),
        ("01 يونيه 2018 12:30 م", "2018-06-01T12:30:00+02:00"),
        ("السبت، 14 تموز 2018 09:15 م", "2018-07-14T21:15:00+02:00"),
        ("الإثنين، 3 كانون الأول 2018 10:00 ص", "2018-12-03T10:00:00+02:00"),
        ("3 حزيران 2019", "2019-06-03"),
        ("الجمعة، 01 يونيو 2018 13:10", "2018-06-01T13:10:00+02:00"),
        # Egyptian month names with and without the weekday, Arabic-Indic digits, ص and م
        ("الجمعة، ٠١ يونيو ٢٠١٨ ٠١:١٠ م", "2018-06-01T13:10:00+02:00"),
        ("الجمعة 1 يونيه 2018 1:10 م", "2018-06-01T13:10:00+02:00"),
        ("الثلاثاء، 17 يوليو 2018 08:45 ص", "2018-07-17T08:45:00+02:00"),
        ("١٧ يوليه ٢٠١٨", "2018-07-17"),
        # 12 a.m. is midnight and 12 p.m. noon; 11 p.m. is 23:00
        ("الجمعة، 01 يونيو 2018 12:00 ص", "2018-06-01T00:00:00+02:00"),
        ("الجمعة، 01 يونيو 2018 12:00 م", "2018-06-01T12:00:00+02:00"),
        ("الجمعة، 01 يونيو 2018 11:59 م", "2018-06-01T23:59:00+02:00"),
        ("الجمعة، 01 يونيو 2018 12:59 ص", "2018-06-01T00:59:00+02:00"),
        # Levantine month names, every one of them
        ("1 كانون الثاني 2019", "2019-01-01"),
        ("1 شباط 2019", "2019-02-01"),
        ("1 آذار 2019", "2019-03-01"),
        ("1 نيسان 2019", "2019-04-01"),
        ("1 أيار 2019", "2019-05-01"),
        ("1 حزيران 2019", "2019-06-01"),
        ("1 تموز 2019", "2019-07-01"),
        ("1 آب 2019", "2019-08-01"),
        ("1 أيلول 2019", "2019-09-01"),
        ("1 تشرين الأول 2019", "2019-10-01"),
        ("1 تشرين الثاني 2019", "2019-11-01"),
        ("1 كانون الأول 2019", "2019-12-01"),
        ("الأحد، ٣ آذار ٢٠١٩ ٩:٠٥ م", "2019-03-03T21:05:00+02:00"),
    ],
)
def test_dateline_variants(line, expected):
    assert parse_dateline(line).iso == expected


@pytest.mark.parametrize(
    "line",
    [
        "الجمعة 01 يونيو",
        "الخميس، 01 يونيو 2018 01:10 م",
        "31 يونيو 2018",
        "01 يونيو 2018 13:10 م",
        "أمس الساعة الثالثة",
        "",
        "01 يونيو 2018 00:30 ص",  # there is no hour 0 on a 12-hour clock
        "01 يونيو 2018 24:00",  # nor 24 on a 24-hour one
        "01 يونيو 2018 10:60 ص",
        "01 يونيو 2018 10:00 ظ",  # an unknown time marker
        "01 فلوريال 2018",  # an unknown month
        "الجمعه2 01 يونيو 2018",
        "29 شباط 2019",  # not a leap year
        "تسعى موسكو لاعتماد سياسة خارجية متوازنة",  # a paragraph where the dateline should be
    ],
)
def test_unreadable_datelines_are_refused_not_guessed(line):
    with pytest.raises(DatelineError):
        parse_dateline(line)


def test_a_dateline_is_the_moment_in_cairo_with_or_without_a_time():
    """Compared with moments made here from the tz database, and in UTC: Cairo kept no summer
    time in 2018 but did in 2023 (UTC+3 from late April)."""
    cairo = ZoneInfo("Africa/Cairo")
    cases = [
        ("الجمعة، 01 يونيو 2018 01:10 م", datetime(2018, 6, 1, 13, 10, tzinfo=cairo), datetime(2018, 6, 1, 11, 10)),
        ("3 حزيران 2019", datetime(2019, 6, 3, tzinfo=cairo), datetime(2019, 6, 2, 22, 0)),
        ("الخميس، 01 يونيو 2023 01:10 م", datetime(2023, 6, 1, 13, 10, tzinfo=cairo), datetime(2023, 6, 1, 10, 10)),
    ]
    for line, moment, utc in cases:
        read = parse_dateline(line).moment
        assert read == moment, line
        assert read.astimezone(timezone.utc).replace(tzinfo=None) == utc, line
        assert read.tzinfo.key == "Africa/Cairo", line


def test_names_sort_in_arabic_alphabetical_order():
    # ا ب ت ث ج ح خ د ذ ر ز س ش ص ض ط ظ ع غ ف ق ك ل م ن ه و ي, hamza forms with their alef,
    # ئ with its seat ي (رئاسة after روسيا, as Unicode's collation files it), the article passed over, the foreign-g letters in their own place, Persian letters after their base.
    expected = [
        "أحمد",
        "آدم",
        "آسيا",
        "ألمانيا",
        "أوروبا",
        "إيران",
        "باكستان",
        "پاريس",
        "تونس",
        "جورجيا",
        "چين",
        "روسيا",
        "الرئاسة الروسية",
        "سبوتنيك",
        "سوريا",
        "غانا",
        "كوريا الشمالية",
        "كيم",
        "گرجستان",
        "المملكة المتحدة",
        "وكالة",
        "الولايات المتحدة",
        "يحيى",
    ]
    assert sorted(reversed(expected), key=sort_key) == expected


def test_the_article_is_recognised_behind_prefixes():
    assert all(is_definite(folded(w)) for w in ["الخارجية", "للطاقة", "والزعيم", "بالاستمرار", "الأمريكي"])
    assert not any(is_definite(folded(w)) for w in ["لافروف", "خارجية", "الى", "ال"])


def test_written_datelines_read_back_to_the_same_moment():
    from datetime import datetime, timedelta

    from muwazi.arabic import CAIRO, write_dateline

    for hours in range(0, 24 * 400, 37):
        moment = datetime(2018, 1, 1, tzinfo=CAIRO) + timedelta(hours=hours, minutes=hours % 60)
        assert parse_dateline(write_dateline(moment)).moment == moment


@pytest.mark.parametrize("weight", [400, 700])
def test_the_arabic_font_has_every_letter_the_folding_knows_and_the_seed_uses(weight):
    """The self-hosted font is cut down to what Arabic news is written with; nothing the project
    treats as a letter of the press (and nothing in the seed) may fall outside it."""
    font = TTFont(ROOT / "docs" / "assets" / "fonts" / f"noto-naskh-arabic-arabic-{weight}-normal.woff2")
    covered = set(font.getBestCmap())
    harakat = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
    known = {*_FOLDED, *_FOREIGN_G, *_AFTER_LETTER, *harakat}
    seed = (ROOT / "content" / "articles" / f"{SEED_SLUG}.txt").read_text(encoding="utf-8")
    letters = known | {c for c in seed if ord(c) >= 0x0600}
    assert sorted(c for c in letters if ord(c) not in covered) == []
