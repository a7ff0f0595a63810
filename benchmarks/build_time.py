"""How the build scales: N synthetic articles made from the seed's own segments, built for real.

For each N it prints our generation step alone, the whole `muwazi build`, that build divided by a
bare `mkdocs build` of the same generated Markdown (Material, no muwazi plugin), peak memory and
the size of site/; then t(1000)/t(100). Run it from the project folder:

    .venv/bin/python benchmarks/build_time.py              # N = 10, 100, 1000
    .venv/bin/python benchmarks/build_time.py --repeat 3   # each step's fastest of three runs
    .venv/bin/python benchmarks/build_time.py --sizes 10   # the smoke test CI runs

Every step starts cold (no generated page, no cache). Times are wall-clock seconds on this
machine; compare the ratios, which hold across machines, and on a noisy machine use --repeat.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import polib
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from muwazi import memory  # noqa: E402
from muwazi.arabic import write_dateline  # noqa: E402
from muwazi.build import generated_files  # noqa: E402
from muwazi.source import read_articles  # noqa: E402


@dataclass
class Measurement:
    articles: int
    generate: float
    build: float
    bare: float
    peak_mib: float
    site_mib: float
    pages: int
    steps: dict[str, float]  # where the fastest whole build's time went, from its own log


def make_project(target: Path, count: int, seed: int = 1) -> None:
    """A project with `count` articles: the seed's paragraphs shuffled, dated a day apart."""
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    (target / "content" / "articles").mkdir(parents=True)
    (target / "content" / "translations").mkdir()
    shutil.copy2(ROOT / "content" / "actors.yml", target / "content" / "actors.yml")
    source = read_articles(ROOT / "content" / "articles")[0]
    english = {
        e.msgid: e.msgstr
        for e in memory.load_catalogue(memory.path_for(ROOT / "content" / "translations", source.slug), source.slug)
    }
    body = list(source.body)
    rng = random.Random(seed)
    start = datetime(2017, 1, 1, 9, 0)
    for number in range(1, count + 1):
        moment = start + timedelta(days=number, minutes=7 * number)
        dateline = write_dateline(moment)
        segments = rng.sample(body, k=len(body))
        title = f"{source.title.text} ({number})"
        slug = f"{moment:%Y-%m-%d}-synthetic-{number:05d}"
        lines = [title, dateline] + [s.text for s in segments]
        (target / "content" / "articles" / f"{slug}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        catalogue = memory.new_catalogue(slug)
        catalogue.append(polib.POEntry(msgid=title, msgstr=f"{english[source.title.text]} ({number})"))
        for segment in dict.fromkeys(s.text for s in segments):
            catalogue.append(polib.POEntry(msgid=segment, msgstr=english[segment]))
        memory.save(catalogue, target / "content" / "translations" / f"{slug}.po")


def bare_config(project: Path) -> Path:
    """The same site configuration without the muwazi plugin: MkDocs and Material alone."""
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_EnvLoader)
    config["plugins"] = [
        p for p in config.get("plugins", []) if not (isinstance(p, dict) and "muwazi" in p) and p != "muwazi"
    ]
    config["site_dir"] = "site-bare"
    path = project / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


class _EnvLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's !ENV tags as their default value."""


_EnvLoader.add_constructor(
    "!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None
)


def timed(command: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall-clock seconds, peak resident memory (MiB) and the log of one command. The disk is synced
    first, so that a command is not charged for writing out what the one before it wrote."""
    os.sync()
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = process.stderr.read().decode()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{log}")
    return elapsed, usage.ru_maxrss / 1024, log


# What the build's log says each step took.
STEP_LOG = {
    "generation": r"→ \d+ pages \(.*\) in ([\d.]+) s",
    "MkDocs": r"Documentation built in ([\d.]+) seconds",
    "link previews": r"link previews ready in ([\d.]+) s",
    "search index": r"search index ready in ([\d.]+) s",
}


def steps_of(log: str, whole: float) -> dict[str, float]:
    """Seconds per step of one whole build; MkDocs' own time covers the previews and the index,
    which are taken out of it, and "the rest" is start-up, configuration and moving site/ in place."""
    found = {step: float(re.search(pattern, log)[1]) for step, pattern in STEP_LOG.items()}
    found["MkDocs"] -= found["link previews"] + found["search index"]
    found["the rest"] = whole - sum(found.values())
    return found


def size_mib(folder: Path) -> tuple[float, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20, sum(p.suffix == ".html" for p in files)


def from_nothing(project: Path) -> None:
    """Remove every generated page and the build's caches: each timed step starts cold."""
    for page in generated_files(project / "docs"):
        (project / "docs" / page).unlink()
    shutil.rmtree(project / ".cache", ignore_errors=True)


def measure(count: int, workdir: Path, repeat: int) -> Measurement:
    """The fastest of `repeat` cold runs of each step (the slower runs are the machine's noise)."""
    project = workdir / f"n{count}"
    project.mkdir()
    make_project(project, count)
    muwazi = [sys.executable, "-m", "muwazi.cli"]
    generate = build = bare = math.inf
    peak, steps = 0.0, {}
    for _ in range(repeat):
        from_nothing(project)
        generate = min(generate, timed(muwazi + ["generate"], project)[0])
        from_nothing(project)
        seconds, memory, log = timed(muwazi + ["build"], project)
        if seconds < build:
            build, steps = seconds, steps_of(log, seconds)
        peak = max(peak, memory)
        bare = min(
            bare, timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(project))], project)[0]
        )
    site, pages = size_mib(project / "site")
    return Measurement(count, generate, build, bare, peak, site, pages, steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=1, help="time each step this many times and keep the fastest")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; fastest of {args.repeat} run(s) per step"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="muwazi-bench-") as workdir:
        for count in args.sizes:
            print(f"building {count} articles …", file=sys.stderr, flush=True)
            rows.append(measure(count, Path(workdir), args.repeat))
    print()
    print(
        "| articles | pages | generate (s) | whole build (s) | generate / build | build / bare mkdocs | peak memory (MiB) | site/ (MiB) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r.articles} | {r.pages} | {r.generate:.2f} | {r.build:.2f} | {r.generate / r.build:.0%} | "
            f"{r.build / r.bare:.2f} | {r.peak_mib:.0f} | {r.site_mib:.1f} |"
        )
    by_count = {r.articles: r for r in rows}
    if 100 in by_count and 1000 in by_count:
        print(f"\nt(1000)/t(100) = {by_count[1000].build / by_count[100].build:.1f} (linear would be 10)")
    largest = rows[-1]
    print(f"\nthe whole build of {largest.articles} articles ({largest.build:.1f} s), step by step, from its log:")
    print(
        "\n".join(
            f"- {step}: {seconds:.1f} s ({seconds / largest.build:.0%})" for step, seconds in largest.steps.items()
        )
    )


if __name__ == "__main__":
    main()
