"""The published site as search engines and link checkers see it: the head of every page,
the sitemap, robots.txt, the 404 pages, and every internal link and anchor."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.data.check import check
from generator.data.dataset import Dataset
from generator.languages import language
from generator.mkdocs.heads import head_tags, json_ld_script
from generator.mkdocs.linkcheck import broken_links
from generator.render.seo import entity_head
from generator.render.urls import SiteUrls, with_urls
from tests.conftest import ROOT, SHIPPED_DATA

pytestmark = pytest.mark.slow

SITE_URL = "https://sijill.example.org/"
ARABIC = re.compile("[\u0600-\u06ff]")


@dataclass
class Head:
    html: dict[str, str | None] = field(default_factory=dict)
    links: list[dict[str, str | None]] = field(default_factory=list)
    metas: list[dict[str, str | None]] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)

    def meta(self, key: str) -> list[str]:
        return [
            str(m.get("content"))
            for m in self.metas
            if m.get("name") == key or m.get("property") == key
        ]

    @property
    def noindex(self) -> bool:
        return "noindex" in self.meta("robots")


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_head = False
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.head.html = values
        elif tag == "head":
            self._in_head = True
        elif self._in_head and tag == "link":
            self.head.links.append(values)
        elif self._in_head and tag == "meta":
            self.head.metas.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._script is not None:
            self.head.json_ld.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)


def parse_head(html: str) -> Head:
    parser = _HeadParser()
    parser.feed(html)
    return parser.head


def published_url(site: Path, html_file: Path) -> str:
    path = html_file.relative_to(site).as_posix()
    return SITE_URL + path.removesuffix("index.html")


def file_of(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL) :]
    return site / (path + "index.html" if path == "" or path.endswith("/") else path)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = check(SHIPPED_DATA)
    assert result.dataset is not None
    return result.dataset


def test_the_head_of_every_page(shipped_site: Path, dataset: Dataset) -> None:
    """canonical, the hreflang pair and x-default, JSON-LD that json.loads reads, lang and dir."""
    checked = 0
    for html_file in sorted(shipped_site.rglob("*.html")):
        name = html_file.relative_to(shipped_site).as_posix()
        head = parse_head(html_file.read_text(encoding="utf-8"))
        lang = str(head.html.get("lang"))
        assert head.html.get("dir") == language(lang).direction, name
        if head.noindex:  # 404 pages, redirects and embeddable cards: nothing to index
            assert (
                name.endswith("404.html")
                or "/cards/" in name
                or any(m.get("http-equiv") == "refresh" for m in head.metas)
            ), name
            continue
        checked += 1
        canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
        assert canonical == [published_url(shipped_site, html_file)], name
        hreflang = {
            str(link["hreflang"]): str(link["href"])
            for link in head.links
            if link.get("rel") == "alternate" and link.get("hreflang")
        }
        count = sum(1 for link in head.links if link.get("hreflang"))
        assert sorted(hreflang) == ["ar", "en", "x-default"] and count == 3, name
        if name != "index.html":
            assert hreflang[lang] == canonical[0], name
            twin = "ar" if lang == "en" else "en"
            assert hreflang[twin] == canonical[0].replace(f"/{lang}/", f"/{twin}/", 1), name
        for url in hreflang.values():
            assert file_of(shipped_site, url).is_file(), f"{name}: {url}"
        assert head.json_ld, name
        documents = [json.loads(text) for text in head.json_ld]
        assert all(doc["@context"] == "https://schema.org" for doc in documents), name
        if name == "index.html":
            continue
        assert len(head.meta("description")) == 1, name
        for key in ("og:title", "og:description", "og:url", "twitter:title"):
            assert head.meta(key) and head.meta(key)[0].strip(), f"{name}: {key}"
        assert head.meta("og:url") == canonical, name
        assert head.meta("og:description") == head.meta("description"), name
    assert checked > 75  # every page of the shipped site but the home pages (79)


def _page_head(site: Path, lang: str, path: str) -> tuple[Head, dict[str, object]]:
    head = parse_head((site / lang / path / "index.html").read_text(encoding="utf-8"))
    return head, json.loads(head.json_ld[0])


def test_person_pages_carry_a_person(shipped_site: Path, dataset: Dataset) -> None:
    for lang in ("en", "ar"):
        for person in dataset.people.values():
            head, data = _page_head(shipped_site, lang, f"people/{person.id}")
            assert data["@type"] == "Person"
            assert data["name"] == person.name.get(lang)
            assert data["url"] == f"{SITE_URL}{lang}/people/{person.id}/"
            summary = person.summary.get(lang) if person.summary else None
            if summary:
                flat = " ".join(summary.split())
                shown = head.meta("og:description")[0]
                assert shown == flat if len(flat) <= 300 else shown[:100] == flat[:100]
            if lang == "ar":
                assert ARABIC.search(head.meta("og:title")[0])
                assert ARABIC.search(head.meta("description")[0])
    _, larijani = _page_head(shipped_site, "en", "people/ali-larijani")
    assert larijani["memberOf"] == [
        {
            "@type": "OrganizationRole",
            "memberOf": {"@type": "Organization", "name": "Supreme National Security Council"},
            "roleName": "Secretary of the Supreme National Security Council",
            "startDate": "2025-08",
        }
    ]


def test_visit_pages_carry_an_event_with_its_precision(
    shipped_site: Path, dataset: Dataset
) -> None:
    for lang in ("en", "ar"):
        for visit in dataset.visits.values():
            _, data = _page_head(shipped_site, lang, f"visits/{visit.id}")
            assert data["@type"] == "Event"
            assert data["startDate"] == str(visit.start_date)
            assert data["location"]
            attendees = {str(a["url"]) for a in data["attendee"]}  # type: ignore[attr-defined]
            assert attendees == {
                f"{SITE_URL}{lang}/people/{pid}/" for pid in [*visit.visitor_ids, *visit.host_ids]
            }
    _, month = _page_head(shipped_site, "ar", "visits/2025-10-ghalibaf-pakistan")
    assert month["startDate"] == "2025-10"
    _, day = _page_head(shipped_site, "en", "visits/2025-11-larijani-pakistan")
    assert day["startDate"] == "2025-11-25"
    assert day["location"] == [
        {
            "@type": "Place",
            "name": "Islamabad",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "PK",
                "addressLocality": "Islamabad",
            },
        },
        {
            "@type": "Place",
            "name": "Nur Khan Air Base",
            "address": {
                "@type": "PostalAddress",
                "addressCountry": "PK",
                "addressLocality": "Rawalpindi",
            },
        },
    ]


def test_untrusted_text_cannot_leave_its_tag(dataset: Dataset) -> None:
    evil = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)>&amp;'
    person = dataset.people["ali-larijani"]
    bad = person.model_copy(
        update={"name": person.name.model_copy(update={"en": evil}), "summary": None}
    )
    tampered = dataclasses.replace(dataset, people={**dataset.people, bad.id: bad})
    # As the page carries it: JSON in the front matter, read back by the hook.
    entity = json.loads(json.dumps(entity_head(tampered, "en", "people/ali-larijani.md")))
    html = head_tags(
        lang="en",
        path="people/ali-larijani.md",
        title=evil,
        urls=SiteUrls.from_site_url(SITE_URL),
        entity=entity,
    )
    head = parse_head(f"<html><head>{html}</head></html>")
    assert len(head.json_ld) == 1 and "<script>" not in html.replace(
        '<script type="application/ld+json">', ""
    )
    assert json.loads(head.json_ld[0])["name"] == evil
    assert head.meta("og:title") == [evil]
    assert "<img" not in html
    assert json_ld_script({"a": "</script>"}) == (
        '<script type="application/ld+json">{"a":"\\u003c/script\\u003e"}</script>'
    )


def test_one_sitemap_for_both_languages_and_robots(shipped_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring((shipped_site / "sitemap.xml").read_bytes())
    urls = root.findall("s:url", ns)
    pages = [p for p in shipped_site.rglob("index.html")]
    assert len(urls) == len(pages)
    locs = set()
    for url in urls:
        loc = url.findtext("s:loc", namespaces=ns)
        assert loc is not None and file_of(shipped_site, loc).is_file(), loc
        locs.add(loc)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert sorted(alternates) == ["ar", "en", "x-default"], loc
        assert loc in alternates.values()
    assert f"{SITE_URL}ar/people/ali-larijani/" in locs and SITE_URL in locs
    robots = (shipped_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()


def test_404_pages_in_both_languages(shipped_site: Path) -> None:
    english = (shipped_site / "en" / "404.html").read_text(encoding="utf-8")
    arabic = (shipped_site / "ar" / "404.html").read_text(encoding="utf-8")
    assert "<h1>Page not found</h1>" in english
    assert "<h1>الصفحة غير موجودة</h1>" in arabic
    assert '<html lang="ar" class="no-js" dir="rtl">' in arabic
    assert '<a href="/ar/.">الانتقال إلى الصفحة الرئيسية</a>' in arabic
    root = (shipped_site / "404.html").read_text(encoding="utf-8")
    assert '<section lang="ar" dir="rtl">' in root and '<section lang="en" dir="ltr">' in root
    assert f'href="{SITE_URL}ar/"' in root


def test_every_internal_link_and_anchor_resolves(shipped_site: Path) -> None:
    assert broken_links(shipped_site, SITE_URL) == []


def test_on_a_site_under_a_path_a_link_from_the_hosts_root_leaves_it(tmp_path: Path) -> None:
    # A project site on GitHub Pages lives under /<repo>/: "/en/" is another site's page.
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "index.html").write_text(
        '<a href="/en/">out</a><a href="/repo/en/">in</a><a href="/repo">root</a>'
        '<a href="https://owner.github.io/repo/en/">absolute</a>',
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text("chooser", encoding="utf-8")
    assert broken_links(tmp_path, "https://owner.github.io/repo/") == [
        "en/index.html: /en/ (outside the site, which is under /repo/)"
    ]
    # At the root of its host, the same link is the site's own.
    assert broken_links(tmp_path, "https://sijill.example.org/") == [
        "en/index.html: /repo/en/ (no such file: repo/en/)",
        "en/index.html: /repo (no such file: repo)",
    ]


def test_a_broken_link_or_anchor_is_named_with_its_page(shipped_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped_site, site)
    about = site / "en" / "about" / "index.html"
    html = about.read_text(encoding="utf-8")
    planted = (
        '<a href="../people/nobody/">x</a><a href="../people/ali-larijani/#nowhere">y</a>'
        f'<a href="{SITE_URL}ar/missing/">z</a><a href="https://example.com/">external</a>'
    )
    about.write_text(html.replace("</article>", planted + "</article>", 1), encoding="utf-8")
    assert broken_links(site, SITE_URL) == [
        "en/about/index.html: ../people/nobody/ (no such file: en/people/nobody/)",
        "en/about/index.html: ../people/ali-larijani/#nowhere "
        "(no id 'nowhere' in en/people/ali-larijani/index.html)",
        f"en/about/index.html: {SITE_URL}ar/missing/ (no such file: ar/missing/)",
    ]


def test_build_check_links_refuses_to_publish_a_broken_link(
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Raw HTML in a hand-written page: MkDocs' strict build does not look at it.
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    about = root / "content" / "en" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8") + '\n<a href="people/nobody/">gone</a>\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(root)
    out = ["--site-dir", str(tmp_path / "site"), "--build-dir", str(tmp_path / "build")]
    assert main(["build", "--check-links", "--data", str(data_copy), *out]) == 1
    error = capsys.readouterr().err
    assert (
        "1 broken link(s):\n"
        "  en/about/index.html: people/nobody/ (no such file: en/about/people/nobody/)\n"
    ) in error
    assert not (tmp_path / "site").exists()


def test_portable_urls_become_the_sites_own(dataset: Dataset) -> None:
    entity = entity_head(dataset, "ar", "visits/2025-11-larijani-pakistan.md")
    assert entity is not None
    text = json.dumps(entity)
    assert SITE_URL not in text and "\\u0001ar\\u0001" in text
    resolved = with_urls(entity["json_ld"], SiteUrls.from_site_url(SITE_URL))
    assert resolved["url"] == f"{SITE_URL}ar/visits/2025-11-larijani-pakistan/"
    assert "\x01" not in json.dumps(resolved, ensure_ascii=False)
    # Text from the data is never taken for a URL, whatever it starts with.
    assert with_urls({"name": "ar/people/x"}, SiteUrls.from_site_url(SITE_URL)) == {
        "name": "ar/people/x"
    }
    assert entity_head(dataset, "en", "people/index.md") is None
