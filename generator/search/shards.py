"""The offline index of one language, written as classic scripts under `<lang>/sijill-search/`
(file:// loads a classic script where it refuses modules, fetch and WebAssembly). Each script
calls `sijillSearch.load(name, data)`; a query loads the head, then only the shards of its
words' first letters, then the text chunks of the results it shows:

- `head.js`     the rules of `terms`, the ranking's weights, every page's url, title, length
                and filter values, the filters' names and values, the number of shards;
- `t<N>.js`     the terms whose first two letters hash to N: for each, its pages and weights
                (`t`), and the pages whose names it is in, with the names field's weight (`n`);
- `x<N>.js`     the visible text of pages N*CHUNK … for the excerpts.

Deterministic: pages in url order, terms sorted, JSON with sorted keys; the same pages give
the same bytes.
"""

from __future__ import annotations

import json
import math
from array import array
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.search.pages import IndexedPage
from generator.search.ranking import RANKING
from generator.search.terms import rules, terms

FOLDER = "sijill-search"
PREFIX = 2  # a term's shard is decided by its first letters: a query word's prefix finds it
CHUNK = 40  # pages per text chunk
SHARD_BYTES = 48_000  # about this much per term shard
MIN_SHARDS, MAX_SHARDS = 8, 4096
# How much a match in a page's names field lifts it: the published site's own weights.
META_WEIGHTS: dict[str, int] = RANKING["metaWeights"]


def shard_key(term: str) -> str:
    return term[:PREFIX]


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over the key's code points, as the query's script computes it."""
    value = 0x811C9DC5
    for char in key:
        value ^= ord(char)
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value % shards


@dataclass(frozen=True)
class Written:
    files: int
    size: int


def _script(name: str, data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # "</" cannot end a script here (these are files, not inline), but U+2028/9 once broke
    # JavaScript string literals: escaped all the same.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"sijillSearch.load({json.dumps(name)},{text});\n"


class IndexWriter:
    """The index of one language, page by page in url order (a page's weights are folded into
    the postings as it comes: the pages are never all held at once), written by `finish`."""

    def __init__(self, lang_dir: Path) -> None:
        self.out = lang_dir / FOLDER
        self.postings: dict[str, array[int]] = defaultdict(lambda: array("i"))
        self.names: dict[str, array[int]] = defaultdict(lambda: array("i"))
        self.rows: list[list[Any]] = []  # url, title, words, {filter: [values]}
        self.texts: list[str] = []  # the current chunk's
        self.files: dict[str, str] = {}
        self.last_url = ""

    def add(self, page: IndexedPage) -> None:
        if self.rows and page.url <= self.last_url:
            raise ValueError(f"pages out of url order: {page.url} after {self.last_url}")
        self.last_url = page.url
        number = len(self.rows)
        for term, weight in page.weights.items():
            self.postings[term].extend((number, weight))
        if page.names:
            field_weight = int(META_WEIGHTS.get(page.names_field, 1))
            for term in sorted(set(terms(page.names))):
                self.names[term].extend((number, field_weight))
        self.rows.append([page.url, page.title, page.length, page.filters])
        self.texts.append(page.text)
        if len(self.texts) == CHUNK:
            self._flush_texts()

    def _flush_texts(self) -> None:
        if self.texts:
            number = (len(self.rows) - 1) // CHUNK
            self.files[f"x{number}.js"] = _script(f"x{number}", self.texts)
            self.texts = []

    def finish(self) -> Written:
        """Write the head and the shards, replacing the folder's former files."""
        self._flush_texts()
        size = sum(len(term) + 8 * len(values) for term, values in self.postings.items())
        shards = min(MAX_SHARDS, max(MIN_SHARDS, math.ceil(size / SHARD_BYTES)))
        by_shard: dict[int, dict[str, dict[str, list[int]]]] = defaultdict(
            lambda: {"t": {}, "n": {}}
        )
        for part, table in (("t", self.postings), ("n", self.names)):
            for term in sorted(table):
                by_shard[shard_of(shard_key(term), shards)][part][term] = table[term].tolist()
        self.postings.clear()
        self.names.clear()
        for number, data in sorted(by_shard.items()):
            self.files[f"t{number}.js"] = _script(f"t{number}", data)
        self.files["head.js"] = _script("head", self._head(shards))
        self.out.mkdir(parents=True, exist_ok=True)
        for stale in self.out.glob("*.js"):
            if stale.name not in self.files:
                stale.unlink()
        for name, text in sorted(self.files.items()):
            (self.out / name).write_text(text, encoding="utf-8")
        return Written(
            files=len(self.files), size=sum(len(text.encode()) for text in self.files.values())
        )

    def _head(self, shards: int) -> dict[str, Any]:
        values: dict[str, set[str]] = defaultdict(set)
        for *_, filters in self.rows:
            for name, given in filters.items():
                values[name].update(given)
        ordered = {name: sorted(given) for name, given in sorted(values.items())}
        number = {(name, value): n for name, vs in ordered.items() for n, value in enumerate(vs)}
        pages = [
            [
                url,
                title,
                words,
                {
                    name: sorted({number[(name, value)] for value in given})
                    for name, given in sorted(filters.items())
                },
            ]
            for url, title, words, filters in self.rows
        ]
        return {
            "rules": rules(),
            "shards": shards,
            "chunk": CHUNK,
            "prefix": PREFIX,
            "titleWeight": int(META_WEIGHTS.get("title", 1)),
            "averageLength": round(sum(row[2] for row in self.rows) / max(1, len(self.rows)), 2),
            "filters": ordered,
            "pages": pages,
        }
