"""Where the generated pages live inside docs/, and the relative links between them."""

from __future__ import annotations

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
