"""Lighthouse scores of the built site, with Debian's Chromium, served from 127.0.0.1.

    make build && .venv/bin/python benchmarks/lighthouse.py [--runs N] [--reports DIR] [PAGE …]

Installs the pinned Lighthouse (benchmarks/lighthouse/package.json) with `npm ci` on first use,
serves site/ on a free local port as a static host would (text compressed with gzip), and prints the four category scores and the page weight for
each page (default: the seed article). The targets: performance ≥ 95, accessibility, best
practices and SEO 100, first view under 400 KB. Performance is noisy on a shared machine: with
--runs each page is measured that many times, and its median, range and the figures it is made
of (blocking time, layout shift, main-thread work) are printed; --reports keeps each run's JSON.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOOL = Path(__file__).resolve().parent / "lighthouse"
SEED_ARTICLE = "articles/2018-06-01-moscow-putin-kim-summit/"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run"


class StaticHost(http.server.SimpleHTTPRequestHandler):
    """Serves site/ as a static host does: text compressed with gzip when the browser accepts it."""

    COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.suffix not in self.COMPRESSED
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def lighthouse(url: str, chromium: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(TOOL / "node_modules" / ".bin" / "lighthouse"),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--chrome-flags={CHROME_FLAGS} --user-data-dir={folder}/profile",
                "--only-categories=performance,accessibility,best-practices,seo",
            ],
            check=True,
            env={"CHROME_PATH": chromium, "PATH": "/usr/bin:/bin", "HOME": folder},
        )
        return json.loads(report.read_text(encoding="utf-8"))


def figures(result: dict) -> dict[str, float]:
    """The figures a performance score is judged by, which move less with the machine's load than it."""
    audits = result["audits"]
    return {
        "performance": round(result["categories"]["performance"]["score"] * 100),
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "main thread s": audits["mainthread-work-breakdown"]["numericValue"] / 1000,
        "FCP s": audits["first-contentful-paint"]["numericValue"] / 1000,
        "LCP s": audits["largest-contentful-paint"]["numericValue"] / 1000,
    }


def summary(page: str, runs: list[dict[str, float]]) -> str:
    """One line per figure: median, range, then every run."""
    lines = [f"/{page}, {len(runs)} runs: median [range] (each run)"]
    for name in runs[0]:
        values = [run[name] for run in runs]
        show = (
            (lambda v: f"{v:.3f}")
            if name == "CLS"
            else (lambda v: f"{v:.2f}")
            if name.endswith(" s")
            else (lambda v: f"{v:.0f}")
        )
        lines.append(
            f"  {name}: {show(statistics.median(values))} [{show(min(values))}–{show(max(values))}] ({', '.join(map(show, values))})"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("pages", nargs="*", default=[SEED_ARTICLE])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--runs", type=int, default=1, help="measure each page this many times")
    parser.add_argument("--reports", type=Path, help="keep each run's Lighthouse JSON in this folder")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or sys.exit("Debian's chromium is needed (apt-get install chromium)")
    if not (args.site / "index.html").exists():
        sys.exit(f"no built site in {args.site}: run `make build` first")
    if not (TOOL / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=TOOL, check=True)
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(StaticHost, directory=args.site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print("| page | performance | accessibility | best practices | SEO | first view (KB transferred, gzip) |")
    print("|---|---:|---:|---:|---:|---:|")
    failed = []
    summaries = []
    for page in args.pages:
        runs = []
        for run in range(1, args.runs + 1):
            result = lighthouse(base + page, chromium)
            if args.reports:
                name = (page.strip("/").replace("/", "_") or "home") + f"-{run}.json"
                (args.reports / name).write_text(json.dumps(result), encoding="utf-8")
            runs.append(figures(result))
            scores = {key: round(category["score"] * 100) for key, category in result["categories"].items()}
            weight = result["audits"]["total-byte-weight"]["numericValue"] / 1000
            print(
                f"| /{page} | {scores['performance']} | {scores['accessibility']} | {scores['best-practices']} | {scores['seo']} | {weight:.0f} |",
                flush=True,
            )
            for key, category in result["categories"].items():
                for ref in category["auditRefs"]:
                    audit = result["audits"][ref["id"]]
                    if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                        failed.append(
                            f"  /{page} {key}: {audit['title']} ({audit.get('displayValue', audit['score'])})"
                        )
        summaries.append(summary(page, runs))
    server.shutdown()
    if args.runs > 1:
        print()
        print("\n".join(summaries))
    if failed:
        print("\nAudits below full marks:")
        print("\n".join(failed))


if __name__ == "__main__":
    main()
