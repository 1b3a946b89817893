"""The data as one Popolo JSON document (`data/sijill.json`), written by `popolo_json`.

Popolo-compatible:
- `persons`, `organizations`, `memberships`, `events` (the visits) with Popolo's keys; an
  event's `attendees` have the `role` `visitor` or `host`, and a `person_id`, or Popolo's `name`
  for someone the source names who has no file (their name in every language, the title held
  then and their country under `sijill:name`, `sijill:title`, `sijill:country`). Popolo
  has one string per text: it holds the English text (the default language), and every
  translated text also appears in all languages under the same key prefixed with `sijill:`
  (`"role": "Secretary"`, `"sijill:role": {"en": "Secretary", "ar": "أمين"}`). Names in other
  languages are also in `other_names` with `"note": "multilingual"`, as EveryPolitician did;
  they come first, before the other names of the data.
- Everything Popolo has no key for is under `sijill:` keys: the full source records
  (`sijill:sources`), the source a summary is quoted from word for word
  (`sijill:summary_quoted_from`, a person's `summary` or an event's `description`), and a
  visit's countries, places, topics, meetings, outcomes and quotes, its schema.org type
  (`sijill:schema_org_type`) and the CAMEO codes of its two sides (`sijill:cameo`: 042 'make
  a visit' for the visitors, 043 'host a visit' for the hosts).
- A Popolo `sources` entry is a link: the source's own URL (or its page on this site when it
  is not online), its English title as `note`, and its id as `sijill:source`.

Every value is kept as the data has it (the CSV tables are where cells are made inert).
`generator.downloads.popolo_read` reads the document back into the entities.
"""

from __future__ import annotations

import json
from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.data.dataset import Dataset
from generator.data.schema import (
    VISIT_SCHEMA_ORG_TYPES,
    Attendee,
    Membership,
    Organization,
    OtherName,
    PartialDate,
    PartialText,
    Person,
    Text,
    Visit,
)
from generator.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, i18n
from generator.model import titles

PREFIX = "sijill:"
# CAMEO event codes (Conflict and Mediation Event Observations, 04 'consult'): every kind of
# visit, a summit or a stopover too, is a visit made by one side and hosted by the other.
CAMEO_VISIT = "042"  # make a visit
CAMEO_HOST_VISIT = "043"  # host a visit
MULTILINGUAL = "multilingual"
DEFAULT = DEFAULT_LANGUAGE.code

# --- plain values ---------------------------------------------------------------------------


_REQUIRED = object()


