"""English-only archives (issue 13): texts in one language are warnings counted per field, the
`translations` worklist lists them, and a filled-in worklist is written back into the YAML."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.check import check
from generator.review.translations import ApplyError, apply_csv, as_csv, worklist

PERSON = """\
# yaml-language-server: $schema=../../schemas/person.schema.json
# A person known from English sources only.
id: jane-doe
name:
  en: Jane Doe  # as the wire spells it
country: PK
summary:
  en: >-
    An envoy of Pakistan, "quoted" in a report,
    over two lines.

memberships:
  - role:
      en: Special Envoy
    organization: ministry-of-foreign-affairs-pakistan
    sources:
      - irna-report-2025-11-25
sources:
  - irna-report-2025-11-25
"""

VISIT = """\
# yaml-language-server: $schema=../../schemas/visit.schema.json
id: x
classification: official
title:
  en: Jane Doe's visit
visitors:
  - jane-doe
from_country: PK
to_country: IR
start_date: "2025-11-25"
summary:
  en: A visit.
sources:
  - irna-report-2025-11-25
"""


@pytest.fixture
def data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (data_copy / "people" / "jane-doe.yml").write_text(PERSON, encoding="utf-8")
    (data_copy / "visits" / "x.yml").write_text(VISIT, encoding="utf-8")
    return data_copy


def missing_warnings(data: Path) -> list[str]:
    return [str(d) for d in check(data).diagnostics if "translation yet" in d.message]


def test_one_language_is_valid_with_warnings_counted_per_field(data: Path) -> None:
    result = check(data)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert missing_warnings(data) == [
        "site_data/people/jane-doe.yml:5:3: warning: name.ar: no Arabic translation yet; the "
        "site shows this text as untranslated",
        "site_data/people/jane-doe.yml:8:3: warning: summary.ar: no Arabic translation yet; the "
        "site shows this text as untranslated",
        "site_data/people/jane-doe.yml:14:7: warning: memberships[0].role.ar: no Arabic "
        "translation yet; the site shows this text as untranslated",
        "site_data/visits/x.yml:5:3: warning: title.ar: no Arabic translation yet; the site "
        "shows this text as untranslated",
        "site_data/visits/x.yml:12:3: warning: summary.ar: no Arabic translation yet; the site "
        "shows this text as untranslated",
    ]
    assert result.summary().endswith(
        "0 errors, 5 warnings (missing translations: memberships.role.ar 1, name.ar 1, "
        "summary.ar 2, title.ar 1)"
    )


def test_a_text_in_no_language_is_an_error(data: Path) -> None:
    person = data / "people" / "jane-doe.yml"
    person.write_text(
        PERSON.replace("  en: Jane Doe  # as the wire spells it\n", "  {}\n"), "utf-8"
    )
    errors = [str(d) for d in check(data).diagnostics if "warning" not in str(d)]
    assert errors == [
        "site_data/people/jane-doe.yml:5:3: name: no text in any language; allowed: at least "
        "one of en, ar"
    ]


def test_worklist_lists_file_field_and_the_other_language(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "--data", str(data), "--lang", "ar"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        'site_data/people/jane-doe.yml:5:3: name.ar: [en] "Jane Doe"',
        "site_data/people/jane-doe.yml:8:3: summary.ar: [en] "
        '"An envoy of Pakistan, \\"quoted\\" in a report, over two lines."',
        'site_data/people/jane-doe.yml:14:7: memberships[0].role.ar: [en] "Special Envoy"',
        'site_data/visits/x.yml:5:3: title.ar: [en] "Jane Doe\'s visit"',
        'site_data/visits/x.yml:12:3: summary.ar: [en] "A visit."',
        "5 missing translations",
    ]
    assert main(["translations", "--data", str(data), "--lang", "en"]) == 0
    assert capsys.readouterr().out == "0 missing translations\n"


def fill(csv_text: str, translations: dict[str, str]) -> str:
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        row["translation"] = translations.get(f"{row['file']} {row['field']}", "")
        writer.writerow(row)
    return out.getvalue()


def test_csv_round_trip_keeps_comments_order_and_formatting(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["translations", "--data", str(data), "--format", "csv"]) == 0
    exported = capsys.readouterr().out
    assert exported.splitlines()[0] == "file,field,source_lang,source_text,translation"
    filled = fill(
        exported,
        {
            "site_data/people/jane-doe.yml name.ar": "جين دو",
            "site_data/people/jane-doe.yml summary.ar": 'مبعوثة "باكستانية": نص',
            "site_data/people/jane-doe.yml memberships[0].role.ar": "مبعوثة خاصة",
            "site_data/visits/x.yml title.ar": "زيارة جين دو",
        },
    )
    worklist_file = tmp_path / "filled.csv"
    worklist_file.write_text(filled, encoding="utf-8")
    assert main(["translations", "--data", str(data), "--apply", str(worklist_file)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4 translations written, 1 rows left blank"

    person = (data / "people" / "jane-doe.yml").read_text(encoding="utf-8")
    inserted = [
        '  ar: "جين دو"',
        '  ar: "مبعوثة \\"باكستانية\\": نص"',
        '      ar: "مبعوثة خاصة"',
    ]
    assert [line for line in person.splitlines() if line not in inserted] == PERSON.splitlines()
    lines = person.splitlines()
    assert lines[lines.index(inserted[0]) - 1] == "  en: Jane Doe  # as the wire spells it"
    assert lines[lines.index(inserted[1]) - 1] == "    over two lines."
    assert lines[lines.index(inserted[2]) - 1] == "      en: Special Envoy"

    assert missing_warnings(data) == [
        "site_data/visits/x.yml:13:3: warning: summary.ar: no Arabic translation yet; the site "
        "shows this text as untranslated",
    ]
    dataset = check(data).dataset
    assert dataset is not None
    assert dataset.people["jane-doe"].summary is not None
    assert dataset.people["jane-doe"].summary.ar == 'مبعوثة "باكستانية": نص'

    # The same worklist again: every row is stale now, and nothing is written.
    before = (data / "visits" / "x.yml").read_text(encoding="utf-8")
    assert main(["translations", "--data", str(data), "--apply", str(worklist_file)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{worklist_file.as_posix()}: row 2: site_data/people/jane-doe.yml: name.ar already has "
        "a value; allowed: only missing translations"
    )
    assert out[-1] == "nothing written"
    assert (data / "visits" / "x.yml").read_text(encoding="utf-8") == before


def test_rows_for_missing_files_or_fields_are_refused(data: Path) -> None:
    exported = as_csv(worklist(data))
    (data / "visits" / "x.yml").unlink()
    person = data / "people" / "jane-doe.yml"
    person.write_text(
        PERSON.replace(
            "  - role:\n      en: Special Envoy\n", "  - role:\n      en: Envoy\n      ar: مبعوث\n"
        ),
        "utf-8",
    )
    filled = fill(
        exported,
        {
            "site_data/visits/x.yml title.ar": "زيارة",
            "site_data/people/jane-doe.yml memberships[0].role.ar": "مبعوثة",
            "site_data/people/jane-doe.yml name.ar": "جين دو",
        },
    )
    with pytest.raises(ApplyError) as raised:
        apply_csv(filled, data)
    assert raised.value.messages == [
        "row 4: site_data/people/jane-doe.yml: memberships[0].role.ar already has a value; "
        "allowed: only missing translations",
        "row 5: file site_data/visits/x.yml no longer exists; export the worklist again",
    ]
    assert person.read_text(encoding="utf-8").count("ar:") == 1  # name.ar was not written

    gone = filled.replace("memberships[0].role.ar", "memberships[3].role.ar")
    with pytest.raises(ApplyError) as raised:
        apply_csv(gone, data)
    assert raised.value.messages[0] == (
        "row 4: site_data/people/jane-doe.yml: memberships[3].role no longer exists; export the "
        "worklist again"
    )


def test_rows_outside_the_data_folder_are_refused(data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.yml"
    outside.write_text("name:\n  en: X\n", encoding="utf-8")
    text = f"file,field,source_lang,source_text,translation\n{outside},name.ar,en,X,س\n"
    with pytest.raises(ApplyError) as raised:
        apply_csv(text, data)
    assert raised.value.messages == [
        f"row 2: file {str(outside)!r} is not a data file in site_data"
    ]
    assert outside.read_text(encoding="utf-8") == "name:\n  en: X\n"


def test_pages_show_a_missing_translation_in_its_own_language_and_say_so(data: Path) -> None:
    from generator.write.generate import render_pages

    dataset = check(data).dataset
    assert dataset is not None
    arabic = render_pages(dataset, "ar")
    page = arabic["people/jane-doe.md"]
    assert '"title": "Jane Doe"' in page or 'title: "Jane Doe"' in page  # front matter
    assert (
        '# <span class="sijill-untranslated">لم يُترجم بعد</span> '
        '<bdi lang="en" dir="ltr">Jane Doe</bdi>'
    ) in page
    assert "None" not in page
    assert "بالإنجليزية" not in page  # no "in English: …" line repeating the only name
    assert '"name\\": \\"Jane Doe\\"' in page  # the JSON-LD names the person
    visit = arabic["visits/x.md"]
    # Links to the person from other pages keep the name's language and direction.
    assert '[<bdi lang="en" dir="ltr">Jane Doe</bdi>](../people/jane-doe.md)' in visit
    english = render_pages(dataset, "en")["people/jane-doe.md"]
    assert "# Jane Doe" in english
    assert "sijill-untranslated" not in english.split("## ")[0].split("# Jane Doe")[1][:200]


def test_a_quote_with_no_translation_is_listed_and_its_map_written(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A quote in Arabic that nobody has translated yet: no `translation:` map at all.
    quote = (
        "quotes:\n"
        "  - speaker: jane-doe\n"
        "    text: هدف واقعي\n"
        "    lang: ar\n"
        "    sources: [irna-report-2025-11-25]\n"
    )
    (data / "visits" / "x.yml").write_text(
        VISIT.replace("sources:\n", quote + "sources:\n", 1), encoding="utf-8"
    )
    assert main(["translations", "--data", str(data), "--lang", "en"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        'site_data/visits/x.yml:14:5: quotes[0].translation.en: [ar] "هدف واقعي"',
        "1 missing translation",
    ]
    assert main(["translations", "--data", str(data), "--format", "csv", "--lang", "en"]) == 0
    filled = fill(
        capsys.readouterr().out,
        {"site_data/visits/x.yml quotes[0].translation.en": "a realistic goal"},
    )
    worklist_file = tmp_path / "filled.csv"
    worklist_file.write_text(filled, encoding="utf-8")
    assert main(["translations", "--data", str(data), "--apply", str(worklist_file)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "1 translations written, 0 rows left blank"
    written = (data / "visits" / "x.yml").read_text(encoding="utf-8")
    assert '    lang: ar\n    translation:\n      en: "a realistic goal"\n    sources:' in written
    dataset = check(data).dataset
    assert dataset is not None
    translation = dataset.visits["x"].quotes[0].translation
    assert translation is not None and translation.en == "a realistic goal"
    assert not [w for w in missing_warnings(data) if "quotes" in w]
