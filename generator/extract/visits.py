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
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale

from generator.dataset import Dataset
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
from generator.extract.text import Document, Span, Token
from generator.schema import PartialDate

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
    names = [match.span for match in people]
    triggers = [
        trigger
        for trigger in _triggers(document, places)
        if not any(trigger.span.overlaps(name) for name in names)  # "فيصل" is not "ف+يصل"
    ]
    mentions: list[tuple[VisitMention, Span]] = []
    for index, trigger in enumerate(triggers):
        sentence = document.sentence_at(trigger.span.start).span
        following = [t.span.start for t in triggers[index + 1 :] if t.span.start < sentence.end]
        window = Span(trigger.span.end, following[0] if following else sentence.end)
        mention = _read(document, trigger, window, sentence, people, countries, places, dates)
        mentions.append((mention, window))
    return _merge(document, mentions, people, countries, dataset)


# --- triggers ---------------------------------------------------------------------------------


def _triggers(document: Document, places: list[PhraseMatch[Place]]) -> list[_Trigger]:
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
        token_index = _token_at(document, start)
        found.append(_Trigger(Span(start, end), token_index, prep in ("by", "of"),
                              True, anaphoric, True))  # fmt: skip
    return sorted(found, key=lambda trigger: trigger.span.start)


def _definite(token: Token) -> bool:
    return any(prefix >= 2 and token.norm[prefix - 2 : prefix] in ("ال", "لل")
               for form, prefix in token.forms.items() if form.startswith("زيار"))  # fmt: skip


def _arrival_target(document: Document, token: Token, places: list[PhraseMatch[Place]]) -> bool:
    """Arrival verbs need "إلى" or a place within the next eight words."""
    following = document.tokens[token.index + 1 : token.index + 9]
    if any(other.norm == "الي" for other in following):
        return True
    return bool(following) and any(
        match.span.start == following[0].span.start or match.span.contains(following[0].span)
        for match in places
    )


def _token_at(document: Document, position: int) -> int:
    starts = [token.span.start for token in document.tokens]
    return bisect.bisect_left(starts, position)


# --- reading one mention ----------------------------------------------------------------------


