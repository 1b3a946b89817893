"""The data behind the site as downloads: Popolo JSON and one CSV per kind, and back again.

Pure: `data_files(dataset, site_url)` returns the files (path -> text) that the build puts into
each language's docs tree under `data/`, so MkDocs publishes them beside the pages and the
strict build checks the Data page's links to them. `read_popolo` reads the JSON back into the
entities of `generator.data.schema`; a test checks that this gives the data it was made from.

JSON (`data/sijill.json`), Popolo-compatible:
- `persons`, `organizations`, `memberships`, `events` (the visits) with Popolo's keys. Popolo
  has one string per text: it holds the English text (the default language), and every
  translated text also appears in all languages under the same key prefixed with `sijill:`
  (`"role": "Secretary"`, `"sijill:role": {"en": "Secretary", "ar": "أمين"}`). Names in other
  languages are also in `other_names` with `"note": "multilingual"`, as EveryPolitician did;
  they come first, before the other names of the data.
- Everything Popolo has no key for is under `sijill:` keys: the full source records
  (`sijill:sources`), and a visit's countries, places, topics, meetings, outcomes and quotes.
- A Popolo `sources` entry is a link: the source's own URL (or its page on this site when it
  is not online), its English title as `note`, and its id as `sijill:source`.

CSV (`data/<kind>.csv`): UTF-8 with a byte-order mark (without it Excel shows Arabic as
mojibake; Python reads it with `encoding="utf-8-sig"`), CRLF line ends and minimal quoting as
RFC 4180 says, one row per entity in order of id, a column per language for every text
(`name__en`, `name__ar`, as EveryPolitician did), several ids in one cell separated by `;`.

Every cell goes through `inert_cell` on its way into a CSV file (the header too), so a new
column is covered without anyone remembering: a cell a spreadsheet could run as a formula (a
contributor's name `=HYPERLINK(...)`, `+cmd|' /C calc'!A0`, `@SUM(1)`) gets an apostrophe in
front, as OWASP advises, and shows as text. See `runs_as_formula` for which cells and why.
The JSON keeps every value as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.data.dataset import Dataset
from generator.data.schema import (
    Membership,
    Organization,
    OtherName,
    PartialDate,
    PartialText,
    Person,
    Quote,
    Source,
    Text,
    Visit,
)
from generator.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, LANGUAGES, i18n
from generator.model import titles

DATA_DIR = "data"
JSON_FILE = "sijill.json"
PREFIX = "sijill:"
MULTILINGUAL = "multilingual"
LIST_SEPARATOR = ";"
NAMES_SEPARATOR = "; "
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
    default omitted, so that `Model.model_validate(plain(m)) == m`."""
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


