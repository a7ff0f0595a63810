"""What one article costs the generation step, in instructions: a count that does not move with
the machine's speed, so two versions of the code can be compared on a noisy machine.

Valgrind's cachegrind counts the instructions of a process that reads, translates, annotates and
renders the first n synthetic articles (n = 10, then 30), stopping after one stage or another; the
difference between the two runs, divided by 20, is one article's cost, start-up left out. Needs
Valgrind (Debian: `apt-get install -y valgrind`); it takes a few minutes. From the project folder:

    .venv/bin/python benchmarks/instructions.py
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_time import make_project
from muwazi.actors import load_gazetteer
from muwazi.align import load_model
from muwazi.build import ArticleWork, BuildContext, discard_leftovers
from muwazi.config import Project
from muwazi.source import article_files

FEW, MANY = 10, 30
STAGES = ("translate", "annotate", "align", "render", "write")
LABELS = {
    "translate": "read the article and its translation memory",
    "annotate": "find the actors in both languages",
    "align": "align each paragraph with its English, unit by unit",
    "render": "render its page and its sections of the actor pages",
    "write": "stage the page in docs/",
}


def child(project: Path, articles: int, stage: str) -> None:
    """What valgrind counts: the pipeline's own work for the first `articles` articles, up to `stage`."""
    paths = Project(project / "content", project / "docs")
    context = BuildContext(load_gazetteer(paths.gazetteer), paths, False, load_model(paths.content))
    work = ArticleWork(context)
    for path in article_files(paths.articles)[:articles]:
        if stage == "write":
            work(path)
            continue
        translated = work.translated(path)
        if stage == "translate":
            continue
        annotated = work.annotated(translated)
        if stage == "annotate":
            continue
        annotated = work.aligned(annotated)
        if stage == "align":
            continue
        work.rendered(annotated)
    discard_leftovers(paths.docs)


def instructions(project: Path, articles: int, stage: str) -> int:
    """Instructions of one run of the child, as cachegrind counts them."""
    with tempfile.NamedTemporaryFile(prefix="cachegrind-") as out:
        subprocess.run(
            [
                "valgrind",
                "--tool=cachegrind",
                "--cache-sim=no",
                f"--cachegrind-out-file={out.name}",
                sys.executable,
                __file__,
                "--child",
                str(project),
                str(articles),
                stage,
            ],
            check=True,
            capture_output=True,
        )
        return int(re.search(r"^summary: (\d+)", Path(out.name).read_text(), re.M)[1])


def main() -> None:
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian: apt-get install -y valgrind)")
    with tempfile.TemporaryDirectory(prefix="muwazi-instructions-") as workdir:
        project = Path(workdir)
        make_project(project, MANY)
        per_article, before = {}, 0.0
        for stage in STAGES:
            print(f"counting up to «{stage}» …", file=sys.stderr, flush=True)
            cumulative = (instructions(project, MANY, stage) - instructions(project, FEW, stage)) / (MANY - FEW)
            per_article[stage], before = cumulative - before, cumulative
    print("\n| stage | million instructions per article |\n|---|---:|")
    for stage, count in per_article.items():
        print(f"| {LABELS[stage]} | {count / 1e6:.1f} |")
    print(f"| **all** | **{before / 1e6:.1f}** |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        main()
