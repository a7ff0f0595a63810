"""The build reads the translation memory with a PO grammar of its own, for speed; polib, which
writes the memory and which `muwazi translate` edits it with, is the reference: whatever the
grammar accepts, polib reads to the same entries, and whatever polib writes, the grammar accepts."""

from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from muwazi.errors import MuwaziError
from muwazi.memory import MACHINE_COMMENT, Entry, _read, load, load_catalogue, new_catalogue

HERE = Path("memory.po")


class Refused(Exception):
    """What the reference refuses (polib itself reads it, in its own way)."""


def as_polib_reads(text: str) -> dict[str, Entry]:
    """The usable entries as polib gives them: not obsolete, English not blank, the last of a msgid
    kept; Refused for two entries with one msgctxt and msgid, or a second with an empty msgid."""
    catalogue = polib.pofile(text, encoding="utf-8")
    keys = [(item.msgctxt, item.msgid) for item in catalogue if not item.obsolete]
    if not all(msgid for _, msgid in keys):  # polib took one for the header: this is a second
        raise Refused("empty msgid")
    if len(keys) != len(set(keys)):
        raise Refused("duplicate")
    found = {}
    for item in catalogue:
        if item.obsolete or not item.msgstr.strip():
            continue
        machine = MACHINE_COMMENT.search(item.tcomment or "")
        found[item.msgid] = Entry(
            item.msgstr, "fuzzy" not in item.flags, *(machine.groups() if machine else (None, None))
        )
    return found


REFUSED_FOR = {
    "duplicate": "duplicate msgid",
    "empty msgid": "a second entry with an empty msgid",
}  # as the oracle says it: as we do

# Text polib writes faithfully: no line break but \n and \r (which it escapes), no surrogates.
TEXT = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
    max_size=120,
)
WORDS = st.sampled_from(
    ["موسكو", 'روسيا "بوتين"', "Lavrov's visit", "a\\b", "tab\there", "line\nbreak", " ", "", "\r", '"']
)
SOME_TEXT = st.one_of(TEXT, st.lists(WORDS, max_size=12).map("".join))


@st.composite
def catalogues(draw) -> str:
    catalogue = new_catalogue("test")
    for _ in range(draw(st.integers(0, 8))):
        item = polib.POEntry(msgid=draw(SOME_TEXT), msgstr=draw(SOME_TEXT))
        if draw(st.booleans()):
            item.msgctxt = draw(SOME_TEXT)
        item.flags = draw(st.lists(st.sampled_from(["fuzzy", "python-format", "no-wrap"]), unique=True, max_size=2))
        notes = SOME_TEXT.map(
            lambda text: text.replace("\r", "")
        )  # polib writes comments as they are: a \r would end the line
        item.tcomment = draw(
            st.one_of(
                st.just(""),
                notes,
                st.sampled_from(
                    ["machine translation: deepl, 2026-11-29", "note\nmachine translation: google, 2025-01-02"]
                ),
            )
        )
        item.comment = draw(st.sampled_from(["", "extracted", "two\nlines"]))
        item.occurrences = draw(
            st.lists(
                st.tuples(st.sampled_from(["articles/a.txt", "b.txt"]), st.sampled_from(["", "3", "12"])), max_size=2
            )
        )
        if draw(st.booleans()):
            item.previous_msgid = draw(SOME_TEXT)
        if draw(st.integers(0, 5)) == 0:
            item.msgid_plural, item.msgstr, item.msgstr_plural = (
                draw(SOME_TEXT) or "plural",
                "",
                {0: draw(SOME_TEXT), 1: draw(SOME_TEXT)},
            )
        item.obsolete = draw(st.integers(0, 4)) == 0
        catalogue.append(item)
    return str(catalogue)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_what_polib_writes_is_read_to_the_same_entries(text):
    try:
        expected = as_polib_reads(text)
    except Refused as refused:
        with pytest.raises(MuwaziError, match=REFUSED_FOR[str(refused)]):
            _read(text, HERE)
        return
    assert _read(text, HERE) == expected


