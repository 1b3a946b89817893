"""Visit frames: who, where and when each visit trigger (`generator.extract.visit_triggers`)
names.

A trigger opens a window that runs to the next trigger or the end of the sentence. In it:

- the place is the first place named after the trigger (else the nearest one "in" a place
  before it); not a place inside a title («رئيس وزراء باكستان», "President of Pakistan");
- the date is the first date after the trigger (else the nearest one before it), not the date
  of a saying ("…, officials said on Tuesday");
- the visitor is the person named right after the trigger in Arabic ("زيارة الرئيس ... بزشكيان",
  "زار ... نقوي"), after "by"/"of" in English, else the person named before it. People of the
  country visited, and people who live there (an ambassador «لدى» it), are never the visitor:
  they are the hosts.
- a hosting verb («استقبل», "hosted"; "was received by" turned round) makes its object the
  guest and, when no place is named, its subject's country the place.

`generator.extract.visits` merges the mentions read here into visits.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from generator.extract.lexicon import (
    INVITATIONS,
    MEETING_WORDS,
    NOT_GUEST_WORDS,
    RETURNS,
    TOPIC_NOUNS,
)
from generator.extract.model import DateFound, Evidence, VisitMention, evidence
from generator.extract.normalize import key
from generator.extract.people import PersonMatch
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place, country_place
from generator.extract.tense import speaks_of_future
from generator.extract.text import Document, Span, SpanIndex
from generator.extract.title_places import in_title
from generator.extract.visit_triggers import Trigger, after_relative, ar_passive, find_triggers

_BY = re.compile(r"\bby\b")
# Used with .search(norm, 0, date): the date of a saying, not of the visit.
_SAID_ON = re.compile(r"\b(?:said|told|announced|stated|added|reported)\s+(?:on\s+)?$")
# Used with .search(norm, 0, trigger): "was received", "were hosted".
_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|be)\s+$")
_DATELINE = re.compile(r"\s*([A-Z][A-Z .'-]+?)\s*[,—–-]")
# «X، حيث …»: what the clause after «حيث» (where) tells happened at X.
WHERE = re.compile(r"\s*[،,]?\s*حيث\b")
_OFFICIAL = re.compile(r"\b(official|رسميه)\b")


@dataclass
class Found:
    """The people, places and dates a mention is read from, each indexed once per article so
    that reading a mention looks only at what is near it (see `SpanIndex`)."""

    document: Document
    countries: dict[str, str | None]  # person id -> country
    residences: dict[str, str]  # person id -> the country their title says they live in
    people: SpanIndex[PersonMatch]  # outside quotation marks
    all_people: SpanIndex[PersonMatch]  # also inside quotation marks
    person_countries: list[tuple[str | None, str | None]]  # each of `people`'s (country, home)
    previous_other: list[int]  # the nearest person before with another pair, or -1
    next_other: list[int]  # the nearest person after with another pair, or len(people)
    possessive: list[int]  # the people followed by "'s", by index
    places: SpanIndex[PhraseMatch[Place]]  # all of them
    usable_places: list[bool]  # outside quotation marks, not "from X", not "X's"
    located_places: list[int]  # usable and after "في", "in", "at", by index
    where_places: list[int]  # «X، حيث …»: where the clause after «حيث» happened, by index
    dates: SpanIndex[DateFound]  # resolved, outside quotation marks
    hosts: dict[tuple[int, str], list[PersonMatch]]  # (sentence, country) -> its people
    dateline: tuple[Place, Evidence] | None  # "ISLAMABAD, March 12 -": where "here" is


def index_article(
    document: Document,
    people: list[PersonMatch],
    countries: dict[str, str | None],
    residences: dict[str, str],
    places: list[PhraseMatch[Place]],
    dates: list[DateFound],
) -> Found:
    usable = [match for match in people if not document.in_quote(match.span)]
    of = [(countries.get(m.ref.id), residences.get(m.ref.id)) for m in usable]
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
    usable_places, located_places, where_places = [], [], []
    for i, match in enumerate(places):
        token = document.token_holding(match.span.start)  # «الرياض»: the article's word
        before = document.word_before(document.norm_index(document.tokens[token].span.start))
        after = document.text[match.span.end : match.span.end + 2]
        usable_place = (
            not document.in_quote(match.span)
            and after not in ("'s", "’s")
            and before not in ("من", "from")
            and not in_title(document, token)
            and not _after_topic(document, token)  # «الأوضاع في اليمن»: what, not where
        )
        usable_places.append(usable_place)
        if usable_place and before in ("في", "in", "at"):  # "في إسلام آباد", "in Islamabad"
            located_places.append(i)
        elif WHERE.match(document.text, match.span.end) and not document.in_quote(match.span):
            where_places.append(i)  # «قادماً من عمّان، حيث أجرى …»: what follows was there
    resolved = [date for date in dates if not document.in_quote(date.evidence.span) and date.value]
    return Found(
        document=document,
        countries=countries,
        residences=residences,
        people=SpanIndex(usable, lambda match: match.span),
        all_people=SpanIndex(people, lambda match: match.span),
        person_countries=of,
        previous_other=previous_other,
        next_other=next_other,
        possessive=possessive,
        places=SpanIndex(places, lambda match: match.span),
        usable_places=usable_places,
        located_places=located_places,
        where_places=where_places,
        dates=SpanIndex(resolved, lambda date: date.evidence.span),
        hosts={},
        dateline=_dateline(document, places),
    )


def _after_topic(document: Document, token: int) -> bool:
    """Whether the word before the preposition before token `token` is a topic noun
    (`lexicon.TOPIC_NOUNS`): «بحثا الأوضاع في اليمن», "the situation in Yemen"."""
    if token < 2:
        return False
    word = document.tokens[token - 2]
    return any(key(form) in TOPIC_NOUNS or form in TOPIC_NOUNS for form in word.forms)


def _dateline(
    document: Document, places: list[PhraseMatch[Place]]
) -> tuple[Place, Evidence] | None:
    """The place of the dateline that opens the article ("ISLAMABAD, March 12 (APP) -")."""
    match = _DATELINE.match(document.text)
    if match is None:
        return None
    for place in places:
        if place.span.start >= match.end(1):
            break
        if place.span.start >= match.start(1):
            return place.payload, evidence(document, place.span)
    return None


# --- reading one mention ----------------------------------------------------------------------


def _read(found: Found, trigger: Trigger, window: Span, sentence: Span, since: int) -> VisitMention:
    document = found.document
    places_window = window
    if trigger.departure:  # «غادر أنقرة متوجهاً إلى …»: places from «إلى» on
        to = next((t for t in document.tokens_in(window) if t.norm in ("الي", "to")), None)
        places_window = Span(to.span.end, window.end) if to else Span(window.end, window.end)
    back = next((t for t in document.tokens_in(places_window) if t.norm in RETURNS), None)
    if back is not None:  # «… قبل أن يعود إلى عمّان»: the way home is no destination
        places_window = Span(places_window.start, back.span.start)
    found_places = _places(found, trigger, places_window, sentence)
    if trigger.here and not found_places and found.dateline:  # "arrived here"
        found_places = [found.dateline]
    if trigger.host:
        host, visitor = _host_and_guest(found, trigger, window, sentence)
        country = found.countries.get(host.ref.id) if host else None
        if not found_places and host is not None and country is not None:
            found_places = [(country_place(country), evidence(document, host.span))]
    to_country = found_places[0][0].country if found_places else None
    if trigger.host:
        visitor = visitor if visitor and _guest(found, visitor, to_country) else None
    else:
        visitor = _visitor(found, trigger, window, sentence, to_country)
    date = _date(found, window, Span(since, trigger.span.start))
    future = speaks_of_future(document, trigger.span)
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
        future=future,
    )


def _places(
    found: Found, trigger: Trigger, window: Span, sentence: Span
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
    found: Found, trigger: Trigger, window: Span, sentence: Span, to_country: str | None
) -> PersonMatch | None:
    people = found.people

    def guest(index: int) -> bool:
        return to_country is None or to_country not in found.person_countries[index]

    def first_guest(group: range) -> int | None:
        if not group or guest(group.start):
            return group.start if group else None
        other = found.next_other[group.start]  # the first of another country than the first
        return other if other < group.stop and guest(other) else None

    def last_guest(group: range) -> int | None:
        if not group or guest(group[-1]):
            return group[-1] if group else None
        other = found.previous_other[group[-1]]
        return other if other >= group.start and guest(other) else None

    after: list[int] = []
    tokens = found.document.tokens
    for index in people.inside(window):
        first = people.items[index].tokens[0]
        if first - trigger.token_index > 8:
            break  # people are in text order: the rest are further away
        passed = tokens[trigger.token_index + 1 : first]
        if any(set(token.forms) & (MEETING_WORDS | INVITATIONS) for token in passed):
            break  # «زيارة إلى بغداد التقى خلالها …», «يزور … بدعوة من …»: whom the visitor
            # met, or who invited them, not the visitor
        after.append(index)
    before = people.inside(Span(sentence.start, trigger.span.start))
    possessive = found.possessive
    last = bisect.bisect_left(possessive, before.stop) - 1
    if trigger.english and last >= 0 and possessive[last] >= before.start:
        match = people.items[possessive[last]]
        if match.tokens[1] >= trigger.token_index - 3:
            return match
    guest_after = next((index for index in after if guest(index)), None)
    if trigger.english:  # "a trip to Islamabad by the Speaker …": the agent after "by"
        norm = found.document.normalized.norm
        for index in people.inside(window):
            if people.items[index].tokens[0] - trigger.token_index > 16:
                break
            start = found.document.norm_index(people.items[index].span.start)
            between = norm[found.document.norm_index(window.start) : start]
            if guest(index) and _BY.search(between):
                return people.items[index]
    # The first guest of each group in turn; never a person of the country visited, nor one
    # who lives there: they are hosts.
    choices: list[int | None]
    if trigger.english and not trigger.visitor_after:
        # English is subject-first: the first person of the sentence, not the nearest.
        choices = [first_guest(before), guest_after]
    elif after_relative(found.document, trigger):
        choices = [last_guest(before)]  # «… الصفدي، الذي يزور سوريا»: the antecedent visits
    elif trigger.visitor_before_first and not trigger.english:
        # «لدى وصوله … كان في استقباله فلان», «زيارته»: "his" points back; who is named
        # after is the one who received him, never the visitor.
        choices = [last_guest(before)]
    elif trigger.visitor_before_first:
        choices = [last_guest(before), guest_after]
    else:
        choices = [guest_after, last_guest(before)]
    chosen = next((choice for choice in choices if choice is not None), None)
    return people.items[chosen] if chosen is not None else None


def _guest(found: Found, match: PersonMatch, to_country: str | None) -> bool:
    """Whether a person can visit `to_country`: not of it, not living there."""
    home = (found.countries.get(match.ref.id), found.residences.get(match.ref.id))
    return to_country is None or to_country not in home


def _host_and_guest(
    found: Found, trigger: Trigger, window: Span, sentence: Span
) -> tuple[PersonMatch | None, PersonMatch | None]:
    """A hosting verb's subject and object. English, and Arabic with the subject before the
    verb: the person before it hosts the first one after it. Arabic verb-first («استقبل ولي
    العهد … رئيس وزراء باكستان …»): the first person after it hosts the next one of another
    country. No guest when a call or a letter is what was received."""
    people, document = found.people, found.document
    after = [
        index
        for index in people.inside(window)
        # a Gulf host's titles and a palace may stand between («استقبل صاحب السمو … بجدة، رئيس»)
        if people.items[index].tokens[0] - trigger.token_index <= (20 if trigger.english else 32)
    ]
    before = people.inside(Span(sentence.start, trigger.span.start))
    host = people.items[before[-1]] if before else None
    guest = people.items[after[0]] if after else None
    start = document.norm_index(trigger.span.start)
    until = guest.span.start if guest is not None else trigger.span.end
    if _PASSIVE.search(document.normalized.norm, max(start - 12, 0), start) or ar_passive(
        document, trigger, until
    ):
        if host is None and not trigger.english:  # «استُقبل X … من قبل Y»: Y hosts X
            second = people.items[after[1]] if len(after) > 1 else None
            return second, guest
        return guest, host  # "X was received by Y", «وكان X قد استُقبل من قبل Y»: Y hosts X
    if not trigger.english and host is None and len(after) >= 2:
        host = people.items[after[0]]
        country = found.countries.get(host.ref.id)
        guest = next(
            (
                people.items[index]
                for index in after[1:]
                if country is None or found.countries.get(people.items[index].ref.id) != country
            ),
            None,
        )
    elif not trigger.english and host is None:
        guest = None  # one person after a verb-first «استقبل» is its subject, the host
    if guest is not None:
        between = document.tokens_in(Span(trigger.span.end, guest.span.start))
        if any(key(form) in NOT_GUEST_WORDS for token in between for form in token.forms):
            guest = None
    return host, guest


def _said_on(norm: str, position: int) -> bool:
    return bool(_SAID_ON.search(norm, max(position - 20, 0), position))


def _date(found: Found, window: Span, before_trigger: Span) -> DateFound | None:
    """The first date in the window, else the last one before the trigger in its sentence
    (after any trigger before it); not the date of a saying ("…, officials said on
    Tuesday")."""
    dates, norm = found.dates, found.document.normalized.norm
    after = [
        index
        for index in dates.inside(window)
        if not _said_on(norm, found.document.norm_index(dates.spans[index].start))
    ]
    if after:
        return dates.items[after[0]]
    before = dates.inside(before_trigger)
    return dates.items[before[-1]] if before else None


def read_mentions(found: Found) -> list[tuple[VisitMention, Span]]:
    """Every mention of a visit the article (`index_article`) holds, with the window it was
    read from."""
    document = found.document
    names = found.all_people
    triggers = [
        trigger
        for trigger in find_triggers(document, found.places)
        if not names.overlaps_any(trigger.span)  # "فيصل" is not "ف+يصل"
    ]
    mentions: list[tuple[VisitMention, Span]] = []
    for index, trigger in enumerate(triggers):
        sentence = document.sentence_at(trigger.span.start).span
        # Up to the next trigger (they are in text order) when it is in the same sentence.
        following = triggers[index + 1].span.start if index + 1 < len(triggers) else sentence.end
        window = Span(trigger.span.end, min(following, sentence.end))
        # A date before the trigger is its own only when no trigger comes before it in the
        # sentence: the one before took the dates of its window.
        earlier = index and triggers[index - 1].span.start >= sentence.start
        since = trigger.span.start if earlier else sentence.start
        mention = _read(found, trigger, window, sentence, since)
        mentions.append((mention, window))
        if trigger.tour:  # «جولة تشمل الدوحة والكويت»: a visit to each country, undated
            for place in _further_countries(found, window, mention):
                mentions.append((replace(mention, places=[place], date=None), window))
    return mentions


def _further_countries(
    found: Found, window: Span, mention: VisitMention
) -> list[tuple[Place, Evidence]]:
    """The first place of each country a tour's window names after its first country."""
    seen = {place.country for place, _ in mention.places}
    further = []
    for index in found.places.inside(window):
        place = found.places.items[index]
        if found.usable_places[index] and place.payload.country not in seen:
            seen.add(place.payload.country)
            further.append((place.payload, evidence(found.document, place.span)))
    return further
