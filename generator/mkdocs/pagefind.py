"""The published site's search: Pagefind (https://pagefind.app), a chunked static index that a
query loads only the fragments of, run over each language's built HTML after its MkDocs build.

Two parts:

- `mark_page`, called by the MkDocs hook on every page: Pagefind's markup. The article is the
  indexed body (`data-pagefind-body`: the header, navigation, breadcrumbs and footer are left
  out); its heading weighs most; a hidden block at the article's end holds the entity's other
  names as written (the page's `sijill_search`, made by `generator/render/search.py`),
  weighted like a heading (their folded forms are in the names field only: an excerpt never
  shows them); the kind of page, its years and countries are filters; the title is the page's as
  written. Table headers, permalink marks and the "last updated" line are not indexed, so
  excerpts are the page's sentences. Pages without an article (redirects, cards) are not
  indexed.
- `index_site`, one Pagefind run per language into `<lang>/pagefind/`, from the `pagefind_bin`
  wheel's binary (no Node, no download): one language per run, because the indexer's memory
  grows with the pages of a run.

The offline bundle has an index of its own (`generator.search`), read from this same markup:
Pagefind's ES modules and WebAssembly do not load from file://.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from generator.parallel import ending_with_us
from generator.project import BuildError
from generator.search.ranking import NAMES_META, NAMES_WEIGHT, TITLE_WEIGHT

_ARTICLE = '<article class="md-content__inner md-typeset">'
_H1 = re.compile(r"<h1\b")
_NOT_INDEXED = (
    ('<a class="headerlink"', '<a class="headerlink" data-pagefind-ignore'),
    ("<thead>", "<thead data-pagefind-ignore>"),
    ('<p class="sijill-updated">', '<p class="sijill-updated" data-pagefind-ignore>'),
)


def mark_page(
    output: str, title: str, search: dict[str, Any] | None, labels: dict[str, str]
) -> str:
    """The page's HTML with Pagefind's markup (see the module's docstring). `labels` names
    the filters and the kinds of page in the page's language (`search_filter_*`,
    `search_kind_*` of the catalogs)."""
    head, found, rest = output.partition(_ARTICLE)
    if not found:
        return output
    body, end, tail = rest.rpartition("</article>")
    if not end:
        return output
    body = _H1.sub(Markup('<h1 data-pagefind-weight="{}"').format(TITLE_WEIGHT), body, count=1)
    for plain, marked in _NOT_INDEXED:
        body = body.replace(plain, marked)
    facts = Markup('<span data-pagefind-meta="title">{}</span>').format(title)
    names: list[str] = []
    if search is not None:
        filters = [(labels["search_filter_kind"], labels[f"search_kind_{search['kind']}"])]
        filters += [(labels["search_filter_year"], str(year)) for year in search["years"]]
        filters += [(labels["search_filter_country"], name) for name in search["countries"]]
        for name, value in filters:
            facts += Markup('<span data-pagefind-filter="{}">{}</span>').format(name, value)
        names = list(search["names"])
        searched = names + list(search.get("folded", ()))
        if searched and search["kind"] in NAMES_META:
            facts += Markup('<span data-pagefind-meta="{}">{}</span>').format(
                NAMES_META[search["kind"]], " · ".join(searched)
            )
    block = Markup("<div hidden data-pagefind-ignore>{}</div>").format(facts)
    if names:
        block += Markup('<div hidden data-pagefind-weight="{}">{}</div>').format(
            NAMES_WEIGHT, Markup(" · ").join(escape(name) for name in names)
        )
    article = found.replace("<article ", "<article data-pagefind-body ", 1)
    return f"{head}{article}{body}{block}\n{end}{tail}"


def page_search(meta: dict[str, Any]) -> dict[str, Any] | None:
    text = meta.get("sijill_search")
    return json.loads(text) if isinstance(text, str) else None


@dataclass(frozen=True)
class IndexRun:
    """One Pagefind run: its seconds, its peak memory (the indexer's, in bytes), the index's
    files and bytes."""

    seconds: float
    peak_rss: int
    files: int
    size: int


def pagefind_binary() -> Path:
    from pagefind_bin import get_executable  # type: ignore[import-untyped]

    return Path(get_executable())


# Pages per Pagefind run: the indexer's memory grows with the pages of one run (about 150 KB
# a page of ours; BENCHMARKS.md "Search at 2,000 + 10,000"), so a language of more pages is
# indexed in shards, each its own bundle, that the search box merges at query time
# (Pagefind's `mergeIndex`; the WebAssembly loads once, each shard adds its entry, its
# metadata and the chunks of the query's words).
SHARD_PAGES = 3_000
SHARDS_FILE = "sijill-shards.json"  # in the main bundle: the other bundles, for the box


@dataclass(frozen=True)
class Shard:
    """One Pagefind run: its bundle's folder (relative to the language's site) and the
    globs of the pages it indexes."""

    folder: str
    globs: tuple[str, ...]
    pages: int

    @property
    def glob(self) -> str:
        return self.globs[0] if len(self.globs) == 1 else "{" + ",".join(self.globs) + "}"


def _group(relative: Path) -> str:
    """A page's group, the unit shards are made of: its top folder, and for visits the year
    their ids begin with ("visits/2025"); top-level pages are "" (the main bundle's)."""
    parts = relative.parts
    if len(parts) == 1:
        return ""
    if parts[0] == "visits" and len(parts) > 2 and re.match(r"\d{4}-", parts[1]):
        return f"visits/{parts[1][:4]}"
    return parts[0]


def _glob(relative: Path) -> str:
    """The glob that finds a page with the others of its group, and no page of another."""
    parts = relative.parts
    if len(parts) == 1:
        return "*.html"
    if parts[0] != "visits":
        return f"{parts[0]}/**/*.html"
    if len(parts) == 2:
        return "visits/*.html"
    if re.match(r"\d{4}-", parts[1]):
        return f"visits/{parts[1][:4]}-*/**/*.html"
    return f"visits/{parts[1]}/**/*.html"


# Shards rank their own pages: a page's score depends on its shard's word statistics. The
# pages a name should find first (people, countries, organizations, relations: what the
# `names` field lifts) stay together in the main bundle; sources, then visits by year, go to
# the others.
_LATER = {"sources": 1, "visits": 2}


def _shard_order(group: str) -> tuple[int, str]:
    return (_LATER.get(group.split("/")[0], 0), group)


def plan_shards(site_dir: Path, budget: int = SHARD_PAGES) -> list[Shard]:
    """The runs that index `site_dir`: groups of pages in order, packed into runs of at
    most `budget` pages (a larger group is a run of its own); the first is the main bundle,
    `pagefind/`, the others `pagefind/<first group>/`. One run when the site is small."""
    counts: dict[str, int] = {}
    globs: dict[str, set[str]] = {}
    indexed: set[str] = set()
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir)
        if relative.parts[0] == "pagefind":
            continue
        group = _group(relative)
        counts[group] = counts.get(group, 0) + 1
        globs.setdefault(group, set()).add(_glob(relative))
        # A run whose pages have no `data-pagefind-body` would index them whole (cards,
        # redirects): groups without one are left out.
        if group not in indexed and "data-pagefind-body" in path.read_text(encoding="utf-8"):
            indexed.add(group)
    packed: list[list[str]] = []
    sizes: list[int] = []
    for group in sorted((g for g in counts if g in indexed or not g), key=_shard_order):
        if packed and sizes[-1] + counts[group] <= budget:
            packed[-1].append(group)
            sizes[-1] += counts[group]
        else:
            packed.append([group])
            sizes.append(counts[group])
    return [
        Shard(
            folder="pagefind" if n == 0 else "pagefind/" + groups[0].replace("/", "-"),
            globs=tuple(sorted({glob for group in groups for glob in globs[group]})),
            pages=size,
        )
        for n, (groups, size) in enumerate(zip(packed, sizes, strict=True))
    ]


