"""What the published site tells search engines and link previews, from the data.

Pure: the generator puts each person's and visit's `entity_head` into the page's front matter;
the MkDocs hook (`mkdocs_hooks.on_post_page`) passes it in with the page's path and language and
puts the returned tags into `<head>`; the build writes the root files (`sitemap.xml`,
`robots.txt`, `404.html`) from the same functions. Every value that comes from `site_data/` is
escaped here: attributes with `html.escape`, JSON-LD with `json_ld_script`.

URLs are always the published form (`people/ali-larijani/`), also in the offline bundle whose
own files end in `.html`: a canonical URL names the page on the web, not a copy of it.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from generator.data.dataset import Dataset
from generator.data.schema import Person, Place, Visit
from generator.languages import DEFAULT_LANGUAGE, LANGUAGES, i18n, language
from generator.model.resolve import Relations
from generator.render.helpers import PageHelpers

# Longer descriptions are cut at a word: previews show about this much.
DESCRIPTION_LENGTH = 300


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


def entity_of(src_uri: str) -> tuple[str, str] | None:
    """(kind, id) when the page shows one person or visit, else None."""
    match = re.fullmatch(r"(people|visits)/([a-z0-9-]+)\.md", src_uri)
    if match is None or match.group(2) == "index":
        return None
    return match.group(1), match.group(2)


# --- descriptions ---------------------------------------------------------------------------


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def _helpers(dataset: Dataset, lang: str) -> PageHelpers:
    # Titles and names need only the dataset; no page, no relations.
    return PageHelpers("index.md", lang, dataset, Relations())


def person_description(person: Person, lang: str) -> str:
    """The summary in the page's language; without one, a sentence made of labels."""
    summary = person.summary.get(lang) if person.summary else None
    if summary:
        return _shorten(summary)
    name = person.name.get(lang) or ""
    return f"{name} — {i18n.country_name(person.country, lang)}"


def visit_description(dataset: Dataset, visit: Visit, lang: str) -> str:
    summary = visit.summary.get(lang)
    if summary:
        return _shorten(summary)
    dates = i18n.format_date_range(visit.start_date, visit.end_date, lang)
    return f"{_helpers(dataset, lang).visit_title(visit)} — {dates}"


# --- JSON-LD --------------------------------------------------------------------------------


