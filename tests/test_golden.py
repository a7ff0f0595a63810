"""Golden output: `muwazi generate` on a small committed project (tests/golden/content/: the seed
and three short articles made from it, in other months) writes exactly the pages committed in
tests/golden/expected/, byte for byte, none missing and none extra. Refactoring must keep every
page; a change to the pages that is meant is recorded with `make golden`."""

import difflib
import shutil

import pytest

from helpers import GOLDEN, files_in, generate_golden

EXPECTED = GOLDEN / "expected"
INTENDED = "if the change is intended, run `make golden` and commit tests/golden/expected/"


def first_difference(name: str, expected: bytes, generated: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8").splitlines(),
        generated.decode("utf-8").splitlines(),
        f"expected/{name}",
        f"generated/{name}",
        lineterm="",
    )
    return "\n".join(line[:300] for line in list(lines)[:20])


def test_the_golden_project_generates_exactly_the_committed_pages(tmp_path, update_golden):
    docs = generate_golden(tmp_path / "project")
    if update_golden:
        shutil.rmtree(EXPECTED, ignore_errors=True)
        shutil.copytree(docs, EXPECTED)
    generated, expected = files_in(docs), files_in(EXPECTED)
    extra, missing = sorted(generated.keys() - expected.keys()), sorted(expected.keys() - generated.keys())
    assert not extra, f"generated, but not in tests/golden/expected/: {extra}; {INTENDED}"
    assert not missing, f"in tests/golden/expected/, but no longer generated: {missing}; {INTENDED}"
    differing = [name for name in sorted(expected) if generated[name] != expected[name]]
    if differing:
        pytest.fail(
            f"generated pages differ from tests/golden/expected/: {differing}; {INTENDED}\n"
            + first_difference(differing[0], expected[differing[0]], generated[differing[0]])
        )


def test_the_golden_project_covers_what_the_pages_are_made_of():
    """Several months and years, a date without a time, machine output beside reviewed, markup in the text."""
    pages = files_in(EXPECTED)
    assert {name for name in pages if name.startswith("archive/") and name.endswith("index.md")} == {
        "archive/index.md",
        "archive/2018/05/index.md",
        "archive/2018/06/index.md",
        "archive/2018/07/index.md",
        "archive/2019/01/index.md",
    }
    assert len([name for name in pages if name.startswith("articles/") and name.endswith(".md")]) == 4
    machine = pages["articles/2018-07-03-moscow-washington-understanding.md"].decode("utf-8")
    assert "Machine translation — not reviewed" in machine
    assert "&lt;b&gt;القمة&lt;/b&gt; &amp;" in machine and "<b>" not in machine
