"""The check: load every file of `site_data/`, validate it, resolve every reference.

Every problem in every file is collected and returned; nothing stops at the first one.
The result carries a `Dataset` only when there is no error.

Longer than 400 lines: one pass over every file, whose messages are its interface (the tests
hold them word for word); listing, reading, validating, resolving references and the rules that
span fields share that pass's state, and split apart each would reach into the others.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.data.dataset import Dataset
from generator.data.declaration import field_type
from generator.data.diagnostics import (
    Diagnostic,
    FieldPath,
    Severity,
    errors,
    format_path,
    shortened,
    warnings,
)
from generator.data.duplicates import duplicate_people, named_but_catalogued
from generator.data.scalars import COUNTRY_CODES
from generator.data.schema import (
    KINDS,
    MAX_SHORT_LENGTH,
    MODELS,
    SINGULAR,
    SLUG_PATTERN,
    STATES_FILE,
    TEXT_KINDS,
    DeclaredState,
    Entity,
    Organization,
    PartialText,
    Person,
    Quote,
    Visit,
    text_kinds,
)
from generator.data.yamlfile import YamlFile, not_a_file, read_yaml
from generator.languages import LANGUAGE_CODES
from generator.languages.former_states import (
    USER_ASSIGNED_CODES,
    FormerState,
    declare,
    former_state,
)
from generator.languages.i18n import label
from generator.parallel import ForkedProcessDied, can_fork, collection_paused, start_forked

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
        untranslated = missing_translations(self.diagnostics)
        counted = ", ".join(f"{path} {n}" for path, n in untranslated.items())
        return (
            f"{verdict}: {kinds}; {n_err} error{'s' * (n_err != 1)}, "
            f"{n_warn} warning{'s' * (n_warn != 1)}"
            + (f" (missing translations: {counted})" if counted else "")
        )


UNTRANSLATED = "translation yet; the site shows this text as untranslated"


def missing_translations(diagnostics: list[Diagnostic]) -> dict[str, int]:
    """How many translations are missing per field, list indices left out and sorted by
    field: `{"memberships.role.ar": 7, "name.ar": 5}`."""
    counts: Counter[str] = Counter(
        re.sub(r"\[\d+\]", "", d.path) for d in diagnostics if d.message.endswith(UNTRANSLATED)
    )
    return dict(sorted(counts.items()))


def display_path(path: Path) -> str:
    """The path as the user should see it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass
class _Checked:
    """One file as the check left it before looking at other files."""

    stamp: tuple[int, int, int, int]
    display: str
    yaml_file: YamlFile
    entity: Entity | None
    local: list[Diagnostic]  # what the file alone is wrong about
    references: list[Diagnostic] | None = None  # unresolved references, with the cache's ids
    reused: bool = False  # taken from the cache in this run


@dataclass
class CheckCache:
    """What the check found in each file, kept between runs (the live preview keeps one).

    A file whose size, modification and change times are those of the last run is not read
    again: its values, entity and own problems are reused, and only what spans files (ids,
    references) is checked anew.
    """

    files: dict[str, _Checked] = field(default_factory=dict)
    # The ids of the last run: while they stay the same, an unchanged file's references
    # resolve as they did.
    ids: dict[str, set[str]] = field(default_factory=dict)
    # The declared states of the last run (site_data/former_states.yml, as read).
    states: Any = None


@dataclass
class _Listing:
    """The data folder in one walk: the data files of each kind, stray files, and entries
    refused by their type (links, pipes, devices, folders named like data files)."""

    files: dict[str, list[tuple[str, tuple[int, int, int, int]]]]  # kind -> (name, stamp)
    stray: list[Path]
    refused: list[Diagnostic] = field(default_factory=list)


