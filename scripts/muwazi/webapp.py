"""The installable web app: its manifest, its icons, the offline page and the service worker that
keeps what a reader has read, written into the built site after MkDocs has built it.

The worker's caches are named from a hash of the built site, so a new build replaces the caches
of the old one, and two builds of the same input write the same worker, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined

from .digests import digest_of
from .files import meant_for, write_atomically
from .search_index import BUNDLE

WORKER = "sw.js"  # at the site's root, so that its scope is the whole site
MANIFEST = "manifest.webmanifest"
OFFLINE_PAGE = "offline.md"  # built to offline/index.html
OFFLINE_URL = "offline/"
APPLE_ICON = "assets/icons/apple-touch-icon.png"  # Safari's home-screen icon, named in the page's head
ICONS = {"assets/icons/icon-192.png": 192, "assets/icons/icon-512.png": 512, APPLE_ICON: 180}
KEPT_PAGES = 200  # pages read, kept for reading offline; the oldest read is dropped first
# Left out of the build's hash: what is made from the pages after them (the search index, the link
# previews), and what this module writes itself.
_NOT_HASHED = re.compile(r"^(sitemap\.xml\.gz$|(.*/)?preview\.png$|sw\.js$|manifest\.webmanifest$|assets/icons/)")
_REFERENCE = re.compile(r"""<(?:link|script)\b[^>]*?\b(?:href|src)="([^"#?]+)""", re.I)


def _templates() -> Environment:
    return Environment(
        loader=PackageLoader("muwazi", "templates"),
        autoescape=False,  # JavaScript and JSON, given their values through the tojson filter
        keep_trailing_newline=True,
        undefined=StrictUndefined,
    )


def offline_page() -> str:
    """The Markdown page a reader is shown for a page the worker has not kept, offline."""
    return _templates().get_template("offline.md.j2").render()


def build_version(site: Path) -> str:
    """A short hash of every file of the built site the pages are made of. It never looks into
    pagefind/, nor at the pictures, which the search index and the previews may be writing
    meanwhile (plugin.on_post_build), each through a temporary file beside its place."""
    names = []
    for folder, subfolders, found in os.walk(site):
        if Path(folder) == site and BUNDLE in subfolders:
            subfolders.remove(BUNDLE)
        names += [(Path(folder) / name).relative_to(site).as_posix() for name in found if meant_for(Path(name)) is None]
    hashed = sorted(name for name in names if not _NOT_HASHED.match(name))
    files = (part for name in hashed for part in (name, hashlib.sha256((site / name).read_bytes()).digest()))
    return digest_of(*files)[:16]


def shell_assets(site: Path) -> list[str]:
    """The site's own style sheets, scripts, fonts and icons the offline page loads (as every page
    does), as paths from the site's root: the worker fetches them as it installs."""
    page = site / OFFLINE_URL / "index.html"
    base = "https://site.invalid/" + OFFLINE_URL
    found = []
    for reference in _REFERENCE.findall(page.read_text(encoding="utf-8")):
        address = urlsplit(urljoin(base, reference))
        path = address.path.lstrip("/")
        if address.netloc == "site.invalid" and path.startswith("assets/") and (site / path).is_file():
            found.append(path)
    return sorted(set(found))


def manifest(site_name: str, description: str) -> str:
    """The web app manifest: names in both languages, right to left, Arabic, the icons."""
    icons = [
        {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any maskable"}
        for path, size in ICONS.items()
        if path != APPLE_ICON
    ]
    template = _templates().get_template("manifest.webmanifest.j2")
    return template.render(name=site_name, description=description, icons=icons)


def worker(version: str, assets: list[str], serving: bool) -> str:
    """The service worker; under `muwazi serve` one that clears what an earlier worker kept and
    unregisters itself, so nothing outlives the live preview."""
    if serving:
        return _templates().get_template("sw-off.js.j2").render()
    return (
        _templates()
        .get_template("sw.js.j2")
        .render(
            version=version,
            assets=list(dict.fromkeys([*assets, *ICONS, MANIFEST, OFFLINE_URL])),
            limit=KEPT_PAGES,
            offline=OFFLINE_URL,
        )
    )


def write_webapp(site: Path, site_name: str, description: str, version: str, serving: bool) -> None:
    """Draw the icons, write the manifest and the worker (of the build's `version`) into the built site."""
    from .preview import icon_png  # here: Pillow is not needed to generate the pages

    for path, size in ICONS.items():
        write_atomically(site / path, icon_png(size), durable=False)
    write_atomically(site / MANIFEST, manifest(site_name, description).encode("utf-8"), durable=False)
    script = worker(version, shell_assets(site), serving)
    write_atomically(site / WORKER, script.encode("utf-8"), durable=False)
