"""The drafts: YAML in the project's format (the field names of `generator.data.schema`), every
value with the span and sentence it came from and a `# REVIEW:` note, ranked by doubt
(`generator.extract.doubt`), where a rule guessed; confident values carry none.

Layout of `drafts/<source-id>/`:

- `sources/<source-id>.yml`: the article as a source;
- `people/<id>.yml`: one per candidate new person (known people are not redrafted);
- `visits/<id>.yml`: one per visit, with the outcomes whose sentence names it;
- `quotes.yml`, `outcomes.yml`: quotes, and outcomes no visit could be chosen for, in the shape
  of a visit's `quotes:` / `outcomes:` entries, to move under the right visit;
- `mentions.yml`: where each known person and each date is mentioned (evidence, not data);
- `review.yml`: every review note of the drafts, the most doubtful first;
A draft whose file name site_data/ already has opens with `MERGE_DRAFT`: it is to be merged by
hand, since moving it into site_data/ would replace the curated record.
"""

from __future__ import annotations

from typing import Any

from generator.data.dataset import Dataset
from generator.extract.doubt import HIGH, LOW, MEDIUM, Review, notes_in, ranked, todo
from generator.extract.model import (
    AmountFound,
    DateFound,
    Evidence,
    Extraction,
    PersonFound,
    QuoteFound,
    VisitFound,
)
from generator.extract.yamlout import Commented, Quoted, dump

MERGE_DRAFT = "MERGE DRAFT: do not move this file into site_data/ (see the note below)."


def _from(found: Evidence) -> str:
    return found.comment()


def _review(text: str, doubt: int = MEDIUM) -> Review:
    return Review(text, doubt)


def _header(article: str, what: str) -> list[str]:
    return [
        f"Draft {what}, extracted from {article} by `python -m generator extract`.",
        "Values were read by rules: a `# REVIEW:` note marks a guess (high, medium or low doubt; "
        "review.yml lists them all, most doubtful first), spans are character offsets (end "
        "exclusive). Fix what is wrong, then move the file into site_data/.",
    ]


def draft_files(
    extraction: Extraction, article: str, dataset: Dataset | None = None
) -> dict[str, str]:
    """Relative path -> YAML text, for every draft of the extraction. A draft whose file name
    is already a record of `dataset` (site_data/) opens with `MERGE_DRAFT` and a note of high
    doubt: moving it into site_data/ would replace the curated record."""
    documents: dict[str, tuple[dict[str, Any], list[str]]] = {}
    source_id = extraction.source_id
    existing = _existing_ids(dataset)
    documents[f"sources/{source_id}.yml"] = (_source(extraction), _header(article, "source"))
    for person in extraction.candidates:
        header = _header(article, "person (a candidate)")
        documents[f"people/{person.ref.id}.yml"] = (_person(extraction, person), header)
    for visit in extraction.visits:
        header = _header(article, "visit")
        documents[f"visits/{visit.id}.yml"] = (_visit(extraction, visit), header)
    if extraction.quotes:
        documents["quotes.yml"] = (
            {"quotes": [_quote(extraction, quote) for quote in extraction.quotes]},
            [
                *_header(article, "quotes"),
                todo("these are entries for a visit's `quotes:` list; move each under the "
                     "visit it belongs to and keep only short, significant ones."),
            ],
        )  # fmt: skip
    unattached = extraction.unattached_amounts
    if unattached:
        documents["outcomes.yml"] = (
            {"outcomes": [_outcome(extraction, amount) for amount in unattached]},
            [
                *_header(article, "outcomes"),
                _review("no visit is named in these outcomes' sentences; move each under the "
                        "`outcomes:` of the visit it belongs to.", MEDIUM),
            ],
        )  # fmt: skip
    files: dict[str, str] = {}
    notes: dict[str, list[Review]] = {}
    for name, (document, header) in documents.items():
        folder, _, stem = name.rpartition("/")
        if stem.removesuffix(".yml") in existing.get(folder, set()):
            header = [
                MERGE_DRAFT,
                _review(f"site_data/{name} already exists: copy what is new into it by hand; "
                        "moving this file into site_data/ would replace the curated record",
                        HIGH),
                *header,
            ]  # fmt: skip
        files[name] = dump(document, header)
        notes[name] = [note for note in header if isinstance(note, Review)]
        notes[name] += list(notes_in(document))
    files["review.yml"] = dump(
        {"review": ranked(notes)},
        [f"Every review note of the drafts of {article}, the most doubtful first."],
    )
    files["mentions.yml"] = dump(
        _mentions(extraction),
        [
            f"Evidence extracted from {article}: where each known person and each date is "
            "mentioned. For review only; not data for site_data/.",
        ],
    )
    return dict(sorted(files.items()))


