"""What a reader sees, in Debian's headless Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from tests.conftest import ROOT, SHIPPED_DATA
from tests.sitebuild import build_site
from tests.sitebuild import page as page_html

pytestmark = [pytest.mark.browser, pytest.mark.slow]


ARTIFACTS = ROOT / "build" / "test-artifacts"
# A person whose Arabic name has the article ال and diacritics, to search for without them.
HASHIMI = {
    "id": "abdulrahman-al-hashimi",
    "name": {"en": "Abdulrahman al-Hashimi", "ar": "عبدُ الرَّحمن الهاشمي"},
    "country": "IQ",
    "summary": {"en": "A test person.", "ar": "شخص للاختبار."},
    "sources": ["2025-11-25-larijani-islamabad-report"],
}


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site, built for the address it is served at: its canonical and hreflang links are
    absolute, and Material's script fetches sitemap.xml next to each hreflang link."""
    root = tmp_path_factory.mktemp("browser")
    site = root / "out" / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    data = root / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    (data / "people" / "abdulrahman-al-hashimi.yml").write_text(
        yaml.safe_dump(HASHIMI, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    build_site(data, root / "out", site_url=f"{base_url}/")
    yield site, base_url
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def base_url(served: tuple[Path, str]) -> str:
    return served[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    # Nothing may leave the site: any request to another host is recorded and refused.
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(base_url)
            else (outside.append(route.request.url), route.abort())[1]
        ),
    )
    tab = context.new_page()
    dialogs: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()
    assert outside == [], f"requests left the site: {outside}"
    assert dialogs == [], f"a script opened a dialog: {dialogs}"


def pagefind_results(page: Page, query: str) -> list[tuple[str, str, str]]:
    """Type `query` into the published site's search box (Pagefind's UI) and return its
    results as shown: each one's page path, title and excerpt."""
    box = page.locator("#sijill-search .pagefind-ui__search-input")
    box.click()
    box.fill(query)
    message = page.locator(".pagefind-ui__message")
    # The message names the query once its results are shown ("32 results for …").
    message.filter(has_text=query).wait_for(timeout=15_000)
    # Each result is drawn empty, then filled once its page's fragment has loaded.
    page.wait_for_function(
        "() => { const results = [...document.querySelectorAll('.pagefind-ui__result')];"
        " return results.length > 0"
        " && results.every(e => e.querySelector('.pagefind-ui__result-link')); }",
        timeout=15_000,
    )
    found: list[tuple[str, str, str]] = page.locator(".pagefind-ui__result").evaluate_all(
        "els => els.map(e => [e.querySelector('.pagefind-ui__result-link').href,"
        " e.querySelector('.pagefind-ui__result-link').textContent,"
        " e.querySelector('.pagefind-ui__result-excerpt').textContent])"
    )
    return [(urlsplit(href).path, title, excerpt) for href, title, excerpt in found]


def _search(page: Page, query: str) -> list[str]:
    return [path for path, _, _ in pagefind_results(page, query)]


def test_arabic_person_page_is_rtl_and_switches_to_english(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ar/people/ali-larijani/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    heading = page.locator("h1").first
    assert heading.evaluate("h => h.firstChild.textContent") == "علي لاريجاني"
    # The heading starts at the right edge of the content in RTL.
    box = heading.bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert box is not None and content is not None
    assert abs((box["x"] + box["width"]) - (content["x"] + content["width"])) < 80
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "ar-person-ali-larijani.png"), full_page=True)

    page.locator(".md-header__option .md-select button").hover()
    page.locator("a[hreflang='en']").click()
    page.wait_for_url(f"{base_url}/en/people/ali-larijani/")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent") == "Ali Larijani"


@pytest.mark.parametrize(
    ("query", "person"),
    [
        ("لاريجاني", "ali-larijani"),
        ("هاشمي", "abdulrahman-al-hashimi"),  # without the article ال
        ("عبد الرحمن", "abdulrahman-al-hashimi"),  # without the diacritics of the name
        ("الهاشميّ", "abdulrahman-al-hashimi"),  # with diacritics the name does not have
        ("اميري", "reza-amiri-moghadam"),  # plain alef for أ
    ],
)
def test_arabic_search_finds_people(page: Page, base_url: str, query: str, person: str) -> None:
    page.goto(f"{base_url}/ar/")
    hrefs = _search(page, query)
    assert any(href.endswith(f"/ar/people/{person}/") for href in hrefs), hrefs
    # Arabic search answers from the Arabic pages only.
    assert all("/ar/" in href for href in hrefs), hrefs


