"""Likely duplicate people (issue 13): warnings, never errors, naming both files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.bench.synthetic import make_dataset
from generator.data.check import check
from generator.data.diagnostics import Severity
from generator.data.duplicates import normalised_words
from tests.test_check import found, write

MERGE = "if so, merge them: keep one file, add the other's id to its former_ids"


def person(person_id: str, en: str, country: str = "FR", ar: str | None = None) -> str:
    arabic = f"  ar: {ar}\n" if ar else ""
    return (
        "# yaml-language-server: $schema=../../schemas/person.schema.json\n"
        f"id: {person_id}\n"
        f"name:\n  en: {en}\n{arabic}"
        f"country: {country}\n"
        "sources:\n  - irna-report-2025-11-25\n"
    )


def duplicates(data: Path) -> list[str]:
    """The check's warnings of this kind (an English-only name also has its missing Arabic)."""
    return [line for line in found(data) if "same person" in line or "is one word" in line]


@pytest.fixture
def data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert found(data_copy) == [], "the shipped data must check clean for these tests"
    return data_copy


def test_normalised_words() -> None:
    assert normalised_words("  Jacques-René  CHIRAC. ") == ("jacques", "rene", "chirac")
    assert normalised_words("عليّ لاريجانى") == normalised_words("علي لاريجاني")
    assert normalised_words("إسماعيل") == normalised_words("اسماعيل")


def test_a_name_in_a_longer_name_of_the_same_country(data: Path) -> None:
    write(data, "people/chirac.yml", person("chirac", "Chirac"))
    write(data, "people/jacques-chirac.yml", person("jacques-chirac", "Jacques R. Chirac"))
    result = check(data)
    assert result.ok
    assert {d.severity for d in result.diagnostics} == {Severity.warning}
    assert duplicates(data) == [
        "site_data/people/chirac.yml:4:3: warning: name: 'Chirac' is one word (a surname "
        "only?); if the source gives the full name, write it here and keep this one in "
        "other_names",
        "site_data/people/chirac.yml:4:3: warning: name: 'Chirac' may be the same person as "
        f"site_data/people/jacques-chirac.yml ('Jacques R. Chirac', FR); {MERGE}",
    ]


def test_the_same_name_in_either_script(data: Path) -> None:
    write(data, "people/hamad-a.yml", person("hamad-a", "Hamad bin Isa", "BH", "حمد بن عيسى"))
    write(data, "people/hamad-b.yml", person("hamad-b", "Ḥamad ibn ʿĪsā", "BH", "حَمَد بن عيسي"))
    write(data, "people/kim.yml", person("kim", "Kim Jong-un", "KP"))
    write(data, "people/kim-2.yml", person("kim-2", "KIM JONG UN", "KP"))
    assert duplicates(data) == [
        "site_data/people/hamad-b.yml:4:3: warning: name: 'حَمَد بن عيسي' may be the same person "
        f"as site_data/people/hamad-a.yml ('حمد بن عيسى', BH); {MERGE}",
        "site_data/people/kim.yml:4:3: warning: name: 'Kim Jong-un' may be the same person "
        f"as site_data/people/kim-2.yml ('KIM JONG UN', KP); {MERGE}",
    ]


def test_a_name_matching_another_persons_other_name(data: Path) -> None:
    write(data, "people/larijani.yml", person("larijani", "Dr Ali Larijani", "IR"))
    assert duplicates(data) == [
        "site_data/people/larijani.yml:4:3: warning: name: 'Dr Ali Larijani' may be the same "
        f"person as site_data/people/ali-larijani.yml ('Dr. Ali Larijani', IR); {MERGE}",
    ]


def test_same_surname_different_country_or_first_name_is_no_duplicate(data: Path) -> None:
    write(data, "people/jacques-chirac.yml", person("jacques-chirac", "Jacques Chirac", "FR"))
    write(data, "people/bernadette-chirac.yml", person("bernadette-chirac", "Bernadette Chirac"))
    write(data, "people/pierre-chirac.yml", person("pierre-chirac", "Pierre Chirac", "BE"))
    write(data, "people/jacques-chirac-be.yml", person("jacques-chirac-be", "Jacques Dupont", "BE"))
    assert duplicates(data) == []


def test_shared_one_word_other_names_are_no_duplicate(data: Path) -> None:
    other = "other_names:\n  - name: Khan\n    lang: en\n"
    for person_id, name in (("imran-khan", "Imran Khan"), ("sadiq-khan", "Sadiq Khan")):
        content = person(person_id, name, "PK").replace("country:", other + "country:")
        write(data, f"people/{person_id}.yml", content)
    assert duplicates(data) == []


def test_the_check_over_synthetic_data(tmp_path: Path) -> None:
    make_dataset(tmp_path / "data", people=200, visits=400, seed=3)
    result = check(tmp_path / "data")
    assert result.ok
    duplicates = [d for d in result.diagnostics if "may be the same person" in d.message]
    assert all(d.severity is Severity.warning for d in duplicates)
