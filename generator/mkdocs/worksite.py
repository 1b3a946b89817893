"""The work site: each language's MkDocs output kept between builds (`build/cache/site/<lang>`),
which an incremental publish builds again in MkDocs' dirty mode, only for the pages whose
Markdown changed, and from which each publish's staging folder is made with hard links.

The published site and the work site share the inodes of every unchanged file (a hard link
costs nothing, a copy of a newsroom's site is most of a gigabyte). So nothing is ever
written into a work site's file in place: before a dirty build, every file that MkDocs will
write again, and every file that nothing makes any more, is removed (`prune`); MkDocs then
writes new files, and the published site keeps the old ones until it is replaced.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path

# path -> (size, modification time in ns, inode): a file replaced or rewritten differs.
Snapshot = dict[str, tuple[int, int, int]]


def _walk(folder: Path) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(relative POSIX path, entry) of every file below `folder`, in one `scandir` walk."""
    pending = [""]
    while pending:
        relative = pending.pop()
        with os.scandir(folder / relative if relative else folder) as entries:
            for entry in entries:
                path = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(path)
                else:
                    yield path, entry


def snapshot(folder: Path, skip: str | None = None) -> Snapshot:
    """Every file below `folder` (none if it is not there), but those below `skip`."""
    if not folder.is_dir():
        return {}
    found: Snapshot = {}
    for path, entry in _walk(folder):
        if skip is not None and path.startswith(f"{skip}/"):
            continue
        info = entry.stat(follow_symlinks=False)
        found[path] = (info.st_size, info.st_mtime_ns, info.st_ino)
    return found


def signature(files: Snapshot) -> str:
    """One digest of a snapshot: two folders with the same signature hold the same files.
    Sizes and modification times, not inodes: a cache saved and restored elsewhere (an
    archive, as CI keeps `build/cache`) keeps those, with their nanoseconds, and no inode."""
    digest = hashlib.sha256()
    for path in sorted(files):
        size, modified, _ = files[path]
        digest.update(f"{path}\0{size}\0{modified}\n".encode())
    return digest.hexdigest()


@dataclass
class Changes:
    """What a build changed in one language's site: files added, changed and removed."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def pages(self) -> Changes:
        """Only the HTML pages."""

        def html(paths: list[str]) -> list[str]:
            return [path for path in paths if path.endswith(".html")]

        return Changes(html(self.added), html(self.changed), html(self.removed))


def changes(before: Snapshot, after: Snapshot) -> Changes:
    return Changes(
        added=sorted(after.keys() - before.keys()),
        changed=sorted(p for p in after.keys() & before.keys() if after[p] != before[p]),
        removed=sorted(before.keys() - after.keys()),
    )


def prune(site_dir: Path, keep: Collection[str]) -> int:
    """Before a dirty build: remove every file of `site_dir` but those in `keep` (relative
    POSIX paths: the output of the files MkDocs will not write again), then the folders
    left empty. Return how many files went."""
    if not site_dir.is_dir():
        return 0
    kept = set(keep)
    removed = 0
    folders: set[str] = set()
    for path, entry in list(_walk(site_dir)):
        folder = path.rpartition("/")[0]
        while folder:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
        if path not in kept:
            os.unlink(entry.path)
            removed += 1
    for folder in sorted(folders, key=lambda f: -f.count("/")):
        with os.scandir(site_dir / folder) as entries:
            empty = next(entries, None) is None
        if empty:
            os.rmdir(site_dir / folder)
    return removed


def link_tree(source: Path, target: Path) -> int:
    """`target` made to hold every file of `source` as a hard link (the same inode: see the
    module's docstring). Return the number of files."""
    target.mkdir(parents=True, exist_ok=True)
    count = 0
    made: set[str] = set()
    for path, entry in _walk(source):
        folder = path.rpartition("/")[0]
        if folder and folder not in made:
            (target / folder).mkdir(parents=True, exist_ok=True)
            made.add(folder)
        os.link(entry.path, target / path)
        count += 1
    return count
