"""The drafts: YAML in the project's format (the field names of `generator.data.schema`), every
value with the span and sentence it came from and a `# REVIEW:` note where a reader must decide.

Layout of `drafts/<source-id>/`:

- `sources/<source-id>.yml`: the article as a source;
- `people/<id>.yml`: one per candidate new person (known people are not redrafted);
- `visits/<id>.yml`: one per visit, with the outcomes whose sentence names it;
- `quotes.yml`, `outcomes.yml`: quotes, and outcomes no visit could be chosen for, in the shape
  of a visit's `quotes:` / `outcomes:` entries, to move under the right visit;
- `mentions.yml`: where each known person and each date is mentioned (evidence, not data).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

_REVIEW = "REVIEW: "


def _from(found: Evidence) -> str:
    return found.comment()


def _review(text: str) -> str:
    return _REVIEW + text


def _header(article: str, what: str) -> list[str]:
    return [
        f"Draft {what}, extracted from {article} by `python -m generator extract`.",
        "REVIEW: every value is a guess from rules; check each against the article (spans are "
        "character offsets, end exclusive), fix it, then move the file into site_data/.",
    ]


def draft_files(extraction: Extraction, article: str) -> dict[str, str]:
    """Relative path -> YAML text, for every draft of the extraction."""
    files: dict[str, str] = {}
    source_id = extraction.source_id
    files[f"sources/{source_id}.yml"] = dump(_source(extraction), _header(article, "source"))
    for person in extraction.candidates:
        files[f"people/{person.ref.id}.yml"] = dump(
            _person(extraction, person), _header(article, "person (a candidate)")
        )
    for visit in extraction.visits:
        files[f"visits/{visit.id}.yml"] = dump(_visit(extraction, visit), _header(article, "visit"))
    if extraction.quotes:
        files["quotes.yml"] = dump(
            {"quotes": [_quote(extraction, quote) for quote in extraction.quotes]},
            [
                *_header(article, "quotes"),
                "REVIEW: these are entries for a visit's `quotes:` list; move each under the "
                "visit it belongs to and keep only short, significant ones.",
            ],
        )
    unattached = extraction.unattached_amounts
    if unattached:
        files["outcomes.yml"] = dump(
            {"outcomes": [_outcome(extraction, amount) for amount in unattached]},
            [
                *_header(article, "outcomes"),
                "REVIEW: no visit is named in these outcomes' sentences; move each under the "
                "`outcomes:` of the visit it belongs to.",
            ],
        )
    files["mentions.yml"] = dump(
        _mentions(extraction),
        [
            f"Evidence extracted from {article}: where each known person and each date is "
            "mentioned. For review only; not data for site_data/.",
        ],
    )
    return dict(sorted(files.items()))


def write_drafts(files: dict[str, str], target: Path) -> list[Path]:
    """Write the drafts below `target` (UTF-8, LF); remove stale drafts of an earlier run."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {target / name for name in files}
    for old in sorted(target.rglob("*.yml")):
        if old not in wanted:
            old.unlink()
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


# --- one document per kind --------------------------------------------------------------------


def _source(extraction: Extraction) -> dict[str, Any]:
    lang = extraction.lang
    title: Any = Commented(
        {},
        note=_review("no title found; write the headline"),
    )
    if extraction.title is not None:
        words = extraction.title.text.split()
        short = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
        title = Commented(
            {lang: Commented(short, [_from(extraction.title)])},
            [_review("the first sentence, shortened: write the real headline if there is one")],
        )
    if extraction.date is None:
        published = Commented(None, note=_review("no date given or found: the publication date"))
    elif extraction.date_evidence is None:
        published = Commented(Quoted(str(extraction.date)), note="given on the command line")
    else:
        published = Commented(
            Quoted(str(extraction.date)),
            [_from(extraction.date_evidence)],
            _review("the first full date of the text, read as the publication date"),
        )
    return {
        "id": Commented(extraction.source_id, note=_review("the id of the source; a slug")),
        "kind": Commented(
            "article",
            note=_review(
                "article, post, statement, report, interview; add `publisher: <organization "
                "id>` when the source names who published it"
            ),
        ),
        "title": title,
        "language": Commented(lang, note=_review(extraction.lang_note)),
        "published": published,
    }