class _Context:
    """The dataset, and what is worked out from it more than once: the titles of visits."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self._titles: dict[tuple[str, str], str] = {}

    def visit_title(self, visit: Visit, lang: str) -> str:
        key = (visit.id, lang)
        if key not in self._titles:
            self._titles[key] = titles.visit_title(self.dataset, visit, lang)
        return self._titles[key]


class _Writer:
    def __init__(self, context: _Context, site_url: str) -> None:
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
        item["start_date"] = str(visit.start_date)
        _put(item, "end_date", visit.end_date)
        _put_text(item, "description", visit.summary)
        places = [place.name.get(DEFAULT) or "" for place in visit.places]
        item["location"] = ", ".join(places) or i18n.country_name(visit.to_country, DEFAULT)
        item[PREFIX + "from_country"] = visit.from_country
        item[PREFIX + "to_country"] = visit.to_country
        item["attendees"] = [{"person_id": pid, "role": "visitor"} for pid in visit.visitors] + [
            {"person_id": pid, "role": "host"} for pid in visit.hosts
        ]
        _put(item, "parent_id", visit.parent)
        for key in ("places", "topics", "meetings", "outcomes", "quotes"):
            _put(item, PREFIX + key, getattr(visit, key))
        item["sources"] = self.sources(visit.sources)
        _put(item, PREFIX + "former_ids", visit.former_ids)
        return item


def _first(value: Text | PartialText) -> str:
    return next(text for code in LANGUAGE_CODES if (text := value.get(code)) is not None)


def popolo(dataset: Dataset, site_url: str = "", context: _Context | None = None) -> dict[str, Any]:
    """The whole dataset as one Popolo document; every list in order of id."""
    writer = _Writer(context or _Context(dataset), site_url)
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


def popolo_json(dataset: Dataset, site_url: str = "", context: _Context | None = None) -> str:
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


# --- reading the JSON back ----------------------------------------------------------------------


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


def read_popolo(document: dict[str, Any], root: Path) -> Dataset:
    """The entities a Popolo document of `popolo()` describes (validated by the schema)."""
    dataset = Dataset(root=root)
    memberships: dict[str, list[dict[str, Any]]] = {}
    for item in document["memberships"]:
        membership = {
            "role": item[PREFIX + "role"],
            "sources": _source_ids(item["sources"]),
            **_optional(
                item, organization="organization_id", start_date="start_date", end_date="end_date"
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
            "visitors": [a["person_id"] for a in item["attendees"] if a["role"] == "visitor"],
            "hosts": [a["person_id"] for a in item["attendees"] if a["role"] == "host"],
            "from_country": item[PREFIX + "from_country"],
            "to_country": item[PREFIX + "to_country"],
            "start_date": item["start_date"],
            "summary": item[PREFIX + "description"],
            "sources": _source_ids(item["sources"]),
            **_optional(
                item,
                title=PREFIX + "title",
                end_date="end_date",
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


# --- CSV ------------------------------------------------------------------------------------

# Written for `lang`, or once when the column has no language.
Value = Callable[[Any, str], str]


@dataclass(frozen=True)
class Column:
    """One CSV column, or one per language (`name__en`, `name__ar`) when `per_language`."""

    name: str
    value: Value
    description: dict[str, str]  # language -> what the column holds
    per_language: bool = False

    def headers(self) -> list[str]:
        if not self.per_language:
            return [self.name]
        return [f"{self.name}__{code}" for code in LANGUAGE_CODES]


@dataclass(frozen=True)
class Table:
    """One CSV file: its rows (one per item) and columns."""

    name: str  # "people" -> data/people.csv
    rows: Callable[[_Context], list[Any]]
    columns: tuple[Column, ...]
    description: dict[str, str]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"


def _text(value: Text | PartialText | None, lang: str) -> str:
    if value is None:
        return ""
    return value.get(lang) or ""


def _date(value: PartialDate | None) -> str:
    return "" if value is None else str(value)


def _ids(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


@dataclass(frozen=True)
class _Row:
    """What a column's value function gets: the item and the dataset around it."""

    context: _Context
    item: Any
    owner: Any = None  # the person of a membership, the visit of a quote
    index: int = 0

    @property
    def dataset(self) -> Dataset:
        return self.context.dataset


def _person_name(row: _Row, person_id: str, lang: str) -> str:
    return _text(row.dataset.people[person_id].name, lang)


def _names(row: _Row, ids: list[str], lang: str) -> str:
    return NAMES_SEPARATOR.join(_person_name(row, pid, lang) for pid in ids)


def _other_names_in(person: Person, lang: str) -> str:
    return NAMES_SEPARATOR.join(o.name for o in person.other_names if o.lang == lang)


def _visit_title(row: _Row, visit: Visit, lang: str) -> str:
    return row.context.visit_title(visit, lang)


def _places(visit: Visit, lang: str) -> str:
    return NAMES_SEPARATOR.join(_text(place.name, lang) for place in visit.places)


def _wikidata(person: Person) -> str:
    return _ids([i.identifier for i in person.identifiers if i.scheme == "wikidata"])


def _org_name(row: _Row, org_id: str | None, lang: str) -> str:
    return "" if org_id is None else _text(row.dataset.organizations[org_id].name, lang)


def _c(
    name: str, en: str, ar: str, value: Callable[[_Row, str], str], per_language: bool = False
) -> Column:
    return Column(name, value, {"en": en, "ar": ar}, per_language)


SOURCES_COLUMN = _c(
    "sources",
    "Ids of the sources that support the row, separated by `;`.",
    "معرّفات المصادر التي تدعم الصف، تفصل بينها `;`.",
    lambda r, lang: _ids(r.item.sources),
)

