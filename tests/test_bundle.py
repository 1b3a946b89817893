"""The offline bundle as a file: what the zip holds, and that the same data gives the same bytes."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.cli import main
from generator.mkdocs.bundle import bundle_name, write_zip
from generator.project import Project
from tests.conftest import ROOT, SHIPPED_DATA

pytestmark = pytest.mark.slow

FOLDER = "sijill-offline"


def test_the_name_comes_from_the_site_name(offline_bundle: Path) -> None:
    assert bundle_name(Project.at(ROOT)) == "sijill-offline.zip"
    assert offline_bundle.name == "sijill-offline.zip"


def test_the_same_data_gives_the_same_bytes(
    offline_bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "dist"
    args = ["bundle", "--data", str(SHIPPED_DATA), "--out", str(out)]
    assert main([*args, "--build-dir", str(tmp_path / "build")]) == 0
    assert (out / "sijill-offline.zip").read_bytes() == offline_bundle.read_bytes()


def test_entries_are_sorted_with_fixed_times_and_permissions(offline_bundle: Path) -> None:
    with zipfile.ZipFile(offline_bundle) as archive:
        infos = archive.infolist()
    names = [info.filename for info in infos]
    assert names == sorted(names)
    assert all(name.startswith(f"{FOLDER}/") for name in names)
    assert len({info.date_time for info in infos}) == 1
    assert {info.external_attr >> 16 for info in infos} == {0o100644}
    assert {info.extra for info in infos} == {b""}
    assert {info.compress_type for info in infos} == {zipfile.ZIP_DEFLATED}


def test_both_languages_a_chooser_and_their_own_search(offline_bundle: Path) -> None:
    with zipfile.ZipFile(offline_bundle) as archive:
        names = set(archive.namelist())
        chooser = archive.read(f"{FOLDER}/index.html").decode("utf-8")
        page = archive.read(f"{FOLDER}/ar/people/ali-larijani.html").decode("utf-8")
    for lang in ("en", "ar"):
        for path in (
            "index.html",
            "people/ali-larijani.html",
            "data/sijill.json",
            "data/people.csv",
            "sijill-search/head.js",
            "sijill-search/t0.js",
            "sijill-search/x0.js",
            "assets/sijill/offline-search.js",
        ):
            assert f"{FOLDER}/{lang}/{path}" in names, path
        # Material's lunr search is not in the bundle: its index is empty, its worker gone.
        index = archive_text(offline_bundle, f"{FOLDER}/{lang}/search/search_index.js")
        assert index.startswith("var __index = ") and '"docs":[]' in index
        assert not [n for n in names if "/assets/javascripts/workers/" in n or "/lunr/" in n]
    # file:// has no directory index: the chooser links to the files.
    assert 'href="en/index.html"' in chooser and 'href="ar/index.html"' in chooser
    assert '<script src="../assets/sijill/offline-search.js"></script>' in page
    assert 'id="sijill-offline-search" data-root="../"' in page
    assert "unpkg.com" not in page and "iframe-worker" not in page
    # Nothing a server or a crawler needs, and no source maps.
    assert not [n for n in names if re.search(r"(404\.html|sitemap\.xml(\.gz)?|\.map)$", n)]


def archive_text(bundle: Path, name: str) -> str:
    with zipfile.ZipFile(bundle) as archive:
        return archive.read(name).decode("utf-8")


def test_no_page_loads_anything_from_the_network(offline_bundle: Path) -> None:
    loads = re.compile(r'<(?:script|img|iframe)\b[^>]*\bsrc="([^"]*)"|<link\b[^>]*\bhref="([^"]*)"')
    with zipfile.ZipFile(offline_bundle) as archive:
        for name in archive.namelist():
            if not name.endswith(".html"):
                continue
            html = archive.read(name).decode("utf-8")
            for match in loads.finditer(html):
                tag, url = match.group(0), match.group(1) or match.group(2)
                if 'rel="canonical"' in tag:
                    continue  # names the published page; browsers never fetch it
                assert not re.match(r"^(https?:)?//", url), f"{name}: {tag}"


def test_write_zip_is_deterministic_whatever_the_file_times(tmp_path: Path) -> None:
    source = tmp_path / "site"
    (source / "b").mkdir(parents=True)
    (source / "b" / "page.html").write_text("<p>b</p>\n", encoding="utf-8")
    (source / "a.html").write_text("<p>a</p>\n", encoding="utf-8")
    write_zip(source, tmp_path / "one.zip", folder="x", epoch=1_700_000_000)
    (source / "a.html").touch()
    (source / "a.html").chmod(0o600)
    write_zip(source, tmp_path / "two.zip", folder="x", epoch=1_700_000_000)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["x/a.html", "x/b/page.html"]
        assert archive.infolist()[0].date_time == (2023, 11, 14, 22, 13, 20)
    assert not (tmp_path / "one.zip.partial").exists()
