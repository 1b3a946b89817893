"""Read one YAML data file safely, keeping the line and column of every key and value.

Only plain YAML is accepted: maps, lists, text, numbers, booleans and null. Nothing is ever
constructed from a tag, so `!!python/object` and friends are reported, not run. The file is
composed with PyYAML's C loader (fast, and its nodes still carry marks), then turned into
Python values here, where duplicate keys, tags and alias bombs are caught with their position.

Only a regular file is read (never a link, a pipe or a device), and only up to its limit; a
file nested too deep is refused before it is composed, and one whose aliases expand too far
while it is converted: each of the limits below is reported as a message, never as a crash.

Longer than 400 lines: it is one safety boundary (reading, composing, converting, each with its
limits and the positions its messages name); in two halves each would need the other's inside.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.diagnostics import Diagnostic, FieldPath, shortened

_BaseLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"
_STR = f"{_TAG_PREFIX}str"
# Plain scalars up to this length have their tag remembered: keys and short values repeat.
_RESOLVE_CACHE_LENGTH = 40
# How many: a bounded cache, since a process may read any number of files (the live preview).
_RESOLVE_CACHE_SIZE = 8192
# The loaders' own resolver (PyYAML's, for the C loader as for the pure-Python one): the tag
# of a plain scalar depends on its text alone.
_RESOLVER = yaml.resolver.Resolver()


@functools.lru_cache(maxsize=_RESOLVE_CACHE_SIZE)
def _plain_tag(value: str) -> str:
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


class _Loader(_BaseLoader):  # type: ignore[misc]
    """The C loader, with the tag of repeated plain scalars remembered.

    Tag resolution is pure Python even in the C loader (a regular expression per scalar) and
    was a fifth of the time to compose a file; keys such as `en`, `ar` or `sources` and short
    values resolve to the same tag every time (`_plain_tag`).
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:  # quoted: always text
            return _STR
        if len(value) > _RESOLVE_CACHE_LENGTH:
            return super().resolve(kind, value, implicit)
        return _plain_tag(value)


_SAFE_SCALAR_TAGS = {f"{_TAG_PREFIX}{name}" for name in ("null", "bool", "int", "float", "str")}
_NUMBER_TAGS = {f"{_TAG_PREFIX}int", f"{_TAG_PREFIX}float"}
_TIMESTAMP = f"{_TAG_PREFIX}timestamp"
_SEQ = f"{_TAG_PREFIX}seq"
_MAP = f"{_TAG_PREFIX}map"

# --- limits: each is reported with the file, line and column, never as a crash ----------------
# A data file holds one entity: the largest real ones are a few kilobytes. A megabyte is far
# beyond, and bounds what one file can make the build do (a 50 MB file made a 389 MB site).
MAX_FILE_BYTES = 1_000_000
# Far beyond any real entity; a document whose aliases expand past it is an attack or a mistake.
MAX_VALUES = 50_000
# Aliases repeat a value without repeating its text: 215 KB of them once made 1.2 GB of pages.
# The text of a file's values, aliases expanded, may be this many times the file's length, or
# MAX_FILE_BYTES characters for a small file: a few aliases for repeated lists always pass.
MAX_EXPANSION = 10
# Lists and maps inside each other. The format's deepest field (a visit's
# `meetings[].participants[].name.en`, someone named) is 6 deep; twice that leaves room for a
# mistake to be reported as what it is. PyYAML's composer recurses once per level (libyaml's
# in C: 100,000 levels crashed the process), so depth is bounded before a file is composed.
MAX_DEPTH = 12
# Characters of a number as written. Python refuses to read an integer of more than 4,300
# digits; 30 is far beyond any amount or count (the format allows up to 10^18).
MAX_NUMBER_LENGTH = 30
# Field names are words: the longest in the format has 16 characters.
MAX_KEY_LENGTH = 100

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
        if text is None or _nested_too_deep(text) is not None:
            return  # the file changed since it was read
        with contextlib.suppress(yaml.YAMLError):
            documents = [doc for doc in yaml.compose_all(text, Loader=_Loader) if doc is not None]
            if documents and isinstance(documents[0], yaml.MappingNode):
                _Converter(found, record=True, text_length=len(text)).convert(documents[0], ())
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
        from generator.data.diagnostics import format_path

        line, column = at or self.position(path)
        self.problems.append(Diagnostic(self.display, line, column, format_path(path), message))


def _short_tag(tag: str) -> str:
    return "!!" + tag[len(_TAG_PREFIX) :] if tag.startswith(_TAG_PREFIX) else tag


def _line_col(text: str, index: int) -> Position:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _text_of(path: Path) -> str | None:
    raw = read_bytes_safely(path)
    if isinstance(raw, str):
        return None
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None


# What a folder entry that is not a regular file is, by its type (`stat.S_IFMT` of its mode).
_FILE_TYPES = {
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
}


