"""Quality of `generator extract` on the gold set in tests/extract_gold/.

Precision and recall per kind, micro-averaged over the gold articles. The test fails below 0.9
recall for known people and dates and below 0.8 for the other kinds; every assertion message
carries the whole table and the misses, and `pytest -rP` shows the table on success too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.extract import Extraction, extract
from generator.extract.normalize import key, normalize
from generator.extract.text import Span

ROOT = Path(__file__).resolve().parents[1]
GOLD = Path(__file__).resolve().parent / "extract_gold"
ARTICLES = sorted(GOLD.glob("*.txt"))
KINDS = ("people", "candidates", "dates", "visits", "quotes", "amounts")
MINIMUM_RECALL = {"people": 0.9, "dates": 0.9}  # 0.8 for every other kind


@cache
def dataset() -> Dataset:
    result = check(ROOT / "site_data")
    assert result.dataset is not None, result.summary()
    return result.dataset


def name_key(text: str) -> str:
    return " ".join(key(word) for word in text.split())


def quote_key(text: str) -> str:
    return " ".join(normalize(text).split()).strip(" .,،")


def person_key(ref_id: str, name: str, known: bool) -> str:
    return ref_id if known else name_key(name)


@dataclass
class Score:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def _match(
    score: Score,
    article: str,
    predicted: list[Any],
    expected: list[Any],
    same: Callable[[Any, Any], bool],
) -> None:
    score.predicted += len(predicted)
    score.expected += len(expected)
    unused = list(predicted)
    for item in expected:
        found = next((p for p in unused if same(p, item)), None)
        if found is None:
            score.misses.append(f"{article}: missed {item!r}")
        else:
            unused.remove(found)
            score.matched += 1
    score.misses += [f"{article}: extra {item!r}" for item in unused]


def _equal(one: Hashable, other: Hashable) -> bool:
    return one == other


def _occurrences(text: str, needle: str) -> list[Span]:
    spans, start = [], text.find(needle)
    while start != -1:
        spans.append(Span(start, start + len(needle)))
        start = text.find(needle, start + 1)
    assert spans, f"gold date text {needle!r} is not in the article"
    return spans


def score_article(path: Path, scores: dict[str, Score]) -> None:
    gold = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    result: Extraction = extract(
        text,
        dataset=dataset(),
        lang=gold["lang"],
        article_date=datetime.date.fromisoformat(gold["date"]),
        source_id=path.stem,
    )
    name = path.name
    _match(scores["people"], name, [p.ref.id for p in result.people], gold["people"], _equal)
    _match(
        scores["candidates"],
        name,
        [name_key(p.ref.name) for p in result.candidates],
        [name_key(c["name"]) for c in gold.get("candidates", [])],
        _equal,
    )
    predicted_dates = [(d.evidence.span, str(d.value)) for d in result.dates]
    expected_dates = [(_occurrences(text, d["text"]), d["value"]) for d in gold["dates"]]
    _match(
        scores["dates"],
        name,
        predicted_dates,
        expected_dates,
        lambda p, e: p[1] == e[1] and any(p[0].overlaps(span) for span in e[0]),
    )
    predicted_visits = [
        (
            person_key(v.visitor.id, v.visitor.name, v.visitor.known),
            v.to_country,
            str(v.start_date.value) if v.start_date and v.start_date.value else None,
        )
        for v in result.visits
    ]
    expected_visits = [
        (
            v["visitor"]
            if v["visitor"].isascii() and "-" in v["visitor"]
            else name_key(v["visitor"]),
            v["to_country"],
            v["date"],
        )
        for v in gold["visits"]
    ]
    _match(scores["visits"], name, predicted_visits, expected_visits, _equal)
    predicted_quotes = [
        (
            person_key(q.speaker.id, q.speaker.name, q.speaker.known) if q.speaker else None,
            quote_key(q.evidence.text),
        )
        for q in result.quotes
    ]
    expected_quotes = [
        (
            q["speaker"]
            if q["speaker"].isascii() and "-" in q["speaker"]
            else name_key(q["speaker"]),
            quote_key(q["text"]),
        )
        for q in gold["quotes"]
    ]
    _match(scores["quotes"], name, predicted_quotes, expected_quotes, _equal)
    _match(
        scores["amounts"],
        name,
        [_amount_key(a.kind, a.value, a.currency, a.count) for a in result.amounts],
        [
            _amount_key(a.get("kind"), a.get("value"), a.get("currency"), a.get("count"))
            for a in gold["amounts"]
        ],
        _equal,
    )


def _amount_key(
    kind: str | None, value: float | None, currency: str | None, count: int | None
) -> tuple[Any, ...]:
    if value is not None:
        return ("money", float(value), currency)
    return (kind, count)


def table(scores: dict[str, Score]) -> str:
    lines = [f"{'kind':<11} {'found':>5} {'right':>5} {'gold':>5} {'precision':>9} {'recall':>6}"]
    for kind in KINDS:
        s = scores[kind]
        lines.append(
            f"{kind:<11} {s.predicted:>5} {s.matched:>5} {s.expected:>5} "
            f"{s.precision:>9.2f} {s.recall:>6.2f}"
        )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def scores() -> dict[str, Score]:
    assert len(ARTICLES) >= 6
    assert all(path.with_suffix(".yml").is_file() for path in ARTICLES)
    result = {kind: Score() for kind in KINDS}
    for path in ARTICLES:
        score_article(path, result)
    return result


def test_gold_set_has_both_languages() -> None:
    langs = [yaml.safe_load(p.with_suffix(".yml").read_text("utf-8"))["lang"] for p in ARTICLES]
    assert langs.count("ar") >= 3 and langs.count("en") >= 3


@pytest.mark.parametrize("kind", KINDS)
def test_recall_and_precision(kind: str, scores: dict[str, Score]) -> None:
    print(f"\nextraction quality on the gold set ({len(ARTICLES)} articles):\n{table(scores)}")
    minimum = MINIMUM_RECALL.get(kind, 0.8)
    score = scores[kind]
    misses = "\n".join(miss for miss in score.misses)
    assert score.recall >= minimum, (
        f"recall of {kind} is {score.recall:.2f} < {minimum}\n{table(scores)}\n{misses}"
    )
    # Precision is reported, and kept from collapsing: a flood of false finds is a bug too.
    assert score.precision >= 0.7, (
        f"precision of {kind} is {score.precision:.2f}\n{table(scores)}\n{misses}"
    )
