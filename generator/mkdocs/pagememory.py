"""Keeping what a MkDocs build holds per page small, so its memory grows slowly with the site.

MkDocs renders every page's Markdown to HTML first and writes the pages afterwards, so by the
time the first page is written it holds the Markdown and the HTML of every page: at newsroom
scale (14,000 pages a language) several hundred MB, twice that for Arabic, which Python stores
at two bytes a character. The hook calls `pack` once a page is rendered: its Markdown is let go
(nothing reads it again) and its HTML is kept compressed (about a sixth of the size) until the
page is written; `release` lets the HTML go once the page is on disk.
"""

from __future__ import annotations

import zlib
from typing import Any

# zlib's fastest level: HTML compresses well even so, and the build pays for it every page.
_LEVEL = 1


class _PackedContent:
    """Mixed into a page's class: `content` is stored compressed and read back on demand."""

    @property
    def content(self) -> str | None:
        packed: bytes | None = self.__dict__.get("_sijill_content")
        return None if packed is None else zlib.decompress(packed).decode("utf-8")

    @content.setter
    def content(self, value: str | None) -> None:
        self.__dict__["_sijill_content"] = (
            None if value is None else zlib.compress(value.encode("utf-8"), _LEVEL)
        )


# Why a page's class is swapped for a subclass (`pack`) rather than made one from the start:
# MkDocs 1.6's documented way to have pages of one's own class is to set `File.page` in
# `on_files`, but a page set there is taken as it is by the navigation (mkdocs/structure/nav.py,
# `_data_to_navigation`), losing the titles our configs give in `nav` (and the pages of other
# plugins, which set `File.page` too, would be replaced). The swap adds only the `content`
# property; `isinstance(page, Page)` and everything else of the page's own class still hold.
_PACKED_CLASSES: dict[type, type] = {}


def _packed_class(page_class: type) -> type:
    if page_class not in _PACKED_CLASSES:
        name = f"Packed{page_class.__name__}"
        _PACKED_CLASSES[page_class] = type(name, (_PackedContent, page_class), {})
    return _PACKED_CLASSES[page_class]


def pack(page: Any, html: str) -> str:
    """From now on keep `page.content` compressed, and drop `page.markdown`. For MkDocs'
    `on_page_content`: returns `html`, which MkDocs then stores (compressed) as the content."""
    if not isinstance(page, _PackedContent):
        page.__dict__.pop("content", None)
        page.__class__ = _packed_class(type(page))
    # An empty string, not None: MkDocs reads a page without Markdown as having no title.
    page.markdown = ""
    return html


def release(page: Any) -> None:
    """The page is written: its HTML is not needed again."""
    if isinstance(page, _PackedContent):
        page.content = None
