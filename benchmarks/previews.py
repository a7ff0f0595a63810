"""What one link-preview picture costs, part by part, and how the pictures scale over the cores.

    .venv/bin/python benchmarks/previews.py            # 200 pictures
    .venv/bin/python benchmarks/previews.py --count 40

Prints, for the synthetic articles' titles (the seed's title and its English, numbered), the
milliseconds of each part of one picture (fitting the titles, drawing them, turning coverage into
palette indices, PNG encoding, and the same picture encoded in full colour for comparison), the
picture's bytes, then the wall-clock seconds of drawing all of them in one thread, in a thread per
core and in a process per core. Each figure is the fastest of --repeat runs.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from PIL import Image, ImageDraw  # noqa: E402

from muwazi import memory  # noqa: E402
from muwazi.preview import MARGIN, SIZE, Painter, _fitted, _font  # noqa: E402
from muwazi.source import read_articles  # noqa: E402

SITE_NAME = "موازي"


def seed_titles(count: int) -> list[tuple[str, str]]:
    """The titles build_time.py's synthetic articles carry: the seed's, numbered."""
    source = read_articles(ROOT / "content" / "articles")[0]
    catalogue = memory.load_catalogue(memory.path_for(ROOT / "content" / "translations", source.slug), source.slug)
    english = next((e.msgstr for e in catalogue if e.msgid == source.title.text), "")
    return [(f"{source.title.text} ({n})", f"{english} ({n})" if english else "") for n in range(1, count + 1)]


def fastest(repeat: int, work) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def draw_batch(batch: list[tuple[str, str]]) -> int:
    painter = Painter(SITE_NAME)
    return sum(len(painter.png(*titles)) for titles in batch)


def parts(titles: list[tuple[str, str]], repeat: int) -> dict[str, float]:
    """Milliseconds per picture of each part, measured on its own over all the titles."""
    painter = Painter(SITE_NAME)
    width = SIZE[0] - 2 * MARGIN
    fitted = [_fitted(ar, (64, 56, 48, 42), width, 3, "rtl", "ar") for ar, _ in titles]

    def draw_lines() -> None:
        for font, lines in fitted:
            image = painter.header.copy()
            draw = ImageDraw.Draw(image)
            for number, line in enumerate(lines):
                draw.text(
                    (SIZE[0] - MARGIN, 150 + number * 100), line, font=font, fill=255, anchor="ra", direction="rtl"
                )

    pictures = [Image.open(io.BytesIO(painter.png(*t))) for t in titles]
    coloured = [picture.convert("RGB") for picture in pictures]
    coverage = painter.header.copy()
    per = 1000 / len(titles)
    return {
        "fit the titles to sizes and lines (shaping)": per
        * fastest(
            repeat,
            lambda: [
                (_fitted(ar, (64, 56, 48, 42), width, 3, "rtl", "ar"), _fitted(en, (40, 34, 30), width, 3, "ltr", "en"))
                for ar, en in titles
            ],
        ),
        "draw the Arabic lines": per * fastest(repeat, draw_lines),
        "copy the fixed parts": per * fastest(repeat, lambda: [painter.header.copy() for _ in titles]),
        "coverage to palette indices": per
        * fastest(repeat, lambda: [coverage.point(painter.to_band[1]) for _ in titles]),
        "PNG, palette, level 1": per
        * fastest(repeat, lambda: [p.save(io.BytesIO(), "PNG", compress_level=1) for p in pictures]),
        "PNG, full colour, level 1 (for comparison)": per
        * fastest(repeat, lambda: [p.save(io.BytesIO(), "PNG", compress_level=1) for p in coloured]),
        "the whole picture": per * fastest(repeat, lambda: [painter.png(*t) for t in titles]),
    }


def sizes(titles: list[tuple[str, str]]) -> dict[str, float]:
    painter = Painter(SITE_NAME)
    palette = [painter.png(*t) for t in titles]
    coloured = []
    for data in palette:
        out = io.BytesIO()
        Image.open(io.BytesIO(data)).convert("RGB").save(out, "PNG", compress_level=1)
        coloured.append(out.getvalue())
    return {
        "palette": sum(map(len, palette)) / len(palette) / 1024,
        "full colour": sum(map(len, coloured)) / len(coloured) / 1024,
    }


def spread(titles: list[tuple[str, str]], repeat: int) -> dict[str, float]:
    """Seconds for all the pictures: in one thread, a thread per core, a process per core."""
    cores = os.cpu_count() or 1
    batches = [titles[start::cores] for start in range(cores)]
    with ThreadPoolExecutor(cores) as threads, ProcessPoolExecutor(cores, mp_context=get_context("spawn")) as processes:
        list(processes.map(draw_batch, [titles[:1]] * cores))  # started and warm before the clock runs
        return {
            "one thread": fastest(repeat, lambda: draw_batch(titles)),
            f"{cores} threads": fastest(repeat, lambda: list(threads.map(draw_batch, batches))),
            f"{cores} processes": fastest(repeat, lambda: list(processes.map(draw_batch, batches))),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="pictures (default 200)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    titles = seed_titles(arguments.count)
    _font(64)  # the fonts load once per process, not per picture
    print(f"{arguments.count} pictures of the synthetic articles' titles, fastest of {arguments.repeat}\n")
    print("| part of one picture | ms |\n|---|---:|")
    for name, milliseconds in parts(titles, arguments.repeat).items():
        print(f"| {name} | {milliseconds:.1f} |")
    print("\n| picture | KiB |\n|---|---:|")
    for name, kib in sizes(titles).items():
        print(f"| {name} | {kib:.1f} |")
    print(f"\n| {arguments.count} pictures | s |\n|---|---:|")
    for name, seconds in spread(titles, arguments.repeat).items():
        print(f"| {name} | {seconds:.2f} |")


if __name__ == "__main__":
    main()
