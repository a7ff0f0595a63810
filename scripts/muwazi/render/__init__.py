"""Turn annotated articles and the gazetteer into the Markdown pages MkDocs publishes.

urls: where the generated pages live and the links between them; markup: article text escaped
and marked up; views: the records pages are made of; relations: the glossary's picture; pages:
the Renderer, which puts them through the templates.
"""

from .markup import CONTEXT_WORDS, Layout, excerpt_html, front_matter_text, mention_html, yaml_string
from .pages import PageMaker, Renderer, SitePages
from .urls import (
    ARCHIVE,
    ARTICLES,
    FEED,
    GENERATED_FOLDERS,
    GENERATED_PAGES,
    GLOSSARY,
    HOME,
    SEARCH,
    actor_page,
    archive_page,
    article_page,
    href,
    url_of,
)
from .views import RenderedArticle

__all__ = [
    "ARCHIVE",
    "ARTICLES",
    "CONTEXT_WORDS",
    "FEED",
    "GENERATED_FOLDERS",
    "GENERATED_PAGES",
    "GLOSSARY",
    "HOME",
    "SEARCH",
    "Layout",
    "PageMaker",
    "SitePages",
    "RenderedArticle",
    "Renderer",
    "actor_page",
    "archive_page",
    "article_page",
    "excerpt_html",
    "front_matter_text",
    "href",
    "mention_html",
    "url_of",
    "yaml_string",
]