def not_a_file(mode: int) -> str | None:
    """Why an entry of `mode` (from `lstat`, never following a link) is not read as a data
    file: a message naming what it is and what is allowed; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    what = _FILE_TYPES.get(stat.S_IFMT(mode), "a special file")
    if stat.S_ISLNK(mode):
        why = "links are never followed: put the file itself here"
    elif stat.S_ISDIR(mode):
        why = "a data file is a file: rename the folder"
    else:
        why = "data files are text files"
    return f"this is {what}, not a regular file; allowed: regular files only ({why})"


# Open without following a link (a link to /dev/zero, to a file outside the repository or
# to itself is refused, ELOOP) and without waiting for a writer (a named pipe).
_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_bytes_safely(path: Path) -> bytes | str:
    """The bytes of the regular file at `path`, or a message saying why they were not read."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        with contextlib.suppress(OSError):
            found = not_a_file(os.lstat(path).st_mode)
            if found is not None:
                return found
        if error.errno == errno.ELOOP:
            return not_a_file(stat.S_IFLNK) or ""
        return f"the file cannot be read: {error.strerror}; allowed: a readable file"
    try:
        info = os.fstat(descriptor)
        found = not_a_file(info.st_mode)
        if found is not None:
            return found
        # The size first, and never more than the limit read: the file may grow meanwhile.
        raw = (
            b"" if info.st_size > MAX_FILE_BYTES else _read_at_most(descriptor, MAX_FILE_BYTES + 1)
        )
    except OSError as error:
        return f"the file cannot be read: {error.strerror}; allowed: a readable file"
    finally:
        os.close(descriptor)
    size = max(info.st_size, len(raw))
    if size > MAX_FILE_BYTES:
        return (
            f"the file is {size:,} bytes{' or more' if size == len(raw) else ''}; allowed: at "
            f"most {MAX_FILE_BYTES:,} bytes (1 MB) per file, far more than one entity needs"
        )
    return raw


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(descriptor, limit - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_yaml(path: Path, display: str) -> YamlFile:
    """Read `path`; every problem found is in `.problems`, and `.data` is None if unusable."""
    result = YamlFile(path=path, display=display)
    raw = read_bytes_safely(path)
    if isinstance(raw, str):
        result.problems.append(Diagnostic(display, 1, 1, "", raw))
        return result
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
        too_deep = _nested_too_deep(text)
        if too_deep is not None:
            at, where = too_deep
            result.problem(where, _too_deep_message(), at=at)
            return result
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

    converter = _Converter(result, record=False, text_length=len(text))
    data = converter.convert(root, ())
    if converter.aborted:
        return result
    result.data = data
    return result


# Below this many levels, composing is safe for either composer (C, or Python's recursion).
_COMPOSE_SAFE_DEPTH = 200
# A line's indentation and the indicators that may open a block list or map on the same line
# (`- - x`, `? - x`, `: - x`), at the start or after any of YAML's line breaks.
_PREFIX = f"[ \\t?:-]{{{_COMPOSE_SAFE_DEPTH // 4}}}"
_LONG_FIRST_PREFIX = re.compile(_PREFIX)
_LONG_PREFIX = re.compile("\n" + _PREFIX)  # a literal first: a fast search
_LONG_PREFIX_ANY_BREAK = re.compile("[\n\r\x85\u2028\u2029]" + _PREFIX)
_RARE_BREAKS = ("\r", "\x85", "\u2028", "\u2029")


def _nested_too_deep(text: str) -> tuple[Position, FieldPath] | None:
    """Where `text` first nests lists and maps more than MAX_DEPTH deep, and the path there.

    An upper bound first, cheap enough for every file: flow lists and maps nest at most as
    deep as there are brackets, and a block list or map starts further right than the one
    holding it, or at the same column only when it is a list in a map; so block nesting is
    at most twice the longest line prefix of spaces and indicators, plus two. Only a file
    whose bound is high has its parser events counted, which is exact and does not recurse.
    """
    brackets = text.count("[") + text.count("{")
    long_prefix = _LONG_PREFIX_ANY_BREAK if any(b in text for b in _RARE_BREAKS) else _LONG_PREFIX
    if (
        brackets <= _COMPOSE_SAFE_DEPTH // 2
        and long_prefix.search(text) is None
        and _LONG_FIRST_PREFIX.match(text) is None
    ):
        return None
    return _deepest_event(text)


def _deepest_event(text: str) -> tuple[Position, FieldPath] | None:
    # Per open list or map: [its path part (None at the top), the next item's number (a list)
    # or the current key (a map), whether a map expects a key (None for a list)].
    open_nodes: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionEndEvent):
                open_nodes.pop()
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            part: str | int | None = None
            if open_nodes:
                top = open_nodes[-1]
                if top[2] is None:
                    part, top[1] = top[1], top[1] + 1
                elif top[2]:
                    is_text = isinstance(event, yaml.ScalarEvent)
                    top[1], top[2] = str(getattr(event, "value", "?")), False
                    part = None if is_text else "?"  # a list or map as a key
                else:
                    part, top[2] = top[1], True
            if not isinstance(event, yaml.CollectionStartEvent):
                continue
            if len(open_nodes) >= MAX_DEPTH:
                mark: Any = event.start_mark
                path = tuple(node[0] for node in open_nodes if node[0] is not None)
                return (mark.line + 1, mark.column + 1), (*path, part) if part is not None else path
            is_list = isinstance(event, yaml.SequenceStartEvent)
            open_nodes.append([part, 0, None] if is_list else [part, "", True])
    except yaml.YAMLError:
        pass  # composing the file reports it
    return None


