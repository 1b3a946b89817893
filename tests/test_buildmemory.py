"""What the MkDocs hook does to keep a build's memory small: pages packed, the index spooled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.mkdocs import pagememory
from generator.mkdocs.searchnorm import SearchSpool


def _page(tmp_path: Path) -> Page:
    file = File("people/x.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = Page("X", file, {})  # type: ignore[arg-type]
    page.markdown = "# X\n\nنص"
    return page


def test_a_packed_page_gives_back_its_html_until_released(tmp_path: Path) -> None:
    page = _page(tmp_path)
    html = "<h1>X</h1><p>نص عربي</p>" * 100
    assert pagememory.pack(page, html) == html
    page.content = html  # as MkDocs stores what on_page_content returns
    assert "content" not in vars(page) and len(vars(page)["_sijill_content"]) < len(html)
    assert page.content == html and page.markdown == "" and page.title == "X"
    assert isinstance(page, Page)
    pagememory.release(page)
    assert page.content is None


def test_the_spool_writes_the_whole_index_normalised(tmp_path: Path) -> None:
    index = tmp_path / "search" / "search_index.json"
    index.parent.mkdir()
    settings = {"config": {"lang": ["ar"], "separator": "[\\s]+"}, "docs": []}
    index.write_text(json.dumps(settings), encoding="utf-8")
    spool = SearchSpool()
    first = [{"location": "a/", "title": "أحمد", "text": "مُحَمَّد"}]
    spool.take(first)
    assert first == []
    spool.take([])
    spool.take([{"location": "b/", "title": "B", "text": "</script>"}])
    spool.write(tmp_path)
    written = json.loads(index.read_text(encoding="utf-8"))
    assert written == {
        "config": settings["config"],
        "docs": [
            {"location": "a/", "title": "احمد", "text": "محمد"},
            {"location": "b/", "title": "B", "text": "</script>"},
        ],
    }
    assert "محمد" in index.read_text(encoding="utf-8")  # UTF-8, not \u escapes


def test_a_forked_result_an_exception_and_a_death_come_back() -> None:
    import os

    from generator.parallel import ForkedProcessDied, start_forked

    assert start_forked(lambda: ["نتيجة", 2], "test")() == ["نتيجة", 2]

    def fails() -> None:
        raise ValueError("bad data")

    with pytest.raises(ValueError, match="bad data"):
        start_forked(fails, "test")()
    with pytest.raises(ForkedProcessDied, match="exit code 3"):
        start_forked(lambda: os._exit(3), "test")()
