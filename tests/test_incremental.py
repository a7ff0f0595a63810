"""Incremental builds (MkDocs' dirty build into the spare site folder): after any change, site/ is
byte for byte what a clean build of the same input makes, yet only the changed pages were built
again; the build starts clean when what every page depends on changed."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import polib
import pytest

from helpers import copy_project, files_in, muwazi_in, synthetic_articles, synthetic_project, write_articles
from muwazi.errors import REFUSED

ARTICLES = synthetic_articles(5)
ADDED = synthetic_articles(len(ARTICLES) + 1)[-1]
DIRTY, CLEAN = "muwazi: incremental (dirty) build", "muwazi: clean build"


def without_search_index(project: Path) -> None:
    """The search index is left out where only the pages matter (test_the_search_index_of_an_incremental_build…
    checks it)."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("      allow_pending: false\n", "      allow_pending: false\n      search_index: false\n")
    )


@pytest.fixture
def built(tmp_path: Path, capsys) -> Path:
    """A small synthetic project built twice: site/ and a spare the next build can trust."""
    project = synthetic_project(tmp_path / "project", ARTICLES)
    without_search_index(project)
    assert muwazi_in(project, ["build"]) == 0
    assert muwazi_in(project, ["build"]) == 0
    assert CLEAN in capsys.readouterr().err
    return project


def build(project: Path, capsys, *args: str) -> str:
    """`muwazi build` in the project; what it logged."""
    capsys.readouterr()
    assert muwazi_in(project, ["build", *args]) == 0
    return capsys.readouterr().err


def page(project: Path, slug: str) -> Path:
    return project / "site" / "articles" / slug / "index.html"


def assert_same_as_a_clean_build(project: Path, elsewhere: Path) -> None:
    """site/ holds exactly the files, byte for byte, of a clean build of the same input elsewhere."""
    assert muwazi_in(project, ["build", "--clean", "--site-dir", str(elsewhere)]) == 0
    clean, incremental = files_in(elsewhere), files_in(project / "site")
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if clean[name] != incremental[name]] == []


def rewritten_since(project: Path, moment: int) -> set[str]:
    """The HTML pages of site/ written since `moment` (ns)."""
    site = project / "site"
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html") if path.stat().st_mtime_ns >= moment}


def change_one_translation(project: Path, slug: str) -> str:
    """Change the English of one paragraph in the article's PO file, as an editor would; the new English."""
    catalogue = polib.pofile(str(project / "content" / "translations" / f"{slug}.po"))
    entry = [entry for entry in catalogue if entry.msgid][2]
    entry.msgstr = "An English that was corrected by the editor today."
    catalogue.save()
    return entry.msgstr


@pytest.mark.slow
def test_after_each_change_the_incremental_site_is_a_clean_builds_byte_for_byte(built, capsys, tmp_path):
    project, first, second = built, ARTICLES[0].slug, ARTICLES[1].slug
    started = time.time_ns()
    assert DIRTY in build(project, capsys)
    assert rewritten_since(project, started) <= {"404.html", "offline/index.html"}  # built every time
    assert_same_as_a_clean_build(project, tmp_path / "nothing-changed")

    write_articles(project / "content", [ADDED])
    started = time.time_ns()
    assert DIRTY in build(project, capsys)
    assert page(project, ADDED.slug).is_file() and page(project, first).stat().st_mtime_ns < started
    assert_same_as_a_clean_build(project, tmp_path / "article-added")

    english = change_one_translation(project, second)
    started = time.time_ns()
    assert DIRTY in build(project, capsys)
    assert english in page(project, second).read_text(encoding="utf-8")
    assert page(project, second).stat().st_mtime_ns >= started > page(project, first).stat().st_mtime_ns
    assert_same_as_a_clean_build(project, tmp_path / "translation-changed")

    (project / "content" / "articles" / f"{second}.txt").unlink()
    (project / "content" / "translations" / f"{second}.po").unlink()
    started = time.time_ns()
    assert DIRTY in build(project, capsys)
    assert not page(project, second).parent.exists()  # its page, picture and TMX
    assert page(project, first).stat().st_mtime_ns < started
    assert_same_as_a_clean_build(project, tmp_path / "article-removed")

    gazetteer = project / "content" / "actors.yml"
    text = gazetteer.read_text(encoding="utf-8")
    gazetteer.write_text(text.replace("وعاصمتها موسكو.", "وعاصمتها مدينة موسكو.", 1), encoding="utf-8")
    assert gazetteer.read_text(encoding="utf-8") != text
    started = time.time_ns()
    assert DIRTY in build(project, capsys)
    actor = project / "site" / "glossary" / "russia" / "index.html"
    assert "وعاصمتها مدينة موسكو." in actor.read_text(encoding="utf-8") and actor.stat().st_mtime_ns >= started
    pages = {path.relative_to(project / "site").as_posix() for path in (project / "site").rglob("*.html")}
    assert rewritten_since(project, started) < pages  # those that do not name Russia were not built again
    assert_same_as_a_clean_build(project, tmp_path / "actor-changed")


