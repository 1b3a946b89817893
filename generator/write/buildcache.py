"""The build cache (`build/cache/`): what a publish keeps for the next one to redo only what an
edit of the data changed. Safe to delete: the next build is then a full one.

What it holds, and what makes it valid (all of it below `build/cache/`, which CI saves and
restores as one folder):

- `state.pickle`: the checked data of the last build (with the check's per-file cache,
  `data.check.CheckCache`), its relations, and what each generated page read of them
  (generator/render/deps.py). With it, a build renders again only the pages whose reads
  changed, and keeps every other page's Markdown on disk as it is.
- `docs/<lang>/`: each language's generated docs tree (`Project.docs_dir`).
- `site/<lang>/`: each language's MkDocs output (the work site, generator/mkdocs/worksite.py).
- `search/<lang>/`: each language's last search index (Pagefind's).
- `manifest.json`, written last, atomically, once the site is published: the cache key, and
  the signatures of the docs trees and work sites as that build left them, and of the state
  file. The build removes it before it changes anything, so a build that stops half-way
  leaves no manifest, and the next build is a full one.

The cache key (`cache_key`) covers everything but the data that a page's bytes depend on:
the generator's own code and assets, the templates, the theme's overrides, the hand-written
pages, mkdocs.yml, the pinned and installed versions of every package, Python's version and
the build's options. Any change of those makes a full build: a stale cache can only cost
time, never give a different site.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.data.check import CheckCache
from generator.data.dataset import Dataset
from generator.model.resolve import Relations
from generator.project import Project
from generator.render.deps import Read
from generator.render.environment import TEMPLATE_DIR
from generator.render.urls import feed_of
from generator.write.writer import SyncReport, file_entries

GENERATOR_DIR = Path(__file__).resolve().parents[1]
# The code's own files a built page depends on, beside the project's hand-written pages and
# mkdocs.yml: the generator (its catalogs and assets too), the page templates, the theme's
# overrides (generator/mkdocs/configs.py), and the pinned dependencies.
CODE_SOURCES = {
    "generator": GENERATOR_DIR,
    "templates": TEMPLATE_DIR,
    "overrides": GENERATOR_DIR.parent / "overrides",
    "requirements.lock": GENERATOR_DIR.parent / "requirements.lock",
    "pyproject.toml": GENERATOR_DIR.parent / "pyproject.toml",
}
MANIFEST = "manifest.json"
STATE = "state.pickle"
NEXT_STATE = "state.next.pickle"
# What a cache written by another version of this module holds may mean something else.
FORMAT = 1


def cache_dir(project: Project) -> Path:
    return project.build_dir / "cache"


def search_cache(project: Project) -> Path:
    """Where each language's last search index is kept (`<this>/<lang>`, hard links)."""
    return cache_dir(project) / "search"


def work_site(project: Project) -> Path:
    """Where each language's MkDocs output is kept between builds (`<this>/<lang>`)."""
    return cache_dir(project) / "site"


@dataclass
class CachedState:
    """What the last build made its pages from (see the module's docstring)."""

    check_cache: CheckCache
    dataset: Dataset
    relations: Relations
    reads: dict[str, frozenset[Read]] = field(default_factory=dict)


def _files_below(folder: Path) -> Iterable[Path]:
    if folder.is_file():
        yield folder
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            yield path


def cache_key(project: Project, options: Mapping[str, Any]) -> str:
    """One digest of everything but the data that the built site depends on."""
    digest = hashlib.sha256()
    digest.update(f"format {FORMAT}\npython {sys.version}\n".encode())
    digest.update(json.dumps(dict(options), sort_keys=True, default=str).encode())
    digest.update(f"directory_urls {project.directory_urls}\n".encode())
    sources = {**CODE_SOURCES, "content": project.content_dir, "mkdocs.yml": project.config_file}
    for name, root in sorted(sources.items()):
        if not root.exists():
            digest.update(f"{name} absent\n".encode())
            continue
        for path in _files_below(root):
            relative = path.relative_to(root).as_posix() if root.is_dir() else ""
            digest.update(f"{name}/{relative}\0{path.stat().st_size}\0".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    installed = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in metadata.distributions()
    )
    digest.update("\n".join(installed).encode())
    return digest.hexdigest()


def _stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def valid_state(project: Project, key: str, signatures: Mapping[str, str]) -> Path | None:
    """The state file of the last build, if the cache is valid for this one: the same key,
    and the docs trees and work sites as it left them (`signatures`); else None."""
    folder = cache_dir(project)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        state = folder / STATE
        if (
            manifest.get("key") != key
            or manifest.get("signatures") != dict(signatures)
            or manifest.get("state") != _stamp(state)
        ):
            return None
    except (OSError, ValueError):
        return None
    return state


def invalidate(project: Project) -> None:
    """Before a build changes the docs trees or the work sites: the cache no longer says
    what they hold until `commit` says it again."""
    folder = cache_dir(project)
    (folder / MANIFEST).unlink(missing_ok=True)
    (folder / NEXT_STATE).unlink(missing_ok=True)


def load_state(path: Path) -> CachedState:
    with path.open("rb") as handle:
        state = pickle.load(handle)
    assert isinstance(state, CachedState), path
    return state


def save_next_state(project: Project, state: CachedState) -> None:
    """The state of this build, kept aside until `commit` (the site is not published yet)."""
    folder = cache_dir(project)
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / NEXT_STATE).open("wb") as handle:
        pickle.dump(state, handle, protocol=pickle.HIGHEST_PROTOCOL)


def commit(project: Project, key: str, signatures: Mapping[str, str]) -> bool:
    """Once the site is published: the next state becomes the state, then the manifest says
    so, written beside and renamed (atomic). False when this build saved no state."""
    folder = cache_dir(project)
    if not (folder / NEXT_STATE).is_file():
        return False
    os.replace(folder / NEXT_STATE, folder / STATE)
    manifest = {"key": key, "signatures": dict(signatures), "state": _stamp(folder / STATE)}
    temporary = folder / f".{MANIFEST}.tmp"
    temporary.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", "utf-8")
    os.replace(temporary, folder / MANIFEST)
    return True


def touch_dependents(targets: Mapping[str, Path], reports: Mapping[str, SyncReport]) -> int:
    """A page's HTML also shows whether two other docs files exist: its Atom feed (the hook
    links the head to it only then) and its twin in another language (hreflang). Each page
    whose Markdown was kept but one of those appeared or went is made newer than its HTML,
    so that MkDocs' dirty build makes it again. Return how many."""
    came_or_went = {
        lang: set(report.added) | set(report.removed) for lang, report in reports.items()
    }
    touched = 0
    for lang, target in targets.items():
        written = set(reports[lang].written) if lang in reports else set()
        twins = set().union(*(paths for other, paths in came_or_went.items() if other != lang))
        for page in _markdown_pages(target):
            if page in written:
                continue
            if page in twins or feed_of(page) in came_or_went.get(lang, ()):
                os.utime(target / page)
                touched += 1
    return touched


def _markdown_pages(folder: Path) -> Iterable[str]:
    start = len(str(folder)) + 1
    for entry in file_entries(folder):
        if entry.name.endswith(".md"):
            yield entry.path[start:].replace(os.sep, "/")
