"""The Atom feeds and the embeddable cards (generator/feeds): read back by a real Atom parser
(feedparser) from the built site in both languages, linked from the pages, the same bytes for
the same data, hostile text arriving as text, and a card that Chromium loads with no request
leaving it."""

from __future__ import annotations

import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import pytest
import yaml
from playwright.sync_api import Browser

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.feeds.atom import LATEST, Feed, FeedWriter
from generator.feeds.files import feed_files
from generator.feeds.links import Links
from generator.languages import LANGUAGE_CODES, i18n
from generator.model import titles
from generator.model.resolve import newest_first
from tests.conftest import ROOT, SHIPPED_DATA

SITE_URL = "https://sijill.example.org/"  # mkdocs.yml's, which the shipped site is built for
ATOM = "{http://www.w3.org/2005/Atom}"
ARTIFACTS = ROOT / "build" / "test-artifacts"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = check(SHIPPED_DATA)
    assert result.dataset is not None
    return result.dataset


def _feeds(site: Path, lang: str) -> list[Path]:
    found = sorted((site / lang / "feeds").rglob("*.xml"))
    # Each folder's empty sitemap.xml is there for Material's script (generator/feeds/files.py).
    assert {p.parent for p in found} == {p.parent for p in found if p.name == "sitemap.xml"}
    return [path for path in found if path.name != "sitemap.xml"]


def _parsed(path: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", path
    return parsed


def _file_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL) :]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


# --- the feeds as a reader gets them ----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_every_feed_is_valid_atom_with_links_that_lead_to_the_visits(
    shipped_site: Path, dataset: Dataset, lang: str
) -> None:
    feeds = _feeds(shipped_site, lang)
    empty = 0
    # Site-wide, each person, each country, each relation.
    assert len(feeds) == 1 + len(dataset.people) + 2 + 1, feeds
    for path in feeds:
        parsed = _parsed(path)
        name = path.relative_to(shipped_site).as_posix()
        assert parsed.feed.language == lang, name
        assert parsed.feed.title_detail.language == lang, name
        assert parsed.feed.id == SITE_URL + name, name  # its own published URL
        assert {link.rel for link in parsed.feed.links} == {"alternate", "self"}, name
        assert _file_of(shipped_site, parsed.feed.link).is_file(), name
        assert len(parsed.entries) <= LATEST, name
        if not parsed.entries:  # no visit yet: as current as the whole record
            site = _parsed(shipped_site / lang / "feeds" / "visits.xml")
            assert parsed.feed.updated == site.feed.updated, name
            empty += 1
            continue
        for entry in parsed.entries:
            visit_id = entry.link.removeprefix(f"{SITE_URL}{lang}/visits/").removesuffix("/")
            visit = dataset.visits[visit_id]
            assert entry.title == titles.visit_title(dataset, visit, lang), name
            assert entry.id == entry.link
            assert _file_of(shipped_site, entry.link).is_file(), entry.link
            assert entry.summary_detail.language == lang
        # Newest first; the feed was last updated when its newest visit began.
        published = [entry.published for entry in parsed.entries]
        assert published == sorted(published, reverse=True), name
        assert parsed.feed.updated == published[0], name
    assert empty == 1  # Reza Amiri Moghadam, on record with no visit


def test_the_site_feed_has_every_visit_with_its_date_at_its_precision(
    shipped_site: Path, dataset: Dataset
) -> None:
    for lang in LANGUAGE_CODES:
        parsed = _parsed(shipped_site / lang / "feeds" / "visits.xml")
        expected = [
            f"{SITE_URL}{lang}/visits/{visit.id}/"
            for visit in newest_first(list(dataset.visits.values()))
        ]
        assert [entry.link for entry in parsed.entries] == expected
        by_link = {entry.link: entry for entry in parsed.entries}
        # "October 2025": the entry says the month, its timestamp is the month's first day.
        naqvi = by_link[f"{SITE_URL}{lang}/visits/2025-10-naqvi-iran/"]
        assert naqvi.published == "2025-10-01T00:00:00Z" == naqvi.updated
        month = i18n.label(lang, "feed_precision_month")
        assert naqvi.summary.startswith(
            i18n.format_partial_date(dataset.visits["2025-10-naqvi-iran"].start_date, lang)
        )
        assert f"({month})" in naqvi.summary
        larijani = by_link[f"{SITE_URL}{lang}/visits/2025-11-larijani-pakistan/"]
        assert larijani.published == "2025-11-25T00:00:00Z"
        assert i18n.label(lang, "feed_precision_day") in larijani.summary
    arabic = _parsed(shipped_site / "ar" / "feeds" / "visits.xml")
    assert "إيران ← باكستان" in arabic.entries[0].summary
    assert (
        ElementTree.parse(shipped_site / "ar" / "feeds" / "visits.xml")
        .getroot()
        .get("{http://www.w3.org/XML/1998/namespace}lang")
        == "ar"
    )