def _person(extraction: Extraction, person: PersonFound) -> dict[str, Any]:
    first = person.mentions[0] if person.mentions else person.position
    name: dict[str, Any] = {}
    other = "en" if person.lang == "ar" else "ar"
    name[person.lang] = Commented(person.ref.name, [_from(first)] if first else [])
    name[other] = Commented(None, note=_review(f"the name in {_language(other)}"))
    above = [_review(f"a candidate new person: no known person matches {person.ref.name!r}")]
    if person.lang == "ar":
        above.append(
            _review("the id is a placeholder (no Latin form in the article): choose a slug of "
                    "the name in English, e.g. hakan-fidan, and rename the file")
        )  # fmt: skip
    role: dict[str, Any] = {}
    if person.position is not None:
        role[person.lang] = Commented(
            person.position.text,
            [_review("candidate position: the title the article gives"), _from(person.position)],
        )
        role[other] = Commented(None, note=_review(f"the position in {_language(other)}"))
    document: dict[str, Any] = {
        "id": Commented(person.ref.id, above),
        "name": name,
        "country": Commented(
            person.country,
            note=_review(
                "read from the title" if person.country else "country not found in the title"
            ),
        ),
    }
    if role:
        document["memberships"] = [
            {
                "role": role,
                "organization": Commented(None, note=_review("the organization's id, if any")),
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
    above = [
        _review(f"a visit described at {', '.join(_chars(m.trigger) for m in visit.mentions)}")
    ]
    if visit.existing:
        above.append(
            _review(f"site_data already has the visit '{visit.existing}' (same visitor, country "
                    "and compatible date): merge what is new into it instead of adding this file")
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
            note=_review(
                "'official' when the text says so; else state, working, private or unspecified"
            ),
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
    document["from_country"] = Commented(
        visit.from_country, note=_review("the visitor's country" if visit.from_country else
                                         "the visitor's country is not known")
    )  # fmt: skip
    document["to_country"] = Commented(
        visit.to_country,
        [_from(visit.to_country_evidence)] if visit.to_country_evidence else [],
        None if visit.to_country else _review("no place found: the country visited"),
    )
    if visit.places:
        document["places"] = [
            Commented(_place(place), [_from(where)]) for place, where in visit.places
        ]
    document["start_date"] = _date_value(visit.start_date)
    document["summary"] = Commented(
        {lang: Commented(first.trigger.whole_sentence, [_from(first.trigger)])},
        [_review("the article's sentence: rewrite it in your own words, in both languages")],
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


def _date_value(date: DateFound | None) -> Commented:
    if date is None or date.value is None:
        return Commented(None, note=_review("no date in the text for this visit"))
    return Commented(
        Quoted(str(date.value)),
        [_from(date.evidence)],
        _review(f"precision {date.precision} ({date.kind}: {date.note})"),
    )


def _outcome(extraction: Extraction, amount: AmountFound) -> Commented:
    item: dict[str, Any] = {
        "kind": Commented(amount.kind, note=_review("the outcome's kind")),
        "summary": Commented(
            {extraction.lang: amount.evidence.whole_sentence, _other(extraction.lang): None},
            [_review("the article's sentence: rewrite it in your own words, in both languages")],
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
        above.append(_review("no speaker found: whose words are these?"))
    elif quote.attribution is not None:
        above.append(
            _review(f"speaker read from {quote.attribution.text!r} at {_chars(quote.attribution)}")
        )
    item: dict[str, Any] = {
        "speaker": quote.speaker.id if quote.speaker else None,
        "text": quote.evidence.text,
        "lang": quote.lang,
        "translation": Commented(
            {_other(quote.lang): None},
            note=_review(f"translate into {_language(_other(quote.lang))}"),
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
