"""How the build scales: N synthetic articles made from the seed's own segments, built for real.

For each N it prints our generation step alone, the whole `muwazi build`, that build divided by a
bare `mkdocs build` of the same generated Markdown (Material, no muwazi plugin), peak memory and
the size of site/; then the daily rebuilds of that site: with nothing changed, with one article
added, and with one translation changed; then t(1000)/t(100); and what the link previews cost
the largest whole build: how much less the same build takes with every picture already drawn.
Run it from the project folder:

    .venv/bin/python benchmarks/build_time.py                    # N = 10, 100, 1000
    .venv/bin/python benchmarks/build_time.py --repeat 3         # each step's fastest of three runs
    .venv/bin/python benchmarks/build_time.py --sizes 10         # the smoke test CI runs
    .venv/bin/python benchmarks/build_time.py --sizes 10000 --no-bare   # a ten-year desk, less the bare build
    sudo .venv/bin/python benchmarks/build_time.py --sizes 10000 --no-bare --cold   # rebuilds from the disk

The generation step and the whole build start cold (no generated page, no cache, no site/); the
rebuilds start from the site the whole build left, after one more build that the timing leaves
out: the first build after a clean one is clean too (it makes the spare folder incremental builds
build into), and a daily rebuild has its spare. Times are wall-clock seconds on this machine;
compare the ratios, which hold across machines, and on a noisy machine use --repeat. With --cold
(root, Linux) the kernel's page cache is emptied before each rebuild, so that it reads the site,
docs/ and the build cache from the disk, as a daily build on a server busy with other work would.
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
from muwazi.previews import CACHE as PICTURES  # noqa: E402
from muwazi.source import read_articles  # noqa: E402


@dataclass
class Measurement:
    articles: int
    generate: float
    build: float
    bare: float  # NaN when not measured
    peak_mib: float
    site_mib: float
    pages: int
    steps: dict[str, float]  # where the fastest whole build's time went, from its own log
    rebuilds: dict[str, tuple[float, float]]  # seconds and peak MiB of each daily rebuild (REBUILDS)
    pictures_cached: float  # the whole build again, every link preview's picture already drawn


def make_project(target: Path, count: int, seed: int = 1) -> None:
    """A project with `count` articles: the seed's paragraphs shuffled, dated a day apart."""
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    (target / "content" / "articles").mkdir(parents=True)
    (target / "content" / "translations").mkdir()
    shutil.copy2(ROOT / "content" / "actors.yml", target / "content" / "actors.yml")
    rng = random.Random(seed)
    for number in range(1, count + 1):
        add_article(target, number, rng)