def _read(
    document: Document,
    trigger: _Trigger,
    window: Span,
    sentence: Span,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
) -> VisitMention:
    found_places = _places(document, trigger, window, sentence, places)
    to_country = found_places[0][0].country if found_places else None
    visitor = _visitor(document, trigger, window, sentence, people, countries, to_country)
    date = _date(document, trigger, window, sentence, dates)
    around = document.normalized.norm[
        _norm_index(document, trigger.span.start) - 12 : _norm_index(document, trigger.span.end)
        + 14
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


def _norm_index(document: Document, position: int) -> int:
    """The index in the normalised text of the first character at or after `position`."""
    return bisect.bisect_left(document.normalized.origin, position)


def _outside_quotes(document: Document, span: Span) -> bool:
    return not document.in_quote(span)


def _places(
    document: Document,
    trigger: _Trigger,
    window: Span,
    sentence: Span,
    places: list[PhraseMatch[Place]],
) -> list[tuple[Place, Evidence]]:
    def usable(match: PhraseMatch[Place]) -> bool:
        if not _outside_quotes(document, match.span):
            return False
        after = document.text[match.span.end : match.span.end + 2]
        before = document.normalized.norm[: _norm_index(document, match.span.start)].split()[-1:]
        return after not in ("'s", "’s") and before not in (["من"], ["from"])

    def located(match: PhraseMatch[Place]) -> bool:
        """ "في إسلام آباد", "in Islamabad": where the sentence's events happen."""
        before = document.normalized.norm[: _norm_index(document, match.span.start)].split()
        return bool(before) and before[-1] in ("في", "in", "at")

    after = [m for m in places if window.contains(m.span) and usable(m)]
    if not after:
        before = [
            m for m in places
            if sentence.start <= m.span.start and m.span.end <= trigger.span.start
            and usable(m) and located(m)
        ]  # fmt: skip
        after = before[-1:]
    if not after:
        return []
    country = after[0].payload.country
    return [(m.payload, evidence(document, m.span)) for m in after if m.payload.country == country]


def _visitor(
    document: Document,
    trigger: _Trigger,
    window: Span,
    sentence: Span,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    to_country: str | None,
) -> PersonMatch | None:
    def guest(match: PersonMatch) -> bool:
        return to_country is None or countries.get(match.ref.id) != to_country

    usable = [m for m in people if _outside_quotes(document, m.span)]
    after = [
        m for m in usable if window.contains(m.span) and m.tokens[0] - trigger.token_index <= 8
    ]
    before = [
        m for m in usable if sentence.start <= m.span.start and m.span.end <= trigger.span.start
    ]
    possessive = [m for m in before if document.text[m.span.end : m.span.end + 2] in ("'s", "’s")]
    if trigger.english and possessive and possessive[-1].tokens[1] >= trigger.token_index - 3:
        return possessive[-1]
    order: list[Sequence[PersonMatch]]
    if trigger.english and not trigger.visitor_after:
        # English is subject-first: the first person of the sentence, not the nearest.
        order = [before, after]
    elif trigger.visitor_before_first:
        order = [list(reversed(before)), after]
    else:
        order = [after, list(reversed(before))]
    for group in order:
        guests = [match for match in group if guest(match)]
        if guests:
            return guests[0]
    for group in order:
        if group:
            return group[0]
    return None


def _date(
    document: Document, trigger: _Trigger, window: Span, sentence: Span, dates: list[DateFound]
) -> DateFound | None:
    usable = [d for d in dates if _outside_quotes(document, d.evidence.span) and d.value]
    after = [d for d in usable if window.contains(d.evidence.span)]
    if after:
        return after[0]
    before = [
        d for d in usable
        if sentence.start <= d.evidence.span.start and d.evidence.span.end <= trigger.span.start
    ]  # fmt: skip
    return before[-1] if before else None


# --- merging ----------------------------------------------------------------------------------


@dataclass
class _Cluster:
    visitor: PersonRef
    mentions: list[VisitMention]

    @property
    def date(self) -> PartialDate | None:
        values = [m.date.value for m in self.mentions if m.date and m.date.value]
        return max(values, key=_precision) if values else None

    @property
    def country(self) -> str | None:
        for mention in self.mentions:
            if mention.places:
                return mention.places[0][0].country
        return None


def _precision(date: PartialDate) -> int:
    return {"year": 0, "month": 1, "day": 2}[date.precision]


def _compatible(one: PartialDate | None, other: PartialDate | None) -> bool:
    """Two dates can be the same visit when one contains the other (2025-11 and 2025-11-25)."""
    if one is None or other is None:
        return True
    return _contains(one, other) or _contains(other, one)


def _contains(outer: PartialDate, inner: PartialDate) -> bool:
    return outer.earliest() <= inner.earliest() and inner.latest() <= outer.latest()


def _merge(
    document: Document,
    mentions: list[tuple[VisitMention, Span]],
    people: list[PersonMatch],
    countries: dict[str, str | None],
    dataset: Dataset | None,
) -> list[VisitFound]:
    clusters: list[_Cluster] = []
    owner: dict[int, _Cluster] = {}  # mention index -> cluster
    named = [(i, m) for i, (m, _) in enumerate(mentions) if not m.anaphoric and m.visitor]
    for dated in (True, False):
        for index, mention in named:
            if (mention.date is not None) != dated:
                continue
            assert mention.visitor is not None
            country = mention.places[0][0].country if mention.places else None
            fits = [
                cluster for cluster in clusters
                if cluster.visitor == mention.visitor
                and _compatible(cluster.date, mention.date.value if mention.date else None)
                and (country is None or cluster.country in (None, country))
            ]  # fmt: skip
            if fits:
                cluster = min(fits, key=lambda c: _distance(c, mention))
                before = [c for c in fits if _first(c) < mention.trigger.span.start]
                if not dated and before:  # an undated mention continues the story before it
                    cluster = max(before, key=_first)
                cluster.mentions.append(mention)
            else:
                cluster = _Cluster(mention.visitor, [mention])
                clusters.append(cluster)
            owner[index] = cluster
    # "the visit": the nearest visit named before it (else after it).
    for index, (mention, _) in enumerate(mentions):
        if index in owner or not mention.anaphoric:
            continue
        earlier = [i for i in owner if i < index]
        later = [i for i in owner if i > index]
        if earlier or later:
            cluster = owner[max(earlier)] if earlier else owner[min(later)]
            cluster.mentions.append(mention)
            owner[index] = cluster
    visits = [_visit(document, cluster, people, countries, dataset) for cluster in clusters]
    _attach_ids(visits)
    return sorted(visits, key=lambda visit: visit.mentions[0].trigger.span.start)


def _first(cluster: _Cluster) -> int:
    return min(m.trigger.span.start for m in cluster.mentions)


def _distance(cluster: _Cluster, mention: VisitMention) -> int:
    return min(abs(m.trigger.span.start - mention.trigger.span.start) for m in cluster.mentions)


def _visit(
    document: Document,
    cluster: _Cluster,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    dataset: Dataset | None,
) -> VisitFound:
    mentions = sorted(cluster.mentions, key=lambda m: m.trigger.span.start)
    dated = [m.date for m in mentions if m.date and m.date.value]
    start = max(dated, key=lambda d: _precision(d.value) if d.value else -1) if dated else None
    places: list[tuple[Place, Evidence]] = []
    to_country, to_evidence = None, None
    for mention in mentions:
        for place, where in mention.places:
            if to_country is None:
                to_country, to_evidence = place.country, where
            new = all((place.en, place.kind) != (p.en, p.kind) for p, _ in places)
            if place.country == to_country and place.kind != "country" and new:
                places.append((place, where))
    venue_cities = {place.city_en for place, _ in places if place.city_en}
    places = [(p, where) for p, where in places if p.kind != "city" or p.en not in venue_cities]
    hosts: list[tuple[PersonRef, Evidence]] = []
    for mention in mentions:
        if mention.anaphoric:
            continue
        sentence = document.sentence_at(mention.trigger.span.start).span
        for match in people:
            if not sentence.contains(match.span) or document.in_quote(match.span):
                continue
            if match.ref == cluster.visitor or to_country is None:
                continue
            if countries.get(match.ref.id) == to_country and all(
                match.ref != ref for ref, _ in hosts
            ):
                hosts.append((match.ref, evidence(document, match.span)))
    words = " ".join(
        document.normalized.norm[
            _norm_index(document, m.trigger.span.start) : _norm_index(document, m.trigger.span.end)
            + 12
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
        from_country=countries.get(cluster.visitor.id),
        to_country=to_country,
        to_country_evidence=to_evidence,
        places=places,
        start_date=start,
        classification=classification,
        hosts=hosts,
        mentions=mentions,
    )
    visit.existing = _existing(visit, dataset)
    return visit


def _existing(visit: VisitFound, dataset: Dataset | None) -> str | None:
    if dataset is None or not visit.visitor.known:
        return None
    for known in dataset.visits.values():
        if visit.visitor.id not in known.visitors:
            continue
        if visit.to_country not in (None, known.to_country):
            continue
        date = visit.start_date.value if visit.start_date else None
        if date is not None and _compatible(date, known.start_date):
            return known.id
    return None


def _attach_ids(visits: list[VisitFound]) -> None:
    english = Locale("en").territories
    used: set[str] = set()
    for visit in sorted(visits, key=lambda v: v.mentions[0].trigger.span.start):
        date = visit.start_date.value if visit.start_date else None
        prefix = "undated"
        if date is not None:
            prefix = f"{date.year:04d}" + (f"-{date.month:02d}" if date.month else "")
        who = visit.visitor.id.rsplit("-", 1)[-1] if visit.visitor.known else visit.visitor.id
        where = english.get(visit.to_country, "unknown") if visit.to_country else "unknown"
        where = unicodedata.normalize("NFKD", where).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "-", f"{prefix}-{who}-{where}".lower()).strip("-")
        candidate, number = slug, 2
        while candidate in used:
            candidate, number = f"{slug}-{number}", number + 1
        used.add(candidate)
        visit.id = candidate


def attach_outcomes(
    document: Document,
    visits: list[VisitFound],
    amounts: list[AmountFound],
    people: list[PersonMatch],
) -> None:
    """An amount belongs to the visit named before it in its sentence; failing that, to the
    only visit of a visitor the sentence names (noted for review)."""
    for amount in amounts:
        sentence = document.sentence_at(amount.evidence.span.start).span
        best: tuple[int, VisitFound] | None = None
        for visit in visits:
            for mention in visit.mentions:
                start = mention.trigger.span.start
                if sentence.start <= start < amount.evidence.span.start and (
                    best is None or start > best[0]
                ):
                    best = (start, visit)
        if best is not None:
            best[1].outcomes.append(amount)
            continue
        named = {
            match.ref
            for match in people
            if sentence.contains(match.span) and not document.in_quote(match.span)
        }
        theirs = [visit for visit in visits if visit.visitor in named]
        if len(theirs) == 1:
            theirs[0].outcomes.append(amount)
            amount.notes.append(
                f"attached to the visit of {theirs[0].visitor.name}, whom the sentence names; "
                "the sentence does not name the visit"
            )
