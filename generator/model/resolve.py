"""Relations derived from the data, computed once before any page is rendered.

Who visited whom, who met whom, which quotes a person gave, which visits link two countries,
and which facts each source supports. Every list has an explicit sort key, so pages come out
the same whatever order the files were read in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.data.dataset import Dataset
from generator.data.schema import Meeting, Membership, Outcome, Quote, Visit
from generator.languages.former_states import former_state


def visit_sort_key(visit: Visit) -> tuple[tuple[int, int, int], tuple[int, int, int], str]:
    """Chronological: by start (earliest possible day), then end, then id."""
    end = visit.end_date or visit.start_date
    return (visit.start_date.earliest(), end.latest(), visit.id)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The bilateral relation of two countries, whatever the direction."""
    first, second = sorted((a, b))
    return (first, second)


@dataclass(frozen=True)
class QuoteRef:
    visit: Visit
    index: int
    quote: Quote


@dataclass(frozen=True)
class Fact:
    """One thing a source supports, for the source's page: what, and where it is shown."""

    kind: str  # person | membership | visit | meeting | outcome | quote | organization
    entity_kind: str  # people | visits | organizations
    entity_id: str
    index: int | None = None  # the membership, meeting, outcome or quote within the entity


@dataclass
class Relations:
    visits_made: dict[str, list[Visit]] = field(default_factory=lambda: defaultdict(list))
    visits_hosted: dict[str, list[Visit]] = field(default_factory=lambda: defaultdict(list))
    people_met: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    quotes_by: dict[str, list[QuoteRef]] = field(default_factory=lambda: defaultdict(list))
    members: dict[str, list[tuple[str, Membership]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    people_by_country: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    visits_from: dict[str, list[Visit]] = field(default_factory=lambda: defaultdict(list))
    visits_to: dict[str, list[Visit]] = field(default_factory=lambda: defaultdict(list))
    relations: dict[tuple[str, str], list[Visit]] = field(default_factory=lambda: defaultdict(list))
    facts_by_source: dict[str, list[Fact]] = field(default_factory=lambda: defaultdict(list))
    cited_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    published_by: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[Visit] = field(default_factory=list)
    # visit id -> its place among the visits between the same two countries (list.index
    # compares whole models: quadratic in the visits of a busy pair)
    positions: dict[str, int] = field(default_factory=dict)
    organization_countries: set[str] = field(default_factory=set)

    def neighbours(self, visit: Visit) -> tuple[Visit | None, Visit | None]:
        """The previous and next visit between the same two countries."""
        visits = self.relations[pair_key(visit.from_country, visit.to_country)]
        index = self.positions[visit.id]
        previous = visits[index - 1] if index > 0 else None
        following = visits[index + 1] if index + 1 < len(visits) else None
        return previous, following

    @property
    def countries(self) -> list[str]:
        codes = set(self.people_by_country) | set(self.visits_from) | set(self.visits_to)
        # Organization pages link to their country too: it needs a page even with no one in it.
        codes |= self.organization_countries
        # A former state's page links its successors (and theirs, for a state that was itself
        # succeeded): each has a page, which links back.
        waiting = list(codes)
        while waiting:
            state = former_state(waiting.pop())
            for successor in state.successors if state else ():
                if successor not in codes:
                    codes.add(successor)
                    waiting.append(successor)
        return sorted(codes)


def resolve(dataset: Dataset) -> Relations:
    """Derive every relation the pages show."""
    rel = Relations()
    for visit in sorted(dataset.visits.values(), key=visit_sort_key):
        rel.timeline.append(visit)
        rel.visits_from[visit.from_country].append(visit)
        rel.visits_to[visit.to_country].append(visit)
        rel.relations[pair_key(visit.from_country, visit.to_country)].append(visit)
        # Only catalogued people have pages to list their visits on; someone named only is
        # shown on the visit's page and nowhere else.
        for visitor_id in visit.visitor_ids:
            rel.visits_made[visitor_id].append(visit)
        for host_id in visit.host_ids:
            rel.visits_hosted[host_id].append(visit)
        # Visitors and hosts met (a reader of a page with 351 trips and "People met: none"
        # takes the page for wrong), and so did those at each meeting.
        for visitor_id in visit.visitor_ids:
            rel.people_met[visitor_id].update(p for p in visit.host_ids if p != visitor_id)
        for host_id in visit.host_ids:
            rel.people_met[host_id].update(p for p in visit.visitor_ids if p != host_id)
        for meeting in visit.meetings:
            met = meeting.participant_ids
            for participant in met:
                rel.people_met[participant].update(p for p in met if p != participant)
        for index, quote in enumerate(visit.quotes):
            rel.quotes_by[quote.speaker].append(QuoteRef(visit, index, quote))
        _visit_facts(rel, visit)

    for visits in rel.relations.values():
        rel.positions.update((visit.id, index) for index, visit in enumerate(visits))
    for person in dataset.people.values():
        rel.people_by_country[person.country].append(person.id)
        for source in person.sources:
            rel.facts_by_source[source].append(Fact("person", "people", person.id))
        for index, membership in enumerate(person.memberships):
            if membership.organization:
                rel.members[membership.organization].append((person.id, membership))
            for source in membership.sources:
                rel.facts_by_source[source].append(Fact("membership", "people", person.id, index))
    for organization in dataset.organizations.values():
        if organization.country:
            rel.organization_countries.add(organization.country)
        for source in organization.sources:
            rel.facts_by_source[source].append(
                Fact("organization", "organizations", organization.id)
            )
    for citing in dataset.sources.values():
        for cited in citing.cites:
            rel.cited_by[cited].append(citing.id)
        if citing.publisher is not None:
            rel.published_by[citing.publisher].append(citing.id)

    # By id: the pages list people in their own language's order (`generator.model.pages`).
    for person_ids in rel.people_by_country.values():
        person_ids.sort()
    for facts in rel.facts_by_source.values():
        facts.sort(
            key=lambda f: (f.entity_kind, f.entity_id, f.kind, -1 if f.index is None else f.index)
        )
    for citing_ids in rel.cited_by.values():
        citing_ids.sort()
    for published in rel.published_by.values():
        published.sort()
    for members in rel.members.values():
        members.sort(key=lambda item: item[0])  # stable: a person's positions in file order
    return rel


def _visit_facts(rel: Relations, visit: Visit) -> None:
    for source in visit.sources:
        rel.facts_by_source[source].append(Fact("visit", "visits", visit.id))
    groups: list[tuple[str, Sequence[Meeting | Outcome | Quote]]] = [
        ("meeting", visit.meetings),
        ("outcome", visit.outcomes),
        ("quote", visit.quotes),
    ]
    for kind, items in groups:
        for index, item in enumerate(items):
            for source in item.sources:
                rel.facts_by_source[source].append(Fact(kind, "visits", visit.id, index))


def newest_first(visits: list[Visit]) -> list[Visit]:
    return sorted(visits, key=visit_sort_key, reverse=True)


def years(visits: list[Visit]) -> list[tuple[int, list[Visit]]]:
    """Visits grouped by the year they began, newest year first, newest visit first."""
    by_year: dict[int, list[Visit]] = defaultdict(list)
    for visit in visits:
        by_year[visit.start_date.year].append(visit)
    return [(year, newest_first(by_year[year])) for year in sorted(by_year, reverse=True)]
