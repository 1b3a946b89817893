"""`import popolo`: our own download comes back as the data it was made from, into an empty
folder, and a second import writes nothing; a foreign EveryPolitician-style file is mapped with a
report of what to fill in; bad input is one message and exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.data.check import check
from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.downloads.export import DATA_DIR, JSON_FILE, data_files
from tests.conftest import SHIPPED_DATA
from tests.test_export import EXTRA_FILES, write_extra_files


def _checked(data_dir: Path) -> Dataset:
    result = check(data_dir)
    assert result.ok and result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


def _export(dataset: Dataset, into: Path) -> Path:
    path = into / JSON_FILE
    path.write_text(data_files(dataset)[f"{DATA_DIR}/{JSON_FILE}"], encoding="utf-8")
    return path


def _dumps(dataset: Dataset) -> dict[str, dict[str, object]]:
    return {
        kind: {i: e.model_dump(mode="json") for i, e in dataset.of_kind(kind).items()}
        for kind in KINDS
    }


def _import(file: Path, into: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", "popolo", str(file), "--into", str(into)])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_download_imports_back_as_the_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = _checked(SHIPPED_DATA)
    exported = _export(original, tmp_path)
    target = tmp_path / "empty"
    code, out, err = _import(exported, target, capsys)
    assert (code, err) == (0, ""), out
    assert _dumps(_checked(target)) == _dumps(original)
    count = sum(len(original.of_kind(kind)) for kind in KINDS)
    assert f"{count} written, 0 skipped" in out
    assert out.rstrip().splitlines()[-1] == check(target).summary()
    assert out.rstrip().splitlines()[-1].startswith("valid:")
    # Files in the project's format: the schema line first, fields in declaration order,
    # dates quoted.
    person = next(iter(original.people))
    text = (target / "people" / f"{person}.yml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/person.schema.json\n")
    assert text.splitlines()[1] == f"id: {person}"
    visit = next(iter(original.visits.values()))
    assert f'start_date: "{visit.start_date}"' in (target / "visits" / f"{visit.id}.yml").read_text(
        encoding="utf-8"
    )


def test_importing_again_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported = _export(_checked(SHIPPED_DATA), tmp_path)
    target = tmp_path / "data"
    assert _import(exported, target, capsys)[0] == 0
    before = {p: p.read_bytes() for p in target.rglob("*.yml")}
    code, out, _ = _import(exported, target, capsys)
    assert code == 0
    assert {p: p.read_bytes() for p in target.rglob("*.yml")} == before
    skipped = [line for line in out.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == len(before)
    assert all(line.endswith("already exists (never written over)") for line in skipped)
    assert not any(line.startswith("wrote ") for line in out.splitlines())
    assert f"0 written, {len(before)} skipped" in out


def test_every_optional_field_imports_back(
    data_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_extra_files(data_copy)
    original = _checked(data_copy)
    target = tmp_path / "imported"
    code, out, _ = _import(_export(original, tmp_path), target, capsys)
    assert code == 0, out
    assert _dumps(_checked(target)) == _dumps(original)
    # Attendees as the data writes them: a catalogued person without a title as their id.
    leg = yaml.safe_load((target / "visits" / "2024-test-leg.yml").read_text(encoding="utf-8"))
    written = EXTRA_FILES["visits/2024-test-leg.yml"]
    assert (leg["visitors"], leg["hosts"]) == (written["visitors"], written["hosts"])
    assert leg["meetings"][0]["participants"] == written["meetings"][0]["participants"]


EVERYPOLITICIAN = {
    "persons": [
        {
            "id": "0f5c7a2e-1b2c-4d3e-8f90-123456789abc",
            "name": "Jane Doe",
            "gender": "female",
            "other_names": [
                {"name": "جين دو", "lang": "ar", "note": "multilingual"},
                {"name": "J. Doe", "lang": "fr"},
            ],
            "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}],
        },
        {"id": "person/2", "name": "John Roe"},
    ],
    "organizations": [
        {"id": "legislature", "name": "National Assembly", "classification": "legislature"}
    ],
    "memberships": [
        {
            "person_id": "0f5c7a2e-1b2c-4d3e-8f90-123456789abc",
            "organization_id": "legislature",
            "role": "member",
            "start_date": "2019-05-01",
            "legislative_period_id": "term/5",
        },
        {"person_id": "person/2", "organization_id": "legislature", "start_date": "2019"},
    ],
    "events": [{"id": "term/5", "classification": "legislative period"}],
}


def test_a_foreign_file_is_mapped_and_says_what_to_fill(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = tmp_path / "ep-popolo.json"
    file.write_text(json.dumps(EVERYPOLITICIAN), encoding="utf-8")
    target = tmp_path / "data"
    code, out, err = _import(file, target, capsys)
    assert (code, err) == (1, "")  # no country, no sources: the check fails, and says so
    jane = target / "people" / "0f5c7a2e-1b2c-4d3e-8f90-123456789abc.yml"
    john = target / "people" / "john-roe.yml"
    assert yaml.safe_load(jane.read_text(encoding="utf-8")) == {
        "id": "0f5c7a2e-1b2c-4d3e-8f90-123456789abc",
        "name": {"en": "Jane Doe", "ar": "جين دو"},
        "memberships": [
            {"role": {"en": "member"}, "organization": "legislature", "start_date": "2019-05-01"}
        ],
        "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}],
    }
    assert yaml.safe_load(john.read_text(encoding="utf-8"))["memberships"] == [
        {"role": {"en": "Member"}, "organization": "legislature", "start_date": "2019"}
    ]
    assert yaml.safe_load(
        (target / "organizations" / "legislature.yml").read_text(encoding="utf-8")
    ) == {"id": "legislature", "name": {"en": "National Assembly"}, "classification": "parliament"}
    for expected in (
        f"wrote {jane.as_posix()}",
        "  - name: en from `name`, ar from `other_names` (multilingual)",
        "  - other_names not in en or ar, left out: 'J. Doe' (fr)",
        "  - country: not in the file; fill in `country`",
        "  - memberships: 1 mapped",
        "  - memberships: not imported (the format has no field for them): legislative_period_id",
        "  - sources: none",
        "  - not imported (the format has no field for them): gender",
        "  - id: 'john-roe' made from the name (the file's id 'person/2' is not a valid id",
        "  - name: en from `name` (assumed English); add the other language",
        "  - memberships: no role in the file, written as 'Member'; check it",
        "  - classification: 'legislature' written as 'parliament'",
        "skipped: 'events' (1): the format has no such kind; left out",
        "3 written, 0 skipped",
        f"{jane.as_posix()}:2:1: country: missing required field 'country'",
        f"{john.as_posix()}:2:1: sources: missing required field 'sources'",
    ):
        assert expected in out, expected
    assert out.rstrip().splitlines()[-1].startswith("INVALID: 2 people, 1 organizations")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"{not json", "1:2: not JSON: Expecting property name enclosed in double quotes"),
        (b"\xff\xfe\x00", "not UTF-8 text, so not JSON"),
        (b"[1, 2]", "not Popolo: expected a JSON object with 'persons', 'organizations'"),
        (b'{"title": "x"}', "not Popolo: expected a JSON object with 'persons', 'organizations'"),
        (b'{"persons": 3}', "not Popolo: 'persons' must be a list of objects"),
        (b'{"persons": [], "sijill:sources": []}', "not a Sijill download: missing key"),
    ],
)
def test_bad_input_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    file = tmp_path / "input.json"
    if content is not None:
        file.write_bytes(content)
    code, out, err = _import(file, tmp_path / "data", capsys)
    assert code == 1
    assert out == ""
    assert err.startswith(f"error: {file}") and message in err, err
    assert len(err.splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "data").exists()


def test_a_folder_is_not_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _import(tmp_path, tmp_path / "data", capsys)
    assert (code, err) == (1, f"error: {tmp_path}: not a regular file\n")
