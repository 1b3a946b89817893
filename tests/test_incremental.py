"""The live preview's incremental regeneration gives the same bytes as a full one.

While a page renders, what it reads of the data is recorded (generator/render/deps.py); after
an edit, only the pages that read something whose answer changed are rendered again; every
other page keeps its bytes, and files whose bytes did not change keep their modification time
on disk.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.bench.synthetic import make_dataset
from generator.data.check import CheckCache, check
from generator.data.dataset import Dataset
from generator.model.pages import DATA_PREFIX
from generator.preview.watch import changed_files, dependency_keys, snapshot
from generator.project import Project
from generator.write.generate import Generated, generate
from generator.write.writer import sync_tree
from tests.conftest import ROOT

CONTENT = ROOT / "content"


def _dataset(data_dir: Path, cache: CheckCache | None = None) -> Dataset:
    result = check(data_dir, cache)
    assert result.dataset is not None, [str(d) for d in result.diagnostics if d.severity == "error"]
    return result.dataset


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _key(data_dir: Path, path: Path) -> str:
    return f"{DATA_PREFIX}/{path.relative_to(data_dir).as_posix()}"


def _assert_incremental_equals_full(
    data_dir: Path, edit: Callable[[Path], list[Path]]
) -> tuple[Generated, Generated]:
    cache = CheckCache()
    before = generate(_dataset(data_dir, cache), CONTENT)
    touched = edit(data_dir)
    cached = check(data_dir, cache)
    fresh = check(data_dir)
    assert cached.diagnostics == fresh.diagnostics
    assert cached.dataset is not None
    changed = {_key(data_dir, path) for path in touched}
    incremental = generate(cached.dataset, CONTENT, previous=before, changed=changed)
    full = generate(_dataset(data_dir), CONTENT)
    assert incremental.trees == full.trees
    assert incremental.reads == full.reads
    return incremental, full


def _rename_person(data_dir: Path) -> list[Path]:
    path = data_dir / "people" / "ali-larijani.yml"
    data = _load(path)
    data["name"] = {"en": "Ali Ardashir Larijani", "ar": "علي أردشير لاريجاني"}
    _save(path, data)
    return [path]


def _move_visit_date(data_dir: Path) -> list[Path]:
    path = data_dir / "visits" / "2025-08-pezeshkian-pakistan.yml"
    data = _load(path)
    data["start_date"] = "2025-12"  # after the others: the neighbours of every visit change
    _save(path, data)
    return [path]


def _drop_visit(data_dir: Path) -> list[Path]:
    path = data_dir / "visits" / "2025-10-naqvi-iran.yml"
    path.unlink()
    return [path]


def _retitle_source(data_dir: Path) -> list[Path]:
    path = data_dir / "sources" / "irna-report-2025-11-25.yml"
    data = _load(path)
    data["title"] = {"en": "IRNA: a new title", "ar": "إرنا: عنوان جديد"}
    _save(path, data)
    return [path]


def _add_person(data_dir: Path) -> list[Path]:
    source = data_dir / "people" / "mohsin-naqvi.yml"
    data = _load(source)
    data["id"] = "mohsin-naqvi-junior"
    data["name"] = {"en": "Mohsin Naqvi Junior", "ar": "محسن نقوي الابن"}
    target = data_dir / "people" / "mohsin-naqvi-junior.yml"
    _save(target, data)
    return [target]


def _change_role(data_dir: Path) -> list[Path]:
    path = data_dir / "people" / "ali-larijani.yml"
    data = _load(path)
    data["memberships"][0]["role"] = {"en": "Acting Secretary", "ar": "الأمين بالوكالة"}
    _save(path, data)
    return [path]


def _add_quote(data_dir: Path) -> list[Path]:
    path = data_dir / "visits" / "2025-10-naqvi-iran.yml"
    data = _load(path)
    quote = {"speaker": "ali-larijani", "text": "Words.", "lang": "en"}
    data["quotes"] = [*data.get("quotes", []), {**quote, "sources": data["sources"][:1]}]
    _save(path, data)
    return [path]


def _edit_summary(data_dir: Path) -> list[Path]:
    path = data_dir / "people" / "mohammad-ishaq-dar.yml"
    data = _load(path)
    data["summary"] = {"en": "Edited.", "ar": "عُدّل."}
    _save(path, data)
    return [path]


@pytest.mark.parametrize(
    "edit",
    [
        _rename_person,
        _move_visit_date,
        _drop_visit,
        _retitle_source,
        _add_person,
        _change_role,
        _add_quote,
        _edit_summary,
    ],
)
def test_incremental_generation_equals_a_full_one(
    data_copy: Path, edit: Callable[[Path], list[Path]]
) -> None:
    _assert_incremental_equals_full(data_copy, edit)


def test_an_edit_renders_only_the_pages_that_depend_on_it(data_copy: Path) -> None:
    incremental, full = _assert_incremental_equals_full(data_copy, _retitle_source)
    assert 0 < incremental.rendered < full.rendered / 2


def test_a_summary_edit_renders_only_the_persons_own_page(data_copy: Path) -> None:
    # Other pages read the person's name, country or positions, not the summary.
    incremental, _ = _assert_incremental_equals_full(data_copy, _edit_summary)
    assert incremental.rendered == 2  # people/mohammad-ishaq-dar.md, in both languages


def test_a_field_newly_shown_elsewhere_needs_no_list_kept_by_hand(
    data_copy: Path, monkeypatch: Any
) -> None:
    """A helper that starts showing a person's summary next to every link to them: a list
    of what each page shows (the hand-kept `depends_on` this replaced said "other pages show
    the name, not the summary") would leave those pages stale after a summary edit."""
    from generator.render.helpers import PageHelpers

    def name_and_summary(self: PageHelpers, person_id: str) -> str:
        person = self.dataset.people[person_id]
        return f"{self.plain(person.name)} ({self.plain(person.summary)})"

    monkeypatch.setattr(PageHelpers, "person_name", name_and_summary)
    incremental, full = _assert_incremental_equals_full(data_copy, _edit_summary)
    assert incremental.rendered > 2
    showing = [path for path, text in full.trees["en"].items() if b"(Edited.)" in text]
    assert len(showing) > 1  # the edit shows on other pages than the person's own


def _edit_person(rng: random.Random, data: dict[str, Any], sources: list[str]) -> None:
    choice = rng.randrange(5)
    if choice == 0:
        data["name"] = {"en": f"Renamed {rng.randrange(99)}", "ar": "اسم جديد"}
    elif choice == 1:
        data["summary"] = {"en": "A new summary.", "ar": "ملخص جديد."}
    elif choice == 2:
        data["country"] = rng.choice(["IR", "PK", "TR", "FR"])
    elif choice == 3 and data["memberships"]:
        data["memberships"][0]["role"] = {"en": "Envoy", "ar": "مبعوث"}
        if len(data["memberships"]) > 1:
            data["memberships"].pop()
    else:
        data["sources"] = [rng.choice(sources)]


def _edit_visit(
    rng: random.Random, data: dict[str, Any], people: list[str], sources: list[str]
) -> None:
    choice = rng.randrange(9)
    if choice == 0:  # it moves in time
        data["start_date"] = f"{rng.randint(2006, 2025)}-0{rng.randint(1, 9)}"
        data.pop("end_date", None)
    elif choice == 1:  # another visitor
        extra = rng.choice(people)
        if extra not in data["visitors"] and extra not in data.get("hosts", []):
            data["visitors"].append(extra)
    elif choice == 2:  # a title, or none
        if data.pop("title", None) is None:
            data["title"] = {"en": "A titled visit", "ar": "زيارة بعنوان"}
    elif choice == 3:  # a meeting
        a, b = rng.sample(people, 2)
        data["meetings"] = [{"participants": [a, b], "sources": [rng.choice(sources)]}]
    elif choice == 4:  # an outcome
        data["outcomes"] = [
            {"kind": "statement", "summary": {"en": "Said.", "ar": "قيل."}, "sources": sources[:1]}
        ]
    elif choice == 5:  # a quote by someone else
        data["quotes"] = [
            {"speaker": rng.choice(people), "text": "Words.", "lang": "en", "sources": sources[:1]}
        ]
    elif choice == 6:  # other sources
        data["sources"] = [rng.choice(sources)]
    elif choice == 7:  # another country
        data["to_country"] = "FR" if data["from_country"] != "FR" else "DE"
    else:  # a new summary
        data["summary"] = {"en": "Changed.", "ar": "تغيّر."}


def _edit_source(rng: random.Random, data: dict[str, Any], others: list[str]) -> None:
    choice = rng.randrange(3)
    if choice == 0:
        data["title"] = {"en": "Retitled", "ar": "عنوان آخر"}
    elif choice == 1:
        data["cites"] = [other for other in rng.sample(others, 1) if other != data["id"]]
    else:
        data["published"] = f"{rng.randint(2006, 2025)}"


def _random_edits(seed: int) -> Callable[[Path], list[Path]]:
    """Edits of every kind an editor makes, on a synthetic dataset: names, summaries, dates,
    who took part, what was said, references, files added and removed."""

    def edit(data_dir: Path) -> list[Path]:
        rng = random.Random(seed)
        people = sorted(p.stem for p in (data_dir / "people").glob("*.yml"))
        sources = sorted(p.stem for p in (data_dir / "sources").glob("*.yml"))
        visits = sorted((data_dir / "visits").glob("*.yml"))
        touched: list[Path] = []
        for _ in range(5):
            kind = rng.choice(["people", "visits", "visits", "sources", "organizations", "gone"])
            if kind == "gone":  # a visit is deleted (if no other visit names it as its parent)
                path = rng.choice(visits)
                named = any(_load(v).get("parent") == path.stem for v in visits if v.exists())
                if path.exists() and not named:
                    path.unlink()
                    touched.append(path)
                continue
            path = rng.choice(sorted((data_dir / kind).glob("*.yml")))
            data = _load(path)
            if kind == "people":
                _edit_person(rng, data, sources)
            elif kind == "visits":
                _edit_visit(rng, data, people, sources)
            elif kind == "sources":
                _edit_source(rng, data, sources)
            else:
                data["name"] = {"en": f"Office {rng.randrange(99)}", "ar": "مكتب"}
                data["classification"] = rng.choice(["ministry", "council", "other"])
                data["country"] = rng.choice(["IR", "PK", "JP", "CL"])
            _save(path, data)
            touched.append(path)
        return touched

    return edit


@pytest.mark.parametrize("seed", range(8))
def test_random_edits_of_synthetic_data(tmp_path: Path, seed: int) -> None:
    data_dir = tmp_path / "site_data"
    make_dataset(data_dir, people=12, visits=40, seed=seed)
    _assert_incremental_equals_full(data_dir, _random_edits(seed))


def test_sync_keeps_unchanged_files_untouched(tmp_path: Path) -> None:
    first = {"a.md": b"a", "people/b.md": b"b", "people/c.md": b"c"}
    sync_tree(tmp_path, first)
    times = {name: (tmp_path / name).stat().st_mtime_ns for name in first}
    second = {"a.md": b"a", "people/b.md": b"B", "visits/d.md": b"d"}
    report = sync_tree(tmp_path, second, previous=first)
    assert report.written == ["people/b.md", "visits/d.md"]
    assert report.removed == ["people/c.md"]
    assert (tmp_path / "a.md").stat().st_mtime_ns == times["a.md"]
    assert {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()} == set(
        second
    )
    # Without `previous`, the tree on disk is compared byte for byte; stray files go.
    (tmp_path / "stray.md").write_bytes(b"x")
    report = sync_tree(tmp_path, second)
    assert report.written == [] and report.removed == ["stray.md"] and report.unchanged == 3
    sync_tree(tmp_path, {"a.md": b"a"})
    assert not (tmp_path / "people").exists() and not (tmp_path / "visits").exists()


def test_the_watcher_names_changed_data_files_as_pages_depend_on_them(data_copy: Path) -> None:
    root = data_copy.parent
    shutil.copytree(CONTENT, root / "content")
    project = Project.at(root, data_dir=data_copy)
    before = snapshot(project)
    person = data_copy / "people" / "ali-larijani.yml"
    person.write_text(person.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    (data_copy / "visits" / "2025-10-naqvi-iran.yml").unlink()
    changed = changed_files(before, snapshot(project))
    assert dependency_keys(project, changed) == {
        "site_data/people/ali-larijani.yml",
        "site_data/visits/2025-10-naqvi-iran.yml",
    }
    page = root / "content" / "en" / "about.md"
    page.write_text("# About\n", encoding="utf-8")
    assert dependency_keys(project, changed_files(before, snapshot(project))) is not None
    template = str(ROOT / "templates" / "person.md.j2")
    assert dependency_keys(project, {template}) is None


def test_check_cache_reads_only_changed_files(data_copy: Path, monkeypatch: Any) -> None:
    import generator.data.check as check_module

    cache = CheckCache()
    check(data_copy, cache)
    read: list[str] = []
    real = check_module.read_yaml

    def counting(path: Path, display: str) -> Any:
        read.append(path.name)
        return real(path, display)

    monkeypatch.setattr(check_module, "read_yaml", counting)
    person = data_copy / "people" / "ali-larijani.yml"
    person.write_text(person.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = check(data_copy, cache)
    assert read == ["ali-larijani.yml"]
    assert result.diagnostics == check(data_copy).diagnostics


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_preview_writes_what_a_fresh_build_writes(data_copy: Path) -> None:
    from generator.pipeline import prepare
    from generator.write.generate import Incremental

    root = data_copy.parent
    shutil.copytree(CONTENT, root / "content")
    shutil.copy2(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    preview = Project.at(root, data_dir=data_copy, build_dir=root / "preview")
    state = Incremental()
    assert prepare(preview, lambda line: None, incremental=state).ok
    before = snapshot(preview)
    edited = _rename_person(data_copy) + _retitle_source(data_copy)
    times = {p: p.stat().st_mtime_ns for p in preview.docs_dir("en").rglob("*.md")}
    state.add_changes(dependency_keys(preview, changed_files(before, snapshot(preview))))
    assert state.changed == {_key(data_copy, path) for path in edited}
    assert prepare(preview, lambda line: None, incremental=state).ok
    fresh = Project.at(root, data_dir=data_copy, build_dir=root / "fresh")
    assert prepare(fresh, lambda line: None).ok
    for lang in ("en", "ar"):
        assert _tree(preview.docs_dir(lang)) == _tree(fresh.docs_dir(lang))
    # Pages that do not show the renamed person or the retitled source were not rewritten.
    untouched = preview.docs_dir("en") / "people" / "mohsin-naqvi.md"
    assert untouched.stat().st_mtime_ns == times[untouched]
    assert 0 < state.last_rendered < len(times)


def test_an_organization_in_a_new_country_gets_that_country_a_page(data_copy: Path) -> None:
    def move(data_dir: Path) -> list[Path]:
        path = data_dir / "organizations" / "irna.yml"
        data = _load(path)
        data["country"] = "JP"
        _save(path, data)
        return [path]

    incremental, _ = _assert_incremental_equals_full(data_copy, move)
    assert "countries/jp.md" in incremental.trees["en"]
