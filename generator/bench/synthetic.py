"""A synthetic `site_data/` of any size, for the benchmark: realistic, valid, deterministic.

Both languages throughout: Arabic and English names from small word lists, Arabic summaries,
several positions per person, visits spread over 20 years and 60 countries, meetings, outcomes,
quotes, and sources that exist (published near the visit they report). The same seed and sizes
always give the same bytes. The data passes `check` (translations are sometimes missing on
purpose, as in real data: those are warnings, not errors).

Run alone: `python -m generator.bench.synthetic --people 200 --visits 1000 OUT_DIR`.

Longer than 400 lines: a third of it is the word lists (names, titles, places and phrases in
both languages) that make the data look real; the code that writes each kind is short.
"""

from __future__ import annotations

import argparse
import bisect
import random
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.languages.former_states import former_state
from generator.languages.i18n import country_name

# Sixty countries a regional desk follows, roughly by how often they appear in its news.
COUNTRIES: tuple[str, ...] = (
    "IR", "PK", "SA", "AE", "QA", "TR", "IQ", "AF", "CN", "RU",
    "IN", "OM", "EG", "SY", "LB", "JO", "KW", "BH", "YE", "AZ",
    "TM", "UZ", "TJ", "KZ", "KG", "AM", "GE", "DZ", "TN", "MA",
    "LY", "SD", "ET", "NG", "ZA", "KE", "BD", "LK", "MY", "ID",
    "JP", "KR", "US", "GB", "FR", "DE", "IT", "ES", "CH", "AT",
    "BE", "NL", "SE", "NO", "BR", "VE", "CU", "BY", "RS", "GR",
)  # fmt: skip

FIRST_NAMES: tuple[tuple[str, str], ...] = (
    ("Mohammad", "محمد"), ("Ali", "علي"), ("Hassan", "حسن"), ("Hussein", "حسين"),
    ("Ahmad", "أحمد"), ("Mahmoud", "محمود"), ("Abbas", "عباس"), ("Reza", "رضا"),
    ("Mehdi", "مهدي"), ("Javad", "جواد"), ("Abdullah", "عبد الله"), ("Khalid", "خالد"),
    ("Faisal", "فيصل"), ("Omar", "عمر"), ("Yousef", "يوسف"), ("Ibrahim", "إبراهيم"),
    ("Saeed", "سعيد"), ("Nasser", "ناصر"), ("Tariq", "طارق"), ("Salman", "سلمان"),
    ("Ishaq", "إسحاق"), ("Imran", "عمران"), ("Asif", "آصف"), ("Fatima", "فاطمة"),
    ("Maryam", "مريم"), ("Zahra", "زهراء"), ("Aisha", "عائشة"), ("Leila", "ليلى"),
    ("Sara", "سارة"), ("Hamid", "حميد"), ("Karim", "كريم"), ("Rashid", "راشد"),
    ("Majid", "ماجد"), ("Walid", "وليد"), ("Sami", "سامي"), ("Nabil", "نبيل"),
    ("Jamal", "جمال"), ("Kamal", "كمال"), ("Hadi", "هادي"), ("Mustafa", "مصطفى"),
)  # fmt: skip

LAST_NAMES: tuple[tuple[str, str], ...] = (
    ("Larijani", "لاريجاني"), ("Araghchi", "عراقجي"), ("Zarif", "ظريف"),
    ("Rouhani", "روحاني"), ("Khan", "خان"), ("Sharif", "شريف"), ("Dar", "دار"),
    ("Naqvi", "نقوي"), ("Qureshi", "قريشي"), ("Al Thani", "آل ثاني"), ("Haddad", "حداد"),
    ("Mansour", "منصور"), ("Khoury", "خوري"), ("Aziz", "عزيز"), ("Hashemi", "هاشمي"),
    ("Mousavi", "موسوي"), ("Tehrani", "طهراني"), ("Abbasi", "عباسي"), ("Karimi", "كريمي"),
    ("Rahimi", "رحيمي"), ("Saleh", "صالح"), ("Hamdan", "حمدان"), ("Othman", "عثمان"),
    ("Farouk", "فاروق"), ("Sultan", "سلطان"), ("Jaber", "جابر"), ("Yilmaz", "يلماز"),
    ("Demir", "دمير"), ("Aliyev", "علييف"), ("Qasemi", "قاسمي"), ("Baghaei", "بقائي"),
    ("Ghalibaf", "قاليباف"), ("Bhutto", "بوتو"), ("Zardari", "زرداري"), ("Najjar", "نجار"),
)  # fmt: skip

