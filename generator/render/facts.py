"""The lines of a source's page: what it supports of each person, organization and visit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.languages import i18n
from generator.model.resolve import Fact
from generator.render.mdtext import Md

if TYPE_CHECKING:  # the helpers call this module; it uses theirs
    from generator.render.helpers import PageHelpers


def fact_groups(h: PageHelpers, facts: list[Fact]) -> list[Markup]:
    """A source's facts, one line per person, organization or visit they are about: the
    entity linked once, then what the source supports of it ("Ali Larijani's visit to
    Pakistan: who, where and when; a meeting; a quote by Mohammad Ishaq Dar")."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:  # sorted by entity, then kind and index (model.resolve)
        groups.setdefault((fact.entity_kind, fact.entity_id), []).append(fact)
    lines: list[Markup] = []
    for (kind, entity_id), found in groups.items():
        # The entity's own entry first, then its parts in the order of the file.
        found.sort(key=lambda fact: fact.kind not in _ENTRIES)
        what = [_what(h, fact) for fact in found]
        if kind == "people":
            entity = h.person(entity_id)
        elif kind == "organizations":
            entity = h.organization(entity_id)
        else:
            entity = h.visit(h.dataset.visits[entity_id])
        shown = Md.escape(h.t("fact_separator")).join(Md("{}").format(w) for w in what)
        lines.append(Md("{}: {}").format(entity, shown))
    return lines


_ENTRIES = ("person", "organization", "visit")  # the facts of an entity's file itself


def _what(h: PageHelpers, fact: Fact) -> str:
    """What a fact of an entity is, in a few words."""
    if fact.kind in _ENTRIES:
        return h.t(f"fact_{fact.kind}_entry")
    assert fact.index is not None
    if fact.kind == "membership":
        person = h.dataset.people[fact.entity_id]
        return h.t("fact_membership", role=h.plain(person.memberships[fact.index].role))
    visit = h.dataset.visits[fact.entity_id]
    if fact.kind == "quote":
        return h.t("fact_quote", name=h.person_name(visit.quotes[fact.index].speaker))
    if fact.kind == "outcome":
        return h.t("fact_outcome", summary=h.plain(visit.outcomes[fact.index].summary))
    meeting = visit.meetings[fact.index]
    names = [h.person_name(pid) for pid in meeting.participant_ids]
    return (
        h.t("fact_meeting_of", names=i18n.join_list(names, h.lang))
        if names
        else h.t("fact_meeting")
    )
