"""The real `muwazi build` (MkDocs, strict) on the real content."""

import functools
import re
import shutil
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

from conftest import ROOT, SEED_SLUG
from muwazi.actors import load_gazetteer
from muwazi.cli import main as muwazi


class Links(HTMLParser):
    """Every link of a page, the resources it loads (src, stylesheets, icons) and its ids."""

    def __init__(self):
        super().__init__()
        self.links, self.resources, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("href", "src"):
            if attrs.get(key):
                self.links.append(attrs[key])
        self.links += [
            candidate.split()[0] for candidate in (attrs.get("srcset") or "").split(",") if candidate.strip()
        ]
        if attrs.get("src") or (tag == "link" and attrs.get("href") and attrs.get("rel") != "canonical"):
            self.resources.append(attrs.get("src") or attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])


def parsed(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


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


@functools.cache
def ids_of(path: Path) -> set[str]:
    return parsed(path).ids


def resolve(site: Path, page: Path, link: str) -> str | None:
    """What is wrong with one link of a page of the built site, or None when it resolves."""
    target, _, anchor = link.partition("#")
    target, anchor = unquote(target.split("?")[0]), unquote(anchor)
    base = site if target.startswith("/") else page.parent  # 404.html links from the root
    path = (base / target.lstrip("/")).resolve() if target else page
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file() or site.resolve() not in path.parents:
        return "no such file"
    if anchor and path.suffix == ".html" and anchor not in ids_of(path):
        return "no such anchor"
    return None


def broken_links(site: Path, site_url: str = "https://muwazi.example.org/") -> list[str]:
    """Every internal reference of the built site that leads nowhere: links, sources and srcsets
    of every page, url()s of every stylesheet, and every sitemap entry."""
    found = []  # (the file it is in, the reference, the folder it is relative to)
    for page in site.rglob("*.html"):
        found += [(page, link) for link in parsed(page).links]
    for sheet in site.rglob("*.css"):
        found += [(sheet, url) for url in re.findall(r"url\(['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8"))]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    found += [(site / "index.html", "./" + loc[len(site_url) :]) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    broken = []
    for origin, link in found:
        if re.match(r"^[a-z][a-z0-9+.-]*:", link) or link.startswith("//"):
            continue  # another scheme or host: not ours to check (and test_no_page_loads… forbids loading them)
        problem = resolve(site, origin, link)
        if problem:
            broken.append(f"{origin.relative_to(site)} → {link} ({problem})")
    return broken


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


def test_a_large_site_is_paged_and_every_link_resolves(tmp_path, monkeypatch):
    """60 articles: the archive month and the actors' mention lists run over several pages."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from build_time import make_project

    make_project(tmp_path, 60)
    monkeypatch.chdir(tmp_path)
    assert muwazi(["build"]) == 0
    site = tmp_path / "site"
    assert (site / "glossary" / "russia--3" / "index.html").exists()
    assert not (site / "glossary" / "russia--4").exists()
    assert "الصفحة 2 من 3" in (site / "glossary" / "russia--2" / "index.html").read_text(encoding="utf-8")
    home = (site / "index.html").read_text(encoding="utf-8")
    assert home.count('<li class="mz-row">') == 20 and "60" in home
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
    # its page, the page of the actor it names, and the feed (whose summary is its first paragraph)
    assert changed == ["articles/2018-06-02-second.md", "feed.xml", "glossary/syria.md"]
