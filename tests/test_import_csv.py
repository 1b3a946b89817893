"""`import csv`: the CSV downloads come back as the people and visits they were made from (what
the CSVs carry of them), into an empty folder that holds the organizations and sources; a second
import writes nothing; a spreadsheet with texts in one language only imports with warnings; the
formula apostrophe is taken off; bad input is one message and exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from generator.data.check import check
from generator.data.dataset import Dataset
from generator.downloads.cells import inert_cell
from generator.downloads.export import data_files
from generator.downloads.tables import TABLES
from generator.languages import LANGUAGE_CODES
from generator.model.titles import made_visit_title
from generator.review.csv_import import plain_cell
from tests.conftest import SHIPPED_DATA
from tests.test_export import write_extra_files

# What the CSVs do not carry, as the model dumps it when absent.
NOT_CARRIED: dict[str, dict[str, list[object]]] = {
    "people": {"former_ids": [], "links": []},
    "visits": {"former_ids": [], "topics": [], "meetings": [], "outcomes": []},
}


def _checked(data_dir: Path) -> Dataset:
    result = check(data_dir)
    assert result.ok and result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


def _export_csv(dataset: Dataset, into: Path) -> Path:
    """The CSV downloads of the data, in a folder of their own."""
    into.mkdir(parents=True, exist_ok=True)
    for path, text in data_files(dataset).items():
        if path.endswith(".csv"):
            with (into / Path(path).name).open("w", encoding="utf-8", newline="") as out:
                out.write(text)
    return into


def _carried(kind: str, dumped: dict[str, Any]) -> dict[str, Any]:
    """The entity as far as the CSVs carry it."""
    result = {**dumped, **NOT_CARRIED.get(kind, {})}
    if kind == "people":
        result["identifiers"] = [i for i in result["identifiers"] if i["scheme"] == "wikidata"]
        # Grouped by language, a column each.
        others = sorted(result["other_names"], key=lambda o: LANGUAGE_CODES.index(o["lang"]))
        result["other_names"] = [{**o, "note": None} for o in others]
    if kind == "visits":
        result["places"] = [{**p, "kind": None, "city": None} for p in result["places"]]
    return result


def _dumps(dataset: Dataset) -> dict[str, dict[str, object]]:
    return {
        kind: {
            i: _carried(kind, e.model_dump(mode="json")) for i, e in dataset.of_kind(kind).items()
        }
        for kind in ("people", "visits")
    }


def _target(into: Path, source: Path = SHIPPED_DATA) -> Path:
    """An empty data folder but for the organizations and sources that the CSVs refer to (the
    CSV downloads have no table of them: they come from the YAML, as `import popolo` would)."""
    for kind in ("organizations", "sources"):
        shutil.copytree(source / kind, into / kind)
    return into


def _import(
    args: list[str], into: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    code = main(["import", "csv", *args, "--into", str(into)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _round_trip(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    original = _checked(data_dir)
    folder = _export_csv(original, tmp_path / "csv")
    target = _target(tmp_path / "empty", data_dir)
    code, out, err = _import([str(folder)], target, capsys)
    assert (code, err) == (0, ""), out
    imported = _checked(target)
    assert _dumps(imported) == _dumps(original)
    # And the imported data exports the same CSV files, byte for byte.
    csvs = {p: t for p, t in data_files(original).items() if p.endswith(".csv")}
    assert {p: t for p, t in data_files(imported).items() if p.endswith(".csv")} == csvs
    return out


def test_the_csv_downloads_import_back_as_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _round_trip(SHIPPED_DATA, tmp_path, capsys)
    original = _checked(SHIPPED_DATA)
    count = len(original.people) + len(original.visits)
    assert f"{count} written, 0 skipped, 0 unmapped" in out
    assert "not in the CSVs" in out
    lines = out.rstrip().splitlines()
    assert lines[-1] == check(tmp_path / "empty").summary()
    assert lines[-1].startswith("valid:")
    # A title the site makes ("X's visit to Y") is not written as the visit's own.
    for visit in original.visits.values():
        text = (tmp_path / "empty" / "visits" / f"{visit.id}.yml").read_text(encoding="utf-8")
        assert ("\ntitle:" in text) == (visit.title is not None)
    person = next(iter(original.people))
    text = (tmp_path / "empty" / "people" / f"{person}.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/person.schema.json\n")


def test_every_optional_column_imports_back(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_extra_files(data_copy)
    _round_trip(data_copy, tmp_path, capsys)
    # The source a summary is quoted from, read from its column of people.csv and visits.csv.
    for kind, entity_id in (("people", "test-person"), ("visits", "2024-test-trip")):
        text = (tmp_path / "empty" / kind / f"{entity_id}.yml").read_text(encoding="utf-8")
        assert yaml.safe_load(text)["summary_quoted_from"] == "cited-source", kind


def test_without_attendees_csv_visitors_and_hosts_are_the_ids(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_extra_files(data_copy)
    folder = _export_csv(_checked(data_copy), tmp_path / "csv")
    (folder / "attendees.csv").unlink()
    target = _target(tmp_path / "empty", data_copy)
    code, out, err = _import([str(folder)], target, capsys)
    assert (code, err) == (0, ""), out
    assert "not without attendees.csv: the title each visitor and host held then" in out
    leg = _checked(target).visits["2024-test-leg"]
    assert leg.model_dump(mode="json", include={"visitors", "hosts"}) == {
        "visitors": [{"person": "test-person", "name": None, "role": None, "country": None}],
        "hosts": [{"person": "ali-larijani", "name": None, "role": None, "country": None}],
    }


def test_attendees_csv_gives_titles_and_people_named_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = _write_csv(
        tmp_path / "people.csv",
        f"id,name__en,name__ar,country,sources\r\njane-doe,Jane Doe,جين دو,GB,{SOURCE}\r\n",
    )
    made = {
        "en": made_visit_title(["Jane Doe", "Sam Roe"], "IR", "en"),
        "ar": made_visit_title(["جين دو", "Sam Roe"], "IR", "ar"),
    }
    visits = _write_csv(
        tmp_path / "visits.csv",
        "id,title__en,title__ar,classification,start_date,from_country,to_country,visitors,"
        "hosts,summary__en,sources\r\n"
        f"2024-03-doe-iran,{made['en']},{made['ar']},official,2024-03,GB,IR,jane-doe,,"
        f"A short visit.,{SOURCE}\r\n",
    )
    attendees = _write_csv(
        tmp_path / "attendees.csv",
        "visit_id,side,number,person_id,name__en,name__ar,role__en,role__ar,country\r\n"
        "2024-03-doe-iran,host,1,,Hassan Rouhani,حسن روحاني,President,الرئيس,IR\r\n"
        "2024-03-doe-iran,visitor,2,,Sam Roe,,,,GB\r\n"
        "2024-03-doe-iran,visitor,1,jane-doe,,,'=Envoy,مبعوثة,\r\n"
        "2024-03-other,visitor,1,jane-doe,,,,,\r\n"
        "2024-03-doe-iran,guest,1,jane-doe,,,,,\r\n",
    )
    target = _target(tmp_path / "data")
    code, out, err = _import([str(people), str(visits), str(attendees)], target, capsys)
    assert (code, err) == (0, ""), out
    assert "2 written, 0 skipped, 2 unmapped" in out
    assert "unmapped: attendee of visit '2024-03-other', not in visits.csv" in out
    assert "unmapped: attendee of visit '2024-03-doe-iran' on side 'guest'" in out
    assert "not without attendees.csv" not in out
    visit = yaml.safe_load((target / "visits" / "2024-03-doe-iran.yml").read_text(encoding="utf-8"))
    assert visit["visitors"] == [
        {"person": "jane-doe", "role": {"en": "=Envoy", "ar": "مبعوثة"}},
        {"name": {"en": "Sam Roe"}, "country": "GB"},
    ]
    assert visit["hosts"] == [
        {
            "name": {"en": "Hassan Rouhani", "ar": "حسن روحاني"},
            "role": {"en": "President", "ar": "الرئيس"},
            "country": "IR",
        }
    ]
    # The title the site makes from the names, one of them named only, is not the visit's own.
    assert "title" not in visit


def test_importing_again_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _export_csv(_checked(SHIPPED_DATA), tmp_path / "csv")
    target = _target(tmp_path / "data")
    assert _import([str(folder)], target, capsys)[0] == 0
    before = {p: p.read_bytes() for p in target.rglob("*.yml")}
    files = [str(folder / table.file) for table in TABLES]
    code, out, _ = _import(files, target, capsys)
    assert code == 0
    assert {p: p.read_bytes() for p in target.rglob("*.yml")} == before
    assert not any(line.startswith("wrote ") for line in out.splitlines())
    skipped = [line for line in out.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 10
    assert all(line.endswith("already exists (never written over)") for line in skipped)
    assert "0 written, 10 skipped, 0 unmapped" in out


def _write_csv(path: Path, text: str) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(text)
    return path


SOURCE = "irna-report-2025-11-25"


def test_a_spreadsheet_in_one_language_imports_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = _write_csv(
        tmp_path / "people.csv",
        "id,name__en,country,sources\r\n"
        f"jane-doe,Jane Doe,GB,{SOURCE}\r\n"
        f"john-roe,'=John Roe,GB,{SOURCE}\r\n",
    )
    visits = _write_csv(
        tmp_path / "visits.csv",
        "id,classification,start_date,from_country,to_country,visitors,summary__en,sources\r\n"
        f"2024-03-doe-iran,official,2024-03,GB,IR,jane-doe;john-roe,A short visit.,{SOURCE}\r\n",
    )
    memberships = _write_csv(
        tmp_path / "members.csv",  # known by its header
        "person_id,role__en,start_date,current,sources\r\n"
        f"jane-doe,Envoy,2023,true,{SOURCE}\r\n"
        f"nobody,Envoy,2023,,{SOURCE}\r\n",
    )
    target = _target(tmp_path / "data")
    code, out, err = _import([str(people), str(visits), str(memberships)], target, capsys)
    assert (code, err) == (0, ""), out
    result = check(target)
    assert result.ok and result.diagnostics, out  # warnings: the Arabic is to fill in
    assert "3 written, 0 skipped, 1 unmapped" in out
    assert "unmapped: membership of 'nobody', not in people.csv" in out
    assert "to fill in: the name in ar" in out
    jane = yaml.safe_load((target / "people" / "jane-doe.yml").read_text(encoding="utf-8"))
    assert jane["name"] == {"en": "Jane Doe"}
    assert jane["memberships"] == [
        {"role": {"en": "Envoy"}, "start_date": "2023", "current": True, "sources": [SOURCE]}
    ]
    john = yaml.safe_load((target / "people" / "john-roe.yml").read_text(encoding="utf-8"))
    assert john["name"] == {"en": "=John Roe"}


@pytest.mark.parametrize("value", ["=1", "'=1", "''=1", "\tx", "-3", "'plain", "＝SUM(A1)", "x"])
def test_the_formula_apostrophe_comes_off_exactly_once(value: str) -> None:
    assert plain_cell(inert_cell(value)) == value


def test_bad_input_is_one_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "data"
    unknown = _write_csv(tmp_path / "people.csv", "id,name__en,gender,party\r\nx,X,f,p\r\n")
    other = _write_csv(tmp_path / "budget.csv", "year,amount\r\n2024,3\r\n")
    empty = _write_csv(tmp_path / "visits.csv", "")
    binary = tmp_path / "quotes.csv"
    binary.write_bytes(b"\xff\xfe\x00bad")
    no_key = _write_csv(tmp_path / "memberships.csv", "role__en\r\nEnvoy\r\n")
    cases = {
        str(tmp_path / "missing.csv"): "missing.csv: no such file",
        str(unknown): "unknown columns for people.csv: gender, party",
        str(other): "budget.csv: not one of the Sijill CSVs",
        str(empty): "visits.csv: empty, so not one of the Sijill CSVs",
        str(binary): "quotes.csv: not UTF-8 text",
        str(no_key): "memberships.csv without its 'person_id'",
        str(tmp_path / "data-empty"): "no such file",
    }
    (tmp_path / "empty-folder").mkdir()
    cases[str(tmp_path / "empty-folder")] = "empty-folder: no Sijill CSV in this folder"
    for arg, message in cases.items():
        code, out, err = _import([arg], target, capsys)
        assert code == 1 and out == "", (arg, out)
        assert err.startswith("error: ") and message in err and len(err.splitlines()) == 1, err
        assert "Traceback" not in err
    assert not target.exists()
