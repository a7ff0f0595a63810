"""The MkDocs plugin: generate the pages before every build, and watch content/ under `mkdocs serve`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import Project, generate, is_generated
from .errors import MuwaziError
from .files import write_atomically
from .preview import SIZE, can_shape_arabic, preview_png

PREVIEW = "preview.png"  # beside each generated page's index.html


class MuwaziConfig(Config):
    content = options.Type(str, default="content")
    allow_pending = options.Type(bool, default=False)
    search_index = options.Type(bool, default=True)


class MuwaziPlugin(BasePlugin[MuwaziConfig]):
    # Set by `muwazi build`, which has just generated the pages itself (to exit 2 on bad input).
    pages_are_fresh = False

    def __init__(self):
        super().__init__()
        self._bodies: dict[str, str] = {}

    def project(self, config) -> Project:
        root = Path(config.config_file_path).parent
        return Project(content=root / self.config.content, docs=Path(config.docs_dir), site_url=config.site_url or "")

    def on_pre_build(self, config) -> None:
        if self.pages_are_fresh:
            self.pages_are_fresh = False
            return
        try:
            generate(self.project(config), allow_pending=self.config.allow_pending)
        except MuwaziError as error:
            raise PluginError(str(error)) from error

    def on_page_context(self, context, page, config, nav):
        """Draw the generated page's link-preview picture and tell the template where it is."""
        if "title_en" in page.meta and can_shape_arabic():
            picture = preview_png(page.meta["title"], page.meta["title_en"], config.site_name)
            write_atomically(Path(config.site_dir) / page.file.dest_path.rpartition("/")[0] / PREVIEW, picture)
            page.meta["preview_image"], page.meta["preview_size"] = PREVIEW, SIZE
        return context
    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Generated pages are HTML blocks already: keep their body away from the Markdown
        parser, which would only re-read it (slowly, and with no right to change it)."""
        if is_generated(page.file.src_uri):
            self._bodies[page.file.src_uri] = markdown
            return ""
        return markdown

    def on_page_content(self, html: str, page, config, files) -> str:
        return self._bodies.pop(page.file.src_uri, html)

    def on_post_build(self, config) -> None:
        """Index the built site with Pagefind, whose index a reader fetches in small chunks."""
        if not self.config.search_index:
            return
        result = subprocess.run(
            [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--silent"], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise PluginError(f"Pagefind could not index {config.site_dir}: {result.stderr.strip() or result.stdout.strip()}")

    def on_serve(self, server, config, builder):
        server.watch(str(self.project(config).content))
        return server
