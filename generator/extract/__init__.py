"""From article to draft YAML: an extraction assistant for Arabic and English reports.

`extract(text, dataset=...)` reads a plain-text article with rules, CLDR data and the project's
own people as the gazetteer (no model): known people and candidates, dates, visits, quotes and
amounts, each with the span and sentence it came from. `generator.extract.draft` writes the
result as YAML drafts for review, `generator.extract.report` as a review report, and
`generator.extract.command` is the command line's `extract`.

Modules: `normalize` (matching forms with offsets, on the project's Arabic normalisation in
`generator.languages.arabic`), `text` (tokens, sentences, quotation marks), `phrases` (gazetteer
matching), `lexicon` (the word lists of every rule, both languages), `places` (its cities in
`data/cities.tsv`), `homographs` («عمّان» or «عُمان»), `kingdom` («المملكة» alone),
`report_country` («البلاد», «الدولة» alone), `people` (known people, candidates), `titles` and
`titles_en` (a title and the name after it, Arabic and English), `title_places` (the countries
a title names), `dates`, `visit_triggers` and `visit_frames` (the wordings of a visit),
`visit_meetings` (the visits a meeting place implies), `visit_stops`, `visits` (merging them),
`outcomes`, `quotes`, `amounts`, `reading` (input checks, language), `draft`, `doubt` (review
notes by doubt), `yamlout`, `report`, `command`, `gold` and `score` (the gold set's scores).
"""

from __future__ import annotations

import datetime

from generator.data.dataset import Dataset
from generator.data.schema import PartialDate
from generator.extract.amounts import find_amounts
from generator.extract.dates import find_dates, publication_date
from generator.extract.homographs import amman_or_oman
from generator.extract.kingdom import kingdom_places
from generator.extract.model import Extraction, evidence
from generator.extract.outcomes import attach_outcomes
from generator.extract.people import Gazetteer, find_people
from generator.extract.places import Places
from generator.extract.quotes import find_quotes
from generator.extract.reading import ExtractError, detect_language
from generator.extract.report_country import report_country_places
from generator.extract.text import Document
from generator.extract.visits import find_visits

__all__ = ["ExtractError", "Extraction", "extract"]


def extract(
    text: str,
    *,
    dataset: Dataset | None,
    lang: str | None = None,
    article_date: datetime.date | None = None,
    source_id: str = "article",
) -> Extraction:
    """Everything the article says that the data format can hold, marked for review.

    `lang` and `article_date` override what is detected in the text. Raises ExtractError for
    text in neither Arabic nor English.
    """
    document = Document(text)
    detected, why = detect_language(text)
    if detected is None:
        raise ExtractError(f"the text is neither Arabic nor English: {why}")
    lang_note = f"given (--lang); detected: {why}" if lang else f"detected: {why}"
    language = lang or detected

    notes: list[str] = []
    date_evidence = None
    if article_date is None:
        found = publication_date(find_dates(document, None))
        if found is not None and found.value is not None and found.value.day is not None:
            value = found.value
            assert value.month is not None and value.day is not None
            article_date = datetime.date(value.year, value.month, value.day)
            date_evidence = found.evidence
        else:
            notes.append(
                "no publication date given or found: relative dates and weekdays are left "
                "unresolved; pass --date YYYY-MM-DD"
            )
    dates = find_dates(document, article_date)

    gazetteer = Gazetteer(dataset)
    places = Places(dataset)
    people, candidates, mentions = find_people(document, gazetteer, places)
    countries = {person.ref.id: person.country for person in [*people, *candidates]}
    residences = {p.ref.id: p.resides for p in [*people, *candidates] if p.resides}
    place_matches = amman_or_oman(document, places, places.matcher.find(document))
    place_matches = kingdom_places(document, places, place_matches)
    place_matches = report_country_places(document, places, place_matches)
    visits = find_visits(document, mentions, countries, residences, place_matches, dates, dataset)
    quotes = find_quotes(document, mentions, dataset)
    amounts = find_amounts(document)
    attach_outcomes(document, visits, amounts, mentions)

    title = evidence(document, document.sentences[0].span) if document.sentences else None
    date = (
        PartialDate(article_date.year, article_date.month, article_date.day)
        if article_date
        else None
    )
    return Extraction(
        source_id=source_id,
        lang=language,
        lang_note=lang_note,
        date=date,
        date_evidence=date_evidence,
        title=title,
        people=people,
        candidates=candidates,
        dates=dates,
        visits=visits,
        quotes=quotes,
        amounts=amounts,
        notes=notes,
    )
