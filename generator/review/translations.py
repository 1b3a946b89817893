"""The translation worklist (`translations`): every text still missing a language, with the
text in the language it has, as lines or as a CSV for a translator; and `--apply`, which writes
the CSV's filled-in translations back into the YAML files.

The worklist is the check's own missing-translation warnings, so it lists exactly what the
check counts. A translation is written as one new line, `ar: "…"`, right after the line (and
the value) of the language the text has, at the same indentation: comments, key order and the
formatting of everything else stay as they were. A quote with no translation at all is listed
with its own words (`quotes[0].translation.en`, from the quote's `text`), and its translation
is written as a new `translation:` map after the quote's `lang:` line. The value is written
as a JSON string, which is valid YAML and needs no quoting rules of its own. Rows whose file
or field no longer exist, whose text already has that language, or that name a file outside
the data folder are refused with their row number, and then nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from generator.data.check import UNTRANSLATED, check, display_path
from generator.data.diagnostics import FieldPath, format_path
from generator.data.yamlfile import read_yaml
from generator.languages import LANGUAGE_CODES

COLUMNS = ("file", "field", "source_lang", "source_text", "translation")
# What a spreadsheet would run as a formula when a cell starts with it (see the downloads).
_FORMULA_START = tuple("=+-@\t\r＝＋－＠")
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Missing:
    """One text missing one language: where, and the text in a language it has."""

    file: str
    line: int
    column: int
    field: str  # e.g. "memberships[0].role.ar": the missing language last
    source_lang: str
    source_text: str

    @property
    def lang(self) -> str:
        return self.field.rsplit(".", 1)[-1]


def parse_path(text: str) -> FieldPath:
    """`memberships[0].role.ar` -> `("memberships", 0, "role", "ar")` (format_path undone)."""
    parts: list[str | int] = []
    for match in _PATH_PART.finditer(text):
        parts.append(int(match.group(2)) if match.group(2) is not None else match.group(1))
    if format_path(tuple(parts)) != text:
        raise ValueError(f"not a field path: {text!r}")
    return tuple(parts)


def _at(data: Any, path: FieldPath) -> Any:
    """The value at `path` in the file's data, or None when it is not there."""
    for part in path:
        if isinstance(part, int) and isinstance(data, list) and 0 <= part < len(data):
            data = data[part]
        elif isinstance(part, str) and isinstance(data, dict):
            data = data.get(part)
        else:
            return None
    return data


def _quote_of(data: Any, path: FieldPath) -> dict[str, Any] | None:
    """The quote whose `translation` is at `path`, when the map is missing altogether."""
    if len(path) < 2 or path[-1] != "translation":
        return None
    quote = _at(data, path[:-1])
    if (
        isinstance(quote, dict)
        and isinstance(quote.get("text"), str)
        and "translation" not in quote
    ):
        return quote
    return None


def worklist(data_dir: Path, lang: str | None = None) -> list[Missing]:
    """Every missing translation the check finds (of `lang` only, when given), in the check's
    order; a quote's missing translation map, one row per language it lacks."""
    result = check(data_dir)
    missing: list[Missing] = []
    data_cache: dict[str, Any] = {}
    for diagnostic in result.diagnostics:
        if not diagnostic.message.endswith(UNTRANSLATED):
            continue
        path = parse_path(diagnostic.path)
        if diagnostic.file not in data_cache:
            data_cache[diagnostic.file] = read_yaml(Path(diagnostic.file), diagnostic.file).data
        quote = _quote_of(data_cache[diagnostic.file], path)
        if quote is not None:
            missing.extend(
                Missing(
                    diagnostic.file,
                    diagnostic.line,
                    diagnostic.column,
                    f"{diagnostic.path}.{code}",
                    str(quote.get("lang")),
                    quote["text"],
                )
                for code in LANGUAGE_CODES
                if code != quote.get("lang") and lang in (None, code)
            )
            continue
        if not path or path[-1] not in LANGUAGE_CODES or (lang and path[-1] != lang):
            continue
        text = _at(data_cache[diagnostic.file], path[:-1])
        if not isinstance(text, dict):
            continue
        found = next(
            ((code, value) for code in LANGUAGE_CODES if isinstance(value := text.get(code), str)),
            None,
        )
        if found is None:
            continue
        missing.append(
            Missing(diagnostic.file, diagnostic.line, diagnostic.column, diagnostic.path, *found)
        )
    return missing


