"""Visits: the mentions `generator.extract.visit_frames` reads, merged into visits.

"The visit", "تلك الزيارة" refer back to a visit already named: they add evidence and outcomes
to it but no new visit. Mentions of one visitor are merged when their dates and countries agree;
an undated mention joins the visitor's nearest dated visit. A visit to the visitor's own country
is no visit (a host, or a resident, was read as the visitor) and is dropped, and so is a visit
to no country of a host (`generator.extract.visit_hosts`). Outcomes join the
visit their sentence names.
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
from generator.extract.text import Document, Sentence, Span
from generator.extract.visit_frames import Found, index_article, read_mentions
from generator.extract.visit_hosts import without_hosts
from generator.extract.visit_meetings import meeting_mentions
from generator.extract.visit_stops import stops_within

_STATE = re.compile(r"\b(state visit|زياره دوله)\b")
_WORKING = re.compile(r"\b(working visit|زياره عمل)\b")


def find_visits(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    residences: dict[str, str],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
    dataset: Dataset | None,
) -> list[VisitFound]:
    """Every visit the article describes, merged per visitor and date; none to the
    visitor's own country or the one they live in (a host or a resident read as a visitor)."""
    found = index_article(document, people, countries, residences, places, dates)
    mentions = read_mentions(found)
    implied = meeting_mentions(found, [mention for mention, _ in mentions])
    mentions = sorted(
        mentions + [(mention, mention.trigger.span) for mention in implied],
        key=lambda pair: pair[0].trigger.span.start,
    )
    return _merge(found, mentions, dataset)


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
    future: bool = False  # whether a mention speaks of the future

    def add(self, mention: VisitMention) -> None:
        start = mention.trigger.span.start
        self.first = min(self.first, start) if self.mentions else start
        self.last = max(self.last, start) if self.mentions else start
        self.mentions.append(mention)
        self.future = self.future or mention.future
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
    found: Found, mentions: list[tuple[VisitMention, Span]], dataset: Dataset | None
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
    visits = without_hosts(visits, found.residences)
    visits = stops_within(sorted(visits, key=lambda visit: visit.mentions[0].trigger.span.start))
    _attach_ids(visits)
    return visits


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
        nearest = by_first.get(max(before) if before else min(after)) if before or after else None
        if nearest is not None and mention.future and not nearest.future and nearest.date:
            nearest = None  # "will host" is not the visit of last February
        if nearest is not None:
            cluster = by_first.pop(nearest.first)
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


def _visit(found: Found, cluster: _Cluster, known: dict[str, list[Visit]]) -> VisitFound:
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


def _people_of(found: Found, sentence: Sentence, country: str) -> list[PersonMatch]:
    """The people of `country` a sentence names outside quotation marks, each once (the first
    mention), in text order; remembered, since visits of one sentence ask again."""
    cached = found.hosts.get((sentence.index, country))
    if cached is None:
        cached, refs = [], set()
        for index in found.people.inside(sentence.span):
            match = found.people.items[index]
            if found.person_countries[index][0] == country and match.ref not in refs:
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