# (English, Arabic, the classification of the organization the position belongs to)
ROLES: tuple[tuple[str, str, str], ...] = (
    ("Minister of Foreign Affairs", "وزير الخارجية", "ministry"),
    ("Deputy Foreign Minister", "نائب وزير الخارجية", "ministry"),
    ("Spokesperson of the Foreign Ministry", "المتحدث باسم وزارة الخارجية", "ministry"),
    ("Prime Minister", "رئيس الوزراء", "government"),
    ("Minister of Interior", "وزير الداخلية", "government"),
    ("Minister of Trade", "وزير التجارة", "government"),
    ("Speaker of Parliament", "رئيس البرلمان", "parliament"),
    ("Member of Parliament", "عضو البرلمان", "parliament"),
    ("President", "رئيس الجمهورية", "presidency"),
    ("Chief of Staff of the President", "مدير مكتب رئيس الجمهورية", "presidency"),
    ("Secretary of the National Security Council", "أمين مجلس الأمن القومي", "council"),
    ("Chief of the Army Staff", "رئيس أركان الجيش", "military"),
    ("Ambassador", "سفير", "embassy"),
    ("Director of the News Agency", "مدير وكالة الأنباء", "news-agency"),
)

# (classification, English pattern, Arabic pattern); {c} is the country's name.
ORGANIZATION_PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("news-agency", "{c} News Agency", "وكالة أنباء {c}"),
    ("ministry", "Ministry of Foreign Affairs of {c}", "وزارة خارجية {c}"),
    ("government", "Government of {c}", "حكومة {c}"),
    ("parliament", "Parliament of {c}", "برلمان {c}"),
    ("presidency", "Presidency of {c}", "رئاسة {c}"),
    ("council", "National Security Council of {c}", "مجلس الأمن القومي في {c}"),
    ("military", "Armed Forces of {c}", "القوات المسلحة في {c}"),
    ("embassy", "Embassy of {c} in Islamabad", "سفارة {c} في إسلام آباد"),
)

TOPICS: tuple[tuple[str, str], ...] = (
    ("Bilateral trade", "التجارة الثنائية"), ("Border security", "أمن الحدود"),
    ("Energy cooperation", "التعاون في مجال الطاقة"), ("Gaza", "غزة"),
    ("Regional security", "الأمن الإقليمي"), ("Counter-terrorism", "مكافحة الإرهاب"),
    ("Water resources", "الموارد المائية"), ("Transport corridors", "ممرات النقل"),
    ("Refugees", "اللاجئون"), ("Investment", "الاستثمار"), ("Culture", "الثقافة"),
    ("Higher education", "التعليم العالي"), ("Health", "الصحة"), ("Agriculture", "الزراعة"),
    ("Nuclear talks", "المحادثات النووية"), ("Pilgrims", "الحجاج والزوار"),
)  # fmt: skip

CITIES: dict[str, tuple[tuple[str, str], ...]] = {
    "IR": (("Tehran", "طهران"), ("Mashhad", "مشهد")),
    "PK": (("Islamabad", "إسلام آباد"), ("Lahore", "لاهور")),
    "SA": (("Riyadh", "الرياض"), ("Jeddah", "جدة")),
    "AE": (("Abu Dhabi", "أبوظبي"), ("Dubai", "دبي")),
    "QA": (("Doha", "الدوحة"),),
    "TR": (("Ankara", "أنقرة"), ("Istanbul", "إسطنبول")),
    "IQ": (("Baghdad", "بغداد"), ("Erbil", "أربيل")),
    "AF": (("Kabul", "كابل"),),
    "CN": (("Beijing", "بكين"),),
    "RU": (("Moscow", "موسكو"),),
    "IN": (("New Delhi", "نيودلهي"),),
    "OM": (("Muscat", "مسقط"),),
    "EG": (("Cairo", "القاهرة"),),
    "SY": (("Damascus", "دمشق"),),
    "LB": (("Beirut", "بيروت"),),
    "JO": (("Amman", "عمّان"),),
}

