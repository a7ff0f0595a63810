"""Text that would spoof or break a page: bidi controls that reorder what stands around them,
control characters, and the same Arabic in two Unicode forms. The article reader and the
translation memory refuse or read them alike, through one check."""

from pathlib import Path

import pytest

from helpers import SEED_SLUG
from muwazi.errors import MuwaziError
from muwazi.source import parse

ARTICLE = Path(f"content/articles/{SEED_SLUG}.txt")
DATELINE = "الجمعة، 01 يونيو 2018 01:10 م"


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
