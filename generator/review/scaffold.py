"""`python -m generator new KIND ID`: a commented template for a new data file.

Every field of the kind's model is written with its description, taken from the declaration in
`generator.data.schema` (never repeated here), and an example. Required fields get a placeholder
that the check refuses ("", "??", "YYYY-MM-DD", TODO), so a half-filled file cannot pass
unnoticed; optional fields are written commented out.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from generator.data.declaration import field_type
from generator.data.schema import MODELS, SINGULAR, PartialText, Slug, Text, example, named_type

KIND_BY_SINGULAR: dict[str, str] = {singular: kind for kind, singular in SINGULAR.items()}

# What a required field holds until the editor fills it in: each one fails the check with a
# message that names the field and what is allowed. An empty reference list would say only
# "needs at least 1 item", so references get TODO, which no file name can match (ids are
# lower case).
_PLACEHOLDERS: dict[str, Any] = {
    "text": "",
    "date": "YYYY-MM-DD",
    "country": "??",
    "currency": "???",
    "url": "TODO",
    "choice": "TODO",
    "reference": "TODO",
    "number": 0,
    "integer": 0,
}

# Each field's example, from the declaration (`Field(examples=...)` in generator/data/schema.py,
# which the JSON Schemas and the reference page show too).
EXAMPLES: dict[str, dict[str, Any]] = {kind: example(model) for kind, model in MODELS.items()}


class ScaffoldError(Exception):
    """The template cannot be written; the message says why and what to do."""


# --- reading the declaration ------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What a field holds, as far as a template needs to know."""

    tag: str  # a key of _PLACEHOLDERS, or "slug", "model", "bool"
    is_list: bool = False
    model: type[BaseModel] | None = None
    choices: tuple[str, ...] = ()


# The named types `new` has a placeholder for; a language code is a choice like any other.
_TAGGED = ("country", "currency", "url", "slug")


def shape(info: FieldInfo) -> Shape:
    """What a field holds, from the declaration's walker (`generator.data.declaration`)."""
    found = field_type(info)
    named = named_type(found)
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if named in _TAGGED:
        return Shape(named, found.is_list)
    if extra.get("x-references"):
        # An id, or a map that may hold one (an attendee): the map's model rides along.
        return Shape("reference", found.is_list, model=found.model)
    if named == "date":
        return Shape("date", found.is_list)
    if found.choices:
        return Shape("choice", found.is_list, choices=found.choices)
    if found.model is not None:
        return Shape("model", found.is_list, model=found.model)
    simple = {str: "text", bool: "bool", int: "integer", float: "number"}
    return Shape(simple[found.base], found.is_list)


def _min_length(info: FieldInfo) -> int:
    return max((getattr(m, "min_length", 0) or 0 for m in info.metadata), default=0)


# --- writing YAML with comments ---------------------------------------------------------------


def scalar(value: Any, *, quote: bool = False) -> str:
    """A value as YAML, in the style of the shipped files: plain where YAML reads it back as the
    same text, else double-quoted (dates always are, as in the data)."""
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(int(value)) if float(value).is_integer() else str(value)
    text = str(value)
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    if quote or dumped.startswith(("'", '"')) or "\n" in dumped.removesuffix("\n...\n").strip():
        return json.dumps(text, ensure_ascii=False)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def block(value: Any, indent: int) -> list[str]:
    """A map or list as block YAML lines, lists indented under their key as in the data."""
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, dict | list) and item:
                lines.append(f"{pad}{key}:")
                lines.extend(block(item, indent + 2))
            else:
                lines.append(f"{pad}{key}: {'[]' if item == [] else scalar(item)}")
    else:
        for item in value:
            if isinstance(item, dict | list) and item:
                inner = block(item, indent + 2)
                lines.append(f"{pad}- {inner[0].lstrip()}")
                lines.extend(inner[1:])
            else:
                lines.append(f"{pad}- {scalar(item)}")
    return lines


def _comment(text: str, indent: int, inner: int = 0) -> list[str]:
    """`text` as comment lines at `indent`, wrapped at 100 columns; `inner` indents after '#'."""
    prefix = " " * indent + "# "
    return textwrap.wrap(
        text,
        width=100,
        initial_indent=prefix + " " * inner,
        subsequent_indent=prefix + " " * (inner + 2 if inner else 0),
        break_on_hyphens=False,
        break_long_words=False,
    )


def _placeholder_anyway(info: FieldInfo) -> bool:
    """An optional field the declaration wants filled in most files (`x-new-placeholder`),
    e.g. a source's `published`: a placeholder the check refuses, not a commented example."""
    extra = info.json_schema_extra
    return isinstance(extra, dict) and extra.get("x-new-placeholder") is True


def _description(info: FieldInfo, field_shape: Shape, optional: bool) -> str:
    text = info.description or ""
    if field_shape.choices:
        text += f" Allowed: {', '.join(field_shape.choices)}."
    return f"{text} (optional)" if optional else text


def _example_text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(scalar(item) for item in value)
    return scalar(value)


def _legend(model: type[BaseModel], indent: int, inner: int) -> list[str]:
    """One comment line per field of a nested model, recursively (texts are self-evident)."""
    lines: list[str] = []
    for name, info in model.model_fields.items():
        field_shape = shape(info)
        optional = not info.is_required()
        mark = " (optional)" if optional else ""
        text = f"{name}{mark}: {_description(info, field_shape, False)}"
        lines.extend(_comment(text, indent, inner))
        if field_shape.model is not None and field_shape.model not in (Text, PartialText):
            lines.extend(_legend(field_shape.model, indent, inner + 2))
    return lines


