"""The gold set of `generator extract`: articles with the answers a careful reader expects.

Each article `NAME.txt` of tests/extract_gold/ has `NAME.yml` beside it, written by hand before
the extractor ran on the article (the format is in tests/extract_gold/README.md). The set has two
parts: `dev/`, the articles the rules may be tuned on, and `heldout/`, which whoever writes the
rules never reads, so that its figures estimate the quality on text the rules have not seen.

`load_part` reads one part and checks every file against the format, reporting every problem
of every file at once (file, field and what is allowed) rather than the first.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GOLD_DIR = Path(__file__).resolve().parents[2] / "tests" / "extract_gold"
PARTS = ("dev", "heldout")
LANGS = ("ar", "en")
ORIGINS = ("real", "written")
REQUIRED = ("origin", "source", "lang", "date", "people", "candidates", "dates", "visits")
REQUIRED_TOO = ("not_visits", "quotes", "amounts")
PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
COUNTRY = re.compile(r"[A-Z]{2}")


class GoldError(Exception):
    """The gold set does not follow its format; the message lists every problem."""


@dataclass(frozen=True)
class GoldVisit:
    visitor: str  # a known person's id, or a new person's name as written
    country: str
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD: the precision the text gives


@dataclass(frozen=True)
class GoldQuote:
    speaker: str | None  # None: the text names no speaker ("a diplomatic source")
    text: str


@dataclass(frozen=True)
class GoldDate:
    text: str  # as written in the article
    value: str


@dataclass(frozen=True)
class GoldAmount:
    kind: str | None  # counts: "agreement", "memorandum"
    value: float | None  # money
    currency: str | None
    count: int | None


@dataclass(frozen=True)
class GoldArticle:
    path: Path
    part: str
    lang: str
    date: datetime.date
    origin: str
    text: str
    people: tuple[str, ...]  # ids of site_data/people/
    candidates: tuple[str, ...]  # new people introduced with a title, names as written
    dates: tuple[GoldDate, ...]
    visits: tuple[GoldVisit, ...]
    not_visits: tuple[tuple[str, str], ...]  # (person, country): a host or resident, no visitor
    quotes: tuple[GoldQuote, ...]
    amounts: tuple[GoldAmount, ...]

    @property
    def name(self) -> str:
        return f"{self.part}/{self.path.name}"


def load_part(part: str, root: Path = GOLD_DIR) -> list[GoldArticle]:
    """Every article of one part, in name order; GoldError names every problem found."""
    if part not in PARTS:
        raise GoldError(f"unknown part {part!r}: the parts are {', '.join(PARTS)}")
    folder = root / part
    paths = sorted(folder.glob("*.txt"))
    problems: list[str] = [] if paths else [f"{folder}: no article (*.txt)"]
    articles = []
    for path in paths:
        article, found = _load(path, part)
        problems += [f"{path.with_suffix('.yml')}: {problem}" for problem in found]
        if article is not None:
            articles.append(article)
    if problems:
        raise GoldError("the gold set has problems:\n" + "\n".join(problems))
    return articles


def _load(path: Path, part: str) -> tuple[GoldArticle | None, list[str]]:
    answers = path.with_suffix(".yml")
    if not answers.is_file():
        return None, ["missing: each article has its answers beside it"]
    try:
        data = yaml.safe_load(answers.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        return None, [f"not YAML: {error}"]
    if not isinstance(data, dict):
        return None, ["not a mapping of the fields " + ", ".join(REQUIRED + REQUIRED_TOO)]
    problems = [f"{key}: missing" for key in REQUIRED + REQUIRED_TOO if key not in data]
    if problems:
        return None, problems
    text = path.read_text(encoding="utf-8")
    problems += _check_header(data)
    problems += _check_body(data, text)
    if problems:
        return None, problems
    article = GoldArticle(
        path=path,
        part=part,
        lang=data["lang"],
        date=datetime.date.fromisoformat(str(data["date"])),
        origin=data["origin"],
        text=text,
        people=tuple(data["people"]),
        candidates=tuple(c["name"] for c in data["candidates"]),
        dates=tuple(GoldDate(d["text"], str(d["value"])) for d in data["dates"]),
        visits=tuple(
            GoldVisit(v["visitor"], v["to_country"], _optional(v["date"])) for v in data["visits"]
        ),
        not_visits=tuple((n["person"], n["country"]) for n in data["not_visits"]),
        quotes=tuple(GoldQuote(q["speaker"], q["text"]) for q in data["quotes"]),
        amounts=tuple(
            GoldAmount(a.get("kind"), a.get("value"), a.get("currency"), a.get("count"))
            for a in data["amounts"]
        ),
    )
    return article, []


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def _check_header(data: dict[str, Any]) -> list[str]:
    problems = []
    if data["lang"] not in LANGS:
        problems.append(f"lang: {data['lang']!r} is not one of {', '.join(LANGS)}")
    if data["origin"] not in ORIGINS:
        problems.append(f"origin: {data['origin']!r} is not one of {', '.join(ORIGINS)}")
    if not data["source"]:
        problems.append("source: empty; say where the text comes from (or that it was written)")
    if data["origin"] == "real" and not (
        isinstance(data["source"], dict) and {"url", "licence", "retrieved"} <= set(data["source"])
    ):
        problems.append("source: a real article's source gives url, licence and retrieved")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data["date"])):
        problems.append(f"date: {data['date']!r} is not a day (YYYY-MM-DD)")
    return problems


def _check_body(data: dict[str, Any], text: str) -> list[str]:
    problems = []
    for i, date in enumerate(data["dates"] or []):
        if date.get("text") not in text:
            problems.append(f"dates[{i}].text: {date.get('text')!r} is not in the article")
        if not PARTIAL_DATE.fullmatch(str(date.get("value"))):
            problems.append(f"dates[{i}].value: {date.get('value')!r} is not YYYY[-MM[-DD]]")
    for i, visit in enumerate(data["visits"] or []):
        if not COUNTRY.fullmatch(str(visit.get("to_country"))):
            problems.append(f"visits[{i}].to_country: {visit.get('to_country')!r} is no ISO code")
        if visit.get("date") is not None and not PARTIAL_DATE.fullmatch(str(visit["date"])):
            problems.append(f"visits[{i}].date: {visit['date']!r} is not YYYY[-MM[-DD]] or null")
    for i, pair in enumerate(data["not_visits"] or []):
        if not pair.get("person") or not COUNTRY.fullmatch(str(pair.get("country"))):
            problems.append(f"not_visits[{i}]: needs a person and a country (ISO code)")
    for i, quote in enumerate(data["quotes"] or []):
        if str(quote.get("text")).strip(" .,،") not in text:
            problems.append(f"quotes[{i}].text: {quote.get('text')!r} is not in the article")
    for i, amount in enumerate(data["amounts"] or []):
        money = amount.get("value") is not None and amount.get("currency")
        count = amount.get("kind") and isinstance(amount.get("count"), int)
        if not (money or count):
            problems.append(f"amounts[{i}]: money (value, currency) or a count (kind, count)")
    for field in ("people", "candidates", "dates", "visits", "not_visits", "quotes", "amounts"):
        if data[field] is None:
            problems.append(f"{field}: write [] for none")
    return problems
