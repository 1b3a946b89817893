"""The offline bundle's search index (generator/search): what a built page gives it, and the
scripts it writes. The query side runs in Chromium: tests/test_offline_browser.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search import terms
from generator.search.pages import read_page
from generator.search.shards import FOLDER, IndexWriter, shard_key, shard_of

PAGE = """<html><body><header>Sijill menu</header>
<article data-pagefind-body class="md-content__inner md-typeset">
<h1 data-pagefind-weight="10" id="x">علي لاريجاني<a class="headerlink" data-pagefind-ignore
>¶</a></h1>
<p>وصل إلى <b>إسلام آباد</b>.<br>Second line</p>
<table><thead data-pagefind-ignore><tr><th>Column</th></tr></thead>
<tbody><tr><td>الباكستانية</td></tr></tbody></table>
<figure data-pagefind-ignore><svg><text>chart words</text></svg></figure>
<div hidden data-pagefind-ignore><span data-pagefind-meta="title">علي لاريجاني</span>
<span data-pagefind-filter="Kind">Person</span><span data-pagefind-filter="Country">Iran</span>
<span data-pagefind-meta="names">علي لاريجاني · Ali Larijani</span></div>
<div hidden data-pagefind-weight="7">Ali Larijani</div>
</article><footer>footer words</footer></body></html>"""


def test_a_page_gives_its_weighted_terms_names_filters_and_text() -> None:
    page = read_page("people/ali-larijani.html", PAGE)
    assert page is not None
    assert page.title == "علي لاريجاني"
    assert page.names == "علي لاريجاني · Ali Larijani" and page.names_field == "names"
    assert page.filters == {"Kind": ["Person"], "Country": ["Iran"]}
    # The heading's words weigh 10, the hidden names 7, the body 1; the article's form goes.
    assert page.weights["لاريجاني"] == 10
    assert page.weights["larijani"] == 7
    assert page.weights["باكستانيه"] == 1
    assert page.weights["اسلام"] == 1
    # Ignored: the permalink mark, the table's header, the picture, what is outside the article.
    for left_out in ("column", "chart", "words", "sijill", "footer"):
        assert left_out not in page.weights
    # The text as written, without the heading (the result's title) or hidden words, and
    # with a space where a line ends.
    assert page.text == "وصل إلى إسلام آباد. Second line الباكستانية"


def test_a_page_without_an_indexed_article_is_left_out() -> None:
    assert read_page("r.html", "<html><body><article>Redirect</article></body></html>") is None


def test_terms_fold_for_matching_only() -> None:
    assert terms.terms("والباكستانية للرئيس إلى Erdoğan ٢٠٢٥") == [
        "باكستانيه",
        "رئيس",
        "الي",  # «إلى»: what would be left without ال is too short to be a word
        "erdogan",
        "2025",
    ]


def _index(tmp_path: Path, urls: list[str]) -> dict[str, str]:
    writer = IndexWriter(tmp_path)
    for url in urls:
        page = read_page(url, PAGE)
        assert page is not None
        writer.add(page)
    writer.finish()
    return {p.name: p.read_text(encoding="utf-8") for p in sorted((tmp_path / FOLDER).iterdir())}


def test_the_index_is_the_same_bytes_for_the_same_pages(tmp_path: Path) -> None:
    urls = [f"people/p{n:03}.html" for n in range(100)]
    first = _index(tmp_path / "a", urls)
    assert first == _index(tmp_path / "b", urls)
    head = json.loads(first["head.js"].removeprefix('sijillSearch.load("head",').rstrip(");\n"))
    assert len(head["pages"]) == 100 and head["chunk"] == 40
    assert {"x0.js", "x1.js", "x2.js"} <= set(first)  # 100 pages in chunks of 40
    shard = shard_of(shard_key("لاريجاني"), head["shards"])
    assert '"لاريجاني":[0,10,1,10,' in first[f"t{shard}.js"]


def test_pages_come_in_url_order(tmp_path: Path) -> None:
    writer = IndexWriter(tmp_path)
    page = read_page("b.html", PAGE)
    assert page is not None
    writer.add(page)
    with pytest.raises(ValueError, match="out of url order"):
        writer.add(page)
