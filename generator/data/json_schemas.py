"""A JSON Schema per kind of entity, generated from the declaration in `generator.data.schema`.

Editors read them through the first line of every data file,
`# yaml-language-server: $schema=../../schemas/<kind>.schema.json`, to complete field names
and show each field's description. The schemas are committed; `python -m generator schemas
--check` fails when they no longer match the declaration.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.data.schema import KINDS, MODELS, SINGULAR

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_file_name(kind: str) -> str:
    """`people` -> `person.schema.json`."""
    return f"{SINGULAR[kind]}.schema.json"


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema of one kind, as a dict."""
    model = MODELS[kind]
    schema = model.model_json_schema()
    _drop_property_titles(schema)
    for definition in schema.get("$defs", {}).values():
        _drop_property_titles(definition)
    # A relative $id resolves against wherever the file is read from (the repository, a
    # checkout, a published copy), so no host name has to be invented or kept up to date.
    schema["$id"] = schema_file_name(kind)
    schema["$schema"] = DIALECT
    schema["title"] = f"Sijill {SINGULAR[kind]} (site_data/{kind}/<id>.yml)"
    return schema


def _drop_property_titles(schema: dict[str, Any]) -> None:
    # pydantic titles each property with its name capitalised ("Former Ids"): noise next to
    # the description, and editors show it in place of the field's real name.
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)


def render_schema(kind: str) -> str:
    """The schema file's text: sorted keys, 2-space indent, UTF-8 as is, final newline."""
    return json.dumps(schema_for(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def generate_schemas() -> dict[str, str]:
    """Every schema file, by file name."""
    return {schema_file_name(kind): render_schema(kind) for kind in KINDS}


def sync_generated(
    files: Mapping[Path, str], *, check: bool, obsolete: tuple[Path, ...] = ()
) -> list[str]:
    """Write generated `files`, or with `check` only compare them with what is on disk.

    Returns one line per file that is (or was) out of date; in check mode nothing is written.
    `obsolete` are files that are no longer generated: removed, or reported in check mode.
    Also used for the reference page (`generator.data.reference`).
    """
    stale: list[str] = []
    for path, text in sorted(files.items()):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        what = "missing" if current is None else "out of date"
        stale.append(f"{path.as_posix()}: {what}" if check else f"{path.as_posix()}: written")
        if not check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    for path in sorted(obsolete):
        stale.append(
            f"{path.as_posix()}: no longer generated; delete it"
            if check
            else f"{path.as_posix()}: removed (no longer generated)"
        )
        if not check:
            path.unlink()
    return stale


def schema_files(out_dir: Path) -> tuple[dict[Path, str], tuple[Path, ...]]:
    """The schema files to write into `out_dir`, and the `*.schema.json` there that are not."""
    files = {out_dir / name: text for name, text in generate_schemas().items()}
    others = tuple(path for path in sorted(out_dir.glob("*.schema.json")) if path not in files)
    return files, others
