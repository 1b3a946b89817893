"""What the pages of people and visits tell search engines and link previews, from the data:
descriptions and schema.org JSON-LD (`Person`, `Event`), made by the generator and put into each
page's front matter (`entity_head`), with URLs on placeholder roots (`render.urls.with_urls`)
that the MkDocs hook replaces with the build's own. The tags themselves are made in the MkDocs
layer (`mkdocs.heads`), which needs no data.
"""

from __future__ import annotations

import json
from typing import Any

from generator.data.dataset import Dataset
from generator.data.schema import VISIT_SCHEMA_ORG_TYPES, Person, Place, Visit
from generator.languages import LANGUAGES, i18n
from generator.model import titles
from generator.render.search import search_facts
from generator.render.urls import PORTABLE_URLS, SiteUrls, entity_of

# Longer descriptions are cut at a word: previews show about this much.
DESCRIPTION_LENGTH = 300


# --- descriptions ---------------------------------------------------------------------------


def _shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def person_description(person: Person, lang: str) -> str:
    """The summary in the page's language; without one, a sentence made of labels."""
    summary = person.summary.get(lang) if person.summary else None
    if summary:
        return _shorten(summary)
    name = titles.plain(person.name, lang)
    return f"{name} — {i18n.country_name(person.country, lang)}"


def visit_description(dataset: Dataset, visit: Visit, lang: str) -> str:
    summary = visit.summary.get(lang)
    if summary:
        return _shorten(summary)
    dates = i18n.format_date_range(visit.start_date, visit.end_date, lang)
    return f"{titles.visit_title(dataset, visit, lang)} — {dates}"


# --- JSON-LD --------------------------------------------------------------------------------


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
        "name": titles.plain(person.name, lang),
        "description": person_description(person, lang),
        # The country the person serves (Popolo's national_identity).
        "nationality": _country(person.country, lang),
    }
    if alternate:
        data["alternateName"] = list(dict.fromkeys(alternate))
    roles = []
    for membership in person.memberships:
        role: dict[str, Any] = {
            "@type": "OrganizationRole",
            "roleName": titles.plain(membership.role, lang),
        }
        if membership.organization is not None:
            org = dataset.organizations[membership.organization]
            role["memberOf"] = {"@type": "Organization", "name": titles.plain(org.name, lang)}
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
        address["addressLocality"] = titles.plain(city, lang)
    return {"@type": "Place", "name": titles.plain(place.name, lang), "address": address}


def visit_json_ld(dataset: Dataset, visit: Visit, lang: str, urls: SiteUrls) -> dict[str, Any]:
    """schema.org `Event`: dates at the source's precision ("2025-10" stays a month), where,
    and who attended (visitors and hosts, linked to their pages)."""
    url = urls.page(lang, f"visits/{visit.id}.md")
    locations = [_place(place, visit.to_country, lang) for place in visit.places] or [
        _country(visit.to_country, lang)
    ]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": VISIT_SCHEMA_ORG_TYPES[visit.classification],
        "@id": f"{url}#event",
        "url": url,
        "mainEntityOfPage": url,
        "name": titles.visit_title(dataset, visit, lang),
        "description": visit_description(dataset, visit, lang),
        "startDate": str(visit.start_date),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": locations[0] if len(locations) == 1 else locations,
        "attendee": [
            {
                "@type": "Person",
                "@id": f"{urls.page(lang, f'people/{person_id}.md')}#person",
                "name": titles.person_name(dataset, person_id, lang),
                "url": urls.page(lang, f"people/{person_id}.md"),
            }
            for person_id in dict.fromkeys([*visit.visitor_ids, *visit.host_ids])
        ]
        + [
            # Someone the source names who has no page: a name, and no address.
            {"@type": "Person", "name": titles.plain(attendee.name, lang)}
            for attendee in [*visit.visitors, *visit.hosts]
            if attendee.name is not None
        ],
    }
    if visit.end_date is not None:
        data["endDate"] = str(visit.end_date)
    if visit.parent is not None:
        data["superEvent"] = {"@id": f"{urls.page(lang, f'visits/{visit.parent}.md')}#event"}
    return data


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


def page_meta(dataset: Dataset, lang: str, path: str) -> dict[str, str]:
    """The front matter the MkDocs hook reads: the head's tags (`sijill_head`) and what search
    is told (`sijill_search`, generator/render/search.py), as one JSON string each, not a YAML
    mapping: MkDocs keeps each page's meta until the build ends, and a string is far smaller
    than the objects it would parse into."""
    found = {
        "sijill_head": entity_head(dataset, lang, path),
        "sijill_search": search_facts(dataset, lang, path),
    }
    return {
        key: json.dumps(value, ensure_ascii=False, sort_keys=True)
        for key, value in found.items()
        if value is not None
    }
