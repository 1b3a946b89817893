"""English titles and the names after them: "(Pakistan's) (Deputy) Prime Minister Shehbaz
Sharif", "Minister of State for Foreign Affairs Tariq Fatemi", "Iran's ambassador to Turkey,
Mohammad Hassan …,", and names followed by a title ("Hakan Fidan, Turkey's foreign minister,").
A name is two to four capitalised words (one more with a lower-case joiner: "bin", "al").
`generator.extract.titles` reads the Arabic ones; the word lists are in
`generator.extract.lexicon`.
"""

from __future__ import annotations

import re

from generator.extract.lexicon import (
    EN_NAME_JOINERS,
    EN_NOT_NAMES,
    EN_TITLE_HEADS,
    EN_TITLE_MODIFIERS,
    MONTHS_AND_DAYS,
)
from generator.extract.normalize import key
from generator.extract.places import Places
from generator.extract.text import Document, Span, SpanIndex, Token
from generator.extract.titles import EN_TITLE_PARTS, at_place, words_gap


def english_title_name(
    document: Document, index: int, place_spans: SpanIndex[Span], places: Places
) -> tuple[Span, Span, int] | None:
    """ "(Pakistan's) (Deputy) Prime Minister Shehbaz Sharif", "foreign office spokeswoman
    Shafqat Ali Khan", "his Turkish counterpart Numan Kurtulmus": a head word (any case), the
    title words before it, then two to four capitalised name words."""
    tokens = document.tokens
    head = index if tokens[index].norm in EN_TITLE_HEADS else _head_of(document, index)
    if head is None:
        return None
    end = index + 1
    head_end = index
    if end + 1 < len(tokens) and tokens[end].norm in ("to", "in"):
        # "Iran's ambassador to Turkey, Mohammad Hassan …": the title takes the place along.
        after = end + 1
        while after < len(tokens) and at_place(tokens[after], place_spans):
            after += 1
        comma = (
            after < len(tokens) and words_gap(document, tokens[after - 1], tokens[after]).strip()
        )
        if after > end + 1 and comma and comma.strip() == ",":
            head_end, end = after - 1, after
    if end >= len(tokens) or words_gap(document, tokens[end - 1], tokens[end]).strip() not in (
        "",
        ",",
    ):
        return None
    name_end = _english_name_end(document, end, place_spans)
    if name_end - end < 2:
        return None
    start = head
    while start >= 1 and words_gap(document, tokens[start - 1], tokens[start]).strip(" -") == "":
        previous = tokens[start - 1]
        if previous.arabic or previous.norm not in EN_TITLE_PARTS:
            break
        start -= 1
    if (
        start >= 1
        and tokens[start - 1].upper
        and places.country_of_adjective(tokens[start - 1].norm)
    ):
        start -= 1  # "Iranian Foreign Minister"
    elif start >= 2 and tokens[start - 1].norm == "s" and tokens[start - 2].upper:
        start -= 2  # "Pakistan's Prime Minister", "U.S. Special Envoy"
    elif initials := _INITIALS.search(
        document.text, max(tokens[start].span.start - 8, 0), tokens[start].span.start
    ):
        start = document.token_at(initials.start(1))  # "U.K. Special Envoy"
    title = Span(tokens[start].span.start, tokens[head_end].span.end)
    name = Span(tokens[end].span.start, tokens[name_end - 1].span.end)
    return title, name, name_end


_OF = {"of", "for", "the"}
_INITIALS = re.compile(r"(?<![\w.])([A-Z](?:\.[A-Z])+\.)\s+$")


def _head_of(document: Document, index: int) -> int | None:
    """The head of a title that goes on with "of"/"for" to end at token `index`: "Minister of
    State for Foreign Affairs", "Secretary of State", "Minister for Planning"."""
    tokens = document.tokens
    if tokens[index].norm not in EN_TITLE_PARTS or tokens[index].norm in EN_TITLE_HEADS:
        return None
    start, linked = index, False
    while (
        start >= 1
        and index - start < 6
        and not words_gap(document, tokens[start - 1], tokens[start]).strip()
    ):
        previous = tokens[start - 1].norm
        if previous in EN_TITLE_HEADS and linked:
            return start - 1
        if previous not in EN_TITLE_PARTS and previous not in _OF:
            return None
        linked = linked or previous in _OF
        start -= 1
    return None


def _english_name_end(document: Document, start: int, place_spans: SpanIndex[Span]) -> int:
    """Where the capitalised name that starts at token `start` ends: up to four words, and a
    lower-case joiner between two of them ("Mohammed bin Salman") with one more."""
    tokens = document.tokens
    end, limit = start, 4
    while end < len(tokens) and end - start < limit:
        token = tokens[end]
        gap = words_gap(document, tokens[end - 1], token) if end > start else " "
        if gap not in (" ", "-") and not (
            gap == ". " and _middle_initial(document, tokens[end - 1])
        ):
            break
        if (
            end > start
            and token.norm in EN_NAME_JOINERS
            and end + 1 < len(tokens)
            and tokens[end + 1].upper
            and words_gap(document, token, tokens[end + 1]) in (" ", "-")
        ):
            end, limit = end + 1, 5
            continue
        if end > start and _middle_initial(document, token) and end + 1 < len(tokens):
            end, limit = end + 1, limit + 1  # "Michael R. Pompeo", "Antony J. Blinken"
            continue
        if (
            not token.upper
            or token.arabic
            or token.norm in EN_NOT_NAMES
            or token.norm in EN_TITLE_HEADS
            or token.norm in EN_TITLE_MODIFIERS
            or key(token.norm) in MONTHS_AND_DAYS
            or at_place(token, place_spans)
            or token.norm.isdigit()
            or len(token.norm) == 1
        ):
            break
        end += 1
    return end


def _middle_initial(document: Document, token: Token) -> bool:
    """A capital letter with a full stop inside a name: the "R." of "Michael R. Pompeo"."""
    text = document.text
    return (
        len(token.norm) == 1
        and token.upper
        and text[token.span.end : token.span.end + 2] == ". "
        and text[token.span.end + 2 : token.span.end + 3].isupper()
    )


# Used with .match(text, position), so as not to copy the rest of the text for each name.
_APPOSITION = re.compile(r",\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)")


def english_appositions(
    document: Document, place_spans: SpanIndex[Span]
) -> list[tuple[Span, Span, str]]:
    """ "Hakan Fidan, Turkey's foreign minister,": a name, a comma, then a title."""
    found = []
    tokens = document.tokens
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.arabic or not token.upper:
            index += 1
            continue
        end = _english_name_end(document, index, place_spans)
        if end - index < 2:
            index += 1
            continue
        after_name = tokens[end - 1].span.end
        match = _APPOSITION.match(document.text, after_name)
        if match:
            words = list(re.finditer(r"[\w'’-]+", match.group(1)))
            heads = [word for word in words if word.group().lower() in EN_TITLE_HEADS]
            if heads:
                base = match.start(1)
                title = Span(base + words[0].start(), base + heads[0].end())
                found.append((title, Span(token.span.start, tokens[end - 1].span.end), "en"))
        index = end
    return found
