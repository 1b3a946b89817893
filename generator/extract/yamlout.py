"""A small YAML writer that keeps comments: drafts carry `# REVIEW:` notes and the span and
sentence of every value, which PyYAML's dumper cannot write.

Values are plain dicts, lists and scalars; wrap one in `Commented` to put comment lines above
it or a note at the end of its line. Output is deterministic: keys in insertion order, LF line
ends, UTF-8 text, strings quoted only when YAML needs it (dates always).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass
class Commented:
    value: Any
    above: list[str] = field(default_factory=list)  # comment lines above the key or item
    note: str | None = None  # a comment at the end of the line (scalars and empty values)


class Quoted(str):
    """A string always written in double quotes, e.g. a date "2025-10" that must stay text."""


def dump(document: dict[str, Any], header: list[str] | None = None) -> str:
    """The YAML text of `document`, with `header` as comment lines at the top."""
    lines = [_comment(text, 0) for text in header or []]
    lines += _mapping(document, 0)
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _comment(text: str, indent: int) -> str:
    return " " * indent + "# " + _one_line(text)


def _unwrap(value: Any) -> tuple[Any, list[str], str | None]:
    if isinstance(value, Commented):
        return value.value, value.above, value.note
    return value, [], None


def _with_note(line: str, note: str | None) -> str:
    return f"{line}  # {_one_line(note)}" if note else line


def scalar(value: Any) -> str:
    """One scalar as YAML."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = _one_line(str(value)) if "\n" in str(value) else str(value)
    if isinstance(value, Quoted):
        return json.dumps(text, ensure_ascii=False)
    plain = yaml.safe_dump(text, allow_unicode=True, width=10**9).removesuffix("\n")
    plain = plain.removesuffix("\n...")
    if plain.startswith(("'", '"')) or "\n" in plain:
        return json.dumps(text, ensure_ascii=False)
    return plain


def _empty(value: Any) -> str | None:
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, list) and not value:
        return "[]"
    return None


def _mapping(mapping: dict[str, Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for key, raw in mapping.items():
        name = scalar(key)
        value, above, note = _unwrap(raw)
        lines += [_comment(text, indent) for text in above]
        empty = _empty(value)
        if isinstance(value, dict) and empty is None:
            lines.append(_with_note(f"{pad}{name}:", note))
            lines += _mapping(value, indent + 2)
        elif isinstance(value, list) and empty is None:
            lines.append(_with_note(f"{pad}{name}:", note))
            lines += _sequence(value, indent + 2)
        else:
            lines.append(_with_note(f"{pad}{name}: {empty or scalar(value)}", note))
    return lines


def _sequence(items: list[Any], indent: int) -> list[str]:
    lines: list[str] = []
    pad = " " * indent
    for raw in items:
        value, above, note = _unwrap(raw)
        lines += [_comment(text, indent) for text in above]
        empty = _empty(value)
        if isinstance(value, dict) and empty is None:
            inner = _mapping(value, indent + 2)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            # Comments of the first key go above the "- " so the item starts on its key.
            lines += [line[2:] for line in inner[:first]]
            lines.append(_with_note(f"{pad}- {inner[first].lstrip()}", note))
            lines += inner[first + 1 :]
        elif isinstance(value, list) and empty is None:
            raise ValueError("nested sequences are not used in drafts")
        else:
            lines.append(_with_note(f"{pad}- {empty or scalar(value)}", note))
    return lines
