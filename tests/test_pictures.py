"""The pictures (issue 15, generator/pictures/): their structure on the generated pages, their
links once MkDocs has built them, and the same facts in words beside them."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import yaml

from generator.data.check import check
from generator.model.pages import home_part
from generator.pictures import visits as pictures
from generator.write.generate import render_pages
from tests.sitebuild import page

SVG = "{http://www.w3.org/2000/svg}"


def figures(markdown: str) -> list[ET.Element]:
    """The charts of a generated page (the world map: test_worldmap), parsed as XML: each
    must be well formed."""
    found = re.findall(r'<figure class="sijill-chart"[^>]*>\s*(<svg .*?</svg>)', markdown, re.S)
    return [ET.fromstring(svg) for svg in found]


def marks(svg: ET.Element) -> list[tuple[str, str, float, str]]:
    """(css class, href, x, tooltip) of each linked mark."""
    found = []
    for link in svg.iter(f"{SVG}a"):
        shape = next(e for e in link if e.tag in (f"{SVG}circle", f"{SVG}rect"))
        x = float(shape.get("cx") or shape.get("x") or 0)
        title = link.find(f"{SVG}title")
        assert title is not None and title.text, "each mark has a tooltip"
        found.append((shape.get("class", ""), link.get("href", ""), x, title.text))
    return found


def ticks(svg: ET.Element) -> list[tuple[float, str]]:
    return [
        (float(t.get("x", 0)), t.text or "")
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == "middle"
    ]


def named(svg: ET.Element) -> None:
    """A graphic named and described by its own title and description. (Not role="img":
    an image's children are hidden from assistive technology, and these are links.)"""
    assert svg.get("role") == "graphics-document"
    title_id, desc_id = svg.get("aria-labelledby"), svg.get("aria-describedby")
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.get("id") == title_id and title.text
    assert desc is not None and desc.get("id") == desc_id and desc.text


def rendered(data: Path) -> dict[str, dict[str, str]]:
    result = check(data)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    pages = {}
    for lang in ("en", "ar"):
        pages[lang] = render_pages(result.dataset, lang)
        pages[lang]["index.md"] = render_pages(result.dataset, lang, [home_part()])["index.md"]
    return pages


def test_a_relation_shows_its_exchange_a_lane_each_way(data_copy: Path) -> None:
    pages = rendered(data_copy)
    for lang, months in (("en", ("Aug 2025", "Nov 2025")), ("ar", ("أغسطس", "نوفمبر"))):
        (svg,) = figures(pages[lang]["relations/ir-pk.md"])
        named(svg)
        found = marks(svg)
        there = {href for css, href, _, _ in found if css == "sijill-up"}
        back = {href for css, href, _, _ in found if css == "sijill-down"}
        assert "sijill-doc:visits/2025-11-larijani-pakistan.md" in there
        assert back == {"sijill-doc:visits/2025-10-naqvi-iran.md"}
        x = {href.split("/")[-1]: x for _, href, x, _ in found}
        august, november = x["2025-08-pezeshkian-pakistan.md"], x["2025-11-larijani-pakistan.md"]
        labels = ticks(svg)
        first = next(x for x, text in labels if months[0] in text)
        last = next(x for x, text in labels if months[1] in text)
        if lang == "ar":  # time runs from right to left
            assert november < august and last < first, (lang, labels)
        else:
            assert august < november and first < last, (lang, labels)
        tooltip = next(t for _, href, _, t in found if "larijani" in href)
        assert ("25 November 2025" if lang == "en" else "نوفمبر") in tooltip


def test_people_and_countries_show_visits_per_year_linked_to_their_tables(
    data_copy: Path,
) -> None:
    pages = rendered(data_copy)
    for lang in ("en", "ar"):
        person = pages[lang]["people/ali-larijani.md"]
        (svg,) = figures(person)
        named(svg)
        (bar,) = marks(svg)
        assert bar[0] == "sijill-up" and bar[1] == "#made-2025"
        assert '<a id="made-2025"></a>' in person  # where the bar leads
        country = pages[lang]["countries/pk.md"]
        (svg,) = figures(country)
        classes = sorted(css for css, _, _, _ in marks(svg))
        assert classes == ["sijill-down", "sijill-up"]  # Pakistan's visits made, and received
        home = pages[lang]["index.md"]
        (years,) = figures(home)  # one relation: no ranking of relations
        # The timeline's years are on its own page, not the home page's.
        assert [href for _, href, _, _ in marks(years)] == ["sijill-doc:visits/index.md#year-2025"]


def _visit(data: Path, visit_id: str, date: str, origin: str, destination: str) -> None:
    text = (data / "visits" / "2025-10-naqvi-iran.yml").read_text(encoding="utf-8")
    visit = yaml.safe_load(text)
    visit.update(
        id=visit_id, start_date=date, from_country=origin, to_country=destination, former_ids=[]
    )
    visit.pop("end_date", None)
    visit.pop("places", None)
    visit.pop("title", None)
    (data / "visits" / f"{visit_id}.yml").write_text(
        yaml.safe_dump(visit, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def test_the_home_page_ranks_the_busiest_relations(data_copy: Path) -> None:
    _visit(data_copy, "2024-05-naqvi-china", "2024-05", "PK", "CN")
    pages = rendered(data_copy)
    for lang in ("en", "ar"):
        years, busiest = figures(pages[lang]["index.md"])
        named(busiest)
        ranked = [(href, tip) for _, href, _, tip in marks(busiest)]
        assert [href for href, _ in ranked] == [
            "sijill-doc:relations/ir-pk.md",
            "sijill-doc:relations/cn-pk.md",
        ]
        one = "1 visit" if lang == "en" else "زيارة واحدة"
        assert "4" in ranked[0][1] and ranked[1][1].endswith(one), ranked
        assert {x for _, _, x, _ in marks(years)}, "2024 and 2025 each have a bar"
        assert len(marks(years)) == 2


def test_a_busy_relation_draws_a_mark_per_year_not_hundreds(data_copy: Path) -> None:
    for n in range(pictures.MAX_MARKS + 10):
        _visit(data_copy, f"busy-{n:03d}", f"{2000 + n % 20}-{1 + n % 12:02d}", "PK", "IR")
    pages = rendered(data_copy)
    (svg,) = figures(pages["en"]["relations/ir-pk.md"])
    found = marks(svg)
    back = [m for m in found if m[0] == "sijill-down"]
    assert len(back) == 21  # 2000-2019 and 2025, one mark each
    assert all("visits/" not in href for _, href, _, _ in back)
    assert len(found) < 40


def test_built_pictures_link_to_built_pages(shipped_site: Path, offline_bundle: Path) -> None:
    # MkDocs rewrites Markdown's links, not raw HTML's: the hooks turn the pictures'
    # `sijill-doc:` links into the built pages' addresses, folders on the site, .html files in
    # the bundle.
    html = page(shipped_site, "ar", "relations/ir-pk")
    chart = html.index('<figure class="sijill-chart"')  # Material's icons are SVGs too
    svg = html[chart : html.index("</svg>", chart)]
    hrefs = re.findall(r'<a href="([^"]+)"', svg)
    assert "../../visits/2025-11-larijani-pakistan/" in hrefs
    for href in hrefs:
        target = (shipped_site / "ar" / "relations" / "ir-pk" / href / "index.html").resolve()
        assert target.is_file(), href
    with zipfile.ZipFile(offline_bundle) as bundle:
        name = next(n for n in bundle.namelist() if n.endswith("ar/relations/ir-pk.html"))
        text = bundle.read(name).decode("utf-8")
    chart = text.index('<figure class="sijill-chart"')
    svg = text[chart : text.index("</svg>", chart)]
    assert '<a href="../visits/2025-11-larijani-pakistan.html">' in svg
    assert "sijill-doc:" not in svg
