"""Where the generated pages live inside docs/, and the relative links between them."""

from __future__ import annotations

import re
from urllib.parse import quote

# Generated pages live at these places inside docs/; everything else there is hand-written.
HOME = "index.md"
ARTICLES = "articles"
GLOSSARY = "glossary"
ARCHIVE = "archive"
FEED = "feed.xml"
SEARCH = "search.md"
GENERATED_PAGES = (HOME, SEARCH)  # the single pages the build writes; FEED is a file, not a page
GENERATED_FOLDERS = (ARTICLES, GLOSSARY, ARCHIVE)  # folders whose pages are all the build's
GLOSSARY_INDEX = f"{GLOSSARY}/index.md"
ARCHIVE_INDEX = f"{ARCHIVE}/index.md"


def article_page(slug: str) -> str:
    return f"{ARTICLES}/{slug}.md"


def actor_page(actor_id: str, number: int = 1) -> str:
    """Later pages of an actor's mentions sit beside the first (ids never hold «--»), so the
    relative links of a mention are the same on every page."""
    return f"{GLOSSARY}/{actor_id}.md" if number == 1 else f"{GLOSSARY}/{actor_id}--{number}.md"


def archive_page(year: int, month: int, number: int = 1) -> str:
    folder = f"{ARCHIVE}/{year}/{month:02d}"
    return f"{folder}/index.md" if number == 1 else f"{folder}/{number}.md"


def url_of(page: str) -> str:
    """The directory URL MkDocs gives a page (use_directory_urls): a/b.md → a/b/, a/index.md → a/."""
    stem = page[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_page: str, to_page: str, anchor: str = "") -> str:
    """A relative link from one generated page to another, as it works on the built site."""
    here, there = url_of(from_page), url_of(to_page)
    if here == there:
        link = "./"
    else:
        link = "../" * here.count("/") + there or "./"
    return link + (f"#{anchor}" if anchor else "")


REPORTED_TEXT = 1500  # characters of each language a report carries: some trackers refuse URLs over 8 KB


def report_href(address: str, article: str, link: str, arabic: str, english: str) -> str:
    """The address a reader opens to report a problem with one row's translation, pre-filled:
    `address`'s placeholders ({article} {link} {arabic} {english} {subject} {body}) filled in,
    each percent-encoded; a mailto: without any gets the subject and body appended."""
    cut = [
        text if len(text) <= REPORTED_TEXT else text[:REPORTED_TEXT].rsplit(" ", 1)[0] + " …"
        for text in (arabic, english)
    ]
    subject = f"Translation problem: {article} · {link}"
    body = f"{link}\n\nArabic:\n{cut[0]}\n\nEnglish:\n{cut[1]}\n\nWhat is wrong:\n"
    values = {"article": article, "link": link, "arabic": cut[0], "english": cut[1], "subject": subject, "body": body}
    if address.startswith("mailto:") and "{" not in address:
        address += ("&" if "?" in address else "?") + "subject={subject}&body={body}"
    return re.sub(r"\{(\w+)\}", lambda match: quote(values[match[1]], safe=""), address)