@cache
def _fields(model: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """(name, default) of each field of a model; `_REQUIRED` when it has none."""
    return tuple(
        (name, _REQUIRED if info.is_required() else info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
    )


def plain(value: Any) -> Any:
    """A model as JSON values: dates as their text at their precision, fields left at their
    default omitted, an attendee who is only a catalogued person as their id (the short form the
    data allows), so that `Model.model_validate(plain(m)) == m`."""
    if isinstance(value, Attendee) and value.person is not None and value.role is None:
        return value.person
    if isinstance(value, BaseModel):
        result = {}
        for name, default in _fields(type(value)):
            item = getattr(value, name)
            if default is _REQUIRED or item != default:
                result[name] = plain(item)
        return result
    if isinstance(value, PartialDate):
        return str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def _texts(value: Text | PartialText | None) -> dict[str, str] | None:
    if value is None:
        return None
    texts = {code: value.get(code) for code in LANGUAGE_CODES}
    return {code: text for code, text in texts.items() if text is not None}


def _put_text(
    target: dict[str, Any], key: str, value: Text | PartialText | None, popolo: bool = True
) -> None:
    """`key`: the English text (when there is one) if Popolo has the key; `sijill:key`:
    every language."""
    texts = _texts(value)
    if texts is None:
        return
    if popolo and DEFAULT in texts:
        target[key] = texts[DEFAULT]
    target[PREFIX + key] = texts


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not None and value != []:
        target[key] = plain(value)


# --- Popolo ---------------------------------------------------------------------------------


class Context:
    """The dataset, and what is worked out from it more than once: the titles of visits (the
    JSON and the CSV tables of one build share one)."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._titles: dict[tuple[str, str], str] = {}

    def visit_title(self, visit: Visit, lang: str) -> str:
        key = (visit.id, lang)
        if key not in self._titles:
            self._titles[key] = titles.visit_title(self.dataset, visit, lang)
        return self._titles[key]


class _Writer:
    def __init__(self, context: Context, site_url: str) -> None:
        self.context = context
        self.dataset = context.dataset
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""

    def sources(self, source_ids: list[str]) -> list[dict[str, Any]]:
        links = []
        for source_id in source_ids:
            source = self.dataset.sources[source_id]
            link: dict[str, Any] = {}
            url = source.url or (
                f"{self.site_url}{DEFAULT}/sources/{source_id}/" if self.site_url else None
            )
            if url is not None:
                link["url"] = url
            title = source.title.get(DEFAULT) or _first(source.title)
            link["note"] = title
            link[PREFIX + "source"] = source_id
            links.append(link)
        return links

    def names(self, name: Text, other_names: list[OtherName]) -> list[dict[str, Any]]:
        translations = [
            {"name": name.get(lang.code), "lang": lang.code, "note": MULTILINGUAL}
            for lang in LANGUAGES
            if lang.code != DEFAULT
        ]
        return translations + [plain(other) for other in other_names]

    def links(self, entity: Person | Organization) -> list[dict[str, Any]]:
        result = []
        for link in entity.links:
            item: dict[str, Any] = {"url": link.url}
            _put_text(item, "note", link.note)
            result.append(item)
        return result

    def person(self, person: Person) -> dict[str, Any]:
        item: dict[str, Any] = {"id": person.id}
        _put_text(item, "name", person.name)
        item["other_names"] = self.names(person.name, person.other_names)
        item["national_identity"] = i18n.country_name(person.country, DEFAULT)
        item[PREFIX + "country"] = person.country
        _put_text(item, "summary", person.summary)
        _put(item, PREFIX + "summary_quoted_from", person.summary_quoted_from)
        _put(item, "identifiers", person.identifiers)
        _put(item, "links", self.links(person))
        item["sources"] = self.sources(person.sources)
        _put(item, PREFIX + "former_ids", person.former_ids)
        return item

    def membership(self, person: Person, index: int, membership: Membership) -> dict[str, Any]:
        item: dict[str, Any] = {"id": f"{person.id}-membership-{index + 1}", "person_id": person.id}
        _put(item, "organization_id", membership.organization)
        _put_text(item, "role", membership.role)
        _put(item, "start_date", membership.start_date)
        _put(item, "end_date", membership.end_date)
        _put(item, PREFIX + "current", membership.current or None)
        item["sources"] = self.sources(membership.sources)
        return item

    def organization(self, org: Organization) -> dict[str, Any]:
        item: dict[str, Any] = {"id": org.id}
        _put_text(item, "name", org.name)
        item["other_names"] = self.names(org.name, [])
        _put_text(item, "abbreviation", org.abbreviation, popolo=False)
        item["classification"] = org.classification
        _put(item, "parent_id", org.parent)
        _put(item, PREFIX + "country", org.country)
        _put(item, "links", self.links(org))
        _put(item, "sources", self.sources(org.sources))
        _put(item, PREFIX + "former_ids", org.former_ids)
        return item

    def event(self, visit: Visit) -> dict[str, Any]:
        titles = {lang.code: self.context.visit_title(visit, lang.code) for lang in LANGUAGES}
        item: dict[str, Any] = {"id": visit.id, "name": titles[DEFAULT], PREFIX + "name": titles}
        _put(item, PREFIX + "title", visit.title)
        item["classification"] = visit.classification
        item[PREFIX + "schema_org_type"] = VISIT_SCHEMA_ORG_TYPES[visit.classification]
        item[PREFIX + "cameo"] = {"visitors": CAMEO_VISIT, "hosts": CAMEO_HOST_VISIT}
        item["start_date"] = str(visit.start_date)
        _put(item, "end_date", visit.end_date)
        _put_text(item, "description", visit.summary)
        _put(item, PREFIX + "summary_quoted_from", visit.summary_quoted_from)
        places = [place.name.get(DEFAULT) or "" for place in visit.places]
        item["location"] = ", ".join(places) or i18n.country_name(visit.to_country, DEFAULT)
        item[PREFIX + "from_country"] = visit.from_country
        item[PREFIX + "to_country"] = visit.to_country
        item["attendees"] = [self.attendee(a, "visitor") for a in visit.visitors] + [
            self.attendee(a, "host") for a in visit.hosts
        ]
        _put(item, "parent_id", visit.parent)
        for key in ("places", "topics", "meetings", "outcomes", "quotes"):
            _put(item, PREFIX + key, getattr(visit, key))
        item["sources"] = self.sources(visit.sources)
        _put(item, PREFIX + "former_ids", visit.former_ids)
        return item

    def attendee(self, attendee: Attendee, side: str) -> dict[str, Any]:
        """A visitor or host: `person_id`, or Popolo's `name` for someone with no file; `role`
        the side (`visitor`, `host`); the title held then, the name in every language and a
        named person's country under `sijill:` keys."""
        item: dict[str, Any] = {}
        if attendee.person is not None:
            item["person_id"] = attendee.person
        elif attendee.name is not None:
            item["name"] = attendee.name.get(DEFAULT) or _first(attendee.name)
        item["role"] = side
        _put(item, PREFIX + "name", _texts(attendee.name))
        _put(item, PREFIX + "title", _texts(attendee.role))
        _put(item, PREFIX + "country", attendee.country)
        return item


def _first(value: Text | PartialText) -> str:
    return next(text for code in LANGUAGE_CODES if (text := value.get(code)) is not None)


def popolo(dataset: Dataset, site_url: str = "", context: Context | None = None) -> dict[str, Any]:
    """The whole dataset as one Popolo document; every list in order of id."""
    writer = _Writer(context or Context(dataset), site_url)
    return {
        "meta": {
            "format": "Popolo (https://www.popoloproject.com/), with sijill: extensions",
            "languages": list(LANGUAGE_CODES),
            "default_language": DEFAULT,
        },
        "persons": [writer.person(p) for p in dataset.people.values()],
        "organizations": [writer.organization(o) for o in dataset.organizations.values()],
        "memberships": [
            writer.membership(person, index, membership)
            for person in dataset.people.values()
            for index, membership in enumerate(person.memberships)
        ],
        "events": [writer.event(v) for v in dataset.visits.values()],
        PREFIX + "sources": [plain(s) for s in dataset.sources.values()],
    }


def popolo_json(dataset: Dataset, site_url: str = "", context: Context | None = None) -> str:
    """The document as JSON text, one entity per line: readable with grep and diff, and fast
    (json's C encoder only runs without indentation)."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    parts = []
    for key, value in popolo(dataset, site_url, context).items():
        if isinstance(value, list):
            items = ",\n".join(dump(item) for item in value)
            parts.append(f"{dump(key)}:[\n{items}\n]" if value else f"{dump(key)}:[]")
        else:
            parts.append(f"{dump(key)}:{dump(value)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"
