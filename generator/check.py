"""The check: load every file of `site_data/`, validate it, resolve every reference.

Every problem in every file is collected and returned; nothing stops at the first one.
The result carries a `Dataset` only when there is no error.
"""

from __future__ import annotations

import difflib
import re
import types
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from generator.dataset import Dataset
from generator.diagnostics import Diagnostic, FieldPath, Severity, errors, format_path, warnings
from generator.languages import LANGUAGE_CODES, language
from generator.schema import KINDS, MODELS, SINGULAR, SLUG_PATTERN, Entity, PartialText, Quote
from generator.yamlfile import YamlFile, read_yaml

EXTENSION = ".yml"


@dataclass
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    dataset: Dataset | None = None  # set only when there is no error

    @property
    def ok(self) -> bool:
        return not errors(self.diagnostics)

    def summary(self) -> str:
        kinds = ", ".join(f"{self.counts.get(kind, 0)} {kind}" for kind in KINDS)
        n_err, n_warn = len(errors(self.diagnostics)), len(warnings(self.diagnostics))
        verdict = "valid" if self.ok else "INVALID"
        return (
            f"{verdict}: {kinds}; {n_err} error{'s' * (n_err != 1)}, "
            f"{n_warn} warning{'s' * (n_warn != 1)}"
        )


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def check(data_dir: Path) -> CheckResult:
    """Check every data file below `data_dir`; return all problems and, if valid, the data."""
    result = CheckResult()
    if not data_dir.is_dir():
        result.diagnostics.append(
            Diagnostic(display_path(data_dir), 1, 1, "", "no such data folder")
        )
        return result

    result.diagnostics.extend(_stray_files(data_dir))
    loaded: dict[str, list[tuple[YamlFile, Entity | None]]] = {kind: [] for kind in KINDS}
    for kind in KINDS:
        for path in sorted((data_dir / kind).glob(f"*{EXTENSION}")):
            yaml_file = read_yaml(path, display_path(path))
            entity = _validate(kind, yaml_file) if yaml_file.data is not None else None
            loaded[kind].append((yaml_file, entity))
        result.counts[kind] = len(loaded[kind])

    ids = _collect_ids(loaded)
    for kind in KINDS:
        for yaml_file, entity in loaded[kind]:
            if yaml_file.data is not None:
                _check_text(yaml_file, yaml_file.data, ())
            if entity is not None:
                _check_identity(kind, yaml_file, entity, loaded)
                _check_semantics(yaml_file, entity)
            elif isinstance(yaml_file.data, dict):
                _check_raw_id(yaml_file)
            _check_references(yaml_file, MODELS[kind], yaml_file.data, (), ids)
            result.diagnostics.extend(yaml_file.problems)

    result.diagnostics.sort(key=lambda d: (d.file, d.line, d.column, d.path, d.message))
    if result.ok:
        dataset = Dataset(root=data_dir)
        for kind in KINDS:
            entities = dataset.of_kind(kind)
            for yaml_file, entity in sorted(loaded[kind], key=lambda pair: pair[0].path.name):
                assert entity is not None
                entities[entity.id] = entity
                dataset.files[(kind, entity.id)] = yaml_file.path
        result.dataset = dataset
    return result


def _stray_files(data_dir: Path) -> Iterator[Diagnostic]:
    """Files the check would otherwise ignore without a word: wrong extension or folder."""
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        relative = path.relative_to(data_dir)
        folder = relative.parts[0] if len(relative.parts) > 1 else None
        if folder in KINDS and len(relative.parts) == 2 and path.suffix == EXTENSION:
            continue
        if folder in KINDS and path.suffix == ".yaml":
            why = f"data files end in '{EXTENSION}'; rename it to {path.stem}{EXTENSION}"
        else:
            why = (
                f"not a data file; allowed: <kind>/<id>{EXTENSION} where kind is one of "
                f"{', '.join(KINDS)}"
            )
        yield Diagnostic(
            display_path(path), 1, 1, "", f"{why} (this file is ignored)", Severity.warning
        )


# --- structure and types (pydantic) ---------------------------------------------------------


def _validate(kind: str, yaml_file: YamlFile) -> Entity | None:
    model = MODELS[kind]
    try:
        return model.model_validate(yaml_file.data)
    except ValidationError as error:
        for item in error.errors(include_url=False):
            _report_validation_error(model, yaml_file, item)
        return None


