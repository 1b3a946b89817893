"""Bringing an archive in: `import popolo FILE` writes one YAML file per entity of a Popolo
JSON document, in the project's format, as new files only.

Two kinds of document are read:
- our own download (`data/sijill.json`, known by its `sijill:sources`): read back into the
  entities by `generator.downloads.popolo_read`, so the files written are the data exported;
- an EveryPolitician-style document (`persons`, `organizations`, `memberships` with Popolo's
  plain keys): each key is mapped to a field where the format has one; the report says what was
  mapped, what was left out, and what to fill in (a person's country, the sources of every fact)
  before the check passes.

A file that exists is never written over: it is skipped and reported. The report ends with what
the check says of the target folder; the exit code is the check's.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click
import yaml
from pydantic import BaseModel, ValidationError

from generator.data.check import check as run_check
from generator.data.schema import KINDS, MODELS, SINGULAR
from generator.downloads.popolo import PREFIX, plain
from generator.downloads.popolo_read import read_popolo
from generator.review.everypolitician import DATE, POPOLO_KEYS, Draft, foreign_drafts

MAX_BYTES = 100 * 1024 * 1024


class ImportProblem(Exception):
    """The file cannot be imported: one message, no traceback."""


# --- reading ----------------------------------------------------------------------------------


def load(path: Path) -> dict[str, Any]:
    """The JSON document at `path`, or ImportProblem saying why it cannot be read."""
    try:
        if not path.exists():
            raise ImportProblem(f"{path}: no such file")
        if not path.is_file():
            raise ImportProblem(f"{path}: not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise ImportProblem(f"{path}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ImportProblem(f"{path}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{path}: not UTF-8 text, so not JSON") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportProblem(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    except RecursionError:
        raise ImportProblem(f"{path}: not JSON: nested too deeply") from None
    if not isinstance(document, dict) or not any(key in document for key in POPOLO_KEYS):
        raise ImportProblem(
            f"{path}: not Popolo: expected a JSON object with 'persons', 'organizations' or "
            "'memberships'"
        )
    for key in POPOLO_KEYS:
        items = document.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise ImportProblem(f"{path}: not Popolo: '{key}' must be a list of objects")
    return document


def own_drafts(document: dict[str, Any], path: Path) -> list[Draft]:
    """The entities of our own download, exactly as the data had them."""
    try:
        dataset = read_popolo(document, path.parent)
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError) as error:
        detail = f"missing key {error}" if isinstance(error, KeyError) else str(error)
        detail = detail.splitlines()[0] if detail else type(error).__name__
        raise ImportProblem(f"{path}: not a Sijill download: {detail}") from None
    return [
        Draft(kind, entity_id, _dump(entity))
        for kind in KINDS
        for entity_id, entity in dataset.of_kind(kind).items()
    ]


def _dump(entity: BaseModel) -> dict[str, Any]:
    """The entity's fields as the data writes them: dates as text at their precision, fields
    left at their default omitted (the download's own `plain`)."""
    dumped: dict[str, Any] = plain(entity)
    return dumped


# --- writing ----------------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Dates (and every text that looks like one) in double quotes, and list items indented
    under their key, as editors write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if DATE.match(value) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def _ordered(kind: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields in the declaration's order."""
    order = list(MODELS[kind].model_fields)
    return dict(sorted(fields.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99))


def yaml_text(kind: str, fields: dict[str, Any]) -> str:
    """One entity's file, with the schema line first, like `new` writes it."""
    body = yaml.dump(
        _ordered(kind, fields),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return f"# yaml-language-server: $schema=../../schemas/{SINGULAR[kind]}.schema.json\n{body}"


def write(drafts: list[Draft], into: Path) -> tuple[list[str], list[str]]:
    """Write each draft as a new file; (written, skipped) report lines."""
    written: list[str] = []
    skipped: list[str] = []
    for draft in drafts:
        if not draft.entity_id:
            skipped.extend(f"skipped: {note}" for note in draft.notes)
            continue
        path = into / draft.kind / f"{draft.entity_id}.yml"
        shown = path.as_posix()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ImportProblem(f"{shown}: cannot be written ({error.strerror or error})") from None
        try:
            with path.open("x", encoding="utf-8", newline="\n") as out:
                out.write(yaml_text(draft.kind, draft.fields))
        except FileExistsError:
            skipped.append(f"skipped {shown}: already exists (never written over)")
            continue
        except OSError as error:
            raise ImportProblem(f"{shown}: cannot be written ({error.strerror or error})") from None
        written.append(f"wrote {shown}")
        written.extend(f"  - {note}" for note in draft.notes)
    return written, skipped


def import_popolo(path: Path, into: Path) -> int:
    """The `import popolo` command: 0 when the target folder passes the check, else 1."""
    try:
        document = load(path)
        own = PREFIX + "sources" in document
        drafts = own_drafts(document, path) if own else foreign_drafts(document)
        written, skipped = write(drafts, into)
    except ImportProblem as problem:
        click.echo(f"error: {problem}", err=True)
        return 1
    kind_of = "a Sijill download" if own else "an EveryPolitician-style Popolo document"
    click.echo(f"{path.as_posix()}: {kind_of}, {len(drafts)} entities")
    for line in [*written, *skipped]:
        click.echo(line)
    return counts_and_check(written, skipped, into)


def counts_and_check(written: list[str], skipped: list[str], into: Path, more: str = "") -> int:
    """The end of an import's report: what was written and skipped (and `more`), then the
    target folder's check; the exit code is the check's."""
    click.echo(
        f"{sum(1 for w in written if w.startswith('wrote'))} written, "
        f"{sum(1 for s in skipped if s.startswith('skipped '))} skipped{more}"
    )
    click.echo(f"\ncheck {into.as_posix()}:")
    result = run_check(into)
    for diagnostic in result.diagnostics:
        click.echo(str(diagnostic))
    click.echo(result.summary())
    return 0 if result.ok else 1
