"""The real `muwazi build` (MkDocs, strict) on the real content, and a large site paged, in memory."""

import posixpath
import re
import shutil
from datetime import timedelta
from html import unescape

import pytest

from helpers import (
    ROOT,
    SEED_SLUG,
    broken_links,
    muwazi_in,
    parsed,
    site_pages,
    synthetic_articles,
    synthetic_project,
    write_articles,
)
from muwazi.actors import ArabicFinder, EnglishFinder, annotate, load_gazetteer
from muwazi.cli import main as muwazi
from muwazi.render import Renderer, article_page
from muwazi.source import read_article
from muwazi.tmx import TMX_SUFFIX, tmx_file
from muwazi.translate import translate


def test_the_site_builds_strict_with_every_page(built_site):
    article = built_site / "articles" / SEED_SLUG / "index.html"
    assert article.is_file()
    assert (built_site / "index.html").is_file()
    assert (built_site / "glossary" / "index.html").is_file()
    for actor in load_gazetteer(ROOT / "content" / "actors.yml"):
        assert (built_site / "glossary" / actor.id / "index.html").is_file(), actor.id
    html = article.read_text(encoding="utf-8")
    assert '<html lang="ar" class="no-js"' in html or re.search(r'<html[^>]*lang="ar"', html)
    assert re.search(r'<body[^>]*dir="rtl"', html)


def test_every_internal_link_and_anchor_resolves(built_site):
    assert broken_links(built_site) == []


def test_the_link_checker_finds_what_is_broken(built_site, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "glossary" / "sergey-lavrov" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace('/#p1"', '/#p10"', 1).replace('href="../../glossary/russia/"', 'href="../../glossary/rusia/"', 1)
        + '<img srcset="gone.png 2x">',
        encoding="utf-8",
    )
    (site / "glossary" / "syria" / "index.html").unlink()
    broken = broken_links(site)
    assert any("#p10 (no such anchor)" in b for b in broken)
    assert any("glossary/rusia/ (no such file)" in b for b in broken)
    assert any("gone.png" in b for b in broken)
    assert any("glossary/syria/" in b for b in broken)  # links to it and its sitemap entry


# --- a large site, paged ---------------------------------------------------------------------

LARGE = 120  # articles in one month: three archive pages (50, 50, 20), five of each actor's (25, …, 20)


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, str]]:
    """A month of synthetic articles through the real pipeline in memory (read, translate, find
    the actors, render; no MkDocs): their slugs newest first, and every page by its place in docs/."""
    content = tmp_path_factory.mktemp("large")
    articles = synthetic_articles(LARGE, step=timedelta(minutes=7))[::-1]  # newest first, as the pages list them
    write_articles(content, articles)
    actors = load_gazetteer(ROOT / "content" / "actors.yml")
    arabic, english = ArabicFinder(actors), EnglishFinder(actors)
    renderer = Renderer(actors, "https://muwazi.example.org/")
    pages, rendered = {}, []
    for article in articles:
        source = read_article(content / "articles" / f"{article.slug}.txt")
        page, parts = renderer.article(annotate(translate(source, content / "translations"), arabic, english))
        pages[article_page(article.slug)] = page
        rendered.append(parts)
    pages |= {path: make() for path, make in site_pages(renderer, rendered, content).items()}
    return [article.slug for article in articles], pages


def url_path(page: str) -> str:
    """Where MkDocs (use_directory_urls) publishes a page of docs/: a/b.md at /a/b, a/index.md at /a."""
    stem = page.removesuffix(".md")
    return posixpath.normpath("/" + (stem.removesuffix("index") if posixpath.basename(stem) == "index" else stem))


def target(page: str, link: str) -> tuple[str, str]:
    """The URL path and anchor a relative link on a page leads to, as a browser resolves it."""
    address, _, anchor = unescape(link).partition("#")
    here = url_path(page).rstrip("/") + "/"  # every page is published as a folder: links are relative to it
    return (posixpath.normpath(posixpath.join(here, address)) if address else url_path(page)), anchor


