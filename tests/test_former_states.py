"""States that no longer exist (issue 13): ISO 3166-3 codes pass the check, their pages say
they are former states and link their successors, successors link back, both languages, the
downloads keep the code as written, and an unknown code is refused naming what is allowed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.data.scalars import COUNTRY_CODES
from generator.downloads.export import data_files
from generator.downloads.popolo_read import read_popolo
from generator.languages import LANGUAGE_CODES
from generator.languages.former_states import former_states, predecessors
from generator.languages.i18n import country_name
from generator.write.generate import render_pages
from tests.conftest import SHIPPED_DATA
from tests.sitebuild import build_site, page
from tests.test_check import ALLOWED_COUNTRIES as ALLOWED
from tests.test_check import VISIT, edit, found, write

SOVIET_VISIT = edit(
    edit(edit(VISIT, "id: x", "id: soviet"), "from_country: IR", "from_country: SUHH"),
    'start_date: "2025-11-25"',
    'start_date: "1985-03"',
)
SOVIET_SUCCESSORS = ["AM", "AZ", "BY", "EE", "GE", "KG", "KZ", "LT", "LV", "MD", "RU", "TJ"]
SOVIET_SUCCESSORS += ["TM", "UA", "UZ"]


@pytest.fixture
def soviet(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped data and a visit from the Soviet Union to Pakistan in March 1985."""
    monkeypatch.chdir(tmp_path)
    write(data_copy, "visits/soviet.yml", SOVIET_VISIT)
    return data_copy


def _dataset(data: Path) -> Dataset:
    result = check(data)
    assert result.ok and result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


# --- the table ------------------------------------------------------------------------------


def test_the_table_names_each_state_in_every_language_with_years_and_successors() -> None:
    states = former_states()
    assert {"SUHH", "YUCS", "CSHH", "DDDE", "ANHH"} <= set(states)
    # Every entry of ISO 3166-3 (Debian's iso-codes, as pycountry ships it): 31 codes.
    assert len(states) == 31 and all(len(code) == 4 for code in states)
    for code, state in states.items():
        assert re.fullmatch(r"[A-Z]{4}", code), code
        assert set(state.names) == set(LANGUAGE_CODES), code
        assert re.search(r"[\u0621-\u064a]", state.names["ar"]), code
        assert 1 <= state.start <= state.end <= 2100, code
        assert state.successors, code
        for successor in state.successors:
            assert successor in COUNTRY_CODES or successor in states, (code, successor)
    assert states["SUHH"].names == {"en": "Soviet Union", "ar": "الاتحاد السوفيتي"}
    assert (states["SUHH"].start, states["SUHH"].end) == (1922, 1991)
    assert sorted(states["SUHH"].successors) == sorted(SOVIET_SUCCESSORS)
    assert states["CSHH"].successors == ("CZ", "SK")
    assert states["DDDE"].successors == ("DE",)
    assert predecessors("RU") == ("SUHH",)
    assert predecessors("RS") == ("CSXX",)


def test_country_names_come_from_the_table_for_former_states() -> None:
    assert country_name("SUHH", "en") == "Soviet Union"
    assert country_name("YUCS", "ar") == "يوغوسلافيا"
    assert country_name("CSHH", "ar") == "تشيكوسلوفاكيا"
    assert country_name("DDDE", "ar") == "جمهورية ألمانيا الديمقراطية"
    assert country_name("ANHH", "ar") == "جزر الأنتيل الهولندية"
    assert country_name("RU", "en") == "Russia"


# --- the check ------------------------------------------------------------------------------


