"""The build's memory of earlier builds, on disk (SQLite): what each article gave the last build.

An article whose text and memory are unchanged, and whose pages in docs/ are still the ones that
build wrote, is not read, translated, annotated or rendered again: its summary comes from here.
Its sections of the actor pages live here too, and the actor pages read them one page at a time,
so that the build's memory does not grow with the archive. It is only a cache: anything it cannot
vouch for (another version of Muwazi, another gazetteer, a damaged file) is built again.
"""

from __future__ import annotations

import json
import os
import pickle
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from markupsafe import Markup

from .digests import digest_of
from .render.views import ActorSection, ArticleSummary, RenderedArticle

CACHE_FILE = ".cache/muwazi-build.sqlite"  # in the project's folder, beside the previews' cache
SCHEMA = 4  # change with the tables below

_TABLES = """
CREATE TABLE articles (
    name TEXT PRIMARY KEY,   -- the article's file name (in content/articles/)
    key TEXT NOT NULL,       -- a hash of the file and its memory (article_key)
    summary BLOB NOT NULL,   -- its ArticleSummary, pickled
    findings INTEGER NOT NULL,
    written TEXT             -- its page's and its TMX's size and time once in place (NULL until then)
);
CREATE TABLE sections (
    actor TEXT NOT NULL,
    moment REAL NOT NULL,    -- the article's time (POSIX seconds) and slug: the order of newest_first
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    html TEXT NOT NULL,
    forms TEXT NOT NULL,     -- JSON: mentions by form
    PRIMARY KEY (actor, moment, slug)
);
CREATE INDEX sections_of_article ON sections (name);
-- what the actor pages ask of all of an actor's sections (forms, keys), answered without their html
CREATE INDEX sections_by_actor ON sections (actor, moment, slug, name, forms);
CREATE TABLE pages (
    path TEXT PRIMARY KEY,   -- a page in docs/ made of articles alone (an actor's older block)
    key TEXT NOT NULL,       -- what it was made of (render.SitePages.keys)
    written TEXT NOT NULL    -- its size and time once in place
);
"""


@dataclass(frozen=True)
class Known:
    """An article as the last build left it."""

    summary: ArticleSummary
    findings: int


def code_fingerprint() -> str:
    """A hash of the muwazi package's own files (code and templates): a new version renders anew."""
    package = files("muwazi")
    found = sorted(
        (path.relative_to(str(package)).as_posix(), path)
        for path in Path(str(package)).rglob("*")
        if path.is_file() and path.suffix in {".py", ".j2", ".json", ".yml"}
    )
    return digest_of(*(part for name, path in found for part in (name, path.read_bytes())))


def article_key(article: Path, memory: Path) -> str:
    """A hash of an article's file and of its memory (absent counts as empty)."""
    return digest_of(article.read_bytes(), memory.read_bytes() if memory.is_file() else b"")


def written(*paths: Path) -> str:
    """The size and modification time of files as they are now: unchanged means untouched since."""
    return " ".join(f"{(stat := path.stat()).st_size}:{stat.st_mtime_ns}" for path in paths)


