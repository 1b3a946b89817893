"""The page plan: which Markdown pages each language gets, from which template and data.

Both languages get the same paths, so the language switcher can link a page to its twin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from generator.data.dataset import Dataset
from generator.data.schema import Visit
from generator.languages.collation import sort_key
from generator.languages.i18n import label
from generator.model import titles
from generator.model.resolve import Fact, QuoteRef, Relations, newest_first, pair_key, years

if TYPE_CHECKING:  # the page plan hands each page's context to the renderer's helpers
    from generator.render.helpers import PageHelpers

DATA_PREFIX = "site_data"


@dataclass(frozen=True)
class PlannedPage:
    path: str  # inside the language's docs folder, e.g. "people/ali-larijani.md"
    template: str
    # Builds the template's variables for one language (the helpers are bound per page).
    context: Callable[[PageHelpers], dict[str, Any]] = field(compare=False)
    source_file: str | None = None  # the YAML file the page comes from, for "edit this page"
    depends_on: tuple[str, ...] = ()  # YAML files whose change must re-render this page


def _source_file(kind: str, entity_id: str) -> str:
    return f"{DATA_PREFIX}/{kind}/{entity_id}.yml"


def plan(dataset: Dataset, relations: Relations) -> list[PlannedPage]:
    """Every generated page, in a fixed order."""
    deps = _Dependencies(dataset, relations)
    pages: list[PlannedPage] = []
    pages.extend(_index_pages(dataset, relations, deps))
    pages.extend(_person_pages(dataset, relations, deps))
    pages.extend(_visit_pages(dataset, relations, deps))
    pages.extend(_country_pages(dataset, relations, deps))
    pages.extend(_organization_pages(dataset, relations, deps))
    pages.extend(_source_pages(dataset, relations, deps))
    return pages


# What other pages show of an entity, part by part. A page that shows only a person's name
# depends on `site_data/people/x.yml#name` and is not rendered again when only the person's
# summary changed; an entity's own page depends on its whole file (`site_data/people/x.yml`).
# A part also decides which lists an entity is in (a visit's dates and countries put it on
# country pages), so the parts cover both what is shown and where.
FACETS: dict[str, dict[str, Callable[[Any], object]]] = {
    "people": {
        "name": lambda person: person.name,
        "country": lambda person: person.country,
        "roles": lambda person: person.memberships,
        "cites": lambda person: person.sources,
    },
    "organizations": {
        "name": lambda org: org.name,
        "entry": lambda org: (org.classification, org.country),
        "cites": lambda org: org.sources,
    },
    "sources": {
        "entry": lambda s: (s.title, s.publisher, s.published, s.url, s.kind),
        "cites": lambda s: s.cites,
    },
    "visits": {
        "link": lambda v: (
            v.title,
            v.visitors,
            v.hosts,
            v.start_date,
            v.end_date,
            v.from_country,
            v.to_country,
        ),
        "meetings": lambda v: v.meetings,
        "outcomes": lambda v: v.outcomes,
        "quotes": lambda v: v.quotes,
        "cites": lambda v: v.sources,
    },
}


def changed_parts(kind: str, before: Any, after: Any) -> list[str]:
    """The parts (FACETS) that differ between two versions of an entity; all of them when
    the entity is new or gone."""
    parts = FACETS[kind]
    if before is None or after is None:
        return list(parts)
    return [name for name, part in parts.items() if part(before) != part(after)]


class _Dependencies:
    """The data each page is made from, for `PlannedPage.depends_on`.

    The live preview re-renders a page when one of these changed, in the plan made before the
    change or in the one made after it: a visit that stops naming a person is in the old
    plan's list of that person's page, a visit that starts naming one in the new. So a page
    lists the parts it shows and the parts that put things in its lists (a visit title made of
    the visitors' names depends on those people's names, too).
    """

    def __init__(self, dataset: Dataset, rel: Relations) -> None:
        self.dataset = dataset
        self.rel = rel
        # One string per key, shared by every page that depends on it.
        self.keys: dict[tuple[str, str, str], str] = {}
        self.visit_links: dict[str, tuple[str, ...]] = {}
        # The visits whose meetings a person took part in: their "people met" come from there.
        self.meetings_of: dict[str, list[Visit]] = {}
        for visit in dataset.visits.values():
            for meeting in visit.meetings:
                for person_id in meeting.participants:
                    self.meetings_of.setdefault(person_id, []).append(visit)

    def key(self, kind: str, entity_id: str, part: str = "") -> str:
        found = self.keys.get((kind, entity_id, part))
        if found is None:
            found = _source_file(kind, entity_id) + (f"#{part}" if part else "")
            self.keys[(kind, entity_id, part)] = found
        return found

    def person(self, person_id: str, part: str = "name") -> str:
        return self.key("people", person_id, part)

    def organization(self, org_id: str, part: str = "name") -> str:
        return self.key("organizations", org_id, part)

    def visit(self, visit: Visit) -> tuple[str, ...]:
        """A visit in a list: its title, dates and countries, and its visitors' names when
        the title is made of them."""
        found = self.visit_links.get(visit.id)
        if found is None:
            found = (self.key("visits", visit.id, "link"),)
            if visit.title is None:
                found += tuple(self.person(person_id) for person_id in visit.visitors)
            self.visit_links[visit.id] = found
        return found

    def sources(self, source_ids: Iterable[str]) -> Iterator[str]:
        """Entries of a page's list of sources: title, date and address, and the publisher."""
        for source_id in source_ids:
            yield self.key("sources", source_id, "entry")
            yield self.organization(self.dataset.sources[source_id].publisher)

    @staticmethod
    def of(*groups: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set().union(*groups)))