def _model_at(model: type[BaseModel], path: FieldPath) -> type[BaseModel] | None:
    """The model class that the mapping at `path` is validated against."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    """Unwrap `list[X]`, `X | None` and `Annotated[X, ...]` down to X."""
    while True:
        origin = get_origin(annotation)
        if origin in (list, Union, types.UnionType):
            args = [arg for arg in get_args(annotation) if arg is not type(None)]
            annotation = args[0]
        elif origin is not None and hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value: put text in quotes)"
    if isinstance(value, dict):
        return "a map"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {value!r}"


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _report_validation_error(model: type[Entity], yaml_file: YamlFile, item: Any) -> None:
    path: FieldPath = tuple(item["loc"])
    if yaml_file.is_rejected(path):
        return
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    at = None
    if kind == "missing":
        name = path[-1]
        parent = _model_at(model, path[:-1])
        info = parent.model_fields.get(str(name)) if parent else None
        description = f": {info.description}" if info and info.description else ""
        # The field is absent: point at the map that should hold it.
        yaml_file.problem(
            path, f"missing required field '{name}'{description}", at=yaml_file.position(path[:-1])
        )
        return
    if kind == "extra_forbidden":
        name = str(path[-1])
        parent = _model_at(model, path[:-1])
        allowed = list(parent.model_fields) if parent else []
        message = f"unknown field '{name}'{_suggest(name, allowed)}; allowed: {', '.join(allowed)}"
        yaml_file.problem(path, message, at=yaml_file.key_position(path))
        return
    if kind in ("literal_error", "enum"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        shown = repr(value) if isinstance(value, str) else _describe(value)
        message = (
            f"{shown} is not allowed{_suggest(str(value), choices)}; allowed: {', '.join(choices)}"
        )
    elif kind.startswith("sijill_"):
        message = item["msg"]
    elif kind == "string_type":
        message = f"expected text, got {_describe(value)}"
    elif kind in ("int_type", "int_parsing", "int_from_float"):
        message = f"expected a whole number, got {_describe(value)}"
    elif kind in ("float_type", "float_parsing"):
        message = f"expected a number, got {_describe(value)}"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"expected true or false, got {_describe(value)}"
    elif kind == "list_type":
        message = f"expected a list, got {_describe(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        parent = _model_at(model, path)
        fields = f" with fields {', '.join(parent.model_fields)}" if parent else ""
        message = f"expected a map{fields}, got {_describe(value)}"
    elif kind == "too_short":
        minimum = ctx.get("min_length", 1)
        message = f"needs at least {minimum} item{'s' * (minimum != 1)}, got {_describe(value)}"
        if path and path[-1] == "sources":
            message = "needs at least one source id; every fact names where it comes from"
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind in ("greater_than", "greater_than_equal"):
        message = f"must be greater than {ctx.get('gt', ctx.get('ge'))}, got {_describe(value)}"
    else:
        message = item["msg"]
    yaml_file.problem(path, message, at=at)


# --- identity, references, meaning ----------------------------------------------------------


def _collect_ids(loaded: dict[str, list[tuple[YamlFile, Entity | None]]]) -> dict[str, set[str]]:
    """The ids each kind defines. A file whose entity failed validation still defines its file
    name, so one broken file does not cascade into 'unknown person' errors elsewhere."""
    return {
        kind: {yaml_file.path.stem for yaml_file, _ in entries}
        | {entity.id for _, entity in entries if entity is not None}
        for kind, entries in loaded.items()
    }


def _check_raw_id(yaml_file: YamlFile) -> None:
    """The id rule for a file that failed validation elsewhere: still worth saying."""
    assert isinstance(yaml_file.data, dict)
    raw_id = yaml_file.data.get("id")
    # An id that is not a valid slug is already an error; "rename the file to ../x.yml" is no
    # advice to give.
    if isinstance(raw_id, str) and re.match(SLUG_PATTERN, raw_id) and raw_id != yaml_file.path.stem:
        _id_mismatch(yaml_file, raw_id)


def _id_mismatch(yaml_file: YamlFile, entity_id: str) -> None:
    stem = yaml_file.path.stem
    yaml_file.problem(
        ("id",),
        f"id '{entity_id}' differs from the file name '{yaml_file.path.name}'; allowed: the "
        f"file name without '{EXTENSION}' ('{stem}'), or rename the file to "
        f"{entity_id}{EXTENSION}",
    )


def _blame_for_duplicate(
    yaml_file: YamlFile, entity: Entity, other_file: YamlFile, other: Entity
) -> bool:
    """Which of two files with the same id is told so: the one whose name does not match its
    id (the other one is right), else the one whose name sorts last."""
    mine_matches = entity.id == yaml_file.path.stem
    other_matches = other.id == other_file.path.stem
    if mine_matches != other_matches:
        return other_matches
    return other_file.path.name < yaml_file.path.name


def _check_identity(
    kind: str,
    yaml_file: YamlFile,
    entity: Entity,
    loaded: dict[str, list[tuple[YamlFile, Entity | None]]],
) -> None:
    if entity.id != yaml_file.path.stem:
        _id_mismatch(yaml_file, entity.id)
    for other_file, other in loaded[kind]:
        if other is None or other_file is yaml_file:
            continue
        if other.id == entity.id and _blame_for_duplicate(yaml_file, entity, other_file, other):
            yaml_file.problem(
                ("id",), f"duplicate id '{entity.id}': also the id in {other_file.display}"
            )
        for index, former in enumerate(entity.former_ids):
            if former == other.id or former == other_file.path.stem:
                yaml_file.problem(
                    ("former_ids", index),
                    f"former id '{former}' is the id of another {SINGULAR[kind]} "
                    f"({other_file.display}); allowed: ids no other {SINGULAR[kind]} uses",
                )
    for index, former in enumerate(entity.former_ids):
        if former == entity.id:
            yaml_file.problem(("former_ids", index), f"former id '{former}' is the current id")


def _check_references(
    yaml_file: YamlFile,
    model: type[BaseModel],
    data: Any,
    path: FieldPath,
    ids: dict[str, set[str]],
) -> None:
    """Resolve every reference in the file as written, guided by the model's declaration.

    Works on the raw data, so a file with a type error elsewhere still has its references
    checked in the same run.
    """
    if not isinstance(data, dict):
        return
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        value = data[name]
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        target = extra.get("x-references")
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = (*path, name) if index is None else (*path, name, index)
            if isinstance(target, str):
                if isinstance(item, str) and item not in ids[target]:
                    yaml_file.problem(
                        where,
                        f"unknown {SINGULAR[target]} '{item}'"
                        f"{_suggest(item, sorted(ids[target]))}; allowed: the id of a file "
                        f"in site_data/{target}/",
                    )
                continue
            inner = _inner_model(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                _check_references(yaml_file, inner, item, where, ids)


def _check_semantics(yaml_file: YamlFile, entity: Entity) -> None:
    """Rules that span fields: dates in order, translations present."""
    for path, start, end in _date_ranges(entity):
        if start is not None and end is not None and end.latest() < start.earliest():
            yaml_file.problem(
                (*path, "end_date"),
                f"end_date {end} is before start_date {start}; allowed: a date on or after "
                "the start",
            )
    for path, text, expected in _partial_texts(entity, ()):
        for code in expected:
            if text is None or text.get(code) is None:
                where = (*path, code) if text is not None else path
                yaml_file.problems.append(
                    Diagnostic(
                        yaml_file.display,
                        *yaml_file.position(where),
                        format_path(where),
                        f"no {language_name(code)} translation yet; the site shows this text "
                        "as untranslated",
                        Severity.warning,
                    )
                )


def language_name(code: str) -> str:
    return {"en": "English", "ar": "Arabic"}.get(code, language(code).name)


def _date_ranges(model: BaseModel, path: FieldPath = ()) -> Iterator[tuple[FieldPath, Any, Any]]:
    fields = type(model).model_fields
    if "start_date" in fields and "end_date" in fields:
        start, end = (getattr(model, name) for name in ("start_date", "end_date"))
        yield path, start, end
    for name in fields:
        value = getattr(model, name)
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _date_ranges(item, (*path, name, index))
        elif isinstance(value, BaseModel):
            yield from _date_ranges(value, (*path, name))


def _partial_texts(
    model: BaseModel, path: FieldPath
) -> Iterator[tuple[FieldPath, PartialText | None, tuple[str, ...]]]:
    """Every translatable text with the languages it should have."""
    if isinstance(model, Quote):
        expected = tuple(code for code in LANGUAGE_CODES if code != model.lang)
        yield (*path, "translation"), model.translation, expected
        if model.context is not None:
            yield (*path, "context"), model.context, LANGUAGE_CODES
        return
    if isinstance(model, PartialText):
        yield path, model, LANGUAGE_CODES
        return
    for name in type(model).model_fields:
        value = getattr(model, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, BaseModel):
                where = (*path, name, index) if isinstance(value, list) else (*path, name)
                yield from _partial_texts(item, where)


# --- text safety ------------------------------------------------------------------------------

# Zero-width joiner and non-joiner shape Persian and Arabic words correctly: allowed.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}


def _check_text(yaml_file: YamlFile, value: Any, path: FieldPath) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _check_text(yaml_file, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(yaml_file, item, (*path, index))
    elif isinstance(value, str):
        for offset, char in enumerate(value):
            category = unicodedata.category(char)
            invisible = category == "Cf" and char not in _ALLOWED_FORMAT_CHARACTERS
            control = category == "Cc" and char != "\n"
            if invisible or control:
                name = unicodedata.name(char, "control character")
                yaml_file.problem(
                    path,
                    f"invisible character U+{ord(char):04X} {name} at character {offset + 1}: "
                    "it can make text display differently from what it is; allowed: visible "
                    "characters only (remove it)",
                )
        if not unicodedata.is_normalized("NFC", value):
            yaml_file.problems.append(
                Diagnostic(
                    yaml_file.display,
                    *yaml_file.position(path),
                    format_path(path),
                    "text is not in Unicode NFC; fix: normalise it to NFC (python: "
                    "unicodedata.normalize('NFC', text)); the site searches and compares NFC",
                    Severity.warning,
                )
            )
