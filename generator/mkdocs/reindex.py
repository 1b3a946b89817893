"""The search index of an incremental publish: only the Pagefind shards (`mkdocs.pagefind`)
that hold a page whose HTML changed are indexed again; every other shard is the last
build's, kept in the build cache (`build/cache/search/<lang>/`) and put in place with hard
links. A shard is kept only when the plan gives it the same folder and the same globs as the
last build's did (an added group of pages, a new year of visits, moves the packing: the
shards it moves are indexed again) and none of its pages was added, changed or removed.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from generator.mkdocs import pagefind
from generator.mkdocs.lock import remove_path
from generator.mkdocs.pagefind import (
    IndexRun,
    finish_index,
    index_shard,
    plan_shards,
    shard_holding,
)
from generator.mkdocs.worksite import Changes, link_tree

PLAN_FILE = "shards.json"  # beside the kept index: each shard's folder and globs


@dataclass(frozen=True)
class IndexUpdate:
    run: IndexRun
    indexed: int  # shards indexed again
    kept: int  # shards kept from the last build


def update_index(site_dir: Path, lang: str, changed: Changes, cache: Path) -> IndexUpdate:
    """`<site_dir>/pagefind/` for the site's pages as they are now, given the pages whose
    HTML `changed` since the index kept in `cache` was made; then `cache` holds this one."""
    shards = plan_shards(site_dir, pagefind.SHARD_PAGES)
    last = _last_plan(cache)
    touched = {
        shard.folder
        for page in (*changed.added, *changed.changed, *changed.removed)
        if (shard := shard_holding(shards, page)) is not None
    }
    # Shard folders nest (`pagefind/` holds `pagefind/sources/`): a shard's own files are
    # those under its folder that are under no other shard's, of this plan or the last.
    folders = {shard.folder for shard in shards} | set(last)
    runs = []
    kept = 0
    for shard in shards:
        if shard.folder not in touched and last.get(shard.folder) == list(shard.globs):
            _link_own(cache / shard.folder, site_dir / shard.folder, shard.folder, folders)
            kept += 1
        else:
            runs.append(index_shard(site_dir, lang, shard))
    run = finish_index(site_dir, shards, runs)
    remove_path(cache)
    link_tree(site_dir / "pagefind", cache / "pagefind")
    plan = {shard.folder: list(shard.globs) for shard in shards}
    (cache / PLAN_FILE).write_text(json.dumps(plan, indent=1, sort_keys=True) + "\n", "utf-8")
    return IndexUpdate(run, len(runs), kept)


def _last_plan(cache: Path) -> dict[str, list[str]]:
    """The shards of the kept index; none when there is no kept index to take them from."""
    try:
        plan = json.loads((cache / PLAN_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(plan, dict) or not (cache / "pagefind").is_dir():
        return {}
    return plan


def _link_own(source: Path, target: Path, folder: str, folders: set[str]) -> None:
    """Hard links in `target` to the files of `source` (the shard at `folder`) that belong to
    no shard nested in it."""
    nested = {
        other.removeprefix(f"{folder}/") for other in folders if other.startswith(f"{folder}/")
    }
    for root, dirs, files in os.walk(source):
        relative = Path(root).relative_to(source).as_posix()
        relative = "" if relative == "." else relative
        dirs[:] = [d for d in dirs if (f"{relative}/{d}" if relative else d) not in nested]
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in files:
            os.link(Path(root) / name, target / relative / name)
