"""People: known ones from `site_data/people/`, and candidates introduced with a title.

Known people are found by every name and `other_names` entry, in both languages, whatever the
article's language; within an article, one named in full may then be called by the last word
of their name, unless another name word stands before it («نواز شريف» is not «شهباز شريف»).
A candidate is a name that follows a title, or an English name followed by ", <title>"
(`generator.extract.titles` reads them), and that is no known person. Two candidates are one
person when one name ends the other ("Muhammad Shehbaz Sharif", "Shehbaz Sharif").
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.extract.lexicon import (
    AR_LINEAGE_JOINERS,
    AR_NAME_JOINERS,
    AR_PLACES_NAMED_AFTER,
    EN_NAME_JOINERS,
    GIVEN_NAMES,
)
from generator.extract.model import PersonFound, PersonRef, evidence
from generator.extract.normalize import key
from generator.extract.office_refs import Titled, nationality_later, office_references
from generator.extract.phrases import PhraseMatch, PhraseMatcher, phrase_key
from generator.extract.places import Places
from generator.extract.text import Document, Span, SpanIndex
from generator.extract.title_places import title_countries
from generator.extract.titles import (
    Walks,
    ar_title_after,
    arabic_title_name,
    honorific_only,
    is_ar_head,
    is_ar_phrase_head,
    name_word_before,
)
from generator.extract.titles_en import english_appositions, english_title_name


@dataclass(frozen=True)
class PersonMatch:
    span: Span
    ref: PersonRef
    tokens: tuple[int, int]


class Gazetteer:
    """The known people, by every name they are known by."""

    def __init__(self, dataset: Dataset | None) -> None:
        self.matcher: PhraseMatcher[str] = PhraseMatcher()
        self.people: dict[str, tuple[str, str | None]] = {}  # id -> (English name, country)
        self.names: dict[str, tuple[str, ...]] = {}  # id -> the name in each language
        if dataset is None:
            return
        for person in dataset.people.values():
            names = tuple(name for name in (person.name.en, person.name.ar) if name is not None)
            self.people[person.id] = (names[0], person.country)  # English first when it is there
            self.names[person.id] = names
            for name in (*names, *(o.name for o in person.other_names)):
                self.matcher.add(name, person.id)

    def ref(self, person_id: str) -> PersonRef:
        return PersonRef(person_id, self.people[person_id][0], known=True)


def find_people(
    document: Document, gazetteer: Gazetteer, places: Places
) -> tuple[list[PersonFound], list[PersonFound], list[PersonMatch]]:
    """Known people, candidate people, and every mention of either, in text order."""
    known_matches = [
        match
        for match in gazetteer.matcher.find(document)
        if not _other_persons(document, match)  # «حيدر نقوي» is not «نقوي», Mohsin Naqvi
    ]
    known_matches = _with_surnames(document, gazetteer, known_matches)
    known: dict[str, PersonFound] = {}
    for match in known_matches:
        ref = gazetteer.ref(match.payload)
        found = known.setdefault(ref.id, PersonFound(ref, gazetteer.people[ref.id][1]))
        found.mentions.append(evidence(document, match.span))

    place_spans = SpanIndex([match.span for match in places.matcher.find(document)], _itself)
    residences: dict[str, str] = {}
    titled: list[tuple[str, Span]] = []
    candidates, aliases = _candidates(
        document, known_matches, place_spans, places, set(known), residences, titled
    )
    for person_id, country in residences.items():
        known[person_id].resides = country
    titled_all = [Titled(i, span, gazetteer.people[i][1]) for i, span in titled] + [
        Titled(c.ref.id, c.position.span, c.country) for c in candidates if c.position
    ]
    offices = office_references(document, places, titled_all)
    extra = _office_matches(document, known_matches, offices, set(known))
    for match in extra:
        known[match.payload].mentions.append(evidence(document, match.span))
        known[match.payload].mentions.sort(key=lambda mention: mention.span.start)
    known_matches = sorted([*known_matches, *extra], key=lambda match: match.span.start)
    matcher: PhraseMatcher[str] = PhraseMatcher()
    by_id = {candidate.ref.id: candidate for candidate in candidates}
    surnames: dict[str, set[str]] = {}  # a surname -> the candidates it could name
    for candidate in candidates:
        words = candidate.ref.name.split()
        if len(words) > 1 and len(key(words[-1])) >= 4:
            surnames.setdefault(key(words[-1]), set()).add(candidate.ref.id)
    # A title that names a nationality, held by one candidate, stands for them later: the
    # visitor of «يتوجه الرئيس الإندونيسي غدا إلى الدوحة».
    holders: dict[tuple[str, ...], set[str]] = {}
    for candidate in candidates:
        if candidate.position is not None and candidate.country is not None:
            title = phrase_key(candidate.position.text)
            if len(title) >= 2:
                holders.setdefault(title, set()).add(candidate.ref.id)
    for phrase, (person_id, country) in nationality_later(document, places, titled_all).items():
        if person_id in by_id:  # «وقال الوزير الجزائري»: see `office_refs`
            by_id[person_id].country = country
            offices[phrase] = person_id
    for phrase, person_id in offices.items():
        if person_id in by_id:
            matcher.add(phrase, person_id)  # «الرئيس الكازاخي»: see `office_refs`
    for candidate in candidates:
        matcher.add(candidate.ref.name, candidate.ref.id)
        for alias in aliases.get(candidate.ref.id, ()):
            matcher.add(alias, candidate.ref.id)
        position = candidate.position
        if position and holders.get(phrase_key(position.text)) == {candidate.ref.id}:
            matcher.add(position.text, candidate.ref.id)
        words = candidate.ref.name.split()
        if len(words) > 1 and surnames.get(key(words[-1])) == {candidate.ref.id}:
            matcher.add(words[-1], candidate.ref.id)  # later mentions by surname alone
        if len(words) == 2 and words[0].isascii() and key(words[0]) not in GIVEN_NAMES:
            matcher.add(words[0], candidate.ref.id)  # family name first: "Wang Yi" -> "Wang"
    known_spans = SpanIndex(known_matches, lambda match: match.span)
    matched = matcher.find(document)
    candidate_matches = [
        match
        for index, match in enumerate(matched)
        if not known_spans.overlaps_any(match.span)
        and not _other_persons(document, match)
        and not _before_own_name(document, match, matched[index + 1 : index + 2])
    ]
    for match in candidate_matches:
        by_id[match.payload].mentions.append(evidence(document, match.span))

    mentions = [PersonMatch(m.span, gazetteer.ref(m.payload), m.tokens) for m in known_matches]
    mentions += [PersonMatch(m.span, by_id[m.payload].ref, m.tokens) for m in candidate_matches]
    mentions.sort(key=lambda mention: mention.span.start)
    people = sorted(known.values(), key=lambda person: person.mentions[0].span.start)
    return people, candidates, mentions


def _with_surnames(
    document: Document, gazetteer: Gazetteer, matches: list[PhraseMatch[str]]
) -> list[PhraseMatch[str]]:
    """Within one article, a known person named in full may then be called by the last word
    of their name ("Mohammad Ishaq Dar" ... "Dar told"). Latin surnames count when capitalised
    and at least three letters long, Arabic ones from four letters ("دار" is also a word)."""
    found = {match.payload for match in matches}
    surnames: dict[str, set[str]] = {}
    for person_id in found:
        for name in gazetteer.names.get(person_id, ()):
            words = name.split()
            last = words[-1] if len(words) > 1 else ""
            minimum = 3 if last.isascii() else 4
            if len(key(last)) >= minimum:
                surnames.setdefault(last, set()).add(person_id)
    local: PhraseMatcher[str] = PhraseMatcher()
    for surname, owners in surnames.items():
        if len(owners) == 1:
            local.add(surname, next(iter(owners)))
    spans = SpanIndex(matches, lambda match: match.span)
    extra = [
        match
        for match in local.find(document)
        if not spans.overlaps_any(match.span) and not _other_persons(document, match)
    ]
    return sorted([*matches, *extra], key=lambda match: match.span.start)


def _office_matches(
    document: Document, matches: list[PhraseMatch[str]], offices: dict[str, str], known: set[str]
) -> list[PhraseMatch[str]]:
    """The office phrases of known people (`office_refs`) outside `matches`, where they do not
    stand right before the person's own name («الوزير الباكستاني محمد إسحاق دار»)."""
    local: PhraseMatcher[str] = PhraseMatcher()
    for phrase, person_id in offices.items():
        if person_id in known:
            local.add(phrase, person_id)
    spans = SpanIndex(matches, lambda match: match.span)
    extra = []
    for match in local.find(document):
        if spans.overlaps_any(match.span):
            continue
        after = bisect.bisect_left(spans.starts, match.span.end)
        following = spans.items[after] if after < len(spans.items) else None
        own = following is not None and (
            following.payload == match.payload
            and not document.text[match.span.end : following.span.start].strip()
        )
        if not own:
            extra.append(match)
    return extra


