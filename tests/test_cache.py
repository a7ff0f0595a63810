"""The build cache: an unchanged article is not rendered again, and what the cache gives is exactly
what rendering everything afresh gives."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

import polib
import pytest

from helpers import files_in, synthetic_articles, synthetic_project, write_articles
from muwazi.build import PARALLEL_FROM, Report, generate
from muwazi.cache import CACHE_FILE
from muwazi.config import Project
from muwazi.errors import MuwaziError
from muwazi.render import Renderer


def retranslated(po: Path, opening: str) -> None:
    """The memory with its first translation (the title's) begun with other words."""
    catalogue = polib.pofile(str(po))
    catalogue[0].msgstr = opening + catalogue[0].msgstr
    catalogue.save()


def generated(project: Path) -> Report:
    return generate(Project(project / "content", project / "docs"))


def afresh(project: Path, elsewhere: Path) -> dict[str, bytes]:
    """The pages a project gives when nothing is cached and nothing was generated before."""
    shutil.copytree(project / "content", elsewhere / "content")
    shutil.copytree(project / "docs" / "assets", elsewhere / "docs" / "assets")
    assert generated(elsewhere).rendered == len(list((elsewhere / "content" / "articles").glob("*.txt")))
    return files_in(elsewhere / "docs")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return synthetic_project(tmp_path / "project", synthetic_articles(30, step=timedelta(days=3)))


def test_a_second_generation_renders_nothing_and_changes_nothing(project, tmp_path):
    first = generated(project)
    assert first.rendered == first.articles == 30
    pages = files_in(project / "docs")
    again = generated(project)
    assert (again.rendered, again.written, again.removed) == (0, 0, 0)
    assert files_in(project / "docs") == pages == afresh(project, tmp_path / "fresh")


def test_a_changed_translation_renders_that_article_alone(project, tmp_path):
    generated(project)
    before = files_in(project / "docs")
    po = sorted((project / "content" / "translations").glob("*.po"))[4]
    retranslated(po, "Indeed, ")
    report = generated(project)
    after = files_in(project / "docs")
    changed = {path for path in after if after[path] != before.get(path)}
    assert report.rendered == 1 and report.written == len(changed)
    assert {path for path in changed if path.startswith("articles/")} == {
        f"articles/{po.stem}.md",
        f"articles/{po.stem}/{po.stem}.tmx",
    }
    assert files_in(project / "docs") == afresh(project, tmp_path / "fresh")


def test_an_added_and_a_removed_article_give_the_pages_of_a_fresh_build(project, tmp_path):
    generated(project)
    newest = synthetic_articles(31, step=timedelta(days=3))[-1]
    write_articles(project / "content", [newest])
    (project / "content" / "articles" / "2017-01-04-synthetic-00001.txt").unlink()
    report = generated(project)
    assert (report.rendered, report.articles) == (1, 30)
    assert "articles/2017-01-04-synthetic-00001.md" not in files_in(project / "docs")
    assert files_in(project / "docs") == afresh(project, tmp_path / "fresh")


def test_a_changed_gazetteer_renders_every_article_again(project, tmp_path):
    generated(project)
    gazetteer = project / "content" / "actors.yml"
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert generated(project).rendered == 30


def test_a_page_changed_by_hand_is_written_again(project, tmp_path):
    generated(project)
    page = next((project / "docs" / "articles").glob("*.md"))
    right = page.read_bytes()
    page.write_bytes(right.replace(b"</article>", b"<p>an edit</p></article>"))
    assert generated(project).rendered == 1
    assert page.read_bytes() == right
    page.unlink()
    assert generated(project).rendered == 1
    assert page.read_bytes() == right


def test_a_damaged_cache_is_made_again(project, tmp_path):
    generated(project)
    (project / CACHE_FILE).write_bytes(b"not a database" * 100)
    assert generated(project).rendered == 30
    assert files_in(project / "docs") == afresh(project, tmp_path / "fresh")


def test_refused_input_leaves_the_cache_right_for_the_next_build(project, tmp_path):
    generated(project)
    pages = files_in(project / "docs")
    po = sorted((project / "content" / "translations").glob("*.po"))[2]
    good = po.read_text(encoding="utf-8")
    changed = sorted((project / "content" / "translations").glob("*.po"))[7]
    retranslated(changed, "So, ")
    po.write_text(good + "\nnot a PO line\n", encoding="utf-8")
    with pytest.raises(MuwaziError, match=rf"{po.name}:\d+"):
        generated(project)
    assert files_in(project / "docs") == pages
    po.write_text(good, encoding="utf-8")
    assert generated(project).rendered == 1  # the article whose memory changed meanwhile
    assert files_in(project / "docs") == afresh(project, tmp_path / "fresh")


@pytest.mark.slow
def test_worker_processes_read_the_cache_as_the_main_process_does(tmp_path):
    """Past PARALLEL_FROM articles, articles and pages are rendered in forked workers, which read
    the actor sections from the cache on their own connections."""
    count = PARALLEL_FROM + 6
    project = synthetic_project(tmp_path / "project", synthetic_articles(count, step=timedelta(hours=20)))
    assert generated(project).rendered == count
    po = sorted((project / "content" / "translations").glob("*.po"))[0]
    retranslated(po, "Then, ")
    assert generated(project).rendered == 1
    assert files_in(project / "docs") == afresh(project, tmp_path / "fresh")


def test_an_actors_older_pages_are_rendered_again_only_when_what_they_show_changed(tmp_path, monkeypatch):
    """99 articles give each actor a first page and two older blocks (2: the oldest 25, 3: the next
    25); the 100th makes block 4 of the first page's oldest, so block 3 links to it: block 3 is
    rendered again, block 2 is not, and the pages are a fresh build's."""
    project = synthetic_project(tmp_path / "project", synthetic_articles(99))
    generated(project)
    docs = project / "docs"
    assert (docs / "glossary" / "russia--3.md").is_file() and not (docs / "glossary" / "russia--4.md").exists()
    rendered: list[str] = []
    render = Renderer._actor_page
    monkeypatch.setattr(
        Renderer,
        "_actor_page",
        lambda self, store, **context: rendered.append(context["page"]) or render(self, store, **context),
    )
    write_articles(project / "content", [synthetic_articles(100)[-1]])
    generated(project)
    assert {"glossary/russia.md", "glossary/russia--3.md", "glossary/russia--4.md"} <= set(rendered)
    assert not [page for page in rendered if page.endswith("--2.md")]
    assert files_in(docs) == afresh(project, tmp_path / "fresh")

    oldest = docs / "glossary" / "russia--2.md"
    right = oldest.read_bytes()
    oldest.write_bytes(right.replace(b"</article>", b"<p>an edit</p></article>"))
    rendered.clear()
    generated(project)
    assert [page for page in rendered if "--" in page] == ["glossary/russia--2.md"]  # of the older blocks
    assert oldest.read_bytes() == right
