"""Tables of visits (templates/_visit_table.md.j2): a visit's row, the count above a list,
the years to jump to; and on a person's page, the title they held then and whom they met."""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Sequence
from typing import TYPE_CHECKING

from babel import Locale
from markupsafe import Markup

from generator.data.schema import PartialDate, Visit
from generator.languages import i18n
from generator.render.environment import isolate_numbers
from generator.render.mdtext import Md, link_target

if TYPE_CHECKING:  # the helpers call this module; it uses theirs
    from generator.render.helpers import PageHelpers


def _cells(h: PageHelpers, visit: Visit, route: bool) -> list[Markup]:
    return [h.dates(visit.start_date, visit.end_date), h.visit(visit), *_where(h, visit, route)]


def _where(h: PageHelpers, visit: Visit, route: bool) -> list[Markup]:
    """The route (when shown), the places and the type of visit."""
    cells = [h.route(visit)] if route else []
    cells.append(places(h, visit))
    cells.append(Md("{}").format(h.t("classification_" + visit.classification)))
    return cells


def places(h: PageHelpers, visit: Visit) -> Markup:
    """Where the visit went, by name (the visit's page says what kind of place each is):
    a reader scanning a year's trips tells Islamabad from Lahore without opening them."""
    return Md.escape(h.t("list_separator")).join([h.shown(p.name) for p in visit.places])


def visit_row(h: PageHelpers, visit: Visit, route: bool) -> Markup:
    """A visit's row, made once per folder of pages (a visit is a row on its people's,
    countries' and relation's pages and in the timeline; see environment.Memo)."""
    key = ("visit_row", h.lang, h.folder, visit.id, route)
    found = h.memo.found(key)
    if found is None:
        h.memo.begin()
        found = h.memo.keep(key, Md("| {} |").format(Md(" | ").join(_cells(h, visit, route))))
    return found


def person_visit_row(h: PageHelpers, visit: Visit, person_id: str, side: str) -> Markup:
    """A visit's row on a person's page (`side`: "made" or "hosted"): also the title they
    held on that occasion, when recorded, and the other side (the hosts of a visit made,
    the visitors of one hosted)."""
    own, others = (visit.visitors, visit.hosts) if side == "made" else (visit.hosts, visit.visitors)
    role = next((a.role for a in own if a.person == person_id), None)
    # No "visit" column: its title would repeat the person's name and the route on every row
    # of hundreds; the dates lead to the visit's page instead.
    dates = h.dates(visit.start_date, visit.end_date)
    cells = [h.link(dates, f"visits/{visit.id}.md"), *_where(h, visit, route=True)]
    cells.append(h.shown(role))
    understood = visit.to_country if side == "made" else visit.from_country
    cells.append(h.attendees([a for a in others if a.person != person_id], understood))
    return Md("| {} |").format(Md(" | ").join(cells))


def exchange_cell(h: PageHelpers, visits: list[Visit], origin: str, destination: str) -> Markup:
    """A relation's year, one way: each visit from `origin` to `destination`, its dates and
    its link, a line each."""
    lines = [
        Md("{}: {}").format(h.dates(visit.start_date, visit.end_date), h.visit(visit))
        for visit in visits
        if visit.from_country == origin and visit.to_country == destination
    ]
    return Md("<br>").join(lines) if lines else Md("–")


def visit_count(h: PageHelpers, count: int) -> Markup:
    """'12 visits', the noun as the number takes it (CLDR plurals: Arabic has four)."""
    return _visit_count(h.lang, h.language.locale, count)


# Every list, year and bar says its count: ten thousand times a build, and CLDR's plural
# rule and number format are each a Babel call.
@functools.lru_cache(maxsize=1 << 14)
def _visit_count(lang: str, locale: str, count: int) -> Markup:
    form = Locale.parse(locale).plural_form(count)
    key = f"visit_count_{form}"
    number = i18n.format_number(count, lang)  # "3,996", not "3996"
    text = i18n.label(lang, key if key in i18n.catalog(lang) else "visit_count", count=number)
    return isolate_numbers(text, lang)


def part_label(h: PageHelpers, path: str, year: int | None = None) -> Markup:
    """The name of a later part's page (`people/x/2019.md`: "2019", or `year`, one of the
    years that page holds); a part of a year, named by its newest month, "March 2025 and
    before": the same year may also be on the page, in its later months, and the reader must
    tell the two apart."""
    label = posixpath.splitext(posixpath.basename(path))[0]
    first, _, month = label.partition("-")
    if not month:
        return h.number_text(year if year is not None else int(first))
    newest = i18n.format_partial_date(PartialDate(int(first), int(month)), h.lang)
    return isolate_numbers(h.t("months_until", month=newest), h.lang)


def year_jumps(
    h: PageHelpers,
    groups: list[tuple[int, list[Visit]]],
    anchor: str,
    older: Sequence[tuple[int, int, str]] = (),
) -> Markup:
    """'Years: 2025 (3), 2024 (5)', each year a link to its table on this page or, for an
    older year (`older`: year, count, page), to that year's page."""
    links = [
        Md("[{}](#{}-{})\u00a0({})").format(
            h.number_text(year), anchor, year, h.number_text(len(visits))
        )
        for year, visits in groups
    ] + [
        Md("[{}]({})\u00a0({})").format(
            part_label(h, path, year),
            link_target(h.href(path)),
            h.number_text(count),
        )
        for year, count, path in older
    ]
    return Md("{} {}").format(h.t("years"), Md.escape(h.t("list_separator")).join(links))
