"""The build benchmark runs (at N = 10 only: a smoke test, its times are not asserted)."""

import re
import subprocess
import sys

import pytest

from helpers import ROOT


@pytest.mark.slow
def test_the_benchmark_builds_ten_synthetic_articles_and_reports():
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "build_time.py"), "--sizes", "10"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    row = re.search(
        r"^\| 10 \| (\d+) \| ([\d.]+) \| ([\d.]+) \| (\d+)% \| ([\d.]+) \| (\d+) \| ([\d.]+) \|$", result.stdout, re.M
    )
    assert row, result.stdout
    pages = int(row[1])
    assert pages >= 10 + 15  # ten articles and the fifteen actors, besides home, archive and search
    steps = dict(re.findall(r"^- ([\w ]+): ([\d.]+) s", result.stdout, re.M))
    assert set(steps) == {"generation", "MkDocs", "link previews", "search index", "the rest"}, result.stdout
    assert abs(sum(map(float, steps.values())) - float(row[3])) < 0.3  # the steps add up to the whole build
    rebuilds = re.search(
        r"^\| 10 \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\d+)% \| (\d+) \|$", result.stdout, re.M
    )
    assert rebuilds and float(rebuilds[1]) == float(row[3]), result.stdout  # the same whole build, then its rebuilds
    cost = re.search(r"^the link previews' whole cost, .*: (-?[\d.]+) s .*\(([\d.]+) s\)$", result.stdout, re.M)
    assert cost and float(cost[1]) + float(cost[2]) == pytest.approx(float(row[3]), abs=0.15), result.stdout
