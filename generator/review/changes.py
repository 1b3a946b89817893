"""`python -m generator changes BASE [HEAD]`: what a change does to the facts, not the lines.

Both sides are read as plain data (the same safe reader as the check), so the comparison works
on data that does not validate and on files that were renamed. Entities are matched by kind and
file name; a rename is an added entity whose `former_ids` holds a removed id, or a file git's
rename detection pairs. Fields are compared one by one; lists of maps are matched by what
identifies their items (quotes by text, positions by role and organization), others by equal
items first, then the most alike. The report is Markdown for a pull request, or JSON for tools;
its order is fixed (kinds, then status, then id), so the same change always reads the same.
In the Markdown, everything that comes from the data (names, values, field and file names, even
the revisions) is inert: it cannot link, mention, embed or reformat anything (`_escape`,
`_code`). The JSON has the values as they are.

Longer than 400 lines: reading both revisions, matching entities and their items, and writing
the report are the steps of one command over the same records; apart, each would be a module
of one caller.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import click

from generator.data.check import EXTENSION
from generator.data.check import check as run_check
from generator.data.diagnostics import errors
from generator.data.schema import KINDS, MODELS, SINGULAR
from generator.data.yamlfile import read_bytes_safely, read_yaml
from generator.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from generator.languages.i18n import country_name
from generator.review.git import GitError, export, renamed_files, repo_root, resolve_commit

STATUSES = ("added", "renamed", "changed", "removed")
_MISSING: Any = object()
_SHORT = 80  # longest value shown whole in Markdown; JSON always has the whole value


# --- reading one side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """One data file as read: its raw bytes, its data (None when it does not read) and why."""

    kind: str
    id: str
    raw: bytes
    data: dict[str, Any] | None
    problem: str | None


def load(data_dir: Path) -> dict[tuple[str, str], Record]:
    """Every `<kind>/<id>.yml` below `data_dir`, read without validation."""
    records: dict[tuple[str, str], Record] = {}
    for kind in KINDS:
        for path in sorted((data_dir / kind).glob(f"*{EXTENSION}")):
            yaml_file = read_yaml(path, f"{kind}/{path.name}")
            problem = None
            if yaml_file.data is None and yaml_file.problems:
                first = yaml_file.problems[0]
                problem = f"line {first.line}, column {first.column}: {first.message}"
            data = yaml_file.data if isinstance(yaml_file.data, dict) else None
            # Read as the check reads: no link followed, no pipe waited on, no folder opened.
            raw = read_bytes_safely(path)
            raw = raw if isinstance(raw, bytes) else b""
            records[(kind, path.stem)] = Record(kind, path.stem, raw, data, problem)
    return records


# --- comparing values -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One changed fact: where (a field path), how, the values, and a sentence saying it."""

    path: str
    op: str  # added, removed, changed, reordered, unreadable
    old: Any
    new: Any
    text: str

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "op": self.op,
            "old": self.old,
            "new": self.new,
            "text": self.text,
        }


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _clip(text: str, limit: int = _SHORT) -> str:
    text = _flat(text)
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,.;:") + "…"


