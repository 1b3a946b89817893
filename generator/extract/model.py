"""What the extractor finds: plain data, each value with the evidence it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.data.schema import PartialDate
from generator.extract.places import Place
from generator.extract.text import Document, Span


@dataclass(frozen=True)
class Evidence:
    """Where a value came from: its span, the text there, and the sentence around it."""

    span: Span
    text: str
    sentence: str  # on one line, shortened around the span when long
    whole_sentence: str

    def comment(self) -> str:
        return f'from chars {self.span.start}-{self.span.end}: "{self.sentence}"'


# Drafts quote a value's whole sentence (a visit's description, an outcome's text). A longer
# "sentence" is a run of text without full stops, not prose (sentences of news reports are well
# under 1,000 characters): it is quoted shortened around the value, as the one-line excerpt is,
# so that thousands of values in one such run do not each copy all of it.
WHOLE_SENTENCE_LIMIT = 2000


def evidence(document: Document, span: Span) -> Evidence:
    """The evidence for a value found at `span`."""
    sentence = document.sentence_at(span.start).span
    if len(sentence) <= WHOLE_SENTENCE_LIMIT:
        whole = " ".join(document.text[sentence.start : sentence.end].split())
    else:
        whole = document.excerpt(span, WHOLE_SENTENCE_LIMIT)
    return Evidence(span, document.slice(span), document.excerpt(span), whole)


@dataclass(frozen=True)
class PersonRef:
    """A person as drafts refer to them: a known id, or the id of a candidate's draft."""

    id: str
    name: str
    known: bool


@dataclass
class PersonFound:
    """A person the article mentions, with every mention."""

    ref: PersonRef
    country: str | None
    mentions: list[Evidence] = field(default_factory=list)
    position: Evidence | None = None  # candidates: the title that introduced them
    lang: str = "en"  # candidates: the language the name is written in
    resides: str | None = None  # the country their title says they live in (an ambassador's)


@dataclass
class DateFound:
    evidence: Evidence
    value: PartialDate | None  # None when it cannot be resolved (no article date)
    kind: str  # "explicit", "weekday" or "relative"
    note: str  # how it was read or resolved

    @property
    def precision(self) -> str:
        return self.value.precision if self.value else "unresolved"


@dataclass
class AmountFound:
    evidence: Evidence
    kind: str  # an Outcome kind: "target", "agreement", "memorandum", "statement"
    value: float | None = None  # money
    currency: str | None = None
    count: int | None = None  # agreements, memoranda
    count_is_minimum: bool = False
    period: str = "total"
    notes: list[str] = field(default_factory=list)


@dataclass
class QuoteFound:
    evidence: Evidence  # the quoted text, without the marks
    lang: str
    speaker: PersonRef | None
    attribution: Evidence | None  # the verb ("قال", "said") the speaker was taken from


@dataclass
class VisitMention:
    """One sentence's description of a visit."""

    trigger: Evidence
    visitor: PersonRef | None
    visitor_evidence: Evidence | None
    places: list[tuple[Place, Evidence]]
    date: DateFound | None
    anaphoric: bool  # "the visit", "تلك الزيارة": refers back to a visit named before
    official: bool
    future: bool = False  # the sentence speaks of the future ("will host", «سيزور»)


@dataclass
class VisitFound:
    id: str
    visitor: PersonRef
    from_country: str | None
    to_country: str | None
    to_country_evidence: Evidence | None
    places: list[tuple[Place, Evidence]]
    start_date: DateFound | None
    classification: str
    hosts: list[tuple[PersonRef, Evidence]]
    mentions: list[VisitMention]
    outcomes: list[AmountFound] = field(default_factory=list)
    existing: str | None = None  # a visit of site_data/ that looks the same


@dataclass
class Extraction:
    source_id: str
    lang: str
    lang_note: str
    date: PartialDate | None
    date_evidence: Evidence | None  # None when the date was given on the command line
    title: Evidence | None
    people: list[PersonFound]
    candidates: list[PersonFound]
    dates: list[DateFound]
    visits: list[VisitFound]
    quotes: list[QuoteFound]
    amounts: list[AmountFound]
    notes: list[str] = field(default_factory=list)

    @property
    def unattached_amounts(self) -> list[AmountFound]:
        attached = {id(amount) for visit in self.visits for amount in visit.outcomes}
        return [amount for amount in self.amounts if id(amount) not in attached]
