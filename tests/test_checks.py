"""`muwazi check`: the real checks on the seed's real text and on corrupted copies of it, the
command's output and exit codes, accepted findings, the build log's summary, the page's flag for a
machine translation (through a LibreTranslate stand-in on 127.0.0.1) and the report link in Chromium."""

from __future__ import annotations

import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import polib
import pytest

from helpers import SEED_SLUG, screenshot, seed_english, served, synthetic_articles, synthetic_project
from muwazi import arabic
from muwazi.actors import load_gazetteer
from muwazi.checks import (
    Checker,
    accepted_checks,
    arabic_figures,
    arabic_left,
    english_figures,
    figures_differ,
    negations_differ,
    quotation_lost,
)
from muwazi.cli import main as muwazi
from muwazi.source import read_article

SEED_ARTICLE = f"content/articles/{SEED_SLUG}.txt"
LAST = "قائلا لوزير الطاقة الأمريكي السابق ارنست مونيس"  # in the seed's last paragraph (line 11)


def po_of(project: Path) -> Path:
    return project / "content" / "translations" / f"{SEED_SLUG}.po"


def change_english(
    project: Path, arabic_part: str, old: str, new: str, comment: str | None = None, machine: bool = False
) -> int:
    """Change the English of the entry whose Arabic holds `arabic_part` (and mark it as a machine's,
    not reviewed); its line in the article."""
    catalogue = polib.pofile(str(po_of(project)))
    entry = next(e for e in catalogue if arabic_part in e.msgid)
    assert old in entry.msgstr
    entry.msgstr = entry.msgstr.replace(old, new)
    if comment:
        entry.tcomment = comment
    if machine:
        entry.flags.append("fuzzy")
        entry.tcomment = "\n".join(filter(None, [entry.tcomment, "machine translation: libre, 2026-12-01"]))
    catalogue.save(str(po_of(project)))
    segment = next(s for s in read_article(project / SEED_ARTICLE).segments if s.text == entry.msgid)
    return segment.line


# --- the checks themselves, on press text -----------------------------------------------------


def test_figures_read_digits_number_words_scales_and_dates_in_both_languages():
    assert [f.value for f in arabic_figures("تم إبرام اتفاقية في العام ٢٠١٣ وتسمى «1-2-3»")] == ["2013", "1", "2", "3"]
    assert [f.value for f in arabic_figures("قتل ثلاثة عشر شخصا وأصيب خمسة وعشرون")] == ["13", "25"]
    assert [f.value for f in arabic_figures("نحو 10 آلاف لاجئ و1.5 مليار دولار")] == ["10000", "1500000000"]
    assert [f.value for f in arabic_figures("ارتفع بنسبة 5 في المئة")] == ["5"]
    assert [f.value for f in english_figures("about 10,000 refugees and $1.5 billion")] == ["10000", "1500000000"]
    assert [f.value for f in english_figures("thirteen people; twenty-five were hurt in the 21st year")] == ["13", "25"]
    assert [f.value for f in arabic_figures("الجمعة 17 رمضان 1439 هـ")] == ["17", "Hijri month 9", "1439"]
    assert [f.value for f in english_figures("Friday 17 Ramadan 1439 AH")] == ["17", "1439", "Hijri month 9"]
    assert [f.value for f in arabic_figures("في 12 يونيه 2018 مارس ضغوطا")] == ["12", "month 6", "2018"]  # مارس: a verb
    assert [f.value for f in english_figures("on June 12, 2018 it may fall")] == ["month 6", "12", "2018"]


def test_figures_differ_names_what_changed_and_tolerates_a_dual_or_one():
    seed = "تم إبرام اتفاقية حكومية في العام 2013"
    assert figures_differ(seed, "an intergovernmental agreement was concluded in 2013") is None
    assert figures_differ(seed, "an agreement was concluded in 2014") == (
        "2013 in the Arabic, not in the English; 2014 in the English, not in the Arabic"
    )
    assert figures_differ("قتل ثلاثة أشخاص", "3 people were killed") is None
    assert figures_differ("قتل ثلاثة أشخاص", "people were killed") == "3 in the Arabic, not in the English"
    assert figures_differ("التقى الزعيمان مرتين", "the two leaders met twice") is None  # duals: «two» is optional
    assert figures_differ("قبل عامين", "two years ago") is None


