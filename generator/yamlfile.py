"""Read one YAML data file safely, keeping the line and column of every key and value.

Only plain YAML is accepted: maps, lists, text, numbers, booleans and null. Nothing is ever
constructed from a tag, so `!!python/object` and friends are reported, not run. The file is
composed with PyYAML's C loader (fast, and its nodes still carry marks), then turned into
Python values here, where duplicate keys, tags and alias bombs are caught with their position.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostic, FieldPath

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = f"{_TAG_PREFIX}str"
# Plain scalars up to this length have their tag remembered: keys and short values repeat.
_RESOLVE_CACHE_LENGTH = 40


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The C loader, with the tag of repeated plain scalars remembered.

    Tag resolution is pure Python even in the C loader (a regular expression per scalar) and
    was a fifth of the time to compose a file; keys such as `en`, `ar` or `sources` and short
    values resolve to the same tag every time.
    """

    _resolved: dict[str, str] = {}  # noqa: RUF012 - one cache shared by every loader

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:  # quoted: always text
            return _STR
        if len(value) > _RESOLVE_CACHE_LENGTH:
            return super().resolve(kind, value, implicit)
        tag = self._resolved.get(value)
        if tag is None:
            tag = self._resolved[value] = super().resolve(kind, value, implicit)
        return tag


_SAFE_SCALAR_TAGS = {f"{_TAG_PREFIX}{name}" for name in ("null", "bool", "int", "float", "str")}
_TIMESTAMP = f"{_TAG_PREFIX}timestamp"
_SEQ = f"{_TAG_PREFIX}seq"
_MAP = f"{_TAG_PREFIX}map"
# Far beyond any real entity; a document whose aliases expand past it is an attack or a mistake.
MAX_VALUES = 50_000

Position = tuple[int, int]


