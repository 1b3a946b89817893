"""The article as text: tokens, sentences, quotation regions and excerpts, all as spans.

A span is `(start, end)` in characters of the decoded article, end exclusive, so
`text[start:end]` is exactly what was matched.

Everything here is linear (or n log n) in the article's length: a question about a position
(which sentence, which token, inside quotation marks?) is a bisection over lists made once, and
`SpanIndex` answers questions about a list of non-overlapping spans the same way, so that no
step looks at every token, name or quote once for every other one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Generic, TypeVar

from generator.extract.normalize import NormalizedText, is_arabic_letter, normalize_text, word_forms


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Token:
    """A word: its normalised form, its span in the original text and where it is in `norm`."""

    index: int
    norm: str
    span: Span
    norm_start: int
    norm_end: int
    upper: bool  # the word as written starts with an upper-case letter (Latin script)

    @property
    def arabic(self) -> bool:
        return is_arabic_letter(self.norm[0])

    @property
    def forms(self) -> dict[str, int]:
        return word_forms(self.norm)


@dataclass(frozen=True)
class Sentence:
    index: int
    span: Span
    paragraph: int


# Quotation marks: guillemets, curly quotes, straight double quotes.
_PAIRS = {"«": "»", "“": "”", '"': '"'}
_OPENERS = {"»": "«", "”": "“"}  # the marks a quote may close on the next line, and their pair
_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "gen", "lt", "col", "no", "vs", "jr", "sr", "prof", "sen",
    "rep", "gov", "capt", "maj", "brig", "adm", "sgt", "mt", "ft", "inc", "co", "corp", "jan",
    "feb", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# The look-behind starts a match only at the first mark of a run, and the possessive `++`/`*+`
# never give back what they took: a long run of marks with no space after it is read once,
# not once from each of its characters (the matches are the same).
_SENTENCE_END = re.compile(r"(?<![.!?؟…])[.!?؟…]++[»”\"')\]]*+(?=\s)")
_LETTER = re.compile(r"[^\W\d_]")
_NOT_SPACE = re.compile(r"\S+")  # the words of str.split(): re's \s is str.isspace
WORD = re.compile(r"[^\W_]+")


@dataclass
class Document:
    """The article and everything derived from its characters alone."""

    text: str
    normalized: NormalizedText = field(init=False)
    tokens: list[Token] = field(init=False)
    sentences: list[Sentence] = field(init=False)
    quotes: list[tuple[Span, Span]] = field(init=False)  # (content, content with the marks)

    def __post_init__(self) -> None:
        self.normalized = normalize_text(self.text)
        self.tokens = _tokenize(self.normalized)
        self.sentences = _sentences(self.text)
        self.quotes = _quote_regions(self.text)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [sentence.span.start for sentence in self.sentences]

    @cached_property
    def _token_starts(self) -> list[int]:
        return [token.span.start for token in self.tokens]

    @cached_property
    def _quote_index(self) -> SpanIndex[tuple[Span, Span]]:
        return SpanIndex(self.quotes, lambda quote: quote[1])

    @cached_property
    def _norm_words(self) -> tuple[list[int], list[int]]:
        """Starts and ends of the whitespace-separated words of the normalised text."""
        matches = list(_NOT_SPACE.finditer(self.normalized.norm))
        return [match.start() for match in matches], [match.end() for match in matches]

    def sentence_at(self, position: int) -> Sentence:
        """The sentence holding character `position` (the nearest one before it otherwise)."""
        index = max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)
        return self.sentences[index]

    def tokens_in(self, span: Span) -> list[Token]:
        low = bisect.bisect_left(self._token_starts, span.start)
        high = bisect.bisect_left(self._token_starts, span.end)
        return [token for token in self.tokens[low:high] if token.span.end <= span.end]

    def token_at(self, position: int) -> int:
        """The index of the first token that starts at or after `position`."""
        return bisect.bisect_left(self._token_starts, position)

    def norm_index(self, position: int) -> int:
        """The index in the normalised text of the first character at or after `position`."""
        return bisect.bisect_left(self.normalized.origin, position)

    def token_holding(self, position: int) -> int:
        """The index of the token that holds character `position` (or the last one starting
        before it): a place's match may leave out the token's article («ال» of «الرياض»)."""
        return max(bisect.bisect_right(self._token_starts, position) - 1, 0)

    def word_before(self, norm_index: int) -> str | None:
        """The last word of `normalized.norm[:norm_index]` split at whitespace, or None:
        `norm[:norm_index].split()[-1]` without copying the text before it."""
        starts, ends = self._norm_words
        index = bisect.bisect_left(starts, norm_index) - 1
        if index < 0:
            return None
        return self.normalized.norm[starts[index] : min(ends[index], norm_index)]

    def in_quote(self, span: Span) -> bool:
        """Whether `span` lies inside quotation marks."""
        # Quotation regions never overlap (see _quote_regions), so only the last one that
        # starts at or before the span can hold it.
        index = self._quote_index.last_starting_at_or_before(span.start)
        return index is not None and self.quotes[index][1].contains(span)

    def slice(self, span: Span) -> str:
        return self.text[span.start : span.end]

    def excerpt(self, span: Span, limit: int = 160) -> str:
        """The sentence holding `span`, on one line, shortened around the span when long."""
        sentence = self.sentence_at(span.start).span
        start, end = sentence.start, max(sentence.end, span.end)
        if end - start > limit:
            room = max(limit - len(span), 20) // 2
            start = max(start, span.start - room)
            end = min(end, span.end + room)
        text = " ".join(self.text[start:end].split())
        prefix = "…" if start > sentence.start else ""
        suffix = "…" if end < sentence.end else ""
        return f"{prefix}{text}{suffix}"


def _tokenize(normalized: NormalizedText) -> list[Token]:
    tokens: list[Token] = []
    for match in WORD.finditer(normalized.norm):
        start, end = normalized.span(match.start(), match.end())
        tokens.append(
            Token(
                index=len(tokens),
                norm=match.group(),
                span=Span(start, end),
                norm_start=match.start(),
                norm_end=match.end(),
                upper=normalized.text[start].isupper(),
            )
        )
    return tokens


def _sentences(text: str) -> list[Sentence]:
    """Paragraphs are lines; a sentence ends at . ! ? ؟ … followed by a space (not after an
    abbreviation such as "Dr." or an initial)."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        start = 0
        for match in _SENTENCE_END.finditer(line):
            word = _word_before_mark(line, start, match.start())
            if match.group().startswith(".") and (
                word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
            ):
                continue
            _add_sentence(sentences, line, offset, start, match.end(), paragraph)
            start = match.end()
        _add_sentence(sentences, line, offset, start, len(line), paragraph)
        offset += len(line) + 1
    return sentences


