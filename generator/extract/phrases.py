"""Find known phrases (names, places) in a document, word by word, on normalised forms.

A phrase matches a run of words separated only by spaces (or a hyphen/apostrophe). The first
word may carry Arabic proclitics (و ف ب ل ك ال: "وإسحاق", "لإسلام"); later words may carry the
article. Latin words must be capitalised as written, so "troll" is not the place "Troll".
Overlapping matches are resolved longest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.extract.lexicon import EN_NAME_JOINERS
from generator.extract.normalize import key, normalize, strip_article
from generator.extract.text import WORD, Document, Span, Token, keep_longest

T = TypeVar("T")


@dataclass(frozen=True)
class PhraseMatch(Generic[T]):
    span: Span
    payload: T
    tokens: tuple[int, int]  # first token index, last token index + 1


def phrase_key(phrase: str) -> tuple[str, ...]:
    """The comparison key of a phrase: its normalised words without the article."""
    return tuple(key(word) for word in _words(phrase))


def _words(phrase: str) -> list[str]:
    return WORD.findall(normalize(phrase))


class PhraseMatcher(Generic[T]):
    """A dictionary of phrases, each with a payload (a person id, a place...)."""

    def __init__(self) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], T]]] = defaultdict(list)

    def add(self, phrase: str, payload: T) -> None:
        words = phrase_key(phrase)
        if words and (len(words) > 1 or len(words[0]) >= 3):
            entry = (words, payload)
            if entry not in self._by_first[words[0]]:
                self._by_first[words[0]].append(entry)

    def find(self, document: Document, within: Span | None = None) -> list[PhraseMatch[T]]:
        tokens = document.tokens if within is None else document.tokens_in(within)
        found: list[PhraseMatch[T]] = []
        for position, token in enumerate(tokens):
            for form, prefix in token.forms.items():
                for words, payload in self._by_first.get(form, ()):
                    end = _match_rest(document, tokens, position, words)
                    if end is None or not _cased(tokens[position:end]):
                        continue
                    shown = _shown_prefix(document, token, prefix)
                    start = document.normalized.span(
                        token.norm_start + shown, token.norm_start + shown + 1
                    )[0]
                    found.append(
                        PhraseMatch(
                            Span(start, tokens[end - 1].span.end),
                            payload,
                            (tokens[position].index, tokens[end - 1].index + 1),
                        )
                    )
        return longest_first(found)


def _shown_prefix(document: Document, token: Token, prefix: int) -> int:
    """How much of the clitics matching took off a word to leave off the match as shown: not
    «إل» or «أل», which only match the article («إلهام» is shown whole, «وإلهام» as «إلهام»)."""
    if prefix >= 2 and token.norm[prefix - 2 : prefix] == "ال":
        alef = document.normalized.origin[token.norm_start + prefix - 2]
        if document.text[alef] != "ا":
            return prefix - 2
    return prefix


def _match_rest(
    document: Document, tokens: list[Token], position: int, words: tuple[str, ...]
) -> int | None:
    end = position + len(words)
    if end > len(tokens):
        return None
    for offset in range(1, len(words)):
        previous, token = tokens[position + offset - 1], tokens[position + offset]
        gap = document.text[previous.span.end : token.span.start]
        if "\n" in gap or gap.strip(" \t-'’\u200c") or len(gap) > 3:
            return None
        if words[offset] not in (token.norm, strip_article(token.norm)):
            return None
    return end


def _cased(tokens: Sequence[Token]) -> bool:
    """Latin words capitalised as written; a joiner before the last may be lower-case
    ("al-Awadi", "bin Salman")."""
    return all(
        token.upper
        or token.arabic
        or token.norm.isdigit()
        or (token.norm in EN_NAME_JOINERS and index < len(tokens) - 1)
        for index, token in enumerate(tokens)
    )


def longest_first(matches: list[PhraseMatch[T]]) -> list[PhraseMatch[T]]:
    """Non-overlapping matches, preferring the longest, in text order."""
    return keep_longest(matches, lambda match: match.span)
