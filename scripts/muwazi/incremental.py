"""Incremental builds: MkDocs' dirty build into a spare site folder, and what it would get wrong.

`muwazi build` keeps the site/ it replaces as a spare (`.site.spare` beside it) and builds the next
site into it with MkDocs' dirty build, which renders only the pages whose Markdown is newer than
their HTML there. The spare is one build behind, so every page generated since it was built is
newer than its HTML. What every page depends on (the configuration, the theme, the assets, this
package, the installed tools) is fingerprinted: when it changed, the build starts clean.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils import meta

from .build import is_generated
from .config import plugin_in
from .digests import digest_of
from .files import write_atomically
from .render import GENERATED_FOLDERS

_DIRTY_WARNING = "A 'dirty' build is being performed"  # how MkDocs' warning on every dirty build starts
_FRONT_MATTER_END = ("---", "...")  # the lines that close a page's YAML front matter (mkdocs.utils.meta)


def spare_of(site: Path) -> Path:
    """The spare site folder: the site/ an earlier build replaced, built into next."""
    return site.with_name(f".{site.name}.spare")


def record_of(site: Path) -> Path:
    """Where the fingerprints of what site/ and its spare were built from are kept."""
    return site.with_name(f".{site.name}.inputs")


@dataclass(frozen=True)
class Built:
    """The fingerprints of what site/ and its spare were built from (None: unknown, so untrusted).

    Each is written only once its folder is in place, and dropped before its folder changes, so a
    killed run can leave a folder without its fingerprint, never with a wrong one."""

    site: str | None = None
    spare: str | None = None


def read_record(site: Path) -> Built:
    try:
        known = json.loads(record_of(site).read_text(encoding="utf-8"))
        return Built(site=known.get("site"), spare=known.get("spare"))
    except (OSError, ValueError, AttributeError):
        return Built()


def write_record(site: Path, built: Built) -> None:
    data = json.dumps({"site": built.site, "spare": built.spare}, indent=1) + "\n"
    write_atomically(record_of(site), data.encode("utf-8"))  # durable: it vouches for a folder


def fingerprint(config, site: Path) -> str:
    """A hash of everything every page depends on besides its own Markdown: the configuration
    file and the plugin's options, the theme's overrides, docs/assets/, this package's own files
    (its code, templates and fonts), every installed distribution's version, Python's version and
    the site folder."""
    parts: list[str | bytes] = ["site", str(site), "python", sys.version]
    parts += ["options", json.dumps(dict(plugin_in(config).config), sort_keys=True, default=str)]
    parts += ["mkdocs.yml", Path(config.config_file_path).read_bytes()]
    folders = [Path(config.docs_dir) / "assets", Path(__file__).parent]
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                parts += [str(path.relative_to(folder.parent)), path.read_bytes()]
    parts += ["installed", "\n".join(installed_distributions())]
    return digest_of(*parts)


def installed_distributions() -> list[str]:
    """The installed distributions' metadata folders, whose names carry each one's version (MkDocs,
    Material, Pagefind, Markdown, Pillow …): listed, not read, which costs a few milliseconds."""
    return sorted(
        name
        for entry in dict.fromkeys(sys.path)
        if os.path.isdir(entry)
        for name in os.listdir(entry)
        if name.endswith((".dist-info", ".egg-info"))
    )


def updated_of(page) -> Any:
    """A page's front matter `updated`: as MkDocs read it, or, for a page a dirty build did not
    read, from its Markdown's front matter alone, with MkDocs' own parser. Of a generated page only
    the `updated:` line is parsed, since its template writes that key on a line of its own."""
    if page.markdown is not None:
        return page.meta.get("updated")
    lines = front_matter_lines(Path(page.file.abs_src_path))
    closed = len(lines) > 2 and lines[0].rstrip(" \t\n") == "---" and lines[-1].rstrip(" \t\n") in _FRONT_MATTER_END
    if is_generated(page.file.src_uri) and closed:
        lines = [lines[0], *(line for line in lines[1:-1] if line.startswith("updated:")), lines[-1]]
    return meta.get_data("".join(lines))[1].get("updated")


def front_matter_lines(path: Path) -> list[str]:
    """The lines of a Markdown file up to the one closing its YAML front matter (all of them if
    it has none): what MkDocs' parser reads the front matter from."""
    lines = []
    with path.open(encoding="utf-8-sig", errors="strict") as stream:  # as MkDocs reads a page
        for number, line in enumerate(stream):
            lines.append(line)
            if number == 0 and line.rstrip(" \t\n") != "---":
                lines += stream.readlines()  # no front matter at the top: MkDocs reads the whole page
                break
            if number >= 2 and line.endswith("\n") and line.rstrip(" \t\n") in _FRONT_MATTER_END:
                break
    return lines


def remove_unsourced(site: Path, files) -> None:
    """Remove from the folders the generated pages own (articles/, glossary/, archive/) every file
    that is neither a built file nor beside a page still built (its preview.png): in a dirty build,
    what a removed article or actor left behind. A clean build's site folder holds none."""
    built = {os.path.normpath(file.abs_dest_path) for file in files}
    pages = {os.path.dirname(os.path.normpath(file.abs_dest_path)) for file in files.documentation_pages()}
    for owned in GENERATED_FOLDERS:
        for folder, _, names in os.walk(site / owned, topdown=False):
            folder = os.path.normpath(folder)
            for name in names:
                path = os.path.join(folder, name)
                if path not in built and folder not in pages:
                    os.unlink(path)
            if not os.listdir(folder):
                os.rmdir(folder)


class _NotTheDirtyWarning(logging.Filter):
    """Drops MkDocs' warning on every dirty build (strict mode would abort on it), nothing else."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.levelno == logging.WARNING and str(record.msg).startswith(_DIRTY_WARNING))


def silence_dirty_warning() -> None:
    """Our dirty builds are meant (the build starts clean whenever one would be wrong): let them be strict."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(existing, _NotTheDirtyWarning) for existing in logger.filters):
        logger.addFilter(_NotTheDirtyWarning())


def restart_if_changed(config, known: str | None) -> str:
    """Under `muwazi serve` (one temporary folder, rebuilt by MkDocs' dirty build): empty the folder
    when what every page depends on changed since its last build, so that build is clean; the new
    fingerprint."""
    site = Path(config.site_dir)
    now = fingerprint(config, site)
    if known is not None and now != known:
        for entry in site.iterdir():
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return now