class BuildCache:
    """The cache of one project. The generation step writes it (in its main process, holding
    docs/'s lock); the actor pages read their sections from it in any process (ActorSections)."""

    def __init__(self, path: Path, context: str):
        self.path = path
        self.context = context
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def __getstate__(self) -> dict:
        return {"path": self.path, "context": self.context}  # a connection does not cross processes

    def __setstate__(self, state: dict) -> None:
        self.__init__(state["path"], state["context"])  # type: ignore[misc]

    def _db(self) -> sqlite3.Connection:
        """This process's connection: one made in the main process is not used in a worker it forks."""
        if self._connection is None or self._pid != os.getpid():
            self._connection, self._pid = _opened(self.path, self.context), os.getpid()
        return self._connection

    def close(self) -> None:
        """Let go of this process's connection; done before worker processes are forked, since a
        connection a child inherits could, as the child ends, disturb the parent's (SQLite's own rule)."""
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def known(self, keys: dict[Path, str], pages: dict[Path, tuple[Path, Path]]) -> dict[Path, Known]:
        """The articles (by file, from `keys`) that need no work: the same key as when last built,
        and their page and TMX (`pages`) untouched since that build put them in place."""
        found = {}
        by_name = {path.name: path for path in keys}
        rows = self._db().execute(
            "SELECT name, key, summary, findings, written FROM articles WHERE written IS NOT NULL"
        )
        for name, key, summary, findings, stamps in rows:
            article = by_name.get(name)
            if article is not None and keys[article] == key and _untouched(pages[article], stamps):
                found[article] = Known(pickle.loads(summary), findings)
        return found

    def forget(self, kept: Iterable[Path]) -> None:
        """Drop the articles that are gone, found by name among the articles: the sections, most of
        the cache's bytes, are read only where one is."""
        db, names = self._db(), {path.name for path in kept}
        gone = [(name,) for (name,) in db.execute("SELECT name FROM articles") if name not in names]
        db.executemany("DELETE FROM articles WHERE name = ?", gone)
        db.executemany("DELETE FROM sections WHERE name = ?", gone)

    def store(self, path: Path, key: str, rendered: RenderedArticle, findings: int) -> None:
        """Keep a newly built article (its pages not yet in place: see confirm)."""
        db, name, listing = self._db(), path.name, rendered.summary.listing
        db.execute("DELETE FROM sections WHERE name = ?", (name,))
        db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, NULL)",
            (name, key, pickle.dumps(rendered.summary, pickle.HIGHEST_PROTOCOL), findings),
        )
        moment = listing.dateline.moment.timestamp()
        db.executemany(
            "INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)",
            (
                (actor, moment, listing.slug, name, str(section.html), json.dumps(section.forms))
                for actor, section in rendered.sections.items()
            ),
        )

    def commit(self) -> None:
        self._db().commit()

    def confirm(self, pages: dict[Path, tuple[Path, Path]]) -> None:
        """Record that these articles' pages are in place, as they now are on disk."""
        db = self._db()
        db.executemany(
            "UPDATE articles SET written = ? WHERE name = ?",
            ((written(*places), article.name) for article, places in pages.items()),
        )
        db.commit()

    def unchanged_pages(self, keys: dict[str, str], docs: Path) -> set[str]:
        """The pages (paths in docs/, with what each is made of: `keys`) that the last build made
        of the same and that are untouched since: they need not be rendered again."""
        rows = self._db().execute("SELECT path, key, written FROM pages")
        return {path for path, key, stamps in rows if keys.get(path) == key and _untouched((docs / path,), stamps)}

    def confirm_pages(self, keys: dict[str, str], docs: Path) -> None:
        """Record what these pages, now in place, were made of (and forget the others)."""
        db = self._db()
        db.execute("DELETE FROM pages")
        db.executemany(
            "INSERT INTO pages VALUES (?, ?, ?)", ((path, key, written(docs / path)) for path, key in keys.items())
        )
        db.commit()

    # --- ActorSections: read by the actor pages ---

    def keys(self, actor: str) -> list[str]:
        rows = self._db().execute(
            "SELECT articles.key FROM sections JOIN articles USING (name) WHERE actor = ?"
            " ORDER BY moment DESC, slug DESC",
            (actor,),
        )
        return [key for (key,) in rows]

    def forms(self, actor: str) -> tuple[int, Counter[str]]:
        db = self._db()
        (articles,) = db.execute("SELECT COUNT(*) FROM sections WHERE actor = ?", (actor,)).fetchone()
        counted = db.execute(
            "SELECT form.key, SUM(form.value) FROM sections, json_each(sections.forms) AS form"
            " WHERE actor = ? GROUP BY form.key",
            (actor,),
        )
        return articles, Counter(dict(counted))

    def sections(self, actor: str, offset: int, limit: int) -> list[ActorSection]:
        rows = self._db().execute(
            "SELECT html, forms FROM sections WHERE actor = ? ORDER BY moment DESC, slug DESC LIMIT ? OFFSET ?",
            (actor, limit, offset),
        )
        return [ActorSection(Markup(html), json.loads(forms)) for html, forms in rows]


def _untouched(places: tuple[Path, ...], stamps: str) -> bool:
    try:
        return written(*places) == stamps
    except OSError:  # a page removed since
        return False


def _opened(path: Path, context: str) -> sqlite3.Connection:
    """The cache, emptied when it was made for another context or schema, made anew when damaged."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return _connected(path, context)
    except sqlite3.DatabaseError:
        for damaged in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            damaged.unlink(missing_ok=True)
        return _connected(path, context)


def _connected(path: Path, context: str) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=60)
    db.execute("PRAGMA journal_mode = WAL")  # the actor pages read in other processes while nothing writes
    db.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may cost the last build's entries, no more
    db.execute("CREATE TABLE IF NOT EXISTS facts (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
    made_for = dict(db.execute("SELECT name, value FROM facts"))
    if made_for != {"schema": str(SCHEMA), "context": context}:
        db.executescript(
            "DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS sections; DROP TABLE IF EXISTS pages; DELETE FROM facts;"
        )
        db.executescript(_TABLES)
        db.executemany("INSERT INTO facts VALUES (?, ?)", (("schema", str(SCHEMA)), ("context", context)))
        db.commit()
    return db