def show(value: Any, limit: int = _SHORT) -> str:
    """A value in one short line: texts clipped, language maps as 'English / Arabic'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        return _clip(value, limit)
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGE_CODES):
            return " / ".join(show(value[code], limit) for code in LANGUAGE_CODES if code in value)
        return "; ".join(f"{key}: {show(item, limit)}" for key, item in value.items())
    if isinstance(value, list):
        return ", ".join(show(item, limit) for item in value) or "(none)"
    return str(value)


def _show_pair(old: Any, new: Any) -> tuple[str, str]:
    """Two versions of a long text, trimmed to the part that differs with a little context."""
    if not (isinstance(old, str) and isinstance(new, str)):
        return show(old), show(new)
    old, new = _flat(old), _flat(new)
    if len(old) <= _SHORT and len(new) <= _SHORT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    context = 30
    begin = old.rfind(" ", 0, max(start - context, 0)) + 1 if start > context else 0

    def window(text: str) -> str:
        stop = len(text) - end + context
        if stop < len(text):
            space = text.find(" ", stop)
            stop = len(text) if space < 0 else space
        inner = text[begin:stop]
        return ("…" if begin else "") + inner + ("…" if stop < len(text) else "")

    return window(old), window(new)


def _join(base: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{base}[{key}]"
    if not base or base.endswith(": "):
        return f"{base}{key}"
    return f"{base}.{key}"


def _en(value: Any) -> str:
    if isinstance(value, dict):
        for code in LANGUAGE_CODES:
            if isinstance(value.get(code), str):
                return _flat(value[code])
    return show(value)


def _quote_label(item: dict[str, Any]) -> str:
    return f"a quote by {show(item.get('speaker'))}: «{_clip(str(item.get('text', '')))}»"


def attendee_label(item: Any, names: dict[str, str] | None = None) -> str:
    """A visitor, host or participant as written: an id (named from `names` when known), or
    a map with a person or a name, and the title held then."""
    if not isinstance(item, dict):
        return (names or {}).get(str(item), show(item))
    person = item.get("person")
    who = (names or {}).get(str(person), show(person)) if person is not None else None
    who = who or _en(item.get("name"))
    role = item.get("role")
    return f"{_en(role)} {who}" if role is not None else who


def _position_label(item: dict[str, Any]) -> str:
    return _en(item.get("role"))


def _item_label(name: str, item: Any) -> str:
    """What a list item is, in a few words, for 'added …' and 'removed …'."""
    if not isinstance(item, dict):
        return show(item)
    if name == "quotes":
        return _quote_label(item)
    if name in ("visitors", "hosts", "participants"):
        return attendee_label(item)
    if name == "meetings":
        people = " and ".join(attendee_label(p) for p in item.get("participants") or [])
        when = f" on {show(item['date'])}" if item.get("date") is not None else ""
        return f"a meeting of {people}{when}"
    if name == "outcomes":
        return f"{item.get('kind', 'an outcome')}: «{_clip(_en(item.get('summary')), 60)}»"
    if name == "places":
        return f"{_en(item.get('name'))} ({show(item.get('kind'))})"
    if name == "other_names":
        return f"{show(item.get('name'))} ({show(item.get('lang'))})"
    if name == "identifiers":
        return f"{show(item.get('scheme'))} {show(item.get('identifier'))}"
    if name == "links":
        return show(item.get("url"))
    return show(item)


def _hashable(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> dict[tuple[Any, ...], str]:
    if isinstance(value, dict):
        return {k: v for key, item in value.items() for k, v in _leaves(item, (*path, key)).items()}
    if isinstance(value, list):
        return {k: v for n, item in enumerate(value) for k, v in _leaves(item, (*path, n)).items()}
    return {path: _hashable(value)}


def _likeness(old: Any, new: Any) -> float:
    """The share of fields two versions of an item have in common, from 0 to 1."""
    old_leaves, new_leaves = _leaves(old), _leaves(new)
    paths = set(old_leaves) | set(new_leaves)
    same = sum(1 for path in paths if old_leaves.get(path) == new_leaves.get(path))
    return same / len(paths) if paths else 1.0


@dataclass(frozen=True)
class Differ:
    """Compares two versions of an entity. `renames` maps old ids to new ones, so a reference
    that follows a rename reads as such instead of as one id removed and another added."""

    renames: dict[str, str] = field(default_factory=dict)

    def entity(self, kind: str, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
        """Field by field, in the order the format declares them (unknown fields last, sorted)."""
        declared = list(MODELS[kind].model_fields)
        keys = [k for k in declared if k in old or k in new]
        keys += sorted((set(old) | set(new)) - set(declared))
        changes: list[Change] = []
        for key in keys:
            changes.extend(
                self.value(key, key, key, old.get(key, _MISSING), new.get(key, _MISSING))
            )
        return changes

    def value(self, path: str, label: str, name: str, old: Any, new: Any) -> Iterator[Change]:
        """The changes from `old` to `new`: `path` is the field path (for JSON), `label` how the
        report names it, `name` the field's own name."""
        if old == new:
            return
        if old is _MISSING:
            yield Change(path, "added", None, new, f"{label}: added {show(new)}")
        elif new is _MISSING:
            yield Change(path, "removed", old, None, f"{label}: removed {show(old)}")
        elif isinstance(old, dict) and isinstance(new, dict):
            for key in list(new) + [key for key in old if key not in new]:
                old_item, new_item = old.get(key, _MISSING), new.get(key, _MISSING)
                yield from self.value(_join(path, key), _join(label, key), key, old_item, new_item)
        elif isinstance(old, list) and isinstance(new, list):
            yield from self._list(path, label, name, old, new)
        else:
            shown_old, shown_new = _show_pair(old, new)
            why = " (renamed)" if self._renamed(old, new) else ""
            yield Change(path, "changed", old, new, f"{label} {shown_old} → {shown_new}{why}")

    def _renamed(self, old: Any, new: Any) -> bool:
        return isinstance(old, str) and self.renames.get(old) == new

    def _list(
        self, path: str, label: str, name: str, old: list[Any], new: list[Any]
    ) -> Iterator[Change]:
        if all(not isinstance(item, dict | list) for item in [*old, *new]):
            yield from self._scalar_list(path, label, old, new)
            return
        pairs, gone, came = self._pair(name, old, new)
        for j in came:
            text = f"{label}: added {_item_label(name, new[j])}"
            yield Change(_join(path, j), "added", None, new[j], text)
        for i, j in pairs:
            yield from self._item(_join(path, j), _join(label, j), name, old[i], new[j])
        for i in gone:
            text = f"{label}: removed {_item_label(name, old[i])}"
            yield Change(_join(path, i), "removed", old[i], None, text)
        if not came and not gone and [i for i, _ in pairs] != sorted(i for i, _ in pairs):
            yield Change(path, "reordered", old, new, f"{label}: reordered")

    def _scalar_list(
        self, path: str, label: str, old: list[Any], new: list[Any]
    ) -> Iterator[Change]:
        """Lists of ids and names: what came and what went; a renamed id reads as a rename."""
        remaining = list(old)
        added = []
        for item in new:
            if item in remaining:
                remaining.remove(item)
            else:
                added.append(item)
        for item in list(added):
            was = next((o for o in remaining if self._renamed(o, item)), _MISSING)
            if was is not _MISSING:
                remaining.remove(was)
                added.remove(item)
                text = f"{label}: {show(was)} → {show(item)} (renamed)"
                yield Change(path, "changed", was, item, text)
        for item in added:
            yield Change(path, "added", None, item, f"{label}: added {show(item)}")
        for item in remaining:
            yield Change(path, "removed", item, None, f"{label}: removed {show(item)}")
        if not added and not remaining and sorted(map(str, old)) == sorted(map(str, new)):
            yield Change(path, "reordered", old, new, f"{label}: reordered")

    def _key(self, name: str, item: Any) -> str:
        """What identifies a list item across versions: quotes by text, positions by role and
        organization; others only by being equal."""
        if isinstance(item, dict) and name == "quotes":
            return _hashable(_flat(str(item.get("text", ""))))
        if isinstance(item, dict) and name == "memberships":
            organization = item.get("organization")
            if isinstance(organization, str):
                organization = self.renames.get(organization, organization)
            return _hashable((_en(item.get("role")), organization))
        return _hashable(item)

    def _pair(
        self, name: str, old: list[Any], new: list[Any]
    ) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        """Match items: (old index, new index) pairs, then the unmatched old and new indexes.
        Equal items first; then by key (quotes, positions), or else the most alike items, at
        least half of their fields equal (ties by position)."""
        pairs: list[tuple[int, int]] = []
        free_old = list(range(len(old)))
        free_new = list(range(len(new)))

        def match(key: Callable[[Any], str]) -> None:
            for j in list(free_new):
                for i in free_old:
                    if key(old[i]) == key(new[j]):
                        pairs.append((i, j))
                        free_old.remove(i)
                        free_new.remove(j)
                        break

        match(_hashable)
        if name in ("quotes", "memberships"):
            match(lambda item: self._key(name, item))
        else:
            scored = sorted(
                (-_likeness(old[i], new[j]), abs(i - j), j, i) for i in free_old for j in free_new
            )
            for score, _, j, i in scored:
                if -score >= 0.5 and i in free_old and j in free_new:
                    pairs.append((i, j))
                    free_old.remove(i)
                    free_new.remove(j)
        return sorted(pairs, key=lambda p: p[1]), free_old, free_new

    def _item(self, path: str, label: str, name: str, old: Any, new: Any) -> Iterator[Change]:
        """Changes inside one matched list item, named by what it is where that helps."""
        if name == "quotes" and isinstance(new, dict):
            label = f"quote by {show(new.get('speaker'))} «{_clip(str(new.get('text', '')))}»: "
        elif name == "memberships" and isinstance(old, dict) and isinstance(new, dict):
            role = _position_label(new)
            label = f"position {role}: "
            if old.get("end_date") is None and new.get("end_date") is not None:
                end = new["end_date"]
                text = f"position ended: {role} (end_date {show(end)})"
                yield Change(_join(path, "end_date"), "added", None, end, text)
                # The end replaces `current: true`: one change, not two.
                old = {key: v for key, v in old.items() if key != "current" or key in new}
                old = {**old, "end_date": end}
        yield from self.value(path, label, name, old, new)


