"""Pictures drawn when a page is made, as inline SVG (issue 15): counts per year (one series
above the line, another below), lanes of dated marks (a relation's exchange) and ranked bars
(the busiest relations). No script draws them: the browser shows the SVG as it is, from the
site, the offline bundle or print. This module draws; `generator.pictures.visits` says what.

Each picture is a figure: the SVG (its title and description, `aria-labelledby` and
`aria-describedby`; the role `graphics-document`, not `img`, whose children are hidden from
assistive technology and may not be links: axe's "nested-interactive") and an HTML
caption that names it and says what each colour is, so words in the page's language are laid
out by the browser's text engine, not placed by us. The SVG holds marks, numbers, month and
country names. On an Arabic page time runs from right to left and bars grow leftwards. Every
mark links to what it counts and carries its facts in a tooltip (`<title>`).

Links are written as `sijill-doc:<docs path>` (`generator.render.urls.DOC_LINK`): MkDocs
leaves raw HTML alone, so the hooks turn them into the built pages' addresses, with MkDocs'
own `File.url_relative_to` (folders on the site, `.html` files in the bundle).
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

WIDTH = 720
MARGIN = 24


@dataclass(frozen=True)
class Mark:
    """A bar or a dot: where it stands (a year, or a point in time as a fraction of the
    picture's span), how many it counts, where it leads, what its tooltip says."""

    at: float
    count: int
    href: str
    tooltip: str
    exact: bool = True  # a date known to the day or month; else drawn hollow


@dataclass(frozen=True)
class Series:
    """One colour of a picture: its caption and its marks."""

    css: str  # "sijill-up" or "sijill-down": sijill.css colours them, light and dark
    label: str
    marks: Sequence[Mark]


@dataclass(frozen=True)
class Frame:
    """What every picture needs from its page: an id, words and the writing direction."""

    key: str  # unique on the page: the SVG's title and description ids
    title: str
    description: str
    rtl: bool
    captioned: bool = True  # its title shown above the legend; not under a heading that says it


def _x(rtl: bool, fraction: float) -> float:
    """A point across the plot, 0 the start (the oldest) and 1 the end; mirrored in RTL."""
    along = 1 - fraction if rtl else fraction
    return round(MARGIN + along * (WIDTH - 2 * MARGIN), 1)


def _figure(frame: Frame, body: Markup, height: int, legend: Sequence[Series]) -> Markup:
    ident = f"sijill-{frame.key}"
    swatches = Markup("").join(
        Markup('<span class="sijill-key"><span class="sijill-swatch {}"></span>{}</span>').format(
            series.css, series.label
        )
        for series in legend
    )
    return Markup(
        '<figure class="sijill-chart" data-search-exclude data-pagefind-ignore>\n'
        '<svg viewBox="0 0 {w} {h}" role="graphics-document" aria-labelledby="{i}-t" '
        'aria-describedby="{i}-d" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="{i}-t">{t}</title><desc id="{i}-d">{d}</desc>{body}</svg>\n'
        "<figcaption>{shown}{swatches}</figcaption>\n</figure>"
    ).format(
        w=WIDTH,
        h=height,
        i=ident,
        t=frame.title,
        d=frame.description,
        body=body,
        shown=Markup("<strong>{}</strong> ").format(frame.title) if frame.captioned else "",
        swatches=swatches,
    )


# One escaping format per mark (`%` escapes each argument as `format` does, at half the cost:
# thousands of marks a build).
_BAR = Markup(
    '<a href="%s"><title>%s</title><rect class="%s" x="%s" y="%s" width="%s" height="%s"/></a>'
)
_DOT = Markup('<a href="%s"><title>%s</title><circle class="%s" cx="%s" cy="%s" r="%s"/></a>')


def _ticks(frame: Frame, labels: Sequence[tuple[float, str]], y: float) -> Markup:
    """Labels along the time axis, at most 14; on a phone, where the picture is half as
    wide, at most 6 (sijill.css hides the `sijill-minor` ones there)."""
    return _axis_labels(frame.rtl, tuple(labels), y)


# Hundreds of pictures share an axis (the same years, the same months): made once each.
@functools.lru_cache(maxsize=4096)
def _axis_labels(rtl: bool, labels: tuple[tuple[float, str], ...], y: float) -> Markup:
    step = max(1, math.ceil(len(labels) / 14))
    phone = step * max(1, math.ceil(len(labels) / step / 6))
    return Markup("").join(
        Markup('<text x="{}" y="{}" text-anchor="middle"{}>{}</text>').format(
            _x(rtl, fraction),
            y,
            Markup("") if index % phone == 0 else Markup(' class="sijill-minor"'),
            text,
        )
        for index, (fraction, text) in enumerate(labels)
        if index % step == 0
    )


def _scale(frame: Frame, text: str) -> Markup:
    """The largest count, at the top of the start side: the bars' scale in words."""
    return Markup('<text class="sijill-scale" x="{}" y="18" text-anchor="start">{}</text>').format(
        _x(frame.rtl, 0), text
    )


def year_bars(
    frame: Frame, first: int, last: int, up: Series, down: Series | None, scale: str
) -> Markup:
    """Counts per year from `first` to `last` (`Mark.at` a year), `up`'s above the line,
    `down`'s below it; a year with none has no bar, so a gap in the record shows."""
    span = last - first + 1
    half = 64 if down else 110
    base = 28 + half
    height = base + (half if down else 0) + 34  # room for the years, large on a phone
    highest = max([1, *(m.count for s in (up, down) if s for m in s.marks)])
    bar = round(max(1.0, min((WIDTH - 2 * MARGIN) / span * 0.7, 26.0)), 1)
    shapes = []
    for series, above in ((up, True), (down, False)):
        if series is None:
            continue
        for mark in series.marks:
            tall = max(1.5, round(half * mark.count / highest, 1))
            left = round(_x(frame.rtl, (mark.at - first + 0.5) / span) - bar / 2, 1)
            y = round(base - tall, 1) if above else base
            shapes.append(_BAR % (mark.href, mark.tooltip, series.css, left, y, bar, tall))
    axis = Markup('<line class="sijill-axis" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
        MARGIN, WIDTH - MARGIN, base, base
    )
    labels = [((year - first + 0.5) / span, str(year)) for year in range(first, last + 1)]
    body = Markup("").join(shapes) + axis + _scale(frame, scale) + _ticks(frame, labels, height - 8)
    return _figure(frame, body, height, [s for s in (up, down) if s and s.label])


def lanes(frame: Frame, lanes: Sequence[Series], labels: Sequence[tuple[float, str]]) -> Markup:
    """A lane per series of marks at points in time (`Mark.at` from 0 to 1, `labels` the
    axis's ticks): a relation's visits one way above, the other way below. Marks on the same
    spot stack; a mark counting several (a year's visits, when there are too many to draw
    one by one) is larger, by area."""
    lane_height = 44
    height = 12 + lane_height * len(lanes) + 24
    shapes = []
    for index, series in enumerate(lanes):
        middle = 12 + lane_height * index + lane_height / 2
        shapes.append(
            Markup('<line class="sijill-lane" x1="{}" x2="{}" y1="{}" y2="{}"/>').format(
                MARGIN, WIDTH - MARGIN, middle, middle
            )
        )
        taken: dict[float, int] = {}
        for mark in series.marks:
            x = _x(frame.rtl, mark.at)
            spot = round(x / 6)
            above = taken.get(spot, 0)
            taken[spot] = above + 1
            radius = round(min(16.0, 4.5 * math.sqrt(mark.count)), 1)
            y = round(middle - 9 * above if mark.count == 1 else middle, 1)
            css = series.css if mark.exact else f"{series.css} sijill-approx"
            shapes.append(_DOT % (mark.href, mark.tooltip, css, x, y, radius))
    body = Markup("").join(shapes) + _ticks(frame, labels, height - 8)
    return _figure(frame, body, height, lanes)


def ranked_bars(frame: Frame, series: Series, names: Sequence[str], scale: str) -> Markup:
    """Horizontal bars, largest first, each named (`names`, in the order of the marks):
    the busiest relations. Names start at the start side; bars grow from after them."""
    row = 22
    height = 20 + row * len(series.marks) + 4
    name_width = 230
    highest = max([1, *(m.count for m in series.marks)])
    room = WIDTH - 2 * MARGIN - name_width - 8
    shapes = []
    for index, (mark, name) in enumerate(zip(series.marks, names, strict=True)):
        y = 20 + row * index
        long = max(2.0, round(room * mark.count / highest, 1))
        start = MARGIN + name_width + 8
        x = WIDTH - start - long if frame.rtl else start
        shapes.append(
            Markup('<text class="sijill-name" x="{}" y="{}" text-anchor="start">{}</text>').format(
                _x(frame.rtl, 0), y + 14, name
            )
        )
        shapes.append(
            _BAR % (mark.href, mark.tooltip, series.css, round(x, 1), y + 3, long, row - 6)
        )
    body = Markup("").join(shapes) + _scale(frame, scale)
    return _figure(frame, body, height, [])
