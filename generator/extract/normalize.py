"""Arabic (and Latin) normalisation for matching, keeping a map back to the original text.

Matching compares normalised forms: alef forms (أ إ آ ٱ) become ا, alef maqsura ى becomes ي,
ta marbuta ة becomes ه, diacritics and tatweel are removed, Persian ی/ک become ي/ك, Arabic-Indic
digits become ASCII digits and Latin letters are lower-cased. Every character of the normalised
text remembers the original character it came from, so a match is always reported as a span of
the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

_ALEFS = "أإآٱ"
_REPLACE = {
    **dict.fromkeys(_ALEFS, "ا"),
    "ى": "ي",
    "ة": "ه",
    "ی": "ي",  # Persian yeh, common in text copied from Persian sources
    "ک": "ك",  # Persian kaf
    "٫": ".",  # Arabic decimal separator
    "٬": ",",  # Arabic thousands separator
    "’": "'",
    "‘": "'",
    "\u00a0": " ",
}
_REPLACE.update({chr(0x0660 + digit): str(digit) for digit in range(10)})  # ٠-٩
_REPLACE.update({chr(0x06F0 + digit): str(digit) for digit in range(10)})  # ۰-۹ (Persian)

_DROP_RANGES = (
    (0x0610, 0x061A),  # Quranic marks
    (0x064B, 0x065F),  # harakat, tanwin, shadda, sukun...
    (0x0670, 0x0670),  # superscript alef
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E4),
    (0x06E7, 0x06E8),
    (0x06EA, 0x06ED),
    (0x0640, 0x0640),  # tatweel
)


def _dropped(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _DROP_RANGES)


@cache
def normalize_char(char: str) -> str:
    """The normalised form of one character: empty when it is dropped."""
    if _dropped(char):
        return ""
    if char in _REPLACE:
        return _REPLACE[char]
    return char.lower()


def is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a" or "\u0671" <= char <= "\u06d3"


@dataclass(frozen=True)
class NormalizedText:
    """`norm` is the normalised text; `origin[i]` is the index in `text` of `norm[i]`."""

    text: str
    norm: str
    origin: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the normalised slice `norm[start:end]` (end exclusive)."""
        if start >= end:
            position = self.origin[start] if start < len(self.origin) else len(self.text)
            return position, position
        stop = self.origin[end - 1] + 1
        # Marks dropped by normalisation (a final shadda, tatweel) belong to the word.
        while stop < len(self.text) and _dropped(self.text[stop]):
            stop += 1
        return self.origin[start], stop


def normalize_text(text: str) -> NormalizedText:
    """Normalise `text`, remembering where each normalised character came from."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for out in normalize_char(char):
            chars.append(out)
            origin.append(index)
    return NormalizedText(text, "".join(chars), tuple(origin))


def normalize(text: str) -> str:
    """The normalised form of `text` (no offsets): for gazetteer entries and comparisons."""
    return "".join(normalize_char(char) for char in text)


def strip_article(word: str) -> str:
    """A normalised Arabic word without the article ال, when enough of the word remains."""
    if word.startswith("ال") and len(word) >= 4:
        return word[2:]
    return word


# Proclitics written attached to the next word: a conjunction, then a preposition, then the
# article. ل + ال is written لل.
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")


@cache
def word_forms(word: str) -> dict[str, int]:
    """Every reading of a normalised word once clitics are removed: form -> prefix length.

    `word_forms("وبالرئيس")` contains `"رئيس"` (prefix length 4). Latin words have one form.
    """
    forms = {word: 0}
    if not word or not is_arabic_letter(word[0]):
        return forms
    for conjunction in _CONJUNCTIONS:
        for preposition in _PREPOSITIONS:
            for article in ("", "ال"):
                prefix = conjunction + preposition + article
                if preposition == "ل" and article:
                    prefix = conjunction + "لل"
                if not prefix or not word.startswith(prefix):
                    continue
                rest = word[len(prefix) :]
                if len(rest) >= 2:
                    forms.setdefault(rest, len(prefix))
    return forms


def key(word: str) -> str:
    """The comparison key of one gazetteer word: normalised, without the article."""
    return strip_article(normalize(word))