def test_arabic_left_in_the_english_is_quoted():
    assert arabic_left("Russian Foreign Minister Sergey Lavrov visited Pyongyang") is None
    assert (
        arabic_left("the leader of North Korea, كيم يونج أون, said")
        == "Arabic script left in the English: «كيم يونج أون»"
    )


def test_a_quotation_needs_quotation_marks_in_the_english_but_a_quoted_name_does_not():
    quoted = 'وقال الوزير: "إن بلادنا لن تقبل بهذه الشروط أبدا"'
    assert quotation_lost(quoted, 'The minister said: "Our country will never accept these terms."') is None
    assert "«إن بلادنا لن تقبل بهذه الشروط…»" in quotation_lost(
        quoted, "The minister said his country would never accept the terms."
    )
    assert quotation_lost('نقلت وكالة "سبوتنيك" الروسية', "Russia's Sputnik agency reported") is None
    assert (
        quotation_lost("قائلا: «خلال عملكم في منصب وزير الطاقة", 'saying: "During your time as energy minister') is None
    )


def test_negations_are_counted_with_their_idioms():
    seed = "روسيا تسعى لإجراء قمة ثانية ولكن هذه المرة ليست مع ترامب"
    assert negations_differ(seed, "Russia seeks a second summit, but this time not with Trump") is None
    assert negations_differ(seed, "Russia seeks a second summit, this time with Trump") == (
        "the Arabic has 1 negation (لا، لم، لن، ليس …), the English 0"
    )
    assert (
        negations_differ(
            "لا يزال الحوار قائما، لا سيما في الطاقة", "The dialogue is still going on, especially in energy"
        )
        is None
    )
    assert negations_differ("إنجاز غير مسبوق", "an unprecedented achievement") is None
    assert negations_differ("لم يحضر الوزير", "the minister did not attend") is None
    assert (
        negations_differ("حضر الوزير", "the minister didn't attend")
        == "the English has 1 negation (not, no, never …), the Arabic 0"
    )


def test_names_must_be_named_in_both_languages(tmp_path):
    from muwazi.actors import ArabicFinder, EnglishFinder

    actors = load_gazetteer(Path("content/actors.yml").resolve())
    checker = Checker(actors)
    text = "قمة بين كيم يونج اون وبوتين"
    arabic, english = (
        ArabicFinder(actors).find(text),
        EnglishFinder(actors).find("A summit between Kim Jong Un and Trump"),
    )
    said = [message for check, message, _ in checker.names({m.actor for m in arabic}, {m.actor for m in english})]
    assert said == [
        "Vladimir Putin (فلاديمير بوتين) is named in the Arabic, not in the English",
        "Donald Trump (دونالد ترامب) is named in the English, not in the Arabic",
    ]


def test_accept_directives_are_read_as_check_names():
    assert accepted_checks([("accept", "names figures"), ("units", "x | y"), ("accept", "negation,quotations")]) == {
        "names",
        "figures",
        "negation",
        "quotations",
    }


def test_number_words_and_negations_are_folded_like_the_rest_of_arabic():
    assert arabic.NUMBER_WORDS[arabic.folded("ثلاثة")] == 3
    assert arabic.NUMBER_WORDS[arabic.folded("إحدى")] == 1
    assert arabic.folded("ليس") in arabic.NEGATIONS


# --- the command ------------------------------------------------------------------------------


