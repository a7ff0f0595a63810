"""Input as the real world delivers it: other encodings and line endings, and what must be refused.

Every refusal is checked through the real `muwazi build`: one line naming file and line, exit
code 2, and not one byte or mtime changed in docs/, content/ or the previous good site/.
"""

import codecs
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, SEED_SLUG, copy_project, muwazi_in, synthetic_articles, synthetic_project
from muwazi.build import PARALLEL_FROM
from muwazi.errors import REFUSED, MuwaziError
from muwazi.source import parse, read_article

SEED = ROOT / "content" / "articles" / f"{SEED_SLUG}.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")


def essence(article):
    """What a reader gets from an article: its segments' kinds, texts and anchors, and its date."""
    return [(s.kind, s.text, s.anchor) for s in article.segments], article.dateline.iso


@pytest.mark.parametrize(
    "encoding, bom, expected",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16"),
        ("cp1256", b"", "cp1256"),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_the_seed_in_every_encoding_and_line_ending_reads_as_in_utf8(tmp_path, encoding, bom, expected, newline):
    path = tmp_path / f"{SEED_SLUG}.txt"
    path.write_bytes(bom + SEED_TEXT.replace("\n", newline).encode(encoding))
    article = read_article(path)
    assert article.encoding == expected
    assert essence(article) == essence(read_article(SEED))
    assert [s.line for s in article.segments] == [s.line for s in read_article(SEED).segments]


def test_blank_whitespace_and_tatweel_lines_trailing_spaces_and_stray_boms_are_ignored(tmp_path):
    lines = SEED_TEXT.splitlines()
    noise = ["", "   ", "\t", "ـــــ", " ـ ـ ", "\u00a0\u200f", "\ufeff"]
    messy = []
    for index, line in enumerate(lines):
        stray_bom = "\ufeff" if index % 4 == 1 else ""  # left where files were joined
        messy += [noise[index % len(noise)], stray_bom + " " * (index % 3) + line + " \t" * (index % 2 + 1) + stray_bom]
    path = tmp_path / f"{SEED_SLUG}.txt"
    path.write_text("\n".join(messy + noise) + "\n", encoding="utf-8")
    article = read_article(path)
    assert essence(article) == essence(read_article(SEED))
    # line numbers still point at the lines as the file has them
    assert [s.line for s in article.segments] == [2 * i + 2 for i in (0, *range(2, len(lines)))]


def test_line_numbers_count_only_real_line_ends():
    """A form feed or a Unicode line separator is not a line end for an editor; nor for errors."""
    text = "عنوان\u2028ما زال العنوان\nالجمعة، 01 يونيو 2018 01:10 م\nفقرة أولى.\n\nفقرة \x0cثانية.\n"
    with pytest.raises(MuwaziError) as caught:
        parse(text, Path("content/articles/x.txt"))
    assert str(caught.value).startswith("content/articles/x.txt:5: control character U+000C at column 6")


# --- refusals through the real build ---------------------------------------------------------


@pytest.fixture(scope="module")
def good_project(tmp_path_factory):
    """The seed project, built once: the 'previous good run' every refusal starts from."""
    path = copy_project(tmp_path_factory.mktemp("good") / "project")
    assert muwazi_in(path, ["build"]) == 0
    return path


def snapshot(project: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file of docs/, content/ and site/."""
    return {
        path.relative_to(project).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for folder in ("docs", "content", "site")
        for path in sorted((project / folder).rglob("*"))
        if path.is_file()
    }


ARTICLE = f"content/articles/{SEED_SLUG}.txt"
PO = f"content/translations/{SEED_SLUG}.po"
LINES = SEED_TEXT.splitlines()


def rewrite(relative: str, text: str | bytes):
    def change(project: Path):
        path = project / relative
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))

    return change


def po_with(change_lines):
    def change(project: Path):
        path = project / PO
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(change_lines(lines)), encoding="utf-8")

    return change


def po_line(text: str) -> int:
    return (ROOT / PO).read_text(encoding="utf-8").split("\n").index(text) + 1


def actors_line(text: str) -> int:
    return (ROOT / "content" / "actors.yml").read_text(encoding="utf-8").split("\n").index(text) + 1


DUPLICATE_ENTRY = ["", "#: articles/extra.txt:9", f'msgid "{LINES[3]}"', 'msgstr "Another English for the same Arabic"']
BAD_BYTES = SEED_TEXT.encode("utf-8").replace(
    LINES[4].encode("utf-8")[:20], LINES[4].encode("utf-8")[:20] + b"\xff\xfe\xfa", 1
)

REFUSALS = {
    "empty file": (rewrite(ARTICLE, ""), ARTICLE, 1, "the article is empty"),
    "only blank lines": (rewrite(ARTICLE, "\n \n\t\nـــ\n"), ARTICLE, 1, "the article is empty"),
    "title only": (rewrite(ARTICLE, LINES[0] + "\n"), ARTICLE, 2, "no dateline"),
    "no body": (rewrite(ARTICLE, "\n".join(LINES[:2]) + "\n\n"), ARTICLE, 3, "no body"),
    "dateline missing": (rewrite(ARTICLE, "\n".join([LINES[0], *LINES[2:]])), ARTICLE, 2, "cannot read the dateline"),
    "unreadable dateline": (
        rewrite(ARTICLE, SEED_TEXT.replace(LINES[1], "الجمعة، 01 يونيو 2018 بعد الظهر")),
        ARTICLE,
        2,
        "cannot read the dateline",
    ),
    "wrong weekday": (rewrite(ARTICLE, SEED_TEXT.replace("الجمعة،", "السبت،")), ARTICLE, 2, "weekday does not match"),
    "only subheadings": (rewrite(ARTICLE, "\n".join([*LINES[:2], LINES[3], LINES[6]])), ARTICLE, 3, "no paragraph"),
    "undecodable bytes": (rewrite(ARTICLE, BAD_BYTES), ARTICLE, 5, "undecodable bytes"),
    "invalid UTF-8 despite a BOM": (rewrite(ARTICLE, codecs.BOM_UTF8 + BAD_BYTES), ARTICLE, 5, "not valid utf-8-sig"),
    "a control character": (
        rewrite(ARTICLE, SEED_TEXT.replace(LINES[6], LINES[6][:7] + "\x1b[0m" + LINES[6][7:])),
        ARTICLE,
        7,
        "control character U+001B at column 8",
    ),
    "a bidi override": (
        rewrite(ARTICLE, SEED_TEXT.replace(LINES[0], "\u202e" + LINES[0])),
        ARTICLE,
        1,
        "bidi control U+202E (right-to-left override) at column 1",
    ),
    "same URL": (
        lambda project: shutil.copy(
            project / ARTICLE, project / "content/articles/2018_06_01 Moscow Putin Kim Summit.txt"
        ),
        "content/articles/2018_06_01 Moscow Putin Kim Summit.txt",
        None,
        f"same URL ({SEED_SLUG})",
    ),
    "malformed actors.yml": (
        lambda project: rewrite(
            "content/actors.yml",
            (project / "content/actors.yml").read_text(encoding="utf-8").replace("names: [Syria]", "names: [Syria"),
        )(project),
        "content/actors.yml",
        actors_line("    seats: [Damascus]"),
        "malformed YAML",
    ),
    "actors.yml not a list": (
        rewrite("content/actors.yml", "russia: روسيا\n"),
        "content/actors.yml",
        1,
        "must be a list",
    ),
    "malformed PO file": (
        po_with(lambda lines: [('msgstr "unterminated' if i == 12 else line) for i, line in enumerate(lines)]),
        PO,
        13,
        "malformed PO file",
    ),
    "PO file with a stray word": (
        po_with(lambda lines: lines[:20] + ["translated"] + lines[20:]),
        PO,
        21,
        "malformed PO file",
    ),
    "PO file not UTF-8": (
        lambda project: (project / PO).write_bytes((project / PO).read_bytes().replace(b"Moscow", b"Mosc\xf6w")),
        PO,
        po_line('"Moscow seeks to answer Washington through a summit between \\"Putin and Kim\\""'),
        "not UTF-8",
    ),
    "a control character in the PO file": (
        lambda project: (project / PO).write_bytes((project / PO).read_bytes().replace(b"Moscow", b"Mos\x1b[0mcow")),
        PO,
        po_line('"Moscow seeks to answer Washington through a summit between \\"Putin and Kim\\""'),
        "control character U+001B at column 5",
    ),
    "duplicate msgid": (
        po_with(lambda lines: lines[:-1] + DUPLICATE_ENTRY + [""]),
        PO,
        len((ROOT / PO).read_text(encoding="utf-8").split("\n")) - 1 + 3,
        "duplicate msgid",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", REFUSALS)
def test_refused_input_names_file_and_line_exits_refused_and_changes_nothing(good_project, tmp_path, capsys, case):
    break_input, relative, line, words = REFUSALS[case]
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)  # copy2: mtimes kept
    break_input(project)
    before = snapshot(project)
    capsys.readouterr()
    assert muwazi_in(project, ["build"]) == REFUSED
    errors = [line for line in capsys.readouterr().err.splitlines() if not line.startswith("INFO")]
    assert len(errors) == 1, errors
    where = f"{relative}:{line}: " if line else f"{relative}: "
    assert errors[0].startswith(f"muwazi: error: {where}"), errors[0]
    assert words in errors[0]
    assert snapshot(project) == before
    assert (project / "site" / "articles" / SEED_SLUG / "index.html").is_file()  # the previous site is whole


@pytest.mark.slow
def test_a_long_line_that_lost_its_closing_quote_is_refused_at_once(good_project, tmp_path):
    """The check of each PO line once tried every way to split an unclosed string: a second for 24
    characters, twice that for each one more. Refused in its own process, so that a slow check
    fails the test instead of holding up the suite."""
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    english = next(
        line
        for line in (project / PO).read_text(encoding="utf-8").split("\n")
        if line.startswith('"Russia') and len(line) > 60
    )
    po_with(lambda lines: [line.removesuffix('"') if line == english else line for line in lines])(project)
    done = subprocess.run(
        [sys.executable, "-m", "muwazi.cli", "generate"], cwd=project, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == REFUSED
    assert done.stderr.strip() == (
        f"muwazi: error: {PO}:{po_line(english)}: malformed PO file: this line is not a comment, keyword or quoted string; fix it in a PO editor"
    )


@pytest.mark.slow
def test_a_failing_mkdocs_build_leaves_the_previous_site_whole(good_project, tmp_path, capsys):
    """Even a failure after the pages are generated (here a broken link in a hand-written page,
    fatal in strict mode) leaves site/ exactly as the last good build left it."""
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    (project / "docs" / "about.md").write_text(
        "# About\n\n[a page that does not exist](nowhere.md)\n", encoding="utf-8"
    )
    site = {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (project / "site").rglob("*") if path.is_file()
    }
    assert muwazi_in(project, ["build"]) == 1
    assert "strict mode" in capsys.readouterr().err
    assert {
        path: (path.read_bytes(), path.stat().st_mtime_ns) for path in (project / "site").rglob("*") if path.is_file()
    } == site
    # .cache: earlier builds' previews; the lock files stay, holding nothing once no run holds them
    leftovers = sorted(p.name for p in project.iterdir() if p.name != ".cache")
    # .site.inputs: what site/ was built from (the half-rebuilt spare is dropped)
    assert leftovers == [
        ".docs.lock",
        ".site.inputs",
        ".site.lock",
        "content",
        "docs",
        "mkdocs.yml",
        "overrides",
        "site",
    ]


@pytest.mark.slow
def test_windows_1256_is_detected_said_in_the_build_log_and_published_like_utf8(good_project, tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    (project / ARTICLE).write_bytes(SEED_TEXT.replace("\n", "\r\n").encode("cp1256"))
    capsys.readouterr()
    assert muwazi_in(project, ["build"]) == 0
    log = capsys.readouterr().err
    assert f"{ARTICLE} is not UTF-8: detected and read as cp1256" in log
    page = f"articles/{SEED_SLUG}/index.html"
    assert (project / "site" / page).read_bytes() == (good_project / "site" / page).read_bytes()


def test_a_refusal_on_a_site_rendered_on_every_core_leaves_no_page_behind(tmp_path, capsys):
    """With enough articles to render them on every core, the articles rendered before the refused
    one have their changed pages staged in docs/; none may be put in place or left lying there."""
    project = synthetic_project(tmp_path / "project", synthetic_articles(PARALLEL_FROM + 6))
    assert muwazi_in(project, ["generate"]) == 0
    gazetteer = project / "content" / "actors.yml"  # every page naming Russia changes …
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("Northern Asia", "North Asia"), encoding="utf-8")
    oldest = sorted((project / "content" / "articles").glob("*.txt"))[0]  # … and the article rendered last is refused
    lines = oldest.read_text(encoding="utf-8").splitlines()
    lines[4] += " وأضاف."
    oldest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(project)
    capsys.readouterr()
    assert muwazi_in(project, ["generate"]) == REFUSED
    assert (
        capsys.readouterr()
        .err.strip()
        .endswith(
            f"content/articles/{oldest.name}:5: no English for this paragraph in "
            f"content/translations/{oldest.stem}.po («{lines[4][:40].rstrip()}…»): "
            f"run `muwazi translate {oldest.stem}`, add the entry in a PO editor, or build with --allow-pending"
        )
    )
    assert snapshot(project) == before
    assert not [path for path in (project / "docs").rglob("*") if path.name.endswith(".tmp")]