def _list_data(data_dir: Path) -> _Listing:
    """Walk the data folder without following a link: only regular files are ever read, and
    a linked folder (to /etc, or to itself) is never entered."""
    listing = _Listing(files={kind: [] for kind in KINDS}, stray=[])
    pending: list[tuple[Path, int, str | None]] = [(data_dir, 0, None)]
    while pending:
        folder, depth, kind = pending.pop()
        shown: str | None = None  # the folder as messages show it, worked out when needed
        with os.scandir(folder) as entries:
            for entry in entries:
                data_file = kind is not None and depth == 1 and entry.name.endswith(EXTENSION)
                if entry.is_file(follow_symlinks=False):
                    if data_file:
                        info = entry.stat(follow_symlinks=False)
                        stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)
                        listing.files[kind].append((entry.name, stamp))  # type: ignore[index]
                    elif not entry.name.startswith("."):
                        listing.stray.append(Path(entry.path))
                    continue
                if entry.is_dir(follow_symlinks=False) and not data_file:
                    child_kind = entry.name if depth == 0 and entry.name in KINDS else None
                    pending.append((Path(entry.path), depth + 1, child_kind))
                    continue
                if entry.name.startswith(".") and not data_file:
                    continue  # hidden, and never read
                why = not_a_file(entry.stat(follow_symlinks=False).st_mode)
                if why is not None:
                    shown = shown or display_path(folder)
                    listing.refused.append(Diagnostic(f"{shown}/{entry.name}", 1, 1, "", why))
    for names in listing.files.values():
        names.sort()
    listing.stray.sort()
    return listing


def check(data_dir: Path, cache: CheckCache | None = None) -> CheckResult:
    """Check every data file below `data_dir`; return all problems and, if valid, the data.

    With a `cache`, files unchanged since the cache's last run are not read again."""
    result = CheckResult()
    if not data_dir.is_dir():
        result.diagnostics.append(
            Diagnostic(display_path(data_dir), 1, 1, "", "no such data folder")
        )
        return result

    # No cyclic garbage collection while the data is read: it makes tens of thousands of
    # objects that all stay, and each collection walked them all again (a third of the time).
    with collection_paused():
        _check_all(data_dir, cache, result)
    return result


def _check_all(data_dir: Path, cache: CheckCache | None, result: CheckResult) -> None:
    listing = _list_data(data_dir)
    result.diagnostics.extend(listing.refused)
    states_file = data_dir / STATES_FILE
    result.diagnostics.extend(
        _stray_files(data_dir, [p for p in listing.stray if p != states_file])
    )
    # Before any other file: the codes they may use include the states declared here.
    declared = _declared_states(states_file if states_file in listing.stray else None)
    result.diagnostics.extend(declared.problems)
    if cache is not None and cache.states != declared.data:
        cache.files.clear()  # a file checked against other states may read otherwise now
        cache.states = declared.data
    jobs: list[_FileJob] = []
    for kind in KINDS:
        # Worked out once per folder: resolving every file's path took a tenth of the check.
        folder = display_path(data_dir / kind)
        directory = f"{data_dir}/{kind}"
        jobs.extend(
            _FileJob(kind, f"{directory}/{name}", name, f"{folder}/{name}", stamp)
            for name, stamp in listing.files[kind]
        )
    seen = {job.key for job in jobs}
    checked: dict[str, list[_Checked]] = {kind: [] for kind in KINDS}
    for job, entry in zip(jobs, _check_files(jobs, data_dir, cache), strict=True):
        checked[job.kind].append(entry)
    for kind in KINDS:
        result.counts[kind] = len(checked[kind])
    if cache is not None:
        for gone in set(cache.files) - seen:
            del cache.files[gone]
    loaded = {kind: [(c.yaml_file, c.entity) for c in files] for kind, files in checked.items()}

    ids = _collect_ids(loaded)
    same_ids = cache is not None and cache.ids == ids
    suggest = _Suggestions(ids)
    for kind in KINDS:
        named = _IdentityIndex(loaded[kind])
        for entry in checked[kind]:
            yaml_file, entity = entry.yaml_file, entry.entity
            if entity is not None:
                _check_identity(kind, yaml_file, entity, named)
            if same_ids and entry.reused and entry.references is not None:
                yaml_file.problems.extend(entry.references)
            else:
                before = len(yaml_file.problems)
                suggest.left = MAX_SUGGESTIONS
                _check_references(yaml_file, MODELS[kind], yaml_file.data, (), ids, suggest)
                entry.references = yaml_file.problems[before:]
            result.diagnostics.extend(yaml_file.problems)
    if cache is not None:
        cache.ids = ids
    result.diagnostics.extend(_check_across(loaded))

    result.diagnostics.sort(key=lambda d: (d.file, d.line, d.column, d.path, d.message))
    if result.ok:
        dataset = Dataset(root=data_dir)
        for kind in KINDS:
            entities = dataset.of_kind(kind)
            # In the order of file names, as listed.
            for yaml_file, entity in loaded[kind]:
                assert entity is not None
                entities[entity.id] = entity
                dataset.files[(kind, entity.id)] = yaml_file.path
        result.dataset = dataset


