"""The benchmark and its synthetic data keep working (timings are never asserted here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.bench.run import KEYS, baseline_config, busiest_person, table
from generator.bench.synthetic import COUNTRIES, Sizes, make_dataset
from generator.cli import main
from generator.data.check import check
from generator.project import Project
from tests.conftest import ROOT


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yml")}


def test_synthetic_data_passes_the_check_and_is_deterministic(tmp_path: Path) -> None:
    make_dataset(tmp_path / "a", people=30, visits=120, seed=3)
    make_dataset(tmp_path / "b", people=30, visits=120, seed=3)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    result = check(tmp_path / "a")
    assert result.ok, [str(d) for d in result.diagnostics if d.severity == "error"][:5]
    sizes = Sizes(people=30, visits=120)
    assert result.counts == {
        "people": 30,
        "organizations": sizes.organizations,
        "sources": sizes.sources,
        "visits": 120,
    }
    assert result.dataset is not None
    visits = result.dataset.visits.values()
    years = {visit.start_date.year for visit in visits}
    assert len(years) > 10  # spread over twenty years
    assert any(visit.quotes for visit in visits) and any(visit.meetings for visit in visits)
    people = result.dataset.people.values()
    assert all(person.name.en for person in people)
    english_only = [person for person in people if person.name.ar is None]
    assert len(english_only) == len(people) // 3  # issue 13: English-only archives
    assert sum(len(person.memberships) for person in people) > len(people)
    assert len(set(COUNTRIES)) == 60


def test_the_baseline_config_has_our_extensions_and_nothing_else(tmp_path: Path) -> None:
    text = baseline_config(Project.at(ROOT), "ar", tmp_path / "site")
    assert "pymdownx.slugs.slugify" in text and "toc" in text
    assert "hooks" not in text and "plugins" not in text and "extra" not in text
    assert "language: ar" in text


def test_busiest_person_is_a_person(data_copy: Path) -> None:
    assert (data_copy / "people" / f"{busiest_person(data_copy)}.yml").is_file()


@pytest.mark.slow
def test_bench_runs_at_a_tiny_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "bench.json"
    code = main(["bench", "--people", "5", "--visits", "10", "--no-preview", "--json", str(out)])
    assert code == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert list(figures)[: len(KEYS)] == list(KEYS)
    assert (figures["people"], figures["visits"]) == (5, 10)
    assert figures["pages"] > 20 and figures["site_bytes"] > 0 and figures["peak_rss_mb"] > 0
    assert 0 < figures["peak_pss_mb"] <= figures["peak_rss_mb"]
    assert all(figures[key] > 0 for key in KEYS if key.endswith("_s"))
    # Three incremental publishes of each kind, each rendering a few pages again.
    for kind in ("edit", "add"):
        assert len(figures[f"publish_{kind}_runs_s"]) == 3
        assert figures[f"publish_{kind}_s"] in figures[f"publish_{kind}_runs_s"]
        assert len(figures[f"publish_{kind}_incremental"]) == 3
        assert "pagefind_en" in figures[f"publish_{kind}_phases_s"]
    printed = capsys.readouterr()
    assert "bilingual build, wall" in printed.out
    assert "baseline" in printed.err  # progress, as it runs
    assert table(figures) in printed.out


@pytest.mark.slow
def test_the_preview_shows_an_edit_and_rewrites_only_what_changed(tmp_path: Path) -> None:
    from generator.bench.run import make_data, make_workspace, measure_preview
    from generator.pipeline import build

    project = make_workspace(tmp_path, ROOT)
    make_data(project, people=4, visits=8, seed=1)
    assert build(project, progress=lambda line: None).ok
    figures = measure_preview(project, tmp_path, progress=lambda line: None)
    assert 0 < figures["preview_edit_s"] <= figures["preview_visible_s"]
    # The person's page in both languages, and the data downloads that show the summary.
    assert 2 <= figures["preview_files_rewritten"] < figures["preview_files_total"] / 4
