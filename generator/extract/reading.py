"""Reading the article file, and deciding its language; bad input is refused with a reason.

Refused: a missing file, a folder or another file that is not a regular one (a named pipe, a
device: never read, so never waited on), a file over `MAX_ARTICLE_BYTES`, an empty file, a
binary file (NUL or other control bytes), a file that is not UTF-8, and text in neither Arabic
nor English.

Language: the script with most letters decides between Arabic and Latin text. Arabic-script
text is Arabic unless Persian or Urdu letters (پ چ ژ گ ک ی ٹ ڈ ں ے) and Persian words (است،
این، را، می) outweigh Arabic ones. Latin-script text is English when English function words
("the", "of", "and"...) are at least 5% of the words and more frequent than those of French,
Spanish, German, Italian or Portuguese.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from generator.extract.normalize import is_arabic_letter


class ExtractError(Exception):
    """Input the extractor refuses; the message says why and names the file."""


# The largest article read. News reports are 1-20 KB (Arabic text takes about two bytes a
# character), so 200 KB is ten times the longest of them; more is not one article (several
# pasted together, a whole page, a dump) or is meant to make the extraction slow. Extraction
# takes time and writes drafts in proportion to the text: a few seconds and some megabytes of
# drafts at this size even for a text made to give the most work, a fraction of a second for
# an ordinary report.
MAX_ARTICLE_BYTES = 200_000

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_article(path: Path, shown: str) -> str:
    """The article's text, or ExtractError with a message naming `shown`."""
    data = _read_bytes(path, shown)
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


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, up to the limit. The file is opened without waiting (a named pipe
    with no writer would block an ordinary open) and looked at before anything is read."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise ExtractError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ExtractError(f"{shown}: a folder, not a text file") from None
    except OSError as error:
        raise ExtractError(f"{shown}: cannot be read ({error.strerror})") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise ExtractError(f"{shown}: a folder, not a text file")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
            raise ExtractError(
                f"{shown}: {kind}, not a regular file; save the article to a file and pass that"
            )
        if info.st_size > MAX_ARTICLE_BYTES:
            raise _too_large(shown, f"{info.st_size:,} bytes")
        with open(descriptor, "rb", closefd=False) as file:
            data = file.read(MAX_ARTICLE_BYTES + 1)
    except OSError as error:
        raise ExtractError(f"{shown}: cannot be read ({error.strerror})") from None
    finally:
        os.close(descriptor)
    if len(data) > MAX_ARTICLE_BYTES:  # it grew since it was looked at
        raise _too_large(shown, f"over {MAX_ARTICLE_BYTES:,} bytes")
    return data


def _too_large(shown: str, size: str) -> ExtractError:
    return ExtractError(
        f"{shown}: too large for an article ({size}; the limit is {MAX_ARTICLE_BYTES:,} bytes, "
        "and news reports are 1-20 KB); extract one article at a time"
    )


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
