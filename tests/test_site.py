"""The built site, from a real `mkdocs build --strict` of both languages."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import build
from generator.project import BuildError, Project
from tests.conftest import ROOT
from tests.sitebuild import build_site, page, project_for

pytestmark = pytest.mark.slow


class _Head(HTMLParser):
    """Collects the <html> attributes, links and scripts of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.html: dict[str, str | None] = {}
        self.body: dict[str, str | None] = {}
        self.links: list[dict[str, str | None]] = []
        self.anchors: list[dict[str, str | None]] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html = values
        elif tag == "body":
            self.body = values
        elif tag == "link":
            self.links.append(values)
        elif tag == "a":
            self.anchors.append(values)
        elif tag == "script":
            self.scripts.append(values)


def parse(html: str) -> _Head:
    parser = _Head()
    parser.feed(html)
    return parser


def test_arabic_pages_are_rtl_and_english_ltr(shipped_site: Path) -> None:
    arabic = parse(page(shipped_site, "ar", "people/ali-larijani"))
    assert arabic.html.get("lang") == "ar"
    assert arabic.html.get("dir") == "rtl"
    assert arabic.body.get("dir") == "rtl"
    english = parse(page(shipped_site, "en", "people/ali-larijani"))
    assert english.html.get("lang") == "en"
    assert english.html.get("dir") == "ltr"


def test_switcher_links_to_the_same_page_in_the_other_language(shipped_site: Path) -> None:
    head = parse(page(shipped_site, "ar", "visits/2025-11-larijani-pakistan"))
    switch = {a.get("hreflang"): a.get("href") for a in head.anchors if a.get("hreflang")}
    assert switch["en"] == "../../../en/visits/2025-11-larijani-pakistan/"
    assert switch["ar"] == "../../../ar/visits/2025-11-larijani-pakistan/"


def test_edit_link_opens_the_yaml_file(shipped_site: Path) -> None:
    html = page(shipped_site, "en", "people/mohsin-naqvi")
    assert (
        'href="https://github.com/sijill/sijill/edit/main/site_data/people/mohsin-naqvi.yml"'
        in html
    )
    home = (shipped_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "edit/main/content/ar/index.md" in home


def test_no_request_leaves_the_site(shipped_site: Path) -> None:
    for html_file in sorted(shipped_site.rglob("*.html")):
        head = parse(html_file.read_text(encoding="utf-8"))
        for tag in head.links + head.scripts:
            for attribute in ("href", "src"):
                value = tag.get(attribute) or ""
                rel = tag.get("rel") or ""
                if rel in ("canonical", "alternate") or tag.get("hreflang"):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{html_file}: {value}"


def test_arabic_heading_anchors_keep_arabic_letters(shipped_site: Path) -> None:
    html = page(shipped_site, "ar", "visits/2025-11-larijani-pakistan")
    assert 'id="الموضوعات"' in html


def test_dates_and_amounts_are_localised(shipped_site: Path) -> None:
    english = page(shipped_site, "en", "visits/2025-11-larijani-pakistan")
    arabic = page(shipped_site, "ar", "visits/2025-11-larijani-pakistan")
    assert '<time datetime="2025-11-25">25 November 2025</time>' in english
    assert "10 billion US dollars per year" in english
    assert '<time datetime="2025-11-25"><bdi>25</bdi> نوفمبر <bdi>2025</bdi></time>' in arabic
    assert "<bdi>10</bdi> مليار دولار أمريكي سنويًا" in arabic
    month = page(shipped_site, "ar", "visits/2025-10-ghalibaf-pakistan")
    assert '<time datetime="2025-10">أكتوبر <bdi>2025</bdi></time>' in month


def test_language_chooser_at_the_root(shipped_site: Path) -> None:
    root = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert 'href="en/"' in root and 'href="ar/"' in root


def test_building_twice_gives_identical_pages(shipped_site: Path, tmp_path: Path) -> None:
    again = build_site(ROOT / "site_data", tmp_path)
    first = {
        p.relative_to(shipped_site): p.read_bytes() for p in shipped_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}

    # Pagefind writes the values of each search filter in the order of a hash map that
    # differs from run to run: its filter files (named by their hash), and the two files
    # that name them, hold the same entries in another order. Everything else is the same.
    def reordered(path: Path) -> bool:
        return path.parts[1:2] == ("pagefind",) and (
            path.parts[2] == "filter" or path.name.endswith((".pf_meta", "pagefind-entry.json"))
        )

    assert sorted(p for p in first if not reordered(p)) == sorted(
        p for p in second if not reordered(p)
    )
    assert len([p for p in first if reordered(p)]) == len([p for p in second if reordered(p)])
    different = [str(path) for path in first if not reordered(path) and first[path] != second[path]]
    assert different == []


def test_invalid_data_is_refused_and_the_previous_site_survives(
    data_copy: Path, tmp_path: Path
) -> None:
    site = build_site(data_copy, tmp_path)
    before = (site / "en" / "index.html").read_bytes()
    person = data_copy / "people" / "ali-larijani.yml"
    person.write_text(
        person.read_text(encoding="utf-8").replace("country: IR", "country: XX"), encoding="utf-8"
    )
    result = build(project_for(data_copy, tmp_path), progress=lambda line: None)
    assert not result.ok
    assert (site / "en" / "index.html").read_bytes() == before


def test_a_failing_mkdocs_build_leaves_the_previous_site(data_copy: Path, tmp_path: Path) -> None:
    site = build_site(data_copy, tmp_path)
    marker = site / "en" / "index.html"
    before = marker.read_bytes()
    broken_root = tmp_path / "project"
    shutil.copytree(ROOT / "content", broken_root / "content")
    shutil.copy(ROOT / "mkdocs.yml", broken_root / "mkdocs.yml")
    # A hand-written page with a link to nowhere fails the strict build.
    (broken_root / "content" / "en" / "broken.md").write_text("[x](missing.md)\n", encoding="utf-8")
    project = Project.at(
        broken_root, data_dir=data_copy, site_dir=site, build_dir=tmp_path / "build"
    )
    with pytest.raises(BuildError, match="mkdocs build \\(en\\) failed"):
        build(project, progress=lambda line: None)
    assert marker.read_bytes() == before


def test_a_hand_written_page_is_never_overwritten(data_copy: Path, tmp_path: Path) -> None:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    clash = root / "content" / "ar" / "people" / "ali-larijani.md"
    clash.parent.mkdir(parents=True)
    clash.write_text("# يدوي\n", encoding="utf-8")
    project = Project.at(
        root, data_dir=data_copy, site_dir=tmp_path / "site", build_dir=tmp_path / "build"
    )
    with pytest.raises(BuildError) as error:
        build(project, progress=lambda line: None)
    message = str(error.value)
    assert (
        f"{clash.as_posix()}: clashes with the generated page ar/people/ali-larijani.md" in message
    )
    assert "(from site_data/people/ali-larijani.yml)" in message
    assert clash.read_text(encoding="utf-8") == "# يدوي\n"


def test_build_command_exit_codes(
    data_copy: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(ROOT)
    out = ["--site-dir", str(tmp_path / "site"), "--build-dir", str(tmp_path / "build")]
    (data_copy / "visits" / "2025-10-naqvi-iran.yml").write_text("id: [\n", encoding="utf-8")
    assert main(["build", "--data", str(data_copy), *out]) == 1
    captured = capsys.readouterr()
    assert "2025-10-naqvi-iran.yml:" in captured.out
    assert "build refused: the data is invalid" in captured.err
    assert not (tmp_path / "site").exists()
    assert main(["build", "--no-such-option"]) == 2
