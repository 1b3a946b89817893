"""The search benchmark (issue 16): both searches at a given size, as a reader meets them.

    python -m generator.bench.search --people 2000 --visits 10000 --out build/bench-search

Makes synthetic data (`bench.synthetic`), builds the published site and the offline bundle in a
throwaway project, and reports per language: the Pagefind runs (shards, seconds, the indexer's
peak memory, the index's size), a first search on the site served over HTTP in Chromium (bytes
and requests it loads, seconds to the first result), the bundle (zip and unpacked size, its own
index's size), and a first search from file:// (seconds to the first result, the tab's
JavaScript heap after it). Figures go to `<out>/search.json`; BENCHMARKS.md quotes them.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.bench.heavy import CHROMIUM
from generator.bench.run import folder_size, make_data, make_workspace
from generator.languages import LANGUAGES
from generator.mkdocs.pagefind import index_site, plan_shards
from generator.pipeline import build, bundle

QUERIES = {"en": "Pakistan", "ar": "باكستان"}


def _size(folder: Path) -> int:
    return folder_size(folder)[1]


def _served(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def _heap(page: Any) -> int:
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    return int(session.send("Runtime.getHeapUsage")["usedSize"])


def first_search_served(site: Path, lang: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    server, base = _served(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            page = browser.new_page()
            page.goto(f"{base}/{lang}/people/")
            page.wait_for_load_state("networkidle")
            loaded: list[int] = []
            requests: list[str] = []

            def finished(request: Any) -> None:
                if "/pagefind/" in request.url and not request.url.endswith((".css", "-ui.js")):
                    sizes = request.sizes()
                    loaded.append(int(sizes["responseBodySize"]))
                    requests.append(request.url)

            page.on("requestfinished", finished)
            box = page.locator("#sijill-search .pagefind-ui__search-input")
            box.click()
            started = time.perf_counter()
            box.fill(QUERIES[lang])
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=60_000)
            seconds = time.perf_counter() - started
            page.wait_for_load_state("networkidle")
            heap = _heap(page)
            browser.close()
    finally:
        server.shutdown()
    return {
        "first_results_s": round(seconds, 2),
        "bytes": sum(loaded),
        "requests": len(requests),
        "heap_bytes": heap,
    }


def first_search_offline(root: Path, lang: str) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.goto((root / lang / "people" / "index.html").as_uri())
        box = page.locator("#sijill-offline-search input")
        box.click()
        started = time.perf_counter()
        box.fill(QUERIES[lang])
        page.locator("#sijill-offline-search .md-search-result__item").first.wait_for(
            timeout=60_000
        )
        seconds = time.perf_counter() - started
        loaded = page.evaluate(
            "[...document.querySelectorAll('script[src*=\"sijill-search/\"]')].map(s => s.src)"
        )
        heap = _heap(page)
        browser.close()
    return {"first_results_s": round(seconds, 2), "scripts": len(loaded), "heap_bytes": heap}


def run(people: int, visits: int, out: Path) -> dict[str, Any]:
    work = out / "work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    project = make_workspace(work, Path.cwd())
    make_data(project, people, visits, seed=7)
    say = functools.partial(print, file=sys.stderr, flush=True)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    build(project, say, timings=timings)
    figures: dict[str, Any] = {
        "people": people,
        "visits": visits,
        "build_wall_s": round(time.perf_counter() - started, 1),
    }
    for lang in LANGUAGES:
        site = project.site_dir / lang.code
        shards = plan_shards(site)
        shutil.rmtree(site / "pagefind")
        indexed = index_site(site, lang.code)  # again, alone: its own time and memory
        figures[lang.code] = {
            "pagefind_shards": len(shards),
            "pagefind_pages": sum(shard.pages for shard in shards),
            "pagefind_s": round(indexed.seconds, 1),
            "pagefind_peak_mb": round(indexed.peak_rss / 1e6),
            "pagefind_index_mb": round(indexed.size / 1e6, 1),
            "served": first_search_served(project.site_dir, lang.code),
        }
    started = time.perf_counter()
    _, zipped = bundle(project, say, out / "dist")
    figures["bundle_s"] = round(time.perf_counter() - started, 1)
    assert zipped is not None
    figures["bundle_zip_mb"] = round(zipped.stat().st_size / 1e6, 1)
    unpacked = out / "unzipped"
    shutil.rmtree(unpacked, ignore_errors=True)
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(unpacked)
    root = next(path for path in unpacked.iterdir() if path.is_dir())
    figures["bundle_unpacked_mb"] = round(_size(root) / 1e6, 1)
    for lang in LANGUAGES:
        figures[lang.code]["offline_index_mb"] = round(
            _size(root / lang.code / "sijill-search") / 1e6, 1
        )
        figures[lang.code]["offline"] = first_search_offline(root, lang.code)
    (out / "search.json").write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("build/bench-search"))
    args = parser.parse_args(argv)
    print(json.dumps(run(args.people, args.visits, args.out.resolve()), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
