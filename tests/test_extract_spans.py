"""The indexed forms of extraction steps give what the direct forms gave, on random input.

Each step that used to compare everything with everything (every name with every quotation
region, every mention with every visit...) now bisects lists made once. Here each is checked
against the direct form it replaced, kept below as the reference, on many random cases.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable

import pytest

from generator.data.schema import PartialDate
from generator.extract.model import DateFound, Evidence, PersonRef, VisitMention
from generator.extract.normalize import normalize
from generator.extract.places import Place, Places
from generator.extract.tense import _FUTURE_CONTEXT, Future
from generator.extract.text import (
    Document,
    Span,
    SpanIndex,
    _quote_regions,
    _sentences,
    keep_longest,
)
from generator.extract.titles import _title_end, _title_step
from generator.extract.visits import (
    _Cluster,
    _merge_anaphoric,
    _merge_dated,
    _merge_undated,
)

CASES = 200


def random_spans(rng: random.Random, disjoint: bool) -> list[Span]:
    spans, position = [], 0
    for _ in range(rng.randrange(12)):
        if disjoint:
            position += rng.randrange(3)
            end = position + rng.randrange(4)
            spans.append(Span(position, end))
            position = end
        else:
            start = rng.randrange(30)
            spans.append(Span(start, start + rng.randrange(6)))
    return spans


@pytest.mark.parametrize("seed", range(CASES))
def test_span_index(seed: int) -> None:
    rng = random.Random(seed)
    spans = random_spans(rng, disjoint=True)
    index = SpanIndex(spans, lambda span: span)
    for _ in range(20):
        start = rng.randrange(-2, 30)
        query = Span(start, start + rng.randrange(6))
        assert list(index.inside(query)) == [i for i, s in enumerate(spans) if query.contains(s)]
        assert index.overlaps_any(query) == any(query.overlaps(span) for span in spans)
        before = [i for i, span in enumerate(spans) if span.start <= start]
        assert index.last_starting_at_or_before(start) == (before[-1] if before else None)


def test_span_index_refuses_overlapping_spans() -> None:
    with pytest.raises(ValueError, match="overlapping or unordered"):
        SpanIndex([Span(0, 3), Span(2, 4)], lambda span: span)


def longest_first(spans: list[Span]) -> list[Span]:
    """The reference: keep each span, longest first, unless it overlaps one kept."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda item: (-len(item), item.start)):
        if not any(span.overlaps(other) for other in kept):
            kept.append(span)
    return sorted(kept, key=lambda item: item.start)


@pytest.mark.parametrize("seed", range(CASES))
def test_keep_longest(seed: int) -> None:
    spans = random_spans(random.Random(seed), disjoint=False)
    items = list(enumerate(spans))  # equal spans are told apart by their number
    expected = longest_first(spans)
    kept = keep_longest(items, lambda item: item[1])
    assert [span for _, span in kept] == expected
    kept_ids = [number for number, _ in kept]
    reference_ids = [number for number, _ in longest_first_items(items)]
    assert kept_ids == reference_ids


def longest_first_items(items: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    kept: list[tuple[int, Span]] = []
    for item in sorted(items, key=lambda item: (-len(item[1]), item[1].start)):
        if not any(item[1].overlaps(other[1]) for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda item: item[1].start)


PIECES = [
    "Dr. ", "Mr. Dar ", "A. ", "said. ", "end.", "...", "!? ", "؟ ", "… ", ".» ", '." ', "\n",
    "«", "»", "“", "”", '"', "word ", "كلمة ", "قال ", "، ", ", ", "; ", "سيزور ", "سيتوجهون ",
    "مرتقبة ", "will ", "willing ", "is due to ", "are set to ", "plans to ", "من المقرر ",
    "Monday ", "الثلاثاء ", "والثلاثاء ", "ـ", "ً", "   ", "2025 ", "x", "في ", "mid",
]  # fmt: skip


def random_text(rng: random.Random, pieces: list[str] = PIECES, size: int = 40) -> str:
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(size)))


