"""The languages as data: every catalog has the same keys, lists are joined and sorted by each
language's own rules, and the search settings come from the declaration."""

from __future__ import annotations

import pytest

from generator.languages import LANGUAGE_CODES, LANGUAGES, language
from generator.languages.collation import sort_key
from generator.languages.i18n import catalog, join_list, list_separators


def test_every_catalog_has_the_same_keys() -> None:
    first = set(catalog(LANGUAGE_CODES[0]))
    for code in LANGUAGE_CODES[1:]:
        assert set(catalog(code)) ^ first == set(), code


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_and_of_a_list_is_the_catalogs_pattern(code: str) -> None:
    between, last = list_separators(code)
    assert join_list(["A", "B", "C"], code) == f"A{between}B{last}C"


def test_lists_are_joined_as_each_language_writes_them() -> None:
    assert join_list(["Ali", "Masoud", "Reza"], "en") == "Ali, Masoud and Reza"
    # Arabic attaches "و" to the next word.
    assert join_list(["علي", "مسعود", "رضا"], "ar") == "علي، مسعود ورضا"


def test_arabic_names_sort_in_arabic_alphabetical_order() -> None:
    names = ["مسعود", "علي", "محمد", "رضا", "أحمد", "محسن", "إبراهيم"]
    ordered = sorted(names, key=lambda name: sort_key(name, "ar"))
    assert ordered == ["أحمد", "إبراهيم", "رضا", "علي", "محسن", "محمد", "مسعود"]


def test_english_names_sort_whatever_their_case_and_accents() -> None:
    names = ["Zed", "éric", "Eve", "apple"]
    assert sorted(names, key=lambda name: sort_key(name, "en")) == ["apple", "éric", "Eve", "Zed"]


def test_names_in_the_pages_own_script_sort_first() -> None:
    # The DUCET puts every Latin letter before the Arabic ones: an Arabic list of people began
    # with the names not yet translated.
    names = ["Zed Smith", "علي", "Adam", "أحمد"]
    assert sorted(names, key=lambda name: sort_key(name, "ar")) == [
        "أحمد",
        "علي",
        "Adam",
        "Zed Smith",
    ]
    assert sorted(names, key=lambda name: sort_key(name, "en")) == [
        "Adam",
        "Zed Smith",
        "أحمد",
        "علي",
    ]


def test_a_visit_count_has_the_languages_grouping() -> None:
    # "3996 visits" on a busy country's page.
    from generator.render.visit_rows import _visit_count

    assert _visit_count("en", "en_GB", 3996) == "3,996 visits"
    assert _visit_count("ar", "ar", 3996).striptags() == "3,996 زيارة"


def test_search_settings_are_the_languages() -> None:
    assert language("en").search.plugin_config() == {"lang": "en"}
    arabic = language("ar").search.plugin_config()
    assert arabic["lang"] == "ar" and arabic["pipeline"] == []
    assert "ال" in str(arabic["separator"])


def test_every_language_is_complete() -> None:
    for lang in LANGUAGES:
        assert lang.direction in ("ltr", "rtl")
        assert lang.digits and lang.collation
        sort_key("x", lang.code)  # its collation exists
