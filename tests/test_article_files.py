"""What content/articles may hold: regular .txt files with Latin names (or links to them inside
the project), each under the size limit. Anything else is refused in one line naming the file,
without opening it, so that a pipe cannot hang a build nor a device fill the memory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import SEED_SLUG
from muwazi.errors import REFUSED, MuwaziError
from muwazi.source import ARTICLE_MAX_BYTES, article_files, read_article

SEED_NAME = f"{SEED_SLUG}.txt"


def articles(project: Path) -> Path:
    return project / "content" / "articles"


def refusal(project: Path) -> MuwaziError:
    with pytest.raises(MuwaziError) as caught:
        article_files(articles(project))
    return caught.value


def seed_text(project: Path) -> str:
    return (articles(project) / SEED_NAME).read_text(encoding="utf-8")


def link(project: Path, name: str, target: str | Path) -> Path:
    path = articles(project) / name
    path.symlink_to(target)
    return path


def link_out(project: Path, name: str) -> None:
    """A link through .. to an article beside the project folder."""
    (project.parent / "elsewhere.txt").write_text(seed_text(project), encoding="utf-8")
    link(project, name, Path("..", "..", "..", "elsewhere.txt"))


KINDS = {
    "a FIFO": (lambda project: os.mkfifo(articles(project) / "pipe.txt"), "pipe.txt", "not a regular file"),
    "a link to /dev/zero": (lambda project: link(project, "zero.txt", "/dev/zero"), "zero.txt", "outside the project"),
    "a link to /etc/passwd": (
        lambda project: link(project, "passwd.txt", "/etc/passwd"),
        "passwd.txt",
        "outside the project",
    ),
    "a relative link out of the project": (
        lambda project: link_out(project, "up.txt"),
        "up.txt",
        "outside the project",
    ),
    "a folder": (lambda project: (articles(project) / "drafts.txt").mkdir(), "drafts.txt", "a folder"),
    "a folder of another name": (lambda project: (articles(project) / "old").mkdir(), "old", "a folder"),
    "a dangling link": (lambda project: link(project, "gone.txt", "missing.txt"), "gone.txt", "leads to no file"),
    "a link loop": (
        lambda project: (link(project, "a.txt", "b.txt"), link(project, "b.txt", "a.txt")),
        "a.txt",
        "loops",
    ),
    "a link to a folder inside the project": (
        lambda project: link(project, "content.txt", project / "content"),
        "content.txt",
        "a folder",
    ),
    "a file over the limit": (
        lambda project: (articles(project) / "long.txt").write_bytes(b"x" * (ARTICLE_MAX_BYTES + 1)),
        "long.txt",
        "over the limit of 1 MiB",
    ),
}


@pytest.mark.parametrize("case", KINDS)
def test_what_is_not_a_regular_file_inside_the_project_is_refused_naming_it(project, case):
    make, name, words = KINDS[case]
    make(project)
    error = refusal(project)
    assert error.path == articles(project) / name
    assert error.line is None
    assert words in error.message
    assert "\n" not in str(error)
    assert "root:" not in str(error)  # nothing of a target is ever shown


def test_a_link_to_a_file_inside_the_project_is_an_article(project):
    (project / "drafts").mkdir()
    (project / "drafts" / "kept.txt").write_text(seed_text(project), encoding="utf-8")
    path = link(project, "kept.txt", Path("..", "..", "drafts", "kept.txt"))
    assert path in article_files(articles(project))
    assert read_article(path).title.text == seed_text(project).split("\n")[0]


def test_a_file_of_exactly_the_limit_is_read_whole(project):
    path = articles(project) / "long.txt"
    path.write_bytes(b"x" * ARTICLE_MAX_BYTES)
    assert path in article_files(articles(project))


def test_hidden_files_and_a_readme_are_skipped(project):
    for name in (".hidden.txt", ".#seed.txt", "README.md", "README", "readme.txt"):
        (articles(project) / name).write_text("not an article\n", encoding="utf-8")
    (articles(project) / ".git").mkdir()
    assert article_files(articles(project)) == [articles(project) / SEED_NAME]


NAMES = {
    "x.TXT": ("the suffix must be .txt in lower case: rename it to x.txt",),
    "Moscow Summit.Txt": ("rename it to Moscow Summit.txt",),
    "notes.md": ("not an article: only plain-text .txt files are read here", "(e.g. notes.txt)"),
    "draft.docx": ("save it as plain text (e.g. draft.txt)",),
    "no-suffix": ("not an article",),
    "ملف 2018 تجربة.txt": ("only Latin letters, digits", "e.g. to 2018-title-in-latin-letters.txt"),
    "ملف.txt": ("e.g. to title-in-latin-letters.txt",),
    "café crème.txt": ("e.g. to cafe-creme.txt",),
    "2018 قمة moscow.txt": ("e.g. to 2018-moscow.txt",),
    "a+b.txt": ("e.g. to a-b.txt",),
}


@pytest.mark.parametrize("name", NAMES)
def test_a_name_that_is_not_a_latin_txt_name_is_refused_with_a_valid_one_suggested(project, name):
    (articles(project) / name).write_text(seed_text(project), encoding="utf-8")
    error = refusal(project)
    assert error.path == articles(project) / name
    for words in NAMES[name]:
        assert words in error.message
    suggested = error.message.rsplit(" ", 1)[-1].removesuffix(")")
    if suggested.endswith(".txt"):  # what is suggested is itself accepted
        (articles(project) / name).rename(articles(project) / suggested)
        assert articles(project) / suggested in article_files(articles(project))


def test_names_of_latin_letters_digits_hyphens_underscores_spaces_and_dots_are_articles(project):
    for name in ("Moscow Summit 2018.txt", "a_b.c-d.txt"):
        (articles(project) / name).write_text(seed_text(project), encoding="utf-8")
    assert len(article_files(articles(project))) == 3


def test_a_file_that_grows_after_its_size_was_checked_is_read_no_further_than_the_limit(project, monkeypatch):
    path = articles(project) / "long.txt"
    path.write_bytes(b"x" * (ARTICLE_MAX_BYTES * 3))
    small = os.stat(articles(project) / SEED_NAME)
    monkeypatch.setattr(os, "fstat", lambda descriptor: small)  # the size as it was before it grew
    with pytest.raises(MuwaziError) as caught:
        read_article(path)
    assert "over the limit" in caught.value.message


@pytest.mark.parametrize("make", ["fifo", "zero"])
def test_a_pipe_or_a_device_in_the_articles_is_refused_at_once_by_the_command(project, make):
    """In its own process, with a time limit: before, a pipe hung the build and /dev/zero filled the memory."""
    name = f"{make}.txt"
    if make == "fifo":
        os.mkfifo(articles(project) / name)
    else:
        link(project, name, "/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "muwazi.cli", "generate"], cwd=project, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == REFUSED
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"muwazi: error: content/articles/{name}: ")
