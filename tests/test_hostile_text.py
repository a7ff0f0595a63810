"""Text that would spoof or break a page: bidi controls that reorder what stands around them,
control characters, and the same Arabic in two Unicode forms. The article reader and the
translation memory refuse or read them alike, through one check."""

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, SEED_SLUG, copy_project, files_in, muwazi_in
from muwazi.arabic import forbidden_character
from muwazi.errors import MuwaziError
from muwazi.memory import Entry, load, load_catalogue, path_for
from muwazi.source import parse, read_article
from muwazi.translate import REVIEWED, translate

ARTICLE = Path(f"content/articles/{SEED_SLUG}.txt")
DATELINE = "الجمعة، 01 يونيو 2018 01:10 م"
SLUG = "memory"
SEED = ROOT / "content" / "articles" / f"{SEED_SLUG}.txt"
SEED_PO = ROOT / "content" / "translations" / f"{SEED_SLUG}.po"


def article(*body: str) -> str:
    return "\n".join(["قمة بوتين وكيم", DATELINE, *body]) + "\n"


def refusal(text: str) -> MuwaziError:
    with pytest.raises(MuwaziError) as caught:
        parse(text, ARTICLE)
    return caught.value


@pytest.mark.parametrize(
    "control, name",
    [
        ("\u202a", "left-to-right embedding"),
        ("\u202b", "right-to-left embedding"),
        ("\u202c", "pop directional formatting"),
        ("\u202d", "left-to-right override"),
        ("\u202e", "right-to-left override"),
    ],
)
def test_bidi_embeddings_and_overrides_are_refused_at_their_line_and_column(control, name):
    error = refusal(article("فقرة أولى.", f"قال لافروف {control}إن الزيارة مهمة."))
    assert (error.path, error.line) == (ARTICLE, 4)
    assert error.message.startswith(f"bidi control U+{ord(control):04X} ({name}) at column 12: delete it")


def test_an_override_in_the_title_is_refused_before_it_reaches_any_page():
    error = refusal("\u202eقمة بوتين وكيم\n" + DATELINE + "\nفقرة أولى.\n")
    assert (error.line, error.message.split(":")[0]) == (1, "bidi control U+202E (right-to-left override) at column 1")


@pytest.mark.parametrize(
    "line",
    [
        "قالت صحيفة \u2066New York Times\u2069 إن القمة تأجلت.",
        "نقلت \u2067وكالة \u2066AP\u2069 للأنباء\u2069 و\u2068TASS\u2069 الخبر.",  # nested, and first-strong
    ],
)
def test_balanced_isolates_are_kept_as_written(line):
    assert parse(article(line), ARTICLE).body[0].text == line


@pytest.mark.parametrize(
    "line, column, words",
    [
        ("قالت صحيفة \u2066New York Times إن القمة تأجلت.", 12, "U+2066 that is never closed"),
        ("نقلت \u2067وكالة \u2066AP\u2069 للأنباء الخبر.", 6, "U+2067 that is never closed"),
        (
            "قالت صحيفة New York Times\u2069 إن القمة تأجلت.",
            26,
            "U+2069 (pop directional isolate) that closes no isolate",
        ),
        ("\u2069\u2066فقرة.", 1, "closes no isolate"),
    ],
)
def test_an_isolate_left_open_or_closed_without_opening_is_refused_at_its_column(line, column, words):
    error = refusal(article("فقرة أولى.", line))
    assert error.line == 4
    assert error.message.startswith("bidi ")
    assert f"{words} at column {column}: " in error.message


def test_an_isolate_is_closed_on_its_own_line():
    """Balanced across two lines is two lines each unbalanced: each line is a segment of its own."""
    error = refusal(article("قالت صحيفة \u2066New York", "Times\u2069 إن القمة تأجلت."))
    assert (error.line, "never closed at column 12" in error.message) == (3, True)


# --- the translation memory -------------------------------------------------------------------


