"""Fixtures (a copy of the real project to build in, the built site, a browser) and the hooks that
mark the tests needing Chromium or a whole build, so that `make test-fast` can leave them out."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import pytest
from hypothesis import settings

from helpers import CHROMIUM_FLAGS, chromium_path, copy_project, muwazi_in, served

# CI draws the same examples on every run, so a failure there is the same failure on a rerun, and
# prints the blob that replays it; at a desk Hypothesis keeps exploring.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev")
settings.load_profile("ci" if os.environ.get("CI") == "true" else "dev")

BROWSER_FIXTURES = frozenset({"browser", "page_at", "site_url"})  # Chromium, or the built site served to it
SLOW_FIXTURES = frozenset({"built_site"})  # the whole site, built


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/expected/ from the current code"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what a test's fixtures (with the fixtures they need in turn) show; a test that launches
    Chromium or builds a site by itself carries its mark explicitly."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & BROWSER_FIXTURES:
            item.add_marker(pytest.mark.browser)
        if fixtures & SLOW_FIXTURES:
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return request.config.getoption("--update-golden")


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


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    with served(built_site) as url:
        yield url


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
def open_on(browser, requests_seen: list):
    """Open pages of a served site (its URL, then the path) at a given viewport, recording every
    request they make."""
    contexts = []

    def open_page(site: str, path: str, width: int = 1400, height: int = 1000, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests_seen.append(request.url))
        page.goto(site + path)
        page.wait_for_load_state("networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page_at(open_on, site_url: str):
    """Open a page of the built seed site (see open_on)."""
    return functools.partial(open_on, site_url)