def linked_articles(text: str, page: str) -> list[str]:
    """The slugs of the articles a page links to, in order, each once."""
    paths = (target(page, link)[0] for link in re.findall(r'href="([^"]+)"', text))
    return list(dict.fromkeys(path.removeprefix("/articles/") for path in paths if path.startswith("/articles/")))


def series(pages: dict[str, str], first: str) -> list[str]:
    """A paginated series from its first page on, by following its rel=next links."""
    by_url = {url_path(page): page for page in pages if page.endswith(".md")}
    found = [first]
    while nexts := re.findall(r'href="([^"]+)" rel="next"', pages[found[-1]]):
        assert len(nexts) == 1, found[-1]
        found.append(by_url[target(found[-1], nexts[0])[0]])
        assert len(found) <= len(pages), "the next links run in a circle"
    return found


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def test_a_months_archive_is_paged_fifty_articles_to_a_page(large_site):
    slugs, pages = large_site
    month = series(pages, "archive/2017/01/index.md")
    assert month == ["archive/2017/01/index.md", "archive/2017/01/2.md", "archive/2017/01/3.md"]
    assert sorted(page for page in pages if page.startswith("archive/2017/")) == sorted(month)
    assert [linked_articles(pages[page], page) for page in month] == chunks(slugs, 50)
    assert "الصفحة 2 من 3" in pages[month[1]] and "Page 2 of 3" in pages[month[1]]
    index = pages["archive/index.md"]
    assert {target("archive/index.md", link)[0] for link in re.findall(r'href="([^"]+)"', index)} == {
        "/archive/2017/01"
    }
    assert f'<span class="mz-count">{LARGE} articles</span>' in index


def test_an_actors_mentions_are_paged_in_blocks_of_twenty_five_counted_from_the_oldest(large_site):
    """Every synthetic article holds all the seed's segments, so every actor of the seed is named
    in each: the first page holds the newest 45 of the 120, then come the blocks 51–75, 26–50 and
    1–25 (counted from the oldest), at addresses numbered from the oldest too."""
    slugs, pages = large_site
    oldest_first = slugs[::-1]
    for actor in load_gazetteer(ROOT / "content" / "actors.yml"):
        own = series(pages, f"glossary/{actor.id}.md")
        assert own == [f"glossary/{actor.id}.md"] + [f"glossary/{actor.id}--{n}.md" for n in (4, 3, 2)]
        assert sorted(p for p in pages if re.fullmatch(rf"glossary/{actor.id}(--\d+)?\.md", p)) == sorted(own)
        shown = [re.findall(r'<section class="mz-mentions" aria-labelledby="in-([^"]+)"', pages[p]) for p in own]
        blocks = [oldest_first[75:][::-1]] + [oldest_first[start : start + 25][::-1] for start in (50, 25, 0)]
        assert shown == blocks, actor.id
        assert f"Mentions in the articles ({sum(map(len, shown))}" not in pages[own[1]]  # totals on the first page only
        assert "Mentions in articles 26–50, counted from the oldest" in pages[own[2]]
        assert "وروده في المقالات 26–50 عدًّا من أقدمها" in pages[own[2]]


def test_a_new_article_changes_an_actors_first_page_and_no_block():
    """A block of older mentions keeps its address and its articles while newer articles come."""
    from muwazi.render.pages import mention_blocks

    for articles in range(0, 130):
        blocks, after = mention_blocks(articles, 25), mention_blocks(articles + 1, 25)
        assert sum(block.size for block in blocks) == articles
        assert [(b.number, b.oldest, b.newest) for b in blocks[1:]] == [
            (b.number, b.oldest, b.newest) for b in after[1:] if b.number <= len(blocks)
        ], articles
        assert 25 <= blocks[0].size < 50 or len(blocks) == 1, articles