TABLES: tuple[Table, ...] = (
    Table(
        "people",
        lambda c: [_Row(c, p) for p in c.dataset.people.values()],
        (
            _c("id", "The person's id.", "معرّف الشخص.", lambda r, lang: r.item.id),
            _c(
                "name",
                "The name in each language.",
                "الاسم بكل لغة.",
                lambda r, lang: _text(r.item.name, lang),
                per_language=True,
            ),
            _c(
                "other_names",
                "Other spellings in that language, separated by `; `.",
                "صيغ أخرى للاسم بتلك اللغة، تفصل بينها `; `.",
                lambda r, lang: _other_names_in(r.item, lang),
                per_language=True,
            ),
            _c(
                "country",
                "The country the person serves (ISO 3166-1 alpha-2).",
                "البلد الذي يخدمه الشخص (رمز ISO 3166-1 من حرفين).",
                lambda r, lang: r.item.country,
            ),
            _c(
                "country_name",
                "The country's name in each language.",
                "اسم البلد بكل لغة.",
                lambda r, lang: i18n.country_name(r.item.country, lang),
                per_language=True,
            ),
            _c(
                "summary",
                "A short summary; empty where not yet written or translated.",
                "نبذة قصيرة؛ فارغة حيث لم تُكتب أو تُترجم بعد.",
                lambda r, lang: _text(r.item.summary, lang),
                per_language=True,
            ),
            _c(
                "wikidata",
                "The Wikidata item, e.g. `Q355915`.",
                "عنصر ويكي بيانات، مثل `Q355915`.",
                lambda r, lang: _wikidata(r.item),
            ),
            SOURCES_COLUMN,
        ),
        {
            "en": "One row per person.",
            "ar": "صف لكل شخص.",
        },
    ),
    Table(
        "visits",
        lambda c: [_Row(c, v) for v in c.dataset.visits.values()],
        (
            _c("id", "The visit's id.", "معرّف الزيارة.", lambda r, lang: r.item.id),
            _c(
                "title",
                "The title as the site shows it.",
                "العنوان كما يعرضه الموقع.",
                lambda r, lang: _visit_title(r, r.item, lang),
                per_language=True,
            ),
            _c(
                "classification",
                "`state`, `official`, `working`, `private` or `unspecified`.",
                "`state` (دولة) أو `official` (رسمية) أو `working` (عمل) أو `private` (خاصة) "
                "أو `unspecified` (غير محدد).",
                lambda r, lang: r.item.classification,
            ),
            _c(
                "start_date",
                "When it began: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as precise as the source.",
                "تاريخ البدء: `YYYY` أو `YYYY-MM` أو `YYYY-MM-DD`، بدقة المصدر.",
                lambda r, lang: _date(r.item.start_date),
            ),
            _c(
                "end_date",
                "When it ended, in the same form; empty when the source does not say.",
                "تاريخ الانتهاء بالصيغة نفسها؛ فارغ إن لم يذكره المصدر.",
                lambda r, lang: _date(r.item.end_date),
            ),
            _c(
                "from_country",
                "The visitors' country (ISO 3166-1 alpha-2).",
                "بلد الزائرين (رمز ISO 3166-1 من حرفين).",
                lambda r, lang: r.item.from_country,
            ),
            _c(
                "to_country",
                "The country visited (ISO 3166-1 alpha-2).",
                "البلد المُزار (رمز ISO 3166-1 من حرفين).",
                lambda r, lang: r.item.to_country,
            ),
            _c(
                "visitors",
                "Ids of the visitors, separated by `;`.",
                "معرّفات الزائرين، تفصل بينها `;`.",
                lambda r, lang: _ids(r.item.visitors),
            ),
            _c(
                "visitor_names",
                "Their names, in the same order, separated by `; `.",
                "أسماؤهم بالترتيب نفسه، تفصل بينها `; `.",
                lambda r, lang: _names(r, r.item.visitors, lang),
                per_language=True,
            ),
            _c(
                "hosts",
                "Ids of the hosts, separated by `;`.",
                "معرّفات المضيفين، تفصل بينها `;`.",
                lambda r, lang: _ids(r.item.hosts),
            ),
            _c(
                "host_names",
                "Their names, in the same order, separated by `; `.",
                "أسماؤهم بالترتيب نفسه، تفصل بينها `; `.",
                lambda r, lang: _names(r, r.item.hosts, lang),
                per_language=True,
            ),
            _c(
                "places",
                "Cities and venues, separated by `; `.",
                "المدن والأماكن، تفصل بينها `; `.",
                lambda r, lang: _places(r.item, lang),
                per_language=True,
            ),
            _c(
                "summary",
                "What the visit was about; empty where not yet translated.",
                "موضوع الزيارة؛ فارغ حيث لم يُترجم بعد.",
                lambda r, lang: _text(r.item.summary, lang),
                per_language=True,
            ),
            _c(
                "parent",
                "The id of the trip this visit is one leg of, if any.",
                "معرّف الرحلة التي تكون هذه الزيارة إحدى محطاتها، إن وُجدت.",
                lambda r, lang: r.item.parent or "",
            ),
            SOURCES_COLUMN,
        ),
        {"en": "One row per visit.", "ar": "صف لكل زيارة."},
    ),
    Table(
        "memberships",
        lambda c: [
            _Row(c, m, p, i) for p in c.dataset.people.values() for i, m in enumerate(p.memberships)
        ],
        (
            _c("person_id", "The person's id.", "معرّف الشخص.", lambda r, lang: r.owner.id),
            _c(
                "person_name",
                "The person's name.",
                "اسم الشخص.",
                lambda r, lang: _text(r.owner.name, lang),
                per_language=True,
            ),
            _c(
                "role",
                "The position held.",
                "المنصب.",
                lambda r, lang: _text(r.item.role, lang),
                per_language=True,
            ),
            _c(
                "organization_id",
                "The organization's id; empty when none is named.",
                "معرّف الجهة؛ فارغ إن لم تُذكر.",
                lambda r, lang: r.item.organization or "",
            ),
            _c(
                "organization_name",
                "The organization's name.",
                "اسم الجهة.",
                lambda r, lang: _org_name(r, r.item.organization, lang),
                per_language=True,
            ),
            _c(
                "start_date",
                "When the position was taken up, as precise as known; may be empty.",
                "تاريخ تولّي المنصب بالدقة المعروفة؛ قد يكون فارغًا.",
                lambda r, lang: _date(r.item.start_date),
            ),
            _c(
                "end_date",
                "When it ended; empty while it is held.",
                "تاريخ انتهائه؛ فارغ ما دام قائمًا.",
                lambda r, lang: _date(r.item.end_date),
            ),
            SOURCES_COLUMN,
        ),
        {
            "en": "One row per position held, by person, in the order of the data.",
            "ar": "صف لكل منصب، مرتّبة حسب الشخص وبترتيب البيانات.",
        },
    ),
    Table(
        "quotes",
        lambda c: [
            _Row(c, q, v, i) for v in c.dataset.visits.values() for i, q in enumerate(v.quotes)
        ],
        (
            _c("visit_id", "The visit's id.", "معرّف الزيارة.", lambda r, lang: r.owner.id),
            _c(
                "number",
                "The quote's number within the visit, from 1.",
                "رقم التصريح ضمن الزيارة، بدءًا من 1.",
                lambda r, lang: str(r.index + 1),
            ),
            _c(
                "speaker_id",
                "The id of the person quoted.",
                "معرّف صاحب التصريح.",
                lambda r, lang: r.item.speaker,
            ),
            _c(
                "speaker_name",
                "Their name.",
                "اسمه.",
                lambda r, lang: _person_name(r, r.item.speaker, lang),
                per_language=True,
            ),
            _c(
                "lang",
                "The language of `text` (`en` or `ar`).",
                "لغة `text` (`en` أو `ar`).",
                lambda r, lang: r.item.lang,
            ),
            _c(
                "text",
                "The quote as the source gives it.",
                "التصريح كما ورد في المصدر.",
                lambda r, lang: r.item.text,
            ),
            _c(
                "translation",
                "Its translation; the quote itself in its own language.",
                "ترجمته؛ وفي لغته الأصلية نصه نفسه.",
                lambda r, lang: _quote_in(r.item, lang),
                per_language=True,
            ),
            _c(
                "context",
                "Where and when it was said.",
                "أين ومتى قيل.",
                lambda r, lang: _text(r.item.context, lang),
                per_language=True,
            ),
            _c(
                "visit_start_date",
                "When the visit began.",
                "تاريخ بدء الزيارة.",
                lambda r, lang: _date(r.owner.start_date),
            ),
            SOURCES_COLUMN,
        ),
        {
            "en": "One row per quote, by visit, in the order of the data.",
            "ar": "صف لكل تصريح، مرتّبة حسب الزيارة وبترتيب البيانات.",
        },
    ),
)