def _word_before_mark(line: str, start: int, mark: int) -> str:
    r"""The letters right before a "." at `mark` (not before `start`): "Dr" in "Dr."; empty
    when the mark is another one ("!", "؟") or no letter precedes it.

    The same as `re.search(r"([^\W\d_]+)\.?$", line[start : mark + 1])`, read backwards from
    the mark, so that a sentence with many abbreviations is not read again at each one.
    """
    if line[mark] != ".":
        return ""
    begin = mark
    while begin > start and _LETTER.match(line, begin - 1):
        begin -= 1
    return line[begin:mark]


def _add_sentence(
    sentences: list[Sentence], line: str, offset: int, start: int, end: int, paragraph: int
) -> None:
    piece = line[start:end]
    stripped = piece.strip()
    if not stripped:
        return
    lead = len(piece) - len(piece.lstrip())
    begin = offset + start + lead
    sentences.append(Sentence(len(sentences), Span(begin, begin + len(stripped)), paragraph))


def _quote_regions(text: str) -> list[tuple[Span, Span]]:
    """Quoted passages: (content span, span including the marks).

    Guillemets and curly quotes are paired by position; straight double quotes alternate
    open/close within a line. An unclosed mark opens nothing, except the last guillemet or
    curly quote of a line that nothing closes there: it closes on the next line, when its
    closing mark comes there before another opening one (a quote wrapped across a line
    break). The regions never overlap, and are in text order.
    """
    regions: list[tuple[Span, Span]] = []
    offset = 0
    carried: tuple[str, int] | None = None  # (closing mark, where its opening mark is)
    for line in text.split("\n"):
        position = 0
        if carried is not None:
            mark, opened = carried
            close = line.find(mark)
            if close != -1 and line.find(_OPENERS[mark], 0, close) == -1:
                inner = Span(opened + 1, offset + close)
                if text[inner.start : inner.end].strip():
                    regions.append((inner, Span(opened, offset + close + 1)))
                position = close + 1
        carried = None
        unclosed: set[str] = set()  # closing marks the rest of the line does not have
        while position < len(line):
            char = line[position]
            closer = _PAIRS.get(char)
            if closer is None:
                position += 1
                continue
            close = -1 if closer in unclosed else line.find(closer, position + 1)
            if close == -1:
                unclosed.add(closer)  # so that "««««…" is not searched to the end each time
                if closer in _OPENERS:
                    carried = (closer, offset + position)
                position += 1
                continue
            inner = Span(offset + position + 1, offset + close)
            if inner.end > inner.start and line[position + 1 : close].strip():
                regions.append((inner, Span(offset + position, offset + close + 1)))
            position = close + 1
        offset += len(line) + 1
    return regions


