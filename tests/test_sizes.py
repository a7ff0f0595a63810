"""Sizes: a long paragraph is shown whole on its page, but what previews and feeds copy of it
(the description meta tags, the feed's summary) is cut to a few lines at a word boundary."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import polib
import pytest

from helpers import SEED, SEED_PO, SEED_SLUG
from muwazi.cli import main as muwazi
from muwazi.render.markup import DESCRIPTION_LENGTH, description
from muwazi.source import read_article

ATOM = {"a": "http://www.w3.org/2005/Atom"}
LONG_ENGLISH = " ".join(f"word{number}" for number in range(300_000))  # about 2.5 MB


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Short enough.", "Short enough."),
        ("x" * DESCRIPTION_LENGTH, "x" * DESCRIPTION_LENGTH),
        ("ab " * 200, ("ab " * 100).rstrip() + "…"),  # cut after a whole word
        ("y" * 1000, "y" * (DESCRIPTION_LENGTH - 1) + "…"),  # one word: cut inside it
        ("a" * 298 + " bcdef", "a" * 298 + "…"),  # never half a word
    ],
)
def test_a_description_is_cut_at_a_word_boundary(text, expected):
    assert description(text) == expected
    assert len(description(text)) <= DESCRIPTION_LENGTH


def make_first_paragraph_long(project: Path) -> str:
    """The seed's first paragraph translated as a very long English text; its Arabic."""
    first = next(segment.text for segment in read_article(SEED).body if segment.kind == "paragraph")
    po = project / "content" / "translations" / SEED_PO.name
    catalogue = polib.pofile(str(po))
    catalogue.find(first).msgstr = LONG_ENGLISH
    catalogue.save(str(po))
    return first


def test_a_long_first_paragraph_is_cut_in_the_description_and_the_feed_but_shown_whole(project):
    make_first_paragraph_long(project)
    assert muwazi(["generate"]) == 0
    page = (project / "docs" / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    described = re.search(r'^description: "(.*)"$', page, re.M)
    assert described is not None
    assert described[1].endswith("…") and len(described[1]) <= DESCRIPTION_LENGTH
    assert LONG_ENGLISH.startswith(described[1].removesuffix("…") + " ")  # whole words only
    assert LONG_ENGLISH in page  # the page itself shows the paragraph whole
    feed = ET.parse(project / "docs" / "feed.xml").getroot()
    summary = feed.find("a:entry/a:summary", ATOM)
    assert summary is not None and summary.text == described[1]
    assert (project / "docs" / "feed.xml").stat().st_size < 10_000