def add_article(project: Path, number: int, rng: random.Random) -> None:
    """The `number`-th synthetic article and its memory: the seed's paragraphs in an order of
    `rng`'s, dated a day (and a few minutes) after the one before."""
    source = read_articles(ROOT / "content" / "articles")[0]
    english = {
        e.msgid: e.msgstr
        for e in memory.load_catalogue(memory.path_for(ROOT / "content" / "translations", source.slug), source.slug)
    }
    moment = datetime(2017, 1, 1, 9, 0) + timedelta(days=number, minutes=7 * number)
    segments = rng.sample(list(source.body), k=len(source.body))
    title = f"{source.title.text} ({number})"
    slug = f"{moment:%Y-%m-%d}-synthetic-{number:05d}"
    lines = [title, write_dateline(moment)] + [s.text for s in segments]
    (project / "content" / "articles" / f"{slug}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    catalogue = memory.new_catalogue(slug)
    catalogue.append(polib.POEntry(msgid=title, msgstr=f"{english[source.title.text]} ({number})"))
    for segment in dict.fromkeys(s.text for s in segments):
        catalogue.append(polib.POEntry(msgid=segment, msgstr=english[segment]))
    memory.save(catalogue, project / "content" / "translations" / f"{slug}.po")


def change_translation(project: Path) -> None:
    """An editor's change to one entry of one article's memory (an article from the middle of the
    archive): a word added to its second paragraph's English."""
    memories = sorted((project / "content" / "translations").glob("*.po"))
    catalogue = polib.pofile(str(memories[len(memories) // 2]), wrapwidth=78)
    catalogue[2].msgstr = catalogue[2].msgstr.replace(" ", " indeed ", 1)
    catalogue.save()


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


def drop_page_cache() -> None:
    """Empty the kernel's page cache, so that the next command reads its files from the disk."""
    os.sync()
    try:
        Path("/proc/sys/vm/drop_caches").write_text("3\n", encoding="ascii")
    except OSError as error:
        raise SystemExit(f"--cold needs root on Linux: /proc/sys/vm/drop_caches: {error.strerror}") from error


def from_nothing(project: Path, keep_pictures: bool = False) -> None:
    """Remove every generated page, the site with its spare, and the build's caches (but the
    link previews' pictures if `keep_pictures`): each timed step starts cold."""
    for page in generated_files(project / "docs"):
        (project / "docs" / page).unlink()
    kept = project / PICTURES if keep_pictures else None
    for built in [project / "site", *project.glob(".site.*"), *(project / ".cache").glob("*")]:
        if built == kept:
            continue
        if built.is_dir():
            shutil.rmtree(built)
        else:
            built.unlink(missing_ok=True)


REBUILDS = ("no change", "one article added", "one translation changed")


def measure(count: int, workdir: Path, repeat: int, with_bare: bool = True, cold: bool = False) -> Measurement:
    """The fastest of `repeat` cold runs of each step (the slower runs are the machine's noise),
    then of the daily rebuilds, each from the site the one before left."""
    project = workdir / f"n{count}"
    project.mkdir()
    make_project(project, count)
    muwazi = [sys.executable, "-m", "muwazi.cli"]
    generate = build = pictures_cached = math.inf
    bare = math.inf if with_bare else math.nan
    peak, steps = 0.0, {}
    rebuilds = dict.fromkeys(REBUILDS, (math.inf, 0.0))
    added = count
    for _ in range(repeat):
        from_nothing(project)
        generate = min(generate, timed(muwazi + ["generate"], project)[0])
        from_nothing(project)
        seconds, memory, log = timed(muwazi + ["build"], project)
        if seconds < build:
            build, steps = seconds, steps_of(log, seconds)
        peak = max(peak, memory)
        from_nothing(project, keep_pictures=True)
        pictures_cached = min(pictures_cached, timed(muwazi + ["build"], project)[0])
        if with_bare:
            bare_build = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(bare_config(project))]
            bare = min(bare, timed(bare_build, project)[0])
        timed(muwazi + ["build"], project)  # untimed: the build after a clean one makes the spare (README)
        for rebuild in REBUILDS:
            if rebuild == "one article added":
                added += 1
                add_article(project, added, random.Random(added))
            elif rebuild == "one translation changed":
                change_translation(project)
            if cold:
                drop_page_cache()
            seconds, memory, _ = timed(muwazi + ["build"], project)
            rebuilds[rebuild] = (min(seconds, rebuilds[rebuild][0]), max(memory, rebuilds[rebuild][1]))
    site, pages = size_mib(project / "site")
    return Measurement(count, generate, build, bare, peak, site, pages, steps, rebuilds, pictures_cached)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=1, help="time each step this many times and keep the fastest")
    parser.add_argument(
        "--no-bare", action="store_true", help="leave out the bare MkDocs build (for the largest sizes)"
    )
    parser.add_argument("--cold", action="store_true", help="empty the page cache before each rebuild (root, Linux)")
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; fastest of {args.repeat} run(s) per step{'; rebuilds from a cold page cache' if args.cold else ''}"
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="muwazi-bench-") as workdir:
        for count in args.sizes:
            print(f"building {count} articles …", file=sys.stderr, flush=True)
            rows.append(measure(count, Path(workdir), args.repeat, not args.no_bare, args.cold))
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
    print()
    print(
        "| articles | whole build (s) | "
        + " | ".join(f"{name} (s)" for name in REBUILDS)
        + " | largest / whole | peak memory (MiB) |"
    )
    print("|---:|---:|" + "---:|" * len(REBUILDS) + "---:|---:|")
    for r in rows:
        slowest = max(seconds for seconds, _ in r.rebuilds.values())
        print(
            f"| {r.articles} | {r.build:.2f} | "
            + " | ".join(f"{seconds:.2f}" for seconds, _ in r.rebuilds.values())
            + f" | {slowest / r.build:.0%} | {max(m for _, m in r.rebuilds.values()):.0f} |"
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
    drawing = largest.build - largest.pictures_cached
    print(
        f"the link previews' whole cost, drawn beside MkDocs' step: {drawing:.1f} s ({drawing / largest.build:.0%}), "
        f"against the same build with every picture in the cache ({largest.pictures_cached:.1f} s)"
    )


if __name__ == "__main__":
    main()