def test_a_visit_from_the_soviet_union_passes_the_check(soviet: Path) -> None:
    assert found(soviet) == []
    assert _dataset(soviet).visits["soviet"].from_country == "SUHH"


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        ("SUHX", " (did you mean 'SUHH'?)"),
        ("SU", " (did you mean 'SUHH'?)"),
        ("suhh", " (did you mean 'SUHH'?)"),
        ("Soviet Union", " (did you mean 'SUHH'?)"),
        ("QQQQ", ""),
    ],
)
def test_an_unknown_code_is_refused_naming_what_is_allowed(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str, hint: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write(data_copy, "visits/x.yml", edit(VISIT, "from_country: IR", f'from_country: "{code}"'))
    assert found(data_copy) == [
        f"site_data/visits/x.yml:6:15: from_country: {code!r} is not a country code{hint}; "
        + ALLOWED
    ]


# --- the pages ------------------------------------------------------------------------------


def test_the_former_states_page_says_so_and_links_its_successors(soviet: Path) -> None:
    dataset = _dataset(soviet)
    en, ar = render_pages(dataset, "en"), render_pages(dataset, "ar")
    page_en = en["countries/suhh.md"]
    assert "# Soviet Union\n" in page_en
    assert 'Former state, <time datetime="1922">1922 – 1991</time>' in page_en
    assert "Successor states: [Armenia](am.md), [Azerbaijan](az.md), " in page_en
    assert "[Ukraine](ua.md) and [Uzbekistan](uz.md)\n" in page_en
    for code in SOVIET_SUCCESSORS:
        assert f"]({code.lower()}.md)" in page_en, code
        assert f"countries/{code.lower()}.md" in en, code
    assert "](../visits/soviet.md) | [Soviet Union](suhh.md) → [Pakistan](pk.md) |" in page_en
    page_ar = ar["countries/suhh.md"]
    assert "# الاتحاد السوفيتي\n" in page_ar
    assert 'دولة سابقة، <time datetime="1922"><bdi>1922</bdi> – <bdi>1991</bdi></time>' in page_ar
    assert "الدول التي خلفتها: [أذربيجان](az.md)، [أرمينيا](am.md)، " in page_ar
    assert "[روسيا](ru.md)" in page_ar


def test_a_successors_page_links_its_predecessor(soviet: Path) -> None:
    dataset = _dataset(soviet)
    assert (
        "Predecessor states: [Soviet Union](suhh.md)\n"
        in render_pages(dataset, "en")["countries/ru.md"]
    )
    assert (
        "الدول التي سبقتها: [الاتحاد السوفيتي](suhh.md)\n"
        in render_pages(dataset, "ar")["countries/ru.md"]
    )
    # A predecessor the data does not name has no page, and is not linked.
    assert "Predecessor" not in render_pages(_dataset(soviet), "en")["countries/pk.md"]


def test_the_countries_index_lists_former_states_in_their_own_group(soviet: Path) -> None:
    dataset = _dataset(soviet)
    index = render_pages(dataset, "en")["countries/index.md"]
    countries, former = index.split("## Former states\n")
    assert "[Soviet Union]" not in countries and "- [Russia](ru.md)\n" in countries
    assert former.startswith(
        '\n- [Soviet Union](suhh.md) (<time datetime="1922">1922 – 1991</time>)\n'
    )
    assert "## دول سابقة\n" in render_pages(dataset, "ar")["countries/index.md"]


def test_without_former_states_the_pages_are_as_before() -> None:
    rendered = render_pages(_dataset(SHIPPED_DATA), "en")
    assert "## Former states" not in rendered["countries/index.md"]
    assert "Former state" not in rendered["countries/ir.md"]


# --- the downloads --------------------------------------------------------------------------


def test_the_downloads_carry_the_code_as_written(soviet: Path) -> None:
    dataset = _dataset(soviet)
    files = data_files(dataset, "https://sijill.example.org/")
    visits = files["data/visits.csv"]
    row = next(line for line in visits.splitlines() if line.startswith("soviet,"))
    assert ",SUHH,PK," in row
    events = json.loads(files["data/sijill.json"])["events"]
    event = next(e for e in events if e["id"] == "soviet")
    assert event["sijill:from_country"] == "SUHH"
    read = read_popolo(json.loads(files["data/sijill.json"]), soviet)
    assert read.visits["soviet"].from_country == "SUHH"


# --- a real build -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_site_with_a_former_state_builds(soviet: Path, tmp_path: Path) -> None:
    site = build_site(soviet, tmp_path / "out")
    html = page(site, "en", "countries/suhh")
    assert "Former state," in html and 'href="../ru/"' in html
    assert "الاتحاد السوفيتي" in page(site, "ar", "countries/suhh")
    assert 'href="../suhh/"' in page(site, "en", "countries/ru")


# --- a state with no ISO code, declared in the data ------------------------------------------

HAWAII = """\
# States with no ISO 3166 code, under codes ISO leaves to its users.
XH:
  name: {en: Kingdom of Hawaii, ar: مملكة هاواي}
  start_year: 1795
  end_year: 1893
  successors: [US]
XZ:
  name: {en: Sultanate of Zanzibar}
  start_year: 1856
  end_year: 1964
  successors: [TZ]
"""
HAWAII_VISIT = edit(
    edit(edit(VISIT, "id: x", "id: hawaii"), "to_country: PK", "to_country: XH"),
    'start_date: "2025-11-25"',
    'start_date: "1881"',
)


@pytest.fixture
def hawaii(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    write(data_copy, "former_states.yml", HAWAII)
    write(data_copy, "visits/hawaii.yml", HAWAII_VISIT)
    return data_copy


def test_a_state_declared_in_the_data_is_a_country_with_names_years_and_successors(
    hawaii: Path,
) -> None:
    dataset = _dataset(hawaii)
    assert dataset.visits["hawaii"].to_country == "XH"
    en, ar = render_pages(dataset, "en"), render_pages(dataset, "ar")
    page_en = en["countries/xh.md"]
    assert "# Kingdom of Hawaii" in page_en
    assert 'Former state, <time datetime="1795">1795 – 1893</time>' in page_en
    assert "Successor states: [United States](us.md)" in page_en
    assert "[Kingdom of Hawaii](xh.md)" in en["countries/us.md"]  # and back
    assert "# مملكة هاواي" in ar["countries/xh.md"]
    # A declared state nobody visited has no page; its name is there for whoever uses it.
    assert "countries/xz.md" not in en
    assert country_name("XZ", "ar") == "Sultanate of Zanzibar"  # untranslated: as written


def test_without_the_file_a_user_assigned_code_is_refused(hawaii: Path) -> None:
    (hawaii / "former_states.yml").unlink()
    assert any(
        "to_country: 'XH' is not a country code" in line and line.endswith("(none is)")
        for line in found(hawaii)
    )
    assert country_name("XH", "en") == "XH"  # the last check declared nothing


def test_a_bad_declaration_is_an_error_at_its_line_naming_what_is_allowed(hawaii: Path) -> None:
    write(
        hawaii,
        "former_states.yml",
        HAWAII.replace("successors: [TZ]", "successors: [TZ, XQ]")
        + "SU:\n  name: {en: Soviet Union}\n  start_year: 1922\n  end_year: 1991\n"
        + "XY:\n  nam: {en: Somewhere}\n  start_year: 1990\n  end_year: 1980\n"
        + "XW:\n  name: {en: Somewhere}\n  start_year: 1990\n  end_year: 1980\n",
    )
    problems = [line for line in found(hawaii) if line.startswith("site_data/former_states.yml")]
    assert problems[0].startswith(
        "site_data/former_states.yml:11:20: XZ.successors[1]: 'XQ' is not a country code"
    )
    assert problems[1:] == [
        "site_data/former_states.yml:12:1: SU: 'SU' cannot be declared; allowed: a code ISO "
        "3166-1 leaves to its users: XA to XZ (not XK, which Kosovo uses), QM to QZ, AA, ZZ",
        "site_data/former_states.yml:17:3: XY.nam: unknown field 'nam' (did you mean 'name'?); "
        "allowed: name, start_year, end_year, successors",
        "site_data/former_states.yml:17:3: XY.name: missing required field 'name': The state's "
        "name in each language.",
        "site_data/former_states.yml:21:3: XW: end_year 1980 is before start_year 1990; allowed: "
        "a year on or after the first",
    ]


def test_a_code_iso_already_names_cannot_be_declared(hawaii: Path) -> None:
    write(hawaii, "former_states.yml", HAWAII.replace("XZ:", "SUHH:"))
    assert (
        "site_data/former_states.yml:7:1: SUHH: 'SUHH' cannot be declared (ISO 3166 names it "
        "already: use it without declaring it); allowed: a code ISO 3166-1 leaves to its users: "
        "XA to XZ (not XK, which Kosovo uses), QM to QZ, AA, ZZ"
    ) in found(hawaii)
