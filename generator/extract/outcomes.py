"""Outcomes to visits: an amount or a count belongs to the visit its sentence names."""

from __future__ import annotations

import bisect

from generator.extract.model import AmountFound, PersonRef, VisitFound
from generator.extract.people import PersonMatch
from generator.extract.text import Document, SpanIndex


def attach_outcomes(
    document: Document,
    visits: list[VisitFound],
    amounts: list[AmountFound],
    people: list[PersonMatch],
) -> None:
    """An amount belongs to the visit named before it in its sentence; failing that, to the
    only visit of a visitor the sentence names (noted for review)."""
    triggers = sorted(
        ((mention.trigger.span.start, visit) for visit in visits for mention in visit.mentions),
        key=lambda pair: pair[0],
    )
    starts = [start for start, _ in triggers]
    usable = SpanIndex(
        [match for match in people if not document.in_quote(match.span)], lambda m: m.span
    )
    by_visitor: dict[PersonRef, list[VisitFound]] = {}
    for visit in visits:
        by_visitor.setdefault(visit.visitor, []).append(visit)
    only: dict[int, VisitFound | None] = {}  # sentence -> the only visit of whom it names
    for amount in amounts:
        sentence = document.sentence_at(amount.evidence.span.start)
        last = bisect.bisect_left(starts, amount.evidence.span.start) - 1
        if last >= 0 and starts[last] >= sentence.span.start:
            triggers[last][1].outcomes.append(amount)
            continue
        if sentence.index not in only:
            named = {usable.items[index].ref for index in usable.inside(sentence.span)}
            theirs = [visit for ref in named for visit in by_visitor.get(ref, [])]
            only[sentence.index] = theirs[0] if len(theirs) == 1 else None
        theirs_only = only[sentence.index]
        if theirs_only is not None:
            theirs_only.outcomes.append(amount)
            amount.notes.append(
                f"attached to the visit of {theirs_only.visitor.name}, whom the sentence names; "
                "the sentence does not name the visit"
            )
