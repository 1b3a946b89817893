"""The JSON Schemas: committed in step with the declaration, and strict where it is strict."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.data.json_schemas import (
    DIALECT,
    generate_schemas,
    render_schema,
    schema_file_name,
    schema_files,
    schema_for,
    sync_generated,
)
from generator.data.schema import KINDS, MODELS, SINGULAR
from tests.conftest import ROOT, SHIPPED_DATA

COMMITTED = ROOT / "schemas"


def test_committed_schemas_equal_the_generated_ones() -> None:
    generated = generate_schemas()
    committed = {path.name: path.read_text(encoding="utf-8") for path in COMMITTED.glob("*.json")}
    assert sorted(committed) == sorted(generated), "run: python -m generator schemas"
    for name, text in generated.items():
        assert committed[name] == text, f"{name} is stale; run: python -m generator schemas"


def test_one_schema_per_kind() -> None:
    assert sorted(generate_schemas()) == [
        "organization.schema.json",
        "person.schema.json",
        "source.schema.json",
        "visit.schema.json",
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_every_data_file_names_its_schema_on_line_one(kind: str) -> None:
    files = sorted((SHIPPED_DATA / kind).glob("*.yml"))
    assert files
    for path in files:
        first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
        expected = f"# yaml-language-server: $schema=../../schemas/{schema_file_name(kind)}"
        assert first_line == expected, path
        target = (path.parent / first_line.split("=", 1)[1]).resolve()
        assert target == (COMMITTED / schema_file_name(kind)).resolve()
        assert target.is_file()


@pytest.mark.parametrize("kind", KINDS)
def test_schema_header(kind: str) -> None:
    schema = schema_for(kind)
    assert schema["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == f"{SINGULAR[kind]}.schema.json"
    assert schema["title"] == f"Sijill {SINGULAR[kind]} (site_data/{kind}/<id>.yml)"
    assert schema["description"] == (MODELS[kind].__doc__ or "").strip()


@pytest.mark.parametrize("kind", KINDS)
def test_output_is_deterministic(kind: str) -> None:
    text = render_schema(kind)
    assert text == render_schema(kind)
    assert text.endswith("}\n")
    assert "\r" not in text
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_non_ascii_is_kept_as_is() -> None:
    assert "قاليباف" in render_schema("people")


def _objects(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "(root)", schema
    yield from schema.get("$defs", {}).items()


def _model(kind: str, name: str) -> type[BaseModel]:
    root = MODELS[kind]
    if name == "(root)":
        return root
    found: dict[str, type[BaseModel]] = {}

    def walk(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            for arg in _flatten(info.annotation):
                if (
                    isinstance(arg, type)
                    and issubclass(arg, BaseModel)
                    and arg.__name__ not in found
                ):
                    found[arg.__name__] = arg
                    walk(arg)

    walk(root)
    return found[name]


def _flatten(annotation: Any) -> Iterator[Any]:
    yield annotation
    for arg in getattr(annotation, "__args__", ()):
        yield from _flatten(arg)


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_is_closed_and_requires_what_the_model_requires(kind: str) -> None:
    schema = schema_for(kind)
    for name, definition in _objects(schema):
        if definition.get("type") != "object":
            assert "enum" in definition, name  # e.g. SourceKind
            continue
        model = _model(kind, name)
        assert definition["additionalProperties"] is False, name
        required = [field for field, info in model.model_fields.items() if info.is_required()]
        assert definition.get("required", []) == required, name
        assert list(definition["properties"]) == list(model.model_fields), name


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_has_a_description(kind: str) -> None:
    for name, definition in _objects(schema_for(kind)):
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description", "").strip(), f"{name}.{field} has no description"
            assert "title" not in prop, f"{name}.{field}"
        if definition.get("type") == "object":
            assert definition.get("description", "").strip(), f"{name} has no description"


def test_references_and_formats_are_declared() -> None:
    visit = schema_for("visits")
    assert visit["properties"]["hosts"]["x-references"] == "people"
    assert visit["properties"]["sources"]["minItems"] == 1
    assert visit["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    assert "IR" in visit["properties"]["to_country"]["enum"]
    assert "ir" not in visit["properties"]["to_country"]["enum"]
    assert visit["properties"]["start_date"]["pattern"] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    source = schema_for("sources")
    assert source["properties"]["language"]["enum"] == ["en", "ar"]
    assert source["properties"]["url"]["anyOf"][0]["pattern"] == "^https?://"


@pytest.mark.parametrize("kind", KINDS)
def test_shipped_files_fit_the_schema_at_the_top_level(kind: str) -> None:
    # jsonschema is not a dependency; this is the part of a validation that is cheap to do.
    schema = schema_for(kind)
    for path in sorted((SHIPPED_DATA / kind).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert set(data) <= set(schema["properties"]), path
        assert set(schema["required"]) <= set(data), path


# --- writing and --check ------------------------------------------------------------------------


def test_sync_writes_then_finds_nothing_stale(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    files, obsolete = schema_files(out)
    assert obsolete == ()
    assert sync_generated(files, check=True) == [
        f"{(out / name).as_posix()}: missing" for name in sorted(generate_schemas())
    ]
    assert not out.exists()
    assert len(sync_generated(files, check=False)) == 4
    assert sync_generated(files, check=True) == []
    assert sync_generated(files, check=False) == []


def test_sync_names_stale_and_obsolete_files(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    files, _ = schema_files(out)
    sync_generated(files, check=False)
    (out / "visit.schema.json").write_text("{}\n", encoding="utf-8")
    (out / "event.schema.json").write_text("{}\n", encoding="utf-8")
    (out / "notes.txt").write_text("kept\n", encoding="utf-8")
    files, obsolete = schema_files(out)
    assert obsolete == (out / "event.schema.json",)
    assert sync_generated(files, check=True, obsolete=obsolete) == [
        f"{(out / 'visit.schema.json').as_posix()}: out of date",
        f"{(out / 'event.schema.json').as_posix()}: no longer generated; delete it",
    ]
    assert sync_generated(files, check=False, obsolete=obsolete) == [
        f"{(out / 'visit.schema.json').as_posix()}: written",
        f"{(out / 'event.schema.json').as_posix()}: removed (no longer generated)",
    ]
    assert sorted(path.name for path in out.iterdir()) == [
        "notes.txt",
        "organization.schema.json",
        "person.schema.json",
        "source.schema.json",
        "visit.schema.json",
    ]


def test_written_files_use_lf_and_utf8(tmp_path: Path) -> None:
    files, _ = schema_files(tmp_path)
    sync_generated(files, check=False)
    raw = (tmp_path / "person.schema.json").read_bytes()
    assert b"\r\n" not in raw
    assert "قاليباف".encode() in raw
