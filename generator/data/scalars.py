"""The data format's scalar types: ids, country, currency and language codes, web addresses
and partial dates, each with its check and its JSON Schema, and the limits of every text.

Part of the declaration (`generator.data.schema` uses them and offers them under its name).
"""

from __future__ import annotations

import calendar
import difflib
import re
from dataclasses import dataclass
from functools import cache, total_ordering
from typing import Annotated, Any, Literal

from babel import Locale
from babel.numbers import list_currencies
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.data.diagnostics import shortened
from generator.languages import LANGUAGE_CODES
from generator.languages.former_states import (
    USER_ASSIGNED_CODES,
    declared_states,
    former_states,
)


def fail(code: str, message: str) -> PydanticCustomError:
    """A validation error whose message is already complete (values may contain braces)."""
    return PydanticCustomError(code, "{message}", {"message": message})


# --- limits ---------------------------------------------------------------------------------
# The longest text each kind of field may hold: far beyond any real value, so that no editor
# ever meets them, and small enough that no file can make the site huge (a name of a million
# characters was accepted once, and repeated on every page that names the person). The check
# refuses a longer text, naming the field and its limit.
MAX_SHORT_LENGTH = 100  # ids, references, dates, codes: the longest real id has about 40
MAX_LINE_LENGTH = 300  # names, titles, roles, notes: one line (long official names are ~150)
MAX_URL_LENGTH = 2_000  # web addresses: what browsers, servers and crawlers reliably accept
MAX_LONG_LENGTH = 10_000  # summaries and quotes: a few paragraphs; the format asks for short ones
MAX_FORMER_IDS = 50  # each former id is a redirect page per language; renames are rare
# Numbers. An amount of 10^18 is a million trillion: ten billion dollars in Iranian rials is
# about 10^16. Counts are of agreements, memoranda, people: a billion is far beyond. Larger
# numbers made the build fail (formatting keeps 28 significant digits).
MAX_AMOUNT = 10**18
MAX_COUNT = 10**9


SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)

# Ids the site cannot use. `index`: every kind's folder has a generated page listing its
# entities (`people/index.md`, see generator/model/pages.py); an entity with that id would replace
# it. The others are the names Windows reserves for devices, whatever follows a dot
# (`con.yml` is CON): a checkout on Windows fails on such a file, or a redirect page there.
GENERATED_PAGE_IDS = ("index",)
WINDOWS_DEVICE_NAMES = (
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{digit}" for digit in range(10)),
    *(f"lpt{digit}" for digit in range(10)),
)
RESERVED_IDS = frozenset(GENERATED_PAGE_IDS + WINDOWS_DEVICE_NAMES)


def _check_slug(value: str) -> str:
    if not _SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "ali-larijani"
        raise fail(
            "sijill_slug",
            f"{shortened(value)!r} is not a valid id; allowed: lowercase letters a-z, digits "
            f"and single hyphens, e.g. {shortened(suggestion)!r}",
        )
    if len(value) > MAX_SHORT_LENGTH:
        raise fail(
            "sijill_slug_length",
            f"the id is {len(value):,} characters long; allowed: at most {MAX_SHORT_LENGTH}",
        )
    if value in GENERATED_PAGE_IDS:
        raise fail(
            "sijill_slug_reserved",
            f"{value!r} is reserved: the site makes the page <kind>/{value}.md listing every "
            f"entity of a kind; allowed: any id but {', '.join(GENERATED_PAGE_IDS)}, e.g. "
            f"'{value}-1'",
        )
    if value in WINDOWS_DEVICE_NAMES:
        raise fail(
            "sijill_slug_reserved",
            f"{value!r} is a device name on Windows, where no file may be called {value}.yml "
            f"or {value}.md; allowed: any id but con, prn, aux, nul, com0 to com9 and lpt0 to "
            f"lpt9, e.g. '{value}-1'",
        )
    return value


Slug = Annotated[
    str,
    AfterValidator(_check_slug),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": SLUG_PATTERN,
            "maxLength": MAX_SHORT_LENGTH,
            "not": {"enum": sorted(RESERVED_IDS)},
        }
    ),
]

# Codes that CLDR lists among territories but that are not countries.
# Regions, unions and pseudo-locales; and islands CLDR lists apart but ISO 3166-1 does not
# (Ascension, Clipperton, Sark, Diego Garcia, Ceuta & Melilla, Canaries, Tristan da Cunha).
# XK (Kosovo) stays: it is user-assigned but universally used.
_NOT_COUNTRIES = {
    "EU", "EZ", "UN", "QO", "ZZ", "XA", "XB",
    "AC", "CP", "CQ", "DG", "EA", "IC", "TA",
}  # fmt: skip
COUNTRY_CODES: frozenset[str] = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
)


# States that no longer exist, by their ISO 3166-3 four-letter code ('SUHH' the Soviet Union),
# from generator/languages/former_states.yml: a visit of 1985 came from the Soviet Union, not
# from Russia.
FORMER_STATE_CODES: frozenset[str] = frozenset(former_states())
ALL_COUNTRY_CODES: frozenset[str] = COUNTRY_CODES | FORMER_STATE_CODES


@cache
def _country_by_name() -> dict[str, str]:
    names = {str(name).casefold(): code for code, name in Locale("en").territories.items()}
    names.update(
        (name.casefold(), state.code)
        for state in former_states().values()
        for name in state.names.values()
    )
    return {name: code for name, code in names.items() if code in ALL_COUNTRY_CODES}


