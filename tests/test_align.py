"""The aligner on real text: units that tile both languages, the editor's pins, the fitted model,
the TMX beside each article, and the benchmark's score on the hand-written gold."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ElementTree
from itertools import pairwise
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, SEED, SEED_PO, SEED_SLUG, seed_english
from muwazi import align
from muwazi.actors import ArabicFinder, EnglishFinder, annotate, load_gazetteer
from muwazi.arabic import (
    AND_CUT,
    BARE_OPENER_CUT,
    COLON_CUT,
    OPENER_CUT,
    RELATIVE_CUT,
    SENTENCE_CUT,
    clause_cuts,
    sentences,
)
from muwazi.build import alignment_notes, generate
from muwazi.cli import main as muwazi
from muwazi.config import Project
from muwazi.errors import REFUSED, MuwaziError
from muwazi.source import read_article
from muwazi.translate import translate

sys.path.insert(0, str(ROOT / "benchmarks"))
import alignment as benchmark  # noqa: E402

GOLD = ROOT / "benchmarks" / "alignment"
ACTORS = load_gazetteer(ROOT / "content" / "actors.yml")
ARABIC, ENGLISH = ArabicFinder(ACTORS), EnglishFinder(ACTORS)
LAST = "في ذات السياق"  # how the seed's last paragraph begins


def real_pairs() -> list[tuple[str, str, tuple, tuple]]:
    """Every paragraph of the seed and of the benchmark's articles, with its English and the
    mentions both finders locate."""
    pairs = []
    for articles, translations in ((ROOT / "content" / "articles", ROOT / "content" / "translations"),
                                   (GOLD / "articles", GOLD / "translations")):  # fmt: skip
        for path in sorted(articles.glob("*.txt")):
            annotated = annotate(translate(read_article(path), translations), ARABIC, ENGLISH)
            for (segment, translation), ar, en in zip(
                annotated.translated.pairs(), annotated.arabic, annotated.english, strict=True
            ):
                pairs.append((segment.text, translation.english or "", ar, en))
    return pairs


PAIRS = real_pairs()


def tiles(alignment: align.Alignment, arabic: str, english: str) -> bool:
    """The units cover both texts in order, with no gap and no overlap."""
    units = alignment.units
    return (
        bool(units)
        and units[0].arabic[0] == 0
        and units[0].english[0] == 0
        and units[-1].arabic[1] == len(arabic)
        and units[-1].english[1] == len(english)
        and all(a.arabic[1] == b.arabic[0] and a.english[1] == b.english[0] for a, b in pairwise(units))
        and all(u.arabic[0] < u.arabic[1] and u.english[0] < u.english[1] for u in units)
    )


def aligned_seed(model: align.LengthModel | None = None) -> tuple[str, str, align.Alignment]:
    text, english, ar, en = next(pair for pair in PAIRS if pair[0].startswith(LAST))
    return text, english, align.Aligner(model or align.load_model(ROOT / "content")).align(text, english, ar, en)


# --- the seed ------------------------------------------------------------------------------------


def test_the_seeds_last_paragraph_one_arabic_sentence_is_cut_where_its_english_sentences_begin():
    text, english, alignment = aligned_seed()
    assert len(sentences(text)) == 1 and len(sentences(english)) == 3
    assert tiles(alignment, text, english) and not alignment.pinned
    english_starts = {unit.english[0] for unit in alignment.units}
    for start, _ in sentences(english)[1:]:  # every English sentence begins a unit …
        assert start in english_starts
    pieces = [(text[slice(*u.arabic)], english[slice(*u.english)]) for u in alignment.units]
    # … each beside the Arabic clause it translates: the quotation after «قائلا … مونيس:»
    said = next(k for k, (_, en) in enumerate(pieces) if en.startswith("He said"))
    assert pieces[said][0].startswith("قائلا") and pieces[said][0].rstrip().endswith("مونيس:")
    assert pieces[said + 1][0].startswith("خلال عملكم") and pieces[said + 1][1].startswith('"During')
    assert any(ar.startswith("إلا أنه مع الأسف") and en.startswith("Unfortunately") for ar, en in pieces)
    assert all(0.0 <= unit.confidence <= 1.0 for unit in alignment.units)


def test_a_paragraph_with_one_english_sentence_stays_one_unit():
    one = [pair for pair in PAIRS if pair[1] and len(align.english_cuts(pair[1])) == 0]
    assert one
    for text, english, ar, en in one:
        alignment = align.Aligner().align(text, english, ar, en)
        assert len(alignment.units) == 1 and alignment.units[0].confidence == 1.0


def test_an_unsure_split_is_not_made():
    """«… عبر خطين، ويعد الخط الأول، الذي افتتح عام 1987، …»: the English's one sentence end could
    answer either comma, and the lengths do not tell which; a wrong highlight is worse than none."""
    text, english, ar, en = next(pair for pair in PAIRS if pair[0].startswith("يذكر أن شبكة مترو القاهرة"))
    assert align.english_cuts(english)
    alignment = align.Aligner(align.load_model(ROOT / "content")).align(text, english, ar, en)
    assert len(alignment.units) == 1 and alignment.units[0].confidence < align.CONFIDENT


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.integers(0, len(PAIRS) - 1), min_size=1, max_size=3), st.integers(0, len(PAIRS) - 1), st.booleans())
def test_units_always_tile_both_texts(picked, other, mismatched):
    """Real paragraphs, alone or run together, with their own English or another's: whatever the
    aligner decides, its units tile both texts in order."""
    arabic = " ".join(PAIRS[k][0] for k in picked)
    english = PAIRS[other][1] if mismatched else " ".join(PAIRS[k][1] for k in picked)
    if not english:
        return
    mentions = (PAIRS[picked[0]][2], PAIRS[picked[0]][3]) if len(picked) == 1 and not mismatched else ((), ())
    alignment = align.Aligner().align(arabic, english, *mentions)
    assert tiles(alignment, arabic, english)
    assert all(0.0 <= unit.confidence <= 1.0 for unit in alignment.units)


# --- where a text may be cut ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, before, kind",
    [
        ("وقال الوزير إن الاتفاق مهم. وأضاف أن المفاوضات ستستمر.", "مهم. ", SENTENCE_CUT),
        ("وتساءل المتحدث: هل تنجح روسيا؟ ثم أجاب بنفسه.", "روسيا؟ ", SENTENCE_CUT),
        ("قال الوزير: إن العمل مستمر", "الوزير: ", COLON_CUT),
        ("أدانت الخارجية الإطلاق، مؤكدةً أن واشنطن ملتزمة بأمن حلفائها", "الإطلاق، ", OPENER_CUT),  # with tanwin
        ("رفع البنك الفائدة، إلا أن التضخم واصل الارتفاع", "الفائدة، ", OPENER_CUT),
        ("رحب ترامب بالاتفاق، مشيدا بدور بوتين", "بالاتفاق، ", OPENER_CUT),  # a participle not listed
        ("في كوريا الجنوبية، التي أوضحت أن الصاروخ سقط", "الجنوبية، ", RELATIVE_CUT),
        ("أعلن الوزير موعد التشغيل، وتضم المرحلة 15 محطة", "التشغيل، ", AND_CUT),
        ("التعاون في مجال الطاقة السلميةن حيث نقلت الوكالة", "السلميةن ", BARE_OPENER_CUT),  # the seed's typo for ،
    ],
)
def test_arabic_clause_cuts(text, before, kind):
    position = text.index(before) + len(before)
    assert (position, kind) in clause_cuts(text)


def test_a_comma_after_a_name_is_no_cut_and_one_in_a_list_only_a_weak_one():
    assert clause_cuts("فلاديمير بوتين، الرئيس الروسي، في رسالة موجهة") == []
    assert clause_cuts("اجتمع الرئيس الروسي فلاديمير بوتين بنظيره") == []
    listed = "زار الوزير موسكو، وبكين، وطوكيو"
    assert clause_cuts(listed) == [(listed.index("وبكين"), AND_CUT), (listed.index("وطوكيو"), AND_CUT)]


def test_english_cuts_pass_over_initials_and_titles():
    text = "The U.S. envoy met Mr. Kim. Talks resumed; both sides spoke: briefly."
    cut_before = [text[position:].split()[0] for position, _ in align.english_cuts(text)]
    assert cut_before == ["Talks", "both", "briefly."]


# --- the editor's pin -----------------------------------------------------------------------------


PIN = [
    "[السلميةن] [peaceful nuclear energy:]",
    "[ارنست مونيس:] [Ernest Moniz:]",
]


def with_pin(project: Path, lines: list[str], wrap: int = 78) -> Path:
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    catalogue = polib.pofile(str(po), wrapwidth=wrap)
    entry = next(entry for entry in catalogue if entry.msgid.startswith(LAST))
    entry.tcomment = "\n".join(f"muwazi: units {line}" for line in lines)
    catalogue.wrapwidth = wrap
    catalogue.save(str(po))
    return po


def seed_alignments(project: Path) -> tuple:
    aligner = align.Aligner(align.load_model(project / "content"))
    annotated = annotate(translate(read_article(project / "content" / "articles" / f"{SEED_SLUG}.txt"),
                                   project / "content" / "translations"), ARABIC, ENGLISH)  # fmt: skip
    return align.aligned(annotated, aligner, project / "content" / "translations")


def test_a_pin_in_the_po_file_decides_the_units_whatever_the_wrapping(project):
    with_pin(project, PIN)
    first = seed_alignments(project)
    with_pin(project, PIN, wrap=60)  # a PO editor re-wraps msgid and msgstr
    assert seed_alignments(project).alignments == first.alignments
    k = next(k for k, (s, _) in enumerate(first.translated.pairs()) if s.text.startswith(LAST))
    segment, translation = first.translated.pairs()[k]
    alignment = first.alignments[k]
    assert alignment.pinned and len(alignment.units) == 3 and tiles(alignment, segment.text, translation.english)
    ends = [segment.text[slice(*u.arabic)].rstrip() for u in alignment.units]
    assert ends[0].endswith("السلميةن") and ends[1].endswith("مونيس:")
    assert translation.english[slice(*alignment.units[1].english)].startswith("Russia's")
    assert all(u.confidence == 1.0 for u in alignment.units)
    assert all(not a.pinned for j, a in enumerate(first.alignments) if j != k)


def test_a_pin_can_keep_a_paragraph_whole(project):
    with_pin(project, ["whole"])
    annotated = seed_alignments(project)
    k = next(k for k, (s, _) in enumerate(annotated.translated.pairs()) if s.text.startswith(LAST))
    assert annotated.alignments[k].pinned and len(annotated.alignments[k].units) == 1


@pytest.mark.parametrize(
    "lines, says, failing",
    [
        (
            ["[السلميةن] [no such words]"],
            "the pinned cut «no such words» is not in the English after the previous cut",
            0,
        ),
        (["[ليست في النص] [energy:]"], "the pinned cut «ليست في النص» is not in the Arabic", 0),
        (list(reversed(PIN)), "«السلميةن» is not in the Arabic after the previous cut", 1),
        (['[بين بلداننا.] [our countries."]'], "ends the Arabic: a cut must leave text after it", 0),
        (["السلميةن | energy:"], "is not `[ARABIC WORDS] [ENGLISH WORDS]` (or `whole`)", 0),
        # written long, then saved by polib (as `muwazi translate` saves), which wraps it
        (["[في هذا المجال، قائلا لوزير الطاقة الأمريكي السابق] [cooperation in this field.]"], "is cut short", 0),
    ],
)
def test_a_pin_that_does_not_fit_is_refused_at_its_po_line(project, capsys, lines, says, failing):
    po = with_pin(project, lines)
    pins = [n for n, text in enumerate(po.read_text("utf-8").splitlines(), 1) if text.startswith("# muwazi: units")]
    line = pins[failing]  # the line of the cut that does not fit
    before = sorted(path.name for path in (project / "docs").rglob("*"))
    assert muwazi(["generate"]) == REFUSED
    [error] = [text for text in capsys.readouterr().err.splitlines() if text.startswith("muwazi: error:")]
    assert error.startswith(f"muwazi: error: content/translations/{SEED_SLUG}.po:{line}: ") and says in error
    assert sorted(path.name for path in (project / "docs").rglob("*")) == before  # nothing written


def test_align_check_lists_pinned_and_unsure_paragraphs_with_file_and_line(project, capsys):
    with_pin(project, PIN)
    metro = "2021-07-20-cairo-metro-third-line"
    for folder, suffix in (("articles", ".txt"), ("translations", ".po")):
        (project / "content" / folder / f"{metro}{suffix}").write_bytes(
            (GOLD / folder / f"{metro}{suffix}").read_bytes()
        )
    notes = alignment_notes(Project(project / "content", project / "docs"))

    def line_of(path: Path, start: str) -> int:
        return next(n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if text.startswith(start))

    last, unsure = line_of(SEED, LAST), line_of(GOLD / "articles" / f"{metro}.txt", "يذكر أن شبكة مترو")
    assert [(note.path.name, note.line, note.kind) for note in notes] == [
        (f"{SEED_SLUG}.txt", last, align.PINNED_NOTE),
        (f"{metro}.txt", unsure, align.UNSURE_NOTE),
    ]
    assert muwazi(["align", "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert f"content/articles/{SEED_SLUG}.txt:{last}: alignment-pinned: alignment pinned by an editor: 3 units" in out
    assert any(
        line.startswith(f"content/articles/{metro}.txt:{unsure}: alignment-unsure: shown as one unit") for line in out
    )


# --- the fitted model --------------------------------------------------------------------------------


def test_align_fit_writes_the_model_the_build_reads(project, capsys):
    (project / "content" / align.MODEL_FILE).unlink()
    assert align.load_model(project / "content") == align.DEFAULT_MODEL
    assert muwazi(["align", "fit"]) == 0
    written = json.loads((project / "content" / align.MODEL_FILE).read_text("utf-8"))
    english = seed_english()
    lengths = [(len(a.strip()), len(e.strip())) for a, e in english.items()]
    ratio = sum(e for _, e in lengths) / sum(a for a, _ in lengths)
    assert written["pairs"] == len(lengths) and written["ratio"] == pytest.approx(ratio, abs=1e-4)
    assert align.load_model(project / "content") == align.LengthModel(**written)
    assert (project / "content" / align.MODEL_FILE).read_text("utf-8") == (
        ROOT / "content" / align.MODEL_FILE
    ).read_text("utf-8")  # the committed model is the seed's fit, and the fit is deterministic


@pytest.mark.parametrize("text", ["{", '{"ratio": 1}', '{"ratio": -1, "variance": 1, "pairs": 3}'])
def test_a_broken_model_file_is_refused(tmp_path, text):
    (tmp_path / align.MODEL_FILE).write_text(text, "utf-8")
    with pytest.raises(MuwaziError) as refused:
        align.load_model(tmp_path)
    assert "muwazi align fit" in str(refused.value) and align.MODEL_FILE in str(refused.value)


def test_adding_an_article_changes_no_other_articles_units(project):
    """The model is a committed file, not refitted by the build: a new article leaves every other
    page and TMX as they were."""
    generated = Project(project / "content", project / "docs")
    generate(generated)
    tmx = project / "docs" / "articles" / SEED_SLUG / f"{SEED_SLUG}.tmx"
    page = project / "docs" / "articles" / f"{SEED_SLUG}.md"
    before = tmx.read_bytes(), page.read_bytes()
    for folder, suffix in (("articles", ".txt"), ("translations", ".po")):
        for path in (GOLD / folder).glob(f"*{suffix}"):
            (project / "content" / folder / path.name).write_bytes(path.read_bytes())
    generate(generated)
    assert (tmx.read_bytes(), page.read_bytes()) == before


# --- the TMX beside each article ---------------------------------------------------------------------


def test_every_articles_tmx_parses_and_its_units_give_back_the_texts(project):
    for folder, suffix in (("articles", ".txt"), ("translations", ".po")):
        for path in (GOLD / folder).glob(f"*{suffix}"):
            (project / "content" / folder / path.name).write_bytes(path.read_bytes())
    generate(Project(project / "content", project / "docs"))
    articles = sorted((project / "content" / "articles").glob("*.txt"))
    assert len(articles) == 6
    split = 0
    for path in articles:
        article = read_article(path)
        english = {e.msgid: e for e in polib.pofile(str(project / "content" / "translations" / f"{article.slug}.po"))}
        root = ElementTree.parse(project / "docs" / "articles" / article.slug / f"{article.slug}.tmx").getroot()
        assert root.tag == "tmx" and root.get("version") == "1.4" and root.find("header").get("srclang") == "ar"
        units = root.findall("body/tu")
        for segment in article.segments:
            anchor = segment.anchor or "top"
            mine = [tu for tu in units if tu.get("tuid").rsplit("-", 1)[0] == anchor]
            assert [tu.get("tuid") for tu in mine] == [f"{anchor}-{n}" for n in range(1, len(mine) + 1)]
            texts = {
                lang: "".join(
                    tu.find(f"tuv[@{{http://www.w3.org/XML/1998/namespace}}lang='{lang}']/seg").text for tu in mine
                )  # fmt: skip
                for lang in ("ar", "en")
            }
            assert texts == {"ar": segment.text, "en": english[segment.text].msgstr}
            status = "machine" if "fuzzy" in english[segment.text].flags else "reviewed"
            assert {tu.find("prop[@type='x-muwazi-translation']").text for tu in mine} == {status}
            split += len(mine) > 1
            assert all(tu.get("segtype") == ("paragraph" if len(mine) == 1 else None) for tu in mine)
    assert split >= 15  # most paragraphs of the press-style articles are in several units


def test_the_tmx_of_a_removed_article_is_removed_and_none_is_left_half_written(project):
    generated = Project(project / "content", project / "docs")
    generate(generated)
    folder = project / "docs" / "articles" / SEED_SLUG
    assert (folder / f"{SEED_SLUG}.tmx").is_file()
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]
    (project / "content" / "articles" / f"{SEED_SLUG}.txt").rename(project / "content" / "articles" / "x.txt")
    (project / "content" / "translations" / f"{SEED_SLUG}.po").rename(project / "content" / "translations" / "x.po")
    generate(generated)
    assert not folder.exists()
    assert (project / "docs" / "articles" / "x" / "x.tmx").is_file()


def test_the_article_footer_links_its_tmx(project):
    generate(Project(project / "content", project / "docs"))
    page = (project / "docs" / "articles" / f"{SEED_SLUG}.md").read_text("utf-8")
    footer = page[page.index("<footer") :]
    assert f'<a href="{SEED_SLUG}.tmx" type="application/x-tmx+xml" download>The aligned text, TMX</a>' in footer
    assert f'<a href="{SEED_SLUG}.tmx" type="application/x-tmx+xml" download>النص المحاذى جملةً بجملة، TMX</a>' in footer


# --- the benchmark ---------------------------------------------------------------------------------


def test_the_benchmark_meets_its_targets_on_the_gold():
    """The gold is fixed data written by hand; the targets are the issue's."""
    scores = benchmark.score()
    press, seed = scores["press-style"], scores["seed"]
    assert press.gold >= 20 and press.paragraphs >= 25
    assert press.precision >= 0.95 and press.recall >= 0.85
    assert seed.right == seed.gold == seed.predicted  # every cut a person would make, and no other
    assert "| press-style | 25 |" in benchmark.table(scores)


def test_the_gold_is_read_with_the_pin_notation():
    gold = benchmark.read_gold(GOLD / "gold" / f"{SEED_SLUG}.gold")
    text = next(pair[0] for pair in PAIRS if pair[0].startswith(LAST))
    english = next(pair[1] for pair in PAIRS if pair[0].startswith(LAST))
    line = next(n for n, t in enumerate(SEED.read_text("utf-8").splitlines(), 1) if t.startswith(LAST))
    pinned = align.pinned(text, english, gold[line])
    assert len(pinned.units) == 6 and tiles(pinned, text, english)
    assert benchmark.cut_points(pinned, text, english) == benchmark.cut_points(pinned, text, english.replace("  ", " "))
    assert SEED_PO.exists()
