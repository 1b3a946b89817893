"""The command line: exit codes, output formats, and the generated-file commands."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.check import check
from generator.data.diagnostics import warnings
from generator.data.json_schemas import generate_schemas
from generator.data.schema import KINDS
from tests.conftest import ROOT

BAD_VISIT = """\
id: x
classification: official
visitors: [ali-larijani]
hosts: [mohammad-ishaq-dar, mohammad-ishaq-darr]
from_country: IR
to_country: PK
start_date: "2025-02-30"
summary: {en: A visit., ar: زيارة.}
sources: [irna-report-2025-11-25]
"""
HOST_PROBLEM = (
    "hosts[1]: unknown person 'mohammad-ishaq-darr' (did you mean 'mohammad-ishaq-dar'?); "
    "allowed: the id of a file in site_data/people/"
)
DATE_PROBLEM = "start_date: '2025-02-30' is not a real date: February 2025 has days 01 to 28"


def counts(data: Path) -> str:
    return ", ".join(f"{len(list((data / kind).glob('*.yml')))} {kind}" for kind in KINDS)


@pytest.fixture
def bad_data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (data_copy / "visits" / "x.yml").write_text(BAD_VISIT, encoding="utf-8")
    return data_copy


def test_check_valid_data(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(data_copy)]) == 0
    n_warnings = len(warnings(check(data_copy).diagnostics))
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == n_warnings + 1
    assert lines[-1] == (
        f"valid: {counts(data_copy)}; 0 errors, {n_warnings} warning{'s' * (n_warnings != 1)}"
    )


def test_check_lists_every_problem(bad_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(bad_data)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"site_data/visits/x.yml:4:29: {HOST_PROBLEM}",
        f"site_data/visits/x.yml:7:13: {DATE_PROBLEM}",
        f"INVALID: {counts(bad_data)}; 2 errors, 0 warnings",
    ]


def test_check_github_annotations(bad_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(bad_data), "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"::error file=site_data/visits/x.yml,line=4,col=29::{HOST_PROBLEM}",
        f"::error file=site_data/visits/x.yml,line=7,col=13::{DATE_PROBLEM}",
        f"INVALID: {counts(bad_data)}; 2 errors, 0 warnings",
    ]


def test_check_github_warning_escapes(
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    (data_copy / "visits" / "a,b.yaml").write_text("id: x\n", encoding="utf-8")
    assert main(["check", "--data", str(data_copy), "--format", "github"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "::warning file=site_data/visits/a%2Cb.yaml,line=1,col=1::data files end in '.yml'; "
        "rename it to a,b.yml (this file is ignored)"
    )


def test_check_json(bad_data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--data", str(bad_data), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False
    assert payload["counts"]["visits"] == len(list((bad_data / "visits").glob("*.yml")))
    assert payload["problems"][0] == {
        "file": "site_data/visits/x.yml",
        "line": 4,
        "column": 29,
        "field": "hosts[1]",
        "severity": "error",
        "message": HOST_PROBLEM.removeprefix("hosts[1]: "),
    }
    assert len(payload["problems"]) == 2


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--bogus"],
        ["check", "--format", "xml"],
        ["no-such-command"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert "Error:" in capsys.readouterr().err


def test_module_entry_point() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.splitlines()[-1].startswith("valid: ")
    assert completed.stderr == ""


# --- schemas and reference ----------------------------------------------------------------------


def test_schemas_check_on_the_repository(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["schemas", "--check"]) == 0
    names = ", ".join(f"schemas/{name}" for name in sorted(generate_schemas()))
    assert capsys.readouterr().out == f"up to date: {names}\n"


def test_schemas_write_and_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schemas", "--out", "out", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "out/organization.schema.json: missing",
        "out/person.schema.json: missing",
        "out/source.schema.json: missing",
        "out/visit.schema.json: missing",
        "generated files are stale; run: python -m generator schemas --out out",
    ]
    assert main(["schemas", "--out", "out"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    (tmp_path / "out" / "person.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["schemas", "--out", "out", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "out/person.schema.json: out of date",
        "generated files are stale; run: python -m generator schemas --out out",
    ]


def test_reference_check_on_the_repository(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["reference", "--check"]) == 0
    assert capsys.readouterr().out == "up to date: docs/data-format.md\n"


def test_reference_write_and_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    page = tmp_path / "docs" / "data-format.md"
    assert main(["reference", "--out", "docs/data-format.md"]) == 0
    assert capsys.readouterr().out == "docs/data-format.md: written\n"
    page.write_text(page.read_text(encoding="utf-8") + "edited by hand\n", encoding="utf-8")
    assert main(["reference", "--check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "docs/data-format.md: out of date",
        "generated files are stale; run: python -m generator reference",
    ]
