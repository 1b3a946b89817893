"""The largest pages of a built site, by bytes and by HTML elements: the page budget of issue 14
(no page over 400 KB or 6,000 DOM nodes at the benchmark's large size) is measured here."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

BUDGET_BYTES = 400 * 1024
BUDGET_ELEMENTS = 6000


# A start tag: "<" and a letter. Cheaper than parsing (27,800 pages in seconds, not a minute),
# and exact for our pages, whose scripts hold no "<" before a letter.
_START_TAG = re.compile(rb"<[A-Za-z]")


def elements(html: bytes) -> int:
    """How many elements the page has (its start tags, void ones included): its DOM nodes
    without the text between them."""
    return len(_START_TAG.findall(html))


@dataclass(frozen=True)
class Largest:
    bytes: int
    bytes_page: str
    elements: int
    elements_page: str
    over_budget: int  # pages over either budget


def largest_pages(site: Path) -> Largest:
    """The page with the most bytes and the one with the most elements, under `site`."""
    most_bytes = (0, "")
    most_elements = (0, "")
    over = 0
    for folder, _, names in os.walk(site):
        for name in sorted(names):
            if not name.endswith(".html"):
                continue
            path = Path(folder) / name
            data = path.read_bytes()
            count = elements(data)
            shown = path.relative_to(site).as_posix()
            most_bytes = max(most_bytes, (len(data), shown))
            most_elements = max(most_elements, (count, shown))
            over += len(data) > BUDGET_BYTES or count > BUDGET_ELEMENTS
    return Largest(*most_bytes, *most_elements, over)
