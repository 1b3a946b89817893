"""The page plan: which Markdown pages each language gets, from which template and data.

Both languages get the same paths, so the language switcher can link a page to its twin.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.data.dataset import Dataset
from generator.data.schema import PartialDate, Visit
from generator.languages import i18n
from generator.languages.collation import sort_key
from generator.languages.former_states import FormerState, former_state, predecessors
from generator.languages.i18n import label
from generator.model import titles
from generator.model.resolve import QuoteRef, Relations, newest_first, pair_key
from generator.model.year_pages import (
    later_labels,
    later_part,
    part_page,
    visit_lists,
)

if TYPE_CHECKING:  # the page plan hands each page's context to the renderer's helpers
    from generator.render.helpers import PageHelpers

DATA_PREFIX = "site_data"
# People listed by name on the people index; with more, it lists countries with their counts
# (each person is five elements: 2,000 people made a page of 8,700, over the budget of 6,000).
PEOPLE_INDEX_ROWS = 600


@dataclass(frozen=True)
class PlannedPage:
    path: str  # inside the language's docs folder, e.g. "people/ali-larijani.md"
    template: str
    # Builds the template's variables for one language (the helpers are bound per page). It
    # reads the data and relations through `h.dataset` and `h.relations` only: what it reads
    # there is recorded, and decides when the live preview renders the page again
    # (generator/render/deps.py).
    context: Callable[[PageHelpers], dict[str, Any]] = field(compare=False)
    source_file: str | None = None  # the YAML file the page comes from, for "edit this page"


def _source_file(kind: str, entity_id: str) -> str:
    return f"{DATA_PREFIX}/{kind}/{entity_id}.yml"


def plan(dataset: Dataset, relations: Relations) -> list[PlannedPage]:
    """Every generated page, in a fixed order."""
    pages: list[PlannedPage] = []
    pages.extend(_index_pages())
    pages.extend(
        _year_pages(
            "timeline",
            lambda h: h.t("visits_index_title"),
            _timeline_lists,
            relations,
            entity_page="visits/index.md",  # the timeline's first part is the visits index
        )
    )
    pages.extend(_person_pages(dataset, relations))
    pages.extend(_visit_pages(dataset))
    pages.extend(_country_pages(relations))
    pages.extend(_organization_pages(dataset))
    pages.extend(_source_pages(dataset))
    return pages


# Where the home page (hand-written, content/<lang>/index.md) takes the latest visits and the
# counts of what is on record; the hand-written file itself is never changed.
HOME_MARKER = "<!-- sijill:home -->"
HOME_LATEST = 8


def home_part() -> PlannedPage:
    """What the generator puts at the home page's HOME_MARKER."""

    def context(h: PageHelpers) -> dict[str, Any]:
        rel = h.relations
        return {
            "counts": [
                ("nav_people", "people/index.md", len(h.dataset.people)),
                ("nav_visits", "visits/index.md", len(h.dataset.visits)),
                ("nav_countries", "countries/index.md", len(rel.countries)),
                ("nav_sources", "sources/index.md", len(h.dataset.sources)),
            ],
            "latest": newest_first(rel.timeline)[:HOME_LATEST],
            "timeline": visit_lists("timeline", _timeline_lists(rel)),
            "relations": rel.relations,
        }

    return PlannedPage("index.md", "_home.md.j2", context)


def _by_name(h: PageHelpers, person_ids: Iterable[str]) -> list[str]:
    """People in the alphabetical order of the page's language (ties by id)."""
    return sorted(person_ids, key=lambda pid: (sort_key(h.person_name(pid), h.lang), pid))


def _by_country_name(h: PageHelpers, codes: Iterable[str]) -> list[str]:
    return sorted(codes, key=lambda code: (sort_key(h.country_name(code), h.lang), code))


def _existed(state: FormerState | None) -> tuple[PartialDate, PartialDate] | None:
    """The first and last year a former state existed, as dates for `h.dates`."""
    return (PartialDate(state.start), PartialDate(state.end)) if state else None


