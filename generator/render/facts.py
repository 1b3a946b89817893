"""The lines of a source's page: each fact it supports, linked to where it is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.model.resolve import Fact
from generator.render.mdtext import Md

if TYPE_CHECKING:  # the helpers call this module; it uses theirs
    from generator.render.helpers import PageHelpers


def fact_line(h: PageHelpers, fact: Fact) -> Markup:
    """One line of a source's page: the fact it supports, linked to where it is shown."""
    if fact.entity_kind == "people":
        person = h.dataset.people[fact.entity_id]
        if fact.kind == "membership":
            assert fact.index is not None
            role = h.plain(person.memberships[fact.index].role)
            return Md("{} — {}").format(h.person(person.id), h.t("fact_membership", role=role))
        return h.link(h.t("fact_person", name=h.plain(person.name)), f"people/{person.id}.md")
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
    return Md("{} — {}").format(h.visit(visit), what)
