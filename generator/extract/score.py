"""How well `generator extract` does on the gold set: precision and recall per kind and language.

`measure(part)` runs the extractor on every article of one part of the gold set (generator/
extract/gold.py) with the language and date of its answers, and matches what it found with the
answers, micro-averaged per language:

- known people (ids) and new people (names, compared word by word in matching form);
- visits as (visitor, country, date): the date as precise as the text gives it, or none;
- quotes twice: the quoted text alone, and the text with its speaker;
- dates (value, and a span that overlaps the expression as written), amounts (money or counts);
- hosts drafted as visitors: drafted visits of a person to a country the answers list under
  `not_visits` (the host, or someone who lives there): a count, lower is better.

`python -m generator.extract.score` prints the tables that tests/extract_gold/README.md quotes;
tests/test_extract_quality.py asserts floors on the dev part and prints the held-out part.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.extract import Extraction, extract
from generator.extract.gold import (
    GOLD_DIR,
    LANGS,
    ORIGINS,
    PARTS,
    GoldAmount,
    GoldArticle,
    load_part,
)
from generator.extract.model import PersonRef
from generator.extract.normalize import key, normalize
from generator.extract.text import Span

KINDS = (
    "known people",
    "new people",
    "visits",
    "quote text",
    "quote speakers",
    "dates",
    "amounts",
)
SITE_DATA = Path(__file__).resolve().parents[2] / "site_data"


@dataclass
class Score:
    """Matches of one kind: what was found, what of it was right, and what the answers hold."""

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

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.predicted += other.predicted
        self.expected += other.expected
        self.misses += other.misses


@dataclass
class Hosts:
    """Visits drafted for a host or resident: `drafted` of the `listed` pairs of the answers."""

    drafted: int = 0
    listed: int = 0
    misses: list[str] = field(default_factory=list)


@dataclass
class Scoreboard:
    part: str
    articles: dict[str, int] = field(default_factory=lambda: dict.fromkeys(LANGS, 0))
    scores: dict[tuple[str, str], Score] = field(default_factory=dict)
    hosts: dict[str, Hosts] = field(default_factory=lambda: {lang: Hosts() for lang in LANGS})

    def score(self, lang: str, kind: str) -> Score:
        """One language's score of a kind, or both languages' with `lang="all"`."""
        if lang != "all":
            return self.scores.setdefault((lang, kind), Score())
        total = Score()
        for one in LANGS:
            total.add(self.score(one, kind))
        return total

    def hosts_of(self, lang: str) -> Hosts:
        if lang != "all":
            return self.hosts[lang]
        return Hosts(
            sum(h.drafted for h in self.hosts.values()),
            sum(h.listed for h in self.hosts.values()),
            [m for h in self.hosts.values() for m in h.misses],
        )


def name_key(text: str) -> str:
    return " ".join(key(word) for word in text.split())


def quote_key(text: str) -> str:
    return " ".join(normalize(text).split()).strip(" .,،")


def _match(
    score: Score,
    article: str,
    predicted: Sequence[Any],
    expected: Sequence[Any],
    same: Callable[[Any, Any], bool],
) -> None:
    """Pairs each expected item with the first unused prediction it accepts."""
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
    return spans


def _amount_key(amount: GoldAmount) -> tuple[Any, ...]:
    if amount.value is not None:
        return ("money", float(amount.value), amount.currency)
    return (amount.kind, amount.count)


class _People:
    """Who a person is in the comparisons: a known id as is, a new person's name in matching
    form (the answers write ids of site_data/people/ and names as written)."""

    def __init__(self, known: set[str]) -> None:
        self.known = known

    def of_gold(self, person: str | None) -> str | None:
        if person is None:
            return None
        return person if person in self.known else name_key(person)

    def of_found(self, ref: PersonRef | None) -> str | None:
        if ref is None:
            return None
        return ref.id if ref.known else name_key(ref.name)


def score_article(
    article: GoldArticle, result: Extraction, board: Scoreboard, known: set[str]
) -> None:
    """Adds one article's matches to its language's scores."""
    people, name, lang = _People(known), article.name, article.lang
    board.articles[lang] += 1

    def match(kind: str, found: Sequence[Any], gold: Sequence[Any], same: Any = _equal) -> None:
        _match(board.score(lang, kind), name, found, gold, same)

    match("known people", [p.ref.id for p in result.people], article.people)
    match(
        "new people",
        [name_key(p.ref.name) for p in result.candidates],
        [name_key(c) for c in article.candidates],
    )
    visits = [
        (
            people.of_found(v.visitor),
            v.to_country,
            str(v.start_date.value) if v.start_date and v.start_date.value else None,
        )
        for v in result.visits
    ]
    match(
        "visits", visits, [(people.of_gold(v.visitor), v.country, v.date) for v in article.visits]
    )
    quotes = [(people.of_found(q.speaker), quote_key(q.evidence.text)) for q in result.quotes]
    match("quote text", [t for _, t in quotes], [quote_key(q.text) for q in article.quotes])
    match(
        "quote speakers",
        quotes,
        [(people.of_gold(q.speaker), quote_key(q.text)) for q in article.quotes],
    )
    match(
        "dates",
        [(d.evidence.span, str(d.value)) for d in result.dates],
        [(_occurrences(article.text, d.text), d.value) for d in article.dates],
        lambda p, e: p[1] == e[1] and any(p[0].overlaps(span) for span in e[0]),
    )
    amounts = [
        _amount_key(GoldAmount(a.kind, a.value, a.currency, a.count)) for a in result.amounts
    ]
    match("amounts", amounts, [_amount_key(a) for a in article.amounts])

    hosts = board.hosts[lang]
    not_visits = {(people.of_gold(person), country) for person, country in article.not_visits}
    # A listed person drafted as a visitor to no country is a host too, unless they visit
    # somewhere in this article (then it is a visit found without its country).
    visitors = {people.of_gold(v.visitor) for v in article.visits}
    no_country = {person for person, _ in not_visits if person not in visitors}
    hosts.listed += len(not_visits)
    for visitor, country, date in visits:
        if (visitor, country) in not_visits or (country is None and visitor in no_country):
            hosts.drafted += 1
            hosts.misses.append(f"{name}: host drafted as visitor {(visitor, country, date)!r}")


def load_dataset(site_data: Path = SITE_DATA) -> Dataset:
    result = check(site_data)
    if result.dataset is None:
        raise ValueError(f"{site_data} does not load:\n{result.summary()}")
    return result.dataset


def measure(
    part: str, dataset: Dataset, root: Path = GOLD_DIR, origin: str | None = None
) -> Scoreboard:
    """The extractor's scores on one part of the gold set (its `real` or `written` articles
    alone with `origin`)."""
    board = Scoreboard(part if origin is None else f"{part}, {origin} articles")
    known = set(dataset.people)
    for article in load_part(part, root):
        if origin is not None and article.origin != origin:
            continue
        result = extract(
            article.text,
            dataset=dataset,
            lang=article.lang,
            article_date=article.date,
            source_id=article.path.stem,
        )
        score_article(article, result, board, known)
    return board


def _ratio(value: float, out_of: int) -> str:
    """A figure of the table; a dash where it divides by nothing (nothing found, or nothing to
    find), which the table would otherwise show as a perfect 1.00."""
    return f"{value:.2f}" if out_of else "–"


def table(board: Scoreboard) -> str:
    """A Markdown table: precision and recall per kind for each language and both (P / R)."""
    langs = (*LANGS, "all")
    count = ", ".join(f"{board.articles[lang]} {lang}" for lang in LANGS)
    head = ["kind", *(f"{lang} P / R" for lang in langs), "all: right / found / gold"]
    lines = [
        f"{board.part} ({count} articles)",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(head) - 1)) + "|",
    ]
    for kind in KINDS:
        cells = [kind]
        for lang in langs:
            score = board.score(lang, kind)
            cells.append(
                f"{_ratio(score.precision, score.predicted)} / "
                f"{_ratio(score.recall, score.expected)}"
            )
        total = board.score("all", kind)
        cells.append(f"{total.matched} / {total.predicted} / {total.expected}")
        lines.append("| " + " | ".join(cells) + " |")
    hosts = [board.hosts_of(lang) for lang in langs]
    cells = ["hosts drafted as visitors", *(f"{h.drafted} of {h.listed}" for h in hosts), ""]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def misses(board: Scoreboard) -> str:
    """Every miss and extra find of the part, by kind: what to read before changing a rule."""
    lines = []
    for kind in KINDS:
        lines += [f"## {kind}", *board.score("all", kind).misses, ""]
    lines += ["## hosts drafted as visitors", *board.hosts_of("all").misses]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.extract.score",
        description="Precision and recall of `generator extract` on the gold set.",
    )
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--origin", choices=ORIGINS, help="score real or written articles alone")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="the gold set's folder")
    parser.add_argument("--data", type=Path, default=SITE_DATA, help="site_data/ (known people)")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="also list every miss of the dev part (never of the held-out part: whoever tunes "
        "the rules must not read it)",
    )
    args = parser.parse_args(argv)
    dataset = load_dataset(args.data)
    for part in PARTS if args.part == "all" else (args.part,):
        board = measure(part, dataset, args.gold, args.origin)
        print(table(board), end="\n\n")
        if args.misses and part == "dev":
            print(misses(board), end="\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
