"""Link-preview pictures for a build: which pages get one, and putting them in the site.

Only the pages people share get a picture: an article, an actor's first page and the home page.
A picture is drawn once per content (the cache keys it by a hash of what it shows), so a rebuild
draws only pictures whose titles are new; in an incremental build only changed pages are offered,
and every other page's picture is still in the site folder from the build before.
"""

from __future__ import annotations

import hashlib
import html
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from .build import log
from .files import write_atomically
from .render.urls import ARTICLES, GLOSSARY, GLOSSARY_INDEX, HOME

PICTURE = "preview.png"  # beside each page's index.html
CACHE = ".cache/muwazi-previews"  # pictures drawn by earlier builds, by a hash of what they show
VERSION = "3"  # change when preview.py draws differently, so cached pictures are redrawn
# Starting a process costs about as much as drawing this many pictures: fewer are drawn in the
# build's own process (an incremental build's few new pages).
WORTH_A_PROCESS = 24
BATCHES_PER_PROCESS = 2  # a process held up by the shared machine leaves its last batch to the others


@dataclass(frozen=True)
class Wanted:
    """A picture a page of this build shows: where it goes, and the titles it sets."""

    target: Path
    title_ar: str
    title_en: str


def shows_preview(src_uri: str) -> bool:
    """An article, an actor's first page (later ones are `<id>--<n>.md`) or the home page:
    the pages a share links to. Lists, archives and search are not shared on their own."""
    folder, _, name = src_uri.rpartition("/")
    return (
        src_uri == HOME or folder == ARTICLES or (folder == GLOSSARY and src_uri != GLOSSARY_INDEX and "--" not in name)
    )


class Previews:
    """Collects the pictures of the pages MkDocs renders, then draws the new ones after the build."""

    def __init__(self) -> None:
        self._wanted: list[Wanted] = []

    def offer(self, page, config) -> None:
        """Tell the page's template where its picture will be, if it is a page that shows one."""
        from .preview import SIZE, can_shape_arabic  # here: Pillow is not needed to generate the pages

        if not shows_preview(page.file.src_uri) or not can_shape_arabic():
            return
        # escaped by front_matter, so unescaped for the picture
        title_ar, title_en = (html.unescape(str(page.meta.get(key) or "")) for key in ("title", "title_en"))
        folder = Path(config.site_dir) / page.file.dest_path.rpartition("/")[0]
        self._wanted.append(Wanted(folder / PICTURE, title_ar, title_en))
        page.meta["preview_image"], page.meta["preview_size"] = PICTURE, SIZE

    def put_in_site(self, config) -> None:
        """Draw the pictures no earlier build drew, then copy each page's from the cache."""
        wanted, self._wanted = self._wanted, []
        started = time.perf_counter()
        log.info("muwazi: link previews for %d pages …", len(wanted))
        drawn = put_in_place(wanted, Path(config.config_file_path).parent / CACHE, config.site_name)
        log.info(
            "muwazi: link previews ready in %.1f s (%d drawn, %d from the cache)",
            time.perf_counter() - started,
            drawn,
            len(wanted) - drawn,
        )


def cache_key(title_ar: str, title_en: str, site_name: str) -> str:
    return hashlib.sha256("\0".join((title_ar, title_en, site_name, VERSION)).encode()).hexdigest()


def put_in_place(wanted: list[Wanted], cache: Path, site_name: str) -> int:
    """Each wanted picture in its place, drawn only if the cache lacks it; how many were drawn."""
    from .preview import Painter, draw_into_cache

    cached = {item: cache / f"{cache_key(item.title_ar, item.title_en, site_name)}.png" for item in wanted}
    missing = list({path: (item.title_ar, item.title_en) for item, path in cached.items() if not path.exists()}.items())
    painter = Painter(site_name)  # the fixed parts, laid out once for the whole build
    processes = min(os.cpu_count() or 1, len(missing) // WORTH_A_PROCESS)
    if processes > 1:
        # processes, not threads: Pillow holds the interpreter while it shapes, draws and compresses
        batches = [
            missing[start :: processes * BATCHES_PER_PROCESS] for start in range(processes * BATCHES_PER_PROCESS)
        ]
        with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
            list(pool.map(draw_into_cache, [painter] * len(batches), batches))
    else:
        draw_into_cache(painter, missing)
    for item, path in cached.items():
        write_atomically(item.target, path.read_bytes(), durable=False)
    return len(missing)