T = TypeVar("T")


class SpanIndex(Generic[T]):
    """Items whose spans do not overlap, in text order, for questions by bisection.

    Names, places, dates, amounts and quotation regions are each found without overlaps, so
    their starts and their ends are both in order: the items inside a span are a run of the
    list, and only the item before a position can reach over it.
    """

    def __init__(self, items: Sequence[T], span_of: Callable[[T], Span]) -> None:
        self.items = list(items)
        self.spans = [span_of(item) for item in self.items]
        self.starts = [span.start for span in self.spans]
        self.ends = [span.end for span in self.spans]
        for previous, span in zip(self.spans, self.spans[1:], strict=False):
            if previous.end > span.start or span.start > span.end:
                raise ValueError(f"overlapping or unordered spans: {previous}, {span}")

    def __len__(self) -> int:
        return len(self.items)

    def inside(self, outer: Span) -> range:
        """The indices of the items whose span `outer` contains, in order."""
        low = bisect.bisect_left(self.starts, outer.start)
        high = bisect.bisect_right(self.ends, outer.end)
        return range(low, max(low, high))

    def overlaps_any(self, span: Span) -> bool:
        """Whether any item's span overlaps `span` (`Span.overlaps`)."""
        index = bisect.bisect_left(self.starts, span.end) - 1  # the last that starts before
        return index >= 0 and self.ends[index] > span.start

    def last_starting_at_or_before(self, position: int) -> int | None:
        index = bisect.bisect_right(self.starts, position) - 1
        return index if index >= 0 else None


def keep_longest(items: Sequence[T], span_of: Callable[[T], Span]) -> list[T]:
    """The items whose spans do not overlap, preferring the longest (then the first), in text
    order: the same as keeping each item, longest first, unless it overlaps one already kept,
    but with the kept characters marked in a bytearray instead of comparing with every item
    already kept."""
    spans = [span_of(item) for item in items]
    if not spans:
        return []
    base = min(span.start for span in spans)
    size = max(span.end for span in spans) - base + 1
    taken = bytearray(size)  # 1: a character of a kept span
    starts = bytearray(size)  # 1: where a kept span starts
    empties = bytearray(size)  # 1: where an empty kept span sits
    kept: list[tuple[Span, T]] = []
    order = sorted(range(len(spans)), key=lambda i: (-len(spans[i]), spans[i].start))
    for index in order:
        span = spans[index]
        start, end = span.start - base, span.end - base
        if start < end:
            # Span.overlaps: a kept span shares a character, or an empty one sits inside.
            if taken.find(1, start, end) != -1 or empties.find(1, start + 1, end) != -1:
                continue
            taken[start:end] = b"\x01" * (end - start)
            starts[start] = 1
        else:
            # An empty span overlaps a kept span that starts before it and ends after it.
            if taken[start] and not starts[start]:
                continue
            empties[start] = 1
        kept.append((span, items[index]))
    kept.sort(key=lambda pair: pair[0].start)
    return [item for _, item in kept]
