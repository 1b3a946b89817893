"""Titles at the time, and people named but not catalogued (issue 13).

A register says "Prime Minister Romano Prodi received Speaker Larijani and met Foreign Minister
Dini": visitors, hosts and meeting participants may carry the title held on that occasion, and
may be someone who has no file of their own (a name, a title, a country). Each test writes a
small realistic visit into a copy of the shipped data, checks it, and renders its pages in
both languages.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.check import check
from generator.data.diagnostics import Severity
from generator.render.seo import visit_json_ld
from generator.render.urls import PORTABLE_URLS
from generator.write.generate import render_pages
from tests.test_archive_shapes import _checked, _row
from tests.test_check import VISIT, edit, found, write

FILE = "site_data/visits/x.yml"
PERSON_EN_ONLY = """\
id: x
name: {en: Jane Roe}
country: PK
sources: [irna-report-2025-11-25]
"""

REGISTER_VISIT = edit(
    edit(
        VISIT,
        "visitors:\n  - ali-larijani\n",
        "visitors:\n"
        "  - person: ali-larijani\n"
        "    role: {en: Speaker of Parliament, ar: رئيس مجلس الشورى}\n"
        "hosts:\n"
        "  - name: {en: Romano Prodi}\n"
        "    role: {en: Prime Minister}\n"
        "    country: IT\n"
        "  - name: {en: Jacques Santer}\n"
        "    role: {en: President of the European Commission}\n"
        "    country: LU\n"
        "  - name: {en: Lamberto Dini, ar: لامبرتو ديني}\n"
        "    role: {en: Foreign Minister, ar: وزير الخارجية}\n",
    ),
    "to_country: PK",
    "to_country: IT",
)
REGISTER_VISIT = edit(
    REGISTER_VISIT,
    "sources:\n  - irna-report-2025-11-25\n",
    "meetings:\n"
    "  - participants:\n"
    "      - ali-larijani\n"
    "      - name: {en: Lamberto Dini, ar: لامبرتو ديني}\n"
    "    sources: [irna-report-2025-11-25]\n"
    "sources:\n  - irna-report-2025-11-25\n",
)


def test_titles_at_the_time_and_named_people_pass_with_translation_warnings(data: Path) -> None:
    write(data, "visits/x.yml", REGISTER_VISIT)
    warnings = [d for d in check(data).diagnostics if d.file == FILE]
    assert [(d.path, d.severity) for d in warnings] == [
        ("hosts[0].name.ar", Severity.warning),
        ("hosts[0].role.ar", Severity.warning),
        ("hosts[1].name.ar", Severity.warning),
        ("hosts[1].role.ar", Severity.warning),
    ]


def test_pages_show_the_title_then_and_the_named_unlinked(data: Path) -> None:
    write(data, "visits/x.yml", REGISTER_VISIT)
    dataset = _checked(data)
    en = render_pages(dataset, "en")
    ar = render_pages(dataset, "ar")
    page = en["visits/x.md"]
    assert _row(page, "| Visitors |") == (
        "| Visitors | [Ali Larijani](../people/ali-larijani.md) (Speaker of Parliament) |"
    )
    assert _row(page, "| Hosts |") == (
        '| Hosts | <span class="sijill-named">Romano Prodi</span> (Prime Minister), '
        '<span class="sijill-named">Jacques Santer</span> (President of the European '
        'Commission, Luxembourg) and <span class="sijill-named">Lamberto Dini</span> '
        "(Foreign Minister) |"
    )
    assert '[Ali Larijani](../people/ali-larijani.md) and <span class="sijill-named">' in page
    # Nobody named only gets a page, nor a link to one.
    assert not any("prodi" in path for path in en)
    # The person's own page lists the visit made with a title at the time.
    assert "visits/x.md" in en["people/ali-larijani.md"]

    arabic = ar["visits/x.md"]
    # An untranslated title and name: in English, marked as such, never filled in.
    assert (
        '<span class="sijill-named"><bdi lang="en" dir="ltr">Romano Prodi</bdi></span> '
        '(<bdi lang="en" dir="ltr">Prime Minister</bdi>)،'
    ) in _row(arabic, "| المستقبِلون |")
    assert '<span class="sijill-named">لامبرتو ديني</span> (وزير الخارجية)' in arabic
    assert "[علي لاريجاني](../people/ali-larijani.md) (رئيس مجلس الشورى)" in arabic


def test_json_ld_names_the_named_without_an_address(data: Path) -> None:
    write(data, "visits/x.yml", REGISTER_VISIT)
    dataset = _checked(data)
    attendees = visit_json_ld(dataset, dataset.visits["x"], "en", PORTABLE_URLS)["attendee"]
    assert {"@type": "Person", "name": "Romano Prodi"} in attendees
    assert [a["name"] for a in attendees if "@id" in a] == ["Ali Larijani"]


def test_a_visit_made_by_someone_named_only_is_titled_by_the_name(data: Path) -> None:
    write(
        data,
        "visits/x.yml",
        edit(
            VISIT,
            "  - ali-larijani\n",
            "  - name: {en: Andrei Gromyko}\n    role: {en: Foreign Minister}\n    country: SUHH\n",
        ).replace("from_country: IR", "from_country: SUHH"),
    )
    dataset = _checked(data)
    page = render_pages(dataset, "en")["visits/x.md"]
    assert page.splitlines()[1] == 'title: "Andrei Gromyko&#39;s visit to Pakistan"'


@pytest.mark.parametrize(
    ("attendee", "expected"),
    [
        pytest.param(
            "  - person: ali-larijani\n    name: {en: Ali Larijani}\n",
            f"{FILE}:5:5: visitors[0]: an attendee is either a catalogued 'person' (an id) or a "
            "'name', not both and not neither; allowed: 'person: <id>' or 'name: {en: ..., ar: "
            "...}', each with an optional 'role'",
            id="both",
        ),
        pytest.param(
            "  - role: {en: Prime Minister}\n",
            f"{FILE}:5:5: visitors[0]: an attendee is either a catalogued 'person' (an id) or a "
            "'name', not both and not neither; allowed: 'person: <id>' or 'name: {en: ..., ar: "
            "...}', each with an optional 'role'",
            id="neither",
        ),
        pytest.param(
            "  - person: ali-larijani\n    country: IR\n",
            f"{FILE}:5:5: visitors[0]: 'country' goes with a 'name' only: a catalogued "
            "person's country is in their file; allowed: leave 'country' out",
            id="country-of-a-catalogued-person",
        ),
        pytest.param(
            "  - person: ali-larijan\n    role: {en: Speaker}\n",
            f"{FILE}:5:13: visitors[0].person: unknown person 'ali-larijan' (did you mean "
            "'ali-larijani'?); allowed: the id of a file in site_data/people/",
            id="unknown-person",
        ),
        pytest.param(
            "  - name: {en: Romano Prodi}\n    title: {en: Prime Minister}\n",
            f"{FILE}:6:5: visitors[0].title: unknown field 'title'; allowed: person, name, "
            "role, country",
            id="unknown-field",
        ),
    ],
)
def test_a_malformed_attendee_is_an_error_naming_what_is_allowed(
    data: Path, attendee: str, expected: str
) -> None:
    write(data, "visits/x.yml", edit(VISIT, "  - ali-larijani\n", attendee))
    assert expected in found(data)


def test_a_name_that_is_a_catalogued_persons_is_a_likely_missed_link(data: Path) -> None:
    write(
        data,
        "visits/x.yml",
        edit(VISIT, "to_country: PK", "to_country: PK\nhosts:\n  - name: {en: Ishaq Dar}\n"),
    )
    (warning,) = [d for d in check(data).diagnostics if d.path == "hosts[0].name.en"]
    assert warning.severity is Severity.warning
    assert str(warning) == (
        f"{FILE}:9:16: warning: hosts[0].name.en: 'Ishaq Dar' is the name of the catalogued "
        "person 'mohammad-ishaq-dar': if it is them, write 'person: mohammad-ishaq-dar' instead "
        "of the name, so the page links theirs"
    )


def test_a_named_visitor_of_the_country_visited_is_told(data: Path) -> None:
    write(
        data,
        "visits/x.yml",
        edit(VISIT, "  - ali-larijani\n", "  - name: {en: Someone Local}\n    country: PK\n"),
    )
    messages = [str(d) for d in check(data).diagnostics if d.file == FILE]
    assert any("'Someone Local' serves PK (their country)" in m for m in messages), messages


def test_the_people_index_shows_no_missing_name(data: Path) -> None:
    # An English-only person on the English index printed "· None" for the Arabic name.
    write(data, "people/x.yml", PERSON_EN_ONLY)
    dataset = _checked(data)
    for lang in ("en", "ar"):
        index = render_pages(dataset, lang)["people/index.md"]
        assert "None" not in index
        assert "Jane Roe" in index