def sentences_reference(text: str) -> list[tuple[int, int, int]]:
    """The sentences as the direct form read them (a regex search before each mark)."""
    marks = re.compile(r"[.!?؟…]+[»”\"')\]]*(?=\s)")
    abbreviations = {"dr", "mr", "mrs", "ms", "st", "gen", "no", "jan", "dec"}
    found: list[tuple[int, int, int]] = []
    offset = 0
    for paragraph, line in enumerate(text.split("\n")):
        start = 0
        ends = []
        for match in marks.finditer(line):
            before = re.search(r"([^\W\d_]+)\.?$", line[start : match.start() + 1])
            word = before.group(1) if before else ""
            if match.group().startswith(".") and (
                word.lower() in abbreviations or (len(word) == 1 and word.isupper())
            ):
                continue
            ends.append((start, match.end()))
            start = match.end()
        ends.append((start, len(line)))
        for begin, end in ends:
            piece = line[begin:end]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                first = offset + begin + lead
                found.append((first, first + len(piece.strip()), paragraph))
        offset += len(line) + 1
    return found


@pytest.mark.parametrize("seed", range(CASES))
def test_sentences(seed: int) -> None:
    text = random_text(random.Random(seed))
    found = [(s.span.start, s.span.end, s.paragraph) for s in _sentences(text)]
    assert found == sentences_reference(text)


def quote_regions_reference(text: str) -> list[tuple[Span, Span]]:
    pairs = {"«": "»", "“": "”", '"': '"'}
    regions, offset = [], 0
    carried = None  # the last mark of the previous line that nothing closed there
    for line in text.split("\n"):
        position = 0
        if carried is not None:
            closer, opened = carried
            close = line.find(closer)
            opener = {"»": "«", "”": "“"}[closer]
            if close != -1 and opener not in line[:close]:
                if text[opened + 1 : offset + close].strip():
                    regions.append(
                        (Span(opened + 1, offset + close), Span(opened, offset + close + 1))
                    )
                position = close + 1
        carried = None
        while position < len(line):
            closer = pairs.get(line[position])
            close = line.find(closer, position + 1) if closer else -1
            if close == -1:
                if closer in ("»", "”"):
                    carried = (closer, offset + position)
                position += 1
                continue
            inner = Span(offset + position + 1, offset + close)
            if inner.end > inner.start and line[position + 1 : close].strip():
                regions.append((inner, Span(offset + position, offset + close + 1)))
            position = close + 1
        offset += len(line) + 1
    return regions


@pytest.mark.parametrize("seed", range(CASES))
def test_quotes_and_positions(seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng)
    document = Document(text)
    assert document.quotes == quote_regions_reference(text) == _quote_regions(text)
    norm = document.normalized.norm
    for _ in range(20):
        start = rng.randrange(len(text) + 1)
        span = Span(start, min(start + rng.randrange(4), len(text)))
        assert document.in_quote(span) == any(outer.contains(span) for _, outer in document.quotes)
        index = rng.randrange(len(norm) + 1)
        words = norm[:index].split()
        assert document.word_before(index) == (words[-1] if words else None)


def future_reference(document: Document, span: Span) -> bool:
    sentence = document.sentence_at(span.start).span
    clause = re.split(r"[,،;؛]", document.text[sentence.start : span.start])[-1]
    return bool(_FUTURE_CONTEXT.search(normalize(clause)))


@pytest.mark.parametrize("seed", range(CASES))
def test_future_clauses(seed: int) -> None:
    rng = random.Random(seed)
    text = random_text(rng, size=80) + "x"  # a sentence at least
    document = Document(text)
    future = Future(document)
    starts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 12)))
    for start in starts:
        span = Span(start, start)
        assert future(span) == future_reference(document, span), (text, start)


TITLE_WORDS = [
    "وزير ", "الوزير ", "الخارجية ", "مجلس ", "رئيس ", "في ", "لدى ", "باكستان ", "إسلام ",
    "آباد ", "محمد ", "علي ", "، ", ". ", "يوم ", "الأحد ", "قال ",
]  # fmt: skip


def title_end_reference(document: Document, end: int, places: SpanIndex[Span]) -> int:
    """The direct form: walk from `end` to where the title stops."""
    while (step := _title_step(document, end, places)) is not None:
        end = step
    return end


@pytest.mark.parametrize("seed", range(CASES))
def test_title_ends(seed: int) -> None:
    rng = random.Random(seed)
    document = Document(random_text(rng, TITLE_WORDS, 30))
    places = SpanIndex([m.span for m in Places(None).matcher.find(document)], lambda s: s)
    ends: dict[int, int] = {}
    order = list(range(1, len(document.tokens) + 1))
    rng.shuffle(order)
    for start in order:
        assert _title_end(document, start, places, ends) == title_end_reference(
            document, start, places
        )


