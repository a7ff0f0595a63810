"""The search index in parts: one Pagefind bundle for the glossary, one for the newest month of the
articles and one per year (or run of years) before it, searched together in the browser; a rebuild
re-indexes only the parts whose pages changed on disk."""

import dataclasses
import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers import files_in, muwazi_in, only_local, screenshot, served, synthetic_articles, synthetic_project
from muwazi.arabic import CAIRO
from muwazi.search_index import BUNDLE, GLOSSARY, PARTS, index_site, parts_of

PAGE = """<html lang="ar"><head>{head}</head><body><main{marked}><h1>{title}</h1><p>لافروف {title}</p></main></body></html>"""


def dated(year: int) -> str:
    return f'<meta property="article:published_time" content="{year}-03-01T10:00:00+02:00">'


def write_site(site: Path, pages: dict[str, str]) -> Path:
    for path, html in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(html, encoding="utf-8")
    return site


def small_site(site: Path) -> Path:
    return write_site(
        site,
        {
            "index.html": PAGE.format(head="", marked="", title="home"),
            "articles/2018-06-01-moscow/index.html": PAGE.format(
                head=dated(2018), marked=" data-pagefind-body", title="a"
            ),
            # a slug need not start with its date (source.py makes it from the file's name): the head says the year
            "articles/summit/index.html": PAGE.format(head=dated(2019), marked=" data-pagefind-body", title="b"),
            "articles/2018-01-01-misdated/index.html": PAGE.format(
                head=dated(2019), marked=" data-pagefind-body", title="c"
            ),
            "glossary/sergey-lavrov/index.html": PAGE.format(head="", marked=" data-pagefind-body", title="d"),
            "glossary/sergey-lavrov--2/index.html": PAGE.format(head="", marked="", title="e"),
        },
    )


def test_pages_go_to_the_part_of_the_date_their_head_gives_and_unmarked_pages_to_none(tmp_path):
    parts = {part.name: part.pages for part in parts_of(small_site(tmp_path / "site"), least=1)}
    assert list(parts) == [GLOSSARY, "2018", "2019-03"]  # the glossary first: its bundle loads the engine
    assert parts == {
        GLOSSARY: ("glossary/sergey-lavrov/index.html",),
        "2018": ("articles/2018-06-01-moscow/index.html",),
        "2019-03": ("articles/2018-01-01-misdated/index.html", "articles/summit/index.html"),
    }


def test_a_small_year_shares_its_part_with_the_years_after_it_but_the_newest_month_stands_alone(tmp_path):
    assert [part.name for part in parts_of(small_site(tmp_path / "default"))] == [GLOSSARY, "2018", "2019-03"]
    site = small_site(tmp_path / "site")
    write_site(
        site,
        {
            f"articles/{year}-{n}/index.html": PAGE.format(head=dated(year), marked=" data-pagefind-body", title=n)
            for year, n in [(2020, 1), (2021, 2), (2021, 3), (2023, 4)]
        },
    )
    parts = {part.name: len(part.pages) for part in parts_of(site, least=2)}
    # 2018 has one page: it takes 2019's; 2020 has one: it takes 2021's; March 2023 is the newest month
    assert parts == {GLOSSARY: 1, "2018-2019": 3, "2020-2021": 3, "2023-03": 1}
    assert [part.name for part in parts_of(site, least=3)] == [GLOSSARY, "2018-2019", "2020-2021", "2023-03"]
    assert [part.name for part in parts_of(site, least=4)] == [GLOSSARY, "2018-2020", "2021", "2023-03"]
    # the newest month never joins the rest of its year: new articles re-index it alone
    january = PAGE.format(head=dated(2023).replace("-03-", "-01-"), marked=" data-pagefind-body", title=5)
    write_site(site, {"articles/2023-5/index.html": january})
    assert {part.name: len(part.pages) for part in parts_of(site, least=4)} == {
        GLOSSARY: 1,
        "2018-2020": 4,
        "2021-2023": 3,
        "2023-03": 1,
    }


