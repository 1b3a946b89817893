"""Pagefind in shards (generator/mkdocs/pagefind.py): a language of more pages than one run
should hold is indexed in several bundles that the search box merges at query time. The
shipped site has 40 pages a language; a budget of 30 splits it as a large site is split: the
names pages in the main bundle, the sources and visits in another."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.mkdocs.pagefind import SHARDS_FILE, index_site, plan_shards
from tests.test_browser import pagefind_results

BUDGET = 30


def _page(tree: Path, relative: str, body: bool = True) -> None:
    path = tree / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    marker = "<article data-pagefind-body>" if body else "<article>"
    path.write_text(f"<html><body>{marker}x</article></body></html>", encoding="utf-8")


def test_shards_keep_groups_whole_and_leave_out_pages_without_an_article(tmp_path: Path) -> None:
    for relative in (
        "index.html",
        "about/index.html",
        "visits/index.html",
        "visits/2024/index.html",
    ):
        _page(tmp_path, relative)
    for n in range(4):
        _page(tmp_path, f"people/p{n}/index.html")
        _page(tmp_path, f"sources/s{n}/index.html")
        _page(tmp_path, f"visits/2023-0{n}-x/index.html")
        _page(tmp_path, f"visits/2024-0{n}-y/index.html")
        _page(tmp_path, f"cards/c{n}.html", body=False)  # never indexed: no article
    _page(tmp_path, "pagefind/old.html")  # Pagefind's own folder is not the site's
    shards = plan_shards(tmp_path, budget=6)
    # In order: the names pages (and the top pages), sources, visits by year; whole groups
    # packed up to the budget.
    assert [(shard.folder, shard.globs, shard.pages) for shard in shards] == [
        ("pagefind", ("*.html", "about/**/*.html", "people/**/*.html"), 6),
        ("pagefind/sources", ("sources/**/*.html", "visits/*.html", "visits/2024/**/*.html"), 6),
        ("pagefind/visits-2023", ("visits/2023-*/**/*.html",), 4),
        ("pagefind/visits-2024", ("visits/2024-*/**/*.html",), 4),
    ]
    assert shards[2].glob == "visits/2023-*/**/*.html"
    assert len(plan_shards(tmp_path)) == 1  # a small site is one run
    assert plan_shards(tmp_path)[0].glob.startswith("{*.html,")


@pytest.fixture(scope="module")
def sharded(
    shipped_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Path, str]]:
    root = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(shipped_site, root)
    for lang in ("en", "ar"):
        shutil.rmtree(root / lang / "pagefind")
        index_site(root / lang, lang, budget=BUDGET)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "first"),
    [
        ("en", "Larijani", "/en/people/ali-larijani/"),  # from the main bundle
        ("ar", "قاليباف", "/ar/people/mohammad-bagher-ghalibaf/"),
        ("en", "eve", "/en/sources/larijani-x-post-2025-11-24/"),  # from the other
        ("ar", "عشية", "/ar/sources/larijani-x-post-2025-11-24/"),
    ],
)
def test_the_box_merges_the_shards(
    browser: Browser, sharded: tuple[Path, str], lang: str, query: str, first: str
) -> None:
    root, base = sharded
    listing = json.loads((root / lang / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert listing == ["sources/"]
    context = browser.new_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.goto(f"{base}/{lang}/")
    found = [path for path, _, _ in pagefind_results(page, query)]
    context.close()
    assert found[0] == first, found
    assert f"{base}/{lang}/pagefind/{SHARDS_FILE}" in requested
    assert any(f"/{lang}/pagefind/sources/pagefind-entry.json" in url for url in requested)
    # The search's every file is the site's own (the shipped site is built for its placeholder
    # address, so Material's sitemap requests are not: tests/test_browser.py builds for the
    # address it serves at and checks every request).
    assert all(url.startswith(base) for url in requested if "pagefind" in url), requested
