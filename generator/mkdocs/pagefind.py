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


def index_site(site_dir: Path, lang: str) -> IndexRun:
    """Index one language's built site into `<site_dir>/pagefind/`."""
    out = site_dir / "pagefind"
    command = [
        str(pagefind_binary()),
        "--site",
        str(site_dir),
        "--output-subdir",
        "pagefind",
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