def _declared_states(path: Path | None) -> YamlFile:
    """Read and check `site_data/former_states.yml`, and declare its states for this run
    (`former_states.declare`); the file as read, with its problems. No file: no state."""
    declare({})
    if path is None:
        return YamlFile(path=Path(STATES_FILE), display=STATES_FILE)
    yaml_file = read_yaml(path, display_path(path))
    data = yaml_file.data
    if data is None:
        return yaml_file
    if not isinstance(data, dict):
        yaml_file.problem((), f"expected a map of codes to states, got {_describe(data)}")
        return yaml_file
    codes = []
    for code in data:
        if code in USER_ASSIGNED_CODES:
            codes.append(code)
            continue
        iso = isinstance(code, str) and (code in COUNTRY_CODES or former_state(code) is not None)
        known = " (ISO 3166 names it already: use it without declaring it)" if iso else ""
        yaml_file.problem(
            (code,),
            f"{shortened(str(code))!r} cannot be declared{known}; allowed: a code ISO 3166-1 "
            "leaves to its users: XA to XZ (not XK, which Kosovo uses), QM to QZ, AA, ZZ",
            at=yaml_file.key_position((code,)),
        )
    # Each declared code is allowed while the file is read: one state may succeed another.
    declare({code: FormerState(code, {}, 0, 0, ()) for code in codes})
    states = {}
    for code in codes:
        _check_text(yaml_file, data[code], (code,), text_kinds(DeclaredState))
        try:
            state = DeclaredState.model_validate(data[code])
        except ValidationError as error:
            for item in error.errors(include_url=False):
                _report_validation_error(DeclaredState, yaml_file, item, prefix=(code,))
            continue
        names = {lang: text for lang in LANGUAGE_CODES if (text := state.name.get(lang))}
        for lang in LANGUAGE_CODES:
            if lang not in names:
                where = (code, "name", lang)
                yaml_file.problems.append(
                    Diagnostic(
                        yaml_file.display,
                        *yaml_file.position(where),
                        format_path(where),
                        f"no {language_name(lang)} {UNTRANSLATED}",
                        Severity.warning,
                    )
                )
        states[code] = FormerState(
            code, names, state.start_year, state.end_year, tuple(state.successors)
        )
    declare(states)
    return yaml_file


@dataclass(frozen=True)
class _FileJob:
    kind: str
    key: str  # the file's path as a string, the cache's key
    name: str
    display: str
    stamp: tuple[int, int, int, int]


# Below this many files to read, a second process costs more than it saves.
PARALLEL_MIN_FILES = 2000


