"""The MkDocs plugin: generate the pages before every build, and watch content/ under `mkdocs serve`.

It also makes the built site reproducible (page dates come from the articles, never the clock)
and lets the Content-Security-Policy of overrides/main.html allow Material's own inline scripts
by their hashes, so no other inline script, in particular none from content, could run.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import rcssmin
import rjsmin
from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.utils.meta import YAML_RE

from .build import generate, is_generated, log
from .config import MuwaziConfig, project_of
from .errors import MuwaziError
from .files import write_atomically
from .incremental import remove_unsourced, restart_if_changed, silence_dirty_warning, updated_of
from .previews import Previews
from .search_index import index_site
from .webapp import OFFLINE_PAGE, build_version, offline_page, write_webapp

TEMPLATE_CACHE = ".cache/muwazi-templates"  # the theme's templates, compiled by earlier builds

_INLINE_SCRIPT = re.compile(r"<script(?P<attributes>[^>]*)>(?P<code>.*?)</script>", re.S | re.I)
_NOT_RUN = re.compile(r"\bsrc=|\btype=\"(?!(?:text|application)/javascript\"|module\")", re.I)
_POLICY = re.compile(r"<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*\">\n?")
_SCRIPT_SOURCES = re.compile(r"(<meta http-equiv=\"Content-Security-Policy\" content=\"[^\"]*script-src 'self'[^;\"]*)")


def allow_theme_scripts(html: str, content: str = "") -> str:
    """Add the sha256 of every inline script the theme wrote to the page's script-src.

    The page's own content (the Markdown rendered) is left out, so a script in it stays forbidden."""
    theme_part = html.replace(content, "") if content else html
    hashes = dict.fromkeys(
        "'sha256-" + base64.b64encode(hashlib.sha256(match["code"].encode("utf-8")).digest()).decode("ascii") + "'"
        for match in _INLINE_SCRIPT.finditer(theme_part)
        if not _NOT_RUN.search(match["attributes"])
    )
    return _SCRIPT_SOURCES.sub(lambda match: " ".join([match[1], *hashes]), html, count=1)