def index_site(site_dir: Path, lang: str, budget: int = SHARD_PAGES) -> IndexRun:
    """Index one language's built site into `<site_dir>/pagefind/`, in shards of at most
    `budget` pages, one after the other; the main bundle lists the others in SHARDS_FILE."""
    shards = plan_shards(site_dir, budget)
    runs = [index_shard(site_dir, lang, shard) for shard in shards]
    return finish_index(site_dir, shards, runs)


def finish_index(site_dir: Path, shards: list[Shard], runs: list[IndexRun]) -> IndexRun:
    """Once every shard is in place: the main bundle lists the others in SHARDS_FILE; the
    runs' seconds and peak, and the index's files and bytes."""
    listing = [shard.folder.removeprefix("pagefind/") + "/" for shard in shards[1:]]
    listed = site_dir / "pagefind" / SHARDS_FILE
    # A new file, never written in place: a kept bundle's is a hard link to the last build's.
    listed.unlink(missing_ok=True)
    listed.write_text(json.dumps(listing, indent=1) + "\n", encoding="utf-8")
    files = [path for path in (site_dir / "pagefind").rglob("*") if path.is_file()]
    return IndexRun(
        seconds=sum(run.seconds for run in runs),
        peak_rss=max((run.peak_rss for run in runs), default=0),
        files=len(files),
        size=sum(path.stat().st_size for path in files),
    )


def shard_holding(shards: list[Shard], page: str) -> Shard | None:
    """The shard whose globs find `page` (relative to the language's site), if any."""
    glob = _glob(Path(page))
    return next((shard for shard in shards if glob in shard.globs), None)


def index_shard(site_dir: Path, lang: str, shard: Shard) -> IndexRun:
    """One Pagefind run over the shard's pages into its folder."""
    out = site_dir / shard.folder
    command = [
        str(pagefind_binary()),
        "--site",
        str(site_dir),
        "--output-subdir",
        shard.folder,
        "--glob",
        shard.glob,
        "--force-language",
        lang,
        "--silent",
    ]
    started = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        # Ends with us, like the MkDocs builds; waited for with wait4 for its peak memory.
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, preexec_fn=ending_with_us(signal.SIGKILL)
        )
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            process.wait()
            raise
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        if process.returncode != 0:
            log.seek(0)
            text = log.read().decode("utf-8", errors="replace").strip()
            raise BuildError(f"pagefind ({lang}) failed with status {process.returncode}:\n{text}")
    files = [path for path in out.rglob("*") if path.is_file()]
    return IndexRun(
        seconds=seconds,
        peak_rss=usage.ru_maxrss * 1024,
        files=len(files),
        size=sum(path.stat().st_size for path in files),
    )
