"""The data downloads: Popolo JSON that reads back into the same entities, CSV per kind, and the
Data page that links to them and documents every column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import yaml

from generator.check import check
from generator.dataset import Dataset
from generator.export import MULTILINGUAL, TABLES, data_files, popolo, popolo_json, read_popolo
from generator.schema import KINDS
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
        "visitors": ["test-person"],
        "hosts": ["ali-larijani"],
        "from_country": "PK",
        "to_country": "IR",
        "start_date": "2024-03",
        "summary": {"ar": "محطة"},
        "parent": "2024-test-trip",
        "sources": ["cited-source"],
    },
}


def test_every_optional_field_reads_back(data_copy: Path) -> None:
    for path, data in EXTRA_FILES.items():
        (data_copy / path).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    dataset = _checked(data_copy)
    document = json.loads(popolo_json(dataset, SITE_URL))
    _assert_same_entities(read_popolo(document, dataset.root), dataset)
    # A data other name that looks like a translation stays an other name.
    person = next(p for p in document["persons"] if p["id"] == "test-person")
    assert person["other_names"][:2] == [
        {"name": "شخص الاختبار", "lang": "ar", "note": MULTILINGUAL},
        {"name": "شخص", "lang": "ar", "note": MULTILINGUAL},
    ]
    files = data_files(dataset, SITE_URL)
    # A line end inside a value is quoted, not a new row.
    people = _rows(files["data/people.csv"])
    assert len(people) == len(dataset.people)
    test_person = next(row for row in people if row["id"] == "test-person")
    assert test_person["summary__ar"] == 'ملخص، "فقط"\nبالعربية'
    assert test_person["summary__en"] == ""
    rows = _rows(files["data/memberships.csv"])
    assert [row["organization_id"] for row in rows if row["person_id"] == "test-person"] == [
        "",
        "child-body",
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
        {"person_id": "mohammad-ishaq-dar", "role": "host"},
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
