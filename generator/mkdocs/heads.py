"""The tags of each page's `<head>` (canonical, hreflang, description, OpenGraph, JSON-LD) and the
files at the root of the published site (`sitemap.xml`, `robots.txt`, the chooser's tags), for the
MkDocs hook and the build. Plain data in, text out: an entity page's JSON-LD comes finished
from the generator (`render.seo.entity_head`). Every value is escaped here: attributes with
`html.escape`, JSON-LD with `json_ld_script`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Collection, Mapping
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from generator.languages import DEFAULT_LANGUAGE, LANGUAGES, i18n, language
from generator.render.urls import SiteUrls, with_urls


def json_ld_script(data: Mapping[str, Any]) -> str:
    """A `<script type="application/ld+json">` that no value can close or break out of:
    `<`, `>` and `&` are written as JSON escapes, which `json.loads` reads back as themselves."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def web_page_json_ld(title: str, lang: str, url: str, urls: SiteUrls) -> dict[str, Any]:
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "url": url,
        "name": title,
        "inLanguage": lang,
        "isPartOf": {
            "@type": "WebSite",
            "name": i18n.label(lang, "site_name"),
            "url": urls.languages[lang],
        },
    }


# --- the head of a page ---------------------------------------------------------------------


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def alternates(
    urls: SiteUrls, path: str, languages: Collection[str] | None = None
) -> list[tuple[str, str]]:
    """(hreflang, URL) of the page in each language it exists in (default: all), and
    `x-default`: the language chooser for the home page, the default language's page
    elsewhere (none when the page has no default-language twin)."""
    present = [lang.code for lang in LANGUAGES if languages is None or lang.code in languages]
    pairs = [(code, urls.page(code, path)) for code in present]
    if path == "index.md":
        pairs.append(("x-default", urls.root))
    elif DEFAULT_LANGUAGE.code in present:
        pairs.append(("x-default", urls.page(DEFAULT_LANGUAGE.code, path)))
    return pairs


def alternate_links(
    urls: SiteUrls, path: str, languages: Collection[str] | None = None
) -> list[str]:
    return [
        f'<link rel="alternate" hreflang="{code}" href="{_attr(href)}">'
        for code, href in alternates(urls, path, languages)
    ]


def head_tags(
    *,
    lang: str,
    path: str,
    title: str,
    urls: SiteUrls,
    entity: Mapping[str, Any] | None = None,
    languages: Collection[str] | None = None,
) -> str:
    """The tags for one page's `<head>`: canonical, hreflang alternates to the languages the
    page exists in (none when `languages` is empty), description, OpenGraph and Twitter cards,
    and JSON-LD. `title` is plain text (not HTML); `entity` is the page's `entity_head`."""
    url = urls.page(lang, path)
    json_ld: Mapping[str, Any]
    if entity is not None:
        description = str(entity["json_ld"]["description"])
        og_type = str(entity["type"])
        json_ld = with_urls(entity["json_ld"], urls)
    else:
        description = i18n.label(lang, "site_description")
        og_type = "website"
        json_ld = web_page_json_ld(title, lang, url, urls)
    site_name = i18n.label(lang, "site_name")
    locale = language(lang).locale
    tags = [f'<link rel="canonical" href="{_attr(url)}">']
    if languages is None or languages:
        tags.extend(alternate_links(urls, path, languages))
    tags.append(f'<meta name="description" content="{_attr(description)}">')
    properties = [
        ("og:type", og_type),
        ("og:site_name", site_name),
        ("og:title", title),
        ("og:description", description),
        ("og:url", url),
        ("og:locale", locale),
        *(("og:locale:alternate", other.locale) for other in LANGUAGES if other.code != lang),
    ]
    tags.extend(f'<meta property="{name}" content="{_attr(value)}">' for name, value in properties)
    tags.extend(
        f'<meta name="{name}" content="{_attr(value)}">'
        for name, value in (
            ("twitter:card", "summary"),
            ("twitter:title", title),
            ("twitter:description", description),
        )
    )
    tags.append(json_ld_script(json_ld))
    return "\n    ".join(tags)


# --- files at the root of the published site --------------------------------------------------


def sitemap(pages: Mapping[str, Collection[str]], urls: SiteUrls) -> str:
    """One sitemap for both languages (`pages`: language -> docs paths): every page with its
    twins as `xhtml:link` alternates, and the language chooser first. No `lastmod`: the
    build knows no honest date per page."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]

    def entry(loc: str, path: str, languages: Collection[str] | None) -> None:
        lines.append(f"  <url>\n    <loc>{xml_escape(loc)}</loc>")
        lines.extend(
            f'    <xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(href)}/>'
            for code, href in alternates(urls, path, languages)
        )
        lines.append("  </url>")

    entry(urls.root, "index.md", None)
    for path in sorted({path for paths in pages.values() for path in paths}):
        present = {code for code, paths in pages.items() if path in paths}
        for lang in LANGUAGES:
            if lang.code in present:
                entry(urls.page(lang.code, path), path, present)
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def chooser_head(urls: SiteUrls) -> str:
    """The head tags of the root page that lets readers choose a language."""
    names = " · ".join(i18n.label(lang.code, "site_name") for lang in LANGUAGES)
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "url": urls.root,
        "name": names,
        "inLanguage": [lang.code for lang in LANGUAGES],
    }
    tags = [f'<link rel="canonical" href="{_attr(urls.root)}">']
    tags += alternate_links(urls, "index.md")
    tags.append(json_ld_script(website))
    return "\n".join(f"  {tag}" for tag in tags)


def robots_txt(urls: SiteUrls) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.root}sitemap.xml\n"
