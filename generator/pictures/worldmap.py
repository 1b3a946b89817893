"""World maps of visits, drawn at build time: no script, the same bytes for the same data.

Two layers in one box of the same size and aspect ratio (generator/assets/sijill.css):

* the base map, every country in a neutral grey, is one file for the whole site
  (`assets/sijill/world-map.svg`, `base_svg`), shown with `<img>`: one download for every page,
  and it loads from `file://` in the offline bundle, where Chromium refuses an outside `<use>`;
* over it, an inline `<svg>` with only the page's countries, shaded in five steps by their
  number of visits, each a link to its country's page with its name and count as a tooltip.

Links and the base map's address are written as `sijill-doc:<docs path>`; the MkDocs hook
(`generator.mkdocs.hooks`) makes them relative to the page as MkDocs publishes it (folders on
the site, `.html` files in the bundle), and fails the build on a path that is not there.

Every fact of the map is also text under it: the countries with their counts, linked, and
those the map cannot show (former states, countries too small for its scale). The SVG is a
group named by its <title> and described by its <desc>, not role="img": an image may hold no
links (axe-core's nested-interactive, serious). Its links are out of the tab order, since the
same links follow in the text; a screen reader still reads them, each named by its tooltip.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale
from markupsafe import Markup

from generator.languages import i18n
from generator.languages.collation import sort_key
from generator.render.environment import isolate_numbers
from generator.render.mdtext import Md
from generator.render.urls import DOC_LINK

if TYPE_CHECKING:
    from generator.render.helpers import PageHelpers

GEOMETRY = Path(__file__).parent / "world-110m.json"
BASE_MAP = "assets/sijill/world-map.svg"  # in each language's docs tree
ORIGIN = "generator/pictures/world-110m.json"  # what the base map is made from
STEPS = 5  # shades, lightest to darkest
_PATH_DATA = re.compile(r"(M-?\d+[ -]\d+l[-\d ]*z)*")


@functools.cache
def geometry() -> dict[str, Any]:
    """{"width", "height", "countries": {alpha-2: path data}, "other": [path data]}
    (generator/pictures/geometry.py made it)."""
    loaded: dict[str, Any] = json.loads(GEOMETRY.read_text(encoding="utf-8"))
    # Put into pages as markup: only path commands and whole numbers may be in it.
    for d in [*loaded["countries"].values(), *loaded["other"]]:
        if not _PATH_DATA.fullmatch(d):
            raise ValueError(f"{GEOMETRY}: not path data: {d[:40]!r}")
    return loaded


def base_svg() -> bytes:
    """The shared base map: all land in one path (colours: see sijill.css for dark pages)."""
    world = geometry()
    paths = "".join([*world["countries"].values(), *world["other"]])
    return (
        Md(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}">'
            '<path fill="#d5dade" stroke="#fff" stroke-width="0.6" stroke-linejoin="round" '
            'd="{}"/></svg>\n'
        )
        .format(world["width"], world["height"], Markup(paths))
        .encode("utf-8")
    )


def person_counts(h: PageHelpers, person_id: str) -> Counter[str]:
    """The countries a person visited, with how many times."""
    return Counter(v.to_country for v in h.relations.visits_made.get(person_id, []))


def country_counts(h: PageHelpers, code: str) -> Counter[str]:
    """A country's counterparts, with the visits exchanged both ways."""
    counts = Counter(v.to_country for v in h.relations.visits_from.get(code, []))
    counts.update(v.from_country for v in h.relations.visits_to.get(code, []))
    counts.pop(code, None)  # a visit within the country is no exchange
    return counts