def test_pagefind_writes_the_same_parts_for_the_same_pages_and_a_second_run_writes_none(tmp_path):
    first, second = small_site(tmp_path / "one"), small_site(tmp_path / "two")
    assert index_site(first, 1).written == (GLOSSARY, "2018", "2019-03")
    index_site(second, 1)
    assert files_in(first / BUNDLE) == files_in(second / BUNDLE)
    listing = json.loads((first / BUNDLE / PARTS).read_text(encoding="utf-8"))
    assert listing == {"parts": [GLOSSARY, "2018", "2019-03"]}
    entry = json.loads((first / BUNDLE / "2019-03" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["ar"]["page_count"] == 2
    before = {path: path.stat().st_mtime_ns for path in (first / BUNDLE).rglob("*")}
    again = index_site(first, 1)
    assert (again.written, again.kept) == ((), (GLOSSARY, "2018", "2019-03"))
    assert {path: path.stat().st_mtime_ns for path in (first / BUNDLE).rglob("*")} == before


def test_what_no_part_is_made_of_is_removed(tmp_path):
    """A site folder an earlier build left: the single index of old, and a year with no article left."""
    site = small_site(tmp_path / "site")
    index_site(site, 1)
    write_site(site, {f"{BUNDLE}/pagefind.js": "// the old single bundle", f"{BUNDLE}/fragment/x.pf_fragment": ""})
    shutil.rmtree(site / "articles" / "2018-06-01-moscow")
    indexed = index_site(site, 1)
    assert indexed.written == () and indexed.kept == (GLOSSARY, "2019-03")
    assert sorted(path.name for path in (site / BUNDLE).iterdir()) == ["2019-03", GLOSSARY, PARTS]
    fresh = small_site(tmp_path / "fresh")
    shutil.rmtree(fresh / "articles" / "2018-06-01-moscow")
    index_site(fresh, 1)
    assert files_in(site / BUNDLE) == files_in(fresh / BUNDLE)


# Three articles a little over a year apart, made from the seed's text (so each names Lavrov); the
# second's file name does not start with its date.
YEARS = ["2018", "2019", "2020-04"]  # two older years, each a part of its own here, then the newest month


@pytest.fixture(scope="module")
def yearly_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    articles = synthetic_articles(3, start=datetime(2017, 1, 1, 9, 0, tzinfo=CAIRO), step=timedelta(days=400))
    articles[1] = dataclasses.replace(articles[1], slug="moscow-summit")
    project = synthetic_project(tmp_path_factory.mktemp("yearly") / "project", articles)
    settings = project / "mkdocs.yml"  # each year a part of its own, however few its articles
    settings.write_text(
        settings.read_text(encoding="utf-8").replace("  - muwazi:\n", "  - muwazi:\n      search_year_pages: 1\n"),
        encoding="utf-8",
    )
    assert muwazi_in(project, ["build"]) == 0
    return project


@pytest.mark.slow
def test_the_built_site_has_a_part_per_older_year_one_for_the_newest_month_and_one_for_the_glossary(yearly_project):
    bundle = yearly_project / "site" / BUNDLE
    assert json.loads((bundle / PARTS).read_text(encoding="utf-8")) == {"parts": [GLOSSARY, *YEARS]}
    counts = {
        part: json.loads((bundle / part / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["ar"][
            "page_count"
        ]
        for part in YEARS + [GLOSSARY]
    }
    actors = [p for p in (yearly_project / "site" / "glossary").iterdir() if p.is_dir() and "--" not in p.name]
    assert counts == {"2018": 1, "2019": 1, "2020-04": 1, GLOSSARY: len(actors)}


@pytest.mark.slow
def test_a_query_finds_the_actor_first_then_articles_of_every_year(browser, yearly_project):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requests: list[str] = []
    try:
        with served(yearly_project / "site") as url:
            page = context.new_page()
            page.on("request", lambda request: requests.append(request.url))
            page.goto(f"{url}search/?q={quote('لافروف')}")
            page.wait_for_selector(".mz-search-results li")
            first = page.eval_on_selector_all(
                ".mz-search-results a", "links => links.map(a => new URL(a.href).pathname)"
            )
            page.wait_for_selector(".mz-search-status:not(:has-text('…'))")  # the older years' tier searched too
            page.wait_for_load_state("networkidle")
            urls = page.eval_on_selector_all(
                ".mz-search-results a", "links => links.map(a => new URL(a.href).pathname)"
            )
            screenshot(page, "search-parts")
        assert urls[0] == "/glossary/sergey-lavrov/", urls
        # the glossary and the newest year first, shown at once; the older years' results after them
        newest = [u for u in urls if u.startswith("/articles/2020-")]
        assert (
            newest
            and urls[: len(first)] == first
            and urls.index(newest[0])
            < min(urls.index(u) for u in urls if u.startswith("/articles/") and u not in newest)
        ), urls
        articles = sorted(path.name for path in (yearly_project / "site" / "articles").iterdir())
        assert sorted(u.split("/")[2] for u in urls if u.startswith("/articles/")) == articles
        assert "/articles/moscow-summit/" in urls
        fetched_parts = {u.split(f"/{BUNDLE}/")[1].split("/")[0] for u in requests if f"/{BUNDLE}/" in u}
        assert fetched_parts >= {GLOSSARY, *YEARS}  # every part merged, and searched
        assert only_local(requests) == []
    finally:
        context.close()


@pytest.mark.slow
def test_a_rebuild_after_one_article_changes_rewrites_only_its_part(yearly_project, tmp_path):
    """The site folder an incremental build writes into holds the earlier build; its pages are brought
    up to date (here: copied from a clean build of the new input), then the index is brought up to date."""
    site = yearly_project / "site"
    spare = tmp_path / "spare"
    shutil.copytree(site, spare)
    (newest,) = (yearly_project / "content" / "articles").glob("2020-*")
    po = yearly_project / "content" / "translations" / f"{newest.stem}.po"
    text = po.read_text(encoding="utf-8")
    changed = text.replace("Lavrov", "Lavrov (changed)", 1)
    assert changed != text
    po.write_text(changed, encoding="utf-8")
    try:
        assert muwazi_in(yearly_project, ["build"]) == 0  # a clean build of the new input into site/
        built, kept = files_in(site), files_in(spare)
        for name, data in built.items():  # what a dirty build would rewrite
            if not name.startswith(f"{BUNDLE}/") and kept.get(name) != data:
                (spare / name).parent.mkdir(parents=True, exist_ok=True)
                (spare / name).write_bytes(data)
        assert not {name for name in kept if not name.startswith(f"{BUNDLE}/")} - set(built)
        untouched = {
            path: (path.read_bytes(), path.stat().st_mtime_ns)
            for year in ("2018", "2019")
            for path in (spare / BUNDLE / year).rglob("*")
            if path.is_file()
        }
        indexed = index_site(spare, 1)
        assert "2020-04" in indexed.written and {"2018", "2019"} <= set(indexed.kept), indexed
        assert {path: (path.read_bytes(), path.stat().st_mtime_ns) for path in untouched} == untouched
        assert files_in(spare / BUNDLE) == files_in(site / BUNDLE)  # the same index as the clean build's
    finally:
        po.write_text(text, encoding="utf-8")