class MuwaziPlugin(BasePlugin[MuwaziConfig]):
    # Set by `muwazi build`, which has just generated the pages itself (to refuse bad input with its own exit code).
    pages_are_fresh = False
    serving = False
    serving_dirty = False  # serving one folder rebuilt by MkDocs' dirty build
    served_inputs: str | None = None  # what the pages served were built from (incremental.fingerprint)

    def on_startup(self, *, command, dirty):
        # `mkdocs serve` injects a live-reload script no hash can foresee: there the policy is left out;
        # and its pages change as they are edited: there no service worker keeps them.
        self.serving = command == "serve"
        self.serving_dirty = self.serving and dirty

    def on_config(self, config):
        self._wait_for_search_index()  # a live preview's, of the build before: it reads the folder this build writes
        config.extra["offline_reading"] = not self.serving  # overrides/main.html registers the worker
        silence_dirty_warning()
        if self.serving_dirty:
            self.served_inputs = restart_if_changed(config, self.served_inputs)
        return config

    def on_files(self, files, config):
        """Add the page the service worker shows, offline, for a page it has not kept."""
        files.append(File.generated(config, OFFLINE_PAGE, content=offline_page()))
        return files

    def __init__(self):
        super().__init__()
        self._previews = Previews()
        self._indexing: threading.Thread | None = None

    def on_pre_build(self, config) -> None:
        if self.pages_are_fresh:
            self.pages_are_fresh = False
            return
        try:
            generate(project_of(config), allow_pending=self.config.allow_pending)
        except MuwaziError as error:
            raise PluginError(str(error)) from error

    def on_page_context(self, context, page, config, nav):
        """Give a generated page its body, and offer the page's link-preview picture (drawn as
        the build goes on, see previews.py)."""
        if is_generated(page.file.src_uri):
            page.content = generated_body(page.file.content_string)
        self._previews.offer(page, config)
        return context

    def on_build_error(self, error) -> None:
        self._previews.abandon()

    def on_env(self, env, config, files):
        """Date pages by their articles (front matter `updated`), the others by the newest article,
        so that the sitemap's <lastmod> and its .gz header do not carry the day of the build."""
        remove_unsourced(Path(config.site_dir), files)  # a dirty build's folder may hold removed pages
        # the theme's templates compiled once, not at every build (jinja checks each one's source)
        compiled = Path(config.config_file_path).parent / TEMPLATE_CACHE
        compiled.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(compiled))
        pages = [file.page for file in files.documentation_pages() if file.page is not None]
        dated = {page.file.src_uri: str(updated) for page in pages if (updated := updated_of(page))}
        newest = max(dated.values(), default=None)
        for page in pages:
            page.update_date = dated.get(page.file.src_uri, newest) or page.update_date
        return env

    def on_post_page(self, output, page, config):
        output = _POLICY.sub("", output) if self.serving else allow_theme_scripts(output, page.content or "")
        if is_generated(page.file.src_uri):
            page.content = None  # read again if ever needed: a large site's bodies would not fit in memory together
        return output

    def on_post_template(self, output_content, template_name, config):
        return _POLICY.sub("", output_content) if self.serving else allow_theme_scripts(output_content)  # 404.html

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        """Generated pages are HTML blocks already: keep their body away from the Markdown
        parser, which would only re-read it (slowly, and with no right to change it). MkDocs keeps
        every page's body from reading all pages until writing the last, so the body is read
        again just before the page is written (on_page_context)."""
        return "" if is_generated(page.file.src_uri) else markdown

    def on_post_build(self, config) -> None:
        """Minify our style sheet and scripts, draw the link previews and bring the search index up
        to date (search_index.py) while the site's version is hashed, then write the web app
        (manifest, icons, the service worker of that version)."""
        site = Path(config.site_dir)
        _minify_assets(Path(config.docs_dir), site)
        with ThreadPoolExecutor(1) as hashing:  # hashlib lets go of the interpreter as it hashes
            version = hashing.submit(build_version, site) if not self.serving else None  # serve's worker keeps nothing
            self._previews.put_in_site(config)
            self._index(site)
            write_webapp(
                site, config.site_name, config.site_description, version.result() if version else "", self.serving
            )

    def _index(self, site: Path) -> None:
        if not self.config.search_index:
            return
        least = self.config.search_year_pages
        if not self.serving:
            try:
                _index_for_search(site, least)
            except RuntimeError as error:
                raise PluginError(str(error)) from error
            return
        # Under `muwazi serve`, the edited page is served as soon as MkDocs has written it, and the
        # search index follows a few seconds later (see README, "Incremental builds").
        self._indexing = threading.Thread(target=_index_for_search, args=(site, least, True), daemon=True)
        self._indexing.start()

    def _wait_for_search_index(self) -> None:
        if self._indexing is not None:
            self._indexing.join()
            self._indexing = None

    def on_shutdown(self) -> None:
        self._wait_for_search_index()  # before MkDocs removes the live preview's folder

    def on_serve(self, server, config, builder):
        server.watch(str(project_of(config).content))
        return server


def _index_for_search(site: Path, least: int, behind: bool = False) -> None:
    """Bring the site's search index up to date (search_index.py); `behind` the live preview, whose
    build has ended: a failure is then only logged."""
    started = time.perf_counter()
    log.info("muwazi: indexing the site for search (Pagefind) …")
    try:
        indexed = index_site(site, least)
    except RuntimeError as error:
        if not behind:
            raise
        log.error("muwazi: %s", error)
        return
    log.info(
        "muwazi: search index ready in %.1f s (%d parts indexed, %d kept)",
        time.perf_counter() - started,
        len(indexed.written),
        len(indexed.kept),
    )


def generated_body(text: str) -> str:
    """A generated page's body: its text without the front matter, split off as MkDocs does."""
    found = YAML_RE.match(text)
    return text[found.end() :].lstrip("\n") if found else text


MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def _minify_assets(docs: Path, site: Path) -> None:
    """The site gets our CSS and JavaScript without comments and spaces (a third smaller); docs/
    keeps them readable. Material's own files come minified already."""
    for source in sorted((docs / "assets").glob("*")):
        minify = MINIFIERS.get(source.suffix)
        target = site / "assets" / source.name
        if minify and target.is_file():
            write_atomically(target, minify(source.read_text(encoding="utf-8")).encode("utf-8"), durable=False)
