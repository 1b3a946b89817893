"""What the pictures of visits show (issue 15), from the lists a page already has: a person's
or a country's visits per year, made and received; a relation's exchange, a lane each way;
the home page's visits per year and busiest relations. `generator.pictures.charts` draws.

Marks lead where the page's words are: a year's bar to that year's table (on the page, or on
the year's own page when the list was cut: `generator.model.year_pages`), a relation's dot to
the visit's page. So the picture adds a view, never a fact the page does not have in words.
"""

from __future__ import annotations

import datetime
import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from babel.dates import format_skeleton
from markupsafe import Markup

from generator.data.schema import PartialDate, Visit
from generator.languages import i18n
from generator.model.year_pages import VisitList
from generator.pictures.charts import Frame, Mark, Series, lanes, ranked_bars, year_bars
from generator.render.urls import DOC_LINK

if TYPE_CHECKING:
    from generator.render.helpers import PageHelpers

# More dots than this on a relation's picture and they become one per year and lane, sized by
# their count: hundreds of dots are a smudge, and each is three elements of the page budget.
MAX_MARKS = 240
BUSIEST = 10
_CSS = ("sijill-up", "sijill-down")


def _plain(markup: Markup) -> str:
    return markup.striptags()


def _frame(
    h: PageHelpers,
    key: str,
    title_key: str,
    description_key: str | None = None,
    captioned: bool = True,
    **values: str,
) -> Frame:
    """The picture's words (its description's key is the title's + "_description" unless
    given) and the page's direction."""
    return Frame(
        key=key,
        title=h.t(title_key, **values),
        description=h.t(description_key or f"{title_key}_description", **values),
        rtl=h.language.direction == "rtl",
        captioned=captioned,
    )


def _year_series(
    h: PageHelpers, visit_list: VisitList, css: str, alone: bool, shown_on: str
) -> Series:
    """A list's visits per year, each bar leading to its year's table (on the page
    `shown_on`, "" for this one). A list `alone` in its picture (the timeline) needs no
    words for its colour."""
    label = "" if alone else _plain(h.list_heading(visit_list.heading))
    counted = Counter(visit.start_date.year for visit in visit_list.visits)
    here = DOC_LINK + shown_on if shown_on else ""
    where = {year: f"{here}#{visit_list.anchor}-{year}" for year in counted}
    for year, count, page in visit_list.older:
        counted[year] = count
        where[year] = DOC_LINK + page
    marks = [
        Mark(
            at=year,
            count=count,
            href=where[year],
            tooltip=_year_tip(h, year, count, label),
        )
        for year, count in sorted(counted.items())
    ]
    return Series(css, label, marks)


def _year_tip(h: PageHelpers, year: int, count: int, label: str) -> str:
    visits = _plain(h.visit_count(count))
    if not label:
        return h.t("chart_year_tip_alone", year=str(year), visits=visits)
    return h.t("chart_year_tip", year=str(year), visits=visits, list=label)


def years_made_and_received(
    h: PageHelpers, visit_lists: Sequence[VisitList], shown_on: str = ""
) -> Markup:
    """A person's or a country's visits per year: the first list above the line (made), the
    second below (hosted, received); one list alone (the timeline, `shown_on` its page)
    above."""
    alone = len(visit_lists) == 1
    series = [
        _year_series(h, lst, css, alone, shown_on)
        for lst, css in zip(visit_lists, _CSS, strict=False)
    ]
    years = [mark.at for s in series for mark in s.marks]
    if not years:
        return Markup("")
    first, last = int(min(years)), int(max(years))
    total = sum(mark.count for s in series for mark in s.marks)
    frame = _frame(
        h,
        "years",
        "chart_years",
        "chart_years_description" if first < last else "chart_years_description_one",
        captioned=False,  # under its heading
        visits=_plain(h.visit_count(total)),
        first=str(first),
        last=str(last),
    )
    most = max(mark.count for s in series for mark in s.marks)
    scale = h.t("chart_most", count=i18n.format_number(most, h.lang))
    return year_bars(frame, first, last, series[0], series[1] if len(series) > 1 else None, scale)


def _when(date: PartialDate) -> float:
    """A date as a year and its fraction; a month or a year alone at its middle."""
    year, month, day = date.earliest()
    if date.precision == "year":
        return year + 0.5
    if date.precision == "month":
        return year + (month - 0.5) / 12
    return year + (month - 1) / 12 + (day - 0.5) / 372