def row_count(table: Table, dataset: Dataset) -> int:
    return len(table.rows(_Context(dataset)))


def _quote_in(quote: Quote, lang: str) -> str:
    if quote.lang == lang:
        return quote.text
    return _text(quote.translation, lang)


# --- cells a spreadsheet would run ---------------------------------------------------------

# What makes Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP, "CSV
# Injection"): a cell that begins with one of these signs ...
FORMULA_SIGNS = "=+-@"
# ... or with a tab or a carriage return, which OWASP lists as dangerous in themselves.
FORMULA_CONTROLS = "\t\r"
INERT_PREFIX = "'"
# A number on its own cannot run anything, whoever wrote it: `-3` stays a number.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _invisible(char: str) -> bool:
    """Spaces, line ends and format characters (bidi marks, zero-width joiners, the BOM)."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet could take the cell for a formula, so that `inert_cell` must
    neutralise it. Leading apostrophes are looked through (so that `inert_cell` can be undone,
    see there); then the cell is dangerous when

    - it begins with a tab or a carriage return (OWASP's list);
    - its first visible character is `=`, `+`, `-` or `@`, also after spaces, line ends and
      invisible format characters (importers that trim spaces, or a bidi mark in front of
      `=` in Arabic text, must not turn it back into a formula); or
    - that character is a compatibility form of one of them (NFKC): the full-width `＝ ＋ － ＠`
      (U+FF1D, U+FF0B, U+FF0D, U+FF20) that East Asian input methods and spreadsheets
      convert to `= + - @`, and the small and superscript forms (`﹦`, `⁺`). No Arabic or
      English text begins with them, so neutralising them costs nothing;

    except when the cell is a plain number (`-3`, `-2.5`): a number literal has no operator
    or function to run, so it is left as a number, whether the data or the build wrote it.
    """
    text = cell.lstrip(INERT_PREFIX)
    if text.startswith(tuple(FORMULA_CONTROLS)):
        return True
    if _PLAIN_NUMBER.fullmatch(text):
        return False
    first = next((char for char in text if not _invisible(char)), "")
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_SIGNS


