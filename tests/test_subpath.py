"""The site published under a sub-path, as a project site on GitHub Pages is
(`https://owner.github.io/<repo>/`): built for that address through the deploy's environment
override (`SIJILL_SITE_URL`, `SIJILL_REPOSITORY`, as .github/workflows/ci.yml sets them),
served the way GitHub Pages serves it, and read in headless Chromium. Every link, the language
switcher, the root chooser, the search and both kinds of 404 page must work there, and no
request may leave `/<repo>/`."""

from __future__ import annotations

import http.server
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from unittest import mock
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from generator.mkdocs.linkcheck import broken_links
from tests.conftest import SHIPPED_DATA
from tests.sitebuild import build_site
from tests.test_browser import PAGE_KINDS, pagefind_results

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = "sijill-archive"  # the project site's path: /<repo>/
REPOSITORY = f"https://github.com/owner/{REPO}"
_LANGUAGE_SITEMAP = re.compile(rf"/{REPO}/(en|ar)/sitemap\.xml$")

# A sample of pages of every kind, in both languages: the home page, test_browser's kinds of
# page, another country and a hand-written page.
SAMPLE = ["", *PAGE_KINDS, "countries/pk/", "about/"]


class _PagesHandler(http.server.SimpleHTTPRequestHandler):
    """GitHub Pages' way with a project site: the site's files under /<repo>/, a folder
    without its "/" redirected, and `/<repo>/404.html` (status 404) for any missing path under
    /<repo>/. With `server.nearest_404` (Cloudflare Pages' way), the nearest 404.html up
    the missing path instead, so that each language's own 404 page is served too."""

    server: _PagesServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(f"/{REPO}/") and path != f"/{REPO}":
            self.server.outside.append(self.path)
            self.send_error(404)
            return None
        target = Path(self.translate_path(self.path))
        if target.is_file() or (target / "index.html").is_file():
            return super().send_head()
        not_found = self.server.site / "404.html"
        if self.server.nearest_404:
            folder = Path(path.removeprefix(f"/{REPO}/")).parent
            while folder != Path(".") and not (self.server.site / folder / "404.html").is_file():
                folder = folder.parent
            not_found = self.server.site / folder / "404.html"
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)

    def translate_path(self, path: str) -> str:
        inside = unquote(urlsplit(path).path).removeprefix(f"/{REPO}")
        return super().translate_path(inside or "/")


class _Body:
    """The 404 page's bytes, as the file object `send_head` returns."""

    def __init__(self, body: bytes) -> None:
        self.body = body

    def read(self, size: int = -1) -> bytes:
        body, self.body = self.body, b""
        return body

    def close(self) -> None:
        pass


class _PagesServer(http.server.ThreadingHTTPServer):
    def __init__(self, site: Path) -> None:
        self.site = site
        self.outside: list[str] = []  # paths asked for outside /<repo>/
        self.nearest_404 = False
        super().__init__(("127.0.0.1", 0), self._handler)

    def _handler(self, *args: object) -> None:
        _PagesHandler(*args, directory=str(self.site))  # type: ignore[arg-type]


