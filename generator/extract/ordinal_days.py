"""Days of the month written as Arabic ordinals: «الثاني من آذار», «الثاني عشر من أيار»,
«الحادي والعشرين من تموز». `generator.extract.dates` reads them where it reads a day's digits."""

from __future__ import annotations

from functools import cache

from generator.extract.normalize import normalize

_UNITS = (
    "الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع",
)  # fmt: skip
# The forms a unit takes in 11-19 and 21-29 («الحادي عشر», «الحادي والعشرين»).
_COMPOUND_UNITS = ("الحادي", *_UNITS[1:])


@cache
def ordinal_days() -> dict[str, int]:
    """Each ordinal day 1-31 in the matching form (`normalize`), to its number."""
    days: dict[str, int] = {}
    for number, word in enumerate(_UNITS, start=1):
        days[word] = number
    days["العاشر"] = 10
    for number, word in enumerate(_COMPOUND_UNITS, start=11):
        days[f"{word} عشر"] = number
    days["العشرين"] = 20
    for number, word in enumerate(_COMPOUND_UNITS, start=21):
        days[f"{word} والعشرين"] = number
    days["الثلاثين"] = 30
    days["الحادي والثلاثين"] = 31
    return {normalize(words): number for words, number in days.items()}


def day_number(text: str) -> int:
    """The day that digits or an ordinal (as matched, in the matching form) give."""
    return int(text) if text.isdigit() else ordinal_days()[" ".join(text.split())]
