"""The live preview's site: built in full once, then only the pages whose files changed."""

from __future__ import annotations

from pathlib import Path

from generator.mkdocs.configs import write_configs
from generator.pipeline import prepare
from generator.preview.server import LiveSite
from tests.conftest import SHIPPED_DATA
from tests.sitebuild import project_for

PERSON = "people/ali-larijani"


def _html_times(site: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in site.rglob("*.html")}


def test_an_edited_page_is_rebuilt_alone_and_a_new_page_rebuilds_all(tmp_path: Path) -> None:
    project = project_for(SHIPPED_DATA, tmp_path)
    assert prepare(project, lambda line: None).ok
    base = {"en": "http://127.0.0.1:8000/en/", "ar": "http://127.0.0.1:8001/ar/"}
    config = write_configs(project, tmp_path / "unused", alternate_base=base)["en"]
    site_dir = tmp_path / "preview"
    site = LiveSite(config, site_dir, base["en"])
    site.full_build()
    assert site.update() == []  # nothing changed
    before = _html_times(site_dir)
    page = site_dir / PERSON / "index.html"
    assert "Edited in the preview" not in page.read_text(encoding="utf-8")

    markdown = project.docs_dir("en") / f"{PERSON}.md"
    markdown.write_text(
        markdown.read_text(encoding="utf-8") + "\nEdited in the preview.\n", encoding="utf-8"
    )
    assert site.update() == [f"{PERSON}.md"]
    html = page.read_text(encoding="utf-8")
    assert "Edited in the preview." in html
    # A whole page, made as the full build makes it: theme, our head tags, the switcher.
    assert 'rel="canonical"' in html and 'hreflang="ar"' in html and "</html>" in html
    after = _html_times(site_dir)
    assert [path for path in before if after[path] != before[path]] == [page]

    (project.docs_dir("en") / "people" / "new-page.md").write_text("# New\n", encoding="utf-8")
    assert site.update() == ["*"]
    assert (site_dir / "people" / "new-page" / "index.html").is_file()
