"""The offline bundle in headless Chromium: unzipped, opened from file://, the network cut.

Every request whose URL is not file:// is refused and counted, and the count must stay zero.
Chromium runs without --allow-file-access-from-files, as a reader's browser does: with it, a
search that fetched its index would work here and fail for readers.

Search is the bundle's own (generator/search, assets/offline-search.js): the published site's
ranking set (tests/test_browser.py `RANKING`) must put the same page first here.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

from generator.search import terms
from tests.conftest import CHROMIUM
from tests.test_browser import RANKING

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def bundle_root(offline_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unzipped into a folder of its own, as a reader would."""
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_bundle) as archive:
        archive.extractall(target)
    return target / "sijill-offline"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make system-deps` (Debian chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        assert "--allow-file-access-from-files" not in ARGS
        yield browser
        browser.close()


class Offline:
    """A browser tab with the network cut, and what it tried."""

    def __init__(self, browser: Browser) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )

    def _route(self, route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.refused.append(route.request.url)
            route.abort()


@pytest.fixture
def offline(browser: Browser) -> Iterator[Offline]:
    tab = Offline(browser)
    yield tab
    tab.context.close()
    assert tab.refused == [], f"requests to the network: {tab.refused}"
    assert tab.errors == [], f"errors in the browser: {tab.errors}"


def _path(url: str, root: Path) -> str:
    """A file:// URL as a path inside the bundle, without query or fragment."""
    return unquote(urlsplit(url).path).removeprefix(root.as_posix() + "/")


BOX = "#sijill-offline-search"


def offline_results(page: Page, query: str) -> list[tuple[str, str, str]]:
    """Type `query` into the bundle's search box and return its results as shown: each one's
    href, title and excerpt."""
    box = page.locator(f"{BOX} input")
    box.click()
    box.fill(query)
    # The box names the query whose results it has drawn.
    page.wait_for_function(
        "([box, query]) => document.querySelector(box).getAttribute('data-drawn') === query",
        arg=[BOX, query],
        timeout=15_000,
    )
    return shown_results(page)


def shown_results(page: Page) -> list[tuple[str, str, str]]:
    """The results the bundle's box shows: each one's href, title and excerpt."""
    items = page.locator(f"{BOX} .md-search-result__item a")
    return [
        (str(href), str(title), str(excerpt))
        for href, title, excerpt in items.evaluate_all(
            "els => els.map(e => [e.href, e.querySelector('h1').textContent,"
            " e.querySelector('p').textContent])"
        )
    ]


def _search(page: Page, query: str, root: Path) -> list[str]:
    return [_path(href, root) for href, _, _ in offline_results(page, query)]


def _one_page_of_each_kind(root: Path) -> list[Path]:
    """The chooser, and in each language every page at the top and the first of each folder.
    (The build checks that every link of every page of the bundle leads to a file.)"""
    pages = [root / "index.html"]
    for lang_dir in sorted(path for path in root.iterdir() if path.is_dir()):
        pages += sorted(lang_dir.glob("*.html"))
        for folder in sorted(path for path in lang_dir.iterdir() if path.is_dir()):
            pages += sorted(folder.glob("*.html"))[:1]
    return pages


def test_every_kind_of_page_opens_in_both_languages(offline: Offline, bundle_root: Path) -> None:
    pages = _one_page_of_each_kind(bundle_root)
    assert len(pages) > 20
    for html_file in pages:
        offline.page.goto(html_file.as_uri())
        heading = offline.page.locator("h1").first
        assert heading.inner_text().strip(), html_file
        if html_file.parent != bundle_root:
            lang = html_file.relative_to(bundle_root).parts[0]
            assert offline.page.evaluate("document.documentElement.lang") == lang
            # Material's stylesheet is applied: the header is laid out as a bar.
            header = offline.page.locator(".md-header").bounding_box()
            assert header is not None and header["height"] < 100, html_file


def test_the_chooser_leads_to_each_language(offline: Offline, bundle_root: Path) -> None:
    page = offline.page
    page.goto((bundle_root / "index.html").as_uri())
    page.locator("a[hreflang='ar']").click()
    page.wait_for_url("**/ar/index.html")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    page.go_back()
    page.locator("a[hreflang='en']").click()
    page.wait_for_url("**/en/index.html")
    assert page.evaluate("document.documentElement.dir") == "ltr"


def test_navigation_and_links_between_pages(offline: Offline, bundle_root: Path) -> None:
    page = offline.page
    page.goto((bundle_root / "en" / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="People").click()
    page.wait_for_url("**/en/people/index.html")
    page.locator("article a", has_text="Ali Larijani").first.click()
    page.wait_for_url("**/en/people/ali-larijani.html")
    assert page.locator("h1").first.evaluate("h => h.firstChild.textContent") == "Ali Larijani"
    page.goto((bundle_root / "ar" / "index.html").as_uri())
    page.locator(".md-tabs__link", has_text="البيانات").click()
    page.wait_for_url("**/ar/data.html")
    href = page.locator("article a[href$='sijill.json']").first.get_attribute("href")
    assert href == "data/sijill.json"


def test_the_switcher_opens_the_same_page_in_the_other_language(
    offline: Offline, bundle_root: Path
) -> None:
    page = offline.page
    page.goto((bundle_root / "ar" / "visits" / "2025-11-larijani-pakistan.html").as_uri())
    page.locator(".md-header__option .md-select button").hover()
    page.locator(".md-select a[hreflang='en']").click()
    page.wait_for_url("**/en/visits/2025-11-larijani-pakistan.html")
    page.locator(".md-header__option .md-select button").hover()
    page.locator(".md-select a[hreflang='ar']").click()
    page.wait_for_url("**/ar/visits/2025-11-larijani-pakistan.html")
    assert page.evaluate("document.documentElement.dir") == "rtl"


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "Ghalibaf", "en/people/mohammad-bagher-ghalibaf.html"),
        ("ar", "لاريجاني", "ar/people/ali-larijani.html"),
        ("ar", "اميري", "ar/people/reza-amiri-moghadam.html"),  # plain alef for أ
    ],
)
def test_search_works_from_file(
    offline: Offline, bundle_root: Path, lang: str, query: str, expected: str
) -> None:
    offline.page.goto((bundle_root / lang / "index.html").as_uri())
    found = _search(offline.page, query, bundle_root)
    assert expected in found, found
    assert all(path.startswith(f"{lang}/") for path in found), found
    offline.page.locator(f"{BOX} .md-search-result__item a").first.click()
    offline.page.wait_for_load_state()
    assert offline.page.url.startswith("file://")


def test_the_arabic_result_count_reads_right(offline: Offline, bundle_root: Path) -> None:
    # Material's «نتائج البحث 33 مستندات» does not agree with the number; ours avoids it.
    offline.page.goto((bundle_root / "ar" / "index.html").as_uri())
    offline_results(offline.page, "لاريجاني")
    meta = offline.page.locator(f"{BOX} .md-search-result__meta").inner_text()
    assert re.fullmatch(r"عدد النتائج: \d+", meta.strip()), meta


@pytest.mark.parametrize(("lang", "query", "first"), RANKING)
def test_the_obvious_page_comes_first_offline_too(
    offline: Offline, bundle_root: Path, lang: str, query: str, first: str
) -> None:
    page = offline.page
    page.goto((bundle_root / lang / "people" / "index.html").as_uri())
    found = _search(page, query, bundle_root)
    # "/en/people/ali-larijani/" on the published site is en/people/ali-larijani.html here.
    assert found and found[0] == first.strip("/") + ".html", found


def test_arabic_is_found_folded_and_shown_as_written_offline(
    offline: Offline, bundle_root: Path
) -> None:
    offline.page.goto((bundle_root / "ar" / "index.html").as_uri())
    shown = [
        f"{title} {excerpt}" for _, title, excerpt in offline_results(offline.page, "اسلام اباد")
    ]
    assert any("إسلام آباد" in text for text in shown), shown
    assert not any("اسلام اباد" in text for text in shown), shown
    # The article's forms: «الثنائية» finds «العلاقات الثنائية» and «والثنائية» alike.
    marked = offline.page.locator(f"{BOX} .sijill-search-excerpt mark", has_text="آباد")
    assert marked.count() > 0
    found = _search(offline.page, "ثنائيه", bundle_root)  # no article, ه for ة
    assert "ar/visits/2025-11-larijani-pakistan.html" in found, found


@pytest.mark.parametrize(
    ("lang", "query", "filter_name", "kind"),
    [("en", "Larijani", "Kind of page", "Person"), ("ar", "لاريجاني", "نوع الصفحة", "شخص")],
)
def test_the_kind_filter_keeps_one_kind_of_page_offline(
    offline: Offline, bundle_root: Path, lang: str, query: str, filter_name: str, kind: str
) -> None:
    page = offline.page
    page.goto((bundle_root / lang / "index.html").as_uri())
    everything = _search(page, query, bundle_root)
    assert any("/sources/" in path for path in everything), everything
    select = page.locator(f'{BOX} select[data-filter="{filter_name}"]')
    label = select.locator("option", has_text=kind).inner_text()
    select.select_option(label=label)
    page.wait_for_function(
        "box => { const links = [...document.querySelectorAll(box + ' .md-search-result__link')];"
        " return links.length > 0 && links.every(a => a.href.includes('/people/')); }",
        arg=BOX,
        timeout=15_000,
    )
    found = [_path(href, bundle_root) for href, _, _ in shown_results(page)]
    assert found[0] == f"{lang}/people/ali-larijani.html", found


def test_a_misspelt_name_offers_the_closest_names_offline(
    offline: Offline, bundle_root: Path
) -> None:
    offline.page.goto((bundle_root / "en" / "index.html").as_uri())
    assert offline_results(offline.page, "Larijni") == []
    offered = offline.page.locator(".sijill-suggest a", has_text="Ali Larijani").first
    offered.wait_for(timeout=15_000)
    assert _path(offered.evaluate("a => a.href"), bundle_root) == "en/people/ali-larijani.html"


def test_the_offline_box_is_keyboard_accessible_and_right_to_left(
    offline: Offline, bundle_root: Path
) -> None:
    page = offline.page
    page.goto((bundle_root / "ar" / "people" / "ali-larijani.html").as_uri())
    page.keyboard.press("/")
    box = page.locator(f"{BOX} input")
    assert box.evaluate("e => e === document.activeElement")
    assert box.get_attribute("aria-label")
    assert box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.keyboard.type("لاريجاني")
    page.locator(f"{BOX} .md-search-result__item a").first.wait_for(timeout=15_000)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")


TERM_TEXTS = [
    "وصل عليّ لاريجانيّ إلى إسلام آباد",
    "والباكستانية للرئيس بالعاصمة فالوزير كالسفير",
    "ٱلثنائية مُحَمَّد ـــ باقر قالیباف ٢٠٢٥",
    "Erdoğan, Ali_Larijani; ÉLYSÉE 2025-11-25 naïve",
    "الله له لل ال",
]


def test_the_query_folds_words_as_the_index_does(offline: Offline, bundle_root: Path) -> None:
    # One rule: the script receives generator/search/terms.py's rules as data.
    offline.page.goto((bundle_root / "ar" / "index.html").as_uri())
    folded = offline.page.evaluate(
        "([rules, texts]) => texts.map(t => new sijillSearch.Terms(rules).terms(t))",
        [terms.rules(), TERM_TEXTS],
    )
    assert folded == [terms.terms(text) for text in TERM_TEXTS]
