"""Long lists of visits, kept to pages a reader can load (issue 14: no page over 400 KB or
6,000 elements, whatever the data).

A person with 348 trips, a country with thousands of visits or the whole timeline would make
one page of megabytes. A list of visits is cut, newest first, into parts of at most
`PAGE_ROWS` rows: whole years together while they fit, and a year too long for one part cut
by months (a single month longer than a part stays whole: the only way past the budget). The
first part is on the entity's own page; each other part has a page of its own,
`<the entity's page, without .md>/<label>.md`, where the label is the part's newest year
(`2019`) or, for a part of a year, its newest month (`2019-07`). An entity with several lists
(visits made and received) has one such page per label, holding each list's part of that
label. Short lists stay whole, on one page, as before.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from generator.data.schema import PartialDate, Visit
from generator.model.resolve import years

# Rows in one part: an Arabic row is about 12 elements (a date in <time> and <bdi>s, three
# links), 16 on a person's page (the title then, whom they met), so two lists stay near 4,500
# of a page's 6,000 elements, leaving the rest to its pictures (a chart, a world map: up to
# 500) and its other sections. At 160 rows the busiest synthetic person's page reached 5,971.
PAGE_ROWS = 140

Groups = list[tuple[int, list[Visit]]]  # (year, its visits), newest first


@dataclass(frozen=True)
class Part:
    """One page's share of a list: whole years, or part of one year."""

    groups: Groups
    whole: bool  # whole years (else the months of one year)

    @property
    def label(self) -> str:
        year, visits = self.groups[0]
        return str(year) if self.whole else f"{year}-{_month(visits[0]):02d}"

    @property
    def span(self) -> tuple[PartialDate, PartialDate]:
        """The first and last year (or month) the part covers, for its page's title."""
        if self.whole:
            return PartialDate(self.groups[-1][0]), PartialDate(self.groups[0][0])
        year, visits = self.groups[0]
        return PartialDate(year, _month(visits[-1]) or 1), PartialDate(year, _month(visits[0]))


@dataclass(frozen=True)
class VisitList:
    """One list of an entity's visits, as a page shows it."""

    # The catalog key of its heading, e.g. "visits_made", or "route:IR:PK" for the visits
    # from one country to the other (a relation's page; helpers.list_heading says it).
    heading: str
    anchor: str  # its name in the page's ids, e.g. "made" -> "made-2025"
    visits: list[Visit]  # the visits shown on this page, newest first
    older: list[tuple[int, int, str]]  # (year, count, page) of the years on other pages


def _month(visit: Visit) -> int:
    return visit.start_date.month or 0  # a visit known to the year only: before January


def _by_month(year: int, visits: list[Visit]) -> list[Part]:
    """A year too long for one part, cut between months."""
    months: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits:
        months[_month(visit)].append(visit)
    parts: list[Part] = []
    current: list[Visit] = []
    for month in sorted(months, reverse=True):
        if current and len(current) + len(months[month]) > PAGE_ROWS:
            parts.append(Part([(year, current)], whole=False))
            current = []
        current = current + months[month]
    parts.append(Part([(year, current)], whole=False))
    return parts


def parts(visits: list[Visit]) -> list[Part]:
    """The list cut into parts of at most PAGE_ROWS rows, newest first; [] when empty."""
    found: list[Part] = []
    current: Groups = []
    rows = 0
    for year, items in years(visits):
        if len(items) > PAGE_ROWS:
            if current:
                found.append(Part(current, whole=True))
            current, rows = [], 0
            found.extend(_by_month(year, items))
            continue
        if current and rows + len(items) > PAGE_ROWS:
            found.append(Part(current, whole=True))
            current, rows = [], 0
        current.append((year, items))
        rows += len(items)
    if current:
        found.append(Part(current, whole=True))
    return found


def part_page(stem: str, label: str) -> str:
    """`people/ali-larijani` and `2019` -> `people/ali-larijani/2019.md`."""
    return f"{stem}/{label}.md"


def _flat(groups: Groups) -> list[Visit]:
    return [visit for _, items in groups for visit in items]


def visit_lists(stem: str, lists: list[tuple[str, str, list[Visit]]]) -> list[VisitList]:
    """An entity's lists (heading key, anchor, visits) as its own page shows them: the first
    part of each, and where each later year is."""
    found = []
    for heading, anchor, visits in lists:
        cut = parts(visits)
        shown = _flat(cut[0].groups) if cut else []
        older: dict[int, tuple[int, str]] = {}  # year -> (count, its newest part's page)
        for part in cut[1:]:
            for year, items in part.groups:
                count, page = older.get(year, (0, part_page(stem, part.label)))
                older[year] = (count + len(items), page)
        later = [(year, count, page) for year, (count, page) in older.items()]
        found.append(VisitList(heading, anchor, shown, later))
    return found


def later_labels(lists: list[tuple[str, str, list[Visit]]]) -> list[str]:
    """The pages an entity's lists need beyond its own, by label, newest first."""
    labels = {part.label for _, _, visits in lists for part in parts(visits)[1:]}
    return sorted(labels, reverse=True)


def later_part(
    lists: list[tuple[str, str, list[Visit]]], label: str
) -> tuple[list[VisitList], tuple[PartialDate, PartialDate]]:
    """What the page of `label` shows (that part of each list that has one) and the first and
    last year (or month) it covers; each list is cut once."""
    shown = []
    spans = []
    for heading, anchor, visits in lists:
        for part in parts(visits)[1:]:
            if part.label == label:
                shown.append(VisitList(heading, anchor, _flat(part.groups), []))
                spans.append(part.span)
    first = min((start for start, _ in spans), key=PartialDate.earliest)
    last = max((end for _, end in spans), key=PartialDate.latest)
    return shown, (first, last)
