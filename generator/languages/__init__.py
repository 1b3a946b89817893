"""The site's languages, as data: code, name, text direction, CLDR locale, digits, collation
and search settings.

Everything that differs by language is looked up here or in the language's catalog
(`catalogs/<code>.yml`); no module outside `extract/` branches on a language's code. Adding a
language is a `Language` here and a catalog beside the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Search:
    """Material's search plugin settings for one language (`plugins.search` in MkDocs)."""

    lang: str  # lunr's language: its stemmer and stop words
    # lunr's pipeline (stemmer, stop words); None keeps lunr's own for `lang`.
    pipeline: tuple[str, ...] | None = None
    separator: str | None = None  # what splits words; None keeps Material's default

    def plugin_config(self) -> dict[str, object]:
        config: dict[str, object] = {"lang": self.lang}
        if self.pipeline is not None:
            config["pipeline"] = list(self.pipeline)
        if self.separator is not None:
            config["separator"] = self.separator
        return config


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name, as shown in the switcher
    direction: str  # "ltr" or "rtl"
    # The CLDR locale Babel formats with; en_GB gives "25 November 2025", day before month.
    locale: str
    search: Search
    # The CLDR numbering system numbers are written in ("latn": 0-9; "arab": ٠-٩).
    digits: str = "latn"
    # How lists are sorted for display: the Unicode Collation Algorithm's table ("root": the
    # DUCET, which orders Latin and Arabic letters alphabetically); see `collation.sort_key`.
    collation: str = "root"
    # The script its words are written in, as Unicode names it: names in it sort first.
    script: str = "LATIN"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language(
        code="en",
        name="English",
        direction="ltr",
        locale="en_GB",
        search=Search(lang="en"),
    ),
    Language(
        code="ar",
        name="العربية",
        direction="rtl",
        locale="ar",
        # lunr's Arabic stop words include "زيارة" (visit) and its stemmer loses "الرياض":
        # no pipeline, and a separator that also splits off a leading "ال".
        search=Search(lang="ar", pipeline=(), separator=r"[\s\-]+|(?<=^|[\s\-])ال"),
        # Babel's `ar` writes 0-9 by default, as Arabic news sites do.
        digits="latn",
        script="ARABIC",
    ),
)
LANGUAGE_CODES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES)
DEFAULT_LANGUAGE = LANGUAGES[0]


@cache
def language(code: str) -> Language:
    """The language with this code; KeyError names the codes that exist."""
    for lang in LANGUAGES:
        if lang.code == code:
            return lang
    raise KeyError(f"unknown language {code!r}; the site's languages: {', '.join(LANGUAGE_CODES)}")


@cache  # asked on every page for every link: the answer never changes
def other_languages(code: str) -> tuple[Language, ...]:
    return tuple(lang for lang in LANGUAGES if lang.code != code)
