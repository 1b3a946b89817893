"""What the published site's search (Pagefind) is told about a page beyond its text: the kind of
page, the entity's other names, its years and countries. Written into the page's front matter
as `sijill_search` (one JSON string, like `sijill_head`); the MkDocs hook turns it into
Pagefind's markup (`generator/mkdocs/pagefind.py`), so the MkDocs layer needs no data.

Names are the ones the page is found by: the entity's name in the other languages, a person's
other names in every script, an organization's abbreviation. An Arabic name whose matching
form (`languages.arabic.normalise` with `letters`: ة as ه, ى as ي, ٱ and hamza and madda on
alef as ا) differs from the name as written has that form in `folded`: the hook puts it in a
metadata field only (searched, never shown), not in the page's text, where an excerpt could
show it.
"""

from __future__ import annotations

import re
from typing import Any

from generator.data.dataset import Dataset
from generator.languages import LANGUAGES, arabic, i18n
from generator.model import titles

# The page's folder -> its kind's filter value (`search_kind_<kind>` in the catalogs).
KIND_OF_FOLDER = {
    "people": "person",
    "visits": "visit",
    "countries": "country",
    "relations": "relation",
    "organizations": "organization",
    "sources": "source",
}
_ENTITY_PAGE = re.compile(
    r"(people|visits|countries|relations|organizations|sources)/([a-z0-9-]+)\.md"
)


def _names(found: list[str | None]) -> tuple[list[str], list[str]]:
    """The names as written, once each, and their folded forms that differ from them."""
    names = list(dict.fromkeys(name for name in found if name))
    folded = [arabic.normalise(name, letters=True) for name in names]
    return names, [form for form in dict.fromkeys(folded) if form not in names]


def search_facts(dataset: Dataset, lang: str, path: str) -> dict[str, Any] | None:
    """The kind, names, years and countries of an entity's page; None for other pages."""
    match = _ENTITY_PAGE.fullmatch(path)
    if match is None or match.group(2) == "index":
        return None
    folder, ident = match.groups()
    others = [other.code for other in LANGUAGES if other.code != lang]
    names: list[str | None] = []
    years: list[int] = []
    countries: list[str] = []
    if folder == "people" and ident in dataset.people:
        person = dataset.people[ident]
        names = [person.name.get(lang)]
        names += [person.name.get(code) for code in others]
        names += [other.name for other in person.other_names]
        countries = [person.country]
    elif folder == "visits" and ident in dataset.visits:
        visit = dataset.visits[ident]
        names = [titles.visit_title(dataset, visit, lang)]
        end = visit.end_date or visit.start_date
        years = list(range(visit.start_date.year, end.year + 1))
        countries = [visit.from_country, visit.to_country]
    elif folder == "organizations" and ident in dataset.organizations:
        organization = dataset.organizations[ident]
        names = [organization.name.get(code) for code in (lang, *others)]
        if organization.abbreviation is not None:
            names += [organization.abbreviation.get(code) for code in (lang, *others)]
        countries = [organization.country] if organization.country else []
    elif folder == "countries":
        code = ident.upper()
        names = [i18n.country_name(code, other) for other in (lang, *others)]
        countries = [code]
    elif folder == "relations":
        countries = [code.upper() for code in ident.split("-")]
    country_names = sorted({i18n.country_name(code, lang) for code in countries})
    written, folded = _names(names)
    return {
        "kind": KIND_OF_FOLDER[folder],
        "names": written,
        "folded": folded,
        "years": sorted(set(years)),
        "countries": country_names,
    }
