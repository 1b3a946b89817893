"""Visits: sentences that describe someone visiting or arriving somewhere.

A trigger word ("زيارة", "زار", "وصوله إلى", "visited", "arrived in", "trip to") opens a
window that runs to the next trigger or the end of the sentence. In it:

- the place is the first place named after the trigger (else the nearest one before it);
- the date is the first date after the trigger (else the nearest one before it);
- the visitor is the person named right after the trigger in Arabic ("زيارة الرئيس ... بزشكيان",
  "زار ... نقوي"), after "by"/"of" in English, else the person named before it; people of the
  country visited are passed over, since they are usually the hosts.

"The visit", "تلك الزيارة" refer back to a visit already named: they add evidence and outcomes
to it but no new visit. Mentions of one visitor are merged when their dates and countries agree;
an undated mention joins the visitor's nearest dated visit. Words inside quotation marks are
not read, since a quote's "his visit" cannot be resolved.

Longer than 400 lines: triggers, reading a mention and merging mentions are three steps of one
procedure over the same private index (`_Found`) and clusters; apart, each step would import
the others' private types.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from babel import Locale

from generator.data.dataset import Dataset
from generator.data.schema import PartialDate, Visit
from generator.extract.model import (
    AmountFound,
    DateFound,
    Evidence,
    PersonRef,
    VisitFound,
    VisitMention,
    evidence,
)
from generator.extract.people import PersonMatch
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place
from generator.extract.text import Document, Sentence, Span, SpanIndex, Token

# Normalised trigger words: noun triggers take the visitor after them, pronoun ones before.
_AR_NOUNS = {"زياره", "زيارات", "جوله"}
_AR_PRONOUN_NOUNS = {"زيارته", "زيارتها", "زيارتهم", "جولته", "جولتها", "وصوله", "وصولها"}
_AR_VERBS = {"زار", "زارت", "يزور", "تزور", "سيزور", "ستزور", "زاروا"}
# Arrival verbs count only with "إلى" (or a place) in the window: "وصل" alone is ambiguous.
_AR_ARRIVALS = {"وصل", "وصلت", "يصل", "تصل", "سيصل", "ستصل", "وصول", "توجه", "توجهت", "يتوجه"}
_AR_DEMONSTRATIVES = {"تلك", "هذه", "ذلك", "هذا"}

_EN_TRIGGERS = re.compile(
    r"\b(?P<word>visit(?:s|ed|ing)?|trip|tour|arriv(?:ed|es|ing|al)|"
    r"travel(?:l?ed|l?ing|s)?|landed|went)\b"
    r"(?P<prep>\s+(?:to|in|at|by|of))?"
)
_EN_NEEDS_PREPOSITION = {"trip", "tour", "travel", "travels", "traveled", "travelled",
                         "traveling", "travelling", "landed", "went", "arrived", "arrives",
                         "arriving", "arrival"}  # fmt: skip

_OFFICIAL = re.compile(r"\b(official|رسميه)\b")
_STATE = re.compile(r"\b(state visit|زياره دوله)\b")
_WORKING = re.compile(r"\b(working visit|زياره عمل)\b")


@dataclass(frozen=True)
class _Trigger:
    span: Span
    token_index: int
    visitor_after: bool  # Arabic nouns and verbs, English "visit by/of"
    visitor_before_first: bool  # pronoun forms and English
    anaphoric: bool
    english: bool


def find_visits(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
    dataset: Dataset | None,
) -> list[VisitFound]:
    """Every visit the article describes, merged per visitor and date."""
    found = _index(document, people, countries, places, dates)
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
    return _merge(found, mentions, dataset)


@dataclass
class _Found:
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


def _index(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
) -> _Found:
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
    return _Found(
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
        if forms & (_AR_NOUNS | _AR_PRONOUN_NOUNS | _AR_VERBS):
            pronoun = bool(forms & _AR_PRONOUN_NOUNS)
            noun = bool(forms & (_AR_NOUNS | _AR_PRONOUN_NOUNS))
            previous = tokens[token.index - 1].norm if token.index else ""
            anaphoric = (
                noun and not pronoun and (_definite(token) or previous in _AR_DEMONSTRATIVES)
            )
            found.append(_Trigger(token.span, token.index, not pronoun, pronoun, anaphoric, False))
        elif forms & _AR_ARRIVALS and _arrival_target(document, token, places):
            pronoun = bool(forms & _AR_PRONOUN_NOUNS)
            found.append(_Trigger(token.span, token.index, not pronoun, pronoun, False, False))
    norm = document.normalized
    for match in _EN_TRIGGERS.finditer(norm.norm):
        word, prep = match.group("word"), (match.group("prep") or "").strip()
        start, end = norm.span(match.start("word"), match.end("word"))
        if document.in_quote(Span(start, end)) or not document.text[start].isascii():
            continue
        if word in _EN_NEEDS_PREPOSITION and prep not in ("to", "in", "at"):
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


def _read(found: _Found, trigger: _Trigger, window: Span, sentence: Span) -> VisitMention:
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
    found: _Found, trigger: _Trigger, window: Span, sentence: Span
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
    found: _Found, trigger: _Trigger, window: Span, sentence: Span, to_country: str | None
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


def _date(found: _Found, trigger: _Trigger, window: Span, sentence: Span) -> DateFound | None:
    """The first date in the window, else the last one before the trigger in its sentence."""
    dates = found.dates
    after = dates.inside(window)
    if after:
        return dates.items[after.start]
    before = dates.inside(Span(sentence.start, trigger.span.start))
    return dates.items[before[-1]] if before else None


# --- merging ----------------------------------------------------------------------------------

_ANY = "*"  # a group of clusters of any country (no country code is "*")


@dataclass(eq=False)
class _Cluster:
    """The mentions of one visit, and what merging asks of them, kept up to date by `add`."""

    visitor: PersonRef
    mentions: list[VisitMention] = field(default_factory=list)
    date: PartialDate | None = None  # the most precise date of the mentions (the first such)
    key: tuple[int, ...] = ()  # the date as (year[, month[, day]]); () without a date
    country: str | None = None  # the country of the first mention with places
    placed: bool = False  # whether a mention with places has come
    first: int = 0  # where the first and the last trigger start
    last: int = 0

    def add(self, mention: VisitMention) -> None:
        start = mention.trigger.span.start
        self.first = min(self.first, start) if self.mentions else start
        self.last = max(self.last, start) if self.mentions else start
        self.mentions.append(mention)
        value = mention.date.value if mention.date else None
        if value is not None and (self.date is None or _precision(value) > _precision(self.date)):
            self.date, self.key = value, _key(value)
        if not self.placed and mention.places:
            self.country, self.placed = mention.places[0][0].country, True


def _precision(date: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[date.precision]


def _key(date: PartialDate) -> tuple[int, ...]:
    """(year), (year, month) or (year, month, day): a date contains another (`_contains`)
    exactly when its key starts the other's."""
    if date.month is None:
        return (date.year,)
    return (date.year, date.month) if date.day is None else (date.year, date.month, date.day)


