"""Review notes ranked by doubt, so that an editor reads the doubtful values first.

A draft value gets a `# REVIEW:` note only when a rule guessed it; the note says how much doubt
there is: high (nothing found, or a guess that is often wrong: no speaker, no country, an
existing record), medium (a reading of the text a rule may get wrong: a relative date, a
candidate person, a host, an outcome's kind) or low (read from the text in the usual way, worth
a glance). Values taken from site_data/ or the command line, and dates written in full, get
none. Work that is no doubt (translating, rewriting a summary) is a `# TODO:` line.

`ranked` lists every note of every draft, most doubtful first: the drafts' `review.yml`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from generator.extract.yamlout import Commented

HIGH, MEDIUM, LOW = 3, 2, 1
_LEVELS = {HIGH: "high", MEDIUM: "medium", LOW: "low"}


class Review(str):
    """A `REVIEW:` note (the text a draft shows) that knows its doubt."""

    doubt: int

    def __new__(cls, text: str, doubt: int) -> Review:
        note = super().__new__(cls, f"REVIEW: {text} ({_LEVELS[doubt]} doubt)")
        note.doubt = doubt
        return note


def todo(text: str) -> str:
    """Work to do on a value that is not in doubt."""
    return f"TODO: {text}"


def notes_in(value: Any) -> Iterable[Review]:
    """Every review note of a draft document, in the order it is written."""
    if isinstance(value, Commented):
        yield from (text for text in value.above if isinstance(text, Review))
        if isinstance(value.note, Review):
            yield value.note
        yield from notes_in(value.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from notes_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from notes_in(item)


def ranked(notes: dict[str, list[Review]]) -> list[dict[str, str]]:
    """Every note of every draft (file name -> its notes), most doubtful first, then by file
    and in the file's order."""
    rows = [
        (-note.doubt, name, index, note)
        for name, found in notes.items()
        for index, note in enumerate(found)
    ]
    return [
        {"doubt": _LEVELS[-minus], "file": name, "note": note.removeprefix("REVIEW: ")}
        for minus, name, _, note in sorted(rows)
    ]