QUOTES: tuple[tuple[str, str], ...] = (
    ("Our two countries share deep historic ties.", "يجمع بلدينا تاريخ عريق من العلاقات."),
    (
        "Security on our common border is a shared responsibility.",
        "أمن حدودنا المشتركة مسؤولية مشتركة.",
    ),
    (
        "We want trade between us to double within three years.",
        "نريد أن يتضاعف التبادل التجاري بيننا خلال ثلاث سنوات.",
    ),
    (
        "The region's problems must be solved by the region's countries.",
        "مشكلات المنطقة يجب أن تحلها دول المنطقة.",
    ),
    ("These talks were frank and constructive.", "كانت هذه المباحثات صريحة وبنّاءة."),
    (
        "We agreed to meet again before the end of the year.",
        "اتفقنا على أن نلتقي مجددًا قبل نهاية العام.",
    ),
)

QUOTE_CONTEXTS: tuple[tuple[str, str], ...] = (
    ("on arrival", "لدى وصوله"),
    ("at a joint press conference", "في مؤتمر صحفي مشترك"),
    ("in a post on X", "في منشور على منصة إكس"),
)

OUTCOMES: tuple[tuple[str, str, str], ...] = (
    ("memorandum", "Memoranda of understanding were signed in several sectors.",
     "وُقّعت مذكرات تفاهم في عدة قطاعات."),
    ("agreement", "An agreement on visas and transit was signed.",
     "وُقّع اتفاق بشأن التأشيرات والعبور."),
    ("target", "The two sides set a target for their annual trade.",
     "حدد الجانبان هدفًا لحجم التبادل التجاري السنوي."),
    ("statement", "A joint statement was issued at the end of the talks.",
     "صدر بيان مشترك في ختام المباحثات."),
)  # fmt: skip

SOURCE_KINDS = ("article", "article", "report", "post", "statement", "interview")
CLASSIFICATIONS = (
    "official", "official", "working", "working", "state", "unspecified",
    "official-working", "informal", "multilateral", "transit", "private",
)  # fmt: skip
FIRST_YEAR, LAST_YEAR = 2006, 2025

# Shares of the shapes real archives have (issue 13), each a warning at most, never an error.
TITLED_SHARE = 0.3  # visitors and hosts written with the title they held then
NAMED_HOST_SHARE = 0.25  # a host named by the source, with no file of their own
PLACE_WITHOUT_KIND_SHARE = 0.3  # a place as the source writes it: a name, no kind
ARCHIVAL_SHARE = 0.02  # visits from a register's past, from states that no longer exist
# Former states (ISO 3166-3) and the years an archival visit from them is dated in.
FORMER_STATES: tuple[tuple[str, int, int], ...] = (
    ("SUHH", 1975, 1991), ("YUCS", 1975, 1991), ("CSHH", 1975, 1992), ("DDDE", 1975, 1990),
)  # fmt: skip


