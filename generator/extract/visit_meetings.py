"""Visits a meeting place implies: "X met Y in Riyadh", «التقى X في الرياض Y», "a trilateral
meeting … in Islamabad".

A meeting word (`lexicon.MEETING_VERBS`) says where the people its sentence names were: at the
place named "in"/«في» after it, else at the last such place before it, else where a visit of
the same sentence went ("Wang visited Islamabad, when he and Dar held a meeting with …"). Of
those people, whoever is of another country than the place's, by their title, is a visitor
there; people of that country, or living there, are the hosts and never visit. When nobody is
known to be foreign but a host is named, the subject whose country the text does not give is
the visitor ("Secretary Pompeo met with Saudi King Salman in Riyadh"): someone came to meet
the host. `generator.extract.visits` merges these mentions with those of the visit triggers.
"""

from __future__ import annotations

import bisect
import re

from generator.extract.lexicon import MEETING_VERBS, REPORTING_VERBS
from generator.extract.model import DateFound, Evidence, VisitMention, evidence
from generator.extract.places import Place
from generator.extract.text import Span
from generator.extract.visit_frames import WHERE, Found

_EN_MEETINGS = re.compile(r"\b(?:met|meets|meet|meeting|talks)\b")
_CLAUSE_BREAK = re.compile(r"[,،;؛]")


def meeting_mentions(found: Found, visits: list[VisitMention]) -> list[VisitMention]:
    """A mention for each visitor a meeting place implies, in text order."""
    document = found.document
    triggers: list[Span] = []
    for token in document.tokens:
        if token.arabic and set(token.forms) & MEETING_VERBS:
            triggers.append(token.span)
    norm = document.normalized
    for match in _EN_MEETINGS.finditer(norm.norm):
        start, end = norm.span(match.start(), match.end())
        if document.text[start].isascii():
            triggers.append(Span(start, end))
    mentions: list[VisitMention] = []
    seen: set[tuple[int, str]] = set()  # (sentence, visitor): one meeting per sentence
    for trigger in sorted(triggers, key=lambda span: span.start):
        if document.in_quote(trigger):
            continue
        sentence = document.sentence_at(trigger.start)
        place = _place(found, trigger, sentence.span, visits)
        if place is None:
            continue
        clause = _clause(found, trigger, sentence.span)
        told = {
            (mention.visitor, mention.places[0][0].country)
            for mention in visits
            if mention.visitor and mention.places and sentence.span.contains(mention.trigger.span)
        }
        for index in _visitors(found, clause, place[0].country):
            person = found.people.items[index]
            if (sentence.index, person.ref.id) in seen or (person.ref, place[0].country) in told:
                continue  # the visit the sentence tells is read from its own trigger
            seen.add((sentence.index, person.ref.id))
            mentions.append(
                VisitMention(
                    trigger=evidence(document, trigger),
                    visitor=person.ref,
                    visitor_evidence=evidence(document, person.span),
                    places=[place],
                    date=_date(found, trigger, clause),
                    anaphoric=False,
                    official=False,
                    # A meeting to come is most often one of the visit under way («ومن المنتظر
                    # أن يلتقي …»): it joins that visit rather than start another.
                    future=False,
                )
            )
    return mentions


def _place(
    found: Found, trigger: Span, sentence: Span, visits: list[VisitMention]
) -> tuple[Place, Evidence] | None:
    """The place "in" which the meeting was: after the trigger, else before it in its
    sentence, else the place of a visit the sentence tells."""
    located = sorted(found.located_places + found.where_places)
    inside = found.places.inside(sentence)
    low = bisect.bisect_left(located, inside.start)
    high = bisect.bisect_left(located, inside.stop)
    text = found.document.text
    spans = found.places.spans
    # In the trigger's own clause: "meet Wang on Thursday …, the office in Islamabad said"
    # does not say where the meeting is.
    here = [
        i
        for i in located[low:high]
        if spans[i].start >= trigger.end
        and not _CLAUSE_BREAK.search(text, trigger.end, spans[i].start)
    ][:1]
    here = (
        here
        or [
            i
            for i in located[low:high]
            if spans[i].end <= trigger.start
            and not _CLAUSE_BREAK.search(text, _where_end(text, spans[i].end), trigger.start)
        ][-1:]
    )
    if here:
        match = found.places.items[here[0]]
        return match.payload, evidence(found.document, match.span)
    for mention in visits:
        if mention.places and sentence.start <= mention.trigger.span.start < sentence.end:
            return mention.places[0]
    return None


def _where_end(text: str, position: int) -> int:
    """Past «، حيث» at `position`: a place and the clause after its «حيث» are one clause."""
    where = WHERE.match(text, position)
    return where.end() if where else position


def _clause(found: Found, trigger: Span, sentence: Span) -> Span:
    """The sentence up to a reporting verb after the trigger ("…, two diplomats said")."""
    for token in found.document.tokens_in(Span(trigger.end, sentence.end)):
        if set(token.forms) & REPORTING_VERBS or token.norm in REPORTING_VERBS:
            return Span(sentence.start, token.span.start)
    return sentence


def _visitors(found: Found, clause: Span, country: str) -> list[int]:
    """The people of the clause who came to `country` for the meeting."""
    people = list(found.people.inside(clause))
    foreign, hosts, unknown = [], [], []
    for index in people:
        of, home = found.person_countries[index]
        if country in (of, home):
            hosts.append(index)
        elif of is not None or home is not None:
            foreign.append(index)
        else:
            unknown.append(index)
    if foreign or not hosts or not unknown:
        return foreign
    return unknown[:1]  # the subject: the first person named


def _date(found: Found, trigger: Span, clause: Span) -> DateFound | None:
    """The first date after the trigger in its clause, else the last one before it."""
    dates = found.dates
    after = dates.inside(Span(trigger.end, clause.end))
    if after:
        return dates.items[after[0]]
    before = dates.inside(Span(clause.start, trigger.start))
    return dates.items[before[-1]] if before else None
