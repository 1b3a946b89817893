"""Building a real site for tests: the shipped data or a modified copy, in a temporary folder."""

from __future__ import annotations

from pathlib import Path

from generator.site import Project, build
from tests.conftest import ROOT


def project_for(data_dir: Path, out: Path) -> Project:
    return Project.at(ROOT, data_dir=data_dir, site_dir=out / "site", build_dir=out / "build")


def build_site(data_dir: Path, out: Path) -> Path:
    """The real build (check, generate, two strict MkDocs builds, publish) into `out/site`."""
    result = build(project_for(data_dir, out), progress=lambda line: None)
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / "site"


def page(site: Path, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")
