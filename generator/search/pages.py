"""What one built page gives the offline index, read from the markup the published site's
search reads too (`mkdocs.pagefind.mark_page`), so both searches see the same page:

- only the article marked `data-pagefind-body` is indexed; a page without one is left out;
- an element's `data-pagefind-weight` weighs its words (a heading's default is Pagefind's:
  h1 7 … h6 2, everything else 1); `data-pagefind-ignore` leaves a subtree out of the words
  and the text, but its metadata and filters are still read (they live in a hidden block);
- `data-pagefind-meta="title"` is the page's title as written, the kind's names field
  (`names`, `visit`) the names a query matches the page by; `data-pagefind-filter` the
  filters;
- the text shown in excerpts is the visible text as written (a `hidden` element's words are
  matched, never shown; nor the page's heading, shown as the result's title).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.search.terms import terms

HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
# Elements with no end tag: never on the stack of open elements.
VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose end is the end of a line of text: a space between their words and the next.
BLOCK = frozenset(
    {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "table"}
    | {"blockquote", "figcaption", "dt", "dd", "section"}
)


@dataclass
class IndexedPage:
    """A page as the index holds it."""

    url: str
    title: str = ""
    names: str = ""
    names_field: str = ""  # the metadata field the names came from: its weight is the kind's
    filters: dict[str, list[str]] = field(default_factory=dict)
    weights: Counter[str] = field(default_factory=Counter)  # term -> summed weight
    length: int = 0  # words indexed
    text: str = ""  # visible text as written, for excerpts


@dataclass
class _Open:
    tag: str
    weight: int | None
    ignored: bool
    hidden: bool
    meta: str | None
    filter: str | None


class _Reader(HTMLParser):
    def __init__(self, page: IndexedPage) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.stack: list[_Open] = []
        self.inside = False  # within the indexed article
        self.text: list[str] = []
        self.captured: list[str] | None = None  # a meta's or filter's own text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if not self.inside:
            if tag == "article" and "data-pagefind-body" in found:
                self.inside = True
                self.stack = [_Open(tag, None, False, False, None, None)]
            return
        if tag in BLOCK:
            self.text.append(" ")
        if tag in VOID:
            return
        parent = self.stack[-1]
        weight = found.get("data-pagefind-weight")
        meta = found.get("data-pagefind-meta")
        filtered = found.get("data-pagefind-filter")
        if meta is not None or filtered is not None:
            self.captured = []
        self.stack.append(
            _Open(
                tag,
                int(weight) if weight else HEADING_WEIGHTS.get(tag, parent.weight),
                parent.ignored or "data-pagefind-ignore" in found,
                # The heading is the result's title: matched, not repeated in its excerpt.
                parent.hidden or "hidden" in found or tag == "h1",
                meta,
                filtered,
            )
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.inside and tag in BLOCK:
            self.text.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or tag in VOID:
            return
        while self.stack:
            closed = self.stack.pop()
            self._close(closed)
            if closed.tag == tag:
                break
        if tag in BLOCK:
            self.text.append(" ")
        if not self.stack:
            self.inside = False

    def _close(self, closed: _Open) -> None:
        if self.captured is None or (closed.meta is None and closed.filter is None):
            return
        value = " ".join("".join(self.captured).split())
        self.captured = None
        if closed.meta == "title":
            self.page.title = value
        elif closed.meta is not None:
            self.page.names = value
            self.page.names_field = closed.meta
        elif closed.filter is not None and value:
            self.page.filters.setdefault(closed.filter, []).append(value)

    def handle_data(self, data: str) -> None:
        if not self.inside or not self.stack:
            return
        if self.captured is not None:
            self.captured.append(data)
            return
        top = self.stack[-1]
        if top.ignored:
            return
        found = terms(data)
        for term in found:
            self.page.weights[term] += top.weight or 1
        self.page.length += len(found)
        if not top.hidden:
            self.text.append(data)


def read_page(url: str, html: str) -> IndexedPage | None:
    """The page at `url` (relative to its language's root) as the index holds it; None for a
    page without an indexed article."""
    page = IndexedPage(url=url)
    reader = _Reader(page)
    reader.feed(html)
    reader.close()
    if not page.length and not page.title:
        return None
    page.text = " ".join("".join(reader.text).split())
    return page