def test_the_seeds_reviewed_memory_gives_no_finding(project, capsys):
    assert muwazi(["check", "--strict"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines() == [
        "0 findings in 0 articles (0 warnings); 0 candidate actors unknown to content/actors.yml (15 actors); "
        "0 paragraphs with a pinned or unsure alignment: nothing to look at"
    ]


def test_findings_are_listed_at_the_segments_line_and_strict_fails(project, capsys):
    line = change_english(project, LAST, "in 2013", "in 2014")
    names_line = change_english(project, "قمة بين كيم يونج اون وبوتين", "and Putin", "and Lavrov")
    assert muwazi(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert (
        f"{SEED_ARTICLE}:{line}: figures: 2013 in the Arabic, not in the English; 2014 in the English, not in the Arabic"
        in out
    )
    assert (
        f"{SEED_ARTICLE}:{names_line}: names: Sergey Lavrov (سيرجي لافروف) is named in the English, not in the Arabic"
        in out
    )
    assert (
        f"{SEED_ARTICLE}:{names_line}: names: Vladimir Putin (فلاديمير بوتين) is named in the Arabic, not in the English"
        in out
    )
    # the names the translation changed are also left unlinked on the page, and listed as such
    assert out[-1].startswith("3 findings in 1 article (0 warnings); 0 candidate actors")
    assert "; 2 names left unlinked;" in out[-1]
    for finding in out[:-1]:
        assert re.fullmatch(r"content/articles/[\w-]+\.txt:\d+: [\w-]+: .+", finding)
    assert muwazi(["check", "--strict"]) == 1


def test_an_accepted_finding_is_not_listed(project, capsys):
    change_english(project, LAST, "in 2013", "in 2014", comment="muwazi: accept figures")
    assert muwazi(["check", "--strict"]) == 0
    assert capsys.readouterr().out.startswith("0 findings")


def test_a_negation_lost_is_a_warning(project, capsys):
    line = change_english(project, "روسيا تسعى لإجراء قمة ثانية", "this time not with Trump", "this time with Trump")
    assert muwazi(["check"]) == 0
    out = capsys.readouterr().out
    assert f"{SEED_ARTICLE}:{line}: negation: warning: the Arabic has 1 negation" in out
    assert "(1 warning)" in out


def test_candidate_actors_are_a_section_of_the_check(project, capsys):
    article = project / SEED_ARTICLE
    article.write_text(
        article.read_text(encoding="utf-8").rstrip("\n")
        + "\nوقال وزير الخارجية الأمريكي مايك بومبيو إن الحوار مستمر.\n",
        encoding="utf-8",
    )
    assert muwazi(["check"]) == 0
    out = capsys.readouterr().out
    line = len(article.read_text(encoding="utf-8").splitlines())
    assert f"{SEED_ARTICLE}:{line}: actors: مايك بومبيو  ← وزير الخارجية الأمريكي مايك بومبيو" in out
    assert "1 candidate actor unknown" in out
    assert muwazi(["check", "--strict"]) == 1


def test_refused_input_exits_3_with_one_line(project, capsys):
    po_of(project).write_text(po_of(project).read_text(encoding="utf-8") + "\nthis is not PO\n", encoding="utf-8")
    assert muwazi(["check"]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"muwazi: error: content/translations/{SEED_SLUG}.po:")


def test_the_build_log_sums_up_the_findings_of_machine_translations(project, capsys):
    change_english(project, LAST, "in 2013", "in 2014", machine=True)
    change_english(project, "قمة بين كيم يونج اون وبوتين", "and Putin", "and Lavrov", machine=True)
    change_english(project, "روسيا تسعى لإجراء قمة ثانية", "a second summit", "a second summit in 2019")  # reviewed
    assert muwazi(["generate"]) == 0
    assert "muwazi: 3 findings in 1 article; run muwazi check" in capsys.readouterr().err
    assert muwazi(["check"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("4 findings in 1 article")
    change_english(project, LAST, "in 2014", "in 2013")
    change_english(project, "قمة بين كيم يونج اون وبوتين", "and Lavrov", "and Putin")
    assert muwazi(["generate"]) == 0
    assert "run muwazi check" not in capsys.readouterr().err


# --- a machine translation, on the page ----------------------------------------------------------

ENGINE_ERRORS = {  # what the stand-in engine gets wrong, by a piece of the Arabic it was sent
    LAST: ("in 2013", "in 2012"),
    "قمة بين كيم يونج اون وبوتين": ("Kim Jong Un", "كيم يونج اون"),
}


class Engine(http.server.ThreadingHTTPServer):
    """LibreTranslate's POST /translate answering with the seed's reviewed English, except where it
    makes the mistakes of ENGINE_ERRORS."""

    def __init__(self):
        super().__init__(("127.0.0.1", 0), EngineHandler)
        self.english = seed_english()


class EngineHandler(http.server.BaseHTTPRequestHandler):
    server: Engine

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        text = (parse_qs(urlsplit(self.path).query) | parse_qs(body))["q"][0]
        answer = self.server.english[text]
        for part, (right, wrong) in ENGINE_ERRORS.items():
            if part in text:
                answer = answer.replace(right, wrong)
        payload = json.dumps({"translatedText": answer}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)


@pytest.fixture
def engine():
    server = Engine()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def machine_translated(project: Path, engine: str, keep: int) -> None:
    """The seed's memory with only its first `keep` entries reviewed; the rest from the engine."""
    catalogue = polib.pofile(str(po_of(project)))
    for entry in [e for e in catalogue if e.msgid][keep:]:
        catalogue.remove(entry)
    catalogue.save(str(po_of(project)))
    assert muwazi(["translate", "--engine", "libre", "--url", engine, "--delay", "0"]) == 0


@pytest.mark.slow
def test_a_machine_translation_shows_what_it_failed_and_the_report_link_works(
    project, engine, capsys, tmp_path, browser
):
    machine_translated(project, engine, keep=3)
    capsys.readouterr()
    assert muwazi(["check", "--strict"]) == 1
    out = capsys.readouterr().out.splitlines()
    segments = {s.text: s for s in read_article(project / SEED_ARTICLE).segments}
    wrong = {segments[next(t for t in segments if part in t)].line for part in ENGINE_ERRORS}
    assert {int(line.split(":")[1]) for line in out[:-1]} == wrong
    assert any(": figures: 2013 in the Arabic, not in the English; 2012 in the English" in line for line in out)
    assert any(": arabic-script: Arabic script left in the English: «كيم يونج اون»" in line for line in out)
    assert any(": names: Kim Jong Un (كيم جونج أون) is named in the Arabic" in line for line in out)

    configure_report(project, "https://tracker.example.org/issues/new?title={subject}&body={body}")
    assert muwazi(["build"]) == 0
    assert "3 findings in 1 article; run muwazi check" in capsys.readouterr().err
    html = (project / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    rows = dict(
        re.findall(r'<div class="mz-row mz-(?:paragraph|heading) mz-\w+" id="(\w+)">(.*?)\n</div>\n</div>', html, re.S)
    )
    anchor_of = {part: next(s.anchor for t, s in segments.items() if part in t) for part in ENGINE_ERRORS}
    assert {anchor for anchor, row in rows.items() if "mz-checks" in row} == set(anchor_of.values())
    last = rows[anchor_of[LAST]]
    assert "Check: a number differs" in last and "للمراجعة: رقم مختلف" in last
    kim = rows[anchor_of["قمة بين كيم يونج اون وبوتين"]]
    assert "a name differs, Arabic left in the English" in kim and "اسم مختلف، عربية متروكة في الترجمة" in kim
    assert all("mz-report" in row for row in rows.values()) and len(rows) == 9

    opened: list[str] = []
    with served(project / "site") as url:
        context = browser.new_context()
        page = context.new_page()
        page.route(
            "https://tracker.example.org/**", lambda route: (opened.append(route.request.url), route.fulfill(body="ok"))
        )
        page.goto(f"{url}articles/{SEED_SLUG}/")
        link = page.locator(f"#{anchor_of[LAST]} .mz-report a")
        assert link.is_visible()
        screenshot(page, "checks-machine-translation")
        href = link.get_attribute("href")
        link.click()
        page.wait_for_url("https://tracker.example.org/**")
        context.close()
    assert opened == [href]
    parts = urlsplit(opened[0])
    assert (parts.netloc, parts.path) == ("tracker.example.org", "/issues/new")
    fields = {key: values[0] for key, values in parse_qs(parts.query).items()}
    row_link = f"https://muwazi.example.org/articles/{SEED_SLUG}/#{anchor_of[LAST]}"
    assert fields["title"] == f"Translation problem: {read_article(project / SEED_ARTICLE).title.text} · {row_link}"
    assert fields["body"].startswith(row_link) and LAST in fields["body"] and "in 2012" in fields["body"]


def configure_report(project: Path, address: str) -> None:
    config = project / "mkdocs.yml"
    text = re.sub(r"      report: .*\n", "", config.read_text(encoding="utf-8"))
    config.write_text(
        text.replace("      allow_pending: false\n", f'      allow_pending: false\n      report: "{address}"\n'),
        encoding="utf-8",
    )


def test_a_mailto_report_link_carries_the_article_the_row_and_both_texts(project):
    configure_report(project, "mailto:desk@example.org")
    assert muwazi(["generate"]) == 0
    page = (project / "docs" / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")
    hrefs = [
        h.replace("&amp;", "&")
        for h in re.findall(r'<p class="mz-report" data-pagefind-ignore><a href="([^"]+)"', page)
    ]
    assert len(hrefs) == 10  # the title and every subheading and paragraph
    title = {key: values[0] for key, values in parse_qs(urlsplit(hrefs[0]).query).items()}
    assert title["subject"].endswith(f"/articles/{SEED_SLUG}/#top")
    parts = urlsplit(hrefs[-1])
    assert (parts.scheme, parts.path) == ("mailto", "desk@example.org")
    fields = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert fields["subject"].endswith(f"https://muwazi.example.org/articles/{SEED_SLUG}/#p6")
    assert LAST in fields["body"] and "was concluded in 2013" in fields["body"]


def test_without_a_report_address_there_is_no_report_link(project):
    assert muwazi(["generate"]) == 0
    assert "mz-report" not in (project / "docs" / "articles" / f"{SEED_SLUG}.md").read_text(encoding="utf-8")


def test_a_report_address_that_is_no_address_is_refused(project, capsys):
    configure_report(project, "desk@example.org")
    assert muwazi(["generate"]) == 3
    assert "neither a mailto: address nor an http(s):// URL" in capsys.readouterr().err
    configure_report(project, "https://t.example.org/new?t={title}")
    assert muwazi(["generate"]) == 3


def test_a_dropped_clause_is_found_in_the_whole_paragraph_or_in_one_unit():
    from muwazi.align import Alignment, LengthModel, Unit
    from muwazi.checks import dropped_clause

    model = LengthModel(ratio=1.285, variance=0.79, pairs=10)
    english = seed_english()
    arabic = next(text for text in english if text.startswith("ونقلت وسائل إعلام روسية"))
    assert dropped_clause(model, arabic, english[arabic], None) is None
    cut = english[arabic].replace(", explaining that diplomats will arrange the form and timing of such a meeting", "")
    assert "a clause may have been left out" in dropped_clause(model, arabic, cut, None)
    # The same length overall, but the second clause's English is one word: the units show it.
    first, second = arabic.index("موضحا"), english[arabic].index("explaining")
    padded = english[arabic][:second] + "x" * 60 + " explaining it."
    units = (Unit((0, first), (0, second + 60), 1.0), Unit((first, len(arabic)), (second + 60, len(padded)), 1.0))
    assert dropped_clause(model, arabic, padded, None) is None
    assert dropped_clause(model, arabic, padded, Alignment(units, pinned=True)).startswith("«موضحا أن الدبلوماسيين")


def test_pinned_and_unsure_alignments_are_a_section_of_the_check(project, capsys):
    line = change_english(project, "روسيا تسعى لإجراء قمة ثانية", "Russia", "Russia", comment="muwazi: units whole")
    assert muwazi(["check", "--strict"]) == 0  # for an editor to look at, not a failure
    out = capsys.readouterr().out
    assert f"{SEED_ARTICLE}:{line}: alignment-pinned: alignment pinned by an editor: 1 unit" in out
    assert "1 paragraph with a pinned or unsure alignment" in out


def test_a_long_run_reports_its_progress_on_stderr(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(synthetic_project(tmp_path / "project", synthetic_articles(60)))
    assert muwazi(["check", "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["muwazi: checked 50 of 60 articles", "muwazi: checked 60 of 60 articles"]
    assert captured.out.startswith("0 findings in 0 articles")