def _axis(h: PageHelpers, start: float, end: float, months: bool) -> list[tuple[float, str]]:
    """Ticks at the middle of each month ('Nov 2025', CLDR's short form) or year."""
    span = end - start
    if not months:
        return [((y + 0.5 - start) / span, str(y)) for y in range(round(start), round(end))]
    ticks = []
    for index in range(round(start * 12), round(end * 12)):
        year, month = divmod(index, 12)
        text = format_skeleton("yMMM", datetime.date(year, month + 1, 1), locale=h.language.locale)
        ticks.append((((index + 0.5) / 12 - start) / span, str(text)))
    return ticks


def exchange(h: PageHelpers, a: str, b: str, visits: list[Visit], visit_list: VisitList) -> Markup:
    """A relation's visits over time, a lane each way, a dot per visit leading to its page."""
    if not visits:
        return Markup("")
    start = min(_when(v.start_date) for v in visits)
    end = max(_when(v.start_date) for v in visits)
    months = end - start <= 3  # else years
    grain = 12 if months else 1  # the axis's steps in a year: whole months or whole years
    start, end = math.floor(start * grain) / grain, (math.floor(end * grain) + 1) / grain
    lanes_: list[Series] = []
    for index, (origin, destination) in enumerate(((a, b), (b, a))):
        label = _plain(h.list_heading(f"route:{origin}:{destination}"))
        mine = sorted(
            (v for v in visits if v.from_country == origin and v.to_country == destination),
            key=lambda v: (v.start_date.earliest(), v.id),
        )
        marks = _exchange_marks(h, mine, (start, end), visit_list, label, len(visits) > MAX_MARKS)
        lanes_.append(Series(_CSS[index], label, marks))
    frame = _frame(
        h,
        "exchange",
        "chart_exchange",
        a=h.country_name(a),
        b=h.country_name(b),
        visits=_plain(h.visit_count(len(visits))),
    )
    return lanes(frame, lanes_, _axis(h, start, end, months))


def _exchange_marks(
    h: PageHelpers,
    visits: list[Visit],
    span_of: tuple[float, float],
    visit_list: VisitList,
    label: str,
    by_years: bool,
) -> list[Mark]:
    """One lane's marks: a dot per visit, or (`by_years`: the relation has too many to draw
    one by one) one per year, leading to that year's row."""
    start, end = span_of
    span = end - start
    if not by_years:
        return [
            Mark(
                at=(_when(v.start_date) - start) / span,
                count=1,
                href=f"{DOC_LINK}visits/{v.id}.md",
                tooltip=h.t(
                    "chart_visit_tip",
                    when=i18n.format_date_range(v.start_date, v.end_date, h.lang),
                    visit=h.visit_title(v),
                ),
                exact=v.start_date.precision != "year",
            )
            for v in visits
        ]
    pages = {year: DOC_LINK + page for year, _, page in visit_list.older}
    by_year = Counter(v.start_date.year for v in visits)
    return [
        Mark(
            at=(year + 0.5 - start) / span,
            count=count,
            href=pages.get(year, f"#{visit_list.anchor}-{year}"),
            tooltip=_year_tip(h, year, count, label),
        )
        for year, count in sorted(by_year.items())
    ]


def busiest(h: PageHelpers, relations: dict[tuple[str, str], list[Visit]]) -> Markup:
    """The relations with the most visits, both ways, each bar leading to its page."""
    ranked = sorted(relations.items(), key=lambda item: (-len(item[1]), item[0]))[:BUSIEST]
    if len(ranked) < 2:
        return Markup("")  # one relation is not a ranking; the home page's tables say it
    names = [h.t("relation_pair", a=h.country_name(a), b=h.country_name(b)) for (a, b), _ in ranked]
    marks = [
        Mark(
            at=index,
            count=len(visits),
            href=DOC_LINK + h.relation_path(a, b),
            tooltip=h.t(
                "chart_relation_tip", relation=name, visits=_plain(h.visit_count(len(visits)))
            ),
        )
        for index, (((a, b), visits), name) in enumerate(zip(ranked, names, strict=True))
    ]
    frame = _frame(h, "busiest", "chart_busiest", captioned=False, count=str(len(ranked)))
    most = marks[0].count
    return ranked_bars(
        frame,
        Series(_CSS[0], "", marks),
        names,
        h.t("chart_most", count=i18n.format_number(most, h.lang)),
    )