@dataclass
class Published:
    site: Path
    server: _PagesServer
    origin: str  # http://127.0.0.1:PORT
    base: str = field(init=False)  # http://127.0.0.1:PORT/<repo>/

    def __post_init__(self) -> None:
        self.base = f"{self.origin}/{REPO}/"


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Published]:
    """The shipped data built once for http://127.0.0.1:PORT/<repo>/ with the deploy's
    environment overrides, and served there."""
    out = tmp_path_factory.mktemp("subpath")
    site = out / "site"
    site.mkdir()
    server = _PagesServer(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    # Without the "/" at the end, as a deploy may give it: the build adds it.
    overrides = {"SIJILL_SITE_URL": f"{origin}/{REPO}", "SIJILL_REPOSITORY": REPOSITORY}
    try:
        with mock.patch.dict(os.environ, overrides):
            build_site(SHIPPED_DATA, out)
        yield Published(site, server, origin)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Visit:
    """A browser context on the published site that records what it asks for."""

    context: BrowserContext
    page: Page
    outside: list[str] = field(default_factory=list)  # requests outside /<repo>/
    failed: list[str] = field(default_factory=list)  # responses of 400 and more

    def record(self, status: int, url: str) -> None:
        # Material's script fetches sitemap.xml beside every <link rel="alternate">, taking
        # each for a language's root; ours are the page's hreflang twins, so those beside a
        # page are missing, as at a host's root (tests/test_browser.py). A language's own is not.
        beside_a_page = url.endswith("/sitemap.xml") and not _LANGUAGE_SITEMAP.search(url)
        if status >= 400 and not beside_a_page:
            self.failed.append(f"{status} {url}")


@pytest.fixture
def visit(browser: Browser, published: Published) -> Iterator[Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    seen = Visit(context, context.new_page())

    def route(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(published.base) or url == published.base.rstrip("/"):
            route.continue_()  # type: ignore[attr-defined]
        else:  # another host, or this host outside the project site: refused and recorded
            seen.outside.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    seen.page.on("response", lambda response: seen.record(response.status, response.url))
    published.server.outside.clear()
    yield seen
    context.close()
    published.server.nearest_404 = False
    assert seen.outside == [], f"requests left the project site: {seen.outside}"
    assert published.server.outside == [], published.server.outside


def _links(page: Page) -> list[str]:
    """Every address the page links or loads, as the browser resolves it."""
    found: list[str] = page.evaluate(
        """() => {
          const url = value => new URL(value, document.baseURI).href;
          return [
            // With the pictures' links: an <a> of SVG has no string .href.
            ...[...document.querySelectorAll('a[href], link[href]')]
              .map(e => url(e.getAttribute('href'))),
            ...[...document.querySelectorAll('script[src], img[src], iframe[src]')]
              .map(e => url(e.getAttribute('src'))),
            ...[...document.querySelectorAll('[data-bundle]')]
              .map(e => url(e.dataset.bundle) + 'pagefind.js'),
          ];
        }"""
    )
    return sorted({url.split("#", 1)[0] for url in found})


def _assert_links_work(visit: Visit, published: Published, where: str) -> int:
    """Each of the page's links to its own host is under /<repo>/ and answers 200."""
    broken = []
    links = [url for url in _links(visit.page) if url.startswith(published.origin)]
    for url in links:
        if not url.startswith(published.base):
            broken.append(f"{url} (outside /{REPO}/)")
            continue
        response = visit.context.request.get(url, max_redirects=0)
        if response.status != 200:
            broken.append(f"{url} ({response.status})")
    assert broken == [], f"{where}: {broken}"
    return len(links)


def test_the_link_checker_finds_nothing_broken_under_the_sub_path(published: Published) -> None:
    assert broken_links(published.site, published.base) == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_link_of_a_sample_of_pages_resolves(
    visit: Visit, published: Published, lang: str
) -> None:
    checked = 0
    for path in SAMPLE:
        response = visit.page.goto(f"{published.base}{lang}/{path}")
        assert response is not None and response.status == 200, path
        assert visit.page.evaluate("document.documentElement.lang") == lang
        checked += _assert_links_work(visit, published, f"{lang}/{path}")
    assert checked > 200  # the navigation, the entities' links, the assets, the head's links
    # Material asks for each language's sitemap.xml (its switcher's map of pages): there too.
    assert visit.failed == []


def test_the_edit_links_open_the_deploys_repository(published: Published) -> None:
    html = (published.site / "en/people/ali-larijani/index.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}/edit/main/site_data/people/ali-larijani.yml"' in html


def test_the_feeds_and_the_sitemap_name_the_sub_path(visit: Visit, published: Published) -> None:
    feed = feedparser.parse((published.site / "ar/feeds/visits.xml").read_bytes())
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == f"{published.base}ar/feeds/visits.xml"
    for url in [self_link, *(entry.link for entry in feed.entries)]:
        assert visit.context.request.get(url).status == 200, url
    sitemap = (published.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{published.base}</loc>" in sitemap
    assert f"<loc>{published.base}en/people/ali-larijani/</loc>" in sitemap
    robots = (published.site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {published.base}sitemap.xml" in robots


def test_the_root_chooser_leads_to_each_language(visit: Visit, published: Published) -> None:
    page = visit.page
    for lang, heading in (("ar", "سجل"), ("en", "Sijill")):
        # GitHub Pages redirects /<repo> to /<repo>/; the chooser's links are relative to it.
        page.goto(published.base.rstrip("/"))
        assert page.url == published.base
        page.locator(f"a[hreflang='{lang}']").click()
        page.wait_for_url(f"{published.base}{lang}/")
        assert page.evaluate("document.documentElement.lang") == lang
        assert heading in page.title()
    assert visit.failed == []


@pytest.mark.parametrize(("lang", "other"), [("en", "ar"), ("ar", "en")])
def test_the_switcher_leads_to_the_same_page_in_the_other_language(
    visit: Visit, published: Published, lang: str, other: str
) -> None:
    page = visit.page
    for path in ("people/ali-larijani/", "relations/ir-pk/", ""):
        page.goto(f"{published.base}{lang}/{path}")
        page.locator(".md-header__option .md-select button").hover()
        page.locator(f".md-select a[hreflang='{other}']").click()
        page.wait_for_url(f"{published.base}{other}/{path}")
        assert page.evaluate("document.documentElement.lang") == other
    assert visit.failed == []


@pytest.mark.parametrize(
    ("lang", "query", "found"),
    [("en", "Larijani", "people/ali-larijani/"), ("ar", "لاريجاني", "people/ali-larijani/")],
)
def test_search_loads_from_the_sub_path_and_its_results_lead_to_the_pages(
    visit: Visit, published: Published, lang: str, query: str, found: str
) -> None:
    page = visit.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{published.base}{lang}/visits/")
    results = pagefind_results(page, query)
    pagefind = [url for url in requested if "/pagefind/" in url]
    assert any(url.endswith(".pf_fragment") for url in pagefind), pagefind
    assert all(url.startswith(f"{published.base}{lang}/pagefind/") for url in pagefind), pagefind
    paths = [path for path, _, _ in results]
    assert f"/{REPO}/{lang}/{found}" in paths, paths
    for path in paths:
        assert visit.context.request.get(f"{published.origin}{path}").status == 200, path
    page.locator(".pagefind-ui__result-link").first.click()
    page.wait_for_url(f"{published.origin}{paths[0]}")
    assert page.locator("h1").first.is_visible()
    assert visit.failed == []


@pytest.mark.parametrize("missing", ["nothing-here", "en/people/nobody/", "ar/a/b/c/d.html"])
def test_the_root_404_page_is_served_for_any_missing_address(
    visit: Visit, published: Published, missing: str
) -> None:
    page = visit.page
    response = page.goto(f"{published.base}{missing}")
    assert response is not None and response.status == 404
    assert page.locator("section[lang='ar'][dir='rtl'] h1").inner_text() == "الصفحة غير موجودة"
    assert page.locator("body").evaluate("b => getComputedStyle(b).textAlign") == "center"
    assert _assert_links_work(visit, published, missing) == 2
    page.locator("section[lang='ar'] a").click()
    page.wait_for_url(f"{published.base}ar/")
    assert visit.failed == [f"404 {published.base}{missing}"]


@pytest.mark.parametrize(("lang", "title"), [("en", "Page not found"), ("ar", "الصفحة غير موجودة")])
def test_each_languages_404_page_has_its_style_and_links_at_any_depth(
    visit: Visit, published: Published, lang: str, title: str
) -> None:
    page = visit.page
    page.goto(f"{published.base}{lang}/")
    header = "h => getComputedStyle(h).backgroundColor"
    material_teal = page.locator(".md-header").evaluate(header)
    published.server.nearest_404 = True
    missing = f"{published.base}{lang}/people/nobody/deeper/"
    response = page.goto(missing)
    assert response is not None and response.status == 404
    assert page.locator("article h1").inner_text() == title
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")
    # Material's stylesheets are loaded: its header in the palette's colour, as on every page.
    assert material_teal not in ("", "rgba(0, 0, 0, 0)")
    assert page.locator(".md-header").evaluate(header) == material_teal
    _assert_links_work(visit, published, missing)
    page.locator("article a").click()
    page.wait_for_url(f"{published.base}{lang}/")
    assert visit.failed == [f"404 {missing}"]
