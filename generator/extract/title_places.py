"""The places a title names: the holder's nationality («وزير خارجية باكستان», "Pakistan's",
"Iranian"), the country an ambassador lives in («سفير … لدى», "ambassador to"), and places
named inside a title, which are no destination ("the President of Pakistan")."""

from __future__ import annotations

import re

from generator.extract.lexicon import AR_RESIDENT_HEADS, AR_TITLE_NOUNS, EN_RESIDENT_HEADS
from generator.extract.normalize import key, strip_article
from generator.extract.places import Places
from generator.extract.text import Document, Span, SpanIndex
from generator.extract.titles import EN_TITLE_PARTS, has_article, is_ar_head

# Where a resident's title names the country they live in: «سفير إيران لدى باكستان»,
# "Iran's ambassador to Pakistan".
_RESIDENCE_WORDS = {"لدي", "في", "to", "in"}
_ENGLISH_RESIDENCE = re.compile(r"\s+(?:to|in)\s+")
_INITIALS = re.compile(r"([A-Z](?:\.[A-Z])+\.)\s")


def title_countries(
    document: Document, title: Span, places: Places
) -> tuple[str | None, str | None]:
    """(nationality, residence) that a title gives. The nationality: an adjective
    ("الباكستاني", "Iranian"), a country in the title's idafa («وزير خارجية باكستان») or a
    possessive ("Pakistan's"). The residence: the country after «لدى»/«في»/"to"/"in" in the
    title of an ambassador, envoy or consul (`lexicon.*_RESIDENT_HEADS`)."""
    tokens = document.tokens_in(title)
    resident = any(
        token.norm in EN_RESIDENT_HEADS or any(f in AR_RESIDENT_HEADS for f in token.forms)
        for token in tokens
    )
    matches = places.matcher.find(document, within=title)
    in_places = SpanIndex(matches, lambda match: match.span)
    nationality = residence = None
    for token in tokens:
        if in_places.overlaps_any(token.span):
            continue
        code = places.country_of_adjective(strip_article(token.norm))
        if code:
            nationality = code
            break
    for match in matches:
        # From the word's start: a place with the article («لدى العراق») matches after «ال».
        word = document.tokens[document.token_holding(match.span.start)]
        before = document.word_before(document.norm_index(word.span.start))
        if before in _RESIDENCE_WORDS:
            residence = residence or (match.payload.country if resident else None)
            continue
        if match.payload.kind != "country":
            continue
        possessive = document.text[match.span.end : match.span.end + 2] in ("'s", "’s")
        if possessive or not document.text[match.span.start].isascii():  # or an idafa
            nationality = nationality or match.payload.country
    initials = _INITIALS.match(document.text, title.start, title.end)
    if nationality is None and initials:  # "U.S. Special Envoy", "U.K. Foreign Secretary"
        nationality = places.country_of_adjective(initials.group(1))
    after = _ENGLISH_RESIDENCE.match(document.text, title.end)
    if resident and residence is None and after:
        ahead = Span(after.end(), min(after.end() + 40, len(document.text)))
        found = places.matcher.find(document, within=ahead)
        if found and found[0].span.start == after.end():
            residence = found[0].payload.country
    return nationality, residence


def in_title(document: Document, index: int) -> bool:
    """Whether the place that starts at token `index` is named inside a title, not as a
    destination: «رئيس وزراء باكستان», "the President of Pakistan"."""
    tokens = document.tokens
    if index == 0 or index >= len(tokens):
        return False
    previous = tokens[index - 1]
    if document.text[previous.span.end : tokens[index].span.start].strip():
        return False
    if previous.arabic:
        title_word = is_ar_head(previous) or key(previous.norm) in AR_TITLE_NOUNS
        return title_word and not has_article(document, previous)
    return (
        previous.norm == "of"
        and index >= 2
        and tokens[index - 2].norm in EN_TITLE_PARTS
        and not document.text[tokens[index - 2].span.end : previous.span.start].strip()
    )
