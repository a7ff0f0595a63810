"""Article text that looks like markup is text: it reaches the built page exactly as written,
escaped, wherever it goes (the rows, <title>, the header, the description),
and no tag, script or javascript: link from an article, nor any Markdown syntax, ever takes effect.

Checked on the real `muwazi build` (MkDocs, Python-Markdown, Material), with fixed hostile lines
and with hypothesis generating arbitrary Unicode, markup and Markdown.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from helpers import broken_links, copy_project, muwazi_in, served
from muwazi import memory
from muwazi.errors import MuwaziError
from muwazi.render.markup import isolated
from muwazi.source import parse

DATELINE = "الأربعاء، 01 يناير 2020 12:00 ص"
SLUG = "2020-01-01-markup"
SITE_NAME = "موازي · Muwazi"
# The tags the article template itself writes; anything else inside the article came from content.
TEMPLATE_TAGS = {"article", "header", "h1", "h2", "span", "div", "p", "time", "a", "aside", "ul", "li", "footer"}
TEMPLATE_TAGS |= {"fieldset", "legend", "label", "input", "button", "svg", "circle", "path"}  # the reader's controls
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

MARKUP = [
    "<script>alert('x')</script>",
    "<b>غامق</b>",
    "<img src=x onerror=alert(1)>",
    "&",
    "&amp;lt;",
    "&lt;b&gt;",
    "&#x3C;i>",
    "*نجمة*",
    "**",
    "_شرطة_",
    "__init__",
    "#",
    "|",
    "| a | b |\n",
    "[نص](javascript:alert(1))",
    "<javascript:alert(1)>",
    "![](x.png)",
    "`code`",
    "```",
    "\\",
    "{{ config.site_name }}",
    "{% if true %}",
    "{#",
    "---",
    "***",
    "<!--",
    "-->",
    "</div>",
    "</article>",
    "</p></div></div>",
    "<![CDATA[",
    "]]>",
    "<?php",
    "<style>*{}</style>",
    '"',
    "'",
    "<",
    ">",
    "    ",
    "\t",
    "=",
    "[^1]",
    "[x]: http://example.org",
    "<https://example.org>",
    "http://example.org",
    "~~",
    "==",
    ":smile:",
    "\u200f",
    "\ufeff",
    "ـ",
    "\ufffd",
    "\U0001f600",
    "موسكو",
    "بوتين",
    "Putin",
    "Russia's",
]

TITLE = "<script>alert('title')</script> <b>عنوان</b> & \"اقتباس\" </title><img src=x onerror=alert(2)> {{ config }} &amp;lt;"
LINES = [
    "# ليس عنوانا بل فقرة فيها *نجمة* و_شرطة_ و|عمود| و[رابط](javascript:alert(3)) و<b>وسم</b>.",
    "- ليست قائمة بل فقرة: {{ config.site_name }} {% if true %}x{% endif %} &amp;lt; &lt; &#60; </div></article> <!-- تعليق.",
    "---",
    "1. ليست قائمة",
    "    أربع مسافات في أول السطر، ثم <script>alert(4)</script> ثم </p></div> ثم ```python.",
    "<!-- تعليق لا ينتهي",
    "| عمود | عمود |",
    "&amp;lt;script&amp;gt; &copy; &nbsp; &#1575;",
]
LONG = " ".join(f"الجملة رقم {n} من فقرة طويلة جدا عن موسكو وواشنطن، فيها <i>وسم</i> و*نجمة*." for n in range(120))


def english_for(text: str) -> str:
    """An English 'translation' as hostile as the Arabic, so both cells are tested; it names Moscow
    where the Arabic does, for mentions are linked only where both languages name the actor."""
    moscow = "Moscow: " if "موسكو" in text else ""
    return f"{moscow}<i>English</i> [for](javascript:alert(5)) «{text[:30]}» & *not emphasis* &amp;lt; {{{{ x }}}}"


# --- a small DOM of the built HTML ------------------------------------------------------------


@dataclass
class Node:
    tag: str
    attrs: dict
    children: list = field(default_factory=list)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def walk(self):
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def find_all(self, tag: str | None = None, **attrs) -> list[Node]:
        return [
            node
            for node in self.walk()
            if (tag is None or node.tag == tag)
            and all(
                value in (node.attrs.get(key.rstrip("_")) or "").split() or node.attrs.get(key.rstrip("_")) == value
                for key, value in attrs.items()
            )
        ]

    def find(self, tag: str | None = None, **attrs) -> Node:
        found = self.find_all(tag, **attrs)
        assert len(found) == 1, (tag, attrs, len(found))
        return found[0]


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {key: value or "" for key, value in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        if any(node.tag == tag for node in self.stack[1:]):
            while self.stack.pop().tag != tag:
                pass

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def shown(text: str) -> str:
    """Text as a browser shows it: runs of HTML white space are one space."""
    return re.sub(r"[ \t\n\f\r]+", " ", text).strip(" ")


# --- building a project with given articles ---------------------------------------------------


def write_article(project: Path, slug: str, title: str, lines: list[str]) -> None:
    """The article file and a PO file giving every segment its (hostile) English."""
    text = "\n".join([title, DATELINE, *lines]) + "\n"
    (project / "content" / "articles" / f"{slug}.txt").write_text(text, encoding="utf-8")
    catalogue = memory.new_catalogue(slug)
    for segment in parse(text, Path(f"{slug}.txt")).segments:
        if catalogue.find(segment.text) is None:
            catalogue.append(polib.POEntry(msgid=segment.text, msgstr=english_for(segment.text)))
    memory.save(catalogue, project / "content" / "translations" / f"{slug}.po")


def check_article_page(site: Path, slug: str, title: str, lines: list[str]) -> None:
    """Every segment is on the page exactly, in its row, with its English; nothing took effect."""
    html = (site / "articles" / slug / "index.html").read_text(encoding="utf-8")
    page = Tree(html).root
    article = parse("\n".join([title, DATELINE, *lines]), Path(f"{slug}.txt"))
    # the rows: each cell's text is the segment (and its English) exactly
    heading = page.find("h1", class_="mz-title")
    # (each title between isolates, as the Pagefind metadata it also is)
    assert shown(heading.find("span", class_="mz-ar").text()) == shown(isolated(article.title.text))
    assert shown(heading.find("span", class_="mz-en").text()) == shown(isolated(english_for(article.title.text)))
    for segment in article.body:
        row = page.find("div", id=segment.anchor)
        assert shown(row.find("div", class_="mz-ar").text()) == shown(segment.text), segment.anchor
        assert shown(row.find("div", class_="mz-en").text()) == shown(english_for(segment.text))
    assert len(page.find_all("div", class_="mz-row")) == len(article.body) + 1  # and the dateline row
    # no tag inside the article that the template does not write, and no attribute from content
    inside = page.find("article", class_="mz-article")
    assert {node.tag for node in inside.walk()} - {"article"} <= TEMPLATE_TAGS
    for node in page.walk():
        assert not any(key.startswith("on") for key in node.attrs), node.attrs
        assert not any(value.strip().lower().startswith("javascript:") for value in node.attrs.values()), node.attrs
    # scripts are the theme's and the site's own (none inside the article: see the tags above)
    assert all(s.attrs["src"].startswith("../../assets/") for s in page.find_all("script") if "src" in s.attrs)
    first_paragraph = next(s for s in article.body if s.kind == "paragraph")
    assert page.find("meta", name="description").attrs["content"] == english_for(first_paragraph.text)
    # the title, as Material shows it: <title> and the header
    assert page.find("title").children == [f"{isolated(article.title.text)} - {SITE_NAME}"]
    header = page.find("div", **{"data-md-component": "header-topic"})
    assert shown(header.text()) == shown(isolated(article.title.text))


@pytest.fixture(scope="module")
def markup_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("markup") / "project")
    write_article(project, SLUG, TITLE, LINES + [LONG])
    assert muwazi_in(project, ["build"]) == 0
    return project / "site"


@pytest.mark.slow
def test_markup_in_an_article_is_shown_as_written_and_never_takes_effect(markup_site):
    check_article_page(markup_site, SLUG, TITLE, LINES + [LONG])


@pytest.mark.slow
def test_markdown_syntax_changes_nothing_in_the_page_structure(markup_site):
    page = Tree((markup_site / "articles" / SLUG / "index.html").read_text(encoding="utf-8")).root
    content = page.find("article", class_="mz-article")
    kinds = [row.attrs["class"].split()[1] for row in content.find_all("div", class_="mz-row")][
        1:
    ]  # after the dateline
    assert kinds == [f"mz-{s.kind}" for s in parse("\n".join([TITLE, DATELINE, *LINES, LONG]), Path("x.txt")).body]
    for tag in ("ol", "table", "pre", "code", "hr", "em", "strong", "img", "script", "style", "blockquote"):
        assert content.find_all(tag) == [], tag


@pytest.mark.slow
def test_a_paragraph_of_thousands_of_characters_is_shown_whole(markup_site):
    page = Tree((markup_site / "articles" / SLUG / "index.html").read_text(encoding="utf-8")).root
    last = parse("\n".join([TITLE, DATELINE, *LINES, LONG]), Path("x.txt")).body[-1]
    assert len(LONG) > 8000 and last.text == LONG
    assert page.find("div", id=last.anchor).find("div", class_="mz-ar").text() == LONG


@pytest.mark.slow
def test_the_site_with_hostile_text_has_no_broken_link(markup_site):
    assert broken_links(markup_site) == []


@pytest.mark.slow
def test_the_hostile_page_runs_no_script_of_its_own_under_the_csp(markup_site, browser):
    """In Chromium: no dialog opens, nothing breaks the policy, the text is the text."""
    with served(markup_site) as url:
        context = browser.new_context()
        page = context.new_page()
        dialogs, errors = [], []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP: ' + e.violatedDirective + ' ' + e.blockedURI))"
        )
        page.goto(f"{url}articles/{SLUG}/")
        page.wait_for_load_state("networkidle")
        assert page.title() == f"{isolated(TITLE)} - {SITE_NAME}"
        assert page.locator("#p1 .mz-ar").inner_text() == LINES[0]
        assert page.locator("#p1 .mz-ar *").count() == 1  # the <p>, nothing inside it
        assert (
            page.evaluate("document.querySelectorAll('.mz-article script, .mz-article img, .mz-article b').length") == 0
        )
        assert dialogs == [] and errors == []
        context.close()


# --- property: arbitrary text survives parse → render → build ----------------------------------

# Text an article may hold: no control characters, and no bidi embedding, override or isolate (refused,
# or accepted only balanced: tests/test_hostile_text.py).
TEXT = st.text(
    st.characters(
        exclude_categories=("Cc", "Cs"), exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ),
    max_size=12,
)
WORDS = st.lists(st.one_of(TEXT, st.sampled_from(MARKUP)), min_size=1, max_size=8).map("".join)
# In NFC, the form the reader puts every line in (tests/test_hostile_text.py checks that it does).
LINE = WORDS.map(lambda text: unicodedata.normalize("NFC", text.replace("\n", " "))).filter(
    lambda text: re.search(r"[^\s\u0640\u200b-\u200f\ufeff]", text)
)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=LINE, lines=st.lists(LINE, min_size=1, max_size=40))
def test_any_text_survives_the_real_build_exactly(tmp_path_factory, title, lines):
    try:
        article = parse("\n".join([title, DATELINE, *lines]), Path("x.txt"))
    except MuwaziError as error:
        assume("no paragraph" not in str(error))  # only subheadings drawn: rightly refused, draw again
        raise
    project = copy_project(tmp_path_factory.mktemp("property") / "project")
    write_article(project, SLUG, title, lines)
    assert muwazi_in(project, ["build"]) == 0
    check_article_page(project / "site", SLUG, title, lines)
    # and the parser kept every line as written, but for white space and stray BOMs at its ends
    assert [s.text for s in article.segments] == [
        re.sub(r"^[\s\ufeff]+|[\s\ufeff]+$", "", line) for line in [title, *lines]
    ]
    shutil.rmtree(project)


# --- reproducibility -------------------------------------------------------------------------


def tree(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_two_builds_are_byte_identical_even_on_another_day(markup_site, tmp_path, monkeypatch):
    """Build the same input again elsewhere, with the clock (SOURCE_DATE_EPOCH) on another day:
    every file, the sitemap and its .gz and the search index included, is the same."""
    project = markup_site.parent
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "4102444800")  # 2100-01-01
    assert muwazi_in(project, ["build", "--site-dir", str(tmp_path / "again")]) == 0
    first, second = tree(markup_site), tree(tmp_path / "again")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    assert "<lastmod>2020-01-01</lastmod>" in first["sitemap.xml"].decode()


@pytest.mark.slow
def test_markup_beside_a_mention_stays_text_on_the_actors_page(markup_site):
    """The actor's page cuts the hostile paragraph around its mentions and marks them: what is
    kept is still escaped text, and the marks are the only tags the quotes hold."""
    page = Tree((markup_site / "glossary" / "russia" / "index.html").read_text(encoding="utf-8")).root
    section = page.find("section", **{"aria-labelledby": f"in-{SLUG}"})
    quotes = section.find_all("blockquote")
    assert any("فيها <i>وسم</i> و*نجمة*." in quote.text() for quote in quotes)
    assert any("<i>English</i> [for](javascript:alert(5))" in quote.text() for quote in quotes)
    assert {node.tag for quote in quotes for node in quote.walk()} == {"blockquote", "p", "mark"}
    assert {mark.text() for mark in section.find_all("mark")} == {"موسكو", "Moscow"}
    # the section's heading: the hostile title, and its English, as written
    heading = section.find("h3")
    assert shown(heading.find("a", class_="mz-ar").text()) == shown(TITLE)
    assert shown(heading.find("span", class_="mz-en").find("a").text()) == shown(english_for(TITLE))
    assert {node.tag for node in heading.walk()} == {"h3", "a", "span", "time"}
