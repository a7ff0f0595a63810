"""The translation memory: complete for the seed, and the build refuses what it lacks."""

import polib
import pytest

from helpers import ROOT, SEED_SLUG
from muwazi import memory
from muwazi.cli import main as muwazi
from muwazi.errors import REFUSED
from muwazi.source import read_article
from muwazi.translate import PENDING, REVIEWED, translate

ARTICLE = ROOT / "content" / "articles" / f"{SEED_SLUG}.txt"
PO = ROOT / "content" / "translations" / f"{SEED_SLUG}.po"


def test_every_segment_of_the_seed_has_a_reviewed_translation():
    translated = translate(read_article(ARTICLE), PO.parent)
    assert len(translated.translations) == 10
    assert all(t.status == REVIEWED and t.english.strip() for t in translated.translations)


def test_the_memory_has_no_machine_output_or_strays():
    catalogue = polib.pofile(str(PO))
    segments = {s.text for s in read_article(ARTICLE).segments}
    assert {e.msgid for e in catalogue} == segments
    assert not [e for e in catalogue if "fuzzy" in e.flags or e.obsolete]


def test_translations_carry_every_number_name_and_quotation():
    english = {e.msgid: e.msgstr for e in polib.pofile(str(PO))}
    text = " ".join(english.values())
    for kept in [
        "2013",
        "'1-2-3'",
        "Sergey Lavrov",
        "Kim Jong Un",
        "Dmitry Peskov",
        "Ernest Moniz",
        "Sputnik",
        "Syria",
        "Britain",
        "Pyongyang",
    ]:
        assert kept in text
    final = english[read_article(ARTICLE).body[-1].text]
    assert final.count('"') == 4  # the agency's name, and Lavrov's words as a quotation


def test_reading_and_saving_the_memory_is_byte_identical(tmp_path):
    copy = tmp_path / PO.name
    memory.save(memory.load_catalogue(PO, SEED_SLUG), copy)
    assert copy.read_bytes() == PO.read_bytes()


def remove_entry(po_path, index):
    catalogue = polib.pofile(str(po_path))
    removed = catalogue[index]
    catalogue.remove(removed)
    catalogue.save(str(po_path))
    return removed


def test_a_missing_entry_stops_the_build_naming_article_and_segment(project, capsys):
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    removed = remove_entry(po, 3)  # the second paragraph
    assert muwazi(["build"]) == REFUSED
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith(f"muwazi: error: content/articles/{SEED_SLUG}.txt:{removed.occurrences[0][1]}: no English")
    assert removed.msgid[:20] in error
    assert f"muwazi translate {SEED_SLUG}" in error
    assert not (project / "site").exists()
    assert not (project / "docs" / "articles").exists()


@pytest.mark.slow
def test_allow_pending_shows_the_gap_instead(project):
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    removed = remove_entry(po, 3)
    assert muwazi(["build", "--allow-pending"]) == 0
    html = (project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert html.count("Translation pending") == 1
    translated = translate(
        read_article(project / "content" / "articles" / f"{SEED_SLUG}.txt"), po.parent, allow_pending=True
    )
    assert [t.status for t in translated.translations].count(PENDING) == 1
    assert removed.msgid not in {e.msgid for e in polib.pofile(str(po))}


@pytest.mark.slow
def test_a_machine_entry_is_shown_as_such(project):
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    catalogue = polib.pofile(str(po))
    catalogue[4].flags.append("fuzzy")
    catalogue[4].tcomment = "machine translation: google, 2026-11-29"
    catalogue.save(str(po))
    assert muwazi(["build"]) == 0
    html = (project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert html.count("Machine translation — not reviewed") == 1
    assert "(google, 2026-11-29)" in html
    assert "9 of 10 segments reviewed; 1 machine-translated" in html


def test_a_malformed_po_file_is_refused_with_its_line(project, capsys):
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    lines[12] = 'msgstr "unterminated'
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = po.read_bytes()
    assert muwazi(["build"]) == REFUSED
    error = capsys.readouterr().err
    assert f"{SEED_SLUG}.po:" in error and "malformed PO file" in error
    assert po.read_bytes() == before
