"""What things are called in each language: a text in a language (or the other's when it is not
translated yet), a person's name, a visit's title. Used by the pages, the JSON-LD and the
downloads alike, so each says the same."""

from __future__ import annotations

from generator.data.dataset import Dataset
from generator.data.schema import Attendee, PartialText, Text, Visit
from generator.languages import i18n, other_languages


def plain(value: Text | PartialText | None, lang: str) -> str:
    """The text in `lang` as a plain string; the other language's when not translated."""
    if value is None:
        return ""
    for code in (lang, *(other.code for other in other_languages(lang))):
        found = value.get(code)
        if found is not None:
            return found
    return ""


def person_name(dataset: Dataset, person_id: str, lang: str) -> str:
    return plain(dataset.people[person_id].name, lang)


def attendee_name(dataset: Dataset, attendee: Attendee, lang: str) -> str:
    """A visitor's, host's or participant's name: their page's, or as the source named them."""
    if attendee.person is not None:
        return person_name(dataset, attendee.person, lang)
    return plain(attendee.name, lang)


def visit_title(dataset: Dataset, visit: Visit, lang: str) -> str:
    """The visit's own title, or "X's visit to Y" made from its visitors and country."""
    if visit.title is not None:
        return plain(visit.title, lang)
    names = [attendee_name(dataset, visitor, lang) for visitor in visit.visitors]
    return made_visit_title(names, visit.to_country, lang)


def made_visit_title(names: list[str], country: str, lang: str) -> str:
    """ "X's visit to Y", the title of a visit that has none of its own."""
    key = "visit_title" if len(names) == 1 else "visit_title_many"
    return i18n.label(
        lang,
        key,
        visitors=i18n.join_list(names, lang),
        country=i18n.country_name(country, lang),
    )
