"""The page plan: which Markdown pages each language gets, from which template and data.

Both languages get the same paths, so the language switcher can link a page to its twin.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from generator.dataset import Dataset
from generator.i18n import label
from generator.mdtext import escape_inline
from generator.render import PageHelpers
from generator.resolve import Fact, QuoteRef, Relations, newest_first, pair_key, years

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
    pages: list[PlannedPage] = []
    pages.extend(_index_pages(dataset, relations))
    pages.extend(_person_pages(dataset, relations))
    pages.extend(_visit_pages(dataset, relations))
    pages.extend(_country_pages(dataset, relations))
    pages.extend(_organization_pages(dataset, relations))
    pages.extend(_source_pages(dataset, relations))
    return pages


def _index_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    def people_groups(h: PageHelpers) -> dict[str, Any]:
        groups = sorted(rel.people_by_country.items(), key=lambda kv: h.country_name(kv[0]))
        return {"groups": groups}

    yield PlannedPage("people/index.md", "people_index.md.j2", people_groups)
    yield PlannedPage(
        "visits/index.md", "visits_index.md.j2", lambda h: {"by_year": years(rel.timeline)}
    )

    def countries(h: PageHelpers) -> dict[str, Any]:
        pairs = [(a, b, len(visits)) for (a, b), visits in sorted(rel.relations.items())]
        return {
            "countries": sorted(rel.countries, key=h.country_name),
            "relations": sorted(pairs, key=lambda p: (h.country_name(p[0]), h.country_name(p[1]))),
        }

    yield PlannedPage("countries/index.md", "countries_index.md.j2", countries)
    yield PlannedPage(
        "organizations/index.md",
        "organizations_index.md.j2",
        lambda h: {
            "organizations": sorted(
                dataset.organizations.values(), key=lambda o: (h.plain(o.name).casefold(), o.id)
            )
        },
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
    )


def _person_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    for person in dataset.people.values():

        def context(h: PageHelpers, person: Any = person) -> dict[str, Any]:
            memberships = sorted(
                person.memberships,
                key=lambda m: m.start_date.earliest() if m.start_date else (0, 0, 0),
                reverse=True,
            )
            met = sorted(rel.people_met[person.id], key=lambda pid: (h.person_name(pid), pid))
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

        yield PlannedPage(
            f"people/{person.id}.md", "person.md.j2", context, _source_file("people", person.id)
        )


def _visit_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    for visit in dataset.visits.values():

        def context(h: PageHelpers, visit: Any = visit) -> dict[str, Any]:
            previous, following = rel.neighbours(visit)
            others = {
                other.code: PageHelpers(h.path, other.code, dataset, rel).visit_title(visit)
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
            f"visits/{visit.id}.md", "visit.md.j2", context, _source_file("visits", visit.id)
        )


def _country_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    for code in rel.countries:

        def context(h: PageHelpers, code: str = code) -> dict[str, Any]:
            pairs = sorted(key for key in rel.relations if code in key)
            return {
                "code": code,
                "people": rel.people_by_country.get(code, []),
                "visits_from": newest_first(rel.visits_from.get(code, [])),
                "visits_to": newest_first(rel.visits_to.get(code, [])),
                "relations": pairs,
            }

        yield PlannedPage(f"countries/{code.lower()}.md", "country.md.j2", context)
    for (a, b), visits in sorted(rel.relations.items()):

        def relation_context(
            h: PageHelpers, a: str = a, b: str = b, visits: Any = visits
        ) -> dict[str, Any]:
            title = h.t("relation_title", a=h.country_name(a), b=h.country_name(b))
            return {"a": a, "b": b, "title": title, "visit_list": visits}

        first, second = pair_key(a, b)
        yield PlannedPage(
            f"relations/{first.lower()}-{second.lower()}.md", "relation.md.j2", relation_context
        )


def _organization_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    for org in dataset.organizations.values():

        def context(h: PageHelpers, org: Any = org) -> dict[str, Any]:
            return {"org": org, "members": rel.members.get(org.id, [])}

        yield PlannedPage(
            f"organizations/{org.id}.md",
            "organization.md.j2",
            context,
            _source_file("organizations", org.id),
        )


def _source_pages(dataset: Dataset, rel: Relations) -> Iterator[PlannedPage]:
    for source in dataset.sources.values():

        def context(h: PageHelpers, source: Any = source) -> dict[str, Any]:
            return {
                "source": source,
                "source_language": label(h.lang, f"language_name_{source.language}"),
                "cited_by": rel.cited_by.get(source.id, []),
                "facts": [
                    describe_fact(h, fact) for fact in rel.facts_by_source.get(source.id, [])
                ],
            }

        yield PlannedPage(
            f"sources/{source.id}.md", "source.md.j2", context, _source_file("sources", source.id)
        )


def describe_fact(h: PageHelpers, fact: Fact) -> Markup:
    """One line of a source's page: the fact it supports, linked to where it is shown."""
    if fact.entity_kind == "people":
        person = h.dataset.people[fact.entity_id]
        if fact.kind == "membership":
            assert fact.index is not None
            role = h.plain(person.memberships[fact.index].role)
            return Markup(f"{h.person(person.id)} — {h.t('fact_membership', role=role)}")
        return Markup(
            h.link(h.t("fact_person", name=h.plain(person.name)), f"people/{person.id}.md")
        )
    if fact.entity_kind == "organizations":
        org = h.dataset.organizations[fact.entity_id]
        return h.link(
            h.t("fact_organization", name=h.plain(org.name)), f"organizations/{org.id}.md"
        )
    visit = h.dataset.visits[fact.entity_id]
    if fact.kind == "visit":
        return h.visit(visit)
    assert fact.index is not None
    if fact.kind == "quote":
        quote = visit.quotes[fact.index]
        what = h.t("fact_quote", name=h.person_name(quote.speaker))
    elif fact.kind == "outcome":
        what = h.t("fact_outcome", summary=h.plain(visit.outcomes[fact.index].summary))
    else:
        what = h.t("fact_meeting")
    return Markup(f"{h.visit(visit)} — {escape_inline(what)}")