def test_english_search_finds_people(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/en/")
    hrefs = _search(page, "Ghalibaf")
    assert any(href.endswith("/en/people/mohammad-bagher-ghalibaf/") for href in hrefs), hrefs


PAGE_KINDS = [
    "people/ali-larijani/",
    "visits/2025-11-larijani-pakistan/",
    "countries/ir/",
    "relations/ir-pk/",
    "organizations/irna/",
    "sources/pakistan-mofa-post-2025-11-25/",
    "people/",
    "visits/",
    "data/",
]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_nothing_is_cut_off_or_scrolls_sideways_at_390_px(
    browser: Browser, base_url: str, lang: str
) -> None:
    # At 390 px the positions table was 534 px wide, its Sources column cut off with no hint.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for path in [*PAGE_KINDS, ""]:
            tab.goto(f"{base_url}/{lang}/{path}")
            beyond = tab.evaluate(
                """() => {
                    const width = document.documentElement.clientWidth;
                    const out = [];
                    for (const el of document.querySelectorAll('article *')) {
                        const box = el.getBoundingClientRect();
                        if (box.width && (box.right > width + 1 || box.left < -1)) {
                            out.push(el.tagName + ' ' + el.textContent.trim().slice(0, 40));
                        }
                    }
                    return [document.documentElement.scrollWidth - width, out.slice(0, 5)];
                }"""
            )
            assert beyond == [0, []], (lang, path, beyond)
            name = path.strip("/").replace("/", "-") or "home"
            tab.screenshot(path=str(ARTIFACTS / f"{lang}-{name}-390.png"), full_page=True)
    finally:
        context.close()


AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_serious_accessibility_violation_on_any_kind_of_page(
    page: Page, base_url: str, lang: str
) -> None:
    # axe-core on one page of each kind: no serious or critical violation (contrast, links
    # told from text by more than colour, a named search dialog), headings in order, no
    # empty table header or heading.
    found = {}
    for path in [*PAGE_KINDS, ""]:
        page.goto(f"{base_url}/{lang}/{path}")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ['violations']}))
                .violations.map(v => [v.id, v.impact, v.nodes[0].target.join(' ')])"""
        )
        bad = [
            v
            for v in violations
            if v[1] in ("serious", "critical")
            or v[0] in ("heading-order", "empty-table-header", "empty-heading")
        ]
        if bad:
            found[path] = bad
        # For a reviewer: each kind of page at desktop width (390 px: the test above).
        name = path.strip("/").replace("/", "-") or "home"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"{lang}-{name}-1280.png"), full_page=True)
    assert found == {}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_pictures_show_and_their_marks_lead_to_the_visits(
    browser: Browser, base_url: str, lang: str
) -> None:
    # Each picture kept as an artifact at both widths, for a reviewer to look at; a dot of the
    # relation's exchange, clicked, opens its visit.
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for width in (1366, 390):
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            for path in ("relations/ir-pk/", "people/ali-larijani/", "countries/pk/", ""):
                tab.goto(f"{base_url}/{lang}/{path}")
                charts = tab.locator("figure.sijill-chart")
                assert charts.count() >= 1, (lang, path)
                for index in range(charts.count()):
                    box = charts.nth(index).locator("svg").bounding_box()
                    assert box is not None and box["width"] > 0.6 * min(width, 700), (path, box)
                    name = path.strip("/").replace("/", "-") or "home"
                    charts.nth(index).screenshot(
                        path=str(ARTIFACTS / f"picture-{lang}-{name}-{index}-{width}.png")
                    )
            tab.goto(f"{base_url}/{lang}/relations/ir-pk/")
            tab.locator("figure.sijill-chart circle.sijill-down").first.click()
            tab.wait_for_url(re.compile(r".*/visits/2025-10-naqvi-iran/$"))
        finally:
            context.close()


@pytest.mark.parametrize("path", ["ar/people/ali-larijani/", "en/relations/ir-pk/", "en/"])
def test_a_page_with_a_feed_asks_for_nothing_missing(page: Page, base_url: str, path: str) -> None:
    """Material's script fetches sitemap.xml beside every `<link rel="alternate">`, the feed's
    too (generator/feeds/files.py): none of the feed's is missing. (Those beside the hreflang
    links, `<page>/sitemap.xml`, are: Material's, as before the feeds.)"""
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(f"{base_url}/{path}", wait_until="networkidle")
    assert page.locator('link[rel=alternate][type="application/atom+xml"]').count() == 1
    assert any("/feeds/" in url and url.endswith("/sitemap.xml") for url in fetched), fetched
    assert [url for url in missing if "/feeds/" in url] == []


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_world_maps_overlay_lies_on_the_base_map(
    browser: Browser, base_url: str, lang: str, width: int
) -> None:
    # The shaded countries (inline SVG) exactly over the shared base map (<img>), which
    # loaded; nothing sideways at a phone's width; each map kept as an artifact to look at.
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    try:
        for path, name in (("people/ali-larijani/", "person"), ("countries/ir/", "country")):
            tab.goto(f"{base_url}/{lang}/{path}")
            figure = tab.locator("figure.sijill-map")
            figure.scroll_into_view_if_needed()
            boxes = tab.evaluate(
                """() => {
                    const img = document.querySelector('.sijill-map img');
                    const svg = document.querySelector('.sijill-map svg');
                    const round = (b) => [b.x, b.y, b.width, b.height].map(Math.round);
                    return {
                        img: round(img.getBoundingClientRect()),
                        svg: round(svg.getBoundingClientRect()),
                        loaded: img.complete && img.naturalWidth > 0,
                        overflow: document.documentElement.scrollWidth
                            - document.documentElement.clientWidth,
                        shaded: svg.querySelectorAll('a path').length,
                    };
                }"""
            )
            assert boxes["loaded"], (lang, path)
            assert boxes["img"] == boxes["svg"], (lang, path, boxes)
            assert boxes["img"][2] > min(width - 60, 600) * 0.5, boxes  # not a thumbnail
            assert boxes["overflow"] == 0 and boxes["shaded"] == 1, boxes
            # Pakistan's shape leads to Pakistan's page: the country Larijani visited, and
            # Iran's counterpart.
            figure.locator("svg a path").first.click(force=True)
            tab.wait_for_url(f"**/{lang}/countries/pk/")
            tab.go_back()
            figure.screenshot(path=str(ARTIFACTS / f"{lang}-map-{name}-{width}.png"))
            if width == 1366:  # and in Material's dark scheme
                tab.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
                figure.screenshot(path=str(ARTIFACTS / f"{lang}-map-{name}-{width}-slate.png"))
    finally:
        context.close()