def _by_name(h: PageHelpers, person_ids: Iterable[str]) -> list[str]:
    """People in the alphabetical order of the page's language (ties by id)."""
    return sorted(person_ids, key=lambda pid: (sort_key(h.person_name(pid), h.lang), pid))


def _by_country_name(h: PageHelpers, codes: Iterable[str]) -> list[str]:
    return sorted(codes, key=lambda code: (sort_key(h.country_name(code), h.lang), code))


def _index_pages(dataset: Dataset, rel: Relations, deps: _Dependencies) -> Iterator[PlannedPage]:
    def people_groups(h: PageHelpers) -> dict[str, Any]:
        codes = _by_country_name(h, rel.people_by_country)
        return {"groups": [(code, _by_name(h, rel.people_by_country[code])) for code in codes]}

    people = deps.of(
        deps.person(person_id, part)
        for person_id in dataset.people
        for part in ("name", "country", "roles")
    )
    visits = deps.of(*(deps.visit(visit) for visit in dataset.visits.values()))
    yield PlannedPage("people/index.md", "people_index.md.j2", people_groups, depends_on=people)
    yield PlannedPage(
        "visits/index.md",
        "visits_index.md.j2",
        lambda h: {"by_year": years(rel.timeline)},
        depends_on=visits,
    )

    def countries(h: PageHelpers) -> dict[str, Any]:
        pairs = [(a, b, len(visits)) for (a, b), visits in sorted(rel.relations.items())]
        place = {code: index for index, code in enumerate(_by_country_name(h, rel.countries))}
        return {
            "countries": list(place),
            "relations": sorted(pairs, key=lambda p: (place[p[0]], place[p[1]])),
        }

    yield PlannedPage(
        "countries/index.md",
        "countries_index.md.j2",
        countries,
        depends_on=deps.of(
            people,
            visits,
            (deps.organization(org_id, "entry") for org_id in dataset.organizations),
        ),
    )
    yield PlannedPage(
        "organizations/index.md",
        "organizations_index.md.j2",
        lambda h: {
            "organizations": sorted(
                dataset.organizations.values(),
                key=lambda o: (sort_key(h.plain(o.name), h.lang), o.id),
            )
        },
        depends_on=deps.of(
            deps.organization(org_id, part)
            for org_id in dataset.organizations
            for part in ("name", "entry")
        ),
    )
    yield PlannedPage(
        "sources/index.md",
        "sources_index.md.j2",
        lambda h: {
            "sources": sorted(
                dataset.sources.values(),
                key=lambda s: (s.published.earliest(), s.id),
                reverse=True,
            )
        },
        depends_on=deps.of(deps.sources(dataset.sources)),
    )