def inert_cell(cell: str) -> str:
    """The cell as a CSV file holds it: with `'` in front when a spreadsheet could run it.

    A text that already begins with apostrophes and then a dangerous sign (`'=1`) gets one
    more, so the rule can be undone without guessing: a cell that begins with `'` and is
    dangerous without it had one added (`''=1` -> `'=1`), any other cell is the value.
    """
    return INERT_PREFIX + cell if runs_as_formula(cell) else cell


def table_values(
    table: Table, dataset: Dataset, context: _Context | None = None
) -> Iterator[list[str]]:
    """The header, then one row per item: the values as the data has them, before
    `inert_cell`."""
    yield [header for column in table.columns for header in column.headers()]
    for row in table.rows(context or _Context(dataset)):
        yield list(_cells(table, row))


def table_csv(table: Table, dataset: Dataset, context: _Context | None = None) -> str:
    """One table as CSV text (the BOM included); every cell made inert (`inert_cell`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for values in table_values(table, dataset, context):
        writer.writerow([inert_cell(value) for value in values])
    return "\ufeff" + buffer.getvalue()


def _cells(table: Table, row: _Row) -> Iterator[str]:
    for column in table.columns:
        if column.per_language:
            yield from (column.value(row, code) for code in LANGUAGE_CODES)
        else:
            yield column.value(row, DEFAULT)


def data_files(dataset: Dataset, site_url: str = "") -> dict[str, str]:
    """Every download, by its path in a language's docs tree."""
    context = _Context(dataset)
    files = {f"{DATA_DIR}/{JSON_FILE}": popolo_json(dataset, site_url, context)}
    for table in TABLES:
        files[f"{DATA_DIR}/{table.file}"] = table_csv(table, dataset, context)
    return files
