"""An office and a nationality stand for the one person of the article who holds them: after
«نائب رئيس الوزراء وزير الخارجية الباكستاني محمد إسحاق دار», «قال الوزير الباكستاني» is Dar;
after «رئيس جمهورية كازاخستان قاسم جومارت توكاييف», «الرئيس الكازاخي» is Tokayev.

The office is the last head word of the person's title that is no honorific (`lexicon.
AR_HONORIFICS`: «معالي», «السيد»): «وزير» in «نائب رئيس الوزراء وزير الخارجية»; the nationality
is the person's country, named by any of its adjectives («الكازاخي», «الكازاخستاني»). A phrase
that two people of the article would share stands for neither.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from generator.extract.lexicon import AR_HONORIFICS, AR_TITLE_HEADS
from generator.extract.normalize import key
from generator.extract.places import Places
from generator.extract.text import Document, Span


@dataclass(frozen=True)
class Titled:
    person_id: str
    title: Span  # the title as the article writes it before the person's name
    country: str | None


def office_references(document: Document, places: Places, titled: list[Titled]) -> dict[str, str]:
    """Each phrase «ال<office> ال<adjective>» that exactly one titled person holds -> their id."""
    adjectives: dict[str, list[str]] = {}
    for adjective, code in places.adjectives.items():
        if not adjective.isascii():
            adjectives.setdefault(code, []).append(adjective)
    holders: dict[str, set[str]] = {}
    for person in titled:
        office = _office(document, person.title)
        if office is None or person.country is None:
            continue
        for adjective in adjectives.get(person.country, ()):
            holders.setdefault(f"ال{office} ال{adjective}", set()).add(person.person_id)
    return {phrase: ids.pop() for phrase, ids in holders.items() if len(ids) == 1}


def _office(document: Document, title: Span) -> str | None:
    """The last head word of an Arabic title that is no honorific, in matching form."""
    office = None
    for token in document.tokens_in(title):
        heads = [key(form) for form in token.forms if key(form) in AR_TITLE_HEADS]
        heads = [head for head in heads if head not in AR_HONORIFICS]
        if token.arabic and heads:
            office = heads[0]
    return office


def nationality_later(
    document: Document, places: Places, titled: list[Titled]
) -> dict[str, tuple[str, str]]:
    """«وقال الوزير الجزائري» when no titled person of the article is Algerian: the last one
    titled before it whose country the text has not given («معالي السيد أحمد عطاف») is that
    Algerian. The phrase as written -> (their id, the country), for each such country once."""
    countries = {person.country for person in titled}
    found: dict[str, tuple[str, str]] = {}
    tokens = document.tokens
    for token, following in itertools.pairwise(tokens):
        if not (token.arabic and following.arabic and token.norm.startswith("ال")):
            continue
        heads = {key(form) for form in token.forms} & AR_TITLE_HEADS
        code = places.country_of_adjective(key(following.norm))
        if not heads - AR_HONORIFICS or code is None or code in countries:
            continue
        earlier = [
            person
            for person in titled
            if person.country is None and person.title.end <= token.span.start
        ]
        if earlier:
            person = max(earlier, key=lambda person: person.title.start)
            phrase = document.slice(Span(token.span.start, following.span.end))
            found[phrase] = (person.person_id, code)
            countries.add(code)
    return found