def _person_pages(dataset: Dataset, rel: Relations, deps: _Dependencies) -> Iterator[PlannedPage]:
    for person in dataset.people.values():

        def context(h: PageHelpers, person: Any = person) -> dict[str, Any]:
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
                "visits_made": newest_first(rel.visits_made[person.id]),
                "visits_hosted": newest_first(rel.visits_hosted[person.id]),
                "people_met": met,
                "quotes": quotes,
            }

        quoted = rel.quotes_by[person.id]
        met_at = deps.meetings_of.get(person.id, [])
        depends_on = deps.of(
            [deps.key("people", person.id)],
            (
                deps.organization(held.organization)
                for held in person.memberships
                if held.organization
            ),
            *(deps.visit(v) for v in rel.visits_made[person.id] + rel.visits_hosted[person.id]),
            (deps.person(other_id) for other_id in rel.people_met[person.id]),
            (deps.key("visits", visit.id, "meetings") for visit in met_at),
            *(deps.visit(ref.visit) for ref in quoted),
            (deps.key("visits", ref.visit.id, "quotes") for ref in quoted),
            deps.sources(person.sources),
            *(deps.sources(held.sources) for held in person.memberships),
            *(deps.sources(ref.quote.sources) for ref in quoted),
        )
        yield PlannedPage(
            f"people/{person.id}.md",
            "person.md.j2",
            context,
            _source_file("people", person.id),
            depends_on,
        )


