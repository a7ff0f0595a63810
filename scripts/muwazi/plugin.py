"""The MkDocs plugin: generate the pages before every build, and watch content/ under `mkdocs serve`."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import config_options as options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .build import Project, generate
from .errors import MuwaziError


class MuwaziConfig(Config):
    content = options.Type(str, default="content")
    allow_pending = options.Type(bool, default=False)


class MuwaziPlugin(BasePlugin[MuwaziConfig]):
    # Set by `muwazi build`, which has just generated the pages itself (to exit 2 on bad input).
    pages_are_fresh = False

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

    def on_serve(self, server, config, builder):
        server.watch(str(self.project(config).content))
        return server