def test_a_person_feed_follows_their_visits_made_and_hosted(
    shipped_site: Path, dataset: Dataset
) -> None:
    parsed = _parsed(shipped_site / "en" / "feeds" / "people" / "mohammad-ishaq-dar.xml")
    hosted = {v.id for v in dataset.visits.values() if "mohammad-ishaq-dar" in v.host_ids}
    made = {v.id for v in dataset.visits.values() if "mohammad-ishaq-dar" in v.visitor_ids}
    links = {entry.link.rsplit("/", 2)[1] for entry in parsed.entries}
    assert links == hosted | made and hosted
    assert parsed.feed.title == "Mohammad Ishaq Dar: latest visits — Sijill"
    assert parsed.feed.link == f"{SITE_URL}en/people/mohammad-ishaq-dar/"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head_feeds: list[dict[str, str | None]] = []
        self.anchors: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("type") == "application/atom+xml":
            self.head_feeds.append(values)
        if tag == "a":
            self._href, self._text = values.get("href"), []

    def handle_data(self, data: str) -> None:
        self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.anchors.append((self._href, "".join(self._text).strip()))
            self._href = None


def _links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("", "feeds/visits.xml"),
        ("visits/", "feeds/visits.xml"),
        ("people/ali-larijani/", "feeds/people/ali-larijani.xml"),
        ("countries/pk/", "feeds/countries/pk.xml"),
        ("relations/ir-pk/", "feeds/relations/ir-pk.xml"),
    ],
)
def test_pages_link_their_feed_in_the_head_and_as_a_follow_link(
    shipped_site: Path, page: str, feed: str
) -> None:
    for lang in LANGUAGE_CODES:
        html = shipped_site / lang / page / "index.html"
        links = _links(html)
        assert len(links.head_feeds) == 1, html
        assert links.head_feeds[0]["href"] == f"{SITE_URL}{lang}/{feed}"
        assert links.head_feeds[0]["title"]
        follow = [href for href, text in links.anchors if text == i18n.label(lang, "follow_link")]
        assert len(follow) == 1, html
        target = posixpath.normpath(posixpath.join(f"{lang}/{page}", follow[0]))
        assert target == f"{lang}/{feed}"
    assert _links(shipped_site / "ar" / "people" / "ali-larijani" / "index.html").anchors
    arabic = _links(shipped_site / "ar" / "index.html")
    assert any(text.startswith("تابِع") for _, text in arabic.anchors)
    # A page that follows nothing links no feed.
    assert _links(shipped_site / "en" / "sources" / "index.html").head_feeds == []


def test_feeds_are_bounded_and_their_bytes_are_the_data_s(
    shipped_site: Path, dataset: Dataset
) -> None:
    """The same data gives the same bytes (no clock), and the build publishes what the
    generator made; a feed keeps the newest LATEST visits."""
    first, second = feed_files(dataset, SITE_URL), feed_files(dataset, SITE_URL)
    assert first == second
    for lang, files in first.items():
        for path, text in files.items():
            assert (shipped_site / lang / path).read_text(encoding="utf-8") == text, path
    visit = dataset.visits["2025-11-larijani-pakistan"]
    writer = FeedWriter(dataset, "en", Links("en", SITE_URL), None)
    text = writer.write(Feed("feeds/visits.xml", "index.md", "t", [visit] * (LATEST + 10)))
    assert len(feedparser.parse(text.encode()).entries) == LATEST


def test_without_a_site_url_links_are_relative_to_the_feed(
    shipped_site: Path, dataset: Dataset
) -> None:
    files = feed_files(dataset, "")
    for path in ("feeds/visits.xml", "feeds/relations/ir-pk.xml", "cards/people/ali-larijani.html"):
        text = files["ar"][path]
        hrefs = re.findall(r'href="([^"]+)"', text)
        assert hrefs and "https://" not in text, path
        for href in hrefs:
            target = posixpath.normpath(posixpath.join(posixpath.dirname(f"ar/{path}"), href))
            assert (shipped_site / target / "index.html").is_file(), (path, href)
    parsed = feedparser.parse(files["en"]["feeds/visits.xml"].encode())
    assert not parsed.bozo and parsed.feed.id.startswith("urn:sijill:en:")


