"""`generator extract` on the real report of 25 November 2025 (in ../shared/articles/).

The report is not in the repository (it may not be republished): it sits in `shared/` beside a
checkout. Our CI has it and sets SIJILL_REQUIRE_SHARED=1 (.ci/run), so there a missing report
fails these tests; a clone alone (a contributor's, the forge's workflow) skips them, once, with
the reason in pytest's summary.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.data.check import check
from generator.data.schema import Source, Visit
from generator.extract import Extraction, extract

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "articles"
ARTICLE = ARTICLE / "2025-11-25-larijani-islamabad.ar.txt"
REQUIRED = os.environ.get("SIJILL_REQUIRE_SHARED") == "1"
if not ARTICLE.is_file() and not REQUIRED:
    pytest.skip(
        f"the seed report {ARTICLE.name} is not beside this checkout (../shared/articles/); "
        "set SIJILL_REQUIRE_SHARED=1 to make its absence fail",
        allow_module_level=True,
    )
SIX = {
    "ali-larijani",
    "mohammad-ishaq-dar",
    "masoud-pezeshkian",
    "mohammad-bagher-ghalibaf",
    "mohsin-naqvi",
    "reza-amiri-moghadam",
}


def test_the_article_is_there() -> None:
    assert ARTICLE.is_file(), (
        f"{ARTICLE} is missing and SIJILL_REQUIRE_SHARED=1: check out shared/ beside the repository"
    )


@pytest.fixture(scope="module")
def result() -> Extraction:
    data = check(ROOT / "site_data").dataset
    assert data is not None
    return extract(
        ARTICLE.read_text(encoding="utf-8"),
        dataset=data,
        article_date=datetime.date(2025, 11, 25),
        source_id="2025-11-25-larijani-islamabad",
    )


def test_the_six_people(result: Extraction) -> None:
    assert {person.ref.id for person in result.people} == SIX
    assert result.candidates == []
    for person in result.people:  # every mention is the text at its span
        text = ARTICLE.read_text(encoding="utf-8")
        for mention in person.mentions:
            assert text[mention.span.start : mention.span.end] == mention.text


def test_visits_of_august_october_and_november(result: Extraction) -> None:
    visits = {
        (v.visitor.id, v.to_country, str(v.start_date.value) if v.start_date else None,
         v.start_date.precision if v.start_date else None)
        for v in result.visits
    }  # fmt: skip
    assert ("masoud-pezeshkian", "PK", "2025-08", "month") in visits
    assert ("mohammad-bagher-ghalibaf", "PK", "2025-10", "month") in visits
    assert ("mohsin-naqvi", "IR", "2025-10", "month") in visits
    # الثلاثاء, resolved against the article's date: a day the text gives.
    assert ("ali-larijani", "PK", "2025-11-25", "day") in visits
    october = [v for v in result.visits if v.start_date and str(v.start_date.value) == "2025-10"]
    assert len(october) == 2
    places = {v.visitor.id: {p.en for p, _ in v.places} for v in result.visits}
    assert places["mohammad-bagher-ghalibaf"] == {"Islamabad"}
    assert places["mohsin-naqvi"] == {"Tehran"}
    assert {"Islamabad", "Nur Khan Air Base"} <= places["ali-larijani"]
    existing = {v.existing for v in result.visits}
    assert existing >= {
        "2025-08-pezeshkian-pakistan",
        "2025-10-ghalibaf-pakistan",
        "2025-10-naqvi-iran",
        "2025-11-larijani-pakistan",
    }


def test_trade_target_and_memoranda(result: Extraction) -> None:
    money = [(a.kind, a.value, a.currency) for a in result.amounts if a.value is not None]
    assert ("target", 10_000_000_000, "USD") in money
    counts = [(a.kind, a.count, a.count_is_minimum) for a in result.amounts if a.count]
    assert ("memorandum", 12, True) in counts
    august = next(v for v in result.visits if v.visitor.id == "masoud-pezeshkian")
    assert ("memorandum", 12) in [(a.kind, a.count) for a in august.outcomes]


def test_quotes_of_the_report(result: Extraction) -> None:
    quotes = {(q.speaker.id if q.speaker else None, q.evidence.text) for q in result.quotes}
    assert ("mohammad-ishaq-dar", "مفصّلاً وصريحاً وبنّاءً للغاية") in quotes
    assert ("ali-larijani", "هدف واقعي يمكن تحقيقه") in quotes
    assert ("reza-amiri-moghadam", "غير مسبوقة") in quotes
    assert ("ali-larijani", "التعاون بين إيران وباكستان يسهم في ترسيخ السلام الإقليمي") in quotes
    # Names in guillemets are not quotes.
    assert not {text for _, text in quotes} & {"إرنا", "إيسنا", "إكس", "الحزام والطريق"}


def test_command_writes_valid_drafts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "drafts"
    code = main(
        ["extract", str(ARTICLE), "--date", "2025-11-25", "--out", str(out),
         "--data", str(ROOT / "site_data")]
    )  # fmt: skip
    report = capsys.readouterr().out
    assert code == 0
    assert "Known people (6)" in report
    folder = out / "2025-11-25-larijani-islamabad"
    source = yaml.safe_load(
        (folder / "sources" / "2025-11-25-larijani-islamabad.yml").read_text(encoding="utf-8")
    )
    Source.model_validate(source)  # the source draft is complete
    for path in sorted((folder / "visits").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for outcome in data.get("outcomes", []):  # English summaries are left to the reviewer
            outcome["summary"]["en"] = "to write"
        Visit.model_validate(data)
    assert sorted(p.name for p in (folder / "visits").iterdir()) == [
        "2025-08-pezeshkian-pakistan.yml",
        "2025-10-ghalibaf-pakistan.yml",
        "2025-10-naqvi-iran.yml",
        "2025-11-larijani-pakistan.yml",
    ]


def test_the_report_is_not_copied_into_the_repository() -> None:
    """It may not be republished: no file of the repository holds a paragraph of it."""
    paragraphs = [p.strip() for p in ARTICLE.read_text(encoding="utf-8").splitlines()]
    paragraphs = [p for p in paragraphs if len(p) > 80]
    assert paragraphs
    for path in sorted((ROOT / "tests").rglob("*.txt")) + sorted((ROOT / "site_data").rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert not any(p in text for p in paragraphs), f"{path} copies the seed report"