# --- merging visit mentions -----------------------------------------------------------------

VISITORS = [PersonRef("a", "A", True), PersonRef("b", "B", True)]
DATES = [None, (2001,), (2001, 5), (2001, 5, 3), (2001, 5, 4), (2001, 6), (2002,), (2002, 1, 1)]


def mention(rng: random.Random, start: int) -> VisitMention:
    def found(span: Span) -> Evidence:
        return Evidence(span, "", "", "")

    date = rng.choice(DATES)
    place = rng.choice([None, "PK", "IR"])
    return VisitMention(
        trigger=found(Span(start, start + 1)),
        visitor=rng.choice([*VISITORS, None]),
        visitor_evidence=None,
        places=[(Place("x", "x", "country", place), found(Span(0, 1)))] if place else [],
        date=DateFound(found(Span(0, 1)), PartialDate(*date), "explicit", "") if date else None,
        anaphoric=rng.random() < 0.2,
        official=False,
    )


def merge_reference(mentions: list[VisitMention]) -> list[list[int]]:
    """The direct form: every mention compared with every cluster."""

    def precision(date: PartialDate) -> int:
        return {"year": 0, "month": 1, "day": 2}[date.precision]

    def cluster_date(cluster: list[int]) -> PartialDate | None:
        values = [d.value for m in cluster if (d := mentions[m].date) and d.value]
        return max(values, key=precision) if values else None

    def cluster_country(cluster: list[int]) -> str | None:
        for m in cluster:
            if mentions[m].places:
                return mentions[m].places[0][0].country
        return None

    def compatible(one: PartialDate | None, other: PartialDate | None) -> bool:
        if one is None or other is None:
            return True
        inside = one.earliest() <= other.earliest() and other.latest() <= one.latest()
        return inside or (other.earliest() <= one.earliest() and one.latest() <= other.latest())

    def start(m: int) -> int:
        return mentions[m].trigger.span.start

    clusters: list[list[int]] = []
    owner: dict[int, list[int]] = {}
    named = [i for i, m in enumerate(mentions) if not m.anaphoric and m.visitor]
    for dated in (True, False):
        for index in named:
            m = mentions[index]
            if (m.date is not None) != dated:
                continue
            country = m.places[0][0].country if m.places else None
            fits = [
                c
                for c in clusters
                if mentions[c[0]].visitor == m.visitor
                and compatible(cluster_date(c), m.date.value if m.date else None)
                and (country is None or cluster_country(c) in (None, country))
            ]
            if fits:
                cluster = min(fits, key=lambda c: min(abs(start(o) - start(index)) for o in c))
                before = [c for c in fits if min(map(start, c)) < start(index)]
                if not dated and before:
                    cluster = max(before, key=lambda c: min(map(start, c)))
                cluster.append(index)
            else:
                cluster = [index]
                clusters.append(cluster)
            owner[index] = cluster
    for index, m in enumerate(mentions):
        if index in owner or not m.anaphoric:
            continue
        earlier = [i for i in owner if i < index]
        later = [i for i in owner if i > index]
        if earlier or later:
            cluster = owner[max(earlier)] if earlier else owner[min(later)]
            cluster.append(index)
            owner[index] = cluster
    return clusters


@pytest.mark.parametrize("seed", range(CASES))
def test_merging_mentions(seed: int) -> None:
    rng = random.Random(seed)
    starts = sorted(rng.sample(range(1000), rng.randrange(1, 25)))
    mentions = [mention(rng, start) for start in starts]
    clusters: list[_Cluster] = []
    owner: dict[int, _Cluster] = {}
    named = [(i, m) for i, m in enumerate(mentions) if not m.anaphoric and m.visitor]
    _merge_dated([(i, m) for i, m in named if m.date is not None], clusters, owner)
    _merge_undated([(i, m) for i, m in named if m.date is None], clusters, owner)
    _merge_anaphoric(mentions, owner)
    number: Callable[[VisitMention], int] = lambda m: next(  # noqa: E731
        i for i, other in enumerate(mentions) if other is m
    )
    found = [[number(m) for m in cluster.mentions] for cluster in clusters]
    assert found == merge_reference(mentions)
