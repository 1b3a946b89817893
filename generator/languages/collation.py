"""Sorting for display, per language, with the Unicode Collation Algorithm.

Python's own order compares code points: "Zed" before "apple", "Éric" after "eve", and Arabic
letters with hamza (أ, إ) after every other letter. `pyuca` is the UCA in pure Python, with
the DUCET table: letters in alphabetical order whatever their case or accents, in Latin and
Arabic script alike (PyICU would tailor per locale, but needs ICU's C++ library to build).
Each language names its table in `Language.collation`; "root", the DUCET, is the only one.

A key is never the whole order: callers append the entity's id, so that equal names still
come out the same on every build.
"""

from __future__ import annotations

import unicodedata
import warnings
from functools import cache, lru_cache

from pyuca import Collator

from generator.languages import language

_TABLES = ("root",)


@cache
def _collator(table: str) -> Collator:
    if table not in _TABLES:
        raise KeyError(f"unknown collation {table!r}; available: {', '.join(_TABLES)}")
    # pyuca opens its table without naming an encoding; the table is ASCII, so any encoding
    # reads it the same, and the warning (an error under PYTHONWARNDEFAULTENCODING) is not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", EncodingWarning)
        return Collator()  # reads the DUCET once (a fifth of a second)


@lru_cache(maxsize=1 << 16)
def sort_key(text: str, lang: str) -> tuple[int, ...]:
    """The key that sorts `text` among others in `lang`'s alphabetical order: names written
    in the page's own script first (the DUCET puts every Latin letter before the Arabic
    ones, so an Arabic list began with the names not yet translated)."""
    collator = _collator(language(lang).collation)
    own = 0 if _in_script(text, language(lang).script) else 1
    return (own, *collator.sort_key(text))  # pyuca decomposes (NFD) first


def _in_script(text: str, script: str) -> bool:
    """Whether the first letter of `text` is of `script` ("ARABIC", "LATIN")."""
    letter = next((c for c in text if c.isalpha()), "")
    return unicodedata.name(letter, "").startswith(script)


def load_collations(codes: list[str]) -> None:
    """Read the collation tables of these languages now (before forking workers that share
    them), rather than on the first sort in each worker."""
    for code in codes:
        _collator(language(code).collation)
