"""Where pages are published: the site's roots per language, the published path of a docs page,
which entity a page shows, and URLs written against placeholder roots so that one generated page
serves the published site, the preview and the offline bundle.

URLs are always the published form (`people/ali-larijani/`), also in the offline bundle whose
own files end in `.html`: a canonical URL names the page on the web, not a copy of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import escape as html_escape
from typing import Any

from generator.languages import LANGUAGES


@dataclass(frozen=True)
class SiteUrls:
    """Where the published site lives: its root (the language chooser) and each language's."""

    root: str  # "https://sijill.example.org/"
    languages: Mapping[str, str]  # "en" -> "https://sijill.example.org/en/"

    @classmethod
    def from_site_url(cls, site_url: str) -> SiteUrls:
        root = site_url.rstrip("/") + "/"
        return cls(root, {lang.code: f"{root}{lang.code}/" for lang in LANGUAGES})

    def page(self, lang: str, path: str) -> str:
        """The published URL of a docs page (`people/x.md`) in a language."""
        return self.languages[lang] + published_path(path)


def published_path(src_uri: str) -> str:
    """A docs path as MkDocs publishes it with directory URLs: `people/x.md` -> `people/x/`,
    `index.md` -> ``, `people/index.md` -> `people/`."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


# The Atom feed of every visit, linked from the home page and the timeline.
SITE_FEED = "feeds/visits.xml"
_FEED_PAGE = re.compile(r"(people|countries|relations)/([a-z0-9-]+)\.md")
_CARD_PAGE = re.compile(r"(people|visits)/([a-z0-9-]+)\.md")


def feed_of(src_uri: str) -> str | None:
    """The docs path of a page's Atom feed (generator/feeds/atom.py), or None: the home page and
    the timeline follow every visit, a person's, country's or relation's page its own. Here,
    not in `feeds`, because the MkDocs hook links each page's head to it without the data."""
    if src_uri in ("index.md", "visits/index.md"):
        return SITE_FEED
    match = _FEED_PAGE.fullmatch(src_uri)
    if match is None or match.group(2) == "index":
        return None
    return f"feeds/{match.group(1)}/{match.group(2)}.xml"


def card_of(src_uri: str) -> str | None:
    """The docs path of a person's or visit's embeddable card (generator/feeds/cards.py)."""
    match = _CARD_PAGE.fullmatch(src_uri)
    if match is None or match.group(2) == "index":
        return None
    return f"cards/{match.group(1)}/{match.group(2)}.html"


def entity_of(src_uri: str) -> tuple[str, str] | None:
    """(kind, id) when the page shows one person or visit, else None."""
    match = re.fullmatch(r"(people|visits)/([a-z0-9-]+)\.md", src_uri)
    if match is None or match.group(2) == "index":
        return None
    return match.group(1), match.group(2)


# Page heads are written by the generator into each page's front matter (`sijill_head`), so
# the MkDocs processes need no dataset: the data is read once, by the generator. The same
# generated page serves the published site, the preview (other hosts) and the bundle, so its
# URLs are written against placeholder roots that the hook replaces with the build's own.
# U+0001 cannot come from the data: YAML refuses control characters in its input.
_PORTABLE_MARK = "\x01"
PORTABLE_URLS = SiteUrls(
    root=f"{_PORTABLE_MARK}{_PORTABLE_MARK}",
    languages={lang.code: f"{_PORTABLE_MARK}{lang.code}{_PORTABLE_MARK}" for lang in LANGUAGES},
)


def with_urls(value: Any, urls: SiteUrls) -> Any:
    """`value` (from `entity_head`) with each portable URL on the site's real roots."""
    if isinstance(value, str):
        if value.startswith(_PORTABLE_MARK):
            for code, portable in PORTABLE_URLS.languages.items():
                if value.startswith(portable):
                    return urls.languages[code] + value.removeprefix(portable)
            return urls.root + value.removeprefix(PORTABLE_URLS.root)
        return value
    if isinstance(value, list):
        return [with_urls(item, urls) for item in value]
    if isinstance(value, dict):
        return {key: with_urls(item, urls) for key, item in value.items()}
    return value


# Links in raw HTML (the world map's, generator/pictures/worldmap.py) are not rewritten by
# MkDocs as Markdown links are: they name a docs path after this prefix, and the hook makes it
# the page's relative URL, which differs between the site (folders) and the bundle (.html).
# Only the generator writes it: text from the data has its quotes escaped.
DOC_LINK = "sijill-doc:"
_DOC_LINK = re.compile(r'(href|src)="sijill-doc:([^"#]*)(#[^"]*)?"')


def resolve_doc_links(html: str, url_of: Callable[[str], str | None]) -> str:
    """Each `sijill-doc:` link of a page's HTML as `url_of` gives it (the URL relative to the
    page); ValueError names a docs path that `url_of` does not know."""
    if DOC_LINK not in html:
        return html

    def resolved(match: re.Match[str]) -> str:
        url = url_of(match.group(2))
        if url is None:
            raise ValueError(f"a link to {match.group(2)}, which is not in the docs")
        fragment = match.group(3) or ""  # an anchor on that page, e.g. a year's table
        return f'{match.group(1)}="{html_escape(url + fragment, quote=True)}"'

    return _DOC_LINK.sub(resolved, html)
