"""Likely duplicate people (issue 13): one person written under several spellings in files of
their own ("Chirac" and "Jacques R. Chirac"). Warnings only: two people may share a name.

Three rules, each a warning at the name that matched (`name`, or `other_names[i].name`):

- the same name once normalised (case, diacritics, punctuation, hyphens and spaces; Arabic
  marks, alef forms, ى/ة), between any name or other name of two people in any language; two
  other names of one word each are left alone (a shared surname is not a shared person);
- a `name` whose words are all in a longer name of another person of the same country;
- a `name` of one word in the Latin script: a surname only, milder.

A visitor, host or participant written by name only is also told when the name is a
catalogued person's: a likely missed link (`named_but_catalogued`).

Cheap at thousands of people: names are indexed by their normalised form and by
(country, word), so no pair of people is compared unless they share a name or a word.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from generator.data.diagnostics import Diagnostic, FieldPath, Severity, format_path, shortened
from generator.data.schema import Attendee, Entity, Person, Visit
from generator.data.yamlfile import YamlFile
from generator.languages import LANGUAGE_CODES
from generator.languages.arabic import normalise as arabic_normalise

# Others named in "contained in" warnings per name: a one-word name may be in hundreds.
MAX_OTHERS = 3
MERGE = "if so, merge them: keep one file, add the other's id to its former_ids"


@dataclass(frozen=True)
class _Name:
    person: int  # position in the list of people
    path: FieldPath
    text: str
    words: tuple[str, ...]
    is_name: bool  # the `name` field, not an other name


def normalised_words(text: str) -> tuple[str, ...]:
    """`text`'s words, case-folded, without diacritics, punctuation or hyphens."""
    text = arabic_normalise(text, letters=True, digits=True)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = []
    for char in decomposed:
        category = unicodedata.category(char)
        if category.startswith("M"):
            continue
        kept.append(" " if category[0] in "PSZC" else char)
    return tuple("".join(kept).split())


def _is_latin(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all("LATIN" in unicodedata.name(char, "") for char in letters)


def _names(position: int, person: Person) -> list[_Name]:
    found = []
    for code in LANGUAGE_CODES:
        text = person.name.get(code)
        if text:
            found.append(_Name(position, ("name",), text, normalised_words(text), True))
    for index, other in enumerate(person.other_names):
        path: FieldPath = ("other_names", index, "name")
        found.append(_Name(position, path, other.name, normalised_words(other.name), False))
    return [name for name in found if name.words]


def duplicate_people(entries: list[tuple[YamlFile, Entity | None]]) -> list[Diagnostic]:
    """Warnings for likely duplicate people among the checked people files."""
    people = [(f, e) for f, e in entries if isinstance(e, Person)]
    names = [
        name for position, (_f, person) in enumerate(people) for name in _names(position, person)
    ]
    found: list[Diagnostic] = []
    told: set[frozenset[int]] = set()  # pairs of people already reported, either way

    def warn(mine: _Name, theirs: _Name) -> None:
        pair = frozenset((mine.person, theirs.person))
        if pair in told:
            return
        told.add(pair)
        yaml_file = people[mine.person][0]
        other_file, other = people[theirs.person]
        found.append(
            _diagnostic(
                yaml_file,
                mine.path,
                f"'{shortened(mine.text)}' may be the same person as {other_file.display} "
                f"('{shortened(theirs.text)}', {other.country}); {MERGE}",
            )
        )

    # The same normalised name: the later file is told, naming the first.
    by_key: dict[tuple[str, ...], list[_Name]] = defaultdict(list)
    for name in names:
        by_key[name.words].append(name)
    for key, same in by_key.items():
        first = same[0]
        for name in same[1:]:
            if name.person == first.person:
                continue
            if len(key) == 1 and not (name.is_name or first.is_name):
                continue
            warn(name, first)

    # A name whose words are all in a longer name of someone of the same country.
    by_word: dict[tuple[str, str], set[int]] = defaultdict(set)  # (country, word) -> names
    for number, name in enumerate(names):
        country = people[name.person][1].country
        for word in name.words:
            by_word[(country, word)].add(number)
    for name in names:
        if not name.is_name:
            continue
        country = people[name.person][1].country
        postings = sorted((by_word[(country, word)] for word in set(name.words)), key=len)
        candidates = set(postings[0]).intersection(*postings[1:])
        named = 0
        for number in sorted(candidates):
            other = names[number]
            if other.person == name.person or len(other.words) <= len(name.words):
                continue
            if frozenset((name.person, other.person)) in told or named >= MAX_OTHERS:
                continue
            if set(name.words) <= set(other.words):
                warn(name, other)
                named += 1

    # A surname only.
    for name in names:
        if name.is_name and len(name.words) == 1 and _is_latin(name.text):
            yaml_file = people[name.person][0]
            found.append(
                _diagnostic(
                    yaml_file,
                    name.path,
                    f"'{shortened(name.text)}' is one word (a surname only?); if the source "
                    "gives the full name, write it here and keep this one in other_names",
                )
            )
    return found


def _diagnostic(yaml_file: YamlFile, path: FieldPath, message: str) -> Diagnostic:
    return Diagnostic(
        yaml_file.display, *yaml_file.position(path), format_path(path), message, Severity.warning
    )


def named_but_catalogued(
    people: list[tuple[YamlFile, Entity | None]], visits: list[tuple[YamlFile, Entity | None]]
) -> list[Diagnostic]:
    """Warnings for a visitor, host or participant written as a `name` that is the name (or
    another name) of a catalogued person: likely a missed link to their page."""
    catalogued: dict[tuple[str, ...], str] = {}  # normalised name -> the first person's id
    for _file, person in people:
        if isinstance(person, Person):
            for name in _names(0, person):
                catalogued.setdefault(name.words, person.id)
    found: list[Diagnostic] = []
    for yaml_file, visit in visits:
        if not isinstance(visit, Visit):
            continue
        for path, attendee in _attendees(visit):
            for code in LANGUAGE_CODES:
                text = attendee.name.get(code) if attendee.name is not None else None
                person_id = catalogued.get(normalised_words(text)) if text else None
                if text and person_id is not None:
                    found.append(
                        _diagnostic(
                            yaml_file,
                            (*path, "name", code),
                            f"'{shortened(text)}' is the name of the catalogued person "
                            f"'{person_id}': if it is them, write 'person: {person_id}' "
                            "instead of the name, so the page links theirs",
                        )
                    )
                    break
    return found


def _attendees(visit: Visit) -> Iterator[tuple[FieldPath, Attendee]]:
    for field in ("visitors", "hosts"):
        for index, attendee in enumerate(getattr(visit, field)):
            yield (field, index), attendee
    for number, meeting in enumerate(visit.meetings):
        for index, attendee in enumerate(meeting.participants):
            yield ("meetings", number, "participants", index), attendee
