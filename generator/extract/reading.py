"""Reading the article file, and deciding its language; bad input is refused with a reason.

Refused: an empty file, a binary file (NUL or other control bytes), a file that is not UTF-8,
and text in neither Arabic nor English.

Language: the script with most letters decides between Arabic and Latin text. Arabic-script
text is Arabic unless Persian or Urdu letters (پ چ ژ گ ک ی ٹ ڈ ں ے) and Persian words (است،
این، را، می) outweigh Arabic ones. Latin-script text is English when English function words
("the", "of", "and"...) are at least 5% of the words and more frequent than those of French,
Spanish, German, Italian or Portuguese.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.extract.normalize import is_arabic_letter


class ExtractError(Exception):
    """Input the extractor refuses; the message says why and names the file."""


def read_article(path: Path, shown: str) -> str:
    """The article's text, or ExtractError with a message naming `shown`."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ExtractError(f"{shown}: a folder, not a text file") from None
    except OSError as error:
        raise ExtractError(f"{shown}: cannot be read ({error.strerror})") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ExtractError(f"{shown}: the file is empty; expected the text of an article")
    if b"\x00" in data:
        position = data.index(b"\x00")
        raise ExtractError(
            f"{shown}: looks like a binary file (NUL byte at byte {position}); "
            "expected plain text in UTF-8"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = data[error.start]
        raise ExtractError(
            f"{shown}: not UTF-8 text (byte 0x{byte:02x} at offset {error.start} is invalid); "
            "convert it first, e.g. `iconv -f WINDOWS-1256 -t UTF-8` for Arabic Windows text "
            "or `iconv -f LATIN1 -t UTF-8`"
        ) from None
    controls = [char for char in text if ord(char) < 32 and char not in "\t\n\r\f"]
    if len(controls) > 2:
        raise ExtractError(
            f"{shown}: looks like a binary file ({len(controls)} control characters); "
            "expected plain text in UTF-8"
        )
    return text


_PERSIAN_LETTERS = set("پچژگکیٹڈڑںےھ")
_PERSIAN_WORDS = {"است", "این", "را", "می", "های", "هستند", "بود", "شد", "کرد", "برای", "با", "که"}
_ARABIC_WORDS = {"في", "من", "على", "إلى", "أن", "التي", "الذي", "عن", "مع", "وقال", "كما"}
_WORD = re.compile(r"[^\W\d_]+")
_LATIN_STOP = {
    "en": {"the", "of", "and", "to", "in", "a", "is", "on", "for", "with", "said", "that",
           "was", "by", "at", "his", "from", "as", "has", "will"},
    "French": {"le", "la", "les", "des", "et", "du", "est", "une", "dans", "pour", "sur", "qui",
               "au", "avec", "pas", "ce", "il", "a"},
    "Spanish": {"el", "los", "las", "del", "y", "que", "en", "una", "por", "con", "para", "es",
                "se", "al", "su"},
    "German": {"der", "die", "das", "und", "ist", "nicht", "mit", "den", "von", "zu", "ein",
               "eine", "auf", "im", "sich"},
    "Italian": {"il", "di", "che", "e", "della", "per", "una", "sono", "non", "con", "gli",
                "nel", "alla"},
    "Portuguese": {"o", "os", "do", "da", "em", "um", "uma", "que", "não", "com", "para", "são",
                   "dos", "ao"},
}  # fmt: skip


def detect_language(text: str) -> tuple[str | None, str]:
    """("ar" | "en" | None, why). None means another language, named in the reason."""
    arabic = sum(is_arabic_letter(char) for char in text)
    persian_letters = sum(char in _PERSIAN_LETTERS for char in text)
    latin = sum(char.isascii() and char.isalpha() for char in text)
    if arabic == 0 and latin == 0:
        return None, "no Arabic or Latin letters"
    if arabic + persian_letters >= latin:
        words = _WORD.findall(text)
        persian = persian_letters + 3 * sum(word in _PERSIAN_WORDS for word in words)
        arabic_score = 3 * sum(word in _ARABIC_WORDS for word in words) + text.count("ة")
        if persian > arabic_score:
            return None, (
                f"Arabic script but Persian or Urdu text ({persian_letters} Persian/Urdu "
                "letters, words such as است/را/می)"
            )
        return "ar", f"Arabic script ({arabic} Arabic letters, {latin} Latin)"
    words = [word.lower() for word in _WORD.findall(text) if word.isascii()]
    scores = {name: sum(word in stop for word in words) for name, stop in _LATIN_STOP.items()}
    best = max(scores, key=lambda name: (scores[name], name == "en"))
    if best == "en" and scores["en"] >= max(1, 0.05 * len(words)):
        return "en", f"English ({scores['en']} of {len(words)} words are English function words)"
    guess = best if best != "en" and scores[best] > 0 else "an unknown language"
    return None, f"Latin script but not English (looks like {guess})"