def _existing_ids(dataset: Dataset | None) -> dict[str, set[str]]:
    """The ids of site_data/'s records, by the drafts' folder names."""
    if dataset is None:
        return {}
    return {
        "people": set(dataset.people),
        "visits": set(dataset.visits),
        "sources": set(dataset.sources),
    }


# --- one document per kind --------------------------------------------------------------------


def _source(extraction: Extraction) -> dict[str, Any]:
    lang = extraction.lang
    title: Any = Commented({}, note=_review("no title found; write the headline", HIGH))
    if extraction.title is not None:
        words = extraction.title.text.split()
        short = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
        title = Commented(
            {lang: Commented(short, [_from(extraction.title)])},
            [todo("the first sentence, shortened: write the real headline if there is one")],
        )
    if extraction.date is None:
        published = Commented(
            None, note=_review("no date given or found: the publication date", HIGH)
        )
    elif extraction.date_evidence is None:
        published = Commented(Quoted(str(extraction.date)), note="given on the command line")
    else:
        published = Commented(
            Quoted(str(extraction.date)),
            [_from(extraction.date_evidence)],
            _review("the first full date of the text, read as the publication date"),
        )
    return {
        "id": Commented(extraction.source_id, note="the id of the source; a slug"),
        "kind": Commented(
            "article",
            note=todo(
                "article, post, statement, report, interview; add `publisher: <organization "
                "id>` when the source names who published it"
            ),
        ),
        "title": title,
        "language": Commented(
            lang,
            note=extraction.lang_note
            if extraction.lang_note.startswith("given")
            else _review(extraction.lang_note, LOW),
        ),
        "published": published,
    }


def _person(extraction: Extraction, person: PersonFound) -> dict[str, Any]:
    first = person.mentions[0] if person.mentions else person.position
    name: dict[str, Any] = {}
    other = "en" if person.lang == "ar" else "ar"
    name[person.lang] = Commented(person.ref.name, [_from(first)] if first else [])
    name[other] = Commented(None, note=todo(f"the name in {_language(other)}"))
    above: list[str] = [
        _review(f"a candidate new person: no known person matches {person.ref.name!r}")
    ]
    if person.lang == "ar":
        above.append(
            _review("the id is a placeholder (no Latin form in the article): choose a slug of "
                    "the name in English, e.g. hakan-fidan, and rename the file", LOW)
        )  # fmt: skip
    role: dict[str, Any] = {}
    if person.position is not None:
        role[person.lang] = Commented(
            person.position.text,
            [
                _review("candidate position: the title the article gives", LOW),
                _from(person.position),
            ],
        )
        role[other] = Commented(None, note=todo(f"the position in {_language(other)}"))
    document: dict[str, Any] = {
        "id": Commented(person.ref.id, above),
        "name": name,
        "country": Commented(
            person.country,
            note=_review("read from the title", LOW)
            if person.country
            else _review("country not found in the title: the person's country", HIGH),
        ),
    }
    if role:
        document["memberships"] = [
            {
                "role": role,
                "organization": Commented(None, note=todo("the organization's id, if any")),
                "sources": [extraction.source_id],
            }
        ]
    document["sources"] = Commented(
        [extraction.source_id],
        [f"mentioned at: {', '.join(_chars(m) for m in person.mentions)}"],
    )
    return document


def _visit(extraction: Extraction, visit: VisitFound) -> dict[str, Any]:
    lang = extraction.lang
    named = [mention for mention in visit.mentions if not mention.anaphoric]
    first = (named or visit.mentions)[0]
    above: list[str] = [
        f"a visit described at {', '.join(_chars(m.trigger) for m in visit.mentions)}"
    ]
    if visit.existing:
        above.append(
            _review(f"site_data already has the visit '{visit.existing}' (same visitor, country "
                    "and compatible date): merge what is new into it instead of adding this file",
                    HIGH)
        )  # fmt: skip
    visitor_evidence = [m.visitor_evidence for m in named if m.visitor_evidence]
    visitor_note = (
        None
        if visit.visitor.known
        else _review(f"a candidate new person ({visit.visitor.name}), drafted in people/")
    )
    document: dict[str, Any] = {
        "id": Commented(visit.id, above),
        "classification": Commented(
            visit.classification,
            note="'official' when the text says so; else state, working, private or unspecified"
            if visit.classification == "unspecified"
            else _review(f"'{visit.classification}' read from the text", LOW),
        ),
        "visitors": [
            Commented(
                visit.visitor.id,
                [_from(visitor_evidence[0])] if visitor_evidence else [],
                visitor_note,
            )
        ],
    }
    if visit.hosts:
        document["hosts"] = [
            Commented(
                ref.id,
                [_review("named with the visit and of the country visited: a host?"), _from(where)],
            )
            for ref, where in visit.hosts
        ]
    from_note: str | None = None  # a known person's country is site_data's
    if visit.from_country is None:
        from_note = _review("the visitor's country is not known", HIGH)
    elif not visit.visitor.known:
        from_note = _review("the visitor's country, read from their title", LOW)
    document["from_country"] = Commented(visit.from_country, note=from_note)
    document["to_country"] = Commented(
        visit.to_country,
        [_from(visit.to_country_evidence)] if visit.to_country_evidence else [],
        None if visit.to_country else _review("no place found: the country visited", HIGH),
    )
    if visit.places:
        document["places"] = [
            Commented(_place(place), [_from(where)]) for place, where in visit.places
        ]
    document["start_date"] = _date_value(visit.start_date, extraction)
    document["summary"] = Commented(
        {lang: Commented(first.trigger.whole_sentence, [_from(first.trigger)])},
        [todo("the article's sentence: rewrite it in your own words, in both languages")],
    )
    if visit.outcomes:
        document["outcomes"] = [_outcome(extraction, amount) for amount in visit.outcomes]
    document["sources"] = [extraction.source_id]
    return document


