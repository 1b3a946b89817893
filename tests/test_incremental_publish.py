"""An incremental publish gives the site a full build gives, byte for byte, file for file.

`python -m generator build` keeps a build cache (generator/write/buildcache.py): after an
edit of the data it renders again only the pages whose reads changed, MkDocs builds again
only their HTML (generator/mkdocs/dirty.py), and the global files are made again. Each step
below edits the data, publishes with the cache, publishes the same data from scratch in a
folder of its own, and compares the two sites whole. Pagefind's filter and metadata files
(and the entry file that names them by hash) hold the same entries in an order that changes
from run to run (tests/sitebuild.py `stable_name`): their names are masked and their bytes
not compared; every other file is.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.bench.synthetic import make_dataset
from generator.mkdocs import pagefind
from generator.mkdocs.worksite import link_tree
from generator.pipeline import build, bundle
from generator.project import Project
from generator.write import buildcache
from tests.conftest import ROOT, SHIPPED_DATA
from tests.sitebuild import project_for, stable_name
from tests.test_incremental import _load, _save

INCREMENTAL = re.compile(r"rendered (\d+) pages again")
KEPT = re.compile(r"shards indexed, (\d+) kept")
UNSTABLE = re.compile(r"(^|/)pagefind/([\w-]+/)?pagefind-entry\.json$")


def _site(site: Path) -> dict[str, bytes | None]:
    """Every file of a built site: masked name -> bytes (None: bytes not comparable)."""
    files: dict[str, bytes | None] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        stable = stable_name(name)
        comparable = stable == name and not UNSTABLE.search(name)
        key, copies = stable, 1
        while key in files:  # masked names: as many in one as in the other
            key, copies = f"{stable} ({copies})", copies + 1
        files[key] = path.read_bytes() if comparable else None
    return files


def _publish(project: Project) -> list[str]:
    lines: list[str] = []
    result = build(project, progress=lines.append)
    assert result.ok, [str(d) for d in result.diagnostics]
    return lines


def _rendered_again(lines: list[str]) -> int | None:
    """Pages rendered again by an incremental publish; None for a full one."""
    found = [INCREMENTAL.search(line) for line in lines]
    counts = [int(match.group(1)) for match in found if match]
    return counts[0] if counts else None


@dataclasses.dataclass
class Cached:
    """A data folder published again and again with the same build folder (and cache)."""

    data: Path
    out: Path
    steps: int = 0

    @property
    def project(self) -> Project:
        return project_for(self.data, self.out)

    def publish_and_compare(self, step: str) -> list[str]:
        """Publish with the cache, then from scratch; assert the sites are the same, and
        return what the incremental publish said."""
        lines = _publish(self.project)
        rendered = _rendered_again(lines)
        assert rendered is not None, f"{step}: the publish was not incremental"
        self.steps += 1
        fresh = self.out.parent / f"fresh-{self.steps}"
        _publish(project_for(self.data, fresh))
        incremental, full = _site(self.out / "site"), _site(fresh / "site")
        assert incremental.keys() == full.keys(), (
            step,
            sorted(incremental.keys() - full.keys()),
            sorted(full.keys() - incremental.keys()),
        )
        differ = [name for name in full if incremental[name] != full[name]]
        assert not differ, (step, differ[:10])
        shutil.rmtree(fresh)
        return lines


@pytest.fixture
def shipped(tmp_path: Path) -> Cached:
    data = tmp_path / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    cached = Cached(data, tmp_path / "cached")
    assert _rendered_again(_publish(cached.project)) is None  # the first build is a full one
    return cached


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = _load(path)
    change(data)
    _save(path, data)


def test_edits_of_people_visits_and_sources_publish_what_a_full_build_does(
    shipped: Cached, tmp_path: Path
) -> None:
    data = shipped.data
    people, visits, sources = data / "people", data / "visits", data / "sources"

    def summary(entity: dict[str, Any]) -> None:
        entity["summary"] = {"en": "An edited summary.", "ar": "ملخص معدل."}

    # The published site shares its unchanged files with the build cache (hard links): a
    # reader holding the old site must see it unchanged, never a file written in place.
    published = _site(shipped.out / "site")
    held = tmp_path / "held"
    link_tree(shipped.out / "site", held)
    _edit(people / "ali-larijani.yml", summary)
    lines = shipped.publish_and_compare("a person's summary, both languages")
    assert (_rendered_again(lines) or 0) < 20
    assert _site(held) == published

    def retitle(entity: dict[str, Any]) -> None:
        entity["title"] = {"en": "IRNA: a new title", "ar": "إرنا: عنوان جديد"}

    _edit(sources / "irna-report-2025-11-25.yml", retitle)
    _edit(visits / "2025-10-naqvi-iran.yml", lambda v: v.update(start_date="2025-10-14"))
    shipped.publish_and_compare("a source's title and a visit's date")

    added = _load(people / "mohsin-naqvi.yml")
    added.update(
        id="mohsin-naqvi-junior", name={"en": "Mohsin Naqvi Junior", "ar": "محسن نقوي الابن"}
    )
    _save(people / "mohsin-naqvi-junior.yml", added)
    visit = _load(visits / "2025-10-naqvi-iran.yml")
    visit["id"] = "2025-11-naqvi-junior-iran"
    visit["start_date"] = "2025-11-02"
    visit.pop("end_date", None)
    _save(visits / "2025-11-naqvi-junior-iran.yml", visit)
    source = _load(sources / "isna-report-2025-11-25.yml")
    source["id"] = "isna-report-2025-11-26"
    _save(sources / "isna-report-2025-11-26.yml", source)
    shipped.publish_and_compare("a person, a visit and a source added")

    old, new = "mohsin-naqvi", "mohsin-raza-naqvi"
    text = (people / f"{old}.yml").read_text(encoding="utf-8")
    (people / f"{old}.yml").unlink()
    text = text.replace(f"id: {old}\n", f"id: {new}\nformer_ids: [{old}]\n")
    (people / f"{new}.yml").write_text(text, encoding="utf-8")
    for path in visits.glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace(f"{old}\n", f"{new}\n"), "utf-8")
    shipped.publish_and_compare("a person renamed, with former_ids")
    assert (shipped.out / "site" / "en" / "people" / old / "index.html").is_file()

    (visits / "2025-11-naqvi-junior-iran.yml").unlink()
    (people / "mohsin-naqvi-junior.yml").unlink()
    (sources / "isna-report-2025-11-26.yml").unlink()
    shipped.publish_and_compare("a person, a visit and a source removed")
    assert not (shipped.out / "site" / "ar" / "people" / "mohsin-naqvi-junior").exists()

    # The offline bundle is made apart from the published site's cache, and is the same.
    zips = []
    for out in (shipped.out, tmp_path / "bundle-fresh"):
        project = dataclasses.replace(project_for(data, out))
        result, target = bundle(project, lambda line: None, out / "dist")
        assert result.ok and target is not None
        with zipfile.ZipFile(target) as archive:
            zips.append({info.filename: archive.read(info) for info in archive.infolist()})
    assert zips[0] == zips[1]


def test_an_edit_that_changes_hundreds_of_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pagefind's shards as a large site has them (generator/mkdocs/pagefind.py): an edit
    # indexes again only the shards that hold a changed page.
    monkeypatch.setattr(pagefind, "SHARD_PAGES", 80)
    data = tmp_path / "site_data"
    make_dataset(data, people=40, visits=160, seed=5)
    cached = Cached(data, tmp_path / "cached")
    _publish(cached.project)
    # The organization with the most members: its name is on each member's page and more.
    members: dict[str, int] = {}
    for path in (data / "people").glob("*.yml"):
        for membership in _load(path).get("memberships", []):
            if "organization" in membership:
                org = membership["organization"]
                members[org] = members.get(org, 0) + 1
    busiest = max(sorted(members), key=lambda org: members[org])

    def rename(entity: dict[str, Any]) -> None:
        entity["name"] = {"en": "The Renamed Council", "ar": "المجلس المعاد تسميته"}

    _edit(data / "organizations" / f"{busiest}.yml", rename)
    lines = cached.publish_and_compare("an organization's name")
    assert (_rendered_again(lines) or 0) >= 2 * members[busiest]

    # One visit added: a person's and a country's lists, the timeline, the feeds.
    visit_files = sorted((data / "visits").glob("*.yml"))
    visit = _load(visit_files[-1])
    visit["id"] = f"{visit['id']}-again"
    _save(data / "visits" / f"{visit['id']}.yml", visit)
    lines = cached.publish_and_compare("a visit added")
    kept = [int(match.group(1)) for line in lines if (match := KEPT.search(line))]
    assert len(kept) == 2 and all(count > 0 for count in kept), lines


def test_a_change_of_configuration_makes_a_full_build(shipped: Cached, tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        ROOT.joinpath("mkdocs.yml").read_text(encoding="utf-8") + "# changed\n", "utf-8"
    )
    project = dataclasses.replace(shipped.project, config_file=config)
    assert _rendered_again(_publish(project)) is None
    assert _rendered_again(_publish(project)) == 0  # nothing changed: nothing rendered again
    shutil.rmtree(shipped.out / "build" / "cache")  # safe to delete: a full build
    assert _rendered_again(_publish(project)) is None


def test_the_cache_key_covers_the_code_templates_and_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources = {}
    for name, folder in buildcache.CODE_SOURCES.items():
        if folder.is_dir():
            copy = tmp_path / name
            shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("__pycache__"))
            sources[name] = copy
        else:
            sources[name] = folder
    monkeypatch.setattr(buildcache, "CODE_SOURCES", sources)
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    project = dataclasses.replace(project_for(SHIPPED_DATA, tmp_path), content_dir=content)
    key = buildcache.cache_key(project, {"strict": True})
    assert buildcache.cache_key(project, {"strict": True}) == key
    assert buildcache.cache_key(project, {"strict": False}) != key
    for edited in (
        sources["generator"] / "write" / "generate.py",
        sources["templates"] / "person.md.j2",
        sources["generator"] / "languages" / "catalogs" / "ar.yml",
        content / "en" / "about.md",
    ):
        before = edited.read_bytes()
        edited.write_bytes(before + b"\n")
        assert buildcache.cache_key(project, {"strict": True}) != key, edited
        edited.write_bytes(before)
    assert buildcache.cache_key(project, {"strict": True}) == key