def _compatible(one: PartialDate | None, other: PartialDate | None) -> bool:
    """Two dates can be the same visit when one contains the other (2025-11 and 2025-11-25)."""
    if one is None or other is None:
        return True
    return _contains(one, other) or _contains(other, one)


def _contains(outer: PartialDate, inner: PartialDate) -> bool:
    return outer.earliest() <= inner.earliest() and inner.latest() <= outer.latest()


def _merge(
    found: _Found, mentions: list[tuple[VisitMention, Span]], dataset: Dataset | None
) -> list[VisitFound]:
    """Named mentions join a visit of the same visitor whose date and country fit (dated ones
    first, in text order; then undated ones), else start one; then "the visit" joins the
    visit named nearest before it (else after it)."""
    clusters: list[_Cluster] = []
    owner: dict[int, _Cluster] = {}  # mention index -> cluster
    named = [(i, m) for i, (m, _) in enumerate(mentions) if not m.anaphoric and m.visitor]
    _merge_dated([(i, m) for i, m in named if m.date is not None], clusters, owner)
    _merge_undated([(i, m) for i, m in named if m.date is None], clusters, owner)
    _merge_anaphoric([m for m, _ in mentions], owner)
    known: dict[str, list[Visit]] = {}  # visitor id -> the visits of site_data/, in order
    for visit in dataset.visits.values() if dataset is not None else ():
        for visitor in dict.fromkeys(visit.visitor_ids):
            known.setdefault(visitor, []).append(visit)
    visits = [_visit(found, cluster, known) for cluster in clusters]
    _attach_ids(visits)
    return sorted(visits, key=lambda visit: visit.mentions[0].trigger.span.start)


_Group = tuple[PersonRef, str, tuple[int, ...], str | None]


