"""Dates: explicit, weekdays and relative ones, resolved against the article's date.

Month names come from CLDR in English and in the Arabic variants in use: the Egyptian/Gulf
names (أغسطس), the Levantine/Iraqi ones (آب, تشرين الأول) and the Maghrebi ones (غشت, أوت),
also in the paired form "أغسطس (آب)". Each date keeps the precision the text gives: "أغسطس
الماضي" is a month, never a day; a weekday ("الثلاثاء") is a day because it names one.

Resolution, relative to the article's date D:
- a weekday alone is the most recent such day on or before D ("last" before, "next" after);
- a month without a year is the nearest such month to D, or the one before/after D with
  "الماضي"/"last" and "المقبل"/"next", and the last one on or before D when its clause speaks
  of the past ("had led a delegation in November", `generator.extract.tense`);
- "الشهر الماضي"/"last month" is D's month minus one, "العام الماضي"/"last year" D's year
  minus one, "اليوم"/"today" D itself.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from babel.dates import get_day_names, get_month_names

from generator.data.schema import PartialDate
from generator.extract.model import DateFound, evidence
from generator.extract.normalize import normalize
from generator.extract.ordinal_days import day_number, ordinal_days
from generator.extract.tense import (
    Future,
    opens_future_sentence,
    speaks_of_future,
    speaks_of_past,
)
from generator.extract.text import Document, Span, keep_longest

_MONTH_LOCALES = ("en", "ar", "ar_SY", "ar_MA", "ar_TN")
# Month names that are also ordinary words: read as months only next to a day, a year, another
# month name, or a word such as "in"/"في"/"شهر"/"الماضي".
_AMBIGUOUS = {normalize(word) for word in ("may", "march", "مارس", "آب", "ماي", "جوان")}

_PAST = {normalize(word) for word in ("الماضي", "المنصرم", "الفائت", "الماضية", "last")}
_FUTURE = {normalize(word) for word in ("المقبل", "القادم", "المقبلة", "القادمة", "next")}
_DAY_WORDS = {"امس": -1, "اول امس": -2, "اليوم": 0, "غدا": 1}
_PREPOSITIONS = {"in", "on", "since", "during", "until", "by", "from", "في", "خلال", "منذ", "حتي"}
_CURRENT = {normalize(word) for word in ("الجاري", "الحالي", "this", "هذا")}


@cache
def _months() -> dict[str, int]:
    names: dict[str, int] = {}
    for locale in _MONTH_LOCALES:
        for number, name in get_month_names("wide", locale=locale).items():
            names[normalize(name)] = int(number)
    for number, name in get_month_names("abbreviated", locale="en").items():
        names.setdefault(normalize(name), int(number))
    names["sept"] = 9
    return names


@cache
def _weekdays() -> dict[str, int]:
    """Normalised weekday name -> Python weekday (Monday is 0)."""
    days: dict[str, int] = {}
    for locale in ("en", "ar"):
        for number, name in get_day_names("wide", locale=locale).items():
            days[normalize(name)] = int(number)
    return days


def _alternation(words: list[str]) -> str:
    ordered = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in ordered)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    full = [name for name in _months() if len(name) > 3 or not name.isascii()] + ["may"]
    month = rf"(?:[وفبل](?=[^\W\d_]))?(?P<m>{_alternation(full)})"
    month_any = rf"(?P<m>{_alternation(list(_months()))})\.?"
    alt = rf"(?:\s*[(/]\s*(?P<alt>{_alternation(list(_months()))})\s*\)?)?"
    day = rf"(?P<d>\d{{1,2}}|{_alternation(list(ordinal_days()))})(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:1[89]|20)\d{2})(?!\d)"
    past_future = _alternation([*_PAST, *_FUTURE, *_CURRENT])
    qualifier = (
        rf"(?:,?\s+(?P<q>(?:من\s+)?(?:العام|السنه)\s+(?:الماضي|الماضيه|المقبل|الجاري)|"
        rf"(?:of\s+)?(?:last|this|next)\s+year|{past_future}))?"
    )
    weekday = _alternation(list(_weekdays()))
    agreeing = rf"(?:(?:(?:اليوم|يوم|امس|غدا)\s+)?(?:{weekday})\s+الموافق\s+)?"
    before = r"(?<![\w\d])"
    after = r"(?![\w])"
    pre_month = (
        r"(?:(?P<pre>in|since|last|next|this|early|late|mid|during|until|by|from|"
        r"في|خلال|منذ|شهر|حتي|مطلع|اواخر|اوائل|منتصف|بدايه|نهايه)\s+)?"
    )
    specs = [
        ("dmy", rf"{day}\s+(?:of\s+|من\s+)?{month_any}{alt},?\s+(?:عام\s+|سنه\s+)?{year}"),
        ("mdy", rf"{month_any}{alt}\s+{day},?\s+{year}"),
        ("my", rf"{month}{alt},?\s+(?:of\s+|عام\s+|سنه\s+)?{year}"),
        # «اليوم الثلاثاء الموافق 18 تشرين الثاني»: the weekday and its date, one expression.
        ("dm", rf"{agreeing}{day}\s+(?:of\s+|من\s+)?{month}{alt}{qualifier}"),
        # KUNA's dateline «الكويت - 23 - 9 (كونا)»: day and month in figures before the agency.
        ("dmn", r"(?P<d>\d{1,2})\s*-\s*(?P<mn>\d{1,2})(?=\s*\()"),
        ("md", rf"{month}\s+{day}(?![\d,]*\s*\d{{4}})"),
        # A dateline: "ISLAMABAD, Aug 2 (Reuters) -", "AUG 2".
        ("md", rf"{month_any}\s+{day}(?![\d,]*\s*\d{{4}})"),
        ("m", rf"{pre_month}{month}{alt}{qualifier}"),
        (
            "weekday",
            rf"(?:(?P<pre>last|next|this|on|يوم|اول\s+امس|امس|اليوم|غدا)\s+)?(?:[وف](?=ال))?"
            rf"(?P<w>{weekday})"
            rf"(?:\s+(?P<q>{past_future}))?",
        ),
        (
            "relative",
            r"(?P<rel>(?:earlier|later)\s+this\s+(?:month|year)|(?:this|last|next)\s+"
            r"(?:month|year)|(?:ال)?شهر\s+(?:الماضي|المنصرم|الفائت|المقبل|القادم|الجاري|"
            r"الحالي)|هذا\s+الشهر|(?:ال)?(?:عام|سنه)\s+(?:الماضي|الماضيه|المنصرم|المقبل|"
            r"المقبله|القادم|الجاري|الحالي)|هذا\s+العام|today|yesterday|tomorrow|اليوم|"
            r"(?:اول\s+)?امس|غدا)",
        ),
        ("year", rf"(?:in|since|عام|سنه|العام|في|منذ)\s+{year}"),
    ]
    return [(kind, re.compile(before + pattern + after)) for kind, pattern in specs]


@dataclass(frozen=True)
class _Raw:
    kind: str
    span: Span
    groups: dict[str, str | None]


def find_dates(document: Document, article_date: datetime.date | None) -> list[DateFound]:
    """Every date expression, longest first where they overlap, resolved when possible."""
    kept = keep_longest(list(_raw_dates(document)), lambda item: item.span)
    future = Future(document)
    found = []
    for item in kept:
        weekday = item.kind == "weekday" and not item.groups.get("q")
        if weekday and (future(item.span) or opens_future_sentence(document, item.span)):
            item.groups["future"] = "yes"
        # "had led a delegation in November": the last November, not the nearest one.
        past = item.kind in ("dm", "m") and speaks_of_past(document, item.span)
        if past and not speaks_of_future(document, item.span):
            item.groups["past"] = "yes"
        resolved = _resolve(item, article_date)
        if resolved is None:
            continue
        value, kind, note = resolved
        found.append(DateFound(evidence(document, item.span), value, kind, note))
    return found


def publication_date(dates: list[DateFound]) -> DateFound | None:
    """The article's date as the text gives it: an explicit full date near the start (a
    dateline), else the latest explicit full date."""
    full = [
        date
        for date in dates
        if date.kind == "explicit" and date.value is not None and date.value.day is not None
    ]
    if not full:
        return None
    early = [date for date in full if date.evidence.span.start < 300]
    if early:
        return early[0]
    return max(full, key=lambda date: (date.value, -date.evidence.span.start))


def _raw_dates(document: Document) -> Iterator[_Raw]:
    normalized = document.normalized
    for kind, pattern in _patterns():
        for match in pattern.finditer(normalized.norm):
            groups = match.groupdict()
            begin = match.start()
            if groups.get("pre") in _PREPOSITIONS:  # "in August": the date is "August"
                begin = match.start("m" if groups.get("m") else "w")
            elif kind in ("m", "my", "md", "weekday") and not groups.get("pre"):
                begin = match.start("m" if groups.get("m") else "w")  # not the clitic "و"
            start, end = normalized.span(begin, match.end())
            if not _plausible(document, kind, groups, match, start):
                continue
            yield _Raw(kind, Span(start, end), groups)


def _plausible(
    document: Document, kind: str, groups: dict[str, str | None], match: re.Match[str], start: int
) -> bool:
    month, weekday = groups.get("m"), groups.get("w")
    latin = month if month is not None else weekday
    if latin is not None and latin.isascii():
        group = "m" if month is not None else "w"
        position = document.normalized.span(match.start(group), match.end(group))[0]
        if not document.text[position].isupper():
            return False  # "may", "march": not the month unless capitalised
    if kind == "dmn":  # a dateline: in the article's first words, a month that is one
        opening = len(document.text[:start].split()) <= 3
        return opening and 1 <= int(groups["mn"] or 0) <= 12
    if kind == "m" and month in _AMBIGUOUS:
        return bool(groups.get("pre") or groups.get("q") or groups.get("alt"))
    if kind == "weekday" and weekday is not None and not weekday.isascii():
        return weekday.startswith("ال") or bool(groups.get("pre"))
    return True


def _resolve(item: _Raw, today: datetime.date | None) -> tuple[PartialDate | None, str, str] | None:
    groups = item.groups
    year = int(y) if (y := groups.get("y")) else None
    month = _months()[re.sub(r"\s+", " ", m)] if (m := groups.get("m")) else None
    if item.kind == "dmn":
        month = int(groups["mn"] or 0)
    day = day_number(d) if (d := groups.get("d")) else None
    qualifier = re.sub(r"\s+", " ", groups.get("q") or "")
    pre = groups.get("pre") or ""
    if item.kind in ("dmy", "mdy", "my"):
        assert year is not None and month is not None
        return _checked(year, month, day), "explicit", "as written"
    if item.kind in ("dm", "md", "m", "dmn"):
        assert month is not None
        if today is None:
            return None, "relative", "month without a year; no article date to resolve it"
        direction = _direction(qualifier or pre)
        year, how = _year_for(month, day, direction, qualifier, today)
        later = (month, day or 0) > (today.month, today.day if day else 0)
        if groups.get("past") and direction == 0 and not qualifier and later:
            year, how = today.year - 1, f"the last such month before {today}, told in the past"
        return _checked(year, month, day), "relative", how
    if item.kind == "weekday":
        assert groups["w"] is not None
        number = _weekdays()[groups["w"]]
        pre = re.sub(r"\s+", " ", pre)
        if pre in _DAY_WORDS and today is not None:  # "أمس الثلاثاء": yesterday, a Tuesday
            when = today + datetime.timedelta(days=_DAY_WORDS[pre])
            note = f"relative to {today.isoformat()}"
            if when.weekday() != number:
                note += f"; the text's weekday ({calendar.day_name[number]}) does not match"
            return PartialDate(when.year, when.month, when.day), "relative", note
        if groups.get("future"):
            qualifier, pre = "next", ""
        weekday = _weekday(number, _direction(qualifier or pre), today)
        if groups.get("future") and weekday[0] is not None:
            return weekday[0], weekday[1], weekday[2] + " (the clause speaks of the future)"
        return weekday
    if item.kind == "relative":
        assert groups["rel"] is not None
        return _relative(re.sub(r"\s+", " ", groups["rel"]), today)
    assert year is not None
    return PartialDate(year), "explicit", "a year"


def _checked(year: int, month: int, day: int | None) -> PartialDate | None:
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return PartialDate(year, month, day)


def _direction(word: str) -> int:
    """-1 for "last"/"الماضي", 1 for "next"/"المقبل", 0 otherwise (the last word decides)."""
    words = word.split()
    last = words[-1] if words else ""
    if last in _PAST:
        return -1
    return 1 if last in _FUTURE else 0


def _year_for(
    month: int, day: int | None, direction: int, qualifier: str, today: datetime.date
) -> tuple[int, str]:
    if "year" in qualifier or "العام" in qualifier or "السنه" in qualifier:
        shift = -1 if ("last" in qualifier or "الماضي" in qualifier) else 0
        shift = 1 if ("next" in qualifier or "المقبل" in qualifier) else shift
        return today.year + shift, f"the year relative to {today.isoformat()}"
    here = (month, day or 0)
    now = (today.month, today.day if day is not None else 0)
    if direction == -1:
        year = today.year if here < now else today.year - 1
        return year, f"the last such month before {today.isoformat()}"
    if direction == 1:
        year = today.year if here > now else today.year + 1
        return year, f"the next such month after {today.isoformat()}"

    def distance(year: int) -> tuple[int, int]:
        months = (year - today.year) * 12 + month - today.month
        return abs(months), 0 if months <= 0 else 1  # ties go to the past

    year = min((today.year - 1, today.year, today.year + 1), key=distance)
    return year, f"the nearest such month to {today.isoformat()}"


def _weekday(
    weekday: int, direction: int, today: datetime.date | None
) -> tuple[PartialDate | None, str, str]:
    if today is None:
        return None, "weekday", "a weekday; no article date to resolve it"
    if direction == 1:
        delta = (weekday - today.weekday()) % 7 or 7
        day = today + datetime.timedelta(days=delta)
        how = f"the next {calendar.day_name[weekday]} after {today.isoformat()}"
    else:
        delta = (today.weekday() - weekday) % 7
        if direction == -1 and delta == 0:
            delta = 7
        day = today - datetime.timedelta(days=delta)
        how = f"the {calendar.day_name[weekday]} on or before {today.isoformat()}"
    return PartialDate(day.year, day.month, day.day), "weekday", how


def _relative(phrase: str, today: datetime.date | None) -> tuple[PartialDate | None, str, str]:
    if today is None:
        return None, "relative", "relative to an article date that is unknown"
    how = f"relative to {today.isoformat()}"
    words = phrase.split()
    if phrase in ("today", "اليوم"):
        return PartialDate(today.year, today.month, today.day), "relative", how
    if phrase in ("yesterday", "امس", "اول امس", "tomorrow", "غدا"):
        delta = {"yesterday": -1, "امس": -1, "اول امس": -2, "tomorrow": 1, "غدا": 1}[phrase]
        day = today + datetime.timedelta(days=delta)
        return PartialDate(day.year, day.month, day.day), "relative", how
    shift = 0
    if any(word in _PAST for word in words) or "المنصرم" in words:
        shift = -1
    elif any(word in _FUTURE for word in words):
        shift = 1
    if "month" in phrase or "شهر" in phrase:
        index = today.year * 12 + today.month - 1 + shift
        return PartialDate(index // 12, index % 12 + 1), "relative", how
    return PartialDate(today.year + shift), "relative", how