# --- comparing two sides ----------------------------------------------------------------------


@dataclass
class EntityChange:
    kind: str
    id: str
    status: str  # added, renamed, changed, removed
    label: str
    old_id: str | None = None
    changes: list[Change] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.id,
            "status": self.status,
            "old_id": self.old_id,
            "label": self.label,
            "changes": [change.as_json() for change in self.changes],
        }


@dataclass
class Report:
    base: str
    head: str | None  # None: the working tree
    errors: int
    entities: list[EntityChange]

    def counts(self) -> dict[str, dict[str, int]]:
        counts = {kind: dict.fromkeys(STATUSES, 0) for kind in KINDS}
        for entity in self.entities:
            counts[entity.kind][entity.status] += 1
        return counts

    def as_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "head_valid": self.errors == 0,
            "head_errors": self.errors,
            "counts": self.counts(),
            "entities": [entity.as_json() for entity in self.entities],
        }


def _country(code: str) -> str:
    """The country's name as the English pages give it (CLDR), or the value as it is."""
    name = country_name(code, DEFAULT_LANGUAGE.code) if len(code) == 2 else code
    return name if name != code else show(code)


def entity_label(kind: str, record: Record, names: dict[str, str]) -> str:
    """How an entity is named in the report: its name or title, else what identifies it.
    `names` gives people's names by id, for visits without a title."""
    data = record.data
    if data is None:
        return f"the file does not read ({record.problem})"
    if kind in ("people", "organizations") and data.get("name") is not None:
        return _en(data["name"])
    if kind == "sources" and data.get("title") is not None:
        return _en(data["title"])
    if kind == "visits":
        if data.get("title") is not None:
            return _en(data["title"])
        visitors = data.get("visitors")
        visitors = visitors if isinstance(visitors, list) else []
        who = ", ".join(attendee_label(v, names) for v in visitors) or "?"
        country = data.get("to_country")
        where = _country(country) if isinstance(country, str) else "?"
        when = f", {show(data['start_date'])}" if data.get("start_date") is not None else ""
        return f"{who} to {where}{when}"
    return record.id