def _merge_dated(
    mentions: list[tuple[int, VisitMention]], clusters: list[_Cluster], owner: dict[int, _Cluster]
) -> None:
    """A dated mention joins the nearest of the visitor's clusters whose date contains its
    date or is contained in it, and whose country is its country or none (any country when
    it names no place).

    Mentions come in text order, so the nearest cluster is the one that took a mention last.
    Clusters are kept in groups: by visitor, date (its exact date, or a date it is more precise
    than) and country (its own, or any); each group is a stack, in the order clusters took
    mentions, and an entry is dropped when its cluster has since moved on (a later mention, a
    more precise date, a country): that never reverts, so each mention costs a few steps
    whatever the number of clusters.
    """
    stacks: dict[_Group, list[tuple[int, _Cluster]]] = {}

    def groups(cluster: _Cluster) -> list[_Group]:
        dates = [("=", cluster.key)] + [("<", cluster.key[:n]) for n in range(len(cluster.key))]
        return [
            (cluster.visitor, kind, key, country)
            for kind, key in dates
            for country in (cluster.country, _ANY)
        ]

    def belongs(cluster: _Cluster, group: _Group) -> bool:
        _, kind, key, country = group
        if country != _ANY and cluster.country != country:
            return False
        if kind == "=":
            return cluster.key == key
        return len(cluster.key) > len(key) and cluster.key[: len(key)] == key

    def latest(group: _Group) -> _Cluster | None:
        stack = stacks.get(group, [])
        while stack:
            last, cluster = stack[-1]
            if cluster.last == last and belongs(cluster, group):
                return cluster
            stack.pop()
        return None

    for index, mention in mentions:
        assert mention.visitor is not None
        value = mention.date.value if mention.date else None
        key = _key(value) if value is not None else ()
        country = mention.places[0][0].country if mention.places else None
        # Compatible dates: the date itself and every date containing it (its key's
        # prefixes, down to "no date"), and every date more precise than it.
        dates = [("=", key[:n]) for n in range(len(key) + 1)] + [("<", key)]
        fits = [
            cluster
            for kind, date_key in dates
            for fitting in ((_ANY,) if country is None else (None, country))
            if (cluster := latest((mention.visitor, kind, date_key, fitting))) is not None
        ]
        if fits:
            cluster = max(fits, key=lambda c: c.last)
        else:
            cluster = _Cluster(mention.visitor)
            clusters.append(cluster)
        cluster.add(mention)
        for group in groups(cluster):
            stacks.setdefault(group, []).append((cluster.last, cluster))
        owner[index] = cluster


def _merge_undated(
    mentions: list[tuple[int, VisitMention]], clusters: list[_Cluster], owner: dict[int, _Cluster]
) -> None:
    """An undated mention joins the visitor's cluster (of its country or none, any when it
    names no place) whose first mention comes last before it; failing that, the one whose
    first mention comes first after it (the nearest: all of its mentions are after it).

    The starts of the clusters' first mentions are kept sorted per visitor and country (and
    per visitor for any country), for bisection.
    """
    firsts: dict[tuple[PersonRef, str | None], list[int]] = {}
    by_first = {cluster.first: cluster for cluster in clusters}  # triggers never share a start

    def groups(cluster: _Cluster) -> list[tuple[PersonRef, str | None]]:
        return [(cluster.visitor, cluster.country), (cluster.visitor, _ANY)]

    for cluster in clusters:
        for group in groups(cluster):
            firsts.setdefault(group, []).append(cluster.first)
    for starts in firsts.values():
        starts.sort()

    for index, mention in mentions:
        assert mention.visitor is not None
        position = mention.trigger.span.start
        country = mention.places[0][0].country if mention.places else None
        fitting = (_ANY,) if country is None else (None, country)
        lists = [firsts.get((mention.visitor, group), []) for group in fitting]
        cuts = [bisect.bisect_left(starts, position) for starts in lists]
        before = [starts[cut - 1] for starts, cut in zip(lists, cuts, strict=True) if cut > 0]
        after = [starts[cut] for starts, cut in zip(lists, cuts, strict=True) if cut < len(starts)]
        if before or after:
            cluster = by_first.pop(max(before) if before else min(after))
            for group in groups(cluster):
                starts = firsts[group]
                del starts[bisect.bisect_left(starts, cluster.first)]
        else:
            cluster = _Cluster(mention.visitor)
            clusters.append(cluster)
        cluster.add(mention)
        by_first[cluster.first] = cluster
        for group in groups(cluster):
            bisect.insort(firsts.setdefault(group, []), cluster.first)
        owner[index] = cluster


def _merge_anaphoric(mentions: list[VisitMention], owner: dict[int, _Cluster]) -> None:
    """ "The visit": the visit of the nearest mention placed before it (else after it)."""
    named = sorted(owner)
    previous = -1  # the last "the visit" placed so far
    for index, mention in enumerate(mentions):
        if index in owner or not mention.anaphoric:
            continue
        cut = bisect.bisect_left(named, index)
        earlier = max(named[cut - 1] if cut else -1, previous)
        if earlier >= 0:
            cluster = owner[earlier]
        elif cut < len(named):
            cluster = owner[named[cut]]
        else:
            continue
        cluster.mentions.append(mention)
        owner[index] = cluster
        previous = index


