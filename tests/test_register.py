"""A real archive's shapes, end to end (issue 13): a desk's register of official visits, kept as
a spreadsheet in English only, comes in through `import csv` into an empty data folder, passes
`check` with warnings only (the missing Arabic, counted per field) and builds, both languages,
with strict MkDocs.

The register has what real ones have: visitors with the title they held on that trip, hosts
named but not catalogued, states that no longer exist (the Soviet Union, Yugoslavia, the GDR),
the register's own visit types, places as written ("Camp David", "Chequers"), and one source:
the register itself, known by the date it was read.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

from generator.cli import main
from generator.data.check import check
from generator.data.diagnostics import Severity
from generator.languages.i18n import country_name
from tests.sitebuild import build_site, page

PEOPLE = 300
VISITS = 2000

REGISTER_SOURCE = """\
id: register
kind: register
title: {en: Visits by Foreign Leaders}
publisher: office-of-the-historian
language: en
accessed: "2026-11-02"
url: https://history.state.gov/departmenthistory/visits
"""
PUBLISHER = """\
id: office-of-the-historian
name: {en: Office of the Historian}
classification: government
country: US
sources: [register]
"""

# (country, first year, last year) the register's travellers came from.
COUNTRIES = [
    ("SUHH", 1959, 1991), ("YUCS", 1955, 1991), ("DDDE", 1974, 1990), ("GB", 1950, 2024),
    ("FR", 1950, 2024), ("IT", 1950, 2024), ("JP", 1955, 2024), ("PK", 1950, 2024),
    ("IR", 1950, 1978), ("EG", 1955, 2024),
]  # fmt: skip
TITLES = ["Prime Minister", "President", "Foreign Minister", "King", "President-elect"]
HOST_TITLES = ["President", "Secretary of State", "Vice President"]
KINDS = ["official", "official-working", "state", "working", "private", "informal", "transit"]
PLACES = ["Washington", "Camp David", "New York; Washington", "Chicago, Houston", ""]
REMARKS = [
    "Met with the President; address to a joint session of Congress.",
    "Private visit. Met with the Secretary of State.",
    "Attended the UN General Assembly session; met with the President in New York.",
    "",
]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(header)
        writer.writerows(rows)


def _register(folder: Path) -> None:
    """The spreadsheet: people.csv, visits.csv and attendees.csv in the downloads' columns,
    English only."""
    rng = random.Random(1973)
    folder.mkdir(parents=True)
    people = []
    for number in range(PEOPLE):
        country, first, last = COUNTRIES[number % len(COUNTRIES)]
        people.append((f"traveller-{number}", f"Traveller {number} {country.title()}", country))
    _write_csv(
        folder / "people.csv",
        ["id", "name__en", "country", "sources"],
        [[pid, name, country, "register"] for pid, name, country in people],
    )
    visits, attendees = [], []
    for number in range(VISITS):
        pid, _name, country = people[number % PEOPLE]
        _, first, last = COUNTRIES[number % PEOPLE % len(COUNTRIES)]
        year = rng.randint(first, last)
        # At the precision the register gives: a year, a month or a day.
        start = [f"{year}", f"{year}-{rng.randint(1, 12):02d}"][min(number % 3, 1)]
        start += f"-{rng.randint(1, 28):02d}" if number % 3 == 2 else ""
        visit_id = f"visit-{number}"
        summary = REMARKS[number % len(REMARKS)] or f"Visit to the United States, {year}."
        visits.append(
            [visit_id, KINDS[number % len(KINDS)], start, country, "US", pid, "",
             PLACES[number % len(PLACES)].replace(", ", "; "), summary, "register"]
        )  # fmt: skip
        attendees.append([visit_id, "visitor", "1", pid, "", rng.choice(TITLES), ""])
        if number % 2:
            host = f"Host {number % 9} Official"
            attendees.append([visit_id, "host", "1", "", host, rng.choice(HOST_TITLES), "US"])
    _write_csv(
        folder / "visits.csv",
        ["id", "classification", "start_date", "from_country", "to_country", "visitors",
         "hosts", "places__en", "summary__en", "sources"],
        visits,
    )  # fmt: skip
    _write_csv(
        folder / "attendees.csv",
        ["visit_id", "side", "number", "person_id", "name__en", "role__en", "country"],
        attendees,
    )


def test_an_english_only_register_imports_checks_with_warnings_and_builds(
    tmp_path: Path,
) -> None:
    data = tmp_path / "site_data"
    (data / "sources").mkdir(parents=True)
    (data / "organizations").mkdir()
    (data / "sources" / "register.yml").write_text(REGISTER_SOURCE, encoding="utf-8")
    (data / "organizations" / "office-of-the-historian.yml").write_text(PUBLISHER, "utf-8")
    _register(tmp_path / "register")

    assert main(["import", "csv", str(tmp_path / "register"), "--into", str(data)]) == 0

    result = check(data)
    errors = [str(d) for d in result.diagnostics if d.severity is Severity.error]
    assert result.ok and not errors, errors[:5]
    assert result.counts == {"people": PEOPLE, "organizations": 1, "sources": 1, "visits": VISITS}
    summary = result.summary()
    # Everything the register lacks is Arabic, counted per field; nothing else is wrong.
    for field in ("name.ar", "summary.ar", "visitors.role.ar", "hosts.name.ar", "hosts.role.ar"):
        assert f"{field} " in summary, summary
    assert {d.message.split(";")[0] for d in result.diagnostics} == {"no Arabic translation yet"}

    site = build_site(data, tmp_path / "out")
    soviet = (
        next(visit for visit in result.dataset.visits.values() if visit.from_country == "SUHH")
        if result.dataset
        else None
    )
    assert soviet is not None
    visit_page = page(site, "en", f"visits/{soviet.id}")
    assert "Soviet Union" in visit_page and "Russia" not in visit_page
    arabic = page(site, "ar", f"visits/{soviet.id}")
    assert country_name("SUHH", "ar") in arabic
    # The English text on the Arabic page is marked as such.
    assert 'lang="en" dir="ltr"' in arabic
    assert "Former state" in page(site, "en", "countries/suhh")