def _place(place: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"name": {"en": place.en, "ar": place.ar}}
    if place.kind is not None:
        item["kind"] = place.kind
    if place.city_en and place.city_ar:
        item["city"] = {"en": place.city_en, "ar": place.city_ar}
    return item


def _date_value(date: DateFound | None, extraction: Extraction) -> Commented:
    """The visit's date; a date written in full needs no review. Without one, the
    publication date is offered: a report is usually of the day or the day before."""
    if date is None or date.value is None:
        if extraction.date is not None:
            return Commented(
                Quoted(str(extraction.date)),
                note=_review("no date in the text for this visit: the publication date, "
                             "offered; the visit may be earlier", HIGH),
            )  # fmt: skip
        return Commented(None, note=_review("no date in the text for this visit", HIGH))
    how = f"precision {date.precision} ({date.kind}: {date.note})"
    full = date.kind == "explicit" and date.precision == "day"
    return Commented(Quoted(str(date.value)), [_from(date.evidence)], how if full else _review(how))


def _outcome(extraction: Extraction, amount: AmountFound) -> Commented:
    item: dict[str, Any] = {
        "kind": Commented(amount.kind, note=_review("the outcome's kind")),
        "summary": Commented(
            {extraction.lang: amount.evidence.whole_sentence, _other(extraction.lang): None},
            [todo("the article's sentence: rewrite it in your own words, in both languages")],
        ),
    }
    if amount.count is not None:
        item["count"] = amount.count
        item["count_is_minimum"] = amount.count_is_minimum
    if amount.value is not None:
        item["amount"] = {
            "value": amount.value,
            "currency": amount.currency,
            "period": amount.period,
        }
    item["sources"] = [extraction.source_id]
    notes = [_review(note) for note in amount.notes]
    return Commented(item, [_from(amount.evidence), *notes])


def _quote(extraction: Extraction, quote: QuoteFound) -> Commented:
    above = [_from(quote.evidence)]
    if quote.speaker is None:
        above.append(_review("no speaker found: whose words are these?", HIGH))
    elif quote.attribution is not None:
        above.append(
            _review(
                f"speaker read from {quote.attribution.text!r} at {_chars(quote.attribution)}", LOW
            )
        )
    item: dict[str, Any] = {
        "speaker": quote.speaker.id if quote.speaker else None,
        "text": quote.evidence.text,
        "lang": quote.lang,
        "translation": Commented(
            {_other(quote.lang): None},
            note=todo(f"translate into {_language(_other(quote.lang))}"),
        ),
        "sources": [extraction.source_id],
    }
    return Commented(item, above)


def _mentions(extraction: Extraction) -> dict[str, Any]:
    people: dict[str, Any] = {}
    for person in extraction.people:
        people[person.ref.id] = [
            Commented(mention.text, [_from(mention)]) for mention in person.mentions
        ]
    dates = [
        Commented(
            {
                "text": date.evidence.text,
                "value": Quoted(str(date.value)) if date.value else None,
                "precision": date.precision,
                "kind": date.kind,
                "how": date.note,
            },
            [_from(date.evidence)],
        )
        for date in extraction.dates
    ]
    return {"people": people, "dates": dates}


def _chars(found: Evidence) -> str:
    return f"chars {found.span.start}-{found.span.end}"


def _other(lang: str) -> str:
    return "en" if lang == "ar" else "ar"


def _language(code: str) -> str:
    return {"en": "English", "ar": "Arabic"}[code]