def _people_names(*sides: dict[tuple[str, str], Record]) -> dict[str, str]:
    names: dict[str, str] = {}
    for side in sides:
        for (kind, entity_id), record in side.items():
            if kind == "people" and record.data and isinstance(record.data.get("name"), dict):
                names.setdefault(entity_id, _en(record.data["name"]))
    return names


def _readable(new: Record, old: Record) -> Record:
    """The version that names the entity: the new one, unless only the old one reads."""
    return old if new.data is None and old.data is not None else new


def _compare(differ: Differ, kind: str, old: Record, new: Record) -> list[Change]:
    if old.raw == new.raw:
        return []
    if new.data is None:
        return [Change("", "unreadable", None, None, f"the file does not read: {new.problem}")]
    if old.data is None:
        text = f"the file did not read before ({old.problem}); it does now"
        return [Change("", "unreadable", None, None, text)]
    return differ.entity(kind, old.data, new.data)


def _rename_pairs(
    old: dict[tuple[str, str], Record],
    new: dict[tuple[str, str], Record],
    git_pairs: list[tuple[str, str]],
) -> dict[tuple[str, str], str]:
    """(kind, new id) -> old id, for entities that were renamed: the new one lists the old id
    in `former_ids`, or git pairs the two files."""
    removed = {key for key in old if key not in new}
    added = sorted(key for key in new if key not in old)
    pairs: dict[tuple[str, str], str] = {}
    for kind, new_id in added:
        data = new[(kind, new_id)].data or {}
        former = data.get("former_ids")
        for old_id in former if isinstance(former, list) else []:
            if isinstance(old_id, str) and (kind, old_id) in removed:
                pairs[(kind, new_id)] = old_id
                removed.discard((kind, old_id))
                break
    for old_path, new_path in sorted(git_pairs):
        old_parts, new_parts = PurePosixPath(old_path).parts, PurePosixPath(new_path).parts
        if len(old_parts) != 2 or len(new_parts) != 2 or old_parts[0] != new_parts[0]:
            continue
        kind = old_parts[0]
        old_key = (kind, PurePosixPath(old_path).stem)
        new_key = (kind, PurePosixPath(new_path).stem)
        if old_key in removed and new_key in new and new_key not in old and new_key not in pairs:
            pairs[new_key] = old_key[1]
            removed.discard(old_key)
    return pairs


