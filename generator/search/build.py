"""Index one language's built site for the offline bundle: every page with an indexed article,
in url order, read one at a time (`pages.read_page`) into the index's writer (`shards`)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from generator.search.pages import read_page
from generator.search.shards import FOLDER, IndexWriter


@dataclass(frozen=True)
class OfflineIndex:
    seconds: float
    pages: int
    files: int
    size: int


def index_language(lang_dir: Path) -> OfflineIndex:
    started = time.perf_counter()
    writer = IndexWriter(lang_dir)
    pages = 0
    for path in sorted(lang_dir.rglob("*.html"), key=lambda p: p.relative_to(lang_dir).as_posix()):
        url = path.relative_to(lang_dir).as_posix()
        if url.startswith(f"{FOLDER}/"):
            continue
        page = read_page(url, path.read_text(encoding="utf-8"))
        if page is not None:
            writer.add(page)
            pages += 1
    written = writer.finish()
    return OfflineIndex(time.perf_counter() - started, pages, written.files, written.size)
