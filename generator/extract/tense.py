"""The tense of a clause: whether it speaks of the future ("will host", «سيزور», «من المقرر
أن») or of the past ("had led", "visited", «كان … قد», «زار»), for `generator.extract.dates`
(which weekday or which year a date without one is) and the visit frames."""

from __future__ import annotations

import bisect
import re

from generator.extract.normalize import normalize
from generator.extract.text import Document, Span

_WORD_CHAR = re.compile(r"\w")
_FUTURE_CONTEXT = re.compile(
    # Arabic phrases also with the conjunction و or ف written on them: «ومن المقرر», «وسيتوجه».
    r"\b(?:will|(?:is|are) (?:due|expected|scheduled|set) to|plans? to|[وف]?من المقرر|"
    r"[وف]?من المنتظر|[وف]?مرتقب\w*|[وف]?س[يتن][^\W\d_]{3,})\b"
)


_CLAUSE_BREAK = re.compile(r"[,،;؛]")
# Longer than any fixed phrase of _FUTURE_CONTEXT ("are scheduled to"): see Future.
_FUTURE_REACH = 32


class Future:
    """Whether the clause before a span speaks of the future ("is due to", "سيتوجه"): that is,
    `_FUTURE_CONTEXT` is found in the normalised text from the sentence's start or its last
    comma or semicolon before the span, up to the span.

    Spans come in text order, and several may share a clause (a long one with many weekdays),
    so a clause is not searched again from its start each time: only from a little before
    where the last search stopped. A match the longer text has that the shorter had not must
    run past that end; a word-long match ("سيتوجه", "مرتقبة") would have been found cut there,
    and the others (fixed phrases) are shorter than `_FUTURE_REACH`.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.breaks = [match.start() for match in _CLAUSE_BREAK.finditer(document.text)]
        self.clause = -1  # where the clause searched last starts, in the normalised text
        self.end = 0  # and where that search stopped
        self.resume = 0  # no match of that search starts before this
        self.settled = False  # whether it found a match that a longer text keeps

    def __call__(self, span: Span) -> bool:
        document, norm = self.document, self.document.normalized.norm
        sentence = document.sentence_at(span.start).span
        cut = bisect.bisect_left(self.breaks, span.start) - 1
        start = sentence.start
        if cut >= 0 and self.breaks[cut] >= sentence.start:
            start = self.breaks[cut] + 1
        begin, end = document.norm_index(start), document.norm_index(span.start)
        if begin >= end:
            return False
        if begin > 0 and _WORD_CHAR.match(norm, begin - 1):
            # A word before the clause would change what \b means at its start (never the
            # case after a comma or a sentence's start): search a copy.
            return bool(_FUTURE_CONTEXT.search(norm[begin:end]))
        if begin != self.clause or end < self.end:
            self.clause, self.resume, self.settled = begin, begin, False
        elif self.settled:
            return True
        match = _FUTURE_CONTEXT.search(norm, self.resume, end)
        reach = max(begin, end - _FUTURE_REACH)
        self.end = end
        if match is None:
            self.resume = reach
        elif match.end() < end:
            self.settled = True  # a match that ends before the text does stays a match
        else:
            self.resume = min(match.start(), reach)
        return match is not None


_OPENING = re.compile(r"^\W*(?:(?:on|this|يوم|في)\W+)?$")


def opens_future_sentence(document: Document, span: Span) -> bool:
    """ "On Sunday, he will travel …", «يوم الأحد، سيتوجه …»: a weekday that opens its sentence
    takes the tense of the clause after it."""
    sentence = document.sentence_at(span.start).span
    norm = document.normalized.norm
    begin, start = document.norm_index(sentence.start), document.norm_index(span.start)
    if not _OPENING.match(norm[begin:start]):
        return False
    end = document.norm_index(span.end)
    return bool(
        _FUTURE_CONTEXT.search(norm[end : min(end + 60, document.norm_index(sentence.end))])
    )


def speaks_of_future(document: Document, span: Span) -> bool:
    """Whether the sentence, from its start to the end of `span`, speaks of the future ("will
    host", "is due to visit", «سيزور», «من المقرر أن»)."""
    sentence = document.sentence_at(span.start).span
    norm = document.normalized.norm
    begin, end = document.norm_index(sentence.start), document.norm_index(span.end)
    return bool(_FUTURE_CONTEXT.search(norm[begin:end]))


# Past verbs of visits and meetings, and the auxiliaries of a past clause.
_PAST_VERBS = (
    "had", "was", "were", "visited", "met", "held", "led", "headed", "travelled", "traveled",
    "went", "arrived", "toured", "hosted", "received", "signed", "كان", "كانت", "زار", "زارت",
    "سبق", "قام", "قامت", "التقى", "التقت", "اجتمع", "وصل", "وصلت", "ترأس", "أجرى", "عقد",
)  # fmt: skip
_PAST_CONTEXT = re.compile(
    r"\b[وف]?(?:" + "|".join(sorted({re.escape(normalize(w)) for w in _PAST_VERBS})) + r")\b"
)


def speaks_of_past(document: Document, span: Span) -> bool:
    """Whether the clause holding `span` (from the sentence's start or its last comma before
    the span, to its next comma or the sentence's end) has a past verb ("had led", «زار»)."""
    sentence = document.sentence_at(span.start).span
    text = document.text
    start = max(
        (m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, span.start)),
        default=sentence.start,
    )
    after = _CLAUSE_BREAK.search(text, span.end, sentence.end)
    end = after.start() if after else sentence.end
    norm = document.normalized.norm
    return bool(_PAST_CONTEXT.search(norm[document.norm_index(start) : document.norm_index(end)]))
