"""Shapes real archives have (issue 13): ends that are not recorded, the visit types registers
use, sources known only by their access date, places as the source writes them.

Each test writes a small realistic file into a copy of the shipped data, checks it and renders
its pages (Markdown, both languages) or its downloads.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.data.schema import VISIT_CLASSIFICATIONS
from generator.downloads.export import data_files
from generator.languages import LANGUAGE_CODES
from generator.languages.i18n import label
from generator.render.seo import visit_json_ld
from generator.render.urls import PORTABLE_URLS
from generator.write.generate import render_pages
from tests.test_check import PERSON, SOURCE, VISIT, edit, found, write


def _checked(data: Path) -> Dataset:
    result = check(data)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


def _row(page: str, start: str) -> str:
    return next(line for line in page.splitlines() if line.startswith(start))


# --- 1. honest ends -------------------------------------------------------------------------

HISTORICAL = edit(
    PERSON,
    "links:",
    "memberships:\n"
    "  - role: {en: Speaker of Parliament, ar: رئيس مجلس الشورى}\n"
    "    organization: islamic-consultative-assembly\n"
    '    start_date: "2008-05"\n'
    "    sources: [irna-report-2025-11-25]\n"
    "  - role: {en: Secretary of the Supreme National Security Council, ar: أمين المجلس}\n"
    "    organization: supreme-national-security-council\n"
    "    current: true\n"
    '    start_date: "2025-08"\n'
    "    sources: [irna-report-2025-11-25]\n"
    "  - role: {en: Minister of Culture, ar: وزير الثقافة}\n"
    '    start_date: "1992"\n'
    '    end_date: "1994"\n'
    "    sources: [irna-report-2025-11-25]\n"
    "links:",
)


def test_an_absent_end_is_not_recorded_and_current_is_present(data: Path) -> None:
    write(data, "people/x.yml", HISTORICAL)
    dataset = _checked(data)
    en = render_pages(dataset, "en")["people/x.md"]
    ar = render_pages(dataset, "ar")["people/x.md"]
    assert "| end not recorded |" in _row(en, "| Speaker of Parliament")
    assert "| present |" in _row(en, "| Secretary of the Supreme")
    assert "present" not in _row(en, "| Minister of Culture")
    assert "| لم يُسجَّل تاريخ الانتهاء |" in _row(ar, "| رئيس مجلس الشورى")
    assert "| الآن |" in _row(ar, "| أمين المجلس")


def test_current_with_an_end_date_is_an_error(data: Path) -> None:
    write(
        data,
        "people/x.yml",
        edit(HISTORICAL, '    end_date: "1994"\n', '    end_date: "1994"\n    current: true\n'),
    )
    assert found(data) == [
        "site_data/people/x.yml:17:5: memberships[2]: a membership is either 'current: true' "
        "or has an 'end_date', not both; allowed: one of them, or neither when the end is not "
        "recorded"
    ]


# --- 2. visit types -------------------------------------------------------------------------

TRANSIT = edit(VISIT, "classification: official", "classification: transit")


def test_every_kind_of_visit_is_allowed_and_named_in_both_languages(data: Path) -> None:
    for kind in VISIT_CLASSIFICATIONS:
        for lang in LANGUAGE_CODES:
            assert label(lang, f"classification_{kind}")
    write(data, "visits/x.yml", TRANSIT)
    dataset = _checked(data)
    en = render_pages(dataset, "en")["visits/x.md"]
    ar = render_pages(dataset, "ar")["visits/x.md"]
    assert "| Type of visit | Transit visit |" in en
    assert "| نوع الزيارة | زيارة عبور |" in ar


def test_a_kind_of_visit_outside_the_list_names_every_allowed_one(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "classification: official", "classification: summit"))
    assert found(data) == [
        "site_data/visits/x.yml:3:17: classification: 'summit' is not allowed; allowed: state, "
        "official, official-working, working, private, informal, transit, multilateral, "
        "unspecified"
    ]


def test_downloads_carry_cameo_codes_and_the_schema_org_type(data: Path) -> None:
    write(
        data,
        "visits/x.yml",
        edit(VISIT, "classification: official", "classification: multilateral"),
    )
    dataset = _checked(data)
    files = data_files(dataset, "https://example.org/")
    text = files["data/visits.csv"].removeprefix("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    row = next(row for row in rows if row["id"] == "x")
    assert (row["classification"], row["cameo_visitors"], row["cameo_hosts"]) == (
        "multilateral",
        "042",
        "043",
    )
    event = next(e for e in json.loads(files["data/sijill.json"])["events"] if e["id"] == "x")
    assert event["classification"] == "multilateral"
    assert event["sijill:schema_org_type"] == "Event"
    assert event["sijill:cameo"] == {"visitors": "042", "hosts": "043"}
    json_ld = visit_json_ld(dataset, dataset.visits["x"], "en", PORTABLE_URLS)
    assert json_ld["@type"] == "Event"


# --- 3. sources as they are -----------------------------------------------------------------

REGISTER = edit(
    edit(SOURCE, "kind: article", "kind: register"),
    'published: "2025-11-25"',
    'accessed: "2025-11-26"',
)


def test_a_source_with_neither_date_is_an_error(data: Path) -> None:
    write(data, "sources/x.yml", edit(SOURCE, 'published: "2025-11-25"\n', ""))
    assert found(data) == [
        "site_data/sources/x.yml:2:1: a source needs a date; allowed: 'published' (the "
        "publication date), 'accessed' (when it was read, for a register or database with no "
        "publication date), or both"
    ]


def test_a_register_known_by_its_access_date(data: Path) -> None:
    write(data, "sources/x.yml", REGISTER)
    write(data, "visits/x.yml", edit(VISIT, "irna-report-2025-11-25", "x"))
    dataset = _checked(data)
    en = render_pages(dataset, "en")
    ar = render_pages(dataset, "ar")
    source = en["sources/x.md"]
    assert "| Kind | Register |" in source
    assert '| Accessed | <time datetime="2025-11-26">' in source
    assert "| Published |" not in source
    assert "| النوع | سجل |" in ar["sources/x.md"]
    assert '| تاريخ الاطلاع | <time datetime="2025-11-26">' in ar["sources/x.md"]
    cited = _row(en["visits/x.md"], "1. ")
    assert ', accessed <time datetime="2025-11-26">' in cited
    assert 'اطُّلع عليه في <time datetime="2025-11-26">' in _row(ar["visits/x.md"], "1. ")
    assert '| accessed <time datetime="2025-11-26">' in _row(en["sources/index.md"], "| [A title]")


def test_a_summary_quoted_from_a_register_is_attributed_to_it(data: Path) -> None:
    # A register's remarks, copied as they are: English only, the register's language.
    write(data, "sources/x.yml", edit(REGISTER, "language: ar", "language: en"))
    remarks = "Met with the Prime Minister; discussed trade.\n\n  Second paragraph."
    visit = edit(
        edit(VISIT, "  en: A visit.\n  ar: زيارة.\n", f"  en: |\n    {remarks}\n"),
        "sources:\n",
        "summary_quoted_from: x\nsources:\n",
    ).replace("\n  Second", "\n    Second")
    write(data, "visits/x.yml", visit.replace("irna-report-2025-11-25", "x"))
    dataset = _checked(data)
    en = render_pages(dataset, "en")["visits/x.md"]
    ar = render_pages(dataset, "ar")["visits/x.md"]
    summary_en = en[en.index("## Summary") : en.index("## Sources")]
    assert summary_en.splitlines()[2:7] == [
        "> Met with the Prime Minister; discussed trade.",
        ">",
        "> Second paragraph.",
        ">",
        "> — quoted word for word from [A title](../sources/x.md)\u00a0"
        '<sup class="sijill-cites">[1](#source-1)</sup>',
    ]
    # On the Arabic page the text is the register's (English, marked as untranslated), and
    # the attribution says whose words they are.
    summary_ar = ar[ar.index("## نبذة") : ar.index("## المصادر")]
    assert "> — ترجمةٌ لنصٍّ منقول من [عنوان](../sources/x.md)" in summary_ar
    assert '<bdi lang="en" dir="ltr">Met with the Prime Minister' in summary_ar


def test_a_summary_quoted_from_an_unknown_source_is_an_error(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "sources:\n", "summary_quoted_from: nope\nsources:\n"))
    assert found(data) == [
        "site_data/visits/x.yml:12:22: summary_quoted_from: unknown source 'nope'; allowed: "
        "the id of a file in site_data/sources/"
    ]


# --- 4. places as the source writes them ----------------------------------------------------

PLACES = edit(
    VISIT,
    'start_date: "2025-11-25"',
    "places:\n"
    "  - name: {en: Prime Minister's House, ar: مقر رئيس الوزراء}\n"
    "  - name: {en: Jinnah Convention Centre, ar: مركز جناح للمؤتمرات}\n"
    "    city: {en: Islamabad, ar: إسلام آباد}\n"
    "  - name: {en: Lahore, ar: لاهور}\n"
    "    kind: city\n"
    "  - name: {en: Serena Hotel}\n"
    'start_date: "2025-11-25"',
)


def test_a_place_without_a_kind_or_named_in_one_language(data: Path) -> None:
    write(data, "visits/x.yml", PLACES)
    dataset = _checked(data)
    en = _row(render_pages(dataset, "en")["visits/x.md"], "| Places |")
    ar = _row(render_pages(dataset, "ar")["visits/x.md"], "| الأماكن |")
    assert en == (
        "| Places | Prime Minister's House, Jinnah Convention Centre (Islamabad), Lahore (city), "
        "Serena Hotel |"
    )
    assert "مقر رئيس الوزراء، مركز جناح للمؤتمرات (إسلام آباد)، لاهور (مدينة)" in ar
    json_ld = visit_json_ld(dataset, dataset.visits["x"], "en", PORTABLE_URLS)
    assert json_ld["location"] == [
        {
            "@type": "Place",
            "name": "Prime Minister's House",
            "address": {"@type": "PostalAddress", "addressCountry": "PK"},
        },
        {
            "@type": "Place",
            "name": "Jinnah Convention Centre",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "PK",
                "addressLocality": "Islamabad",
            },
        },
        {
            "@type": "Place",
            "name": "Lahore",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "PK",
                "addressLocality": "Lahore",
            },
        },
        {
            "@type": "Place",
            "name": "Serena Hotel",
            "address": {"@type": "PostalAddress", "addressCountry": "PK"},
        },
    ]