def test_previous_leads_back_the_way_next_came(large_site):
    _, pages = large_site
    firsts = ["archive/2017/01/index.md"] + [
        f"glossary/{a.id}.md" for a in load_gazetteer(ROOT / "content" / "actors.yml")
    ]
    by_url = {url_path(page): page for page in pages if page.endswith(".md")}
    for first in firsts:
        pages_of = series(pages, first)
        previous = [re.findall(r'href="([^"]+)" rel="prev"', pages[page]) for page in pages_of]
        assert previous[0] == [], first
        assert [by_url[target(page, links[0])[0]] for page, links in zip(pages_of[1:], previous[1:], strict=True)] == (
            pages_of[:-1]
        ), first


def test_every_link_between_the_generated_pages_leads_to_a_page_and_its_anchor(large_site):
    _, pages = large_site
    by_url = {url_path(page): page for page in pages if page.endswith(".md")}
    broken = []
    for page, text in pages.items():
        if not page.endswith(".md"):
            continue
        for link in re.findall(r'href="([^"]+)"', text):
            if re.match(r"^[a-z][a-z0-9+.-]*:", link):
                continue
            path, anchor = target(page, link)
            if path.endswith(TMX_SUFFIX):  # a file the build writes beside the page (not rendered here)
                if path != "/" + tmx_file(posixpath.basename(path).removesuffix(TMX_SUFFIX)):
                    broken.append(f"{page} → {link} (not where the build writes the TMX)")
                continue
            if path not in by_url:
                broken.append(f"{page} → {link} (no such page)")
            elif anchor and f'id="{anchor}"' not in pages[by_url[path]]:
                broken.append(f"{page} → {link} (no such anchor)")
    assert broken == []


def test_the_home_page_lists_the_twenty_newest_and_counts_them_all(large_site):
    slugs, pages = large_site
    assert linked_articles(pages["index.md"], "index.md") == slugs[:20]
    assert f"({LARGE})" in pages["index.md"] and f"All {LARGE} articles" in pages["index.md"]


@pytest.mark.slow
def test_the_later_pages_are_built_where_their_links_lead(tmp_path):
    """MkDocs publishes the later pages of a month and of an actor at the URLs the links name."""
    project = synthetic_project(tmp_path / "project", synthetic_articles(51, step=timedelta(minutes=7)))
    assert muwazi_in(project, ["build"]) == 0
    site = project / "site"
    assert (site / "archive" / "2017" / "01" / "2" / "index.html").is_file()
    assert (site / "glossary" / "russia--2" / "index.html").is_file()  # articles 1–25, counted from the oldest
    assert broken_links(site) == []


def test_no_page_loads_anything_from_another_host(built_site):
    foreign = []
    for page in built_site.rglob("*.html"):
        for resource in parsed(page).resources:
            if re.match(r"^(https?:)?//", resource):
                foreign.append(f"{page.relative_to(built_site)}: {resource}")
    for sheet in built_site.rglob("*.css"):
        foreign += [
            f"{sheet.name}: {u}"
            for u in re.findall(r"url\(['\"]?(https?://[^'\")]+)", sheet.read_text(encoding="utf-8"))
        ]
    assert foreign == []