def _fallback_example(field_shape: Shape) -> Any:
    single = {
        "date": "2025-11-25",
        "country": "IR",
        "currency": "USD",
        "url": "https://example.org/",
        "choice": field_shape.choices[0] if field_shape.choices else "",
        "text": "…",
        "number": 1,
        "integer": 1,
        "bool": True,
        "slug": "example-id",
        "reference": "example-id",
    }.get(field_shape.tag)
    return [single] if field_shape.is_list else single


def render_fields(
    model: type[BaseModel],
    example: dict[str, Any],
    indent: int,
    *,
    fill_all: bool = False,
    known: dict[str, Any] | None = None,
) -> list[str]:
    """Every field of `model`: description, example, then a placeholder or a commented example.

    `fill_all` writes placeholders for optional fields too (the languages of a required text,
    where leaving both out is itself an error); `known` holds values already decided.
    """
    known = known or {}
    pad = " " * indent
    lines: list[str] = []
    for name, info in model.model_fields.items():
        field_shape = shape(info)
        sample = example.get(name, _fallback_example(field_shape))
        optional = not info.is_required() and not fill_all and not _placeholder_anyway(info)
        if lines and indent == 0:
            lines.append("")
        lines.extend(_comment(_description(info, field_shape, optional), indent))
        # An id that may also be written as a map (an attendee): ids in the template, and the
        # map's fields in a comment.
        map_or_id = field_shape.model if field_shape.tag == "reference" else None
        model_inside = None if map_or_id else field_shape.model
        if map_or_id is not None:
            lines.extend(_comment("Each entry is an id, or a map of:", indent))
            lines.extend(_legend(map_or_id, indent, 2))
        if name in known:
            lines.append(f"{pad}{name}: {scalar(known[name])}")
            continue
        if optional:
            if model_inside is not None and model_inside not in (Text, PartialText):
                lines.extend(
                    _comment(
                        "Each field:" if not field_shape.is_list else "Each entry has:", indent
                    )
                )
                lines.extend(_legend(model_inside, indent, 2))
            if isinstance(sample, dict | list) and sample:
                lines.append(f"{pad}# {name}:")
                lines.extend(f"{pad}# {line[indent:]}" for line in block(sample, indent + 2))
            else:
                lines.append(f"{pad}# {name}: {scalar(sample)}")
            continue
        if model_inside is not None:
            items = sample if field_shape.is_list else [sample]
            inner = render_fields(
                model_inside,
                items[0] if items else {},
                indent + 2,
                fill_all=model_inside is PartialText,
            )
            lines.append(f"{pad}{name}:")
            if field_shape.is_list:
                lines.append(f"{pad}  -")
                lines.extend(f"  {line}" if line else line for line in inner)
            else:
                lines.extend(inner)
            continue
        if sample is not None:
            lines.append(f"{pad}# e.g. {_example_text(sample)}")
        placeholder = _PLACEHOLDERS.get(field_shape.tag)
        if field_shape.is_list:
            lines.append(f"{pad}{name}:")
            if _min_length(info) > 0:
                lines.append(f"{pad}  - {scalar(placeholder, quote=True)}")
            else:
                lines[-1] += " []"
        else:
            lines.append(f"{pad}{name}: {scalar(placeholder, quote=isinstance(placeholder, str))}")
    return lines


def template(kind: str, entity_id: str) -> str:
    """The commented template of a new entity of `kind` ("people", ...) named `entity_id`."""
    model = MODELS[kind]
    singular = SINGULAR[kind]
    doc = (model.__doc__ or "").strip().splitlines()[0]
    lines = [
        f"# yaml-language-server: $schema=../../schemas/{singular}.schema.json",
        *_comment(doc, 0),
        *_comment(
            f"Written by `python -m generator new {singular} {entity_id}`. Replace every "
            'placeholder (TODO, "", "??", "YYYY-MM-DD"): `make check` refuses the file and '
            "lists each one left. Optional fields are commented out; to use one, remove the "
            "'# ' in front of its lines. Delete the comments you no longer need.",
            0,
        ),
        "",
    ]
    lines.extend(render_fields(model, EXAMPLES[kind], 0, known={"id": entity_id}))
    return "\n".join(lines) + "\n"


# --- the command --------------------------------------------------------------------------------


def slug_problem(entity_id: str) -> str | None:
    """The check's own message when `entity_id` is not a valid id, else None."""
    try:
        TypeAdapter(Slug).validate_python(entity_id)
    except ValidationError as error:
        return str(error.errors()[0]["msg"])
    return None


def create(singular: str, entity_id: str, data_dir: Path) -> Path:
    """Write the template of a new entity; refuse a bad id, a missing folder, an existing file."""
    kind = KIND_BY_SINGULAR.get(singular)
    if kind is None:
        raise ScaffoldError(
            f"unknown kind {singular!r}; allowed: {', '.join(sorted(KIND_BY_SINGULAR))}"
        )
    problem = slug_problem(entity_id)
    if problem is not None:
        raise ScaffoldError(problem)
    if not data_dir.is_dir():
        raise ScaffoldError(f"no such data folder: {data_dir} (use --data to name it)")
    path = data_dir / kind / f"{entity_id}.yml"
    path.parent.mkdir(exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as out:
            out.write(template(kind, entity_id))
    except FileExistsError:
        raise ScaffoldError(
            f"{path} already exists; edit that file, or choose another id"
        ) from None
    return path


def new_command(singular: str, entity_id: str, data_dir: Path) -> int:
    """The `new` command: 0 when the file was written, 1 when it was refused."""
    try:
        path = create(singular, entity_id, data_dir)
    except ScaffoldError as error:
        click.echo(f"error: {error}", err=True)
        return 1
    click.echo(f"created {path.as_posix()}: replace its placeholders, then run `make check`")
    return 0
