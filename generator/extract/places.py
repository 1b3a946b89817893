"""Places and countries in both languages, from CLDR and the project's own data.

- countries: CLDR territory names in English and Arabic (plus a few common short forms);
- cities: CLDR's exemplar cities of time zones (Tehran, Karachi, Baghdad...), the places of
  `site_data/visits/`, and the capitals and main cities of the region CLDR has no time zone
  for (`data/cities.tsv`, with their other spellings);
- country adjectives ("Pakistani", "الباكستاني"), to read a nationality in a title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from babel import Locale
from babel.core import get_global
from babel.dates import get_timezone_location

from generator.data.dataset import Dataset
from generator.data.schema import COUNTRY_CODES
from generator.extract.normalize import key
from generator.extract.phrases import PhraseMatcher


@dataclass(frozen=True)
class Place:
    """A place a visit can go to. `kind` is "country" or one of the schema's place kinds, or
    None for a place of the data whose kind is not given."""

    en: str
    ar: str
    kind: str | None
    country: str
    city_en: str | None = None
    city_ar: str | None = None


# Common short forms CLDR does not list as the territory's name.
_COUNTRY_ALIASES = {
    "US": ("United States of America", "US", "U.S.", "USA", "America", "أمريكا", "واشنطن"),
    "GB": ("Britain", "UK", "بريطانيا"),
    "TR": ("Turkey", "Türkiye", "تركيا"),
    "AE": ("UAE", "the Emirates", "الإمارات"),
    "SA": ("Saudi Arabia", "السعودية"),
    "KR": ("South Korea", "كوريا الجنوبية"),
    "KP": ("North Korea", "كوريا الشمالية"),
    "RU": ("Russia", "روسيا"),
    "CN": ("China", "الصين"),
    "SY": ("Syria", "سوريا", "سورية"),
}

_ARABIC_ADJECTIVES = {
    "US": ("أمريكي", "أميركي"),
    "GB": ("بريطاني",),
    "AE": ("إماراتي",),
    "AF": ("أفغاني",),
    "SA": ("سعودي",),
    "TR": ("تركي",),
    "RU": ("روسي",),
    "IQ": ("عراقي",),
}
_ENGLISH_ADJECTIVES = {
    "US": ("American", "US", "U.S."),
    "GB": ("British", "U.K."),
    "TR": ("Turkish",),
    "CN": ("Chinese",),
    "FR": ("French",),
    "DE": ("German",),
    "AE": ("Emirati",),
    "SA": ("Saudi",),
    "AF": ("Afghan",),
    "JP": ("Japanese",),
    "NL": ("Dutch",),
    "CH": ("Swiss",),
    "ES": ("Spanish",),
    "QA": ("Qatari",),
    "IQ": ("Iraqi",),
    "PK": ("Pakistani",),
    "IR": ("Iranian",),
}


def _country_names() -> dict[str, tuple[str, str, tuple[str, ...]]]:
    en, ar = Locale("en").territories, Locale("ar").territories
    return {
        code: (en[code], ar[code], _COUNTRY_ALIASES.get(code, ()))
        for code in sorted(COUNTRY_CODES)
        if code in en and code in ar
    }


def _first_part(name: str) -> str:
    return name.split(",")[0].strip()


@cache
def _cldr_cities() -> tuple[Place, ...]:
    zones: dict[str, str] = dict(get_global("zone_territories"))
    cities = []
    for zone, country in sorted(zones.items()):
        if zone.startswith(("Etc/", "Antarctica/")) or country not in COUNTRY_CODES:
            continue
        en = _first_part(get_timezone_location(zone, "en", return_city=True))
        ar = _first_part(get_timezone_location(zone, "ar", return_city=True))
        if en and ar and len(key(ar)) >= 3:
            cities.append(Place(en, ar, "city", country))
    return tuple(cities)


@cache
def _listed_cities() -> tuple[tuple[str, str, str, tuple[str, ...]], ...]:
    """The rows of `data/cities.tsv`: English, Arabic, country, other spellings."""
    text = resources.files("generator.extract").joinpath("data/cities.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        en, ar, code, *rest = line.split("\t")
        spellings = tuple(name.strip() for name in rest[0].split(";")) if rest else ()
        rows.append((en.strip(), ar.strip(), code.strip(), spellings))
    return tuple(rows)


class Places:
    """Every place known, and a matcher to find them in a document."""

    def __init__(self, dataset: Dataset | None) -> None:
        self.matcher: PhraseMatcher[Place] = PhraseMatcher()
        self.country_names: dict[str, tuple[str, str]] = {}
        countries = _country_names()
        for code, (en, ar, aliases) in countries.items():
            self.country_names[code] = (en, ar)
            place = Place(en, ar, "country", code)
            for name in (en, ar, *aliases):
                self.matcher.add(name, place)
        for city in _cldr_cities():
            self.matcher.add(city.en, city)
            self.matcher.add(city.ar, city)
        for en, ar, code, spellings in _listed_cities():
            place = Place(en, ar, "city", code)
            for name in (en, ar, *spellings):
                self.matcher.add(name, place)
        if dataset is not None:
            for visit in dataset.visits.values():
                for item in visit.places:
                    name_en, name_ar = item.name.en, item.name.ar
                    if name_en is None or name_ar is None:
                        continue  # a draft names places in both languages: only complete ones
                    place = Place(
                        name_en,
                        name_ar,
                        item.kind,
                        visit.to_country,
                        item.city.en if item.city else None,
                        item.city.ar if item.city else None,
                    )
                    self.matcher.add(name_en, place)
                    self.matcher.add(name_ar, place)
        self.adjectives: dict[str, str] = {}  # normalised adjective -> country code
        for code, (en, ar, aliases) in countries.items():
            for name in (ar, *[alias for alias in aliases if not alias.isascii()]):
                for adjective in _arabic_adjectives(name):
                    self.adjectives.setdefault(adjective, code)
            for name in (en, *[alias for alias in aliases if alias.isascii()]):
                for adjective in _english_adjectives(name):
                    self.adjectives.setdefault(adjective, code)
        for table in (_ARABIC_ADJECTIVES, _ENGLISH_ADJECTIVES):
            for code, words in table.items():
                for word in words:
                    self.adjectives[key(word)] = code

    def country_of_adjective(self, word: str) -> str | None:
        """The country of an adjective such as "الباكستانية" or "Iranian"."""
        normalized = key(word)
        for candidate in (normalized, normalized.removesuffix("ه"), normalized + "ي"):
            if candidate in self.adjectives:
                return self.adjectives[candidate]
        return None


@cache
def country_place(code: str) -> Place:
    """A country as a place, named as CLDR names it."""
    return Place(Locale("en").territories[code], Locale("ar").territories[code], "country", code)


def _arabic_adjectives(name: str) -> list[str]:
    """Nisba forms: باكستان -> باكستاني, تركيا -> تركي, الصين -> صيني."""
    if " " in name.strip():
        return []
    base = key(name)
    forms = [base + "ي"]
    if base.endswith(("ا", "ه")):
        forms.append(base[:-1] + "ي")
    if base.endswith("يا"):  # إندونيسيا -> إندونيسي, ماليزيا -> ماليزي
        forms.append(base[:-1])
    if base.endswith("ستان") and len(base) > 7:  # أوزبكستان -> أوزبكي
        forms.append(base[:-4] + "ي")
    return forms


def _english_adjectives(name: str) -> list[str]:
    """Pakistan -> Pakistani, Iran -> Iranian, India -> Indian, Egypt -> Egyptian."""
    if " " in name.strip():
        return []
    base = key(name)
    forms = [base + "i", base + "ian", base + "n", base + "ese"]
    if base.endswith("stan") and len(base) > 8:  # Uzbekistan -> Uzbek, Kazakhstan -> Kazakh
        forms.append(base.removesuffix("stan").removesuffix("i"))
    if base.endswith("a"):
        forms.append(base + "n")
    if base.endswith("y"):
        forms.append(base[:-1])
    return forms