def as_text(missing: Iterable[Missing]) -> str:
    return "".join(
        f"{m.file}:{m.line}:{m.column}: {m.field}: [{m.source_lang}] {_quoted(m.source_text)}\n"
        for m in missing
    )


def _cell(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text


def as_csv(missing: Iterable[Missing]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for m in missing:
        writer.writerow([m.file, m.field, m.source_lang, _cell(m.source_text), ""])
    return out.getvalue()


# --- applying a filled-in worklist ----------------------------------------------------------


class ApplyError(Exception):
    """The rows that cannot be applied, one message each; nothing was written."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class _Insert:
    after_line: int  # 0-based index of the last line of the sibling's value
    line: str  # without its line ending; lines of a new map joined by "\n"


def _quoted(value: str) -> str:
    """A JSON string (valid YAML), with the characters YAML takes as line breaks escaped."""
    dumped = json.dumps(value, ensure_ascii=False)
    for char in ("\u0085", "\u2028", "\u2029"):
        dumped = dumped.replace(char, f"\\u{ord(char):04x}")
    return dumped


def _value_end(lines: list[str], key_line: int, indent: int) -> int:
    """The last line of the value whose key stands on `key_line` (0-based) at `indent`: the
    lines after it that are more indented (or blank) belong to it; trailing blanks do not."""
    end = key_line
    for index in range(key_line + 1, len(lines)):
        stripped = lines[index].strip()
        if not stripped:
            continue
        if len(lines[index]) - len(lines[index].lstrip(" ")) <= indent:
            break
        end = index
    return end


def _block_key(
    read: Any, lines: list[str], path: FieldPath, before: tuple[str, ...], what: str
) -> tuple[int, int] | str:
    """Where a new line goes after the key at `path` (the last line of its value, and the
    key's indentation), or why it cannot: a map written on one line (`{…}`); `before` is what
    may stand before the key on its line ("-" for a list item's first key)."""
    line, column = read.key_position(path)
    if lines[line - 1][: column - 1].strip() not in before:
        return (
            f"{read.path.as_posix()}:{line}:{column}: {format_path(path[:-1])} is written on "
            f"one line ({{…}}); allowed: a map with one {what} per line (add it by hand)"
        )
    return _value_end(lines, line - 1, column - 1), column - 1


def _plan_row(
    number: int, row: dict[str, str], data_dir: Path, files: dict[Path, Any]
) -> tuple[Path, FieldPath, str] | str:
    """The file, field path and value of one row, or the message refusing it."""
    where = f"row {number}"
    name, field, value = row.get("file") or "", row.get("field") or "", row.get("translation")
    try:
        path = parse_path(field)
    except ValueError:
        return f"{where}: field {field!r} is not a field path; allowed: e.g. name.ar"
    if not path or path[-1] not in LANGUAGE_CODES:
        allowed = ", ".join(LANGUAGE_CODES)
        return f"{where}: field {field!r} does not end in a language; allowed: {allowed}"
    file = Path(name)
    root = data_dir.resolve()
    if not file.resolve().is_relative_to(root) or file.suffix != ".yml":
        return f"{where}: file {name!r} is not a data file in {display_path(data_dir)}"
    if not file.is_file():
        return f"{where}: file {name} no longer exists; export the worklist again"
    if file not in files:
        read = read_yaml(file, name)
        if read.problems or not isinstance(read.data, dict):
            return f"{where}: {name} cannot be read as data; run check"
        files[file] = read
    if _quote_of(files[file].data, path[:-1]) is not None:
        assert value is not None
        return file, path, value  # a new translation map (see apply_csv)
    text = _at(files[file].data, path[:-1])
    if not isinstance(text, dict) or not any(isinstance(text.get(c), str) for c in LANGUAGE_CODES):
        return (
            f"{where}: {name}: {format_path(path[:-1])} no longer exists; export the worklist again"
        )
    if text.get(path[-1]) is not None:
        return f"{where}: {name}: {field} already has a value; allowed: only missing translations"
    assert value is not None
    return file, path, value


def apply_csv(csv_text: str, data_dir: Path) -> tuple[list[str], int]:
    """Write the filled-in translations of a worklist CSV into the data files. Returns the
    fields written (as `file: field`) and how many rows were left blank; raises `ApplyError`
    naming every row it refuses, before writing anything."""
    reader = csv.DictReader(io.StringIO(csv_text))
    if reader.fieldnames is None or not {"file", "field", "translation"} <= set(reader.fieldnames):
        raise ApplyError(
            [f"not a translations worklist; allowed: a CSV with columns {', '.join(COLUMNS)}"]
        )
    problems: list[str] = []
    files: dict[Path, Any] = {}
    planned: dict[Path, dict[FieldPath, str]] = {}
    blank = 0
    for number, row in enumerate(reader, start=2):
        if not (row.get("translation") or "").strip():
            blank += 1
            continue
        plan = _plan_row(number, row, data_dir, files)
        if isinstance(plan, str):
            problems.append(plan)
            continue
        file, path, value = plan
        if path in planned.setdefault(file, {}):
            problems.append(f"row {number}: {file.as_posix()}: {format_path(path)} is filled twice")
            continue
        planned[file][path] = value.strip()
    inserts: dict[Path, list[_Insert]] = {}
    for file, fields in planned.items():
        with open(file, encoding="utf-8", newline="") as handle:
            lines = handle.read().splitlines()
        new_maps: dict[FieldPath, list[tuple[str, str]]] = {}
        for path, value in fields.items():
            if _quote_of(files[file].data, path[:-1]) is not None:
                new_maps.setdefault(path[:-2], []).append((str(path[-1]), value))
                continue
            text = _at(files[file].data, path[:-1])
            sibling = next(c for c in LANGUAGE_CODES if isinstance(text.get(c), str))
            found = _block_key(files[file], lines, (*path[:-1], sibling), ("",), "language")
            if isinstance(found, str):
                problems.append(found)
                continue
            end, indent = found
            inserts.setdefault(file, []).append(
                _Insert(end, " " * indent + f"{path[-1]}: {_quoted(value)}")
            )
        for quote_path, languages in new_maps.items():
            found = _block_key(files[file], lines, (*quote_path, "lang"), ("", "-"), "field")
            if isinstance(found, str):
                problems.append(found)
                continue
            end, indent = found
            new = [" " * indent + "translation:"]
            new += [" " * (indent + 2) + f"{code}: {_quoted(text)}" for code, text in languages]
            inserts.setdefault(file, []).append(_Insert(end, "\n".join(new)))
    if problems:
        raise ApplyError(problems)
    written: list[str] = []
    for file, file_inserts in inserts.items():
        _write_inserts(file, file_inserts)
        written.extend(f"{file.as_posix()}: {format_path(path)}" for path in planned[file])
    return written, blank


def _write_inserts(file: Path, inserts: list[_Insert]) -> None:
    with open(file, encoding="utf-8", newline="") as handle:
        original = handle.read()
    ending = "\r\n" if "\r\n" in original else "\n"
    lines = original.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += ending
    for insert in sorted(inserts, key=lambda i: i.after_line, reverse=True):
        # An insert of several lines (a new map) keeps the file's own line ending.
        lines.insert(insert.after_line + 1, insert.line.replace("\n", ending) + ending)
    partial = file.with_name(file.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline="") as handle:
        handle.write("".join(lines))
    os.replace(partial, file)


def run(data_dir: Path, lang: str | None, output_format: str, apply_file: Path | None) -> int:
    """The `translations` command: print the worklist, or apply a filled-in one."""
    if apply_file is None:
        missing = worklist(data_dir, lang)
        click.echo(as_csv(missing) if output_format == "csv" else as_text(missing), nl=False)
        if output_format == "text":
            click.echo(f"{len(missing)} missing translation{'s' * (len(missing) != 1)}")
        return 0
    with open(apply_file, encoding="utf-8-sig", newline="") as handle:
        csv_text = handle.read()
    try:
        written, blank = apply_csv(csv_text, data_dir)
    except ApplyError as error:
        for message in error.messages:
            click.echo(f"{apply_file.as_posix()}: {message}")
        click.echo("nothing written")
        return 1
    for line in written:
        click.echo(f"written: {line}")
    click.echo(f"{len(written)} translations written, {blank} rows left blank")
    return 0
