"""The CSV tables (`data/<kind>.csv`): one per kind, declared once (`TABLES`) for the files and
for the Data page that documents them.

UTF-8 with a byte-order mark (without it Excel shows Arabic as mojibake; Python reads it with
`encoding="utf-8-sig"`), CRLF line ends and minimal quoting as RFC 4180 says, one row per
entity in order of id, a column per language for every text (`name__en`, `name__ar`, as
EveryPolitician did), several ids in one cell separated by `;`. Visitors and hosts are in
`visits.csv` as ids and as the names shown, and in full in `attendees.csv` (a row each: the id,
or the name the source gave someone with no file, the title held then, the country). What each
table and column holds is said in every language in the catalogs (`csv_table_<table>`,
`csv_<table>_<column>`).

Every cell goes through `inert_cell` (generator/downloads/cells.py) on its way into a CSV file
(the header too), so a new column is covered without anyone remembering.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from generator.data.dataset import Dataset
from generator.data.schema import (
    Attendee,
    PartialDate,
    PartialText,
    Person,
    Quote,
    Text,
    Visit,
    attendee_ids,
)
from generator.downloads.cells import inert_cell
from generator.downloads.popolo import CAMEO_HOST_VISIT, CAMEO_VISIT, DEFAULT, Context
from generator.languages import LANGUAGE_CODES, i18n

LIST_SEPARATOR = ";"
NAMES_SEPARATOR = "; "

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
    rows: Callable[[Context], list[Any]]
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

    context: Context
    item: Any
    owner: Any = None  # the person of a membership, the visit of a quote or attendee
    index: int = 0
    side: str = ""  # an attendee's: visitor or host

    @property
    def dataset(self) -> Dataset:
        return self.context.dataset


def _person_name(row: _Row, person_id: str, lang: str) -> str:
    return _text(row.dataset.people[person_id].name, lang)


def _attendee_shown(row: _Row, attendee: Attendee, lang: str) -> str:
    """An attendee as the site shows them: the title held then (when recorded) before the name
    of their file, or the name the source gave."""
    if attendee.person is not None:
        name = _person_name(row, attendee.person, lang)
    else:
        name = _text(attendee.name, lang)
    return " ".join(part for part in (_text(attendee.role, lang), name) if part)


def _names(row: _Row, attendees: list[Attendee], lang: str) -> str:
    return NAMES_SEPARATOR.join(_attendee_shown(row, attendee, lang) for attendee in attendees)


def _attendee_rows(context: Context) -> list[_Row]:
    """One row per visitor, then per host, of each visit."""
    return [
        _Row(context, attendee, visit, index, side)
        for visit in context.dataset.visits.values()
        for side, attendees in (("visitor", visit.visitors), ("host", visit.hosts))
        for index, attendee in enumerate(attendees)
    ]


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


def _words(key: str) -> dict[str, str]:
    """A description in every language, from the catalogs (generator/languages/catalogs)."""
    return {code: i18n.label(code, key) for code in LANGUAGE_CODES}


@dataclass(frozen=True)
class _Draft:
    """A column before its table names it: described by the catalog key `csv_<table>_<name>`,
    or by `key`."""

    name: str
    value: Callable[[_Row, str], str]
    per_language: bool = False
    key: str | None = None


def _c(
    name: str,
    value: Callable[[_Row, str], str],
    per_language: bool = False,
    key: str | None = None,
) -> _Draft:
    return _Draft(name, value, per_language, key)


def _table(name: str, rows: Callable[[Context], list[Any]], drafts: tuple[_Draft, ...]) -> Table:
    """A table described by the catalog key `csv_table_<name>`, its columns by theirs."""
    columns = tuple(
        Column(
            draft.name,
            draft.value,
            _words(draft.key or f"csv_{name}_{draft.name}"),
            draft.per_language,
        )
        for draft in drafts
    )
    return Table(name, rows, columns, _words(f"csv_table_{name}"))


SOURCES_COLUMN = _c("sources", lambda r, lang: _ids(r.item.sources), key="csv_sources")

TABLES: tuple[Table, ...] = (
    _table(
        "people",
        lambda c: [_Row(c, p) for p in c.dataset.people.values()],
        (
            _c("id", lambda r, lang: r.item.id),
            _c("name", lambda r, lang: _text(r.item.name, lang), per_language=True),
            _c("other_names", lambda r, lang: _other_names_in(r.item, lang), per_language=True),
            _c("country", lambda r, lang: r.item.country),
            _c(
                "country_name",
                lambda r, lang: i18n.country_name(r.item.country, lang),
                per_language=True,
            ),
            _c("summary", lambda r, lang: _text(r.item.summary, lang), per_language=True),
            _c("summary_quoted_from", lambda r, lang: r.item.summary_quoted_from or ""),
            _c("wikidata", lambda r, lang: _wikidata(r.item)),
            SOURCES_COLUMN,
        ),
    ),
    _table(
        "visits",
        lambda c: [_Row(c, v) for v in c.dataset.visits.values()],
        (
            _c("id", lambda r, lang: r.item.id),
            _c("title", lambda r, lang: _visit_title(r, r.item, lang), per_language=True),
            _c("classification", lambda r, lang: r.item.classification),
            _c("cameo_visitors", lambda r, lang: CAMEO_VISIT),
            _c("cameo_hosts", lambda r, lang: CAMEO_HOST_VISIT),
            _c("start_date", lambda r, lang: _date(r.item.start_date)),
            _c("end_date", lambda r, lang: _date(r.item.end_date)),
            _c("from_country", lambda r, lang: r.item.from_country),
            _c("to_country", lambda r, lang: r.item.to_country),
            _c("visitors", lambda r, lang: _ids(attendee_ids(r.item.visitors))),
            _c(
                "visitor_names",
                lambda r, lang: _names(r, r.item.visitors, lang),
                per_language=True,
                key="csv_visits_visitor_names_shown",
            ),
            _c("hosts", lambda r, lang: _ids(attendee_ids(r.item.hosts))),
            _c(
                "host_names",
                lambda r, lang: _names(r, r.item.hosts, lang),
                per_language=True,
                key="csv_visits_host_names_shown",
            ),
            _c("places", lambda r, lang: _places(r.item, lang), per_language=True),
            _c("summary", lambda r, lang: _text(r.item.summary, lang), per_language=True),
            _c("summary_quoted_from", lambda r, lang: r.item.summary_quoted_from or ""),
            _c("parent", lambda r, lang: r.item.parent or ""),
            SOURCES_COLUMN,
        ),
    ),
    _table(
        "attendees",
        _attendee_rows,
        (
            _c("visit_id", lambda r, lang: r.owner.id),
            _c("side", lambda r, lang: r.side),
            _c("number", lambda r, lang: str(r.index + 1)),
            _c("person_id", lambda r, lang: r.item.person or ""),
            _c("name", lambda r, lang: _text(r.item.name, lang), per_language=True),
            _c("role", lambda r, lang: _text(r.item.role, lang), per_language=True),
            _c("country", lambda r, lang: r.item.country or ""),
        ),
    ),
    _table(
        "memberships",
        lambda c: [
            _Row(c, m, p, i) for p in c.dataset.people.values() for i, m in enumerate(p.memberships)
        ],
        (
            _c("person_id", lambda r, lang: r.owner.id),
            _c("person_name", lambda r, lang: _text(r.owner.name, lang), per_language=True),
            _c("role", lambda r, lang: _text(r.item.role, lang), per_language=True),
            _c("organization_id", lambda r, lang: r.item.organization or ""),
            _c(
                "organization_name",
                lambda r, lang: _org_name(r, r.item.organization, lang),
                per_language=True,
            ),
            _c("start_date", lambda r, lang: _date(r.item.start_date)),
            _c("end_date", lambda r, lang: _date(r.item.end_date)),
            _c("current", lambda r, lang: "true" if r.item.current else ""),
            SOURCES_COLUMN,
        ),
    ),
    _table(
        "quotes",
        lambda c: [
            _Row(c, q, v, i) for v in c.dataset.visits.values() for i, q in enumerate(v.quotes)
        ],
        (
            _c("visit_id", lambda r, lang: r.owner.id),
            _c("number", lambda r, lang: str(r.index + 1)),
            _c("speaker_id", lambda r, lang: r.item.speaker),
            _c(
                "speaker_name",
                lambda r, lang: _person_name(r, r.item.speaker, lang),
                per_language=True,
            ),
            _c("lang", lambda r, lang: r.item.lang),
            _c("text", lambda r, lang: r.item.text),
            _c("translation", lambda r, lang: _quote_in(r.item, lang), per_language=True),
            _c("context", lambda r, lang: _text(r.item.context, lang), per_language=True),
            _c("visit_start_date", lambda r, lang: _date(r.owner.start_date)),
            SOURCES_COLUMN,
        ),
    ),
)


def row_count(table: Table, dataset: Dataset) -> int:
    return len(table.rows(Context(dataset)))


def _quote_in(quote: Quote, lang: str) -> str:
    if quote.lang == lang:
        return quote.text
    return _text(quote.translation, lang)


def table_values(
    table: Table, dataset: Dataset, context: Context | None = None
) -> Iterator[list[str]]:
    """The header, then one row per item: the values as the data has them, before
    `inert_cell`."""
    yield [header for column in table.columns for header in column.headers()]
    for row in table.rows(context or Context(dataset)):
        yield list(_cells(table, row))


def table_csv(table: Table, dataset: Dataset, context: Context | None = None) -> str:
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