def _visit_pages(dataset: Dataset, rel: Relations, deps: _Dependencies) -> Iterator[PlannedPage]:
    for visit in dataset.visits.values():

        def context(h: PageHelpers, visit: Any = visit) -> dict[str, Any]:
            previous, following = rel.neighbours(visit)
            others = {
                other.code: titles.visit_title(dataset, visit, other.code)
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

        neighbours = [other for other in rel.neighbours(visit) if other is not None]
        parent = [dataset.visits[visit.parent]] if visit.parent else []
        people = [*visit.visitors, *visit.hosts]
        people += [pid for meeting in visit.meetings for pid in meeting.participants]
        people += [quote.speaker for quote in visit.quotes]
        cited = [visit.sources, *(meeting.sources for meeting in visit.meetings)]
        cited += [item.sources for item in visit.outcomes] + [q.sources for q in visit.quotes]
        depends_on = deps.of(
            [deps.key("visits", visit.id)],
            (deps.person(person_id) for person_id in people),
            *(deps.visit(other) for other in neighbours + parent),
            *(deps.sources(source_ids) for source_ids in cited),
        )
        yield PlannedPage(
            f"visits/{visit.id}.md",
            "visit.md.j2",
            context,
            _source_file("visits", visit.id),
            depends_on,
        )


def _country_pages(dataset: Dataset, rel: Relations, deps: _Dependencies) -> Iterator[PlannedPage]:
    for code in rel.countries:

        def context(h: PageHelpers, code: str = code) -> dict[str, Any]:
            pairs = sorted(key for key in rel.relations if code in key)
            return {
                "code": code,
                "people": _by_name(h, rel.people_by_country.get(code, [])),
                "visits_from": newest_first(rel.visits_from.get(code, [])),
                "visits_to": newest_first(rel.visits_to.get(code, [])),
                "relations": pairs,
            }

        depends_on = deps.of(
            (
                deps.person(person_id, part)
                for person_id in rel.people_by_country.get(code, [])
                for part in ("name", "country")
            ),
            *(deps.visit(v) for v in rel.visits_from.get(code, []) + rel.visits_to.get(code, [])),
        )
        yield PlannedPage(
            f"countries/{code.lower()}.md", "country.md.j2", context, depends_on=depends_on
        )
    for (a, b), visits in sorted(rel.relations.items()):

        def relation_context(
            h: PageHelpers, a: str = a, b: str = b, visits: Any = visits
        ) -> dict[str, Any]:
            title = h.t("relation_title", a=h.country_name(a), b=h.country_name(b))
            return {"a": a, "b": b, "title": title, "visit_list": visits}

        first, second = pair_key(a, b)
        yield PlannedPage(
            f"relations/{first.lower()}-{second.lower()}.md",
            "relation.md.j2",
            relation_context,
            depends_on=deps.of(*(deps.visit(visit) for visit in visits)),
        )


def _organization_pages(
    dataset: Dataset, rel: Relations, deps: _Dependencies
) -> Iterator[PlannedPage]:
    for org in dataset.organizations.values():

        def context(h: PageHelpers, org: Any = org) -> dict[str, Any]:
            return {"org": org, "members": rel.members.get(org.id, [])}

        members = rel.members.get(org.id, [])
        depends_on = deps.of(
            [deps.key("organizations", org.id)],
            [deps.organization(org.parent)] if org.parent else [],
            (deps.person(pid, part) for pid, _ in members for part in ("name", "roles")),
            deps.sources(org.sources),
            *(deps.sources(membership.sources) for _, membership in members),
        )
        yield PlannedPage(
            f"organizations/{org.id}.md",
            "organization.md.j2",
            context,
            _source_file("organizations", org.id),
            depends_on,
        )


def _source_pages(dataset: Dataset, rel: Relations, deps: _Dependencies) -> Iterator[PlannedPage]:
    for source in dataset.sources.values():

        def context(h: PageHelpers, source: Any = source) -> dict[str, Any]:
            return {
                "source": source,
                "source_language": label(h.lang, f"language_name_{source.language}"),
                "cited_by": rel.cited_by.get(source.id, []),
                "facts": [h.fact(fact) for fact in rel.facts_by_source.get(source.id, [])],
            }

        yield PlannedPage(
            f"sources/{source.id}.md",
            "source.md.j2",
            context,
            _source_file("sources", source.id),
            deps.of(
                [deps.key("sources", source.id)],
                deps.sources([source.id, *source.cites, *rel.cited_by.get(source.id, [])]),
                (deps.key("sources", s, "cites") for s in rel.cited_by.get(source.id, [])),
                *(_fact_files(deps, fact) for fact in rel.facts_by_source.get(source.id, [])),
            ),
        )


# The part of an entity that puts a fact of each kind on a source's page.
_FACT_PARTS = {
    "person": "cites",
    "membership": "roles",
    "organization": "cites",
    "visit": "cites",
    "meeting": "meetings",
    "outcome": "outcomes",
    "quote": "quotes",
}


def _fact_files(deps: _Dependencies, fact: Fact) -> Iterator[str]:
    """What a line of a source's page shows (see `PageHelpers.fact`), and what puts it there."""
    yield deps.key(fact.entity_kind, fact.entity_id, _FACT_PARTS[fact.kind])
    if fact.entity_kind == "people":
        yield deps.person(fact.entity_id)
    elif fact.entity_kind == "organizations":
        yield deps.organization(fact.entity_id)
    else:
        visit = deps.dataset.visits[fact.entity_id]
        yield from deps.visit(visit)
        if fact.kind == "quote":
            assert fact.index is not None
            yield deps.person(visit.quotes[fact.index].speaker)