def memory_refusal(folder: Path, lines: list[str], newline: str = "\n") -> MuwaziError:
    """The build (`load`) and `muwazi translate` (`load_catalogue`) refuse alike: the one error."""
    path = path_for(folder, SLUG)
    path.write_bytes((newline.join(lines) + newline).encode("utf-8"))
    errors = []
    for read in (lambda: load(folder, SLUG), lambda: load_catalogue(path, SLUG)):
        with pytest.raises(MuwaziError) as caught:
            read()
        errors.append(caught.value)
    assert errors[0].path == path and str(errors[0]) == str(errors[1])
    return errors[0]


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\x7f", "\x85", "\x9b", "\x0b", "\x1c", "\u202a", "\u202e"])
@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_control_character_or_bidi_override_in_a_msgstr_is_refused_at_its_line_and_column(tmp_path, control, newline):
    lines = ['msgid ""', 'msgstr "Content-Type: text/plain; charset=UTF-8\\n"', "", 'msgid "موسكو"']
    lines += ['msgstr ""', '"Moscow seeks "', f'"to answer {control}[0m Washington"']
    error = memory_refusal(tmp_path, lines, newline)
    assert error.line == 7
    # as the article reader says it of the same character at the same column
    assert error.message == refusal(article("a" * 11 + control + " Washington.")).message


@pytest.mark.parametrize("control", ["\x00", "\x1b", "\u202e"])
def test_a_control_character_in_a_msgid_is_refused_at_its_line(tmp_path, control):
    error = memory_refusal(tmp_path, ['msgid "a"', 'msgstr "b"', "", f'msgid "موس{control}كو"', 'msgstr "Moscow"'])
    assert error.line == 4
    assert error.message.startswith(f"{'bidi' if control == chr(0x202E) else 'control'} ")
    assert f"U+{ord(control):04X}" in error.message and "at column 11: delete it" in error.message


@pytest.mark.parametrize("escaped, code", [("\\v", "U+000B"), ("\\b", "U+0008"), ("\\f", "U+000C")])
def test_a_control_character_written_as_an_escape_is_refused_at_its_line(tmp_path, escaped, code):
    error = memory_refusal(tmp_path, ['msgid "a"', 'msgstr ""', '"Mos"', f'"cow{escaped}"'])
    assert error.line == 4
    assert error.message == f"control character {code} in the msgstr: delete it (it cannot be shown on a page)"


def test_isolates_in_the_memory_are_kept_balanced_across_the_lines_of_one_string(tmp_path):
    path = path_for(tmp_path, SLUG)
    path.write_text(
        'msgid "a"\nmsgstr ""\n"The \\u2067"\n"وكالة\u2069 said."\n'.replace("\\u2067", "\u2067"), encoding="utf-8"
    )
    assert load(tmp_path, SLUG) == {"a": Entry("The \u2067وكالة\u2069 said.", True)}


@pytest.mark.parametrize(
    "lines, line, words",
    [
        (
            ['msgid "a"', 'msgstr ""', '"The \u2067وكالة"', '" said."'],
            3,
            "bidi isolate U+2067 that is never closed in the msgstr",
        ),
        (['msgid "a"', 'msgstr "The"', '" said\u2069."'], 3, "closes no isolate in the msgstr"),
        (['msgid "\u2066a"', 'msgstr "b"'], 1, "bidi isolate U+2066 that is never closed in the msgid"),
    ],
)
def test_an_unbalanced_isolate_in_the_memory_is_refused_at_its_line(tmp_path, lines, line, words):
    error = memory_refusal(tmp_path, lines)
    assert error.line == line
    assert words in error.message


def test_controls_in_comments_and_obsolete_entries_are_refused_too(tmp_path):
    """A whole file is refused at the line of any control character, as an article is."""
    assert memory_refusal(tmp_path, ["# a note\x1b[0m", 'msgid "a"', 'msgstr "b"']).line == 1
    assert memory_refusal(tmp_path, ['msgid "a"', 'msgstr "b"', "", '#~ msgid "c"', '#~ msgstr "\x00"']).line == 5


HOSTILE = st.sampled_from(
    [
        "\x00",
        "\x1b",
        "\x7f",
        "\x85",
        "\x0b",
        "\x0c",
        "\u2028",
        "\u202b",
        "\u202e",
        "\u2066",
        "\u2067",
        "\u2069",
        "\r",
        "\\v",
        "\\f",
        "\\b",
        "\\n",
        "a\u0654",
        "أ",
    ]
)
PIECES = st.lists(st.one_of(HOSTILE, st.sampled_from(["موسكو", "Moscow", " ", '\\"'])), max_size=6).map("".join)


