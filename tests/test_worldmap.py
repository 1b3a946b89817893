"""World maps of visits on person and country pages (issue 15): the shared base map is one file
each language's pages show with <img>, the page's countries are an inline SVG over it, shaded
by visits and linked to their pages, with a title and description, the same facts as text
beside it, former states listed by name, and no script."""

from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.pictures import worldmap
from generator.pictures.geometry import path_data, simplify
from generator.render.urls import resolve_doc_links
from generator.write.generate import assets, render_pages
from tests.test_check import VISIT, edit, write

# Larijani visiting the Soviet Union in 1985.
SOVIET_VISIT = edit(
    edit(edit(VISIT, "id: x", "id: soviet"), "to_country: PK", "to_country: SUHH"),
    'start_date: "2025-11-25"',
    'start_date: "1985-03"',
)


class _Map(HTMLParser):
    """The map's figure of a built page: the base <img>, the SVG's parts, its links."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <figure class="sijill-map">
        self.img: list[str] = []
        self.svg: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.shades: list[str] = []
        self.titles: list[str] = []
        self.tags: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "figure" and values.get("class") == "sijill-map":
            self.depth = 1
        elif self.depth and tag != "img":
            self.depth += 1
        if not self.depth:
            return
        self.tags.append(tag)
        if tag == "img":
            self.img.append(values.get("src") or "")
        elif tag == "svg":
            self.svg.append(values)
        elif tag == "a":
            self.links.append(values.get("href") or "")
        elif tag == "path":
            self.shades.append(values.get("class") or "")
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self.depth and self._in_title:
            self.titles.append(data)


def _map_of(html: str) -> _Map:
    parsed = _Map()
    parsed.feed(html)
    return parsed


def _page(site: Path, lang: str, path: str) -> tuple[Path, str]:
    file = site / lang / path / "index.html"
    return file, file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("lang", "pakistan", "title", "tooltip"),
    [
        ("en", "Pakistan", "Countries visited", "Pakistan: 1 visit"),
        ("ar", "باكستان", "البلدان التي زارها", "باكستان: زيارة واحدة"),
    ],
)
def test_larijanis_map_shades_pakistan_and_links_its_page(
    shipped_site: Path, lang: str, pakistan: str, title: str, tooltip: str
) -> None:
    file, html = _page(shipped_site, lang, "people/ali-larijani")
    figure = _map_of(html)
    # The base map: an <img> of the one shared file, which is there.
    assert len(figure.img) == 1
    base = Path(unquote(urljoin(file.as_uri(), figure.img[0]).removeprefix("file://")))
    assert base.is_file() and base == shipped_site / lang / "assets/sijill/world-map.svg"
    assert base.read_bytes() == worldmap.base_svg()
    # The overlay: the same box, a title and a description it is labelled by.
    (svg,) = figure.svg
    assert svg["viewbox"] == "0 0 1000 442" and svg["role"] == "group"
    assert svg["aria-labelledby"] == "sijill-map-title"
    assert svg["aria-describedby"] == "sijill-map-desc"
    assert 'id="sijill-map-title"' in html and '<desc id="sijill-map-desc">' in html
    assert figure.titles[0] == title
    # Pakistan, shaded and linked to its page (which exists); Iran, his country, marked.
    assert figure.links == ["../../countries/pk/"]
    target = (file.parent / figure.links[0] / "index.html").resolve()
    assert target.is_file() and "<h1" in target.read_text(encoding="utf-8")
    assert tooltip in figure.titles
    assert figure.shades == ["sijill-map-home", "sijill-map-5"]
    # The same facts as text, the country linked, and no script anywhere in the map.
    text = re.sub(r"<[^>]+>", "", html.split("</figure>", 1)[1].split("</p>", 1)[0])
    assert f"{pakistan} (1)" in text
    assert "script" not in figure.tags and "sijill-doc:" not in html
    assert "<script" not in html.split('<figure class="sijill-map"')[1].split("</figure>")[0]


def test_a_country_map_counts_the_visits_both_ways(shipped_site: Path) -> None:
    # Iran and Pakistan exchanged four visits: three to Pakistan, one to Iran.
    _, html = _page(shipped_site, "en", "countries/pk")
    figure = _map_of(html)
    assert figure.links == ["../ir/"]
    assert "Iran: 4 visits" in figure.titles and "Pakistan" in figure.titles
    assert "Visits to and from: " in html


def test_a_person_with_no_visit_made_has_no_map(shipped_site: Path) -> None:
    _, html = _page(shipped_site, "en", "people/mohammad-ishaq-dar")
    assert "sijill-map" not in html


def test_former_states_are_named_beside_the_map_not_painted(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(data_copy, "visits/soviet.yml", SOVIET_VISIT)
    result = check(data_copy)
    assert result.ok and isinstance(result.dataset, Dataset), result.diagnostics
    page = render_pages(result.dataset, "en")["countries/ir.md"]
    assert "Visits to and from: [Pakistan](pk.md) (4) and [Soviet Union](suhh.md) (1)" in page
    assert "Not on the map (a former state, or too small at its scale): Soviet Union\n" in page
    # Nothing painted for it, nor for its successors.
    start = page.index('<figure class="sijill-map"')
    assert page[start : page.index("</figure>", start)].count("<a href=") == 1
    ar = render_pages(result.dataset, "ar")["countries/ir.md"]
    assert "ليست على الخريطة (دولة سابقة، أو أصغر من أن تظهر بمقياسها): الاتحاد السوفيتي" in ar


def test_the_shades_spread_from_one_to_the_most() -> None:
    assert worldmap._steps(1) == [1]
    assert worldmap._steps(4) == [1, 2, 3, 4]
    assert worldmap._steps(5) == [1, 2, 3, 4, 5]
    assert worldmap._steps(6) == [1, 2, 3, 4, 5]  # the last: 5-6
    steps = worldmap._steps(200)
    assert len(steps) == 5 and steps[0] == 1 and steps == sorted(set(steps))
    # The most visits always in the darkest shade, whatever the number of steps.
    assert worldmap._shade(1, [1]) == 5
    assert worldmap._shade(200, steps) == 5 and worldmap._shade(1, steps) == 1
    assert [worldmap._shade(n, [1, 2, 3]) for n in (1, 2, 3)] == [3, 4, 5]


def test_the_geometry_is_small_whole_and_keyed_by_alpha_2() -> None:
    world = worldmap.geometry()
    assert worldmap.GEOMETRY.stat().st_size < 40_000
    assert (world["width"], world["height"]) == (1000, 442)
    codes = set(world["countries"])
    assert {"PK", "IR", "US", "RU", "FJ", "XK", "BR", "AU"} <= codes and "AQ" not in codes
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in codes)
    for d in world["countries"].values():
        assert re.fullmatch(r"(M\d+ \d+l[-\d ]*z)+", d), d[:80]
    # No ring runs across the map: the antimeridian is cut (Fiji, Russia's far east).
    for code in ("FJ", "RU"):
        for ring in world["countries"][code].split("M")[1:]:
            x = int(ring.split(" ")[0])
            for dx in re.findall(r"-?\d+", ring.split("l")[1])[::2]:
                x += int(dx)
                assert 0 <= x <= 1000
            steps = [abs(int(dx)) for dx in re.findall(r"-?\d+", ring.split("l")[1])[::2]]
            assert max(steps, default=0) < 500, code
    base = worldmap.base_svg()
    assert base.startswith(b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1000 442">')
    assert b"<script" not in base and len(base) < 40_000
    assert assets()["assets/sijill/world-map.svg"] == base


def test_path_data_and_simplification() -> None:
    assert path_data([[(10, 20), (13, 18), (17, 19)]]) == "M10 20l3-2 4 1z"
    line = [(0.0, 0.0), (1.0, 0.1), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]
    assert simplify(line, 0.6) == [(0.0, 0.0), (2.0, -0.1), (3.0, 5.0), (4.0, 0.0)]


def test_doc_links_resolve_or_fail() -> None:
    html = '<img src="sijill-doc:assets/x.svg"><a href="sijill-doc:countries/pk.md">'
    urls = {"assets/x.svg": "../../assets/x.svg", "countries/pk.md": "../../countries/pk/"}
    assert resolve_doc_links(html, urls.get) == (
        '<img src="../../assets/x.svg"><a href="../../countries/pk/">'
    )
    with pytest.raises(ValueError, match=r"countries/zz\.md"):
        resolve_doc_links('<a href="sijill-doc:countries/zz.md">', urls.get)


def test_the_offline_bundle_shows_the_base_map(offline_bundle: Path) -> None:
    with zipfile.ZipFile(offline_bundle) as bundle:
        names = set(bundle.namelist())
        for lang in ("en", "ar"):
            (page,) = [n for n in names if n.endswith(f"/{lang}/people/ali-larijani.html")]
            html = bundle.read(page).decode("utf-8")
            (src,) = _map_of(html).img
            assert src == "../assets/sijill/world-map.svg"
            target = page.rsplit("/", 2)[0] + "/assets/sijill/world-map.svg"
            assert target in names and bundle.read(target) == worldmap.base_svg()
            assert "../countries/pk.html" in _map_of(html).links


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(2)>[x](javascript:alert(3))'


def test_a_hostile_state_name_is_text_beside_the_map_never_in_it(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A state declared in the data (site_data/former_states.yml) names itself: the one name on
    # the map's page that does not come from CLDR. It is not drawn (no geometry), and where it
    # is written, beside the map, it is escaped; the SVG's titles are CLDR's names only.
    monkeypatch.chdir(tmp_path)
    name = json.dumps(HOSTILE)
    states = f"XH:\n  name: {{en: {name}, ar: {name}}}\n  start_year: 1795\n  end_year: 1893\n"
    write(data_copy, "former_states.yml", states + "  successors: [US]\n")
    visit = edit(edit(VISIT, "id: x", "id: hawaii"), "to_country: PK", "to_country: XH")
    write(data_copy, "visits/hawaii.yml", edit(visit, '"2025-11-25"', '"1881"'))
    result = check(data_copy)
    assert result.ok and isinstance(result.dataset, Dataset), result.diagnostics
    for lang in ("en", "ar"):
        page = render_pages(result.dataset, lang)["people/ali-larijani.md"]
        figure = page.split('<figure class="sijill-map"')[1].split("</figure>")[0]
        assert "script" not in figure and "alert" not in figure
        beside = page.split('<figure class="sijill-map"')[1].split("</figure>")[1]
        beside = beside.split("\n## ")[0]
        assert beside.count("alert(1)") == 2  # in the list and under "not on the map"
        for live in ("<script", "<img", '">', "](javascript"):
            assert live not in beside, (lang, live)
