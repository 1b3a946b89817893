"""The one Arabic normalisation (generator/languages/arabic.py): search and extraction share it,
and the search box's JavaScript copy drops and folds the same characters."""

from __future__ import annotations

import re

from generator.extract.normalize import normalize, normalize_text
from generator.languages import arabic
from generator.mkdocs.searchnorm import normalise_arabic
from tests.conftest import ROOT

SCRIPT = ROOT / "generator" / "assets" / "search-normalise.js"


def _js_class(name: str) -> set[str]:
    """The characters of the JavaScript regex `var NAME = /[...]/g;`."""
    source = SCRIPT.read_text(encoding="utf-8")
    found = re.search(rf"var {name} = /\[([^\]]*)\]/g;", source)
    assert found, f"{name} not found in {SCRIPT.name}"
    body = re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m.group(1), 16)), found.group(1))
    chars: set[str] = set()
    index = 0
    while index < len(body):
        if index + 2 < len(body) and body[index + 1] == "-":
            chars.update(chr(code) for code in range(ord(body[index]), ord(body[index + 2]) + 1))
            index += 3
        else:
            chars.add(body[index])
            index += 1
    return chars


def test_the_javascript_copy_drops_and_folds_the_same_characters() -> None:
    assert _js_class("MARKS") == set(arabic.DROPPED)
    assert _js_class("ALEFS") == set(arabic.ALEF_FORMS)
    source = SCRIPT.read_text(encoding="utf-8")
    assert '.normalize("NFC").replace(MARKS, "").replace(ALEFS, "\\u0627")' in source


def test_search_strength_drops_marks_and_folds_alefs_only() -> None:
    assert normalise_arabic("مُحَمَّد") == "محمد"
    assert normalise_arabic("أحمد إبراهيم آل ٱلشيخ") == "احمد ابراهيم ال الشيخ"
    assert normalise_arabic("قـــاليباف") == "قاليباف"
    # Letters a reader types either way stay apart in the index.
    assert normalise_arabic("مدينة مصطفى") == "مدينة مصطفى"
    # NFC first: alef + hamza above (two code points) is أ, then ا.
    assert normalise_arabic("\u0627\u0654") == "ا"


def test_extraction_uses_the_same_marks_at_matching_strength() -> None:
    assert normalize("مدينة مصطفى ١٢٫٥") == "مدينه مصطفي 12.5"
    for char in arabic.DROPPED:
        assert normalize(char) == ""


def test_the_union_of_the_mark_ranges_drops_quranic_small_waw_and_yeh() -> None:
    # U+06E5 and U+06E6 only search dropped before the two shared one module: now both do.
    assert {"\u06e5", "\u06e6"} <= arabic.DROPPED
    written = "به\u06e5 قال"
    assert normalize(written) == "به قال"
    assert normalise_arabic(written) == "به قال"
    # The dropped mark stays with its word in the span extraction reports.
    assert normalize_text(written).span(0, 2) == (0, 3)