def test_the_home_page_lists_the_article_in_both_languages(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'href="articles/{SEED_SLUG}/"' in html
    assert "موسكو تسعى للرد على واشنطن" in html
    assert "Moscow seeks to answer Washington" in html
    assert 'datetime="2018-06-01T13:10:00+02:00"' in html


def test_actor_pages_show_every_mention_in_context(built_site):
    html = (built_site / "glossary" / "sergey-lavrov" / "index.html").read_text(encoding="utf-8")
    # Two in Arabic, two in English; an actor's page marks its own mentions and no other actor's.
    assert html.count('<mark class="mz-mention">') == 2 + 2
    assert "سيرجى لافروف" in html and "سيرجي لافروف" in html
    assert f"../../articles/{SEED_SLUG}/#p1" in html and f"../../articles/{SEED_SLUG}/#p5" in html
    kim = (built_site / "glossary" / "kim-jong-un" / "index.html").read_text(encoding="utf-8")
    assert "김정은" in kim and "(6)" in kim


def test_a_mention_is_shown_in_its_sentence_cut_to_twelve_words_either_side(built_site):
    def quotes(actor: str, language: str) -> list[str]:
        html = (built_site / "glossary" / actor / "index.html").read_text(encoding="utf-8")
        if language == "ar":
            return re.findall(r'<blockquote class="mz-ar" lang="ar" dir="rtl"><p>(.*?)</p></blockquote>', html)
        return re.findall(r'<div class="mz-en" lang="en" dir="ltr"><blockquote><p>(.*?)</p></blockquote>', html)

    # ¶1 is one long sentence: twelve words before Lavrov's name, then «…»; the eight after it are all kept.
    before, after = quotes("sergey-lavrov", "ar")[0].split('<mark class="mz-mention">سيرجى لافروف</mark>')
    words = before.split()
    assert words[0] == "…" and len(words) == 1 + 12
    assert words[-6:] == "كان أخرها زيارة وزير الخارجية الروسي".split()
    assert after == " لبيونج يانج، ولقاءه بزعيم كوريا الشمالية كيم يونج أون."
    # ¶2 names North Korea (with its clitic, «بكوريا») seven words in: nothing is cut before it,
    # and twelve words follow it before «…».
    second = next(quote for quote in quotes("north-korea", "ar") if quote.startswith("روسيا تسعى"))
    before, after = second.split('<mark class="mz-mention">بكوريا الشمالية</mark>')
    assert before == "روسيا تسعى لإجراء قمة ثانية متعلقة "
    assert after.split()[-1] == "…" and len(after.split()) == 12 + 1
    # The English of a paragraph that does not name the actor shows its opening twelve words.
    english = quotes("sergey-lavrov", "en")
    assert all(
        quote.count("<mark") >= 1 or (len(quote.split()) == 12 + 1 and quote.endswith(" …")) for quote in english
    )


def test_a_rebuild_rewrites_nothing(project):
    assert muwazi(["generate"]) == 0
    generated = sorted((project / "docs").rglob("*.md"))
    stamps = {p: p.stat().st_mtime_ns for p in generated}
    assert muwazi(["generate"]) == 0
    assert {p: p.stat().st_mtime_ns for p in generated} == stamps


def test_a_removed_article_loses_its_page(project):
    assert muwazi(["generate"]) == 0
    extra = project / "content" / "articles" / "second.txt"
    extra.write_text("عنوان ثان\nالسبت، 02 يونيو 2018 10:00 ص\nنص الفقرة الأولى عن بوتين.\n", encoding="utf-8")
    assert muwazi(["generate", "--allow-pending"]) == 0
    assert (project / "docs" / "articles" / "second.md").exists()
    extra.unlink()
    assert muwazi(["generate"]) == 0
    assert not (project / "docs" / "articles" / "second.md").exists()


def test_changing_one_article_rewrites_only_the_pages_that_depend_on_it(project):
    second = project / "content" / "articles" / "2018-06-02-second.txt"
    second.write_text(
        "عنوان المقال الثاني عن سوريا\nالسبت، 02 يونيو 2018 10:00 ص\nفقرة عن دمشق والأزمة في سوريا.\n", encoding="utf-8"
    )
    assert muwazi(["generate", "--allow-pending"]) == 0
    docs = project / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*") if p.is_file() and "assets" not in p.parts}
    po = project / "content" / "translations" / "2018-06-02-second.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "فقرة عن دمشق والأزمة في سوريا."\nmsgstr "A paragraph about Damascus and the crisis in Syria."\n',
        encoding="utf-8",
    )
    assert muwazi(["generate", "--allow-pending"]) == 0
    changed = sorted(p.relative_to(docs).as_posix() for p, stamp in before.items() if p.stat().st_mtime_ns != stamp)
    # its page and its aligned text, the page of the actor it names, and the feed (whose summary is its first paragraph)
    assert changed == [
        "articles/2018-06-02-second.md",
        "articles/2018-06-02-second/2018-06-02-second.tmx",
        "feed.xml",
        "glossary/syria.md",
    ]