def _nearest_country(value: str) -> str | None:
    """The allowed code most like `value`: its upper case, the code of a country so named
    ('Iran'), the one former state whose code the old two-letter code begins ('SU' -> 'SUHH'),
    else the closest spelling of the same length ('SUHX' -> 'SUHH')."""
    upper = value.upper()
    if upper in ALL_COUNTRY_CODES:
        return upper
    named = _country_by_name().get(value.strip().casefold())
    if named is not None:
        return named
    former = [code for code in FORMER_STATE_CODES if len(upper) == 2 and code.startswith(upper)]
    if len(former) == 1:
        return former[0]
    same_length = sorted(code for code in ALL_COUNTRY_CODES if len(code) == len(upper))
    close = difflib.get_close_matches(upper, same_length, n=1, cutoff=0.7)
    return close[0] if close else None


def _check_country(value: str) -> str:
    if value not in ALL_COUNTRY_CODES and value not in declared_states():
        nearest = _nearest_country(value[:MAX_SHORT_LENGTH])
        hint = f" (did you mean {nearest!r}?)" if nearest else ""
        raise fail(
            "sijill_country",
            f"{shortened(value)!r} is not a country code{hint}; allowed: an ISO 3166-1 alpha-2 "
            "code (two upper-case letters such as 'IR', 'PK', 'CN'), 'XK' (Kosovo), or the ISO "
            "3166-3 code of a former state (" + ", ".join(sorted(FORMER_STATE_CODES)) + "), or "
            "the code of a state declared in site_data/former_states.yml" + _declared_codes(),
        )
    return value


def _declared_codes() -> str:
    codes = sorted(declared_states())
    return f" ({', '.join(codes)})" if codes else " (none is)"


CountryCode = Annotated[
    str,
    AfterValidator(_check_country),
    # Editors may use the user-assigned codes: the check says whether the data declares them.
    WithJsonSchema({"type": "string", "enum": sorted(ALL_COUNTRY_CODES | USER_ASSIGNED_CODES)}),
]

CURRENCY_CODES: frozenset[str] = frozenset(list_currencies())


def _check_currency(value: str) -> str:
    if value not in CURRENCY_CODES:
        raise fail(
            "sijill_currency",
            f"{value!r} is not an ISO 4217 currency code; allowed: three upper-case letters "
            "such as 'USD', 'EUR', 'PKR', 'IRR'",
        )
    return value


CurrencyCode = Annotated[
    str,
    AfterValidator(_check_currency),
    WithJsonSchema({"type": "string", "enum": sorted(CURRENCY_CODES)}),
]

LanguageCode = Annotated[
    Literal[LANGUAGE_CODES],  # type: ignore[valid-type]
    WithJsonSchema({"type": "string", "enum": list(LANGUAGE_CODES)}),
]


# Characters RFC 3986 does not allow in an address as they are. `|` ends a cell of a Markdown
# table on the page, `<`, `>`, `"` and `` ` `` end or start markup; browsers send them
# percent-encoded anyway, so the encoded address is the same address.
_URL_UNSAFE = '"<>\\^`{|}'
_URL_UNSAFE_PATTERN = "[" + re.escape(_URL_UNSAFE) + "]"


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/?#]+\.[^\s/?#]+[^\s]*$", value):
        raise fail(
            "sijill_url",
            f"{value!r} is not a web address; allowed: an absolute http:// or https:// URL",
        )
    unsafe = re.search(_URL_UNSAFE_PATTERN, value)
    if unsafe is not None:
        char = unsafe.group()
        encoded = re.sub(_URL_UNSAFE_PATTERN, lambda m: f"%{ord(m.group()):02X}", value)
        raise fail(
            "sijill_url_character",
            f"{value!r} holds {char!r} at character {unsafe.start() + 1}, which a web address "
            f"may not hold as it is; allowed: the same address percent-encoded ({char!r} is "
            f"'%{ord(char):02X}'): {encoded!r}",
        )
    return value


Url = Annotated[
    str,
    AfterValidator(_check_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "pattern": "^https?://",
            "maxLength": MAX_URL_LENGTH,
        }
    ),
]


# --- partial dates ------------------------------------------------------------------------

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date with the precision the source gives: a year, a month, or a day.

    Never widened: "October 2025" stays a month, and no day is invented for it.
    """

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def earliest(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    def latest(self) -> tuple[int, int, int]:
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return (self.year, month, day)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return (self.earliest(), self.latest()) < (other.earliest(), other.latest())

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        match = _DATE.match(text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)


def _parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    # An unquoted `2025` reaches us as a number; a year is still a valid partial date.
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not _DATE.match(text):
        raise fail(
            "sijill_date",
            f"{value!r} is not a date; allowed: YYYY, YYYY-MM or YYYY-MM-DD, with only the "
            "precision the source gives (e.g. '2025', '2025-10', '2025-11-25')",
        )
    date = PartialDate.parse(text)
    if date.year < 1:
        # Python's dates (and the site's) start at year 1: the build failed on year 0.
        raise fail(
            "sijill_date_impossible",
            f"{text!r} is not a real date: there is no year {date.year:04d}; allowed: years "
            "1 to 9999 ('0001' to '9999')",
        )
    month, day = date.month, date.day
    if month is not None and not 1 <= month <= 12:
        raise fail(
            "sijill_date_impossible",
            f"{text!r} is not a real date: month {month:02d} does not exist; allowed: 01 to 12",
        )
    if month is not None and day is not None:
        last = calendar.monthrange(date.year, month)[1]
        if not 1 <= day <= last:
            raise fail(
                "sijill_date_impossible",
                f"{text!r} is not a real date: {calendar.month_name[month]} {date.year} has "
                f"days 01 to {last:02d}",
            )
    return date


Date = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    WithJsonSchema({"type": ["string", "integer"], "pattern": DATE_PATTERN}),
]
