"""The gazetteer as a hostile or careless editor may write it: YAML anchors and aliases (a few
lines that stand for gigabytes), values of the wrong type, and aliases that are common words.
Each is refused in one line at the line of what is wrong."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import ROOT
from muwazi.actors import Actor, load_gazetteer
from muwazi.errors import REFUSED, MuwaziError

GAZETTEER = ROOT / "content" / "actors.yml"
TEXT = GAZETTEER.read_text(encoding="utf-8")
SYRIA_EN = "    names: [Syria]"  # a line of the real gazetteer, and the one most cases change


def refused(tmp_path: Path, text: str) -> MuwaziError:
    path = tmp_path / "actors.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(MuwaziError) as caught:
        load_gazetteer(path)
    assert caught.value.path == path
    assert "\n" not in str(caught.value)
    return caught.value


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def billion_laughs(levels: int = 9) -> str:
    """The real gazetteer with an actor whose wikidata holds ten to the `levels` copies of a word."""
    lines = [
        "- id: &id lol",
        "  kind: state",
        "  wikidata:",
        '    - &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    ]
    for level in range(1, levels):
        lines.append(f"    - &l{level} [{','.join([f'*l{level - 1}'] * 10)}]")
    return TEXT + "\n" + "\n".join(lines) + "\n"


def test_the_real_gazetteer_breaks_no_rule():
    assert len(load_gazetteer(GAZETTEER)) == TEXT.count("\n- id: ")


@pytest.mark.parametrize("billion", [False, True])
def test_yaml_anchors_and_aliases_are_refused_at_once(project, billion):
    """In its own process with a time limit: before, the billion laughs filled the memory."""
    text = billion_laughs() if billion else TEXT.replace(SYRIA_EN, "    names: [Syria, *syria]")
    (project / "content" / "actors.yml").write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "muwazi.cli", "generate"], cwd=project, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == REFUSED
    if billion:
        expected = f"content/actors.yml:{line_of(text, '- id: &id lol')}: a YAML anchor (&id) is not allowed"
    else:
        expected = f"content/actors.yml:{line_of(text, '[Syria, *syria]')}: a YAML alias (*syria) is not allowed"
    assert done.stderr.strip().startswith(f"muwazi: error: {expected}"), done.stderr


FIELDS = {
    "wikidata a number": ("  wikidata: Q159", "  wikidata: 159", "wikidata must be text"),
    "wikidata not an item id": ("  wikidata: Q159", "  wikidata: russia", "must be an item id such as Q159"),
    "wikidata a list": ("  wikidata: Q159", "  wikidata: [Q159]", "wikidata must be text, not a list"),
    "native a list": (
        "  native: {lang: ko, name: 김정은}",
        "  native: [ko, 김정은]",
        "native must be a mapping with native.lang, native.name",
    ),
    "native without a name": ("  native: {lang: ko, name: 김정은}", "  native: {lang: ko}", "needs native.name"),
    "native in no language": (
        "  native: {lang: ko, name: 김정은}",
        "  native: {lang: Korean, name: 김정은}",
        "must be a language code",
    ),
    "native with another field": (
        "  native: {lang: ko, name: 김정은}",
        "  native: {lang: ko, name: 김정은, script: Hangul}",
        "unknown field 'script'",
    ),
    "names not a list": (SYRIA_EN, "    names: Syria", "en.names must be a list of names"),
    "a name a number": (SYRIA_EN, "    names: [Syria, 1946]", "each of actor 'syria': en.names must be text"),
    "a name a list": (SYRIA_EN, "    names: [Syria, [Sham]]", "must be text, not a list"),
    "a name that is null": (SYRIA_EN, "    names: [Syria, ~]", "put it in quotes"),
    "names left empty": (SYRIA_EN, "    names:  # Syria", "en.names must be a list of names"),
    "a description that is a date": (
        "    description: The Syrian Arab Republic, a state in western Asia on the eastern Mediterranean; its capital is Damascus.",
        "    description: 1946-04-17",
        "en.description must be text: YAML reads '1946-04-17' as something else; put it in quotes",
    ),
    "a name that is yes": ("    name: Syria", "    name: yes", "put it in quotes"),
    "a kind that is a list": (
        "  kind: state\n  wikidata: Q858",
        "  kind: [state]\n  wikidata: Q858",
        "kind must be text",
    ),
    "a block that is text": (
        "    names: [Sputnik]\n",
        "    names: [Sputnik]\n- id: sham\n  kind: state\n  ar: {name: الشام, description: بلاد الشام.}\n  en: Sham\n",
        "en must be a mapping",
    ),
    "a misspelt field": ("  wikidata: Q858", "  wikdata: Q858", "unknown field 'wikdata'"),
    "a field given twice": ("  wikidata: Q858", "  wikidata: Q858\n  wikidata: Q859", "wikidata is given twice"),
    "a merge key": ("  wikidata: Q858", "  <<: {wikidata: Q858}", "unknown field '<<'"),
    "an actor that is a word": ("- id: syria", "- syria\n- id: syria", "an actor must be a mapping"),
    "a value nested too deep": (SYRIA_EN, "    names: [[[[[[Syria]]]]]]", "nested deeper"),
    "a control character": (SYRIA_EN, "    names: [Syr\x07ia]", "U+0007"),
}


@pytest.mark.parametrize("case", FIELDS)
def test_every_field_has_its_type_checked_at_its_line(tmp_path, case):
    old, new, words = FIELDS[case]
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    error = refused(tmp_path, text)
    assert words in error.message
    first = line_of(text, new)
    assert first <= error.line <= first + new.count("\n"), (error.line, error.message)  # a line of the change


def test_an_empty_gazetteer_is_refused_at_line_1(tmp_path):
    assert refused(tmp_path, "# nothing yet\n").line == 1


ALIASES = {
    "the": ("en", "    names:\n      - Syria\n      - the", "      - the", "common word"),
    "The": ("en", "    names:\n      - Syria\n      - The", "      - The", "common word"),
    "of": ("en", "    names: [Syria, of]", "    names: [Syria, of]", "common word"),
    "a letter": ("en", "    names: [Syria, S]", "    names: [Syria, S]", "fewer than two letters"),
    "an initial": ("en", "    names: [Syria, S.]", "    names: [Syria, S.]", "fewer than two letters"),
    "في": ("ar", "    names: [سوريا, في]", "    names: [سوريا, في]", "common word"),
    "الى": ("ar", "    names: [سوريا, الى]", "    names: [سوريا, الى]", "common word"),  # folded: إلى
    "و": ("ar", "    seats:\n      - دمشق\n      - و", "      - و", "fewer than two letters"),
}


@pytest.mark.parametrize("case", ALIASES)
def test_an_alias_of_one_letter_or_a_common_word_is_refused_at_its_line(tmp_path, case):
    language, new, marker, words = ALIASES[case]
    old = {"en": SYRIA_EN, "ar": "    names: [سوريا, سورية]"}[language]
    if "seats" in new:
        old = "    seats: [دمشق]"
    text = TEXT.replace(old, new, 1)
    error = refused(tmp_path, text)
    assert words in error.message
    assert error.line == line_of(text, marker)


def test_a_name_used_as_the_only_alias_is_checked_too(tmp_path):
    text = TEXT.replace("    name: Syria\n", "    name: Of\n", 1).replace(SYRIA_EN, "    names: []", 1)
    error = refused(tmp_path, text)
    assert "common word" in error.message
    assert error.line == line_of(text, "    name: Of")


# --- fuzzing --------------------------------------------------------------------------------

FRAGMENTS = [
    "Syria", "Q858", "158", "~", "yes", "1946-04-17", "[]", "{}", "[Syria, Sham]", "{lang: ar, name: x}",
    "&a x", "*a", "!!str x", "!!binary x", "!foo x", "[[[[[[[x]]]]]]]", "'unclosed", '"\\x"', "- x",
    "|\n      text", ">-", "? x", "{x: [y, {z: w}]}", "<<: {a: b}", "\t", "\ufeff", "\x85", "في", "the", "S",
]  # fmt: skip
VALUE_LINES = [number for number, line in enumerate(TEXT.split("\n")) if ":" in line and not line.startswith("#")]


@st.composite
def documents(draw) -> str:
    """The real gazetteer with a few of its lines broken, or a document from YAML's own characters."""
    if draw(st.booleans()):
        return draw(st.text(st.sampled_from(list("-:[]{},&*!|>?'\"#\n \t%@`aQ1وي")), max_size=120))
    lines = TEXT.split("\n")
    for number in draw(st.lists(st.sampled_from(VALUE_LINES), min_size=1, max_size=3)):
        key, _, _ = lines[number].partition(":")
        fragment = draw(st.sampled_from(FRAGMENTS) | st.text(max_size=12))
        lines[number] = f"{key}: {fragment}" if draw(st.booleans()) else f"{key}{fragment}"
    return "\n".join(lines)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_any_document_loads_or_is_refused_at_a_line(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("fuzz") / "actors.yml"
    path.write_text(text, encoding="utf-8")
    try:
        actors = load_gazetteer(path)
    except MuwaziError as error:
        assert error.path == path
        assert isinstance(error.line, int) and error.line >= 1
        assert "\n" not in str(error)
    else:
        assert all(isinstance(actor, Actor) for actor in actors)


VOA = "- other: voice-of-america  # a broadcaster, not the United States\n  ar: [صوت أمريكا, صوت أميركا]"
NOT_EN = "    not: [Sergei Ryabkov, Sergey Ryabkov, Sergei Shoigu, Sergey Shoigu]"

WHAT_IS_NO_ACTOR = {
    "an other with a misspelt field": (VOA, VOA + "\n  fr: [Voix de l'Amérique]", "unknown field 'fr'", 2),
    "an other with no names": (VOA, "- other: voice-of-america\n  note: radio", "unknown field 'note'", 1),
    "an other with neither language": (
        VOA + "\n  en: [Voice of America, VOA]",
        "- other: voice-of-america",
        "needs ar or en",
        0,
    ),
    "an other's id": (VOA, VOA.replace("voice-of-america", "Voice of America"), "lower-case Latin letters", 0),
    "an other's name an actor's": (VOA, VOA.replace("صوت أميركا", "أمريكا"), "claimed by both", 1),
    "an other's name a number": (VOA, VOA.replace("صوت أميركا", "1942"), "must be text", 1),
    "a namesakes list that is text": (NOT_EN, "    not: Sergei Ryabkov", "en.not must be a list of names", 0),
    "a namesake a common word": (NOT_EN, "    not: [Sergei Ryabkov, the]", "common word", 0),
    "given names not a flag": (
        "  kind: person\n  native: {lang: ru, name: Сергей",
        "  kind: person\n  given_names: Sergey\n  native: {lang: ru, name: Сергей",
        "true or false",
        1,
    ),
}


@pytest.mark.parametrize("case", WHAT_IS_NO_ACTOR)
def test_what_is_no_actor_is_checked_at_its_line(tmp_path, case):
    old, new, words, offset = WHAT_IS_NO_ACTOR[case]
    assert old in TEXT
    text = TEXT.replace(old, new, 1)
    error = refused(tmp_path, text)
    assert words in error.message
    assert error.line == line_of(text, new) + offset, (error.line, error.message)


def test_a_draft_without_descriptions_is_read_with_none(tmp_path):
    path = tmp_path / "actors.yml"
    draft = "- id: mike-pompeo\n  kind: person\n  ar:\n    name: مايك بومبيو\n  en:\n    name: Mike Pompeo\n"
    path.write_text(TEXT + "\n" + draft, encoding="utf-8")
    actor = load_gazetteer(path)[-1]
    assert (actor.id, actor.ar.description, actor.en.description, actor.ar.names) == (
        "mike-pompeo",
        "",
        "",
        ("مايك بومبيو",),
    )


def test_the_names_that_are_no_actor_are_read_apart_from_the_actors():
    gazetteer = load_gazetteer(GAZETTEER)
    assert all(isinstance(actor, Actor) for actor in gazetteer)
    others = {other.id: other for other in gazetteer.others}
    assert others["voice-of-america"].en == ("Voice of America", "VOA")
    assert len(others) == TEXT.count("\n- other: ")
