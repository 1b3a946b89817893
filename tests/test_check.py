"""The check: each class of bad input, with its exact message, line and column.

Bad files are written into a copy of the shipped data, so references to real people, sources
and organizations resolve and every problem found is one the test put there.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.data.check import check
from generator.data.diagnostics import Severity

# A valid visit; tests break it with `edit`. Line numbers below refer to this text.
# What a country code may be, as the check says it (one place for every test that expects it).
ALLOWED_COUNTRIES = (
    "allowed: an ISO 3166-1 alpha-2 code (two upper-case letters such as 'IR', 'PK', 'CN'), "
    "'XK' (Kosovo), or the ISO 3166-3 code of a former state (AIDJ, ANHH, BQAQ, BUMM, BYAA, "
    "CSHH, CSXX, CTKI, DDDE, DYBJ, FQHH, FXFR, GEHH, HVBF, JTUM, MIUM, NHVU, NQAQ, NTHH, PCHH, "
    "PUUM, PZPA, RHZW, SKIN, SUHH, TPTL, VDVN, WKUM, YDYE, YUCS, ZRCD), or the code of a state "
    "declared in site_data/former_states.yml (none is)"
)

VISIT = """\
# yaml-language-server: $schema=../../schemas/visit.schema.json
id: x
classification: official
visitors:
  - ali-larijani
from_country: IR
to_country: PK
start_date: "2025-11-25"
summary:
  en: A visit.
  ar: زيارة.
sources:
  - irna-report-2025-11-25
"""

SOURCE = """\
# yaml-language-server: $schema=../../schemas/source.schema.json
id: x
kind: article
title:
  en: A title
  ar: عنوان
publisher: irna
language: ar
published: "2025-11-25"
url: https://www.irna.ir/news/1
"""

PERSON = """\
# yaml-language-server: $schema=../../schemas/person.schema.json
id: x
name:
  en: X
  ar: س
country: IR
links:
  - url: https://example.org/x
sources:
  - irna-report-2025-11-25
"""

VISIT_FIELDS = (
    "id, former_ids, classification, title, visitors, hosts, from_country, to_country, places, "
    "start_date, end_date, summary, summary_quoted_from, topics, meetings, outcomes, quotes, "
    "parent, sources"
)
TAG_MESSAGE = (
    "YAML tag '!!python/object/apply:os.system' is not allowed; allowed: plain text, numbers, "
    "lists and maps (data files are loaded safely, tags never construct objects)"
)


def edit(text: str, old: str, new: str) -> str:
    """`text` with `old`, which must occur exactly once, replaced by `new`."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def write(data: Path, relative: str, content: str | bytes) -> Path:
    """Write one file below the data folder, e.g. `visits/x.yml`."""
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="\n")
    return path


def found(data: Path) -> list[str]:
    """Every problem the check reports, as printed."""
    return [str(diagnostic) for diagnostic in check(data).diagnostics]