# Lines of every form PO editors write, lines polib reads in its own way, and lines that are wrong.
LINES = [
    "",
    "  ",
    "#",
    "# a note",
    "# machine translation: deepl, 2026-11-29",
    "## twice",
    "#\u00a0spaced",
    "#, fuzzy",
    "#, python-format, fuzzy",
    "#,fuzzy",
    "#,",
    "#. extracted",
    "#.",
    "#: articles/a.txt:3",
    "#:x",
    '#| msgid "before"',
    '#| "more"',
    '#|msgid "x"',
    '#| msgstr "x"',
    '#~ msgid "gone"',
    '#~ msgstr "gone"',
    '#~ "more"',
    '#~ msgctxt "c"',
    '#~| msgid "x"',
    "#~",
    "#~ # a note",
    'msgctxt "c"',
    'msgid ""',
    'msgid "روسيا"',
    'msgid "a\\"b"',
    'msgid "a\\\\"',
    'msgstr ""',
    'msgstr "Russia"',
    'msgstr " "',
    'msgstr "a\\tb\\n"',
    '"continued"',
    '""',
    '"a\\\\"b"',
    'msgid_plural "p"',
    'msgstr[0] "one"',
    'msgstr[1] "two"',
    'msgstr "unclosed',
    "translated",
    '  msgid "indented"',
    'msgid\t"tab"  ',
    '\ufeffmsgid "x"',
]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=14), st.sampled_from(["\n", "\r\n"]), st.booleans())
def test_what_the_grammar_accepts_polib_reads_the_same(lines, newline, final_newline):
    text = newline.join(lines) + (newline if final_newline else "")
    try:
        found = _read(text, HERE)
    except MuwaziError as error:  # stricter than polib is allowed; but a reason polib has too must be its reason
        for oracle, ours in REFUSED_FOR.items():
            if ours in error.message:
                with pytest.raises((Refused, OSError)) as caught:  # OSError: polib finds the file malformed further on
                    as_polib_reads(text)
                assert caught.type is OSError or str(caught.value) == oracle
        return
    assert found == as_polib_reads(text)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (['msgid "a"', 'msgstr ""', '"b"', '"c"'], {"a": Entry("bc", True)}),
        # a file's opening translator comments are the file's, not its first entry's
        (["# machine translation: deepl, 2026-11-29", "#, fuzzy", 'msgid "a"', 'msgstr "b"'], {"a": Entry("b", False)}),
        (
            ["#, fuzzy", "# machine translation: deepl, 2026-11-29", 'msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", False, "deepl", "2026-11-29")},
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
            [
                'msgid "a"',
                'msgid_plural "as"',
                'msgstr[0] "b"',
                'msgstr[1] "bs"',
                'msgid "\\t\\"\\q"',
                'msgstr "\\n x"',
            ],
            {'\t"\\q': Entry("\n x", True)},
        ),
        (
            ['msgctxt "c"', 'msgid ""', 'msgstr "the header, whatever its context"', 'msgid "a"', 'msgstr "b"'],
            {"a": Entry("b", True)},
        ),
    ],
)
def test_entries_read_as_polib_reads_them(lines, expected):
    text = "\n".join(lines)
    assert _read(text, HERE) == as_polib_reads(text) == expected


def refusal(text: str) -> tuple[int, str]:
    with pytest.raises(MuwaziError) as caught:
        _read(text, HERE)
    return caught.value.line, caught.value.message


@pytest.mark.parametrize(
    "lines, line, words",
    [
        (['msgid "a"', 'msgstr "unclosed'], 2, "not a comment, keyword or quoted string"),
        (['msgid "a"', '"b"', "translated", 'msgstr "c"'], 3, "not a comment, keyword or quoted string"),
        (['msgid "a"', "", 'msgid "b"', 'msgstr "c"'], 3, "msgstr expected"),
        (['msgid "a"', 'msgstr "b"', "", '"stray"'], 4, "msgid expected"),
        (["#, fuzzy", 'msgstr "b"'], 2, "msgid expected"),
        (['msgid "a"', "# a note between", 'msgstr "b"'], 2, "msgstr expected"),
        (["#,fuzzy", 'msgid "a"', 'msgstr "b"'], 1, "not a comment, keyword or quoted string"),
        (['#~ msgid "a"', 'msgstr "b"'], 2, "msgstr expected"),
        (['msgid "a"', 'msgstr "b"', "", 'msgid "c"', ""], 4, "the entry on this line has no msgstr"),
        (
            ['msgid "a"', 'msgstr "b"', "#: x.txt:1", 'msgid "a"', 'msgstr "c"'],
            4,
            "duplicate msgid (the same Arabic as the entry at line 1)",
        ),
        (
            ['msgid ""', 'msgstr "header"', 'msgid ""', 'msgstr "another"'],
            3,
            "a second entry with an empty msgid (the header is at line 1)",
        ),
    ],
)
def test_a_file_the_grammar_does_not_fit_is_refused_at_its_line(lines, line, words):
    assert refusal("\n".join(lines) + "\n")[0] == line
    assert words in refusal("\n".join(lines) + "\n")[1]


def test_translate_edits_only_what_the_build_reads(tmp_path):
    """`muwazi translate` loads the memory with polib to change it, but refuses it first as the build would."""
    po = tmp_path / "test.po"
    po.write_text('msgid "a"\n# a note between\nmsgstr "b"\n', encoding="utf-8")
    polib.pofile(str(po))  # polib itself takes it
    for read in (lambda: load(tmp_path, "test"), lambda: load_catalogue(po, "test")):
        with pytest.raises(MuwaziError, match="msgstr expected"):
            read()
