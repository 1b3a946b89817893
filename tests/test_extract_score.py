"""The scorer of the gold set (generator/extract/score.py) counts what it says it counts: a small
article with its answers, and what an extractor could have found in it, scored by hand."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from generator.data.schema import PartialDate
from generator.extract.gold import GoldError, load_part
from generator.extract.model import PersonRef
from generator.extract.score import Scoreboard, score_article, table
from generator.extract.text import Span

TEXT = "ISLAMABAD, Aug 2 - Visitor Ann Bee arrived on Saturday, received by Host Cy Dee."
ANSWERS = """\
origin: written
source: written for this test
lang: en
date: "2025-08-02"
people: [known-one]
candidates: [{name: Ann Bee}, {name: Cy Dee}]
dates:
  - {text: Aug 2, value: "2025-08-02"}
  - {text: Saturday, value: "2025-08-02"}
visits:
  - {visitor: Ann Bee, to_country: PK, date: "2025-08-02"}
not_visits:
  - {person: Cy Dee, country: PK}
  - {person: known-one, country: PK}
quotes:
  - {speaker: null, text: arrived}
amounts:
  - {kind: memorandum, count: 2}
"""


def _person(ref: str, name: str, known: bool = False) -> Any:
    return SimpleNamespace(ref=PersonRef(ref, name, known))


def _visit(ref: PersonRef, country: str | None, date: str | None) -> Any:
    value = SimpleNamespace(value=PartialDate.parse(date)) if date else None
    return SimpleNamespace(visitor=ref, to_country=country, start_date=value)


def _date(start: int, end: int, value: str) -> Any:
    return SimpleNamespace(evidence=SimpleNamespace(span=Span(start, end)), value=value)


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "en-1.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "dev" / "en-1.yml").write_text(ANSWERS, encoding="utf-8")
    return tmp_path


def test_a_hand_scored_article(gold: Path) -> None:
    (article,) = load_part("dev", gold)
    ann, cy = PersonRef("ann-bee", "Ann  Bee", False), PersonRef("cy-dee", "Cy Dee", False)
    known = PersonRef("known-one", "Known One", True)
    saturday = TEXT.index("Saturday")
    result = SimpleNamespace(
        people=[_person("known-one", "Known One", True)],
        candidates=[_person("ann-bee", "Ann Bee"), _person("x", "Host Cy")],
        visits=[
            _visit(ann, "PK", "2025-08-02"),  # right (names compare word by word)
            _visit(cy, "PK", None),  # a host drafted as a visitor
            _visit(known, None, None),  # a listed resident, drafted to no country: a host too
            _visit(ann, "IN", None),  # wrong, and no host
        ],
        quotes=[SimpleNamespace(speaker=None, evidence=SimpleNamespace(text="arrived"))],
        dates=[_date(saturday, saturday + 8, "2025-08-02"), _date(0, 9, "2025-08-02")],
        amounts=[SimpleNamespace(kind="memorandum", value=None, currency=None, count=3)],
    )
    board = Scoreboard("dev")
    score_article(article, result, board, known={"known-one"})  # type: ignore[arg-type]

    def figures(kind: str) -> tuple[int, int, int]:
        score = board.score("en", kind)
        return score.matched, score.predicted, score.expected

    assert figures("known people") == (1, 1, 1)
    assert figures("new people") == (1, 2, 2)
    assert figures("visits") == (1, 4, 1)
    assert figures("quote text") == (1, 1, 1)
    assert figures("quote speakers") == (1, 1, 1)  # no speaker, as the answers say
    assert figures("dates") == (1, 2, 2)  # "ISLAMABAD" does not overlap "Aug 2"
    assert figures("amounts") == (0, 1, 1)
    hosts = board.hosts_of("all")
    assert (hosts.drafted, hosts.listed) == (2, 2)
    assert board.score("ar", "visits").expected == 0
    assert "| visits | – / – | 0.25 / 1.00 | 0.25 / 1.00 | 1 / 4 / 1 |" in table(board)


def test_every_problem_of_the_answers_is_named(gold: Path) -> None:
    answers = gold / "dev" / "en-1.yml"
    broken = ANSWERS.replace("lang: en", "lang: fr").replace("text: Aug 2", "text: Aug 3")
    answers.write_text(broken.replace("to_country: PK", "to_country: Pakistan"), "utf-8")
    with pytest.raises(GoldError) as error:
        load_part("dev", gold)
    message = str(error.value)
    assert f"{answers}: lang: 'fr' is not one of ar, en" in message
    assert f"{answers}: dates[0].text: 'Aug 3' is not in the article" in message
    assert f"{answers}: visits[0].to_country: 'Pakistan' is no ISO code" in message