@pytest.mark.slow
def test_refused_input_leaves_site_and_the_spare_as_they_were_and_the_next_build_is_right(built, capsys, tmp_path):
    project, slug = built, ARTICLES[0].slug
    po = project / "content" / "translations" / f"{slug}.po"
    good = po.read_text(encoding="utf-8")
    po.write_text(good.replace('msgstr "', 'msgstr "unterminated\n', 1), encoding="utf-8")

    def state() -> dict:
        folders = [project / "site", project / ".site.spare"]
        record = (project / ".site.inputs").read_bytes()
        return {"record": record} | {
            f"{folder.name}/{name}": (path.read_bytes(), path.stat().st_mtime_ns)
            for folder in folders
            for name, path in ((p.relative_to(folder).as_posix(), p) for p in folder.rglob("*") if p.is_file())
        }

    before = state()
    assert muwazi_in(project, ["build"]) == REFUSED
    assert f"{slug}.po:" in capsys.readouterr().err
    assert state() == before

    po.write_text(good, encoding="utf-8")
    english = change_one_translation(project, slug)
    assert DIRTY in build(project, capsys)
    assert english in page(project, slug).read_text(encoding="utf-8")
    assert_same_as_a_clean_build(project, tmp_path / "after-the-refusal")


@pytest.mark.slow
def test_the_build_starts_clean_when_the_configuration_or_the_theme_changed(built, capsys, tmp_path):
    project, unchanged = built, page(built, ARTICLES[0].slug)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("switch to light", "switch to the light theme"), encoding="utf-8")
    log = build(project, capsys)
    assert CLEAN in log
    assert "removing .site.spare, which this build cannot build on" in log  # a wait the user is told of
    assert (project / ".site.spare").is_dir()  # the site/ this build replaced, spare for the next
    assert "switch to the light theme" in unchanged.read_text(encoding="utf-8")
    assert_same_as_a_clean_build(project, tmp_path / "configuration-changed")

    theme = project / "overrides" / "main.html"
    theme.write_text(theme.read_text(encoding="utf-8").replace("#1f4e5a", "#1f4e5b"), encoding="utf-8")
    assert CLEAN in build(project, capsys)
    assert 'name="theme-color" content="#1f4e5b"' in unchanged.read_text(encoding="utf-8")
    assert_same_as_a_clean_build(project, tmp_path / "theme-changed")

    # the spare is now the site/ built before the theme changed: one more clean build, then dirty ones
    assert CLEAN in build(project, capsys)
    assert DIRTY in build(project, capsys)
    assert CLEAN in build(project, capsys, "--clean")
    assert_same_as_a_clean_build(project, tmp_path / "asked-clean")


@pytest.mark.slow
def test_a_failed_build_leaves_site_whole_and_the_next_build_clean(built, capsys, tmp_path):
    """A failure after the pages are generated (a broken link, fatal in strict mode) may have left
    the spare half rebuilt: it is dropped, and the next build is clean."""
    project = built
    site = files_in(project / "site")
    hand_written = project / "docs" / "about.md"
    hand_written.write_text("# About\n\n[a page that does not exist](nowhere.md)\n", encoding="utf-8")
    assert muwazi_in(project, ["build"]) == 1
    assert files_in(project / "site") == site
    assert not (project / ".site.spare").exists()
    assert json.loads((project / ".site.inputs").read_text(encoding="utf-8"))["spare"] is None
    hand_written.unlink()
    assert CLEAN in build(project, capsys)
    assert_same_as_a_clean_build(project, tmp_path / "after-the-failure")


