"""The search index: Arabic normalisation (matching assets/search-normalise.js), spooled to disk.

Readers type names without diacritics and with plain alef; the pages keep them as written.
Normalising both the index and the query makes "محمد باقر قاليباف" find "قالیباف"-style
variants that differ only in marks, while the page itself is untouched.

Material's search plugin keeps every section of every page in a list until the build ends, then
writes it as one JSON string with every Arabic letter as a six-byte `\\uXXXX` escape. At
newsroom scale that list and that string were the largest things a build held. The MkDocs hook
hands each page's new entries to a `SearchSpool` instead: normalised, written to a temporary
file as compact UTF-8 JSON, and taken out of the plugin's list. After the plugin has written
its (now empty) index, the spool writes the real one in its place, streamed from the file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Mapping, MutableSequence
from pathlib import Path
from typing import IO, Any

from generator.languages import arabic

# The project's one Arabic normalisation (generator/languages/arabic.py), at search strength.
normalise_arabic = arabic.normalise


def normalise_entries(entries: MutableSequence[dict[str, Any]], start: int = 0) -> None:
    """Normalise the title and text of `entries[start:]` in place."""
    for entry in entries[start:]:
        for key in ("title", "text"):
            if isinstance(entry.get(key), str):
                entry[key] = normalise_arabic(entry[key])


def _dumps(value: Any) -> str:
    # Material's own separators; UTF-8 rather than escapes (a third of the size in Arabic).
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class SearchSpool:
    """Search entries on their way to `search/search_index.json`, one page at a time."""

    def __init__(self) -> None:
        # Open across many MkDocs events, closed by write().
        self._file: IO[str] | None = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self._count = 0

    def take(self, entries: MutableSequence[dict[str, Any]]) -> None:
        """Normalise `entries`, spool them, and empty the list they came from."""
        assert self._file is not None, "the spool was already written"
        normalise_entries(entries)
        for entry in entries:
            self._file.write("," if self._count else "")
            self._file.write(_dumps(entry))
            self._count += 1
        del entries[:]

    def write(self, site_dir: Path) -> None:
        """Replace the index the plugin wrote (its settings, no entries) with the full one."""
        assert self._file is not None, "the spool was already written"
        index_path = site_dir / "search" / "search_index.json"
        written: Mapping[str, Any] = json.loads(index_path.read_text(encoding="utf-8"))
        assert not written.get("docs"), "the plugin wrote entries the spool did not take"
        settings = {key: value for key, value in written.items() if key != "docs"}
        partial = index_path.with_name(index_path.name + ".partial")
        with partial.open("w", encoding="utf-8") as out:
            head = _dumps(settings)[:-1] + ("," if settings else "")
            out.write(head + '"docs":[')
            self._file.seek(0)
            shutil.copyfileobj(self._file, out)
            out.write("]}")
        os.replace(partial, index_path)
        self._file.close()
        self._file = None