def _index_pages() -> Iterator[PlannedPage]:
    def people_groups(h: PageHelpers) -> dict[str, Any]:
        rel = h.relations
        codes = _by_country_name(h, rel.people_by_country)
        if sum(len(people) for people in rel.people_by_country.values()) > PEOPLE_INDEX_ROWS:
            # Too many for one page: the countries, each with its count; its page lists them.
            return {"counts": [(code, len(rel.people_by_country[code])) for code in codes]}
        return {"groups": [(code, _by_name(h, rel.people_by_country[code])) for code in codes]}

    yield PlannedPage("people/index.md", "people_index.md.j2", people_groups)
    yield PlannedPage(
        "visits/index.md",
        "visits_index.md.j2",
        lambda h: {"visit_lists": visit_lists("timeline", _timeline_lists(h.relations))},
    )

    def countries(h: PageHelpers) -> dict[str, Any]:
        rel = h.relations
        pairs = [(a, b, len(visits)) for (a, b), visits in sorted(rel.relations.items())]
        place = {code: index for index, code in enumerate(_by_country_name(h, rel.countries))}
        return {
            "countries": [code for code in place if former_state(code) is None],
            "former_states": [
                (code, _existed(former_state(code))) for code in place if former_state(code)
            ],
            "relations": sorted(pairs, key=lambda p: (place[p[0]], place[p[1]])),
        }

    yield PlannedPage("countries/index.md", "countries_index.md.j2", countries)
    yield PlannedPage(
        "organizations/index.md",
        "organizations_index.md.j2",
        lambda h: {
            "organizations": sorted(
                h.dataset.organizations.values(),
                key=lambda o: (sort_key(h.plain(o.name), h.lang), o.id),
            )
        },
    )
    yield PlannedPage(
        "sources/index.md",
        "sources_index.md.j2",
        lambda h: {
            "sources": sorted(
                h.dataset.sources.values(),
                key=lambda s: (s.known_date.earliest(), s.id),
                reverse=True,
            )
        },
    )


def _timeline_lists(rel: Relations) -> list[tuple[str, str, list[Visit]]]:
    return [("visits_index_title", "year", rel.timeline)]


def _person_pages(dataset: Dataset, relations: Relations) -> Iterator[PlannedPage]:
    for person_id in dataset.people:

        def context(h: PageHelpers, person_id: str = person_id) -> dict[str, Any]:
            person, rel = h.dataset.people[person_id], h.relations
            memberships = sorted(
                person.memberships,
                key=lambda m: m.start_date.earliest() if m.start_date else (0, 0, 0),
                reverse=True,
            )
            met = _by_name(h, rel.people_met[person.id])
            quotes = sorted(
                rel.quotes_by[person.id],
                key=lambda r: (r.visit.start_date.earliest(), r.visit.id, r.index),
                reverse=True,
            )
            return {
                "person": person,
                "memberships": memberships,
                "visit_lists": visit_lists(f"people/{person_id}", _person_lists(rel, person_id)),
                "people_met": met,
                "quotes": quotes,
            }

        yield PlannedPage(
            f"people/{person_id}.md", "person.md.j2", context, _source_file("people", person_id)
        )
        yield from _year_pages(
            f"people/{person_id}",
            functools.partial(_person_name, person_id=person_id),
            functools.partial(_person_lists, person_id=person_id),
            relations,
            person_id,
        )


def _person_name(h: PageHelpers, person_id: str) -> str:
    return h.person_name(person_id)


def _country_name(h: PageHelpers, code: str) -> str:
    return h.country_name(code)


def _relation_title(h: PageHelpers, a: str, b: str) -> str:
    return h.t("relation_title", a=h.country_name(a), b=h.country_name(b))


def _person_lists(rel: Relations, person_id: str) -> list[tuple[str, str, list[Visit]]]:
    return [
        ("visits_made", "made", rel.visits_made.get(person_id, [])),
        ("visits_hosted", "hosted", rel.visits_hosted.get(person_id, [])),
    ]


def _country_lists(rel: Relations, code: str) -> list[tuple[str, str, list[Visit]]]:
    return [
        ("country_visits_from", "made", rel.visits_from.get(code, [])),
        ("country_visits_to", "received", rel.visits_to.get(code, [])),
    ]


def _relation_lists(rel: Relations, a: str, b: str) -> list[tuple[str, str, list[Visit]]]:
    """The exchange: one list of the visits both ways, shown a year per row with each
    direction in its column (templates/_exchange_table.md.j2)."""
    return [("relation_exchange", "exchange", rel.relations[(a, b)])]


def _year_pages(
    stem: str,
    name: Callable[[PageHelpers], str],
    lists: Callable[[Relations], list[tuple[str, str, list[Visit]]]],
    relations: Relations,
    person_id: str | None = None,
    exchange: tuple[str, str] | None = None,
    entity_page: str | None = None,
) -> Iterator[PlannedPage]:
    """A page for each later part of an entity's long lists (`generator.model.year_pages`);
    the entity's own page is `<stem>.md` unless `entity_page` says otherwise."""
    labels = later_labels(lists(relations))
    # Every page of the entity's lists, for each to lead to the others.
    parts = [part_page(stem, label) for label in labels]
    for part_label in labels:

        def context(h: PageHelpers, part_label: str = part_label) -> dict[str, Any]:
            shown, (start, end) = later_part(lists(h.relations), part_label)
            when = (
                i18n.format_partial_date(start, h.lang)
                if start == end
                else i18n.format_date_range(start, end, h.lang)
            )
            return {
                "title": h.t("year_page_title", name=name(h), year=when),
                "entity_page": entity_page or f"{stem}.md",
                "entity_name": name(h),
                "lists": shown,
                "person_id": person_id,  # a person's: the title then, the other side
                "exchange": exchange,  # a relation's two countries: a row per year
                "parts": parts,
                "this_part": part_page(stem, part_label),
            }

        yield PlannedPage(part_page(stem, part_label), "year.md.j2", context)


