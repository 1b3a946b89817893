"""Reading the Popolo document of `generator.downloads.popolo` back into the entities of
`generator.data.schema`: a test checks that this gives the data it was made from, so the JSON
loses nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.data.dataset import Dataset
from generator.data.schema import Organization, Person, Source, Visit
from generator.downloads.popolo import DEFAULT, MULTILINGUAL, PREFIX
from generator.languages import LANGUAGE_CODES


def _source_ids(links: list[dict[str, Any]]) -> list[str]:
    return [link[PREFIX + "source"] for link in links]


def _other_names(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The data's other names: `other_names` less the first multilingual entry per language,
    which the writer put first for the translations of `name`."""
    names = list(item.get("other_names", []))
    for code in LANGUAGE_CODES:
        if code == DEFAULT:
            continue
        for index, entry in enumerate(names):
            if entry.get("note") == MULTILINGUAL and entry.get("lang") == code:
                del names[index]
                break
    return names


def _links(item: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"url": link["url"], **({"note": link[PREFIX + "note"]} if PREFIX + "note" in link else {})}
        for link in item.get("links", [])
    ]


def _optional(item: dict[str, Any], **keys: str) -> dict[str, Any]:
    """Model field -> JSON key, for the keys present."""
    return {field: item[key] for field, key in keys.items() if key in item}


def _attendees(item: dict[str, Any], side: str) -> list[str | dict[str, Any]]:
    """The visitors or hosts among an event's `attendees`: an id, or an Attendee map when the
    title held then is recorded or the person has no file (named only by Popolo's `name` in a
    document that is not ours: the English name)."""
    result: list[str | dict[str, Any]] = []
    for entry in item["attendees"]:
        if entry["role"] != side:
            continue
        attendee = _optional(
            entry,
            person="person_id",
            name=PREFIX + "name",
            role=PREFIX + "title",
            country=PREFIX + "country",
        )
        if "person" not in attendee and "name" not in attendee and "name" in entry:
            attendee["name"] = {DEFAULT: entry["name"]}
        result.append(attendee["person"] if list(attendee) == ["person"] else attendee)
    return result


def read_popolo(document: dict[str, Any], root: Path) -> Dataset:
    """The entities a Popolo document of `popolo()` describes (validated by the schema)."""
    dataset = Dataset(root=root)
    memberships: dict[str, list[dict[str, Any]]] = {}
    for item in document["memberships"]:
        membership = {
            "role": item[PREFIX + "role"],
            "sources": _source_ids(item["sources"]),
            **_optional(
                item,
                organization="organization_id",
                start_date="start_date",
                end_date="end_date",
                current=PREFIX + "current",
            ),
        }
        memberships.setdefault(item["person_id"], []).append(membership)
    for item in document["persons"]:
        person = {
            "id": item["id"],
            "name": item[PREFIX + "name"],
            "other_names": _other_names(item),
            "country": item[PREFIX + "country"],
            "memberships": memberships.get(item["id"], []),
            "links": _links(item),
            "sources": _source_ids(item["sources"]),
            **_optional(
                item,
                summary=PREFIX + "summary",
                summary_quoted_from=PREFIX + "summary_quoted_from",
                identifiers="identifiers",
                former_ids=PREFIX + "former_ids",
            ),
        }
        dataset.people[item["id"]] = Person.model_validate(person)
    for item in document["organizations"]:
        org = {
            "id": item["id"],
            "name": item[PREFIX + "name"],
            "classification": item["classification"],
            "links": _links(item),
            "sources": _source_ids(item.get("sources", [])),
            **_optional(
                item,
                abbreviation=PREFIX + "abbreviation",
                parent="parent_id",
                country=PREFIX + "country",
                former_ids=PREFIX + "former_ids",
            ),
        }
        dataset.organizations[item["id"]] = Organization.model_validate(org)
    for item in document[PREFIX + "sources"]:
        dataset.sources[item["id"]] = Source.model_validate(item)
    for item in document["events"]:
        visit = {
            "id": item["id"],
            "classification": item["classification"],
            "visitors": _attendees(item, "visitor"),
            "hosts": _attendees(item, "host"),
            "from_country": item[PREFIX + "from_country"],
            "to_country": item[PREFIX + "to_country"],
            "start_date": item["start_date"],
            "summary": item[PREFIX + "description"],
            "sources": _source_ids(item["sources"]),
            **_optional(
                item,
                title=PREFIX + "title",
                end_date="end_date",
                summary_quoted_from=PREFIX + "summary_quoted_from",
                parent="parent_id",
                places=PREFIX + "places",
                topics=PREFIX + "topics",
                meetings=PREFIX + "meetings",
                outcomes=PREFIX + "outcomes",
                quotes=PREFIX + "quotes",
                former_ids=PREFIX + "former_ids",
            ),
        }
        dataset.visits[item["id"]] = Visit.model_validate(visit)
    return dataset