@pytest.fixture
def data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy of the shipped data, with paths displayed as `site_data/...`."""
    monkeypatch.chdir(tmp_path)
    assert found(data_copy) == [], "the shipped data must check clean for these tests"
    return data_copy


def test_shipped_data_is_valid(data: Path) -> None:
    result = check(data)
    assert result.ok
    assert result.dataset is not None
    assert "ali-larijani" in result.dataset.people
    assert result.counts == {
        kind: len(list((data / kind).glob("*.yml")))
        for kind in ("people", "organizations", "sources", "visits")
    }


def test_the_valid_templates_are_valid(data: Path) -> None:
    write(data, "visits/x.yml", VISIT)
    write(data, "sources/x.yml", SOURCE)
    # Two words: a name of one word is a surname only, a warning (tests/test_duplicates.py).
    write(data, "people/x.yml", edit(PERSON, "en: X", "en: Xu Xi"))
    assert found(data) == []


# --- reading the file ---------------------------------------------------------------------------

FILE = "site_data/visits/x.yml"

READING_CASES = [
    pytest.param(
        edit(VISIT, "classification: official", "classification: [official"),
        [
            f"{FILE}:4:9: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence at line 3)"
        ],
        id="yaml-syntax",
    ),
    pytest.param(
        VISIT + "classification: state\n",
        [
            f"{FILE}:14:1: classification: duplicate key 'classification' (first at line 3); "
            "allowed: each key once"
        ],
        id="duplicate-key",
    ),
    pytest.param(
        edit(VISIT, "  en: A visit.", "\ten: A visit."),
        [
            f"{FILE}:10:1: tab character in indentation; allowed: spaces only "
            "(YAML forbids tabs there)"
        ],
        id="tab-in-indentation",
    ),
    pytest.param(
        # The column counts characters: 6 before the Arabic word, 5 letters, then the byte.
        edit(VISIT, "  ar: زيارة.", "  ar: زيارة\udcff.").encode("utf-8", "surrogateescape"),
        [
            f"{FILE}:11:12: the file is not valid UTF-8 (byte 0xff); allowed: UTF-8 text only, "
            "save the file as UTF-8"
        ],
        id="not-utf8",
    ),
    pytest.param(
        "",
        [f"{FILE}:1:1: the file is empty; allowed: a map of fields, starting with 'id: x'"],
        id="empty-file",
    ),
    pytest.param(
        "# only a comment\n",
        [f"{FILE}:1:1: the file is empty; allowed: a map of fields, starting with 'id: x'"],
        id="only-a-comment",
    ),
    pytest.param(
        "- id: x\n",
        [
            f"{FILE}:1:1: the file holds a list; allowed: a map of fields (key: value), "
            "starting with 'id: x'"
        ],
        id="top-level-list",
    ),
    pytest.param(
        VISIT + "---\nid: y\n",
        [
            f"{FILE}:15:1: the file holds more than one YAML document ('---'); allowed: one "
            "entity per file"
        ],
        id="two-documents",
    ),
    pytest.param(
        # Reported once: the null left in the tag's place is not reported again.
        edit(
            VISIT,
            "classification: official",
            "classification: !!python/object/apply:os.system ['echo pwned']",
        ),
        [f"{FILE}:3:17: classification: {TAG_MESSAGE}"],
        id="python-tag",
    ),
    pytest.param(
        VISIT + "hosts:\n  - !!python/object/apply:os.system ['echo pwned']\n",
        [f"{FILE}:15:5: hosts[0]: {TAG_MESSAGE}"],
        id="python-tag-in-list",
    ),
    pytest.param(
        edit(VISIT, "A visit.", "A \x07visit."),
        [f"{FILE}:10:9: control character U+0007 is not allowed in YAML; remove it"],
        id="control-character",
    ),
]


@pytest.mark.parametrize(("content", "expected"), READING_CASES)
def test_reading(data: Path, content: str | bytes, expected: list[str]) -> None:
    write(data, "visits/x.yml", content)
    assert found(data) == expected


def test_python_tag_is_never_run(data: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    write(
        data,
        "visits/x.yml",
        edit(VISIT, "official", f"!!python/object/apply:os.mkdir ['{marker.as_posix()}']"),
    )
    (problem,) = found(data)
    assert "YAML tag '!!python/object/apply:os.mkdir' is not allowed" in problem
    assert not marker.exists()


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "id: x\n" + "\n".join(lines) + "\n"


def test_alias_bomb_stops_fast_at_the_limit(data: Path) -> None:
    write(data, "visits/x.yml", billion_laughs())  # 9**9 = 387 million values if expanded
    started = time.perf_counter()
    problems = found(data)
    assert time.perf_counter() - started < 5
    assert problems == [
        f"{FILE}:6:1: a4: YAML aliases expand to more than 50,000 values; allowed: aliases "
        "('*name') only for small values, or none"
    ]


# --- structure and types ------------------------------------------------------------------------

STRUCTURE_CASES = [
    pytest.param(
        edit(VISIT, "visitors:", "vistors:"),
        [
            f"{FILE}:2:1: visitors: missing required field 'visitors': The people who visited: "
            "ids, or Attendee maps (with the title held then, or a name for someone with no "
            "file).",
            f"{FILE}:4:1: vistors: unknown field 'vistors' (did you mean 'visitors'?); "
            f"allowed: {VISIT_FIELDS}",
        ],
        id="unknown-field-nearest-name",
    ),
    pytest.param(
        VISIT + "places:\n  - name: {en: Islamabad, ar: إسلام آباد}\n    knd: city\n",
        [
            f"{FILE}:16:5: places[0].knd: unknown field 'knd' (did you mean 'kind'?); "
            "allowed: name, kind, city",
        ],
        id="unknown-nested-field",
    ),
    pytest.param(
        edit(VISIT, "from_country: IR\n", ""),
        [
            f"{FILE}:2:1: from_country: missing required field 'from_country': The visitors' "
            "country (ISO 3166-1 alpha-2; ISO 3166-3 for a former state)."
        ],
        id="missing-required-field",
    ),
    pytest.param(
        edit(VISIT, "en: A visit.", "en: 42"),
        [f"{FILE}:10:7: summary.en: expected text, got the number 42"],
        id="number-for-text",
    ),
    pytest.param(
        edit(VISIT, "en: A visit.", "en: yes"),
        [f"{FILE}:10:7: summary.en: expected text, got true (a yes/no value: put text in quotes)"],
        id="yes-read-as-boolean",
    ),
    pytest.param(
        edit(VISIT, "summary:\n  en: A visit.\n  ar: زيارة.\n", "summary: A visit.\n"),
        [f"{FILE}:9:10: summary: expected a map with fields en, ar, got the text 'A visit.'"],
        id="text-for-map",
    ),
    pytest.param(
        edit(VISIT, "classification: official", "classification: oficial"),
        [
            f"{FILE}:3:17: classification: 'oficial' is not allowed (did you mean 'official'?); "
            "allowed: state, official, official-working, working, private, informal, transit, "
            "multilateral, unspecified"
        ],
        id="choice-misspelt",
    ),
    pytest.param(
        edit(VISIT, "classification: official", "classification:"),
        [
            f"{FILE}:3:16: classification: nothing (null) is not allowed; allowed: state, "
            "official, official-working, working, private, informal, transit, multilateral, "
            "unspecified"
        ],
        id="choice-empty",
    ),
    pytest.param(
        edit(VISIT, "sources:\n  - irna-report-2025-11-25\n", "sources: []\n"),
        [
            f"{FILE}:12:10: sources: needs at least one source id; every fact names where it "
            "comes from"
        ],
        id="no-source",
    ),
]


@pytest.mark.parametrize(("content", "expected"), STRUCTURE_CASES)
def test_structure(data: Path, content: str, expected: list[str]) -> None:
    write(data, "visits/x.yml", content)
    assert found(data) == expected


# --- identity -----------------------------------------------------------------------------------


def test_id_differs_from_file_name(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "id: x", "id: y"))
    assert found(data) == [
        f"{FILE}:2:5: id: id 'y' differs from the file name 'x.yml'; allowed: the file name "
        "without '.yml' ('x'), or rename the file to y.yml"
    ]


@pytest.mark.parametrize(
    ("bad_id", "suggestion"),
    [("Ali Larijani", "ali-larijani"), ("../x", "x"), ("a/b", "a-b"), ("x-", "x"), ("x--y", "x-y")],
)
def test_id_not_a_slug(data: Path, bad_id: str, suggestion: str) -> None:
    # Said once: no advice to rename the file to an invalid name.
    write(data, "visits/x.yml", edit(VISIT, "id: x", f'id: "{bad_id}"'))
    assert found(data) == [
        f"{FILE}:2:5: id: '{bad_id}' is not a valid id; allowed: lowercase letters a-z, digits "
        f"and single hyphens, e.g. '{suggestion}'"
    ]


def test_former_id_not_a_slug(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "former_ids:\n  - Old Name\n")
    assert found(data) == [
        f"{FILE}:15:5: former_ids[0]: 'Old Name' is not a valid id; allowed: lowercase letters "
        "a-z, digits and single hyphens, e.g. 'old-name'"
    ]


@pytest.mark.parametrize("name", ["x", "0"])
def test_duplicate_id_is_told_to_the_file_whose_name_differs(data: Path, name: str) -> None:
    # "0.yml" sorts before the shipped file and "x.yml" after: the copy is blamed either way.
    taken = "2025-11-larijani-pakistan"
    write(data, f"visits/{name}.yml", edit(VISIT, "id: x", f"id: {taken}"))
    assert found(data) == [
        f"site_data/visits/{name}.yml:2:5: id: duplicate id '{taken}': also the id in "
        f"site_data/visits/{taken}.yml",
        f"site_data/visits/{name}.yml:2:5: id: id '{taken}' differs from the file name "
        f"'{name}.yml'; allowed: the file name without '.yml' ('{name}'), or rename the file "
        f"to {taken}.yml",
    ]


def test_former_id_is_another_entitys_id(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "former_ids:\n  - 2025-11-larijani-pakistan\n")
    assert found(data) == [
        f"{FILE}:15:5: former_ids[0]: former id '2025-11-larijani-pakistan' is the id of "
        "another visit (site_data/visits/2025-11-larijani-pakistan.yml); allowed: ids no other "
        "visit uses"
    ]


def test_former_id_is_the_current_id(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "former_ids:\n  - x\n")
    assert found(data) == [f"{FILE}:15:5: former_ids[0]: former id 'x' is the current id"]


# --- references ---------------------------------------------------------------------------------

PEOPLE = "allowed: the id of a file in site_data/people/"


def test_unknown_person_with_nearest_id(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "hosts:\n  - mohammad-ishaq-dar\n  - mohammad-ishaq-darr\n")
    assert found(data) == [
        f"{FILE}:16:5: hosts[1]: unknown person 'mohammad-ishaq-darr' (did you mean "
        f"'mohammad-ishaq-dar'?); {PEOPLE}"
    ]


def test_unknown_references_of_every_kind(data: Path) -> None:
    content = (
        edit(VISIT, "  - irna-report-2025-11-25", "  - irna-report-2025-11-26")
        + "parent: 2025-11-larijani-pakistn\n"
        + "meetings:\n"
        + "  - participants: [ali-larijani, nobody]\n"
        + "    sources: [irna-report-2025-11-25]\n"
    )
    write(data, "visits/x.yml", content)
    write(data, "sources/x.yml", edit(SOURCE, "publisher: irna", "publisher: irnaa"))
    assert found(data) == [
        "site_data/sources/x.yml:7:12: publisher: unknown organization 'irnaa' (did you mean "
        "'irna'?); allowed: the id of a file in site_data/organizations/",
        f"{FILE}:13:5: sources[0]: unknown source 'irna-report-2025-11-26' (did you mean "
        "'irna-report-2025-11-25'?); allowed: the id of a file in site_data/sources/",
        f"{FILE}:14:9: parent: unknown visit '2025-11-larijani-pakistn' (did you mean "
        "'2025-11-larijani-pakistan'?); allowed: the id of a file in site_data/visits/",
        f"{FILE}:16:34: meetings[0].participants[1]: unknown person 'nobody'; {PEOPLE}",
    ]


def test_references_are_resolved_in_a_file_with_other_errors(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "from_country: IR\n", "") + "hosts: [nobody]\n")
    assert found(data) == [
        f"{FILE}:2:1: from_country: missing required field 'from_country': The visitors' "
        "country (ISO 3166-1 alpha-2; ISO 3166-3 for a former state).",
        f"{FILE}:13:9: hosts[0]: unknown person 'nobody'; {PEOPLE}",
    ]


def test_a_broken_file_still_defines_its_id(data: Path) -> None:
    # people/x.yml fails validation; a visit naming 'x' is not also told 'unknown person'.
    write(data, "people/x.yml", edit(PERSON, "country: IR", "country: Iran"))
    write(data, "visits/x.yml", VISIT + "hosts: [x]\n")
    assert found(data) == [
        "site_data/people/x.yml:6:10: country: 'Iran' is not a country code (did you mean 'IR'?); "
        + ALLOWED_COUNTRIES
    ]


# --- values -------------------------------------------------------------------------------------

VALUE_CASES = [
    pytest.param(
        "visits/x.yml",
        edit(VISIT, '"2025-11-25"', '"2025-02-30"'),
        [
            f"{FILE}:8:13: start_date: '2025-02-30' is not a real date: February 2025 has days "
            "01 to 28"
        ],
        id="february-30",
    ),
    pytest.param(
        "visits/x.yml",
        edit(VISIT, '"2025-11-25"', "2024-02-30"),
        [
            f"{FILE}:8:13: start_date: '2024-02-30' is not a real date: February 2024 has days "
            "01 to 29"
        ],
        id="february-30-unquoted-leap-year",
    ),
    pytest.param(
        "visits/x.yml",
        edit(VISIT, '"2025-11-25"', '"2025-13"'),
        [
            f"{FILE}:8:13: start_date: '2025-13' is not a real date: month 13 does not exist; "
            "allowed: 01 to 12"
        ],
        id="month-13",
    ),
    pytest.param(
        "visits/x.yml",
        edit(VISIT, '"2025-11-25"', "25/11/2025"),
        [
            f"{FILE}:8:13: start_date: '25/11/2025' is not a date; allowed: YYYY, YYYY-MM or "
            "YYYY-MM-DD, with only the precision the source gives (e.g. '2025', '2025-10', "
            "'2025-11-25')"
        ],
        id="date-format",
    ),
    pytest.param(
        "visits/x.yml",
        VISIT + 'end_date: "2025-11-20"\n',
        [
            f"{FILE}:14:11: end_date: end_date 2025-11-20 is before start_date 2025-11-25; "
            "allowed: a date on or after the start"
        ],
        id="end-before-start",
    ),
    pytest.param(
        "visits/x.yml",
        edit(VISIT, '"2025-11-25"', '"2025-11"') + 'end_date: "2025-11-02"\n',
        [],
        id="end-within-a-month-start",
    ),
    pytest.param(
        "visits/x.yml",
        edit(
            edit(VISIT, "to_country: PK", "to_country: XX"), "from_country: IR", "from_country: ir"
        ),
        [
            f"{FILE}:6:15: from_country: 'ir' is not a country code (did you mean 'IR'?); "
            + ALLOWED_COUNTRIES,
            f"{FILE}:7:13: to_country: 'XX' is not a country code; " + ALLOWED_COUNTRIES,
        ],
        id="country-codes",
    ),
    pytest.param(
        "people/x.yml",
        edit(PERSON, "  - url: https://example.org/x\n", "  - url: javascript:alert(1)\n")
        + "identifiers: []\n",
        [
            "site_data/people/x.yml:8:10: links[0].url: 'javascript:alert(1)' is not a web "
            "address; allowed: an absolute http:// or https:// URL"
        ],
        id="javascript-url",
    ),
    pytest.param(
        "sources/x.yml",
        edit(SOURCE, "url: https://www.irna.ir/news/1", "url: ftp://files.irna.ir/a.pdf"),
        [
            "site_data/sources/x.yml:10:6: url: 'ftp://files.irna.ir/a.pdf' is not a web "
            "address; allowed: an absolute http:// or https:// URL"
        ],
        id="ftp-url",
    ),
    pytest.param(
        "sources/x.yml",
        edit(SOURCE, "language: ar", "language: fa"),
        ["site_data/sources/x.yml:8:11: language: 'fa' is not allowed; allowed: en, ar"],
        id="language-outside-the-site",
    ),
    pytest.param(
        "visits/x.yml",
        VISIT
        + "outcomes:\n"
        + "  - kind: target\n"
        + "    summary: {en: Trade, ar: تجارة}\n"
        + "    amount: {value: 10, currency: USD, unit: {en: t, ar: ط}}\n"
        + "    sources: [irna-report-2025-11-25]\n",
        [
            f"{FILE}:17:13: outcomes[0].amount: an amount needs exactly one of 'currency' "
            "(money) or 'unit' (anything else)"
        ],
        id="amount-currency-and-unit",
    ),
]


@pytest.mark.parametrize(("relative", "content", "expected"), VALUE_CASES)
def test_values(data: Path, relative: str, content: str, expected: list[str]) -> None:
    write(data, relative, content)
    assert found(data) == expected


# --- text ---------------------------------------------------------------------------------------


def test_bidi_control_and_zero_width_space_are_errors(data: Path) -> None:
    content = edit(edit(VISIT, "A visit.", "A \u202evisit."), "زيارة.", "زيا\u200bرة.")
    write(data, "visits/x.yml", content)
    assert found(data) == [
        f"{FILE}:10:7: summary.en: invisible character U+202E RIGHT-TO-LEFT OVERRIDE at "
        "character 3: it can make text display differently from what it is; allowed: visible "
        "characters only (remove it)",
        f"{FILE}:11:7: summary.ar: invisible character U+200B ZERO WIDTH SPACE at character 4: "
        "it can make text display differently from what it is; allowed: visible characters "
        "only (remove it)",
    ]


def test_zero_width_non_joiner_is_allowed(data: Path) -> None:
    # Persian and Arabic spelling needs it; it is not an error.
    write(data, "visits/x.yml", edit(VISIT, "زيارة.", "زيارة\u200c."))
    assert found(data) == []


def test_text_not_nfc_is_a_warning_naming_the_fix(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "A visit.", "A cafe\u0301 visit."))
    result = check(data)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        f"{FILE}:10:7: warning: summary.en: text is not in Unicode NFC; fix: normalise it to "
        "NFC (python: unicodedata.normalize('NFC', text)); the site searches and compares NFC"
    ]


def test_missing_translations_are_warnings(data: Path) -> None:
    content = edit(VISIT, "  ar: زيارة.\n", "") + (
        "quotes:\n"
        "  - speaker: ali-larijani\n"
        "    text: هدف واقعي\n"
        "    lang: ar\n"
        "    sources: [irna-report-2025-11-25]\n"
    )
    write(data, "visits/x.yml", content)
    result = check(data)
    assert result.ok
    assert result.dataset is not None
    assert [str(d) for d in result.diagnostics] == [
        f"{FILE}:10:3: warning: summary.ar: no Arabic translation yet; the site shows this text "
        "as untranslated",
        f"{FILE}:14:5: warning: quotes[0].translation: no English translation yet; the site "
        "shows this text as untranslated",
    ]
    assert {d.severity for d in result.diagnostics} == {Severity.warning}


def test_stray_files_are_warnings(data: Path) -> None:
    write(data, "visits/x.yaml", VISIT)
    write(data, "notes.txt", "to do\n")
    write(data, "people/old/x.yml", PERSON)
    result = check(data)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        "site_data/notes.txt:1:1: warning: not a data file; allowed: <kind>/<id>.yml where kind "
        "is one of people, organizations, sources, visits, and former_states.yml (states with "
        "no ISO code) (this file is ignored)",
        "site_data/people/old/x.yml:1:1: warning: not a data file; allowed: <kind>/<id>.yml "
        "where kind is one of people, organizations, sources, visits, and former_states.yml "
        "(states with no ISO code) (this file is ignored)",
        "site_data/visits/x.yaml:1:1: warning: data files end in '.yml'; rename it to x.yml "
        "(this file is ignored)",
    ]


def test_missing_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert found(tmp_path / "nowhere") == ["nowhere:1:1: no such data folder"]


# --- all at once --------------------------------------------------------------------------------


def test_every_problem_in_every_file_in_one_run(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "hosts: [mohammad-ishaq-darr]\nend_date: 2025-02-30\n")
    write(data, "visits/y.yml", "id: y\nclassification: [official\n")
    write(data, "visits/z.yaml", VISIT)
    write(
        data,
        "people/x.yml",
        edit(edit(PERSON, "country: IR", "country: ir"), "name:", "nam:"),
    )
    write(
        data,
        "sources/x.yml",
        edit(edit(SOURCE, "language: ar", "language: fa"), "A title", "A cafe\u0301 title"),
    )
    write(data, "organizations/x.yml", "\tid: x\n\tname: X\n")

    result = check(data)

    assert not result.ok
    assert result.dataset is None
    assert [str(d) for d in result.diagnostics] == [
        "site_data/organizations/x.yml:1:1: tab character in indentation; allowed: spaces only "
        "(YAML forbids tabs there)",
        "site_data/organizations/x.yml:2:1: tab character in indentation; allowed: spaces only "
        "(YAML forbids tabs there)",
        "site_data/people/x.yml:2:1: name: missing required field 'name': The name in each "
        "language, as the page title shows it.",
        "site_data/people/x.yml:3:1: nam: unknown field 'nam' (did you mean 'name'?); allowed: "
        "id, former_ids, name, other_names, country, summary, summary_quoted_from, memberships, "
        "identifiers, links, sources",
        "site_data/people/x.yml:6:10: country: 'ir' is not a country code (did you mean 'IR'?); "
        + ALLOWED_COUNTRIES,
        "site_data/sources/x.yml:5:7: warning: title.en: text is not in Unicode NFC; fix: "
        "normalise it to NFC (python: unicodedata.normalize('NFC', text)); the site searches "
        "and compares NFC",
        "site_data/sources/x.yml:8:11: language: 'fa' is not allowed; allowed: en, ar",
        "site_data/visits/x.yml:14:9: hosts[0]: unknown person 'mohammad-ishaq-darr' (did you "
        f"mean 'mohammad-ishaq-dar'?); {PEOPLE}",
        "site_data/visits/x.yml:15:11: end_date: '2025-02-30' is not a real date: February "
        "2025 has days 01 to 28",
        "site_data/visits/y.yml:3:1: YAML syntax error: did not find expected ',' or ']' "
        "(while parsing a flow sequence at line 2)",
        "site_data/visits/z.yaml:1:1: warning: data files end in '.yml'; rename it to z.yml "
        "(this file is ignored)",
    ]
    positions = [(d.file, d.line, d.column) for d in result.diagnostics]
    assert positions == sorted(positions)
    assert result.summary() == (
        f"INVALID: {result.counts['people']} people, {result.counts['organizations']} "
        f"organizations, {result.counts['sources']} sources, {result.counts['visits']} visits; "
        "9 errors, 2 warnings"
    )


def test_line_separator_is_an_error(data: Path) -> None:
    # U+2028 is a line break to YAML and JavaScript and invisible on a page.
    write(data, "visits/x.yml", edit(VISIT, "A visit.", '"A \\u2028visit."'))
    assert found(data) == [
        f"{FILE}:10:7: summary.en: invisible character U+2028 LINE SEPARATOR at character 3: "
        "it can make text display differently from what it is; allowed: visible characters "
        "only (remove it)",
    ]


def test_files_read_in_two_processes_give_the_same_result(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.data.check as check_module
    from generator.data.check import CheckCache

    write(data, "visits/x.yml", edit(VISIT, "from_country: IR", "from_country: XX"))
    write(data, "people/y.yml", "id: y\nname: {en: Y}\n")
    alone = check(data)
    monkeypatch.setattr(check_module, "PARALLEL_MIN_FILES", 1)
    forks: list[int] = []  # how many files each other process read
    real_start = check_module.start_forked

    def counted(work: Callable[[], list[object]], name: str) -> Callable[[], list[object]]:
        wait = real_start(work, name)

        def waited() -> list[object]:
            entries = wait()
            forks.append(len(entries))
            return entries

        return waited

    monkeypatch.setattr(check_module, "start_forked", counted)
    cache = CheckCache()
    for result in (check(data), check(data, cache)):
        assert [str(d) for d in result.diagnostics] == [str(d) for d in alone.diagnostics]
        assert result.counts == alone.counts and not result.ok
    # Both runs read half the files in another process; the cache holds those too.
    assert len(forks) == 2 and 0 < forks[0] < sum(alone.counts.values())
    assert len(cache.files) == sum(alone.counts.values())
    (data / "visits" / "x.yml").unlink()
    (data / "people" / "y.yml").unlink()
    split = check(data, cache)
    assert split.ok and split.dataset is not None
    assert check(data).dataset == split.dataset