def _visit_pages(dataset: Dataset) -> Iterator[PlannedPage]:
    for visit_id in dataset.visits:

        def context(h: PageHelpers, visit_id: str = visit_id) -> dict[str, Any]:
            visit = h.dataset.visits[visit_id]
            previous, following = h.relations.neighbours(visit)
            others = {
                other.code: titles.visit_title(h.dataset, visit, other.code)
                for other in h.other_languages
            }
            return {
                "visit": visit,
                "title": h.visit_title(visit),
                "other_titles": others,
                "quotes": [QuoteRef(visit, i, q) for i, q in enumerate(visit.quotes)],
                "previous": previous,
                "following": following,
            }

        yield PlannedPage(
            f"visits/{visit_id}.md", "visit.md.j2", context, _source_file("visits", visit_id)
        )


def _country_pages(rel: Relations) -> Iterator[PlannedPage]:
    for code in rel.countries:

        def context(h: PageHelpers, code: str = code) -> dict[str, Any]:
            rel = h.relations
            # By the other country's name, each with its number of visits.
            pairs = sorted(
                ((a, b, len(visits)) for (a, b), visits in rel.relations.items() if code in (a, b)),
                key=lambda p: (sort_key(h.country_name(p[1] if p[0] == code else p[0]), h.lang), p),
            )
            state = former_state(code)
            # Every successor has a page (`Relations.countries`); a predecessor only when the
            # data names it.
            present = set(rel.countries)
            successors = _by_country_name(h, state.successors if state else ())
            earlier = _by_country_name(h, (p for p in predecessors(code) if p in present))
            return {
                "code": code,
                "existed": _existed(state),
                "successors": h.join([h.country(c) for c in successors]),
                "predecessors": h.join([h.country(c) for c in earlier]),
                "people": _by_name(h, rel.people_by_country.get(code, [])),
                "visit_lists": visit_lists(f"countries/{code.lower()}", _country_lists(rel, code)),
                "relations": pairs,
            }

        yield PlannedPage(f"countries/{code.lower()}.md", "country.md.j2", context)
        yield from _year_pages(
            f"countries/{code.lower()}",
            functools.partial(_country_name, code=code),
            functools.partial(_country_lists, code=code),
            rel,
        )
    for a, b in sorted(rel.relations):

        def relation_context(h: PageHelpers, a: str = a, b: str = b) -> dict[str, Any]:
            title = _relation_title(h, a, b)
            stem = f"relations/{a.lower()}-{b.lower()}"
            return {
                "a": a,
                "b": b,
                "title": title,
                "visit_lists": visit_lists(stem, _relation_lists(h.relations, a, b)),
                "visits": h.relations.relations[(a, b)],
            }

        first, second = pair_key(a, b)
        stem = f"relations/{first.lower()}-{second.lower()}"
        yield PlannedPage(f"{stem}.md", "relation.md.j2", relation_context)
        yield from _year_pages(
            stem,
            functools.partial(_relation_title, a=a, b=b),
            functools.partial(_relation_lists, a=a, b=b),
            rel,
            exchange=(a, b),
        )


def _organization_pages(dataset: Dataset) -> Iterator[PlannedPage]:
    for org_id in dataset.organizations:

        def context(h: PageHelpers, org_id: str = org_id) -> dict[str, Any]:
            return {
                "org": h.dataset.organizations[org_id],
                "members": h.relations.members.get(org_id, []),
                "published": h.relations.published_by.get(org_id, []),
            }

        yield PlannedPage(
            f"organizations/{org_id}.md",
            "organization.md.j2",
            context,
            _source_file("organizations", org_id),
        )


def _source_pages(dataset: Dataset) -> Iterator[PlannedPage]:
    for source_id in dataset.sources:

        def context(h: PageHelpers, source_id: str = source_id) -> dict[str, Any]:
            source, rel = h.dataset.sources[source_id], h.relations
            return {
                "source": source,
                "source_language": label(h.lang, f"language_name_{source.language}"),
                "cited_by": rel.cited_by.get(source.id, []),
                "facts": h.fact_groups(rel.facts_by_source.get(source.id, [])),
            }

        yield PlannedPage(
            f"sources/{source_id}.md", "source.md.j2", context, _source_file("sources", source_id)
        )