def _too_deep_message() -> str:
    return (
        f"lists and maps nested more than {MAX_DEPTH} deep; allowed: at most {MAX_DEPTH} "
        "levels (no field of the data format is nested that deep)"
    )


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

    def __init__(self, result: YamlFile, record: bool, text_length: int) -> None:
        self.result = result
        self.record = record
        self.count = 0
        # Characters of text converted, each alias counted every time it is named.
        self.characters = 0
        self.max_characters = max(MAX_FILE_BYTES, MAX_EXPANSION * text_length)
        self.aborted = False
        # Where each top-level key stands, noted even without `record`: the message about
        # aliases that expand too far points at one.
        self.top_keys: dict[str, Position] = {}

    def convert(self, node: Any, path: FieldPath, depth: int = 0) -> Any:
        """The value of `node`, which lies inside `depth` lists and maps."""
        if self.aborted:
            return None
        self.count += 1
        if self.count > MAX_VALUES:
            self._abort(
                node,
                path,
                f"YAML aliases expand to more than {MAX_VALUES:,} values; allowed: aliases "
                "('*name') only for small values, or none",
            )
            return None
        if self.record:
            position = (node.start_mark.line + 1, node.start_mark.column + 1)
            self.result.value_positions.setdefault(path, position)
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):  # most nodes: tested first
            self.characters += len(node.value)
            if self.characters > self.max_characters:
                self._abort(
                    node,
                    path,
                    f"YAML aliases expand the file's text to more than "
                    f"{self.max_characters:,} characters; allowed: {MAX_EXPANSION} times "
                    f"the file's length, or {MAX_FILE_BYTES:,}: aliases ('*name') only for "
                    "small values, or none",
                )
                return None
            if tag == _STR:
                return node.value  # what SafeConstructor returns for text, without two calls
            if tag in _SAFE_SCALAR_TAGS:
                return self._scalar(node, path)
            if tag == _TIMESTAMP:
                return node.value  # dates stay text: the format keeps their precision itself
        elif depth >= MAX_DEPTH:
            # Only aliases get here (the text was measured before composing): each level
            # of a chain of them can nest the one before.
            self._refuse(node, path, _too_deep_message())
            return None
        elif tag == _MAP and isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth + 1)
        elif tag == _SEQ and isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, (*path, index), depth + 1)
                for index, item in enumerate(node.value)
            ]
        self._refuse(
            node,
            path,
            f"YAML tag '{_short_tag(node.tag)}' is not allowed; allowed: plain text, numbers, "
            "lists and maps (data files are loaded safely, tags never construct objects)",
        )
        return None

    def _scalar(self, node: Any, path: FieldPath) -> Any:
        value = node.value
        if node.tag in _NUMBER_TAGS and len(value) > MAX_NUMBER_LENGTH:
            self._refuse(
                node,
                path,
                f"a number of {len(value):,} characters; allowed: numbers of at most "
                f"{MAX_NUMBER_LENGTH} characters (put a long code in quotes: it is text)",
            )
            return None
        try:
            return _SCALAR_BUILDERS[node.tag](node)
        except (ValueError, KeyError, TypeError):
            # Only an explicit tag gets here (`!!int abc`): a plain scalar has the tag it fits.
            self._refuse(
                node,
                path,
                f"{shortened(value)!r} is not a valid {_short_tag(node.tag)}; allowed: a value "
                "its tag fits, or no tag",
            )
            return None

    def _refuse(self, node: Any, path: FieldPath, message: str) -> None:
        """Report the value at `path` and leave None in its place (see `YamlFile.rejected`)."""
        self.result.rejected.add(path)
        self.result.problem(
            path, message, at=(node.start_mark.line + 1, node.start_mark.column + 1)
        )

    def _abort(self, node: Any, path: FieldPath, message: str) -> None:
        """Report that the file expands too far, and stop converting it."""
        self.aborted = True
        # An aliased node is shared by every place that names it, so its own position says
        # little: point at the top-level field whose value grew past the limit.
        field = path[:1]
        at = self.top_keys.get(str(field[0])) if field else None
        self.result.problem(
            field, message, at=at or (node.start_mark.line + 1, node.start_mark.column + 1)
        )

    def _mapping(self, node: Any, path: FieldPath, depth: int) -> dict[str, Any]:
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
            if len(key) > MAX_KEY_LENGTH:
                self.result.problem(
                    path,
                    f"a key of {len(key):,} characters; allowed: field names, at most "
                    f"{MAX_KEY_LENGTH} characters",
                    at=key_position,
                )
                continue
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
            mapping[key] = self.convert(value_node, (*path, key), depth)
        return mapping
