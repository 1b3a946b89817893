"""The site's languages, as data: code, name and text direction.

Everything that differs by language (direction, CLDR locale, search settings) is looked up
here; templates never hard-code `dir`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # the language's own name, as shown in the switcher
    direction: str  # "ltr" or "rtl"
    # The CLDR locale Babel formats with; en_GB gives "25 November 2025", day before month.
    locale: str


LANGUAGES: tuple[Language, ...] = (
    Language(code="en", name="English", direction="ltr", locale="en_GB"),
    Language(code="ar", name="العربية", direction="rtl", locale="ar"),
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
