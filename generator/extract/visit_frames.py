"""Visit frames: the wordings that tell of a visit, and who, where and when each one names.

A trigger word ("زيارة", "زار", "وصوله إلى", "visited", "arrived in", "trip to") opens a
window that runs to the next trigger or the end of the sentence. In it:

- the place is the first place named after the trigger (else the nearest one before it);
- the date is the first date after the trigger (else the nearest one before it);
- the visitor is the person named right after the trigger in Arabic ("زيارة الرئيس ... بزشكيان",
  "زار ... نقوي"), after "by"/"of" in English, else the person named before it. People of the
  country visited, and people who live there (an ambassador «لدى» it), are never the visitor:
  they are the hosts.

Frames beyond the trigger word (`generator.extract.lexicon`): a hosting verb («استقبل», "hosted",
"received") makes its object the guest and its subject's country the place when none is named;
«قام … بزيارة» takes the subject before the trigger; departure verbs («غادر … متوجهاً إلى»)
count only with «إلى» or a place after them. Words inside quotation marks are not read.
`generator.extract.visits` merges the mentions read here into visits.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from generator.extract.lexicon import (
    AR_ARRIVALS,
    AR_DEMONSTRATIVES,
    AR_VISIT_NOUNS,
    AR_VISIT_PRONOUN_NOUNS,
    AR_VISIT_VERBS,
    EN_VISIT_NEEDS_PREPOSITION,
)
from generator.extract.model import DateFound, Evidence, VisitMention, evidence
from generator.extract.people import PersonMatch
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place
from generator.extract.text import Document, Span, SpanIndex, Token

_EN_TRIGGERS = re.compile(
    r"\b(?P<word>visit(?:s|ed|ing)?|trip|tour|arriv(?:ed|es|ing|al)|"
    r"travel(?:l?ed|l?ing|s)?|landed|went)\b"
    r"(?P<prep>\s+(?:to|in|at|by|of))?"
)
_OFFICIAL = re.compile(r"\b(official|رسميه)\b")


@dataclass(frozen=True)
class _Trigger:
    span: Span
    token_index: int
    visitor_after: bool  # Arabic nouns and verbs, English "visit by/of"
    visitor_before_first: bool  # pronoun forms and English
    anaphoric: bool
    english: bool


@dataclass
class Found:
    """The people, places and dates a mention is read from, each indexed once per article so
    that reading a mention looks only at what is near it (see `SpanIndex`)."""

    document: Document
    countries: dict[str, str | None]  # person id -> country
    people: SpanIndex[PersonMatch]  # outside quotation marks
    person_countries: list[str | None]  # the country of each of `people`
    previous_other: list[int]  # the nearest person before with another country, or -1
    next_other: list[int]  # the nearest person after with another country, or len(people)
    possessive: list[int]  # the people followed by "'s", by index
    places: SpanIndex[PhraseMatch[Place]]  # all of them
    usable_places: list[bool]  # outside quotation marks, not "from X", not "X's"
    located_places: list[int]  # usable and after "في", "in", "at", by index
    dates: SpanIndex[DateFound]  # resolved, outside quotation marks
    hosts: dict[tuple[int, str], list[PersonMatch]]  # (sentence, country) -> its people


def index_article(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
) -> Found:
    usable = [match for match in people if not document.in_quote(match.span)]
    of = [countries.get(match.ref.id) for match in usable]
    previous_other, next_other = [-1] * len(of), [len(of)] * len(of)
    for i in range(1, len(of)):
        previous_other[i] = i - 1 if of[i - 1] != of[i] else previous_other[i - 1]
    for i in range(len(of) - 2, -1, -1):
        next_other[i] = i + 1 if of[i + 1] != of[i] else next_other[i + 1]
    possessive = [
        i
        for i, match in enumerate(usable)
        if document.text[match.span.end : match.span.end + 2] in ("'s", "’s")
    ]
    usable_places, located_places = [], []
    for i, match in enumerate(places):
        before = document.word_before(document.norm_index(match.span.start))
        after = document.text[match.span.end : match.span.end + 2]
        usable_place = (
            not document.in_quote(match.span)
            and after not in ("'s", "’s")
            and before not in ("من", "from")
        )
        usable_places.append(usable_place)
        if usable_place and before in ("في", "in", "at"):  # "في إسلام آباد", "in Islamabad"
            located_places.append(i)
    resolved = [date for date in dates if not document.in_quote(date.evidence.span) and date.value]
    return Found(
        document=document,
        countries=countries,
        people=SpanIndex(usable, lambda match: match.span),
        person_countries=of,
        previous_other=previous_other,
        next_other=next_other,
        possessive=possessive,
        places=SpanIndex(places, lambda match: match.span),
        usable_places=usable_places,
        located_places=located_places,
        dates=SpanIndex(resolved, lambda date: date.evidence.span),
        hosts={},
    )


# --- triggers ---------------------------------------------------------------------------------


def _triggers(document: Document, places: SpanIndex[PhraseMatch[Place]]) -> list[_Trigger]:
    found: list[_Trigger] = []
    tokens = document.tokens
    for token in tokens:
        if not token.arabic or document.in_quote(token.span):
            continue
        forms = set(token.forms)
        # The future prefix: "سيزور", "ستتوجه".
        forms |= {form[1:] for form in forms if form[:1] == "س" and form[1:2] in ("ي", "ت", "ن")}
        if forms & (AR_VISIT_NOUNS | AR_VISIT_PRONOUN_NOUNS | AR_VISIT_VERBS):
            pronoun = bool(forms & AR_VISIT_PRONOUN_NOUNS)
            noun = bool(forms & (AR_VISIT_NOUNS | AR_VISIT_PRONOUN_NOUNS))
            previous = tokens[token.index - 1].norm if token.index else ""
            anaphoric = noun and not pronoun and (_definite(token) or previous in AR_DEMONSTRATIVES)
            found.append(_Trigger(token.span, token.index, not pronoun, pronoun, anaphoric, False))
        elif forms & AR_ARRIVALS and _arrival_target(document, token, places):
            pronoun = bool(forms & AR_VISIT_PRONOUN_NOUNS)
            found.append(_Trigger(token.span, token.index, not pronoun, pronoun, False, False))
    norm = document.normalized
    for match in _EN_TRIGGERS.finditer(norm.norm):
        word, prep = match.group("word"), (match.group("prep") or "").strip()
        start, end = norm.span(match.start("word"), match.end("word"))
        if document.in_quote(Span(start, end)) or not document.text[start].isascii():
            continue
        if word in EN_VISIT_NEEDS_PREPOSITION and prep not in ("to", "in", "at"):
            continue
        before = norm.norm[max(match.start() - 6, 0) : match.start()].split()
        anaphoric = word in ("visit", "trip", "tour") and bool(before) and before[-1] in (
            "the", "this", "that"
        ) and prep not in ("by", "of")  # fmt: skip
        token_index = document.token_at(start)
        found.append(_Trigger(Span(start, end), token_index, prep in ("by", "of"),
                              True, anaphoric, True))  # fmt: skip
    return sorted(found, key=lambda trigger: trigger.span.start)


def _definite(token: Token) -> bool:
    return any(prefix >= 2 and token.norm[prefix - 2 : prefix] in ("ال", "لل")
               for form, prefix in token.forms.items() if form.startswith("زيار"))  # fmt: skip


def _arrival_target(
    document: Document, token: Token, places: SpanIndex[PhraseMatch[Place]]
) -> bool:
    """Arrival verbs need "إلى" or a place within the next eight words."""
    following = document.tokens[token.index + 1 : token.index + 9]
    if any(other.norm == "الي" for other in following):
        return True
    if not following:
        return False
    word = following[0].span
    # A place that starts with the next word or holds it: only the last one to start at or
    # before it can (places do not overlap).
    index = places.last_starting_at_or_before(word.start)
    if index is None:
        return False
    place = places.spans[index]
    return place.start == word.start or place.contains(word)


# --- reading one mention ----------------------------------------------------------------------


def _read(found: Found, trigger: _Trigger, window: Span, sentence: Span) -> VisitMention:
    document = found.document
    found_places = _places(found, trigger, window, sentence)
    to_country = found_places[0][0].country if found_places else None
    visitor = _visitor(found, trigger, window, sentence, to_country)
    date = _date(found, trigger, window, sentence)
    around = document.normalized.norm[
        document.norm_index(trigger.span.start) - 12 : document.norm_index(trigger.span.end) + 14
    ]
    return VisitMention(
        trigger=evidence(document, trigger.span),
        visitor=visitor.ref if visitor else None,
        visitor_evidence=evidence(document, visitor.span) if visitor else None,
        places=found_places,
        date=date,
        anaphoric=trigger.anaphoric,
        official=bool(_OFFICIAL.search(around)),
    )


def _places(
    found: Found, trigger: _Trigger, window: Span, sentence: Span
) -> list[tuple[Place, Evidence]]:
    """The usable places in the window, else the last one "in" a place before the trigger."""
    places = found.places
    after = [places.items[i] for i in places.inside(window) if found.usable_places[i]]
    if not after:
        before = places.inside(Span(sentence.start, trigger.span.start))
        located = found.located_places
        last = bisect.bisect_left(located, before.stop) - 1
        if last >= 0 and located[last] >= before.start:
            after = [places.items[located[last]]]
    if not after:
        return []
    country = after[0].payload.country
    return [
        (m.payload, evidence(found.document, m.span)) for m in after if m.payload.country == country
    ]


def _visitor(
    found: Found, trigger: _Trigger, window: Span, sentence: Span, to_country: str | None
) -> PersonMatch | None:
    people = found.people

    def guest(index: int) -> bool:
        return to_country is None or found.person_countries[index] != to_country

    def first_guest(group: range) -> int | None:
        if not group or guest(group.start):
            return group.start if group else None
        other = found.next_other[group.start]  # the first of another country than the first
        return other if other < group.stop else None

    def last_guest(group: range) -> int | None:
        if not group or guest(group[-1]):
            return group[-1] if group else None
        other = found.previous_other[group[-1]]
        return other if other >= group.start else None

    after: list[int] = []
    for index in people.inside(window):
        if people.items[index].tokens[0] - trigger.token_index > 8:
            break  # people are in text order: the rest are further away
        after.append(index)
    before = people.inside(Span(sentence.start, trigger.span.start))
    possessive = found.possessive
    last = bisect.bisect_left(possessive, before.stop) - 1
    if trigger.english and last >= 0 and possessive[last] >= before.start:
        match = people.items[possessive[last]]
        if match.tokens[1] >= trigger.token_index - 3:
            return match
    guest_after = next((index for index in after if guest(index)), None)
    first_after = after[0] if after else None
    # The first guest of each group in turn, else the first person of each group in turn.
    choices: list[int | None]
    if trigger.english and not trigger.visitor_after:
        # English is subject-first: the first person of the sentence, not the nearest.
        choices = [first_guest(before), guest_after, before[0] if before else None, first_after]
    elif trigger.visitor_before_first:
        choices = [last_guest(before), guest_after, before[-1] if before else None, first_after]
    else:
        choices = [guest_after, last_guest(before), first_after, before[-1] if before else None]
    chosen = next((choice for choice in choices if choice is not None), None)
    return people.items[chosen] if chosen is not None else None


def _date(found: Found, trigger: _Trigger, window: Span, sentence: Span) -> DateFound | None:
    """The first date in the window, else the last one before the trigger in its sentence."""
    dates = found.dates
    after = dates.inside(window)
    if after:
        return dates.items[after.start]
    before = dates.inside(Span(sentence.start, trigger.span.start))
    return dates.items[before[-1]] if before else None


def read_mentions(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
) -> tuple[Found, list[tuple[VisitMention, Span]]]:
    """The article's index, and every mention of a visit with the window it was read from."""
    found = index_article(document, people, countries, places, dates)
    names = SpanIndex(people, lambda match: match.span)
    triggers = [
        trigger
        for trigger in _triggers(document, found.places)
        if not names.overlaps_any(trigger.span)  # "فيصل" is not "ف+يصل"
    ]
    mentions: list[tuple[VisitMention, Span]] = []
    for index, trigger in enumerate(triggers):
        sentence = document.sentence_at(trigger.span.start).span
        # Up to the next trigger (they are in text order) when it is in the same sentence.
        following = triggers[index + 1].span.start if index + 1 < len(triggers) else sentence.end
        window = Span(trigger.span.end, min(following, sentence.end))
        mention = _read(found, trigger, window, sentence)
        mentions.append((mention, window))
    return found, mentions