# --- the cards --------------------------------------------------------------------------------


class _Card(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _card(text: str) -> _Card:
    parser = _Card()
    parser.feed(text)
    return parser


def test_cards_stand_alone_in_both_languages(shipped_site: Path, dataset: Dataset) -> None:
    for lang in LANGUAGE_CODES:
        cards = sorted((shipped_site / lang / "cards").rglob("*.html"))
        assert len(cards) == len(dataset.people) + len(dataset.visits)
        for path in cards:
            card = _card(path.read_text(encoding="utf-8"))
            tags = {tag for tag, _ in card.tags}
            html = dict(card.tags)["html"]
            assert html == {"lang": lang, "dir": "rtl" if lang == "ar" else "ltr"}, path
            assert not tags & {"script", "img", "iframe", "link", "object", "embed"}, path
            assert all("src" not in attrs and "style" not in attrs for _, attrs in card.tags)
            policy = [a for t, a in card.tags if a.get("http-equiv") == "Content-Security-Policy"]
            assert policy and "default-src 'none'" in str(policy[0]["content"]), path
            anchors = [attrs for tag, attrs in card.tags if tag == "a"]
            for anchor in anchors:
                assert str(anchor["href"]).startswith(f"{SITE_URL}{lang}/"), path
                assert _file_of(shipped_site, str(anchor["href"])).is_file(), anchor
                assert anchor["target"] == "_blank" and anchor["rel"] == "noopener"
            kind, entity = path.parent.name, path.stem
            assert anchors[-1]["href"] == f"{SITE_URL}{lang}/{kind}/{entity}/", path
    larijani = _card(
        (shipped_site / "ar" / "cards" / "people" / "ali-larijani.html").read_text("utf-8")
    )
    text = " ".join(larijani.text)
    assert "علي لاريجاني" in text and "أحدث الزيارات" in text and "إيران" in text
    # Each entity page links its card.
    for page in ("people/ali-larijani", "visits/2025-10-naqvi-iran"):
        anchors = _links(shipped_site / "en" / page / "index.html").anchors
        embed = [href for href, t in anchors if t == i18n.label("en", "embed_link")]
        target = posixpath.normpath(posixpath.join(f"en/{page}/", embed[0]))
        assert target == f"en/cards/{page}.html"


# --- hostile text ----------------------------------------------------------------------------

SCRIPT = "<script>alert('sijill')</script>"
BREAK_OUT = "]]></title><entry><title>sijillForged</title></entry>&amp; \" '"


def test_hostile_names_and_summaries_arrive_as_text(tmp_path: Path) -> None:
    data = tmp_path / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    person_file = data / "people" / "ali-larijani.yml"
    person = yaml.safe_load(person_file.read_text(encoding="utf-8"))
    person["name"] = {"en": SCRIPT, "ar": BREAK_OUT}
    person_file.write_text(yaml.safe_dump(person, allow_unicode=True), encoding="utf-8")
    visit_file = data / "visits" / "2025-11-larijani-pakistan.yml"
    visit = yaml.safe_load(visit_file.read_text(encoding="utf-8"))
    visit["summary"] = {"en": BREAK_OUT, "ar": SCRIPT}
    visit_file.write_text(yaml.safe_dump(visit, allow_unicode=True), encoding="utf-8")
    result = check(data)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    files = feed_files(result.dataset, SITE_URL)
    for lang, name, summary in (("en", SCRIPT, BREAK_OUT), ("ar", BREAK_OUT, SCRIPT)):
        feed = files[lang]["feeds/people/ali-larijani.xml"]
        assert "<script" not in feed and "<entry><title>sijillForged" not in feed
        parsed = feedparser.parse(feed.encode())
        assert not parsed.bozo and len(parsed.entries) == 1
        assert parsed.feed.title.startswith(name)  # the name, as the text it is
        assert parsed.entries[0].summary.endswith(summary)
        for path in (
            "cards/people/ali-larijani.html",
            "cards/visits/2025-11-larijani-pakistan.html",
        ):
            card = _card(files[lang][path])
            assert "script" not in {tag for tag, _ in card.tags}, path
            assert "sijillForged" not in {tag for tag, _ in card.tags}
        shown = "".join(_card(files[lang]["cards/people/ali-larijani.html"]).text)
        assert name in shown


# --- Chromium --------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "card"), [("en", "people/ali-larijani"), ("ar", "visits/2025-10-naqvi-iran")]
)
def test_a_card_in_an_iframe_makes_no_request_outside_itself(
    shipped_site: Path, browser: Browser, tmp_path: Path, lang: str, card: str
) -> None:
    """Another site's page puts the card in an iframe: the only requests are the host page's
    and the card's own file; the Arabic card reads right to left."""
    card_url = (shipped_site / lang / "cards" / f"{card}.html").as_uri()
    host = tmp_path / "host.html"
    host.write_text(
        f'<!DOCTYPE html><html><body><iframe src="{card_url}" width="420" height="320">'
        "</iframe></body></html>",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": 480, "height": 360})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto(host.as_uri(), wait_until="load")
    frame = page.frame(url=card_url)
    assert frame is not None
    assert frame.evaluate("getComputedStyle(document.body).direction") == (
        "rtl" if lang == "ar" else "ltr"
    )
    assert frame.locator("h1").inner_text().strip()
    assert frame.locator("a").last.get_attribute("target") == "_blank"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"card-{lang}-{card.replace('/', '-')}.png"))
    context.close()
    assert requests == [host.as_uri(), card_url]