@dataclass(frozen=True)
class Sizes:
    """How many of each kind of file; organizations and sources grow with the data."""

    people: int
    visits: int

    @property
    def organizations(self) -> int:
        return max(8, self.people // 16)

    @property
    def sources(self) -> int:
        return max(10, self.visits // 40)


@dataclass
class _Person:
    id: str
    country: str
    name: tuple[str, str]


@dataclass
class _State:
    random: random.Random
    organizations: dict[tuple[str, str], str] = field(default_factory=dict)  # (country, class)
    agencies: list[str] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)
    by_country: dict[str, list[_Person]] = field(default_factory=lambda: defaultdict(list))
    activity: list[float] = field(default_factory=list)
    sources: list[tuple[str, str]] = field(default_factory=list)  # (date, id), sorted
    used_ids: set[str] = field(default_factory=set)
    # The words of each name given, by country: no two people share a name, nor does one's
    # name sit inside another's of the same country (the check would call them duplicates).
    names_used: set[frozenset[str]] = field(default_factory=set)
    names_by_country: dict[str, list[frozenset[str]]] = field(
        default_factory=lambda: defaultdict(list)
    )


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _unique(state: _State, base: str) -> str:
    candidate, number = base, 2
    while candidate in state.used_ids:
        candidate = f"{base}-{number}"
        number += 1
    state.used_ids.add(candidate)
    return candidate


def _nfc(value: Any) -> Any:
    """Every text in NFC, as the check expects (the word lists are typed by hand)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    return value


def _country_weights() -> list[float]:
    # A regional desk: a few countries dominate the news, the rest appear now and then.
    return [1.0 / (rank + 1) ** 0.9 for rank in range(len(COUNTRIES))]


def _date(rng: random.Random, precision_roll: float | None = None) -> tuple[str, int, int, int]:
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    month = rng.randint(1, 12)
    day = rng.randint(1, 25)
    roll = rng.random() if precision_roll is None else precision_roll
    if roll < 0.05:
        return f"{year:04d}", year, 1, 1
    if roll < 0.3:
        return f"{year:04d}-{month:02d}", year, month, 1
    return f"{year:04d}-{month:02d}-{day:02d}", year, month, day


def _names(en: str, ar: str) -> dict[str, str]:
    return {"en": en, "ar": ar}


def _write(path: Path, schema: str, data: dict[str, Any]) -> int:
    text = f"# yaml-language-server: $schema=../../schemas/{schema}.schema.json\n" + yaml.dump(
        _nfc(data),
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    raw = text.encode("utf-8")
    path.write_bytes(raw)
    return len(raw)


def _organizations(state: _State, count: int, out: Path) -> None:
    """Organizations of the most-covered countries first, news agencies before the rest."""
    slots = [(pattern, code) for pattern in ORGANIZATION_PATTERNS for code in COUNTRIES[:20]] + [
        (ORGANIZATION_PATTERNS[0], code) for code in COUNTRIES[20:]
    ]
    for (classification, en, ar), code in slots[:count]:
        en_name = en.format(c=country_name(code, "en"))
        org_id = _unique(state, _slug(en_name))
        data: dict[str, Any] = {
            "id": org_id,
            "name": _names(en_name, ar.format(c=country_name(code, "ar"))),
            "classification": classification,
            "country": code,
        }
        government = state.organizations.get((code, "government"))
        if classification in ("ministry", "military") and government:
            data["parent"] = government
        _write(out / "organizations" / f"{org_id}.yml", "organization", data)
        state.organizations[(code, classification)] = org_id
        if classification == "news-agency":
            state.agencies.append(org_id)


def _sources(state: _State, count: int, out: Path) -> None:
    rng = state.random
    made: list[tuple[str, str]] = []
    for number in range(count):
        published, year, month, day = _date(rng, precision_roll=0.9)
        publisher = state.agencies[number % len(state.agencies)]
        lang = rng.choice(("ar", "en", "ar"))
        topic_en, topic_ar = rng.choice(TOPICS)
        title = {
            "en": f"Officials discuss {topic_en.lower()} ({year})",
            "ar": f"مسؤولون يبحثون {topic_ar} ({year})",
        }
        if rng.random() < 0.15:
            del title["en" if lang == "ar" else "ar"]  # not translated yet: a warning
        source_id = _unique(state, f"{publisher}-{year}-{month:02d}-{day:02d}")
        data: dict[str, Any] = {
            "id": source_id,
            "kind": rng.choice(SOURCE_KINDS),
            "title": title,
            "publisher": publisher,
            "language": lang,
            "published": published,
            "url": f"https://news.example.org/{lang}/{source_id}",
        }
        if made and rng.random() < 0.3:
            data["cites"] = [rng.choice(made)[1]]
        if rng.random() < 0.1:
            data["note"] = _names(
                "The original headline was not recorded.", "لم يُسجَّل العنوان الأصلي."
            )
        _write(out / "sources" / f"{source_id}.yml", "source", data)
        made.append((published, source_id))
    state.sources = sorted(made)


def _near_sources(state: _State, date: str, count: int) -> list[str]:
    """Sources published around `date`: the reports of that visit, more or less."""
    index = bisect.bisect_left(state.sources, (date, ""))
    window = state.sources[max(0, index - 3) : index + 3] or state.sources[:3]
    picked = state.random.sample(window, min(count, len(window)))
    return sorted({source_id for _, source_id in picked})


def _people(state: _State, count: int, out: Path) -> None:
    rng = state.random
    weights = _country_weights()
    for _ in range(count):
        code = rng.choices(COUNTRIES, weights)[0]
        name = _new_name(state, code)
        last_en, last_ar = next(last for last in LAST_NAMES if name[0].endswith(" " + last[0]))
        person_id = _unique(state, _slug(name[0]))
        memberships = []
        start_year = rng.randint(FIRST_YEAR - 4, LAST_YEAR - 2)
        for index in range(rng.randint(1, 4)):
            role_en, role_ar, classification = rng.choice(ROLES)
            end_year = min(LAST_YEAR, start_year + rng.randint(1, 5))
            membership: dict[str, Any] = {"role": _names(role_en, role_ar)}
            organization = state.organizations.get((code, classification))
            if organization:
                membership["organization"] = organization
            membership["start_date"] = f"{start_year:04d}-{rng.randint(1, 12):02d}"
            if index < 3 and end_year < LAST_YEAR:
                membership["end_date"] = f"{end_year:04d}-12"
            membership["sources"] = _near_sources(state, f"{start_year:04d}", 1)
            memberships.append(membership)
            start_year = end_year + 1
            if start_year > LAST_YEAR:
                break
        memberships.reverse()
        country_en, country_ar = country_name(code, "en"), country_name(code, "ar")
        role = memberships[0]["role"]
        summary = {
            "en": f"{name[0]} is a {country_en} official, serving as {role['en']}. Earlier "
            f"positions include {len(memberships) - 1 or 'no'} other posts in the "
            f"government of {country_en}, with a focus on regional diplomacy.",
            "ar": f"{name[1]} مسؤول من {country_ar} يشغل منصب {role['ar']}. تولّى قبل ذلك "
            f"مناصب أخرى في حكومة {country_ar}، مع تركيز على الدبلوماسية الإقليمية.",
        }
        if rng.random() < 0.05:
            del summary["ar"]  # not translated yet: a warning
        data: dict[str, Any] = {"id": person_id, "name": _names(*name)}
        if len(state.people) % 3 == 2:  # a third known from English sources only: warnings
            data["name"] = {"en": name[0]}
            summary.pop("ar", None)
            for membership in memberships:
                membership["role"] = {"en": membership["role"]["en"]}
        if rng.random() < 0.4 and " " not in last_en:  # "Al Thani" is a family, not a person
            data["other_names"] = [
                {"name": last_en, "lang": "en"},
                {"name": last_ar, "lang": "ar"},
            ]
        data |= {"country": code, "summary": summary, "memberships": memberships}
        if rng.random() < 0.3:
            data["identifiers"] = [
                {"scheme": "wikidata", "identifier": f"Q{rng.randint(1000, 99_999_999)}"}
            ]
        if rng.random() < 0.2:
            data["links"] = [
                {
                    "url": f"https://x.com/{person_id.replace('-', '_')}",
                    "note": _names("Account on X", "حسابه على منصة إكس"),
                }
            ]
        data["sources"] = sorted({s for m in memberships for s in m["sources"]})
        _write(out / "people" / f"{person_id}.yml", "person", data)
        person = _Person(person_id, code, name)
        state.people.append(person)
        state.by_country[code].append(person)
        # A few officials travel a lot; most rarely.
        state.activity.append(rng.paretovariate(1.5))


def _draw_name(rng: random.Random, middle: int) -> tuple[str, str]:
    first_en, first_ar = rng.choice(FIRST_NAMES)
    for _ in range(middle):
        middle_en, middle_ar = rng.choice(FIRST_NAMES)
        first_en, first_ar = f"{first_en} {middle_en}", f"{first_ar} {middle_ar}"
    last_en, last_ar = rng.choice(LAST_NAMES)
    return f"{first_en} {last_en}", f"{first_ar} {last_ar}"


def _new_name(state: _State, code: str) -> tuple[str, str]:
    """A name no one has yet, and not within another's of the same country (nor they in it);
    longer names when the short ones run out."""
    rng = state.random
    middle = 1 if rng.random() < 0.3 else 0
    for attempt in range(10_000):
        name = _draw_name(rng, middle + attempt // 200)
        words = frozenset(name[0].lower().split())
        if len(words) < len(name[0].split()) or words in state.names_used:
            continue
        if any(words <= other or other <= words for other in state.names_by_country[code]):
            continue
        state.names_used.add(words)
        state.names_by_country[code].append(words)
        return name
    raise RuntimeError("no new synthetic name left")


def _attendee(rng: random.Random, person: _Person) -> str | dict[str, Any]:
    """A catalogued visitor or host: the id, or (a share) with the title held then."""
    if rng.random() >= TITLED_SHARE:
        return person.id
    role_en, role_ar, _ = rng.choice(ROLES)
    return {"person": person.id, "role": _names(role_en, role_ar)}


def _named(state: _State, country: str | None = None) -> dict[str, Any]:
    """Someone the source names who has no file: a name no catalogued person has, the title
    held then, and (for a former state's official) the country; English only for half."""
    rng = state.random
    while True:
        name = _draw_name(rng, 2)
        if frozenset(name[0].lower().split()) not in state.names_used:
            break
    role_en, role_ar, _ = rng.choice(ROLES)
    english_only = rng.random() < 0.5
    named: dict[str, Any] = {
        "name": {"en": name[0]} if english_only else _names(*name),
        "role": {"en": role_en} if english_only else _names(role_en, role_ar),
    }
    if country is not None:
        named["country"] = country
    return named


def _archival_visit(state: _State, out: Path) -> str:
    """A visit from a register's past: an official of a state that no longer exists, named
    with the title held then (no file of their own), in English only, as registers are."""
    rng = state.random
    code, first, last = rng.choice(FORMER_STATES)
    successors = set(former_state(code).successors)  # type: ignore[union-attr]
    to_country = _pick_host_country(rng, state, code)
    while to_country in successors:  # not a country that was then part of it
        to_country = _pick_host_country(rng, state, code)
    year = rng.randint(first, last)
    start = f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    visitor = _named(state, code)
    visitor["name"] = {"en": visitor["name"]["en"]}
    visitor["role"] = {"en": visitor["role"]["en"]}
    surname = _slug(visitor["name"]["en"].split(" ")[-1])
    visit_id = _unique(state, f"{start[:7]}-{surname}-{to_country.lower()}")
    country_en = country_name(to_country, "en")
    data: dict[str, Any] = {
        "id": visit_id,
        "classification": rng.choice(CLASSIFICATIONS),
        "visitors": [visitor],
        "from_country": code,
        "to_country": to_country,
    }
    if to_country in CITIES:
        data["places"] = [{"name": {"en": rng.choice(CITIES[to_country])[0]}}]
    data |= {
        "start_date": start,
        "summary": {"en": f"{visitor['name']['en']} visited {country_en} for official talks."},
        "sources": _near_sources(state, start, 1),
    }
    _write(out / "visits" / f"{visit_id}.yml", "visit", data)
    return visit_id


def _pick_host_country(rng: random.Random, state: _State, home: str) -> str:
    weights = _country_weights()
    while True:
        code = rng.choices(COUNTRIES, weights)[0]
        if code != home:
            return code


def _visits(state: _State, count: int, out: Path) -> None:
    rng = state.random
    made: list[str] = []
    for _ in range(count):
        if rng.random() < ARCHIVAL_SHARE:
            made.append(_archival_visit(state, out))
            continue
        visitor = rng.choices(state.people, state.activity)[0]
        visitors = [visitor]
        colleagues = [p for p in state.by_country[visitor.country] if p is not visitor]
        if colleagues and rng.random() < 0.2:
            visitors.append(rng.choice(colleagues))
        to_country = _pick_host_country(rng, state, visitor.country)
        candidates = state.by_country.get(to_country, [])
        hosts = rng.sample(candidates, min(len(candidates), rng.randint(0, 2)))
        start, year, month, day = _date(rng)
        last_name = _slug(visitor.name[0].split(" ")[-1])
        visit_id = _unique(state, f"{start[:7]}-{last_name}-{to_country.lower()}")
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        sources = _near_sources(state, start, rng.randint(1, 2))
        to_en, to_ar = country_name(to_country, "en"), country_name(to_country, "ar")
        names_en = " and ".join(p.name[0] for p in visitors)
        names_ar = " و".join(p.name[1] for p in visitors)
        host_en = " and ".join(p.name[0] for p in hosts) or f"officials of {to_en}"
        host_ar = " و".join(p.name[1] for p in hosts) or f"مسؤولين في {to_ar}"
        summary = {
            "en": f"{names_en} visited {to_en} for talks with {host_en}. The talks covered "
            f"{topics[0][0].lower()} and the state of relations between the two countries, "
            "and both sides agreed to keep in close contact.",
            "ar": f"زار {names_ar} {to_ar} لإجراء محادثات مع {host_ar}. وتناولت المحادثات "
            f"{topics[0][1]} وواقع العلاقات بين البلدين، واتفق الجانبان على مواصلة التشاور.",
        }
        if rng.random() < 0.05:
            del summary["ar"]  # not translated yet: a warning
        data: dict[str, Any] = {
            "id": visit_id,
            "classification": rng.choice(CLASSIFICATIONS),
        }
        if rng.random() < 0.1:
            data["title"] = _names(
                f"{names_en} in {to_en}: {topics[0][0].lower()}", f"{names_ar} في {to_ar}"
            )
        data["visitors"] = [_attendee(rng, p) for p in visitors]
        named_host = _named(state, to_country) if rng.random() < NAMED_HOST_SHARE else None
        if hosts or named_host:
            data["hosts"] = [_attendee(rng, p) for p in hosts] + (
                [named_host] if named_host else []
            )
        data |= {"from_country": visitor.country, "to_country": to_country}
        if to_country in CITIES and rng.random() < 0.6:
            city_en, city_ar = rng.choice(CITIES[to_country])
            data["places"] = [{"name": _names(city_en, city_ar), "kind": "city"}]
            if rng.random() < PLACE_WITHOUT_KIND_SHARE:
                del data["places"][0]["kind"]  # as the source writes it
        data["start_date"] = start
        if len(start) == 10 and rng.random() < 0.5:
            data["end_date"] = f"{year:04d}-{month:02d}-{day + rng.randint(1, 3):02d}"
        data["summary"] = summary
        data["topics"] = [_names(*topic) for topic in topics]
        if (hosts or named_host) and rng.random() < 0.6:
            data["meetings"] = [
                {
                    "participants": [visitor.id, hosts[0].id if hosts else named_host],
                    "summary": _names(
                        f"Talks on {topics[0][0].lower()}.", f"مباحثات حول {topics[0][1]}."
                    ),
                    "sources": sources[:1],
                }
            ]
        outcomes = []
        for kind, en, ar in rng.sample(OUTCOMES, rng.choice((0, 0, 1, 1, 2))):
            outcome: dict[str, Any] = {"kind": kind, "summary": _names(en, ar)}
            if kind == "memorandum":
                outcome["count"] = rng.randint(2, 15)
                outcome["count_is_minimum"] = rng.random() < 0.3
            if kind == "target":
                outcome["amount"] = {
                    "value": rng.choice((5, 10, 20)) * 10**9,
                    "currency": "USD",
                    "period": "year",
                }
            outcome["sources"] = sources[-1:]
            outcomes.append(outcome)
        if outcomes:
            data["outcomes"] = outcomes
        speakers = visitors + hosts
        quotes = []
        for _ in range(rng.choice((0, 0, 1, 1, 2))):
            speaker = rng.choice(speakers)
            en, ar = rng.choice(QUOTES)
            lang = rng.choice(("ar", "en"))
            quote: dict[str, Any] = {
                "speaker": speaker.id,
                "text": ar if lang == "ar" else en,
                "lang": lang,
            }
            if rng.random() < 0.9:
                quote["translation"] = {"en": en} if lang == "ar" else {"ar": ar}
            if rng.random() < 0.5:
                quote["context"] = _names(*rng.choice(QUOTE_CONTEXTS))
            quote["sources"] = sources[:1]
            quotes.append(quote)
        if quotes:
            data["quotes"] = quotes
        if made and rng.random() < 0.02:
            data["parent"] = rng.choice(made[-20:])
        data["sources"] = sources
        _write(out / "visits" / f"{visit_id}.yml", "visit", data)
        made.append(visit_id)


def make_dataset(out: Path, people: int, visits: int, seed: int = 7) -> Sizes:
    """Write a valid `site_data/` of `people` people and `visits` visits into `out`."""
    sizes = Sizes(people=people, visits=visits)
    if people < 1 or visits < 0:
        raise ValueError("needs at least one person and no negative number of visits")
    for kind in ("people", "organizations", "sources", "visits"):
        (out / kind).mkdir(parents=True, exist_ok=True)
    state = _State(random=random.Random(seed))
    _organizations(state, sizes.organizations, out)
    _sources(state, sizes.sources, out)
    _people(state, people, out)
    _visits(state, visits, out)
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--visits", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("out", type=Path, help="The folder to write (becomes site_data/).")
    args = parser.parse_args(argv)
    make_dataset(args.out, args.people, args.visits, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
