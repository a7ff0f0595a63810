"""The translation memory as the build and `muwazi translate` read it: through polib, after a check
of each line's shape, with polib's complaints put as one line naming the line to fix."""

from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muwazi.arabic import nfc
from muwazi.errors import MuwaziError
from muwazi.memory import MACHINE_COMMENT, Entry, load, load_catalogue, new_catalogue, path_for, save

SLUG = "memory"
# A file's first comments are the file's own (polib), so entries with comments follow a header.
HEADER = ['msgid ""', 'msgstr "Language: en\\n"', ""]


def written(folder: Path, lines: list[str], newline: str = "\n") -> Path:
    path = path_for(folder, SLUG)
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    return path


@pytest.mark.parametrize(
    "lines, expected",
    [
        (['msgid "a"', 'msgstr ""', '"b"', '"c"'], {"a": Entry("bc", True)}),
        (['msgid "a"', 'msgstr "  "', 'msgid "b"', 'msgstr ""'], {}),  # blank English counts as missing
        (["#, fuzzy", 'msgid "a"', 'msgstr "b"'], {"a": Entry("b", False)}),
        (["#, python-format, fuzzy", 'msgid "a"', 'msgstr "b"'], {"a": Entry("b", False)}),
        # a file's opening translator comments are the file's, not its first entry's
        (["# machine translation: deepl, 2026-11-29", "#, fuzzy", 'msgid "a"', 'msgstr "b"'], {"a": Entry("b", False)}),
        (
            ["#, fuzzy", "# machine translation: deepl, 2026-11-29", 'msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", False, "deepl", "2026-11-29")},
        ),
        (
            ['msgid ""', 'msgstr "header"', "", "# note", "# machine translation: google, 2025-01-02", "#, fuzzy"]
            + ['msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", False, "google", "2025-01-02")},
        ),
        # an obsolete entry's comments stay with it
        (
            ["#, fuzzy", '#~| msgid "old"', '#~ msgid "a"', '#~ msgstr "b"', "", 'msgid "a"', 'msgstr "c"'],
            {"a": Entry("c", True)},
        ),
        # the same Arabic in two contexts: the last English is kept
        (
            ['msgctxt "one"', 'msgid "a"', 'msgstr "b"', 'msgctxt "two"', 'msgid "a"', 'msgstr "c"'],
            {"a": Entry("c", True)},
        ),
        (
            ['msgid "a"', 'msgid_plural "as"', 'msgstr[0] "b"', 'msgstr[1] "bs"']
            + ['msgid "\\t\\"\\q"', 'msgstr "\\n x"'],
            {'\t"\\q': Entry("\n x", True)},
        ),
        (
            ['msgctxt "c"', 'msgid ""', 'msgstr "the header, whatever its context"', 'msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", True)},
        ),
        # lines the grammar this reader replaced refused, which polib reads as msgfmt does
        (
            ['msgid "a"', "# machine translation: deepl, 2026-11-29", 'msgstr "b"'],
            {"a": Entry("b", True, "deepl", "2026-11-29")},
        ),
        (['msgid "a"', 'msgstr "b"', "", '"c"'], {"a": Entry("bc", True)}),
        # an editor's instructions: one `muwazi:` line each, other comment lines left alone
        (
            [
                *HEADER,
                "# checked with the desk",
                "# muwazi: accept names",
                "#  muwazi:units 1",
                'msgid "a"',
                'msgstr "b"',
            ],
            {"a": Entry("b", True, directives=(("accept", "names"),))},
        ),
        (
            [*HEADER, "# muwazi: accept names", "# muwazi:units  1 | 2 ", 'msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", True, directives=(("accept", "names"), ("units", "1 | 2")))},
        ),
        (['#~ msgid "a"', 'msgstr "b"'], {}),  # obsolete from its msgid on
        (['msgid "a"', 'msgid_plural "as"', 'msgstr "b"'], {}),  # plural, whatever its msgstr
        (['msgid "a"', 'msgstr "b"', "", 'msgid "c"'], {"a": Entry("b", True)}),  # no msgstr: none yet
        # a file that ends in a comment polib skips keeps its last entry all the same
        *((['msgid "a"', 'msgstr "b"', last], {"a": Entry("b", True)}) for last in ["#,", "#.", '#~| msgid "x"']),
        (['msgctxt "c"', "#,"], {}),
    ],
)
def test_entries_are_read_as_polib_reads_them(tmp_path, lines, expected):
    for newline in ("\n", "\r\n"):
        written(tmp_path, lines, newline)
        assert load(tmp_path, SLUG) == expected


def test_a_missing_memory_has_no_entries_and_a_new_catalogue(tmp_path):
    assert load(tmp_path, SLUG) == {}
    assert str(load_catalogue(path_for(tmp_path, SLUG), SLUG)) == str(new_catalogue(SLUG))


OUT_OF_ORDER = "this line is out of order (an entry is its comments, then msgctxt, msgid and msgstr)"


@pytest.mark.parametrize(
    "lines, line, words",
    [
        (['msgid "a"', 'msgstr "unclosed'], 2, "not a comment, keyword or quoted string"),
        (['msgid "a"', '"b"', "translated", 'msgstr "c"'], 3, "not a comment, keyword or quoted string"),
        (["#,fuzzy", 'msgid "a"', 'msgstr "b"'], 1, "not a comment, keyword or quoted string"),
        (['msgid "a"', 'msgstr "b" "c"'], 2, "not a comment, keyword or quoted string"),
        (['  msgid "a"', 'msgstr "b"'], 1, "not a comment, keyword or quoted string"),
        (['\ufeffmsgid "a"', 'msgstr "b"'], 1, "not a comment, keyword or quoted string"),
        (['msgid "a"', "", 'msgid "b"', 'msgstr "c"'], 3, "the entry above this line has no msgstr"),
        (['msgid "a"', 'msgid_plural "as"', 'msgctxt "c"'], 3, "the entry above this line has no msgstr"),
        (["#, fuzzy", 'msgstr "b"'], 2, OUT_OF_ORDER),
        (['msgid "a"', 'msgstr "b"', "# a note", '"stray"'], 4, OUT_OF_ORDER),
        (['msgid "a"', "#, fuzzy", 'msgstr "b"'], 3, OUT_OF_ORDER),
        (['msgctxt "c"', "# a note", 'msgid "a"', 'msgstr "b"'], 2, OUT_OF_ORDER),
        (['msgid "a"', 'msgstr "b"', '#| msgstr "x"', 'msgid "c"', 'msgstr "d"'], 3, "unknown keyword msgstr"),
        (['msgid "a"', 'msgstr "b"', "#| x", 'msgid "c"', 'msgstr "d"'], 3, "invalid continuation line"),
        (
            ['msgid "a"', 'msgstr "b"', "#: x.txt:1", 'msgid "a"', 'msgstr "c"'],
            4,
            "duplicate msgid (the same Arabic as the entry at line 1): keep one of the two entries",
        ),
        (
            ['msgctxt "c"', 'msgid "a"', 'msgstr "b"', "", "# a note", 'msgctxt "c"', 'msgid "a"', 'msgstr "c"'],
            7,
            "duplicate msgid (the same Arabic as the entry at line 2)",
        ),
        (
            ['msgid ""', 'msgstr "header"', 'msgid ""', 'msgstr "another"'],
            3,
            "a second entry with an empty msgid (the header is at line 1): remove it",
        ),
        (
            ['msgid ""', 'msgstr "header"', "", "#: x.txt:1", 'msgctxt "c"', 'msgid ""', 'msgstr "another"'],
            6,
            "a second entry with an empty msgid (the header is at line 1): remove it",
        ),
    ],
)
def test_a_broken_memory_is_refused_at_its_line_by_the_build_and_by_translate(tmp_path, lines, line, words):
    """The build (`load`) and `muwazi translate` (`load_catalogue`, to change the file) refuse alike."""
    path = written(tmp_path, lines)
    for read in (lambda: load(tmp_path, SLUG), lambda: load_catalogue(path, SLUG)):
        with pytest.raises(MuwaziError) as caught:
            read()
        assert (caught.value.path, caught.value.line) == (path, line)
        assert words in caught.value.message
        assert caught.value.message.startswith(("malformed PO file: ", "duplicate msgid", "a second entry"))


def test_a_memory_that_is_not_utf8_is_refused_at_its_line(tmp_path):
    path = path_for(tmp_path, SLUG)
    path.write_bytes('msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "Mosc'.encode() + b'\xf6w"\n')
    with pytest.raises(MuwaziError, match="not UTF-8") as caught:
        load(tmp_path, SLUG)
    assert caught.value.line == 5


# Text polib writes faithfully and the memory takes: no line break but \n and \r (which polib
# escapes, and which come from WORDS), no surrogates, no control character or bidi control.
TEXT = st.text(
    st.characters(
        blacklist_categories=["Cs", "Cc"],
        blacklist_characters="\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    max_size=120,
)
WORDS = st.sampled_from(
    [
        "موسكو",
        'روسيا "بوتين"',
        "Lavrov's visit",
        "a\\b",
        "tab\there",
        "line\nbreak",
        " ",
        "",
        "\r",
        '"',
        "#~ msgid",
        "أولى",
        "ا\u0654ولى",
    ]
)
SOME_TEXT = st.one_of(TEXT, st.lists(WORDS, max_size=12).map("".join))
NOTES = ["", "a note", "machine translation: deepl, 2026-11-29", "note\nmachine translation: google, 2025-01-02"]


@st.composite
def catalogues(draw) -> polib.POFile:
    """A memory as `muwazi translate` or a PO editor would leave it: each (msgctxt, msgid) once."""
    catalogue = new_catalogue(SLUG)
    catalogue.header = draw(st.sampled_from(["", "Muwazi", "a\nmachine translation: deepl, 2026-11-29"]))
    keys = set()
    for _ in range(draw(st.integers(0, 8))):
        item = polib.POEntry(msgid=draw(SOME_TEXT), msgstr=draw(SOME_TEXT))
        if draw(st.booleans()):
            item.msgctxt = draw(SOME_TEXT)
        item.flags = draw(st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap"]), unique=True, max_size=2))
        item.tcomment = draw(st.sampled_from(NOTES))
        item.comment = draw(st.sampled_from(["", "extracted", "two\nlines"]))
        item.occurrences = draw(
            st.lists(
                st.tuples(st.sampled_from(["articles/a.txt", "b.txt"]), st.sampled_from(["", "3", "12"])), max_size=2
            )
        )
        if draw(st.booleans()):
            item.previous_msgid = draw(SOME_TEXT)
        if draw(st.integers(0, 5)) == 0:
            item.msgid_plural, item.msgstr, item.msgstr_plural = "plural", "", {0: draw(SOME_TEXT), 1: draw(SOME_TEXT)}
        item.obsolete = draw(st.integers(0, 4)) == 0
        key = (item.msgctxt and nfc(item.msgctxt), nfc(item.msgid))  # one key in either Unicode form
        if not item.obsolete and (not item.msgid or key in keys):
            continue  # refused, as the refusal cases show
        keys.add(key)
        catalogue.append(item)
    return catalogue


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(catalogues())
def test_what_translate_saves_the_build_reads_back(tmp_path, catalogue):
    save(catalogue, path_for(tmp_path, SLUG))
    expected = {}
    for item in catalogue:
        if not item.obsolete and not item.msgid_plural and item.msgstr.strip():
            machine = MACHINE_COMMENT.search(item.tcomment)
            expected[nfc(item.msgid)] = Entry(
                nfc(item.msgstr), "fuzzy" not in item.flags, *(machine.groups() if machine else (None, None))
            )
    assert load(tmp_path, SLUG) == expected