def compare(old_dir: Path, new_dir: Path) -> list[EntityChange]:
    """Every entity added, renamed, changed or removed between two data folders, in order."""
    old, new = load(old_dir), load(new_dir)
    renames = _rename_pairs(old, new, renamed_files(old_dir.resolve(), new_dir.resolve()))
    renamed_from = {(kind, old_id) for (kind, _), old_id in renames.items()}
    differ = Differ({old_id: new_id for (_, new_id), old_id in renames.items()})
    names = _people_names(new, old)
    found: list[EntityChange] = []
    for key in sorted(set(old) | set(new)):
        kind, entity_id = key
        if key in old and key in new:
            changes = _compare(differ, kind, old[key], new[key])
            if changes:
                label = entity_label(kind, _readable(new[key], old[key]), names)
                found.append(EntityChange(kind, entity_id, "changed", label, changes=changes))
        elif key in new and key in renames:
            old_id = renames[key]
            changes = [
                change
                for change in _compare(differ, kind, old[(kind, old_id)], new[key])
                if not _records_rename(change, old_id, entity_id)
            ]
            label = entity_label(kind, _readable(new[key], old[(kind, old_id)]), names)
            found.append(EntityChange(kind, entity_id, "renamed", label, old_id, changes))
        elif key in new:
            label = entity_label(kind, new[key], names)
            found.append(EntityChange(kind, entity_id, "added", label))
        elif key not in renamed_from:
            label = entity_label(kind, old[key], names)
            found.append(EntityChange(kind, entity_id, "removed", label))
    kind_order = {kind: n for n, kind in enumerate(KINDS)}
    found.sort(key=lambda e: (kind_order[e.kind], STATUSES.index(e.status), e.id))
    return found


