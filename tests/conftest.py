"""Shared fixtures: a copy of the real project to build in, the built site, a browser."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from muwazi.cli import main as muwazi

ROOT = Path(__file__).resolve().parent.parent
SEED_SLUG = "2018-06-01-moscow-putin-kim-summit"
OUTPUT = ROOT / "test-output"  # screenshots and PDFs for a person to look at (not committed)
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def copy_project(target: Path) -> Path:
    """The project's real input and configuration, without anything generated."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copytree(ROOT / "overrides", target / "overrides")
    shutil.copytree(ROOT / "docs" / "assets", target / "docs" / "assets")
    return target


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the project, as the working directory."""
    path = copy_project(tmp_path / "project")
    monkeypatch.chdir(path)
    return path


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once with `muwazi build` (strict); its site/ folder."""
    path = copy_project(tmp_path_factory.mktemp("built") / "project")
    assert muwazi_in(path, ["build"]) == 0
    return path / "site"


def muwazi_in(folder: Path, args: list[str]) -> int:
    """Run the `muwazi` command in a project folder (for fixtures wider than one test)."""
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        return muwazi(args)
    finally:
        os.chdir(cwd)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def served(site: Path):
    """A built site served over HTTP on 127.0.0.1, as a reader would get it; yields its URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with served(built_site) as url:
        yield url


def chromium_path() -> str:
    """Debian's Chromium; in CI its absence fails the run instead of skipping the browser tests."""
    path = shutil.which("chromium")
    if path is None:
        message = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " — browser tests may not be skipped in CI")
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def requests_seen():
    return []


@pytest.fixture
def page_at(browser, site_url: str, requests_seen: list):
    """Open a page of the built site at a given viewport, recording every request it makes."""
    contexts = []

    def open_page(path: str, width: int = 1400, height: int = 1000, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests_seen.append(request.url))
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def fits_the_screen(page) -> bool:
    """Nothing reaches past the screen's edges. Compared with the width asked for, not innerWidth:
    on a phone (is_mobile) the browser widens the page to hold what sticks out, zooming it all out,
    and innerWidth grows with it."""
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def screenshot(page, name: str) -> Path:
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path
