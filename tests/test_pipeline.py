"""The generation pipeline on every core: the same pages whichever way worker processes start
(fork shares the main process's memory, spawn — macOS and Windows — receives everything pickled),
and the same pages as rendering here, one article after another."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import synthetic_articles, synthetic_project
from muwazi import build
from muwazi.build import PARALLEL_FROM, generate
from muwazi.config import Project
from muwazi.errors import MuwaziError


def project_at(folder: Path) -> Project:
    return Project(folder / "content", folder / "docs", "https://muwazi.example.org/")


def pages(folder: Path) -> dict[str, bytes]:
    docs = folder / "docs"
    return {path.relative_to(docs).as_posix(): path.read_bytes() for path in sorted(docs.rglob("*")) if path.is_file()}


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    docs = folder / "docs"
    return {
        path.relative_to(docs).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(docs.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project just large enough to be rendered on every core; nothing generated yet."""
    return synthetic_project(tmp_path_factory.mktemp("large") / "project", synthetic_articles(PARALLEL_FROM))


@pytest.fixture
def two_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes even on a machine with one core."""
    monkeypatch.setattr(os, "cpu_count", lambda: 2)


@pytest.mark.slow
def test_fork_spawn_and_one_process_write_the_same_pages(large, tmp_path, two_cores, monkeypatch):
    written = {}
    for way in ("fork", "spawn", "serial"):
        folder = tmp_path / way
        shutil.copytree(large, folder)
        with monkeypatch.context() as patch:
            if way == "serial":
                patch.setattr(build, "PARALLEL_FROM", PARALLEL_FROM + 1)
            report = generate(project_at(folder), start_method=None if way == "serial" else way)
        assert report.articles == PARALLEL_FROM and report.written == report.pages
        written[way] = pages(folder)
    for suffix in (".md", ".tmx"):  # each article's page and its aligned text
        assert (
            sum(path.startswith("articles/") and path.endswith(suffix) for path in written["serial"]) == PARALLEL_FROM
        )
    assert written["fork"] == written["serial"]
    assert written["spawn"] == written["serial"]


@pytest.mark.slow
@pytest.mark.parametrize("start_method", ["fork", "spawn"])
def test_a_refused_article_on_every_core_names_its_line_and_changes_nothing(large, tmp_path, two_cores, start_method):
    """The articles rendered before the refused one have their changed pages staged in docs/:
    none may be put in place or left lying there."""
    folder = tmp_path / "project"
    shutil.copytree(large, folder)
    generate(project_at(folder))
    gazetteer = folder / "content" / "actors.yml"  # every page naming Russia changes …
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("Northern Asia", "North Asia"), "utf-8")
    refused = sorted((folder / "content" / "articles").glob("*.txt"))[PARALLEL_FROM // 2]  # … and one is refused
    lines = refused.read_text(encoding="utf-8").split("\n")
    lines[1] = "يوم الجمعة في الصباح"
    refused.write_text("\n".join(lines), encoding="utf-8")
    before = snapshot(folder)
    with pytest.raises(MuwaziError, match="the line after the title must be the dateline") as raised:
        generate(project_at(folder), start_method=start_method)
    assert (raised.value.path, raised.value.line) == (refused, 2)
    assert snapshot(folder) == before