# --- the hook's head link, with and without the site's address --------------------------------


class _File:
    def __init__(self, src_uri: str) -> None:
        self.src_uri = src_uri


class _Page:
    def __init__(self, src_uri: str, url: str, title: str) -> None:
        self.file, self.url, self.title = _File(src_uri), url, title


@pytest.mark.parametrize(
    ("settings", "url", "href"),
    [
        ({}, "people/x/", "../../feeds/people/x.xml"),  # no site_url: relative to the page
        ({}, "people/x.html", "../feeds/people/x.xml"),
        (
            {"urls": {"root": "https://e.org/", "languages": {"ar": "https://e.org/ar/"}}},
            "people/x/",
            "https://e.org/ar/feeds/people/x.xml",
        ),
    ],
)
def test_the_hook_links_the_feed_in_the_head(
    tmp_path: Path, settings: dict[str, object], url: str, href: str
) -> None:
    from generator.mkdocs.hooks import _add_feed_link

    docs = tmp_path / "ar"
    (docs / "feeds" / "people").mkdir(parents=True)
    (docs / "feeds" / "people" / "x.xml").write_text("<feed/>", encoding="utf-8")
    config = {
        "docs_dir": str(docs),
        "extra": {"sijill": {"lang": "ar", "feed_title": "{title}: أحدث الزيارات", **settings}},
    }
    page = _Page("people/x.md", url, 'A "<b>" &amp; B')
    output = _add_feed_link("<html><head></head><body></body></html>", page, config)
    links = _links_in(output)
    assert links.head_feeds == [
        {
            "rel": "alternate",
            "type": "application/atom+xml",
            "title": 'A "<b>" & B: أحدث الزيارات',
            "href": href,
        }
    ]
    # No feed file, no link; none in the offline bundle (hreflang off).
    assert _add_feed_link("<head></head>", _Page("people/y.md", url, "y"), config) == (
        "<head></head>"
    )
    config["extra"]["sijill"]["hreflang"] = False  # type: ignore[index]
    assert "atom" not in _add_feed_link("<head></head>", page, config)


def _links_in(text: str) -> _Links:
    parser = _Links()
    parser.feed(text)
    return parser


@pytest.mark.parametrize(
    ("links", "page", "start", "expected"),
    [
        (Links("en"), "visits/v.md", "feeds/people/x.xml", "../../visits/v/"),
        (Links("en"), "index.md", "feeds/visits.xml", "../"),
        # The offline bundle without a site_url: its pages are files.
        (Links("ar", "", False), "people/x.md", "cards/people/x.html", "../../people/x.html"),
        (Links("ar", "", False), "index.md", "feeds/visits.xml", "../index.html"),
        (
            Links("ar", "https://e.org", False),
            "people/x.md",
            "cards/people/x.html",
            "https://e.org/ar/people/x/",
        ),
    ],
)
def test_links_of_feeds_and_cards(links: Links, page: str, start: str, expected: str) -> None:
    assert links.page(page, start) == expected
