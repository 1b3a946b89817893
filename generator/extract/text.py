"""The article as text: tokens, sentences, quotation regions and excerpts, all as spans.

A span is `(start, end)` in characters of the decoded article, end exclusive, so
`text[start:end]` is exactly what was matched.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

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
_ABBREVIATIONS = {
    "dr", "mr", "mrs", "ms", "st", "gen", "lt", "col", "no", "vs", "jr", "sr", "prof", "sen",
    "rep", "gov", "capt", "maj", "brig", "adm", "sgt", "mt", "ft", "inc", "co", "corp", "jan",
    "feb", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?؟…]+[»”\"')\]]*(?=\s)")
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

    def sentence_at(self, position: int) -> Sentence:
        """The sentence holding character `position` (the nearest one before it otherwise)."""
        index = max(bisect.bisect_right(self._sentence_starts, position) - 1, 0)
        return self.sentences[index]

    def tokens_in(self, span: Span) -> list[Token]:
        low = bisect.bisect_left(self._token_starts, span.start)
        high = bisect.bisect_left(self._token_starts, span.end)
        return [token for token in self.tokens[low:high] if token.span.end <= span.end]

    def in_quote(self, span: Span) -> bool:
        """Whether `span` lies inside quotation marks."""
        return any(outer.contains(span) for _, outer in self.quotes)

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
            before = re.search(r"([^\W\d_]+)\.?$", line[start : match.start() + 1])
            word = before.group(1) if before else ""
            if match.group().startswith(".") and (
                word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())
            ):
                continue
            _add_sentence(sentences, line, offset, start, match.end(), paragraph)
            start = match.end()
        _add_sentence(sentences, line, offset, start, len(line), paragraph)
        offset += len(line) + 1
    return sentences


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
    """Quoted passages on one line: (content span, span including the marks).

    Guillemets and curly quotes are paired by position; straight double quotes alternate
    open/close within a line. An unclosed mark opens nothing.
    """
    regions: list[tuple[Span, Span]] = []
    offset = 0
    for line in text.split("\n"):
        position = 0
        while position < len(line):
            char = line[position]
            closer = _PAIRS.get(char)
            if closer is None:
                position += 1
                continue
            close = line.find(closer, position + 1)
            if close == -1:
                position += 1
                continue
            inner = Span(offset + position + 1, offset + close)
            if inner.end > inner.start and line[position + 1 : close].strip():
                regions.append((inner, Span(offset + position, offset + close + 1)))
            position = close + 1
        offset += len(line) + 1
    return regions
