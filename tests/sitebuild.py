"""Building a real site for tests: the shipped data or a modified copy, in a temporary folder."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from generator.pipeline import build
from generator.project import Project
from tests.conftest import ROOT


def project_for(data_dir: Path, out: Path) -> Project:
    return Project.at(ROOT, data_dir=data_dir, site_dir=out / "site", build_dir=out / "build")


def build_site(data_dir: Path, out: Path, site_url: str | None = None) -> Path:
    """The real build (check, generate, two strict MkDocs builds, publish) into `out/site`;
    with `site_url`, for that address instead of mkdocs.yml's (a copy of it is changed)."""
    project = project_for(data_dir, out)
    if site_url is not None:
        config = out / "mkdocs.yml"
        config.parent.mkdir(parents=True, exist_ok=True)
        text = project.config_file.read_text(encoding="utf-8")
        text, count = re.subn(r"(?m)^(  sijill_site:\n    url:) .*$", rf"\1 {site_url}", text)
        assert count == 1, "mkdocs.yml has no extra.sijill_site.url line"
        config.write_text(text, encoding="utf-8")
        project = dataclasses.replace(project, config_file=config)
    result = build(project, progress=lambda line: None)
    assert result.ok, [str(d) for d in result.diagnostics]
    return out / "site"


def page(site: Path, lang: str, path: str) -> str:
    return (site / lang / path / "index.html").read_text(encoding="utf-8")


# Pagefind's filter files are named by the hash of their bytes, which hold the same entries in
# an order that changes from run to run (and so does the metadata file that names them), in
# the main bundle and in each shard's (`pagefind/visits-2019/`).
_REORDERED = re.compile(
    r"(^|/)pagefind/([\w-]+/)?(filter/\w+?_|pagefind\.\w+?_)[0-9a-f]+(\.pf_filter|\.pf_meta)$"
)


def stable_name(name: str) -> str:
    """A site file's path with the run-dependent hash of Pagefind's filter and metadata files
    masked (`…/pagefind/filter/ar_*.pf_filter`, `…/pagefind/sources/filter/ar_*.pf_filter`)."""
    return _REORDERED.sub(r"\1pagefind/\2\3*\4", name)
