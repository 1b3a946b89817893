"""`new`: the template names every field, the check refuses it until filled, then accepts it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import cli, main
from generator.data.check import check
from generator.data.schema import MODELS, SINGULAR
from generator.review.scaffold import EXAMPLES, template
from tests.test_check import ALLOWED_COUNTRIES

# What the check says about each untouched template: (field, message), in file order.
REFUSED = {
    "person": [
        ("name.en", "must not be empty"),
        ("name.ar", "must not be empty"),
        (
            "country",
            "'??' is not a country code; " + ALLOWED_COUNTRIES,
        ),
        ("sources[0]", "unknown source 'TODO'; allowed: the id of a file in site_data/sources/"),
    ],
    "organization": [
        ("name.en", "must not be empty"),
        ("name.ar", "must not be empty"),
        (
            "classification",
            "'TODO' is not allowed; allowed: government, ministry, council, parliament, "
            "presidency, embassy, military, news-agency, party, international, other",
        ),
    ],
    "source": [
        (
            "kind",
            "'TODO' is not allowed; allowed: article, post, statement, report, interview, "
            "register, database",
        ),
        ("title.en", "must not be empty"),
        ("title.ar", "must not be empty"),
        ("language", "'TODO' is not allowed; allowed: en, ar"),
        (
            "published",
            "'YYYY-MM-DD' is not a date; allowed: YYYY, YYYY-MM or YYYY-MM-DD, with only the "
            "precision the source gives (e.g. '2025', '2025-10', '2025-11-25')",
        ),
    ],
    "visit": [
        (
            "classification",
            "'TODO' is not allowed; allowed: state, official, official-working, working, "
            "private, informal, transit, multilateral, unspecified",
        ),
        ("visitors[0]", "unknown person 'TODO'; allowed: the id of a file in site_data/people/"),
        (
            "from_country",
            "'??' is not a country code; " + ALLOWED_COUNTRIES,
        ),
        (
            "to_country",
            "'??' is not a country code; " + ALLOWED_COUNTRIES,
        ),
        (
            "start_date",
            "'YYYY-MM-DD' is not a date; allowed: YYYY, YYYY-MM or YYYY-MM-DD, with only the "
            "precision the source gives (e.g. '2025', '2025-10', '2025-11-25')",
        ),
        ("summary.en", "must not be empty"),
        ("summary.ar", "must not be empty"),
        ("sources[0]", "unknown source 'TODO'; allowed: the id of a file in site_data/sources/"),
    ],
}

# What an editor types over the placeholders, in file order.
FILLED = {
    "person": [
        ('en: ""', "en: Test Person"),
        ('ar: ""', "ar: شخص للاختبار"),
        ('country: "??"', "country: IR"),
        ('- "TODO"', "- irna-report-2025-11-25"),
    ],
    "organization": [
        ('en: ""', "en: Test Ministry"),
        ('ar: ""', "ar: وزارة للاختبار"),
        ('classification: "TODO"', "classification: ministry"),
    ],
    "source": [
        ('kind: "TODO"', "kind: article"),
        ('en: ""', "en: A test article"),
        ('ar: ""', "ar: مقال للاختبار"),
        ("# publisher: irna", "publisher: irna"),  # optional: commented out, as an example
        ('language: "TODO"', "language: ar"),
        ('published: "YYYY-MM-DD"', 'published: "2026-01"'),
    ],
    "visit": [
        ('classification: "TODO"', "classification: working"),
        ('- "TODO"', "- ali-larijani"),
        ('from_country: "??"', "from_country: IR"),
        ('to_country: "??"', "to_country: PK"),
        ('start_date: "YYYY-MM-DD"', 'start_date: "2026-01"'),
        ('en: ""', "en: A test visit."),
        ('ar: ""', "ar: زيارة للاختبار."),
        ('- "TODO"', "- irna-report-2025-11-25"),
    ],
}

PLURAL = {singular: kind for kind, singular in SINGULAR.items()}


def _problems(data: Path, path: Path) -> list[tuple[str, str]]:
    result = check(data)
    return [(d.path, d.message) for d in result.diagnostics if d.file.endswith(path.name)]


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_template_is_refused_then_accepted_once_filled(
    kind: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", kind, "test-entity", "--data", str(data_copy)]) == 0
    path = data_copy / PLURAL[kind] / "test-entity.yml"
    assert capsys.readouterr().out == (
        f"created {path.as_posix()}: replace its placeholders, then run `make check`\n"
    )
    assert _problems(data_copy, path) == REFUSED[kind]

    text = path.read_text(encoding="utf-8")
    for placeholder, value in FILLED[kind]:
        assert placeholder in text, placeholder
        text = text.replace(placeholder, value, 1)
    path.write_text(text, encoding="utf-8")
    result = check(data_copy)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert _problems(data_copy, path) == []


@pytest.mark.parametrize("kind", sorted(MODELS))
def test_template_documents_every_field_from_the_declaration(kind: str) -> None:
    text = template(kind, "test-entity")
    lines = text.splitlines()
    assert lines[0] == (
        f"# yaml-language-server: $schema=../../schemas/{SINGULAR[kind]}.schema.json"
    )
    assert "id: test-entity" in lines
    flat = " ".join(line.lstrip("# ").strip() for line in lines)
    for name, info in MODELS[kind].model_fields.items():
        assert any(line.lstrip("# ").startswith(f"{name}:") for line in lines), name
        assert info.description and info.description in flat, name
        assert name in EXAMPLES[kind], f"no example for {kind}.{name}"


def test_optional_fields_are_commented_out_and_read_back_when_uncommented(
    data_copy: Path,
) -> None:
    """Uncommenting every example of a person yields a valid person: the examples are real."""
    path = data_copy / "people" / "test-entity.yml"
    assert main(["new", "person", "test-entity", "--data", str(data_copy)]) == 0
    text = path.read_text(encoding="utf-8")
    assert "# summary:\n#   en: Secretary of Iran's Supreme National Security Council." in text
    for placeholder, value in FILLED["person"]:
        text = text.replace(placeholder, value, 1)
    optional = ("former_ids", "other_names", "summary", "memberships", "identifiers", "links")
    starts = tuple(f"# {name}:" for name in optional)
    lines, uncomment = [], False
    for line in text.splitlines():
        # An example runs from its "# name:" line through the indented lines below it.
        if line.startswith(starts):
            uncomment = True
        elif not line.startswith("#   "):
            uncomment = False
        lines.append(line[2:] if uncomment else line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = check(data_copy)
    assert result.ok, [str(d) for d in result.diagnostics]
    assert result.dataset is not None
    person = result.dataset.of_kind("people")["test-entity"]
    assert person.former_ids == ["larijani"]
    assert person.memberships[0].organization == "supreme-national-security-council"


def test_refuses_to_overwrite(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (data_copy / "people" / "ali-larijani.yml").read_bytes()
    assert main(["new", "person", "ali-larijani", "--data", str(data_copy)]) == 1
    path = (data_copy / "people" / "ali-larijani.yml").as_posix()
    assert capsys.readouterr().err == (
        f"error: {path} already exists; edit that file, or choose another id\n"
    )
    assert (data_copy / "people" / "ali-larijani.yml").read_bytes() == before


def test_refuses_an_invalid_id(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "visit", "2026_01 Dar Iran", "--data", str(data_copy)]) == 1
    assert capsys.readouterr().err == (
        "error: '2026_01 Dar Iran' is not a valid id; allowed: lowercase letters a-z, digits "
        "and single hyphens, e.g. '2026-01-dar-iran'\n"
    )
    assert not list((data_copy / "visits").glob("2026*"))


def test_refuses_a_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere"
    assert main(["new", "source", "x", "--data", str(missing)]) == 1
    assert capsys.readouterr().err == (
        f"error: no such data folder: {missing} (use --data to name it)\n"
    )


def test_unknown_kind_is_a_usage_error(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "people", "x", "--data", str(data_copy)]) == 2
    assert "'people' is not one of 'person', 'organization', 'source', 'visit'" in (
        capsys.readouterr().err
    )


def test_the_command_offers_every_kind() -> None:
    kind_argument = cli.commands["new"].params[0]
    assert sorted(kind_argument.type.choices) == sorted(SINGULAR.values())  # type: ignore[attr-defined]