def _visit(found: _Found, cluster: _Cluster, known: dict[str, list[Visit]]) -> VisitFound:
    document = found.document
    mentions = sorted(cluster.mentions, key=lambda m: m.trigger.span.start)
    dated = [m.date for m in mentions if m.date and m.date.value]
    start = max(dated, key=lambda d: _precision(d.value) if d.value else -1) if dated else None
    places: list[tuple[Place, Evidence]] = []
    seen: set[tuple[str, str | None]] = set()
    to_country, to_evidence = None, None
    for mention in mentions:
        for place, where in mention.places:
            if to_country is None:
                to_country, to_evidence = place.country, where
            new = (place.en, place.kind) not in seen
            if place.country == to_country and place.kind != "country" and new:
                places.append((place, where))
                seen.add((place.en, place.kind))
    venue_cities = {place.city_en for place, _ in places if place.city_en}
    places = [(p, where) for p, where in places if p.kind != "city" or p.en not in venue_cities]
    hosts: list[tuple[PersonRef, Evidence]] = []
    if to_country is not None:
        sentences: set[int] = set()
        refs: set[PersonRef] = set()
        for mention in mentions:
            sentence = document.sentence_at(mention.trigger.span.start)
            if mention.anaphoric or sentence.index in sentences:
                continue  # a sentence read once has no other host to give
            sentences.add(sentence.index)
            for match in _people_of(found, sentence, to_country):
                if match.ref != cluster.visitor and match.ref not in refs:
                    refs.add(match.ref)
                    hosts.append((match.ref, evidence(document, match.span)))
    words = " ".join(
        document.normalized.norm[
            document.norm_index(m.trigger.span.start) : document.norm_index(m.trigger.span.end) + 12
        ]
        for m in mentions
    )
    classification = "unspecified"
    if _STATE.search(words):
        classification = "state"
    elif _WORKING.search(words):
        classification = "working"
    elif any(m.official for m in mentions):
        classification = "official"
    visit = VisitFound(
        id="",
        visitor=cluster.visitor,
        from_country=found.countries.get(cluster.visitor.id),
        to_country=to_country,
        to_country_evidence=to_evidence,
        places=places,
        start_date=start,
        classification=classification,
        hosts=hosts,
        mentions=mentions,
    )
    visit.existing = _existing(visit, known)
    return visit


def _people_of(found: _Found, sentence: Sentence, country: str) -> list[PersonMatch]:
    """The people of `country` a sentence names outside quotation marks, each once (the first
    mention), in text order; remembered, since visits of one sentence ask again."""
    cached = found.hosts.get((sentence.index, country))
    if cached is None:
        cached, refs = [], set()
        for index in found.people.inside(sentence.span):
            match = found.people.items[index]
            if found.person_countries[index] == country and match.ref not in refs:
                refs.add(match.ref)
                cached.append(match)
        found.hosts[(sentence.index, country)] = cached
    return cached


def _existing(visit: VisitFound, known: dict[str, list[Visit]]) -> str | None:
    if not visit.visitor.known:
        return None
    date = visit.start_date.value if visit.start_date else None
    for other in known.get(visit.visitor.id, []):
        if visit.to_country not in (None, other.to_country):
            continue
        if date is not None and _compatible(date, other.start_date):
            return other.id
    return None


def _attach_ids(visits: list[VisitFound]) -> None:
    english = Locale("en").territories
    used: set[str] = set()
    numbers: dict[str, int] = {}  # slug -> the next number to try (the ones before are used)
    for visit in sorted(visits, key=lambda v: v.mentions[0].trigger.span.start):
        date = visit.start_date.value if visit.start_date else None
        prefix = "undated"
        if date is not None:
            prefix = f"{date.year:04d}" + (f"-{date.month:02d}" if date.month else "")
        who = visit.visitor.id.rsplit("-", 1)[-1] if visit.visitor.known else visit.visitor.id
        where = english.get(visit.to_country, "unknown") if visit.to_country else "unknown"
        where = unicodedata.normalize("NFKD", where).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", f"{prefix}-{who}-{where}".lower()).strip("-")
        known = numbers.get(slug)
        candidate = slug if known is None else f"{slug}-{known}"
        number = 2 if known is None else known + 1
        while candidate in used:
            candidate, number = f"{slug}-{number}", number + 1
        used.add(candidate)
        numbers[slug] = number
        visit.id = candidate


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
