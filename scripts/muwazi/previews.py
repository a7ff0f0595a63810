"""Link-preview pictures for a build: which pages get one, and putting them in the site.

Only the pages people share get a picture: an article, an actor's first page and the home page.
A picture is drawn once per content (the cache keys it by a hash of what it shows), so a rebuild
draws only pictures whose titles are new; in an incremental build only changed pages are offered,
and every other page's picture is still in the site folder from the build before.
"""

from __future__ import annotations

import html
import os
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from .build import log
from .digests import digest_of
from .files import write_atomically
from .render.urls import ARTICLES, GLOSSARY, GLOSSARY_INDEX, HOME

if TYPE_CHECKING:
    from .preview import Painter

PICTURE = "preview.png"  # beside each page's index.html
CACHE = ".cache/muwazi-previews"  # pictures drawn by earlier builds, by a hash of what they show
VERSION = "4"  # change when preview.py draws differently, so cached pictures are redrawn
# New pictures sent to a worker at a time. Starting the workers costs about as much as drawing
# a batch, so a build with fewer new pictures (an incremental one) draws them itself.
BATCH = 32


@dataclass(frozen=True)
class Wanted:
    """A picture a page of this build shows: where it goes, and the titles it sets."""

    target: Path
    title_ar: str
    title_en: str
    cached: Path  # where the cache keeps it


def shows_preview(src_uri: str) -> bool:
    """An article, an actor's first page (later ones are `<id>--<n>.md`) or the home page:
    the pages a share links to. Lists, archives and search are not shared on their own."""
    folder, _, name = src_uri.rpartition("/")
    return (
        src_uri == HOME or folder == ARTICLES or (folder == GLOSSARY and src_uri != GLOSSARY_INDEX and "--" not in name)
    )


class Previews:
    """The pictures of the pages MkDocs renders. New ones are sent to worker processes in batches
    as the pages are rendered, so they are drawn on the cores MkDocs leaves idle (it renders on
    one); after the build, the last are drawn and every page's picture is copied from the cache."""

    def __init__(self) -> None:
        self._clear()

    def _clear(self) -> None:
        self._wanted: list[Wanted] = []
        self._new: dict[Path, tuple[str, str]] = {}  # cache file → titles, not yet sent to be drawn
        self._sent: set[Path] = set()
        self._workers: tuple[ProcessPoolExecutor, Painter] | None = None
        self._batches: list[Future] = []

    def offer(self, page, config) -> None:
        """Tell the page's template where its picture will be, if it is a page that shows one."""
        from .preview import SIZE, Painter, can_shape_arabic  # here: Pillow is not needed to generate the pages

        if not shows_preview(page.file.src_uri) or not can_shape_arabic():
            return
        # escaped by front_matter, so unescaped for the picture
        title_ar, title_en = (html.unescape(str(page.meta.get(key) or "")) for key in ("title", "title_en"))
        folder = Path(config.site_dir) / page.file.dest_path.rpartition("/")[0]
        item = Wanted(folder / PICTURE, title_ar, title_en, cache_file(config, title_ar, title_en))
        self._wanted.append(item)
        page.meta["preview_image"], page.meta["preview_size"] = PICTURE, SIZE
        if item.cached in self._sent or item.cached in self._new or item.cached.exists():
            return
        self._new[item.cached] = (title_ar, title_en)
        if len(self._new) >= BATCH:
            if self._workers is None:
                # processes, not threads: Pillow holds the interpreter while it shapes, draws and compresses;
                # the fixed parts are laid out once for the whole build
                self._workers = (
                    ProcessPoolExecutor(os.cpu_count(), mp_context=get_context("spawn")),
                    Painter(config.site_name),
                )
            self._send_new(*self._workers)

    def _send_new(self, pool: ProcessPoolExecutor, painter: Painter) -> None:
        from .preview import draw_into_cache

        self._batches.append(pool.submit(draw_into_cache, painter, list(self._new.items())))
        self._sent |= self._new.keys()
        self._new = {}

    def put_in_site(self, config) -> None:
        """Draw the pictures not drawn yet (here, if too few to be worth a process), then copy
        each page's from the cache."""
        from .preview import Painter, draw_into_cache

        started = time.perf_counter()
        log.info("muwazi: link previews for %d pages …", len(self._wanted))
        drawn = len(self._sent) + len(self._new)
        try:
            if self._workers is not None:
                self._send_new(*self._workers)
                for batch in self._batches:
                    batch.result()
            elif self._new:
                draw_into_cache(Painter(config.site_name), list(self._new.items()))
            for item in self._wanted:
                write_atomically(item.target, item.cached.read_bytes(), durable=False)
        finally:
            wanted = len(self._wanted)
            self.abandon()
        log.info(
            "muwazi: link previews ready in %.1f s (%d drawn, %d from the cache)",
            time.perf_counter() - started,
            drawn,
            wanted - drawn,
        )

    def abandon(self) -> None:
        """Forget this build's pictures and stop its workers (the build is over, or failed)."""
        if self._workers is not None:
            self._workers[0].shutdown(cancel_futures=True)
        self._clear()


def cache_file(config, title_ar: str, title_en: str) -> Path:
    """Where the cache keeps the picture of these titles, by a hash of all it shows."""
    key = digest_of(title_ar, title_en, config.site_name, VERSION)
    return Path(config.config_file_path).parent / CACHE / f"{key}.png"
