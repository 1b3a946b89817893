"""Arabic (and Latin) normalisation for matching, keeping a map back to the original text.

Matching compares normalised forms: the project's Arabic normalisation at matching strength
(generator/languages/arabic.py: alef forms أ إ آ ٱ become ا, alef maqsura ى becomes ي, ta marbuta
ة becomes ه, diacritics and tatweel are removed, Persian ی/ک become ي/ك, Arabic-Indic digits
become ASCII digits), typographic quotes become ASCII and Latin letters are lower-cased. Every
character of the normalised text remembers the original character it came from, so a match is
always reported as a span of the text as written.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from generator.languages import arabic

# Beyond Arabic (generator/languages/arabic.py folds that): typographic quotes and spaces.
_OTHER = {
    "’": "'",
    "‘": "'",
    "\u00a0": " ",
}


@cache
def normalize_char(char: str) -> str:
    """The normalised form of one character: empty when it is dropped."""
    folded = arabic.fold(char, letters=True, digits=True)
    if folded is not None:
        return folded
    return _OTHER.get(char) or char.lower()


def written_with_alef_maqsura(word: str) -> bool:
    """Whether a word as written ends with ى (marks aside): «على» the preposition, where the
    matching form «علي» is also the name Ali. Only the text as written tells them apart."""
    letters = [char for char in word if not arabic.is_dropped(char)]
    return bool(letters) and letters[-1] == "\u0649"


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
        while stop < len(self.text) and arabic.is_dropped(self.text[stop]):
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
