"""Writing a generated tree to disk: only what changed, and nothing stale left behind.

A file whose bytes are unchanged is not rewritten, so its modification time stays and
MkDocs' live reload has nothing to do for it. Files that the plan no longer contains are
removed, so a deleted person does not linger as a page.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)


def sync_tree(target: Path, files: Mapping[str, bytes]) -> SyncReport:
    """Make `target` hold exactly `files` (relative POSIX path -> bytes)."""
    report = SyncReport()
    target.mkdir(parents=True, exist_ok=True)
    for relative in sorted(files):
        content = files[relative]
        path = target / relative
        if path.is_file() and path.stat().st_size == len(content) and path.read_bytes() == content:
            report.unchanged += 1
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: a reader (MkDocs' watcher) never sees half a file.
        temporary = path.with_name(f".{path.name}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, path)
        report.written.append(relative)
    wanted = set(files)
    for path in sorted(target.rglob("*"), reverse=True):
        relative = path.relative_to(target).as_posix()
        if path.is_file() and relative not in wanted:
            path.unlink()
            report.removed.append(relative)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return report