def _records_rename(change: Change, old_id: str, new_id: str) -> bool:
    """The new id and the `former_ids` entry a rename brings: implied by 'renamed', not news."""
    if change.path == "id":
        return bool(change.old == old_id and change.new == new_id)
    return change.path == "former_ids" and change.op == "added" and change.new in (old_id, [old_id])


# --- the two sides from git -----------------------------------------------------------------------


def build_report(base: str, head: str | None, data_dir: Path) -> Report:
    """Compare the data at revision `base` with revision `head`, or the working tree."""
    if head is None and not data_dir.is_dir():
        raise GitError(f"no such data folder: {data_dir} (use --data to name it)")
    root = repo_root(data_dir)
    try:
        folder = PurePosixPath(data_dir.resolve().relative_to(root.resolve()).as_posix())
    except ValueError:
        raise GitError(f"the data folder {data_dir} is not inside the repository {root}") from None
    base_commit = resolve_commit(root, base)
    head_commit = resolve_commit(root, head) if head is not None else None
    with tempfile.TemporaryDirectory(prefix="sijill-changes-") as temp:
        old_dir = export(root, base_commit, folder, Path(temp) / "base")
        if head_commit is None:
            new_dir = data_dir
        else:
            new_dir = export(root, head_commit, folder, Path(temp) / "head")
        entities = compare(old_dir, new_dir)
        result = run_check(new_dir) if new_dir.is_dir() else None
        n_errors = len(errors(result.diagnostics)) if result is not None else 0
    return Report(base, head, n_errors, entities)


# --- writing the report -----------------------------------------------------------------------

_HEADINGS = {
    "people": "People",
    "organizations": "Organizations",
    "sources": "Sources",
    "visits": "Visits",
}


# Data reaches the report from pull requests: names, titles, values, field names, file names.
# GitHub must show all of it as the text it is, not as Markdown: no link, image, mention, issue
# reference, HTML, code span, table or new block may come out of it. Prose gets backslash
# escapes where CommonMark honours them, character references for HTML's `& < >` (renderers
# that do not follow CommonMark, such as Python-Markdown, honour those too), and a zero-width
# space where only a character that is still there after rendering helps: GitHub links
# `@name`, `#123` and bare URLs in the rendered text, where a backslash escape or a character
# reference (`&#64;`) has already turned back into the plain character. Renovate and
# Dependabot, which copy release notes into pull requests, break mentions the same way.

_ZERO_WIDTH_SPACE = "\u200b"
_REFERENCES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", _ZERO_WIDTH_SPACE: "&#8203;"}
# Code spans, emphasis, strikethrough, images, table cells, and the escape character itself.
_BACKSLASHED = frozenset("\\`*~!|")
# `[` opens links, images, footnotes and task-list boxes. A list index such as `places[2]` is
# left as it is: without `(` after it, or a definition `[2]: url` (which only the start of a
# line or list item can hold: see `_ITEM_START`), it cannot link.
_BRACKET = re.compile(r"\[(?!\d+\](?!\())")
# An underscore emphasises unless it is inside a word.
_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
# GitHub links `@user` and `@org/team` (and e-mail addresses), `#123` and `owner/repo#123`, URLs
# with `://`, and `www.` addresses.
_AUTOLINKED = re.compile(r"[@#]|(?=://)|(?i:(?<=www)(?=\.))")
# At the start of a list item's text, these would begin a nested list, a link definition or (in
# renderers that want no space after it) a heading.
_ITEM_START = re.compile(r"^(?:[-+\[#]|(?P<number>[0-9]{1,9})[.)])")