# --- The published site's search: Pagefind (issue 16) ---------------------------------------


def test_the_built_pages_carry_the_indexing_markup(served: tuple[Path, str]) -> None:
    site, _ = served
    for lang, name, kind, other in (
        ("en", "Ali Larijani", "Person", "علي لاريجاني"),
        ("ar", "علي لاريجاني", "شخص", "Ali Larijani"),
    ):
        html = page_html(site, lang, "people/ali-larijani")
        assert "<article data-pagefind-body " in html
        assert re.search(r'<h1 data-pagefind-weight="10" id="[^"]+">' + name, html)
        filter_name = "Kind of page" if lang == "en" else "نوع الصفحة"
        assert f'<span data-pagefind-filter="{filter_name}">{kind}</span>' in html
        names = re.search(r'<span data-pagefind-meta="names">([^<]*)</span>', html)
        assert names is not None and other in names.group(1).split(" · ")
        # The published site has Pagefind's box, not Material's (nor lunr's normaliser).
        assert 'id="sijill-search"' in html
        assert 'data-md-component="search-query"' not in html
        assert "search-normalise.js" not in html
        assert (site / lang / "pagefind" / "pagefind-entry.json").is_file()
        assert not (site / lang / "search" / "search_index.json").exists()
    country = page_html(site, "en", "countries/pk")
    assert '<span data-pagefind-filter="Kind of page">Country</span>' in country
    visit = page_html(site, "ar", "visits/2025-11-larijani-pakistan")
    assert '<span data-pagefind-filter="السنة">2025</span>' in visit
    assert '<span data-pagefind-filter="الدولة">باكستان</span>' in visit
    entry = json.loads((site / "ar" / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["ar"]


# The obvious page first, in both languages: a name, a country, a person and a country.
RANKING = [
    ("ar", "لاريجاني", "/ar/people/ali-larijani/"),
    ("en", "Larijani", "/en/people/ali-larijani/"),
    ("en", "Pakistan", "/en/countries/pk/"),
    ("ar", "باكستان", "/ar/countries/pk/"),
    ("en", "Iran", "/en/countries/ir/"),
    ("ar", "إيران", "/ar/countries/ir/"),
    ("en", "Qalibaf", "/en/people/mohammad-bagher-ghalibaf/"),  # an other name
    ("en", "Ghalibaf", "/en/people/mohammad-bagher-ghalibaf/"),
    ("ar", "قاليباف", "/ar/people/mohammad-bagher-ghalibaf/"),
    ("en", "Larijani Pakistan", "/en/visits/2025-11-larijani-pakistan/"),
    ("ar", "لاريجاني باكستان", "/ar/visits/2025-11-larijani-pakistan/"),
]


@pytest.mark.parametrize(("lang", "query", "first"), RANKING)
def test_the_obvious_page_comes_first(
    page: Page, base_url: str, lang: str, query: str, first: str
) -> None:
    page.goto(f"{base_url}/{lang}/")
    found = [path for path, _, _ in pagefind_results(page, query)]
    assert found[0] == first, found


def test_alef_wasla_in_a_query_is_a_plain_alef(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ar/")
    found = [path for path, _, _ in pagefind_results(page, "ٱلثنائية")]
    assert "/ar/people/ali-larijani/" in found, found


def test_arabic_is_found_without_hamza_and_shown_as_written(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ar/")
    results = pagefind_results(page, "اسلام اباد")
    shown = [f"{title} {excerpt}" for _, title, excerpt in results]
    assert any("إسلام آباد" in text for text in shown), shown
    # Nothing shown in the index's folded form: the pages never write it so.
    assert not any("اسلام اباد" in text for text in shown), shown
    # The page's own text, marks and all.
    assert page.locator(".pagefind-ui__result-excerpt mark", has_text="آباد").count() > 0


def test_the_search_box_is_keyboard_accessible_and_right_to_left(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/ar/people/ali-larijani/")
    page.keyboard.press("/")
    box = page.locator("#sijill-search .pagefind-ui__search-input")
    assert box.evaluate("e => e === document.activeElement")
    assert page.locator(".pagefind-ui").evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.keyboard.type("لاريجاني")
    page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
    page.keyboard.press("Tab")  # the clear button, then the results
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused, "Tab leaves the box for nothing"
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


def test_a_misspelt_name_offers_the_closest_names(page: Page, base_url: str) -> None:
    # Pagefind matches words and their beginnings, not misspellings: nothing is found, and
    # the names the beginning of the word finds are offered.
    page.goto(f"{base_url}/en/")
    box = page.locator("#sijill-search .pagefind-ui__search-input")
    box.click()
    box.fill("Larijni")
    offered = page.locator(".sijill-suggest a", has_text="Ali Larijani")
    offered.wait_for(timeout=15_000)
    assert page.locator(".pagefind-ui__result").count() == 0
    assert offered.get_attribute("href") == "/en/people/ali-larijani/"


def test_an_arabic_misspelling_the_stemmer_takes_finds_the_person(
    page: Page, base_url: str
) -> None:
    # Without the alef, with a Persian yeh: Pagefind's Arabic stemmer still finds the name.
    page.goto(f"{base_url}/ar/")
    found = [path for path, _, _ in pagefind_results(page, "لاريجنی")]
    assert found[0] == "/ar/people/ali-larijani/", found


@pytest.mark.parametrize(
    ("lang", "query", "filter_name", "kind"),
    [("en", "Larijani", "Kind of page", "Person"), ("ar", "لاريجاني", "نوع الصفحة", "شخص")],
)
def test_the_kind_filter_keeps_one_kind_of_page(
    page: Page, base_url: str, lang: str, query: str, filter_name: str, kind: str
) -> None:
    page.goto(f"{base_url}/{lang}/")
    everything = [path for path, _, _ in pagefind_results(page, query)]
    assert any("/sources/" in path for path in everything), everything
    page.locator(".pagefind-ui__filter-name", has_text=filter_name).click()
    page.locator(".pagefind-ui__filter-label", has_text=kind).first.click()
    page.wait_for_function(
        "() => { const links = [...document.querySelectorAll('.pagefind-ui__result-link')];"
        " return links.length > 0 && links.every(a => a.pathname.includes('/people/')); }",
        timeout=15_000,
    )
    found = page.locator(".pagefind-ui__result-link").evaluate_all(
        "els => els.map(e => e.pathname)"
    )
    assert found and found[0] == f"/{lang}/people/ali-larijani/", found