@pytest.mark.slow
def test_the_search_index_of_an_incremental_build_is_a_clean_builds(tmp_path, capsys):
    """Everything but the search index is checked above; here the index too: built in parts from
    what is on disk (search_index.py), it is the same after a dirty build as after a clean one."""
    project = synthetic_project(tmp_path / "project", ARTICLES)
    assert muwazi_in(project, ["build"]) == 0
    assert muwazi_in(project, ["build"]) == 0
    change_one_translation(project, ARTICLES[0].slug)
    assert DIRTY in build(project, capsys)
    assert muwazi_in(project, ["build", "--clean", "--site-dir", str(tmp_path / "clean")]) == 0
    clean, incremental = files_in(tmp_path / "clean"), files_in(project / "site")
    assert any(name.startswith("pagefind/") for name in clean)
    assert sorted(name for name in clean.keys() | incremental.keys() if clean.get(name) != incremental.get(name)) == []


def test_an_unread_pages_date_is_the_one_mkdocs_reads_from_its_whole_page(tmp_path):
    """A dirty build does not read unchanged pages: their `updated` (the sitemap's dates) comes from
    the front matter alone, and is what MkDocs' own reading of the whole page gives."""
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs.utils import meta

    from muwazi.config import load
    from muwazi.incremental import updated_of

    project = copy_project(tmp_path / "project")
    pages = {
        "articles/a.md": '---\ntitle: "A"\nupdated: "2020-01-02"\nhide:\n  - toc\n---\n\n<p>updated: "1999-01-01"</p>\n',
        "articles/b.md": '---\ntitle: "B"\n---\n\n---\nupdated: "1999-01-01"\n---\n',
        "articles/c.md": "no front matter\nupdated: 1999-01-01\n",
        "about.md": '---\ntitle: >\n  About\nupdated: "2021-03-04"\nupdated: "2022-05-06"\n...\nText.\n',
        "notes.md": "---\nupdated: 2023-07-08\n",  # never closed: no front matter at all
    }
    for name, text in pages.items():
        (project / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / name).write_text(text, encoding="utf-8")
    config = load(project / "mkdocs.yml")
    read = {}
    for file in get_files(config).documentation_pages():
        if file.src_uri in pages:
            read[file.src_uri] = updated_of(Page(None, file, config))
            assert read[file.src_uri] == meta.get_data(file.content_string)[1].get("updated"), file.src_uri
    assert read == {
        "articles/a.md": "2020-01-02",
        "articles/b.md": None,
        "articles/c.md": None,
        "about.md": "2022-05-06",
        "notes.md": None,
    }


@pytest.mark.slow
def test_serve_shows_an_edit_before_the_search_index_is_brought_up_to_date(tmp_path):
    """Under `muwazi serve` the edited page is served once MkDocs has written it; the search index
    follows in the background, and Ctrl-C waits for it before the live preview's folder goes."""
    project = synthetic_project(tmp_path / "project", ARTICLES)
    slug = ARTICLES[2].slug
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/articles/{slug}/"
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "muwazi.cli", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=os.environ | {"PYTHONPATH": str(Path(__file__).resolve().parent.parent / "scripts")},
        )
    try:
        assert eventually(lambda: page_at(url) is not None, server), log.read_text(encoding="utf-8")
        assert eventually(lambda: log.read_text(encoding="utf-8").count("search index ready") == 1, server)
        english = change_one_translation(project, slug)
        assert eventually(lambda: english in (page_at(url) or ""), server), log.read_text(encoding="utf-8")
        assert eventually(lambda: log.read_text(encoding="utf-8").count("search index ready") >= 2, server)
    finally:
        server.send_signal(signal.SIGINT)
        code = server.wait(120)
    said = log.read_text(encoding="utf-8")
    assert code == 0 and "ERROR" not in said, said
    build_ended, indexed = said.rindex("Documentation built in"), said.rindex("search index ready")
    assert build_ended < indexed  # the page was served before the index was ready
    assert not [line for line in said.splitlines() if "muwazi: error" in line]


def page_at(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


def eventually(condition, server: subprocess.Popen, seconds: float = 240) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        if condition():
            return True
        time.sleep(0.1)
    return False