def json_ld_script(data: Mapping[str, Any]) -> str:
    """A `<script type="application/ld+json">` that no value can close or break out of:
    `<`, `>` and `&` are written as JSON escapes, which `json.loads` reads back as themselves."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return f'<script type="application/ld+json">{text}</script>'


def _country(code: str, lang: str) -> dict[str, Any]:
    return {"@type": "Country", "name": i18n.country_name(code, lang), "identifier": code}


def person_json_ld(dataset: Dataset, person: Person, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """schema.org `Person`: names, the country served, positions held, other accounts."""
    url = urls.page(lang, f"people/{person.id}.md")
    alternate = [
        name
        for name in [person.name.get(other.code) for other in LANGUAGES if other.code != lang]
        + [other.name for other in person.other_names]
        if name
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Person",
        "@id": f"{url}#person",
        "url": url,
        "mainEntityOfPage": url,
        "name": person.name.get(lang),
        "description": person_description(person, lang),
        # The country the person serves (Popolo's national_identity).
        "nationality": _country(person.country, lang),
    }
    if alternate:
        data["alternateName"] = list(dict.fromkeys(alternate))
    roles = []
    for membership in person.memberships:
        role: dict[str, Any] = {"@type": "OrganizationRole", "roleName": membership.role.get(lang)}
        if membership.organization is not None:
            org = dataset.organizations[membership.organization]
            role["memberOf"] = {"@type": "Organization", "name": org.name.get(lang)}
        if membership.start_date is not None:
            role["startDate"] = str(membership.start_date)
        if membership.end_date is not None:
            role["endDate"] = str(membership.end_date)
        roles.append(role)
    if roles:
        data["memberOf"] = roles
    same_as = [
        f"https://www.wikidata.org/wiki/{identifier.identifier}"
        for identifier in person.identifiers
        if identifier.scheme == "wikidata"
    ] + [link.url for link in person.links]
    if same_as:
        data["sameAs"] = same_as
    return data


def _place(place: Place, country: str, lang: str) -> dict[str, Any]:
    address: dict[str, Any] = {"@type": "PostalAddress", "addressCountry": country}
    city = place.city if place.city is not None else (place.name if place.kind == "city" else None)
    if city is not None:
        address["addressLocality"] = city.get(lang)
    return {"@type": "Place", "name": place.name.get(lang), "address": address}


def visit_json_ld(dataset: Dataset, visit: Visit, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """schema.org `Event`: dates at the source's precision ("2025-10" stays a month), where,
    and who attended (visitors and hosts, linked to their pages)."""
    url = urls.page(lang, f"visits/{visit.id}.md")
    helpers = _helpers(dataset, lang)
    locations = [_place(place, visit.to_country, lang) for place in visit.places] or [
        _country(visit.to_country, lang)
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": f"{url}#event",
        "url": url,
        "mainEntityOfPage": url,
        "name": helpers.visit_title(visit),
        "description": visit_description(dataset, visit, lang),
        "startDate": str(visit.start_date),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": locations[0] if len(locations) == 1 else locations,
        "attendee": [
            {
                "@type": "Person",
                "@id": f"{urls.page(lang, f'people/{person_id}.md')}#person",
                "name": helpers.person_name(person_id),
                "url": urls.page(lang, f"people/{person_id}.md"),
            }
            for person_id in dict.fromkeys([*visit.visitors, *visit.hosts])
        ],
    }
    if visit.end_date is not None:
        data["endDate"] = str(visit.end_date)
    if visit.parent is not None:
        data["superEvent"] = {"@id": f"{urls.page(lang, f'visits/{visit.parent}.md')}#event"}
    return data


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


def entity_head(dataset: Dataset, lang: str, path: str) -> dict[str, Any] | None:
    """What the head of a person's or a visit's page says about its entity: OpenGraph type
    and JSON-LD (whose description is the page's), with portable URLs (see `with_urls`).
    None for other pages."""
    entity = entity_of(path)
    if entity is not None and entity[0] == "people" and entity[1] in dataset.people:
        person = dataset.people[entity[1]]
        return {
            "type": "profile",
            "json_ld": person_json_ld(dataset, person, lang, PORTABLE_URLS),
        }
    if entity is not None and entity[0] == "visits" and entity[1] in dataset.visits:
        visit = dataset.visits[entity[1]]
        return {
            "type": "article",
            "json_ld": visit_json_ld(dataset, visit, lang, PORTABLE_URLS),
        }
    return None


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


def root_not_found(urls: SiteUrls | None) -> str:
    """The root `404.html`, in both languages: hosts serve it for any missing address, at any
    depth, so its links are absolute (or root-relative without a site URL)."""
    items = []
    for lang in LANGUAGES:
        href = urls.languages[lang.code] if urls else f"/{lang.code}/"
        items.append(
            f'  <section lang="{lang.code}" dir="{lang.direction}">\n'
            f"    <h1>{html.escape(i18n.label(lang.code, 'not_found_title'))}</h1>\n"
            f"    <p>{html.escape(i18n.label(lang.code, 'not_found_text'))}</p>\n"
            f'    <p><a href="{_attr(href)}" hreflang="{lang.code}">'
            f"{html.escape(i18n.label(lang.code, 'not_found_home'))}</a></p>\n"
            "  </section>"
        )
    titles = " · ".join(i18n.label(lang.code, "not_found_title") for lang in LANGUAGES)
    return (
        '<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '  <meta name="robots" content="noindex">\n'
        f"  <title>{html.escape(titles)}</title>\n"
        "  <style>body{font-family:system-ui,'Noto Sans','Noto Sans Arabic',sans-serif;"
        "max-width:36rem;margin:4rem auto;text-align:center}section{margin:2rem}</style>\n"
        f"</head>\n<body>\n{chr(10).join(items)}\n</body>\n</html>\n"
    )
