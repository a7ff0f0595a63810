"""The `muwazi` command line: exit codes, one-line errors, options that last one command only."""

from __future__ import annotations

import errno
import os
import signal
from pathlib import Path

import polib
import pytest

from helpers import SEED_SLUG, synthetic_articles, synthetic_project
from muwazi import build, engines, files
from muwazi.cli import main as muwazi
from muwazi.config import plugin_in
from muwazi.errors import INTERRUPTED, REFUSED, SYSTEM, USAGE

ARTICLE = f"content/articles/{SEED_SLUG}.txt"


def docs_now(project: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(project).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted((project / "docs").rglob("*"))
        if path.is_file()
    }


def errors_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith(("INFO", "DEBUG"))]


def break_dateline(project: Path) -> None:
    article = project / ARTICLE
    lines = article.read_text(encoding="utf-8").split("\n")
    lines[1] = "يوم الجمعة في الصباح"
    article.write_text("\n".join(lines), encoding="utf-8")


def remove_a_translation(project: Path) -> None:
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    catalogue = polib.pofile(str(po))
    catalogue.remove(catalogue[3])
    catalogue.save(str(po))


@pytest.mark.parametrize(
    "args, words",
    [
        (["build", "--no-such-option"], "No such option '--no-such-option'"),
        (["publish"], "No such command 'publish'"),
        (["translate", "--engine", "babel"], "'babel' is not one of"),
        (["translate", "--timeout", "soon"], "'soon' is not a valid float"),
        (["actors"], "Usage: muwazi actors"),
    ],
)
def test_a_command_line_the_parser_refuses_exits_2_with_a_message(project, capsys, args, words):
    assert muwazi(args) == USAGE == 2
    assert words in capsys.readouterr().err


def test_refused_input_exits_3_with_one_line_and_the_traceback_only_when_verbose(project, capsys):
    break_dateline(project)
    assert muwazi(["generate"]) == REFUSED == 3
    [error] = errors_in(capsys.readouterr().err)
    assert (
        error.startswith(f"muwazi: error: {ARTICLE}:2: ") and "the line after the title must be the dateline" in error
    )
    assert muwazi(["--verbose", "generate"]) == REFUSED
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and err.rstrip().endswith(error)


def test_no_configuration_is_refused_input(project, capsys):
    assert muwazi(["-f", "elsewhere.yml", "generate"]) == REFUSED
    assert errors_in(capsys.readouterr().err) == [
        "muwazi: error: elsewhere.yml: no MkDocs configuration here: run muwazi from the project folder or pass -f"
    ]


def test_allow_pending_lasts_one_command(project, capsys):
    remove_a_translation(project)
    assert muwazi(["build", "--allow-pending"]) == 0
    assert "Translation pending" in (project / "site" / "articles" / SEED_SLUG / "index.html").read_text("utf-8")
    assert "MUWAZI_ALLOW_PENDING" not in os.environ
    capsys.readouterr()
    assert muwazi(["build"]) == REFUSED
    [error] = errors_in(capsys.readouterr().err)
    assert error.startswith(f"muwazi: error: {ARTICLE}:") and "no English for this paragraph" in error


def test_serve_hands_allow_pending_to_every_rebuild_and_watches_the_theme(project, monkeypatch):
    """MkDocs' serve() loads the configuration again at every rebuild, with the overrides it was given."""
    import mkdocs.commands.serve
    from mkdocs.config import load_config

    remove_a_translation(project)
    served = {}
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda config_file, **options: served.update(options))
    assert muwazi(["serve", "--allow-pending", "-a", "127.0.0.1:8765"]) == 0
    overrides = {
        key: value for key, value in served.items() if key not in ("dev_addr", "strict", "watch_theme", "build_type")
    }
    assert served["dev_addr"] == "127.0.0.1:8765" and served["strict"] and served["watch_theme"]
    assert served["build_type"] == "dirty"  # only the pages that changed are built again
    for _ in range(2):  # the first build, then a rebuild
        config = load_config("mkdocs.yml", **overrides)
        assert plugin_in(config).config.allow_pending and plugin_in(config).config.content == "content"
    assert muwazi(["serve"]) == REFUSED  # bad input is refused before serving


