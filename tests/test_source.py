"""The parser on the real seed article."""

import hashlib
from pathlib import Path

import pytest

from helpers import ROOT, SEED_SLUG
from muwazi.errors import MuwaziError
from muwazi.source import parse, read_article, read_articles

SEED = ROOT / "content" / "articles" / f"{SEED_SLUG}.txt"
SEED_SHA256 = "746532cc18652d0cebfcadb7b79b13910ea7ba4b5a8dc1fb1fb813cd5145f421"


def test_the_seed_is_carried_byte_identical():
    """The project's copy is the seed as it was handed over (its SHA-256 is recorded here): strict
    UTF-8 without a BOM or a CR, every line of it read by the parser as written. Beside the main
    checkout the shared seeds hold the original, which it must equal byte for byte."""
    data = SEED.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SEED_SHA256
    text = data.decode("utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text
    article = read_article(SEED)
    assert [article.title.text, article.dateline.written, *(s.text for s in article.body)] == text.split("\n")
    shared = ROOT.parent / "shared" / "seeds" / "000_9e8d747f78e969ee.txt"
    if shared.exists():
        assert shared.read_bytes() == data


def test_the_seed_parses_into_title_dateline_subheadings_and_paragraphs():
    article = read_article(SEED)
    lines = SEED.read_text(encoding="utf-8").splitlines()
    assert article.slug == SEED_SLUG
    assert article.title.text == lines[0]
    assert article.dateline.written == lines[1]
    assert article.dateline.iso == "2018-06-01T13:10:00+02:00"
    assert [s.kind for s in article.body] == [
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert [s.text for s in article.body] == lines[2:]
    assert [s.line for s in article.body] == list(range(3, 12))
    headings = [s.text for s in article.body if s.kind == "heading"]
    assert headings == [
        "هدف روسيا من زيارة كوريا الشمالية",
        "قمة بين كيم يونج اون وبوتين",
        "موسكو تسعى للتوافق مع واشنطن",
    ]
    assert [s.anchor for s in article.body] == ["p1", "s1", "p2", "p3", "s2", "p4", "p5", "s3", "p6"]


def test_articles_are_found_in_the_folder():
    assert [a.slug for a in read_articles(SEED.parent)] == [SEED_SLUG]


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("", 1, "empty"),
        ("عنوان المقال\n", 2, "no dateline"),
        ("عنوان المقال\nالجمعة، 01 يونيو 2018 01:10 م\n", 3, "no body"),
        ("عنوان المقال\nفقرة أولى من المقال تبدأ هنا.\nفقرة ثانية.\n", 2, "dateline"),
    ],
)
def test_incomplete_articles_are_refused_with_file_and_line(text, line, words):
    with pytest.raises(MuwaziError) as caught:
        parse(text, Path("content/articles/broken.txt"))
    assert caught.value.line == line
    assert str(caught.value).startswith(f"content/articles/broken.txt:{line}: ")
    assert words in str(caught.value)