def _other_persons(document: Document, match: PhraseMatch[str]) -> bool:
    """A one-word mention (a surname) right after a word of another name: «نواز شريف» is not
    «شهباز شريف», "Nawaz Sharif" is not "Shehbaz Sharif"."""
    first, last = match.tokens
    return last - first == 1 and name_word_before(document, first)


def _before_own_name(
    document: Document, match: PhraseMatch[str], following: list[PhraseMatch[str]]
) -> bool:
    """A title right before its holder's name («الرئيس الإندونيسي برابوو سوبيانتو») is part
    of that mention, not one of its own."""
    return bool(following) and (
        following[0].payload == match.payload
        and not document.text[match.span.end : following[0].span.start].strip()
    )


def _names_a_place(document: Document, index: int) -> bool:
    """Whether the title at token `index` begins the name of a place named after its holder:
    «مطار الملك عبدالعزيز الدولي», «جامعة الملك سعود»."""
    return index > 0 and any(
        key(form) in AR_PLACES_NAMED_AFTER for form in document.tokens[index - 1].forms
    )


def _itself(span: Span) -> Span:
    return span


# --- candidates --------------------------------------------------------------------------


def _candidates(
    document: Document,
    known: list[PhraseMatch[str]],
    place_spans: SpanIndex[Span],
    places: Places,
    known_ids: set[str],
    residences: dict[str, str],
    titled: list[tuple[str, Span]],
) -> tuple[list[PersonFound], dict[str, list[str]]]:
    """The candidates, and the other forms of each one's name. `residences` receives the
    country a known person's title says they live in, `titled` each known person's title."""
    found: list[tuple[Span, Span, str]] = []  # (title span, name span, lang)
    titles_after: dict[Span, Span] = {}  # name -> the title after it, when the one before
    # is only an honorific
    tokens = document.tokens
    walks = Walks()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        head = is_ar_head(token) or is_ar_phrase_head(document, token)
        if token.arabic and head and not _names_a_place(document, index):
            result = arabic_title_name(document, index, place_spans, walks)
        elif not token.arabic:
            result = english_title_name(document, index, place_spans, places)
        else:
            result = None
        if result is None:
            index += 1
            continue
        title, name, next_index = result
        found.append((title, name, "ar" if token.arabic else "en"))
        if token.arabic and honorific_only(document, title):
            after = ar_title_after(document, next_index, place_spans, walks)
            if after is not None:  # «سعادة السيد فلان سفير دولة قطر لدى الجزائر»
                titles_after[name] = after
        index = next_index
    found += english_appositions(document, place_spans)

    people: dict[tuple[str, ...], PersonFound] = {}
    aliases: dict[str, list[str]] = {}  # candidate id -> the other forms of its name
    endings: dict[tuple[str, ...], PersonFound] = {}  # the last words (two or more) of a name
    beginnings: dict[tuple[str, ...], PersonFound] = {}  # the first words (two or more)
    arabic_number = 0
    known_spans = SpanIndex(known, lambda match: match.span)
    for title, name, lang in sorted(found, key=lambda item: item[1].start):
        nationality, residence = title_countries(document, title, places)
        if name in titles_after:
            later = title_countries(document, titles_after[name], places)
            nationality, residence = nationality or later[0], residence or later[1]
        overlapping = known_spans.inside(name)
        if known_spans.overlaps_any(name):
            if overlapping and residence:
                residences[known[overlapping.start].payload] = residence
            if overlapping:
                titled.append((known[overlapping.start].payload, title))
            continue
        text = " ".join(document.slice(name).split())
        name_key = tuple(key(word) for word in text.split())
        # One person's two names: the shorter, of two words or more, ends the longer
        # ("Shehbaz Sharif" and "Muhammad Shehbaz Sharif"), either way round.
        # A title with the first words of a name named before is that person again: "Prince
        # Abdulaziz" after "Prince Abdulaziz bin Saud bin Nayef".
        same = (
            endings.get(name_key)
            or beginnings.get(name_key)
            or next(
                (
                    people[name_key[n:]]
                    for n in range(len(name_key) - 1)
                    if name_key[n:] in people and (n == 0 or name_key[n - 1] not in _LINEAGE)
                ),
                None,
            )
        )
        if same is not None:
            aliases.setdefault(same.ref.id, []).append(text)
            same.country = same.country or nationality
            same.resides = same.resides or residence
            continue
        if lang == "ar":
            arabic_number += 1
            person_id = f"new-person-{arabic_number}"
        else:
            person_id = _slug(text)
            while person_id in known_ids:
                person_id += "-new"
        ref = PersonRef(person_id, text, known=False)
        people[name_key] = PersonFound(
            ref, nationality, position=evidence(document, title), lang=lang, resides=residence
        )
        for n in range(1, len(name_key) - 1):
            if name_key[n - 1] not in _LINEAGE:  # «بن سلمان بن عبدالعزيز»: the father's name
                endings.setdefault(name_key[n:], people[name_key])
        for n in range(2, len(name_key)):
            if name_key[n - 1] not in _JOINERS:  # "Mohammed bin" begins no one
                beginnings.setdefault(name_key[:n], people[name_key])
    ordered = sorted(
        people.values(), key=lambda person: person.position.span.start if person.position else 0
    )
    return ordered, aliases


_JOINERS = AR_NAME_JOINERS | EN_NAME_JOINERS
_LINEAGE = AR_LINEAGE_JOINERS | {"bin", "ibn", "bint"}  # the name after one is a forefather's


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "new-person"
