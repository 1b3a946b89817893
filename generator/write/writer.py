"""Writing a generated tree to disk: only what changed, and nothing stale left behind.

A file whose bytes are unchanged is not rewritten, so its modification time stays and
MkDocs' live reload has nothing to do for it. Files that the plan no longer contains are
removed, so a deleted person does not linger as a page.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)  # new or changed
    added: list[str] = field(default_factory=list)  # of those, new
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def file_entries(folder: Path) -> Iterator[os.DirEntry[str]]:
    """Every file below `folder`, in one `scandir` walk (a stat per `Path` of an `rglob`
    cost a good part of a core at tens of thousands of files)."""
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                else:
                    yield entry


def _existing(target: Path) -> tuple[dict[str, int], list[str]]:
    """Every file below `target` with its size, and every folder (deepest last), in one walk."""
    files: dict[str, int] = {}
    folders: list[str] = []
    pending = [""]
    while pending:
        folder = pending.pop()
        with os.scandir(target / folder if folder else target) as entries:
            for entry in entries:
                relative = f"{folder}/{entry.name}" if folder else entry.name
                if entry.is_dir(follow_symlinks=False):
                    folders.append(relative)
                    pending.append(relative)
                else:
                    files[relative] = entry.stat(follow_symlinks=False).st_size
    return files, folders


class StaleTree(Exception):
    """A file the build cache said was on disk is not: the cache cannot be trusted."""


class PathClash(Exception):
    """Two sources would write one path: the build refuses rather than keep either."""


class Claims:
    """Who writes each path of a tree. Every file of a docs tree is claimed here before it is
    written or kept, so a path is never written twice: a second claim raises PathClash naming
    both sources (two pages at one path is a bug to refuse, not to resolve silently)."""

    def __init__(self, tree: str) -> None:
        self.tree = tree
        self._sources: dict[str, str] = {}

    def claim(self, relative: str, source: str) -> None:
        first = self._sources.get(relative)
        if first is None:
            self._sources[relative] = source
        else:
            raise PathClash(
                f"{self.tree}/{relative} would be written twice: from {first} and from {source}"
            )

    def __contains__(self, relative: object) -> bool:
        return relative in self._sources


class TreeWriter:
    """Makes `target` hold exactly the files `put` into it, one at a time, then `finish`.

    `previous` is what an earlier run wrote to `target` (the live preview keeps it): a file
    with the same bytes there is known to be on disk and is neither read nor written, and
    only files that `previous` had are candidates for removal, so no folder is walked.
    Without it, the folder is walked once, and a file of the same size is read and compared.
    One file at a time: a full build writes each page as soon as it is rendered, and never
    holds a language's whole tree.
    """

    def __init__(
        self, target: Path, previous: Mapping[str, bytes] | None = None, tree: str = ""
    ) -> None:
        self.target = target
        self.previous = previous
        self.report = SyncReport()
        self._put = Claims(tree or target.as_posix())
        self._folders: list[str] = []
        self._known: set[str] | None
        if previous is not None and target.is_dir():
            self._existing = {path: len(content) for path, content in previous.items()}
            self._known = None
        else:
            target.mkdir(parents=True, exist_ok=True)
            self._existing, self._folders = _existing(target)
            self._known = set(self._folders)
            self.previous = None

    def put(self, relative: str, content: bytes, source: str = "the generator") -> None:
        """Write `content` at `relative`, made from `source` (named if another claims it)."""
        self._put.claim(relative, source)
        report, existing, previous = self.report, self._existing, self.previous
        if previous is not None and relative in existing:
            before = previous[relative]
            if before is content or before == content:
                report.unchanged += 1
                return
        path = self.target / relative
        if (
            previous is None
            and existing.get(relative) == len(content)
            and path.read_bytes() == content
        ):
            report.unchanged += 1
            return
        folder = relative.rpartition("/")[0]
        known = self._known
        if folder and (known is None or folder not in known):
            path.parent.mkdir(parents=True, exist_ok=True)
            if known is not None:
                known.update(_ancestors(folder))
        if relative in existing:
            # Write beside, then rename: a reader (MkDocs' watcher) never sees half a file.
            temporary = path.with_name(f".{path.name}.tmp")
            temporary.write_bytes(content)
            os.replace(temporary, path)
        else:
            # A new file has no reader yet, and a rename per file cost a fresh build as much
            # as the writing itself.
            path.write_bytes(content)
            report.added.append(relative)
        report.written.append(relative)

    def keep(self, relative: str, source: str = "the generator") -> None:
        """Leave the file at `relative` as an earlier run wrote it (the build cache knows it is
        unchanged, generator/write/buildcache.py); it counts as put. A file that is not there
        is a stale cache: StaleTree, and the build starts again from scratch."""
        self._put.claim(relative, source)
        if relative not in self._existing:
            raise StaleTree(f"{self.target / relative} was expected from the last build")
        self.report.unchanged += 1

    def finish(self) -> SyncReport:
        """Remove what was not put, and the folders left empty; say what was done."""
        report, target = self.report, self.target
        emptied: set[str] = set()
        for relative in sorted(self._existing, reverse=True):
            if relative not in self._put:
                (target / relative).unlink(missing_ok=True)
                report.removed.append(relative)
                emptied.update(_ancestors(relative.rpartition("/")[0]))
        # Folders left empty go too, deepest first.
        for folder in sorted(emptied | set(self._folders), key=lambda f: (-f.count("/"), f)):
            path = target / folder
            if path.is_dir() and not any(path.iterdir()):
                path.rmdir()
        report.written.sort()
        report.added.sort()
        return report


def sync_tree(
    target: Path, files: Mapping[str, bytes], previous: Mapping[str, bytes] | None = None
) -> SyncReport:
    """Make `target` hold exactly `files` (relative POSIX path -> bytes); see `TreeWriter`."""
    writer = TreeWriter(target, previous)
    for relative in sorted(files):
        writer.put(relative, files[relative])
    return writer.finish()


def _ancestors(folder: str) -> list[str]:
    """'a/b/c' -> ['a/b/c', 'a/b', 'a']; '' -> []."""
    parts = folder.split("/") if folder else []
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]