@st.composite
def hostile_memories(draw) -> list[str]:
    """The lines of a PO file whose strings hold whatever an attacker or a broken copy puts there."""
    lines = []
    for _ in range(draw(st.integers(1, 4))):
        lines += draw(st.sampled_from([[], ["# " + draw(PIECES)], ["#, fuzzy"]]))
        lines += [f'msgid "{draw(PIECES)}"', f'msgstr "{draw(PIECES)}"']
        lines += [f'"{draw(PIECES)}"' for _ in range(draw(st.integers(0, 2)))] + [""]
    return lines


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(hostile_memories())
def test_hostile_strings_in_the_memory_are_read_clean_or_refused_at_a_line(tmp_path, lines):
    path = path_for(tmp_path, SLUG)
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        entries = load(tmp_path, SLUG)
    except MuwaziError as error:
        assert error.path == path and 1 <= (error.line or 0) <= len(path.read_text(encoding="utf-8").splitlines())
        assert "\n" not in str(error)
        return
    for arabic, entry in entries.items():
        assert forbidden_character(arabic) is None and forbidden_character(entry.english) is None


# --- one Arabic, two Unicode forms -----------------------------------------------------------


def seed_in(folder: Path, article_form: str, memory_form: str) -> Path:
    """The seed's article and memory copied into a project, each in the Unicode form asked for."""
    copy_project(folder)
    article, po = folder / "content" / "articles" / SEED.name, folder / "content" / "translations" / SEED_PO.name
    article.write_text(unicodedata.normalize(article_form, SEED.read_text(encoding="utf-8")), encoding="utf-8")
    po.write_text(unicodedata.normalize(memory_form, SEED_PO.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_the_seed_decomposes_so_that_the_forms_differ():
    text = SEED.read_text(encoding="utf-8")
    assert unicodedata.normalize("NFD", text) != text == unicodedata.normalize("NFC", text)


def test_an_article_is_read_in_nfc():
    text = article("فقرة ا\u0654ولى.")  # ا and a hamza above: أ decomposed
    assert parse(unicodedata.normalize("NFD", text), ARTICLE).body[0].text == "فقرة أولى."


def test_a_memory_is_read_in_nfc(tmp_path):
    path = path_for(tmp_path, SLUG)
    path.write_text(unicodedata.normalize("NFD", 'msgid "أولى"\nmsgstr "Première"\n'), encoding="utf-8")
    assert load(tmp_path, SLUG) == {"أولى": Entry("Première", True)}
    assert [(item.msgid, item.msgstr) for item in load_catalogue(path, SLUG)] == [("أولى", "Première")]


@pytest.mark.parametrize("forms", [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")])
def test_an_article_finds_its_english_whatever_form_either_is_saved_in(tmp_path, forms):
    project = seed_in(tmp_path, *forms)
    translated = translate(
        read_article(project / "content" / "articles" / SEED.name), project / "content" / "translations"
    )
    assert [t.english for t in translated.translations] == [
        t.english for t in translate(read_article(SEED), SEED_PO.parent).translations
    ]
    assert all(t.status == REVIEWED for t in translated.translations)


@pytest.mark.slow
def test_an_nfc_article_with_an_nfd_memory_generates_the_same_pages(tmp_path):
    pages = {}
    for forms in (("NFC", "NFC"), ("NFC", "NFD"), ("NFD", "NFC")):
        project = seed_in(tmp_path / "-".join(forms), *forms)
        assert muwazi_in(project, ["generate"]) == 0
        pages[forms] = files_in(project / "docs")
    assert pages[("NFC", "NFD")] == pages[("NFC", "NFC")] == pages[("NFD", "NFC")]


def test_msgids_equal_in_nfc_are_duplicates_at_the_second_msgid_line(tmp_path):
    lines = ['msgid "أولى"', 'msgstr "First"', "", "#: articles/x.txt:4", 'msgid "ا\u0654ولى"', 'msgstr "Second"']
    error = memory_refusal(tmp_path, lines)
    assert error.line == 5
    assert error.message.startswith(
        "duplicate msgid (the same Arabic as the entry at line 1, once both are in Unicode NFC)"
    )


@pytest.mark.parametrize("forms", [("NFD", "NFC"), ("NFC", "NFD")])
def test_translate_finds_the_entry_in_the_other_form_and_adds_no_look_alike(tmp_path, capsys, forms):
    project = seed_in(tmp_path, *forms)
    po = project / "content" / "translations" / SEED_PO.name
    before = po.read_bytes()
    engine = ["translate", "--engine", "libre", "--url", "http://127.0.0.1:9/", "--delay", "0"]
    assert muwazi_in(project, [*engine, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out == "would send 0 segments, 0 characters, to libre (nothing sent: dry run)\n"
    assert muwazi_in(project, engine) == 0
    assert "nothing to translate" in capsys.readouterr().out
    assert po.read_bytes() == before