def world_map(h: PageHelpers, kind: str, key: str) -> Markup:
    """The map section of a person's page (`kind` "person": the countries they visited,
    their own marked) or of a country's ("country": its counterparts): a heading, the
    figure, and the same facts as text. Nothing when there is nothing to show."""
    if kind == "person":
        counts, home = person_counts(h, key), h.dataset.people[key].country
    else:
        counts, home = country_counts(h, key), key
    if not counts:
        return Markup("")
    title = h.t(f"map_{kind}_title")
    shapes = geometry()["countries"]
    order = sorted(counts, key=lambda c: (-counts[c], sort_key(h.country_name(c), h.lang), c))
    steps = _steps(max(counts.values()))
    marks = [
        Md(
            '<a href="{}{}" tabindex="-1"><path class="sijill-map-{}" d="{}">'
            "<title>{}</title></path></a>"
        ).format(
            DOC_LINK,
            f"countries/{code.lower()}.md",
            _shade(counts[code], steps),
            Markup(shapes[code]),
            h.t(
                "map_tooltip",
                country=h.country_name(code),
                visits=_visits(h.lang, h.language.locale, counts[code]),
            ),
        )
        for code in sorted(counts)
        if code in shapes and code != home
    ]
    if home in shapes:
        marks.insert(
            0,
            Md('<path class="sijill-map-home" d="{}"><title>{}</title></path>').format(
                Markup(shapes[home]), h.country_name(home)
            ),
        )
    figure = Md(
        '<figure class="sijill-map" data-search-exclude data-pagefind-ignore>\n'
        '<div class="sijill-map__box">'
        '<img src="{}{}" alt="" width="{}" height="{}">'
        '<svg class="sijill-map__marks" viewBox="0 0 {} {}" role="group" '
        'aria-labelledby="sijill-map-title" aria-describedby="sijill-map-desc">'
        '<title id="sijill-map-title">{}</title><desc id="sijill-map-desc">{}</desc>\n{}\n'
        "</svg></div>\n{}\n</figure>"
    ).format(
        DOC_LINK,
        BASE_MAP,
        geometry()["width"],
        geometry()["height"],
        geometry()["width"],
        geometry()["height"],
        title,
        h.t("map_desc"),
        Md("\n").join(marks),
        _legend(h, steps, max(counts.values()), home if home in shapes else None, kind),
    )
    listed = h.join([Md("{} ({})").format(h.country(c), _count(h.lang, counts[c])) for c in order])
    text = Md("{} {}").format(h.t(f"map_{kind}_list"), listed)
    missing = [c for c in order if c not in shapes]
    if missing:
        unshown = h.join([Md("{}").format(h.country_name(c)) for c in missing])
        text = Md("{}\n\n{} {}").format(text, h.t("map_not_shown"), unshown)
    return Md("## {}\n\n{}\n\n{}\n").format(title, figure, text)


# Babel formats a number in about 0.1 ms: a busy site's maps show the same few counts
# thousands of times.
@functools.lru_cache(maxsize=4096)
def _visits(lang: str, locale: str, count: int) -> str:
    """'3 visits' as plain text for a tooltip, the noun as the number takes it."""
    key = f"visit_count_{Locale.parse(locale).plural_form(count)}"
    number = _number(lang, count)
    return i18n.label(lang, key if key in i18n.catalog(lang) else "visit_count", count=number)


@functools.lru_cache(maxsize=4096)
def _number(lang: str, count: int) -> str:
    return i18n.format_number(count, lang)


@functools.lru_cache(maxsize=4096)
def _count(lang: str, count: int) -> Markup:
    """A count as the page's language writes it, isolated in right-to-left text."""
    return isolate_numbers(_number(lang, count), lang)


def _steps(most: int) -> list[int]:
    """The lowest count of each shade used: geometric between 1 and `most`, so that a few
    countries with many visits do not leave all the others in the lightest shade; every
    count its own shade when there are five or fewer."""
    if most <= STEPS:
        return list(range(1, most + 1))
    lows = sorted({math.ceil((most + 1) ** (i / STEPS) - 1e-9) for i in range(STEPS)} | {1})
    return [low for low in lows if low <= most]


def _shade(count: int, steps: list[int]) -> int:
    """1-5, the darkest for the highest step whatever the number of steps."""
    index = max(i for i, low in enumerate(steps) if low <= count)
    return STEPS - (len(steps) - 1 - index)


def _legend(h: PageHelpers, steps: list[int], most: int, home: str | None, kind: str) -> Markup:
    """The shades with the counts each stands for, and the page's own country."""
    items = [Md('<li class="sijill-map__legend-label">{}</li>').format(h.t("map_legend"))]
    for i, low in enumerate(steps):
        high = steps[i + 1] - 1 if i + 1 < len(steps) else most
        if high == low:
            shown = _count(h.lang, low)
        else:
            first, last = (_number(h.lang, n) for n in (low, high))
            shown = isolate_numbers(h.t("map_range", low=first, high=last), h.lang)
        items.append(
            Md('<li><span class="sijill-map-key sijill-map-{}"></span>{}</li>').format(
                _shade(low, steps), shown
            )
        )
    if home is not None:
        items.append(
            Md('<li><span class="sijill-map-key sijill-map-home"></span>{}</li>').format(
                h.t(f"map_{kind}_home", country=h.country_name(home))
            )
        )
    return Md('<ul class="sijill-map__legend">{}</ul>').format(Markup("").join(items))
