"""The published site's search (Pagefind, issue 16): the markup it indexes. The built pages,
and the search served over HTTP in Chromium (first results in both languages, Arabic shown as
written), are in tests/test_browser.py; the offline bundle keeps Material's lunr search
(tests/test_offline_browser.py)."""

from __future__ import annotations

import re

from generator.mkdocs.pagefind import mark_page

LABELS = {
    "search_filter_kind": "Kind",
    "search_filter_year": "Year",
    "search_filter_country": "Country",
    "search_kind_person": "Person",
}
ARTICLE = '<article class="md-content__inner md-typeset">'


def test_the_article_is_indexed_and_the_names_weigh_without_being_shown() -> None:
    html = (
        f'<html><body><nav>menu</nav>{ARTICLE}<h1 id="x">Ali<a class="headerlink">¶</a></h1>'
        "<table><thead><tr><th>Field</th></tr></thead></table>"
        '<p class="sijill-updated">Last updated</p></article><footer>f</footer></body></html>'
    )
    search = {
        "kind": "person",
        "names": ["<script>x</script>", "علي"],
        "folded": ["اسلام اباد"],
        "years": [2025],
        "countries": ["Iran, Islamic Republic of"],
    }
    marked = mark_page(html, "A & B", search, LABELS)
    assert '<article data-pagefind-body class="md-content__inner md-typeset">' in marked
    assert '<h1 data-pagefind-weight="10" id="x">' in marked
    assert '<a class="headerlink" data-pagefind-ignore>' in marked
    assert "<thead data-pagefind-ignore>" in marked
    assert '<p class="sijill-updated" data-pagefind-ignore>' in marked
    assert '<span data-pagefind-meta="title">A &amp; B</span>' in marked
    assert '<span data-pagefind-filter="Kind">Person</span>' in marked
    assert '<span data-pagefind-filter="Year">2025</span>' in marked
    # A value with a comma is an element's text, never inside the attribute.
    assert '<span data-pagefind-filter="Country">Iran, Islamic Republic of</span>' in marked
    assert (
        '<span data-pagefind-meta="names">&lt;script&gt;x&lt;/script&gt; · علي · اسلام اباد</span>'
        in marked
    )
    # A folded form is searched in the names field, never in the text an excerpt shows.
    assert marked.count("اسلام اباد") == 1
    assert "<script>x" not in marked
    # The other names: indexed with a heading's weight, hidden from the page.
    assert re.search(r'<div hidden data-pagefind-weight="7">[^<]*علي</div>\n</article>', marked)
    # Chrome stays outside the indexed body.
    assert marked.index("<nav>") < marked.index("data-pagefind-body")
    assert marked.index("</article>") < marked.index("<footer>")


def test_a_page_without_an_article_is_left_as_it_is() -> None:
    html = "<html><body><p>redirect</p></body></html>"
    assert mark_page(html, "t", None, LABELS) == html


def test_a_name_with_hamza_is_searched_folded_too() -> None:
    from generator.data.check import check
    from generator.render.search import search_facts
    from tests.conftest import SHIPPED_DATA

    dataset = check(SHIPPED_DATA).dataset
    assert dataset is not None
    facts = search_facts(dataset, "ar", "people/reza-amiri-moghadam.md")
    assert facts is not None and facts["kind"] == "person"
    assert any("أميري" in name for name in facts["names"]), facts
    assert any("اميري" in name for name in facts["folded"]), facts
    assert not any("أ" in name for name in facts["folded"]), facts
    assert search_facts(dataset, "ar", "people/index.md") is None
