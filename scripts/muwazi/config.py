"""Where a Muwazi project's settings live: the plugin's options in mkdocs.yml, and the folders they name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from mkdocs.config import config_options as options
from mkdocs.config import load_config
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from .errors import MuwaziError

if TYPE_CHECKING:
    from .plugin import MuwaziPlugin

PLUGIN = "muwazi"  # the plugin's name in mkdocs.yml (its entry point)


@dataclass(frozen=True)
class Project:
    """Where a Muwazi project keeps its input and its generated pages."""

    content: Path
    docs: Path
    site_url: str = ""
    report: str = ""  # where readers report a problem with a translation (see render.report_href)

    @property
    def articles(self) -> Path:
        return self.content / "articles"

    @property
    def translations(self) -> Path:
        return self.content / "translations"

    @property
    def gazetteer(self) -> Path:
        return self.content / "actors.yml"


class MuwaziConfig(Config):
    """The plugin's options in mkdocs.yml."""

    content = options.Type(str, default="content")
    allow_pending = options.Type(bool, default=False)
    search_index = options.Type(bool, default=True)
    search_year_pages = options.Type(int, default=2000)  # a smaller year shares its index part (search_index.py)
    # A mailto: address or an issue tracker's new-issue URL with {article} {link} {arabic} {english}
    # {subject} {body} placeholders; rows get a "report a problem" link to it. Empty: no link.
    report = options.Type(str, default="")


def project_of(config: MkDocsConfig) -> Project:
    """The project a loaded MkDocs configuration describes (content/ is relative to mkdocs.yml)."""
    root = Path(config.config_file_path).parent
    settings = plugin_in(config).config
    report = settings.report.strip()
    if report:
        check_report_address(report, Path(config.config_file_path))
    return Project(
        content=root / settings.content, docs=Path(config.docs_dir), site_url=config.site_url or "", report=report
    )


REPORT_PLACEHOLDERS = ("article", "link", "arabic", "english", "subject", "body")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def check_report_address(report: str, config_file: Path) -> None:
    """Refuse a `report:` that is neither a mailto: nor a web address, or has an unknown placeholder."""
    if not re.match(r"^(?:mailto:[^\s]+|https?://[^\s/]+/?\S*)$", report):
        raise MuwaziError(
            f"the muwazi plugin's `report: {report}` is neither a mailto: address nor an http(s):// URL", config_file
        )
    unknown = [name for name in _PLACEHOLDER.findall(report) if name not in REPORT_PLACEHOLDERS]
    if unknown:
        known = " ".join(f"{{{name}}}" for name in REPORT_PLACEHOLDERS)
        raise MuwaziError(
            f"the muwazi plugin's `report:` has an unknown placeholder {{{unknown[0]}}}: use {known}", config_file
        )


def plugin_in(config: MkDocsConfig) -> MuwaziPlugin:
    """The muwazi plugin as MkDocs loaded it, with its options."""
    if PLUGIN not in config.plugins:
        raise MuwaziError(f"the `{PLUGIN}` plugin is not in its `plugins:` list", config.config_file_path)
    return cast("MuwaziPlugin", config.plugins[PLUGIN])


def load(config_file: Path, allow_pending: bool = False, **overrides: Any) -> MkDocsConfig:
    """The MkDocs configuration, with the plugin's allow_pending turned on if asked (never turned off)."""
    return load_config(str(config_file), **overrides, **plugin_overrides(config_file, allow_pending))


def plugin_overrides(config_file: Path, allow_pending: bool) -> dict[str, Any]:
    """Keyword arguments for MkDocs' load_config (also taken by its serve(), which loads the
    configuration again at every rebuild) that set the plugin's options: the plugins of mkdocs.yml
    as written, with allow_pending on. The setting lives in the loaded configuration only, so it
    cannot outlast the command that asked for it."""
    if not allow_pending:
        return {}
    written = MkDocsConfig(config_file_path=str(config_file))
    with open(config_file, "rb") as stream:
        written.load_file(stream)
    listed = written.get("plugins") or []
    pairs = (
        listed.items()
        if isinstance(listed, dict)
        else [next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in listed]
    )
    # As a mapping: MkDocs takes its entries apart when they come as a list, and serve() reuses them.
    plugins = {name: dict(settings or {}) for name, settings in pairs}
    if PLUGIN in plugins:
        plugins[PLUGIN]["allow_pending"] = True
    return {"plugins": plugins}
