"""Shared fixtures: the repository's paths and throwaway copies of the shipped data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DATA = ROOT / "site_data"
CHROMIUM = "/usr/bin/chromium"  # Debian's: playwright drives it, no browser download


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the shipped `site_data/` to break or extend without touching the real one."""
    target = tmp_path / "site_data"
    shutil.copytree(SHIPPED_DATA, target)
    return target


@pytest.fixture
def data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy of the shipped data, with paths displayed as `site_data/...` (a module may
    override it, e.g. to first assert the copy checks clean)."""
    monkeypatch.chdir(tmp_path)
    return data_copy


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/ from the current output instead of comparing",
    )


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped data, built once per test session with the real build command."""
    from tests.sitebuild import build_site

    return build_site(SHIPPED_DATA, tmp_path_factory.mktemp("shipped"))


@pytest.fixture(scope="session")
def offline_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle of the shipped data (`python -m generator bundle`), built once."""
    from generator.pipeline import bundle as build_bundle
    from generator.project import Project

    out = tmp_path_factory.mktemp("bundle")
    project = Project.at(ROOT, data_dir=SHIPPED_DATA, build_dir=out / "build")
    result, target = build_bundle(project, lambda line: None, out / "dist")
    assert result.ok and target is not None, [str(d) for d in result.diagnostics]
    return target


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium for what a reader sees (the offline tests launch their own, with
    file access rules of their own)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make system-deps` (Debian chromium)"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()
