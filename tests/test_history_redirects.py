"""'Last updated' from git history, and redirects from former ids."""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.data.check import check
from generator.review.git import commit_epoch, last_changed
from generator.write.generate import render_pages
from tests.conftest import SHIPPED_DATA
from tests.sitebuild import build_site


def _git(repo: Path, *args: str, date: str = "2025-11-26T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(SHIPPED_DATA, root / "site_data")
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "first dataset")
    person = root / "site_data" / "people" / "mohsin-naqvi.yml"
    person.write_text(person.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "touch naqvi", date="2026-01-03T23:30:00+00:00")
    return root


def test_last_changed_is_the_last_commit_of_each_file(repo: Path) -> None:
    dates = last_changed(repo / "site_data")
    data = (repo / "site_data").resolve()
    assert dates[data / "people" / "mohsin-naqvi.yml"] == datetime.date(2026, 1, 3)
    assert dates[data / "people" / "ali-larijani.yml"] == datetime.date(2025, 11, 26)


def test_pages_show_last_updated_in_each_language(repo: Path) -> None:
    result = check(repo / "site_data")
    assert result.dataset is not None
    dataset = result.dataset
    dates = last_changed(dataset.root)
    for key, path in dataset.files.items():
        dataset.last_changed[key] = dates[path.resolve()]
    english = render_pages(dataset, "en")["people/mohsin-naqvi.md"]
    arabic = render_pages(dataset, "ar")["people/mohsin-naqvi.md"]
    assert (
        '<p class="sijill-updated">Last updated: <time datetime="2026-01-03">3 January 2026'
        "</time></p>" in english
    )
    assert '<time datetime="2026-01-03"><bdi>3</bdi> يناير <bdi>2026</bdi></time>' in arabic
    visit = render_pages(dataset, "en")["visits/2025-10-naqvi-iran.md"]
    assert 'Last updated: <time datetime="2025-11-26">26 November 2025</time>' in visit


def test_commit_epoch_is_the_last_commit_touching_the_path(repo: Path) -> None:
    touched = datetime.datetime(2026, 1, 3, 23, 30, tzinfo=datetime.UTC).timestamp()
    first = datetime.datetime(2025, 11, 26, 12, 0, tzinfo=datetime.UTC).timestamp()
    assert commit_epoch(repo / "site_data") == touched
    assert commit_epoch(repo / "site_data" / "people" / "ali-larijani.yml") == first
    assert commit_epoch(repo / "site_data" / "no-such-folder") is None


def test_file_names_outside_ascii_keep_their_dates(repo: Path) -> None:
    (repo / "site_data" / "people" / "نقوي.yml").write_text("id: x\n", encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "arabic name", date="2026-02-01T00:00:00+00:00")
    dates = last_changed(repo / "site_data")
    data = (repo / "site_data").resolve()
    assert dates[data / "people" / "نقوي.yml"] == datetime.date(2026, 2, 1)


def test_outside_git_there_is_no_date_and_no_error(data_copy: Path) -> None:
    assert last_changed(data_copy) == {}
    assert commit_epoch(data_copy) is None
    result = check(data_copy)
    assert result.dataset is not None
    assert "sijill-updated" not in render_pages(result.dataset, "en")["people/mohsin-naqvi.md"]


@pytest.mark.slow
def test_a_renamed_person_keeps_old_links_working(data_copy: Path, tmp_path: Path) -> None:
    old, new = "mohsin-naqvi", "syed-mohsin-naqvi"
    person = data_copy / "people" / f"{old}.yml"
    text = person.read_text(encoding="utf-8").replace(
        f"id: {old}", f"id: {new}\nformer_ids: [{old}]"
    )
    person.unlink()
    (data_copy / "people" / f"{new}.yml").write_text(text, encoding="utf-8")
    for path in (data_copy / "visits").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    site = build_site(data_copy, tmp_path)
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        redirect = (site / lang / "people" / old / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}" dir="{direction}">' in redirect
        assert '<meta http-equiv="refresh" content="0; url=../syed-mohsin-naqvi/">' in redirect
        assert (site / lang / "people" / new / "index.html").is_file()