# Embeddings, overrides and isolates reorder the rest of the line as displayed; Arabic text
# needs none of them (the marks U+200E, U+200F and U+061C stay).
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _one_line(text: str) -> str:
    """Line ends and other white space as one space, so no text can start a block (a heading,
    quote, list, table row or code fence); other control characters (which could drive the
    terminal that shows the report) and bidi overrides as U+FFFD."""
    text = re.sub(r"\s+", " ", text).strip()
    return "".join(
        "\ufffd" if unicodedata.category(char) == "Cc" or char in _BIDI_CONTROLS else char
        for char in text
    )


def _escape(text: str) -> str:
    """Text from the data as inert GitHub-flavoured Markdown, on one line."""
    text = _AUTOLINKED.sub(lambda match: match.group(0) + _ZERO_WIDTH_SPACE, _one_line(text))
    text = "".join(
        _REFERENCES.get(char, "\\" + char if char in _BACKSLASHED else char) for char in text
    )
    text = _BRACKET.sub(r"\\[", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    return _ITEM_START.sub(
        lambda match: (
            f"{match['number']}\\{match.group(0)[-1]}" if match["number"] else "\\" + match.group(0)
        ),
        text,
    )


def _code(text: str) -> str:
    """Text from the data (an id, a file name, a revision) as a code span, where nothing but a
    run of backticks as long as the fence has meaning: so the fence is longer than every run
    inside, with a space inside it where the text begins or ends with a backtick or a space.
    Characters that do not print (line ends, bidi overrides, terminal controls) are shown as
    their escapes, `\\n`, `\\u202e`, so a file name cannot break the line or hide its order."""
    shown = "".join(
        char if char == " " or char.isprintable() else ascii(char)[1:-1] for char in text
    )
    fence = "`" * (max((len(run) for run in re.findall(r"`+", shown)), default=0) + 1)
    pad = " " if not shown or shown[0] in "` " or shown[-1] in "` " else ""
    return f"{fence}{pad}{shown}{pad}{fence}"


def _count(n: int, kind: str) -> str:
    return f"{n} {SINGULAR[kind] if n == 1 else kind}"


def markdown(report: Report) -> str:
    """The report as Markdown for a pull-request comment or a CI job summary."""
    head = _code(report.head) if report.head is not None else "the working tree"
    lines = [f"## Changes to the facts: {_code(report.base)} → {head}", ""]
    if report.errors:
        where = f"at {_code(report.head)}" if report.head is not None else "in the working tree"
        noun = "error" if report.errors == 1 else "errors"
        lines += [
            f"> **The data {where} does not validate: {report.errors} {noun}.** "
            "`make check` lists them; the changes below compare the files as written.",
            "",
        ]
    counts = report.counts()
    summary = [
        ", ".join(f"{_count(n, kind)} {status}" for status, n in counts[kind].items() if n)
        for kind in KINDS
    ]
    summary = [part for part in summary if part]
    lines += ["; ".join(summary) + "." if summary else "No change to the facts.", ""]
    for kind in KINDS:
        entities = [entity for entity in report.entities if entity.kind == kind]
        if not entities:
            continue
        lines += [f"### {_HEADINGS[kind]}", ""]
        for entity in entities:
            name = _code(f"{kind}/{entity.id}")
            label = _escape(entity.label)
            if entity.status == "renamed":
                lines.append(f"- renamed {_code(f'{kind}/{entity.old_id}')} → {name}: {label}")
            else:
                lines.append(f"- {entity.status} {name}: {label}")
            lines.extend(f"  - {_escape(change.text)}" for change in entity.changes)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def changes_command(base: str, head: str | None, data_dir: Path, as_json: bool) -> int:
    """The `changes` command: 0 when the report was written, 2 when a revision is unknown."""
    try:
        report = build_report(base, head, data_dir)
    except GitError as error:
        click.echo(f"error: {error}", err=True)
        return 2
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str))
    else:
        click.echo(markdown(report), nl=False)
    return 0
