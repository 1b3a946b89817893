"""Words and their search terms, one rule for the index (here) and the query (the bundle's
`offline-search.js`, which receives `rules()` as data, so the two cannot drift apart).

A term is a word folded for matching, never for display: Arabic through the project's one
normaliser (`languages.arabic`: marks and tatweel dropped, alef forms as ا, ة as ه, ى as ي,
Persian letters and digits folded) and without its article (ال and بال وال فال كال لل);
Latin, Greek and Cyrillic letters without their accents and in lower case ("Erdoğan" and
"erdogan" are one term). A word is a run of letters and digits.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from generator.languages import arabic

WORD = re.compile(r"[^\W_]+")
# Letters below the Hebrew block lose their accents (the Arabic normaliser has its own rules).
ACCENTED_BELOW = 0x0590


@cache
def _plain_letter(char: str) -> str:
    if ord(char) >= ACCENTED_BELOW:
        return char
    decomposed = unicodedata.normalize("NFD", char)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").lower()


def fold(text: str) -> str:
    """`text` folded for matching, character for character where it can be."""
    text = arabic.normalise(text, letters=True, digits=True)
    return "".join(_plain_letter(char) for char in text)


def words(text: str) -> list[str]:
    """The folded words of `text`, in order (each still with its article)."""
    return WORD.findall(fold(text))


def term(word: str) -> str:
    """A folded word's term: without its Arabic article."""
    return arabic.without_article(word)


def terms(text: str) -> list[str]:
    """The terms of `text`, in order."""
    return [term(word) for word in words(text)]


def rules() -> dict[str, Any]:
    """This module's rules as data for the query's script: characters dropped, characters
    mapped, the article forms and how long a word must stay without one."""
    return {
        "drop": "".join(sorted(arabic.DROPPED)),
        "map": arabic.matching_map(),
        "articles": list(arabic.ARTICLE_PREFIXES),
        "articleRest": arabic.ARTICLE_REST,
        "accentedBelow": ACCENTED_BELOW,
    }
