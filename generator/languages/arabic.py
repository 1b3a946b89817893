"""Arabic normalisation, in one place: what the search index (and the search box's copy,
assets/search-normalise.js) and the extraction assistant both strip and fold.

Every normalisation here drops the marks a reader may or may not write (`MARK_RANGES`: harakat,
tanwin, shadda, sukun, superscript alef and the Quranic annotation marks) and tatweel, and writes
the alef forms أ إ آ ٱ as ا. The mark ranges are the union of what search and extraction each
dropped before they shared this module: search also dropped U+06E5 and U+06E6 (small waw, small
yeh), which only Quranic spelling writes, as vowel-lengthening marks after a pronoun; a reader
never types them, so a word with them must match the word without. No test text holds them, so
neither search's nor extraction's results change.

Two strengths, because the two readers differ:

- search (`normalise`): the text is NFC-composed first, then marks, tatweel and alefs. Nothing
  else is folded: ة and ه, ى and ي stay apart in the index, as a reader types them.
- matching (`fold(char, letters=True, digits=True)`, one character at a time, which extraction
  uses to keep a map back to the text as written): also ى -> ي, ة -> ه, the Persian ی ک -> ي ك,
  and Arabic-Indic digits and separators -> ASCII. No NFC there: each character of the
  normalised text must come from one character of the original.

Imports nothing of the project: search (in the MkDocs hooks) and extraction both stand on it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

# Marks dropped everywhere (inclusive ranges of code points).
MARK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0610, 0x061A),  # Quranic honorifics and small letters
    (0x064B, 0x065F),  # harakat, tanwin, shadda, sukun, hamza and madda above and below
    (0x0670, 0x0670),  # superscript (dagger) alef
    (0x06D6, 0x06DC),  # Quranic small high ligatures and stop marks
    (0x06DF, 0x06E8),  # Quranic small high and low marks, small waw and small yeh
    (0x06EA, 0x06ED),  # Quranic empty-centre stops, small low meem
)
TATWEEL = "\u0640"  # the kashida that only stretches a word
ALEF_FORMS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ
ALEF = "\u0627"  # ا

# Matching only: letters written either way in the same word.
LETTER_FOLDS: dict[str, str] = {
    "\u0649": "\u064a",  # alef maqsura ى -> yeh ي
    "\u0629": "\u0647",  # ta marbuta ة -> heh ه
    "\u06cc": "\u064a",  # Persian yeh ی (text copied from Persian sources) -> ي
    "\u06a9": "\u0643",  # Persian kaf ک -> ك
}
# Matching only: Arabic-Indic and Persian digits, and the Arabic decimal and thousands separators.
DIGIT_FOLDS: dict[str, str] = {
    **{chr(0x0660 + digit): str(digit) for digit in range(10)},  # ٠-٩
    **{chr(0x06F0 + digit): str(digit) for digit in range(10)},  # ۰-۹
    "\u066b": ".",  # ٫
    "\u066c": ",",  # ٬
}


# Every character every normalisation drops: the marks and tatweel.
DROPPED = frozenset(
    {chr(code) for low, high in MARK_RANGES for code in range(low, high + 1)} | {TATWEEL}
)


def is_dropped(char: str) -> bool:
    """A mark or tatweel: what every normalisation removes."""
    return char in DROPPED


@cache
def _table(letters: bool, digits: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = dict.fromkeys(map(ord, DROPPED))
    table.update({ord(alef): ALEF for alef in ALEF_FORMS})
    if letters:
        table.update({ord(char): folded for char, folded in LETTER_FOLDS.items()})
    if digits:
        table.update({ord(char): folded for char, folded in DIGIT_FOLDS.items()})
    return table


def fold(char: str, *, letters: bool = False, digits: bool = False) -> str | None:
    """One character's normalised form: "" when dropped, None when it stays as it is."""
    if len(char) != 1:
        raise ValueError(f"fold takes one character, not {char!r}")
    folded = _table(letters, digits).get(ord(char), char)
    if folded is None:
        return ""
    return None if folded == char else folded


def matching_map() -> dict[str, str]:
    """Every character matching (`letters` and `digits`) writes as another, and its form."""
    table = _table(letters=True, digits=True)
    return {chr(code): value for code, value in sorted(table.items()) if value is not None}


def normalise(text: str, *, letters: bool = False, digits: bool = False) -> str:
    """`text` NFC-composed, without marks and tatweel, with one alef: the search index's form.
    With `letters`, ى ة ی ک folded too; with `digits`, Arabic-Indic digits as ASCII."""
    return unicodedata.normalize("NFC", text).translate(_table(letters, digits))


# Search only: the definite article and its forms with a preposition or conjunction in front
# (و ف ب ك + ال, and ل + ال written لل), longest first. A word loses one of them when what is
# left is still a word of two letters or more: «والباكستاني» and «باكستاني» are one term.
ARTICLE_PREFIXES: tuple[str, ...] = (
    "\u0648\u0627\u0644",  # وال
    "\u0641\u0627\u0644",  # فال
    "\u0628\u0627\u0644",  # بال
    "\u0643\u0627\u0644",  # كال
    "\u0644\u0644",  # لل
    "\u0627\u0644",  # ال
)
ARTICLE_REST = 2


def without_article(word: str) -> str:
    """`word` (already normalised with `letters`) without its article form, if it has one."""
    for prefix in ARTICLE_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= ARTICLE_REST:
            return word[len(prefix) :]
    return word