@dataclass
class YamlFile:
    """A data file as read: its values, where each one stands, and what was wrong with it."""

    path: Path
    display: str
    data: Any = None
    # Where each value and key stands, worked out only when a message needs one: most files
    # have no problem, and at newsroom scale the positions of every value of every file were
    # a million small objects, half the time of reading a file and most of its memory.
    value_positions: dict[FieldPath, Position] = field(default_factory=dict)
    key_positions: dict[FieldPath, Position] = field(default_factory=dict)
    positions_known: bool = False
    problems: list[Diagnostic] = field(default_factory=list)
    # Values the reader refused (tags): validating the null left in their place would only
    # repeat the problem in other words, so the check skips its findings there.
    rejected: set[FieldPath] = field(default_factory=set)
    stem: str = field(init=False)  # the file name without its extension (the expected id)

    def __post_init__(self) -> None:
        self.stem = self.path.stem

    def is_rejected(self, path: FieldPath) -> bool:
        """Whether `path` is a refused value or lies inside one."""
        return any(path[: len(refused)] == refused for refused in self.rejected)

    def _know_positions(self) -> None:
        """Read the file again, this time noting where every value and key stands."""
        if self.positions_known:
            return
        self.positions_known = True
        if self.data is None:
            return  # never converted: nothing to point into
        found = YamlFile(path=self.path, display=self.display, positions_known=True)
        text = _text_of(self.path)
        if text is None:
            return
        with contextlib.suppress(yaml.YAMLError):
            documents = [doc for doc in yaml.compose_all(text, Loader=_Loader) if doc is not None]
            if documents and isinstance(documents[0], yaml.MappingNode):
                _Converter(found, record=True).convert(documents[0], ())
        self.value_positions, self.key_positions = found.value_positions, found.key_positions

    def position(self, path: FieldPath) -> Position:
        """Where the value at `path` stands, or its nearest enclosing value."""
        self._know_positions()
        for end in range(len(path), -1, -1):
            found = self.value_positions.get(path[:end])
            if found is not None:
                return found
        return (1, 1)

    def key_position(self, path: FieldPath) -> Position:
        """Where the key of the field at `path` stands (falls back to its value)."""
        self._know_positions()
        return self.key_positions.get(path) or self.position(path)

    def problem(self, path: FieldPath, message: str, at: Position | None = None) -> None:
        from generator.diagnostics import format_path

        line, column = at or self.position(path)
        self.problems.append(Diagnostic(self.display, line, column, format_path(path), message))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _text_of(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except (OSError, UnicodeDecodeError):
        return None


def read_yaml(path: Path, display: str) -> YamlFile:
    """Read `path`; every problem found is in `.problems`, and `.data` is None if unusable."""
    result = YamlFile(path=path, display=display)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        # Columns count characters, as in every other message, not bytes.
        column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
        bad = raw[error.start : error.start + 1].hex()
        result.problems.append(
            Diagnostic(
                display,
                line,
                column,
                "",
                f"the file is not valid UTF-8 (byte 0x{bad}); allowed: UTF-8 text only, "
                "save the file as UTF-8",
            )
        )
        return result
    text = text.removeprefix("\ufeff")

    tab_lines = _indentation_tabs(text)
    for line, column in tab_lines:
        result.problems.append(
            Diagnostic(
                display,
                line,
                column,
                "",
                "tab character in indentation; allowed: spaces only (YAML forbids tabs there)",
            )
        )
    if tab_lines:
        return result

    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        detail = error.problem or "invalid YAML"
        if error.context and error.context_mark is not None:
            detail += f" ({error.context} at line {error.context_mark.line + 1})"
        result.problems.append(
            Diagnostic(display, line, column, "", f"YAML syntax error: {detail}")
        )
        return result
    except yaml.reader.ReaderError as error:
        line, column = _line_col(text, error.position)
        result.problems.append(
            Diagnostic(
                display,
                line,
                column,
                "",
                f"control character U+{error.character:04X} is not allowed in YAML; remove it",
            )
        )
        return result
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML raises the two above
        result.problems.append(Diagnostic(display, 1, 1, "", f"YAML error: {error}"))
        return result

    # `---` with nothing after it composes to an empty plain scalar: that is no content either.
    documents = [doc for doc in documents if doc is not None and not _is_empty(doc)]
    if not documents:
        result.problems.append(
            Diagnostic(
                display,
                1,
                1,
                "",
                f"the file is empty; allowed: a map of fields, starting with 'id: {path.stem}'",
            )
        )
        return result
    if len(documents) > 1:
        mark = documents[1].start_mark
        result.problems.append(
            Diagnostic(
                display,
                mark.line + 1,
                mark.column + 1,
                "",
                "the file holds more than one YAML document ('---'); allowed: one entity per file",
            )
        )
        return result

    root = documents[0]
    if not isinstance(root, yaml.MappingNode) or root.tag != _MAP:
        kind = "a list" if isinstance(root, yaml.SequenceNode) else "a single value"
        result.problems.append(
            Diagnostic(
                display,
                root.start_mark.line + 1,
                root.start_mark.column + 1,
                "",
                f"the file holds {kind}; allowed: a map of fields (key: value), "
                f"starting with 'id: {path.stem}'",
            )
        )
        return result

    converter = _Converter(result, record=False)
    data = converter.convert(root, ())
    if converter.aborted:
        return result
    result.data = data
    return result


def _is_empty(node: Any) -> bool:
    return (
        isinstance(node, yaml.ScalarNode) and node.tag == f"{_TAG_PREFIX}null" and node.value == ""
    )


def _indentation_tabs(text: str) -> list[Position]:
    if "\t" not in text:
        return []
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append((number, indent.index("\t") + 1))
    return found


_constructor = yaml.constructor.SafeConstructor()


def _scalar_builder(tag: str) -> Callable[[Any], Any]:
    construct = _constructor.yaml_constructors[tag]

    def build(node: Any) -> Any:
        return construct(_constructor, node)

    return build


_SCALAR_BUILDERS: dict[str, Callable[[Any], Any]] = {
    tag: _scalar_builder(tag) for tag in _SAFE_SCALAR_TAGS
}


class _Converter:
    """Turns composed nodes into Python values, refusing the unsafe; with `record`, notes
    where every value and key stands (see `YamlFile.value_positions`)."""

    def __init__(self, result: YamlFile, record: bool) -> None:
        self.result = result
        self.record = record
        self.count = 0
        self.aborted = False
        # Where each top-level key stands, noted even without `record`: the message about
        # aliases that expand too far points at one.
        self.top_keys: dict[str, Position] = {}

    def convert(self, node: Any, path: FieldPath) -> Any:
        if self.aborted:
            return None
        self.count += 1
        if self.count > MAX_VALUES:
            self.aborted = True
            # An aliased node is shared by every place that names it, so its own position
            # says little: point at the top-level field whose value grew past the limit.
            field = path[:1]
            at = self.top_keys.get(str(field[0])) if field else None
            self.result.problem(
                field,
                f"YAML aliases expand to more than {MAX_VALUES:,} values; allowed: "
                "aliases ('*name') only for small values, or none",
                at=at or (node.start_mark.line + 1, node.start_mark.column + 1),
            )
            return None
        if self.record:
            position = (node.start_mark.line + 1, node.start_mark.column + 1)
            self.result.value_positions.setdefault(path, position)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.convert(item, (*path, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR and isinstance(node, yaml.ScalarNode):
            return node.value  # what SafeConstructor returns for text, without two calls
        if isinstance(node, yaml.ScalarNode) and node.tag in _SAFE_SCALAR_TAGS:
            return _SCALAR_BUILDERS[node.tag](node)
        if isinstance(node, yaml.ScalarNode) and node.tag == _TIMESTAMP:
            # Dates stay text: the format keeps their precision itself.
            return node.value
        self.result.rejected.add(path)
        self.result.problem(
            path,
            f"YAML tag '{_short_tag(node.tag)}' is not allowed; allowed: plain text, numbers, "
            "lists and maps (data files are loaded safely, tags never construct objects)",
            at=(node.start_mark.line + 1, node.start_mark.column + 1),
        )
        return None

    def _mapping(self, node: Any, path: FieldPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if not isinstance(key_node, yaml.ScalarNode):
                self.result.problem(
                    path, "a key must be plain text, not a list or map", at=key_position
                )
                continue
            if key_node.tag == f"{_TAG_PREFIX}merge":
                self.result.problem(
                    path, "merge keys ('<<') are not allowed; write the fields out", at=key_position
                )
                continue
            key = str(key_node.value)
            if key in seen:
                self.result.problem(
                    (*path, key),
                    f"duplicate key '{key}' (first at line {seen[key]}); allowed: each key once",
                    at=key_position,
                )
                continue
            seen[key] = key_position[0]
            if self.record:
                self.result.key_positions[(*path, key)] = key_position
            if not path:
                self.top_keys[key] = key_position
            mapping[key] = self.convert(value_node, (*path, key))
        return mapping
