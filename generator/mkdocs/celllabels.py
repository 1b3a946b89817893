"""On a phone a table's rows become cards and the header row is hidden (sijill.css): each
cell then says which column it is, from a `data-label` copied here from its column's header.
Without it a person's "title then" and the host's name sit on neighbouring lines with
nothing to tell whose is which. Two-column tables (a field and its value) need no labels:
the field leads each card."""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>\s*<thead>(.*?)</thead>(.*?)</table>", re.DOTALL)
_HEADER = re.compile(r"<th[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td([^>]*)>")
_TAG = re.compile(r"<[^>]+>")


def label_cells(page_html: str) -> str:
    if "<thead>" not in page_html:
        return page_html

    def labelled(table: re.Match[str]) -> str:
        headers = [html.unescape(_TAG.sub("", h)).strip() for h in _HEADER.findall(table.group(1))]
        if len(headers) < 3:
            return table.group(0)

        def row(match: re.Match[str]) -> str:
            cells = iter(headers)

            def cell(found: re.Match[str]) -> str:
                name = next(cells, "")
                label = f' data-label="{html.escape(name, quote=True)}"' if name else ""
                return f"<td{found.group(1)}{label}>"

            return f"<tr>{_CELL.sub(cell, match.group(1))}</tr>"

        body = _ROW.sub(row, table.group(2))
        return f"<table>\n<thead>{table.group(1)}</thead>{body}</table>"

    return _TABLE.sub(labelled, page_html)
