"""How much what a page says weighs in a search, the same for the published site's Pagefind
index (`mkdocs.pagefind` writes it into the pages and hands `RANKING` to Pagefind's UI) and for
the offline bundle's own index (`shards`, which reads the same markup)."""

from __future__ import annotations

# Heading weight (Pagefind's default for h1 is 7) and names' weight (as a heading).
TITLE_WEIGHT = "10"
NAMES_WEIGHT = "7"

# The metadata field that holds a page's names, by kind of page, and how much a query that
# matches it lifts the page (Pagefind's `ranking.metaWeights`, given to its UI through the
# search box's `data-ranking`): a person's or a country's own names most, then a visit's title
# (a person and a country together). The title's match counts little: a source's title names
# everyone it is about. Organizations have no such field: their names hold a country's
# ("Senate of Pakistan", «وزارة الخارجية الباكستانية») and put them above the country; their
# names weigh in their page's text (the hidden block, as a heading) instead.
NAMES_META = {"person": "names", "country": "names", "visit": "visit"}
RANKING = {"metaWeights": {"title": 1, "names": 20, "visit": 10}}