@pytest.mark.parametrize(
    "command, options",
    [
        ([], ["--config-file", "--verbose", "generate", "build", "serve", "actors", "translate"]),
        (["generate"], ["--allow-pending"]),
        (["build"], ["--allow-pending", "--site-dir", "--clean"]),
        (["serve"], ["--allow-pending", "--dev-addr"]),
        (["actors"], ["check"]),
        (["actors", "check"], ["--strict"]),
        (
            ["translate"],
            [
                "[ARTICLE]...",
                "--engine",
                "--url",
                "--dry-run",
                "--retranslate-fuzzy",
                "--timeout",
                "--retries",
                "--delay",
            ],
        ),
    ],
)
def test_every_command_explains_itself(project, capsys, command, options):
    assert muwazi([*command, "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Usage: muwazi {' '.join(command)}".rstrip())
    assert all(option in out for option in options), out


def test_ctrl_c_while_generating_says_one_line_and_leaves_docs_whole(project, capsys, monkeypatch):
    assert muwazi(["generate"]) == 0
    gazetteer = project / "content" / "actors.yml"  # the article's page changes, and is staged …
    gazetteer.write_text(gazetteer.read_text(encoding="utf-8").replace("Northern Asia", "North Asia"), "utf-8")
    before = docs_now(project)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # … when Ctrl-C comes

    monkeypatch.setattr(build, "stage_pages", interrupted)
    capsys.readouterr()
    assert muwazi(["generate"]) == INTERRUPTED == 130
    captured = capsys.readouterr()
    assert errors_in(captured.err) == [
        "muwazi: interrupted; no file was left half-written (docs/ and site/ hold whole pages)"
    ]
    assert "Traceback" not in captured.err + captured.out
    assert docs_now(project) == before


# --- the machine refuses: a disk full, a folder that may not be written, a worker killed -----


def staged_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


def refusing_mkstemp(code: int):
    """tempfile.mkstemp as it fails where the disk is full or the folder may not be written:
    with the name of the file it was to make."""

    def mkstemp(suffix=None, prefix=None, dir=None, text=False):
        raise OSError(code, os.strerror(code), os.path.join(dir, f"{prefix}k2x9_q0a{suffix}"))

    return mkstemp


@pytest.mark.parametrize(
    "code, words",
    [
        (errno.ENOSPC, "no space left on the disk: free some space and run the command again"),
        (errno.EACCES, "this user may not write there: make the folder writable and run the command again"),
        (errno.EROFS, "the file system is read-only: make the folder writable and run the command again"),
    ],
)
def test_a_disk_full_or_a_docs_folder_not_writable_says_one_line_naming_the_page(
    project, capsys, monkeypatch, code, words
):
    monkeypatch.setattr(files.tempfile, "mkstemp", refusing_mkstemp(code))
    assert muwazi(["generate"]) == SYSTEM == 4
    captured = capsys.readouterr()
    assert errors_in(captured.err) == [
        f"muwazi: error: docs/articles/{SEED_SLUG}.md: {words}; no file was left half-written"
    ]
    assert "Traceback" not in captured.err + captured.out
    assert not (project / "docs" / "articles").exists() or not list((project / "docs" / "articles").iterdir())


def test_a_rename_refused_halfway_leaves_no_staged_file_and_the_traceback_only_when_verbose(
    project, capsys, monkeypatch
):
    renamed = []

    def replace(source, target):
        if renamed:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(source), None, str(target))
        renamed.append(target)
        os.rename(source, target)

    monkeypatch.setattr(build.os, "replace", replace)
    assert muwazi(["generate"]) == SYSTEM
    line = errors_in(capsys.readouterr().err)
    assert len(line) == 1 and line[0].startswith("muwazi: error: docs/") and "may not write there" in line[0]
    assert staged_files(project / "docs") == []
    renamed.clear()
    assert muwazi(["--verbose", "generate"]) == SYSTEM
    err = capsys.readouterr().err
    assert "Traceback" in err and "PermissionError" in err


def test_a_translations_folder_not_writable_says_one_line_and_keeps_the_memory(project, capsys, monkeypatch):
    remove_a_translation(project)
    po = project / "content" / "translations" / f"{SEED_SLUG}.po"
    before = po.read_bytes()
    monkeypatch.setattr(engines.Engine, "translate", lambda self, arabic: "An English sentence.")
    monkeypatch.setattr(files.tempfile, "mkstemp", refusing_mkstemp(errno.EACCES))
    assert muwazi(["translate", "--engine", "libre", "--url", "http://127.0.0.1:9/", "--delay", "0"]) == SYSTEM
    assert errors_in(capsys.readouterr().err)[-1] == (
        f"muwazi: error: content/translations/{SEED_SLUG}.po: this user may not write there: "
        "make the folder writable and run the command again; no file was left half-written"
    )
    assert po.read_bytes() == before and staged_files(project / "content") == []


def test_a_killed_worker_says_one_line_and_changes_nothing(tmp_path, capsys, monkeypatch):
    project = synthetic_project(tmp_path / "project", synthetic_articles(build.PARALLEL_FROM))
    monkeypatch.chdir(project)
    main_process = os.getpid()

    def killed(self, path):
        assert os.getpid() != main_process, "the work ran in the main process"
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(build.os, "cpu_count", lambda: 2)  # workers even on one core
    monkeypatch.setattr(build.ArticleWork, "__call__", killed)
    before = sorted(path.relative_to(project) for path in (project / "docs").rglob("*"))
    assert muwazi(["generate"]) == SYSTEM
    captured = capsys.readouterr()
    assert errors_in(captured.err) == [
        "muwazi: error: a worker process ended before its work was done (killed, or out of memory): "
        "nothing was changed and no file was left half-written; run the command again"
    ]
    assert "Traceback" not in captured.err + captured.out
    assert sorted(path.relative_to(project) for path in (project / "docs").rglob("*")) == before


@pytest.mark.slow
def test_a_disk_full_while_building_the_site_says_one_line_and_keeps_the_old_site(project, capsys, monkeypatch):
    import mkdocs.utils

    assert muwazi(["build"]) == 0
    site = {path.relative_to(project): path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}

    def full(content, output_path):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)

    monkeypatch.setattr(mkdocs.utils, "write_file", full)
    capsys.readouterr()
    assert muwazi(["build"]) == SYSTEM
    captured = capsys.readouterr()
    line = errors_in(captured.err)
    assert len(line) == 1 and "no space left on the disk: free some space" in line[0], line
    assert line[0].startswith("muwazi: error: site/"), line  # not the staging folder's name
    assert "Traceback" not in captured.err + captured.out
    assert {p.relative_to(project): p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site
    beside_site = [path.name for path in project.iterdir() if path.name.startswith(".site.")]
    assert sorted(beside_site) == [".site.inputs", ".site.lock"]  # the lock and the record stay; no staging folder
