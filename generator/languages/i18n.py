"""Per-language labels (catalogs) and CLDR formatting (Babel): dates, numbers, countries.

Nothing here is hand-written per language except the labels in `catalogs/<lang>.yml`;
month names, digits, number grouping, currency and country names all come from CLDR.
"""

from __future__ import annotations

import datetime
import string
from collections.abc import Hashable
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal, Protocol

import yaml
from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal, get_currency_name

from generator.languages import language
from generator.languages.former_states import former_state

# The shapes of the data format this module formats (`generator.data.schema`'s PartialDate and
# Amount), as protocols: the languages are the ground floor and import nothing above them.


class PartialDate(Hashable, Protocol):
    @property
    def precision(self) -> Literal["year", "month", "day"]: ...

    def earliest(self) -> tuple[int, int, int]: ...


class LanguageText(Protocol):
    def get(self, lang: str) -> str | None: ...


class Amount(Protocol):
    @property
    def value(self) -> float: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def unit(self) -> LanguageText | None: ...
    @property
    def period(self) -> str: ...


CATALOG_DIR = Path(__file__).parent / "catalogs"


@cache
def catalog(lang: str) -> dict[str, str]:
    """The labels of one language; every catalog has the same keys (checked by a test)."""
    with (CATALOG_DIR / f"{lang}.yml").open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {str(key): str(value) for key, value in data.items()}


def label(lang: str, key: str, **values: object) -> str:
    """A label, with `{placeholders}` filled in; KeyError names the missing key."""
    try:
        text = catalog(lang)[key]
    except KeyError:
        raise KeyError(f"label {key!r} is missing from catalogs/{lang}.yml") from None
    return text.format(**values) if values else text


def _locale(lang: str) -> str:
    return language(lang).locale


def country_name(code: str, lang: str) -> str:
    """The country's name in CLDR for the language ('PK' -> 'Pakistan' / 'باكستان'); a
    former state's from `former_states.yml` ('SUHH' -> 'Soviet Union') or from the data's
    declaration, in another language when it has no name in this one."""
    former = former_state(code)  # not cached: a check may declare other states
    if former is not None:
        return former.names.get(lang) or next(iter(former.names.values()), code)
    return _cldr_country_name(code, lang)


@cache
def _cldr_country_name(code: str, lang: str) -> str:
    name = Locale.parse(_locale(lang)).territories.get(code)
    return str(name) if name else code


def _as_date(date: PartialDate) -> datetime.date:
    year, month, day = date.earliest()
    return datetime.date(year, month, day)


_SKELETONS = {"month": "yMMMM", "year": "y"}


# Babel formats a date in tens of microseconds; a visit's dates appear on half a dozen pages.
@lru_cache(maxsize=1 << 16)
def format_partial_date(date: PartialDate, lang: str) -> str:
    """A date at its own precision: '25 November 2025', 'October 2025', '2025'."""
    if date.precision == "day":
        return str(format_date(_as_date(date), format="long", locale=_locale(lang)))
    return str(format_skeleton(_SKELETONS[date.precision], _as_date(date), locale=_locale(lang)))


@lru_cache(maxsize=1 << 16)
def format_date_range(start: PartialDate, end: PartialDate | None, lang: str) -> str:
    """A compact range when both ends share a precision ('25–26 November 2025')."""
    if end is None or end == start:
        return format_partial_date(start, lang)
    if start.precision == end.precision == "day" and start.earliest()[:2] == end.earliest()[:2]:
        first_day = format_date(_as_date(start), format="d", locale=_locale(lang))
        return f"{first_day}–{format_partial_date(end, lang)}"
    return f"{format_partial_date(start, lang)} – {format_partial_date(end, lang)}"


def format_number(value: float, lang: str) -> str:
    return str(format_decimal(value, locale=_locale(lang), numbering_system=language(lang).digits))


def format_amount(amount: Amount, lang: str) -> str:
    """'10 billion US dollars per year' / '10 مليار دولار أمريكي سنويًا'."""
    value = amount.value
    number = (
        str(
            format_compact_decimal(
                value,
                format_type="long",
                locale=_locale(lang),
                fraction_digits=2,
                numbering_system=language(lang).digits,
            )
        )
        if value >= 1_000_000
        else format_number(value, lang)
    )
    if amount.currency is not None:
        unit = str(get_currency_name(amount.currency, count=value, locale=_locale(lang)))
    else:
        assert amount.unit is not None
        unit = amount.unit.get(lang) or ""
    text = f"{number} {unit}"
    if amount.period in ("year", "month"):
        text += " " + label(lang, f"per_{amount.period}")
    return text


def join_list(items: list[str], lang: str) -> str:
    """'A, B and C' / 'A، B وC' using the catalog's separators."""
    if len(items) <= 1:
        return "".join(items)
    between, last = list_separators(lang)
    return between.join(items[:-1]) + last + items[-1]


@cache
def list_separators(lang: str) -> tuple[str, str]:
    """What goes between the items of a list, and before its last item.

    The last comes from the catalog's pattern `list_and` ("{items} and {last}"; Arabic
    attaches "و" to the next word: "{items} و{last}").
    """
    pieces = list(string.Formatter().parse(label(lang, "list_and")))
    fields = [field for _, field, _, _ in pieces]
    if fields[:2] != ["items", "last"] or pieces[0][0]:
        raise ValueError(f"catalogs/{lang}.yml: list_and must be '{{items}}<words>{{last}}'")
    return label(lang, "list_separator"), pieces[1][0]