def _check_files(jobs: list[_FileJob], data_dir: Path, cache: CheckCache | None) -> list[_Checked]:
    """Each file checked on its own, in order. Many files to read (a first check of a large
    dataset): the second half is read in a forked process while this one reads the first."""

    def one(job: _FileJob) -> _Checked:
        return _check_file(job, data_dir, cache)

    to_read = [job for job in jobs if cache is None or job.key not in cache.files]
    if len(to_read) < PARALLEL_MIN_FILES or not can_fork():
        return [one(job) for job in jobs]
    half = {job.key for job in to_read[len(to_read) // 2 :]}
    theirs_jobs = [job for job in jobs if job.key in half]
    forked = start_forked(lambda: [_check_file(j, data_dir, None) for j in theirs_jobs], "check")
    mine = [one(job) for job in jobs if job.key not in half]
    try:
        theirs = forked()
    except ForkedProcessDied:  # read its half here
        theirs = [one(job) for job in theirs_jobs]
    else:
        if cache is not None:
            for job, entry in zip(theirs_jobs, theirs, strict=True):
                cache.files[job.key] = entry
    merged, mine_iter, theirs_iter = [], iter(mine), iter(theirs)
    for job in jobs:
        merged.append(next(theirs_iter) if job.key in half else next(mine_iter))
    return merged


def _check_file(job: _FileJob, data_dir: Path, cache: CheckCache | None) -> _Checked:
    """Read and validate one file, and find what it is wrong about on its own."""
    kind, key, display, stamp = job.kind, job.key, job.display, job.stamp
    known = cache.files.get(key) if cache is not None else None
    if known is not None and known.stamp == stamp and known.display == display and any(stamp):
        known.yaml_file.problems = list(known.local)
        known.reused = True
        return known
    yaml_file = read_yaml(data_dir / kind / job.name, display)
    if isinstance(yaml_file.data, dict):
        # Before validation: a text over its limit is reported and emptied here, so that no
        # other message repeats a megabyte of it.
        _check_text(yaml_file, yaml_file.data, (), text_kinds(MODELS[kind]))
    entity = _validate(kind, yaml_file) if yaml_file.data is not None else None
    if entity is not None:
        _check_semantics(yaml_file, entity)
    elif isinstance(yaml_file.data, dict):
        _check_raw_id(yaml_file)
    entry = _Checked(stamp, display, yaml_file, entity, list(yaml_file.problems))
    if cache is not None:
        cache.files[key] = entry
    return entry


def _stray_files(data_dir: Path, stray: list[Path]) -> Iterator[Diagnostic]:
    """Files the check would otherwise ignore without a word: wrong extension or folder."""
    for path in stray:
        relative = path.relative_to(data_dir)
        folder = relative.parts[0] if len(relative.parts) > 1 else None
        if folder in KINDS and path.suffix == ".yaml":
            why = f"data files end in '{EXTENSION}'; rename it to {path.stem}{EXTENSION}"
        else:
            why = (
                f"not a data file; allowed: <kind>/<id>{EXTENSION} where kind is one of "
                f"{', '.join(KINDS)}, and {STATES_FILE} (states with no ISO code)"
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
        current = field_type(info).base
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


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


def _report_validation_error(
    model: type[BaseModel], yaml_file: YamlFile, item: Any, prefix: FieldPath = ()
) -> None:
    """One of pydantic's errors as our message; `prefix` is where the validated map stands in
    the file (a declared state's code), when it is not the whole file."""
    path: FieldPath = tuple(item["loc"])  # within the model
    where: FieldPath = (*prefix, *path)  # within the file
    kind, value, ctx = item["type"], item.get("input"), item.get("ctx") or {}
    # An unknown field is worth saying even when its value was refused: the key is the news.
    if kind != "extra_forbidden" and yaml_file.is_rejected(where):
        return
    at = None
    if kind == "missing":
        name = path[-1]
        parent = _model_at(model, path[:-1])
        info = parent.model_fields.get(str(name)) if parent else None
        description = f": {info.description}" if info and info.description else ""
        # The field is absent: point at the map that should hold it.
        yaml_file.problem(
            where,
            f"missing required field '{name}'{description}",
            at=yaml_file.position(where[:-1]),
        )
        return
    if kind == "extra_forbidden":
        name = str(path[-1])
        parent = _model_at(model, path[:-1])
        allowed = list(parent.model_fields) if parent else []
        message = f"unknown field '{name}'{_suggest(name, allowed)}; allowed: {', '.join(allowed)}"
        yaml_file.problem(where, message, at=yaml_file.key_position(where))
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
    elif kind in ("less_than", "less_than_equal"):
        limit = ctx.get("le", ctx.get("lt"))
        shown = str(limit)
        if isinstance(limit, int | float) and float(limit).is_integer():
            shown = f"{int(limit):,}"  # a float field's limit comes as a float: 1e+18
        message = f"must be at most {shown}, got {_describe(value)}"
    else:
        message = item["msg"]
    yaml_file.problem(where, message, at=at)


# --- identity, references, meaning ----------------------------------------------------------


def _collect_ids(loaded: dict[str, list[tuple[YamlFile, Entity | None]]]) -> dict[str, set[str]]:
    """The ids each kind defines. A file whose entity failed validation still defines its file
    name, so one broken file does not cascade into 'unknown person' errors elsewhere."""
    return {
        kind: {yaml_file.stem for yaml_file, _ in entries}
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
    mine_matches = entity.id == yaml_file.stem
    other_matches = other.id == other_file.stem
    if mine_matches != other_matches:
        return other_matches
    return other_file.path.name < yaml_file.path.name


class _IdentityIndex:
    """The files of one kind by the ids they define, so that finding the others with the same
    id is a lookup: comparing every file with every other is quadratic (hours at 10,000)."""

    def __init__(self, entries: list[tuple[YamlFile, Entity | None]]) -> None:
        self.entries = [(f, e) for f, e in entries if e is not None]
        self.by_id: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)  # by id and by file name
        for position, (yaml_file, entity) in enumerate(self.entries):
            self.by_id[entity.id].append(position)
            self.by_name[entity.id].append(position)
            if yaml_file.stem != entity.id:
                self.by_name[yaml_file.stem].append(position)

    def others(self, index: dict[str, list[int]], key: str, me: YamlFile) -> list[Any]:
        """The other files under `key`, in file order, each once."""
        positions = sorted(set(index.get(key, ())))
        return [self.entries[p] for p in positions if self.entries[p][0] is not me]


def _check_identity(kind: str, yaml_file: YamlFile, entity: Entity, named: _IdentityIndex) -> None:
    if entity.id != yaml_file.stem:
        _id_mismatch(yaml_file, entity.id)
    for other_file, other in named.others(named.by_id, entity.id, yaml_file):
        if _blame_for_duplicate(yaml_file, entity, other_file, other):
            yaml_file.problem(
                ("id",), f"duplicate id '{entity.id}': also the id in {other_file.display}"
            )
    for index, former in enumerate(entity.former_ids):
        for other_file, _other in named.others(named.by_name, former, yaml_file):
            yaml_file.problem(
                ("former_ids", index),
                f"former id '{former}' is the id of another {SINGULAR[kind]} "
                f"({other_file.display}); allowed: ids no other {SINGULAR[kind]} uses",
            )
    for index, former in enumerate(entity.former_ids):
        if former == entity.id:
            yaml_file.problem(("former_ids", index), f"former id '{former}' is the current id")


# Unknown ids given a "did you mean" per file: each looks through every id of the kind (70 ms
# among 10,000 visits), and a file naming 50,000 unknown ids would take an hour.
MAX_SUGGESTIONS = 20


class _Suggestions:
    """The nearest known id for an unknown one, while the file's allowance lasts."""

    def __init__(self, ids: dict[str, set[str]]) -> None:
        self.ids = ids
        self.sorted: dict[str, list[str]] = {}
        self.left = MAX_SUGGESTIONS

    def __call__(self, item: str, kind: str) -> str:
        if self.left <= 0:
            return ""
        self.left -= 1
        if kind not in self.sorted:
            self.sorted[kind] = sorted(self.ids[kind])
        return _suggest(item, self.sorted[kind])


def _check_references(
    yaml_file: YamlFile,
    model: type[BaseModel],
    data: Any,
    path: FieldPath,
    ids: dict[str, set[str]],
    suggest: _Suggestions,
) -> None:
    """Resolve every reference in the file as written, guided by the model's declaration.

    Works on the raw data, so a file with a type error elsewhere still has its references
    checked in the same run.
    """
    if not isinstance(data, dict):
        return
    for name, target, inner in _reference_plan(model):
        if name not in data:
            continue
        value = data[name]
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            where = (*path, name) if index is None else (*path, name, index)
            if inner is not None and isinstance(item, dict):
                # A map where an id may also stand (an attendee): its own fields say more.
                _check_references(yaml_file, inner, item, where, ids, suggest)
            elif target is not None and (
                isinstance(item, str)
                and item not in ids[target]
                and not yaml_file.is_rejected(where)
            ):
                yaml_file.problem(
                    where,
                    f"unknown {SINGULAR[target]} '{item}'{suggest(item, target)}; "
                    f"allowed: the id of a file in site_data/{target}/",
                )


@functools.cache
def _reference_plan(
    model: type[BaseModel],
) -> tuple[tuple[str, str | None, type[BaseModel] | None], ...]:
    """The model's fields that hold references or models holding some: (name, the kind
    referenced, the inner model); a field may have both (an id, or a map holding one).
    Worked out once per model, not once per file."""
    plan: list[tuple[str, str | None, type[BaseModel] | None]] = []
    for name, info in model.model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        target = extra.get("x-references")
        found = field_type(info).base
        inner = (
            found
            if isinstance(found, type) and issubclass(found, BaseModel) and _reference_plan(found)
            else None
        )
        if isinstance(target, str) or inner is not None:
            plan.append((name, target if isinstance(target, str) else None, inner))
    return tuple(plan)


def _check_semantics(yaml_file: YamlFile, entity: Entity) -> None:
    """Rules that span fields: dates in order, translations present, a visit abroad."""
    if isinstance(entity, Visit) and entity.from_country == entity.to_country:
        _warn(
            yaml_file,
            ("to_country",),
            f"the visit goes to {entity.to_country}, which is also from_country, the "
            "visitors' own country; allowed: a country other than from_country (a visit is "
            "to another country)",
        )
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
                        f"no {language_name(code)} {UNTRANSLATED}",
                        Severity.warning,
                    )
                )


def _warn(yaml_file: YamlFile, path: FieldPath, message: str) -> None:
    yaml_file.problems.append(
        Diagnostic(
            yaml_file.display,
            *yaml_file.position(path),
            format_path(path),
            message,
            Severity.warning,
        )
    )


def language_name(code: str) -> str:
    """The language's English name, from the site's catalog (messages are in English)."""
    return label("en", f"language_name_{code}")


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


# --- across files ---------------------------------------------------------------------------


def _check_across(loaded: dict[str, list[tuple[YamlFile, Entity | None]]]) -> list[Diagnostic]:
    """Rules that span files, worked out anew in every run (cheap: a pass over the entities)."""
    found: list[Diagnostic] = []
    for kind in ("organizations", "visits"):
        found.extend(_parent_cycles(kind, loaded[kind]))
    found.extend(duplicate_people(loaded["people"]))  # likely duplicates, warnings only
    found.extend(named_but_catalogued(loaded["people"], loaded["visits"]))
    countries = {e.id: e.country for _, e in loaded["people"] if isinstance(e, Person)}
    for yaml_file, visit in loaded["visits"]:
        if not isinstance(visit, Visit) or visit.from_country == visit.to_country:
            continue  # the same country twice is already said
        for index, visitor in enumerate(visit.visitors):
            if visitor.person is not None:
                person_id, country = visitor.person, countries.get(visitor.person)
            else:  # someone named only: their name, and the country the visit says
                assert visitor.name is not None
                person_id = next(filter(None, map(visitor.name.get, LANGUAGE_CODES)), "")
                country = visitor.country
            if country == visit.to_country:
                where = ("visitors", index)
                found.append(
                    Diagnostic(
                        yaml_file.display,
                        *yaml_file.position(where),
                        format_path(where),
                        f"'{shortened(person_id)}' serves {visit.to_country} (their country), "
                        "the country visited: a visit to their own country; allowed: visitors from "
                        f"{visit.from_country} or another country than {visit.to_country} "
                        "(is this person a host?)",
                        Severity.warning,
                    )
                )
    return found


def _parent_cycles(kind: str, entries: list[tuple[YamlFile, Entity | None]]) -> list[Diagnostic]:
    """Every organization or visit whose parents lead back to it: nothing is part of itself
    (and a page that walks up the parents would never end)."""
    parents: dict[str, str] = {}
    files: dict[str, YamlFile] = {}
    for yaml_file, entity in entries:
        if isinstance(entity, Organization | Visit) and entity.parent is not None:
            parents[entity.id] = entity.parent
            files[entity.id] = yaml_file
    found: list[Diagnostic] = []
    done: set[str] = set()
    singular = SINGULAR[kind]
    for start in parents:
        walk: dict[str, int] = {}  # id -> its place on this walk up
        node: str | None = start
        while node is not None and node not in done and node not in walk:
            walk[node] = len(walk)
            node = parents.get(node)
        done.update(walk)
        if node is None or node not in walk:
            continue
        cycle = list(walk)[walk[node] :]
        for place, member in enumerate(cycle):
            chain = [*cycle[place:], *cycle[:place], member]
            if len(cycle) == 1:
                message = (
                    f"'{member}' is this {singular} itself; allowed: the id of another "
                    f"{singular}, or no parent"
                )
            else:
                if len(chain) > 6:
                    chain = [*chain[:4], f"... ({len(cycle)} in all)", chain[-1]]
                message = (
                    f"'{parents[member]}' leads back to this {singular}: {' -> '.join(chain)}; "
                    f"allowed: a parent that is not part of this {singular}, directly or "
                    "through its own parents"
                )
            yaml_file = files[member]
            found.append(
                Diagnostic(yaml_file.display, *yaml_file.position(("parent",)), "parent", message)
            )
    return found


# --- text safety ------------------------------------------------------------------------------

# Zero-width joiner and non-joiner shape Persian and Arabic words correctly: allowed.
_ALLOWED_FORMAT_CHARACTERS = {"\u200c", "\u200d"}
# Invisible characters named in one text; the rest are counted (a text may hold thousands).
MAX_CHARACTER_REPORTS = 5
# What each kind of text (see schema.TEXT_FIELDS) is, in a message about its length.
_TEXT_KIND_WORDS = {
    "short": "an id, a reference, a date or a code",
    "name": "a name or a title",
    "line": "one line of text (a role, note, topic, unit or context)",
    "url": "a web address",
    "long": "a summary, a quote or a note",
}
# Letters that show nothing (Hangul fillers, the blank Braille pattern) although Unicode
# calls them letters or symbols: a name of them makes a blank title and an invisible link.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})
# Scripts whose letters look alike (Latin a, Cyrillic а, Greek α) or that are easily typed
# into a word of another by a keyboard layout left switched (Arabic, Persian, Hebrew).
_SCRIPTS = frozenset(
    {"LATIN", "GREEK", "CYRILLIC", "ARABIC", "HEBREW", "ARMENIAN", "GEORGIAN", "FULLWIDTH"}
)
_LETTER_RUN = re.compile(r"[^\W\d_]+")


def _check_text(
    yaml_file: YamlFile,
    value: dict[str, Any] | list[Any],
    path: FieldPath,
    kinds: dict[tuple[str, ...], str],
    names: tuple[str, ...] = (),
) -> None:
    """Every text of the file: its length, characters, normal form, and whether it shows.
    `names` is `path` without list indices: what `kinds` (see `schema.text_kinds`) knows."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if isinstance(item, str):
            # Most texts are short, printable ASCII with a letter: nothing more to look at
            # (ASCII is NFC and one script). Only long texts have their kind looked up.
            if len(item) > MAX_SHORT_LENGTH or not (
                item.isascii() and item.isprintable() and not item.isspace()
            ):
                kind = kinds.get((*names, key) if isinstance(key, str) else names)
                where = (*path, key)
                if len(item) > MAX_SHORT_LENGTH and _too_long(yaml_file, item, where, kind):
                    value[key] = ""  # type: ignore[index]
                else:
                    _check_string(yaml_file, item, where, kind)
        elif isinstance(item, dict | list):
            inner = (*names, key) if isinstance(key, str) else names
            _check_text(yaml_file, item, (*path, key), kinds, inner)


def _too_long(yaml_file: YamlFile, value: str, path: FieldPath, kind: str | None) -> bool:
    """Report a text over its kind's limit, and refuse it (see `YamlFile.rejected`)."""
    # An unknown field's value is never used, and the message about it never shows it.
    kind = kind or "long"
    limit = TEXT_KINDS[kind]
    if len(value) <= limit:
        return False
    yaml_file.rejected.add(path)
    yaml_file.problem(
        path,
        f"too long: {len(value):,} characters; allowed: at most {limit:,} characters for "
        f"{_TEXT_KIND_WORDS[kind]}",
    )
    return True


def _check_string(yaml_file: YamlFile, value: str, path: FieldPath, kind: str | None) -> None:
    """The characters of one text; `kind` is what it holds (None in an unknown field)."""
    # Printable text holds neither control nor format characters: the per-character look
    # is needed only for the rare rest (it was the check's slowest step).
    if not value.replace("\n", "").isprintable() and _check_characters(yaml_file, value, path):
        pass  # the invisible characters are named: a blank text is one of them
    # A text that starts with a visible letter or digit is not blank: the common case.
    elif value.isspace() or not (value[:1].isalnum() and value[0] not in _BLANK_LETTERS):
        blank = _blank_character(value)
        if blank is not None and kind not in (None, "short"):
            _report_blank(yaml_file, path, blank)
    if value.isascii():
        return  # ASCII is NFC, and of one script
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
    if kind == "name":
        _check_scripts(yaml_file, value, path)


def _blank_character(value: str) -> str | None:
    """For a text that shows nothing, its first character that is not a space (" " when all
    are spaces); None for a text that shows something. An empty text is not blank: the
    format refuses those where it matters."""
    if value.isascii():
        return " " if value.isspace() else None
    first = None
    for char in value:  # stops at the first visible character: the first, in real text
        if char.isspace():
            continue
        if char not in _BLANK_LETTERS and unicodedata.category(char) not in _BLANK_CATEGORIES:
            return None
        first = first or char
    return first or " "


def _report_blank(yaml_file: YamlFile, path: FieldPath, blank: str) -> None:
    if blank == " ":
        what = "white space"
    else:
        name = unicodedata.name(blank, "a character without a name")
        what = f"white space and U+{ord(blank):04X} {name}, which shows nothing"
    yaml_file.problem(
        path,
        f"the text is blank: nothing but {what}; allowed: text with visible letters (a blank "
        "name makes a blank title and a link nobody can see)",
    )


def _check_scripts(yaml_file: YamlFile, value: str, path: FieldPath) -> None:
    """Warn about a word of a name or title that mixes scripts: a Cyrillic 'а' in a Latin
    name looks the same, but search, sorting and links by name miss it."""
    for match in _LETTER_RUN.finditer(value):
        word = match.group()
        if word.isascii():
            continue
        first_script = None
        for offset, char in enumerate(word):
            script = _script(char)
            if script is None:
                continue
            if first_script is None:
                first_script = script
            elif script != first_script:
                yaml_file.problems.append(
                    Diagnostic(
                        yaml_file.display,
                        *yaml_file.position(path),
                        format_path(path),
                        f"the word {shortened(word, 40)!r} mixes {first_script.title()} and "
                        f"{script.title()} letters: character {match.start() + offset + 1}, "
                        f"{char!r}, is U+{ord(char):04X} {unicodedata.name(char)}; allowed: "
                        "the letters of one script in a word (retype the letter)",
                        Severity.warning,
                    )
                )
                break


@functools.lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    """The script of a letter, among those checked for mixing (None for other characters)."""
    script = unicodedata.name(char, "").split(" ", 1)[0]
    return script if script in _SCRIPTS else None


def _check_characters(yaml_file: YamlFile, value: str, path: FieldPath) -> int:
    """Name every control or invisible format character of `value` (the first few); how
    many there are. (Not printable, yet none of them: spaces other than ' ', such as U+00A0.)"""
    reported = 0
    for offset, char in enumerate(value):
        category = unicodedata.category(char)
        invisible = category == "Cf" and char not in _ALLOWED_FORMAT_CHARACTERS
        # U+2028/U+2029 are line breaks to YAML and JavaScript, invisible to a reader.
        control = (category == "Cc" and char != "\n") or category in ("Zl", "Zp")
        if not (invisible or control):
            continue
        reported += 1
        if reported > MAX_CHARACTER_REPORTS:
            continue  # counted for the last message
        name = unicodedata.name(char, "control character")
        yaml_file.problem(
            path,
            f"invisible character U+{ord(char):04X} {name} at character {offset + 1}: "
            "it can make text display differently from what it is; allowed: visible "
            "characters only (remove it)",
        )
    if reported > MAX_CHARACTER_REPORTS:
        yaml_file.problem(
            path,
            f"{reported - MAX_CHARACTER_REPORTS:,} more invisible or control characters in "
            "this text; allowed: visible characters only (remove them)",
        )
    return reported
