"""The `muwazi` command line: exit codes, one-line errors, options that last one command only."""

from __future__ import annotations

import os
from pathlib import Path

import polib
import pytest

from helpers import SEED_SLUG
from muwazi import build
from muwazi.cli import main as muwazi
from muwazi.config import plugin_in
from muwazi.errors import INTERRUPTED, REFUSED, USAGE

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
    overrides = {key: value for key, value in served.items() if key not in ("dev_addr", "strict", "watch_theme")}
    assert served["dev_addr"] == "127.0.0.1:8765" and served["strict"] and served["watch_theme"]
    for _ in range(2):  # the first build, then a rebuild
        config = load_config("mkdocs.yml", **overrides)
        assert plugin_in(config).config.allow_pending and plugin_in(config).config.content == "content"
    assert muwazi(["serve"]) == REFUSED  # bad input is refused before serving


@pytest.mark.parametrize(
    "command, options",
    [
        ([], ["--config-file", "--verbose", "generate", "build", "serve", "actors", "translate"]),
        (["generate"], ["--allow-pending"]),
        (["build"], ["--allow-pending", "--site-dir"]),
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
