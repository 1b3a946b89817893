"""What a page reads while it renders, and which pages an edit of the data must render again.

The live preview renders again only the pages an edit can change. Nothing is declared by hand:
while a page renders (`RenderSession` in `helpers`), every entity it looks up in the data and
every relation it asks for is recorded, through views of the `Dataset` and the `Relations`
(`RecordingDataset`, `RecordingRelations`) that the page's context function and its helpers
are given instead of the real ones. A page is a function of what it read: when none of that
differs between the data before an edit and after it, the page comes out the same.

What is recorded (`Read`, a tuple):

* `(kind, id)`: one entity looked up (`dataset.people["x"]`, `"x" in dataset.people`): the
  page is rendered again when the entity appears or goes.
* `(kind, id, field)`: a field of an entity looked up (`dataset.people["x"].name`; the
  lookup hands out a `RecordingEntity`): rendered again when that field differs. A field is
  read whole (`person.memberships`, with all it holds). A template that starts showing a new
  field reads it, so no list of fields is kept by hand.
* `(kind, id, None)`: an entity looked up and used whole (compared, or asked for something
  that is not a field): rendered again when anything of it differs.
* `(KIND, kind)`: a whole kind listed (`dataset.people.values()`): any entity of that kind
  changed, appeared or went.
* `(RELATION, name, key)`: a relation asked for (`relations.visits_made["x"]`), or with key
  None the whole relation (`relations.timeline`, `relations.relations.items()`): rendered again
  when the relation's value differs. Values are compared whole (a visit in the list that
  changed in any field counts), since the entities in them are handed out as they are.
* `(OTHER, name, key)`: one key of a table of the data (`dataset.last_changed[(kind, id)]`,
  the day a file last changed in git): rendered again when that key's value differs, not
  when another entity's day does (each commit changes one).
* `(OTHER, name)`: anything else of the data, or a whole table listed: compared whole.

Links and list lines are made once per folder and shared between pages (`RenderSession.memo`):
each memo entry keeps what was read to make it, and a page that takes an entry reads that too.
Only the reads of the render before an edit are needed: a page that read nothing that changed
would read and write the same again (`affected_pages`).

The rest of the live preview's incremental work is elsewhere, each where its data is: the
watcher says whether only data files changed or something every page uses (a template, a
catalog: then every page is rendered, generator/preview/watch.py); the check reads again only
changed files (`data.check.CheckCache`); the writer rewrites only changed bytes
(`write.writer.sync_tree`); `write.generate.Incremental` holds all of it between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.model.pages import PlannedPage
from generator.model.resolve import Relations

Read = tuple[Any, ...]
Record = Callable[[Read], None]

KIND = "*kind"
RELATION = "*relation"
OTHER = "*other"


class RecordingEntity:
    """An entity looked up in the data, recording which of its fields are read."""

    __slots__ = ("_sijill_entity", "_sijill_read", "_sijill_record")

    def __init__(self, kind: str, entity: Any, record: Record) -> None:
        self._sijill_entity = entity
        self._sijill_read = (kind, entity.id)
        self._sijill_record = record

    def __getattr__(self, name: str) -> Any:
        entity = self._sijill_entity
        if name in type(entity).model_fields:
            self._sijill_record((*self._sijill_read, name))
        else:
            self._sijill_record((*self._sijill_read, None))
        return getattr(entity, name)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() sees the entity's own class
        return type(self._sijill_entity)

    def __eq__(self, other: object) -> bool:
        self._sijill_record((*self._sijill_read, None))
        if isinstance(other, RecordingEntity):
            other = other._sijill_entity
        return bool(self._sijill_entity == other)

    def __hash__(self) -> int:
        return hash(self._sijill_entity)

    def __repr__(self) -> str:
        return f"RecordingEntity({self._sijill_entity!r})"


class RecordingMapping(Mapping[str, Any]):
    """One kind of entity of the data (`dataset.people`), recording what is looked up."""

    def __init__(self, kind: str, entities: Mapping[str, Any], record: Record) -> None:
        self._kind = kind
        self._entities = entities
        self._record = record

    def __getitem__(self, entity_id: str) -> Any:
        self._record((self._kind, entity_id))
        return RecordingEntity(self._kind, self._entities[entity_id], self._record)

    def __contains__(self, entity_id: object) -> bool:
        self._record((self._kind, entity_id))
        return entity_id in self._entities

    def get(self, entity_id: str, default: Any = None) -> Any:
        self._record((self._kind, entity_id))
        found = self._entities.get(entity_id)
        return default if found is None else RecordingEntity(self._kind, found, self._record)

    def __iter__(self) -> Iterator[str]:
        self._record((KIND, self._kind))
        return iter(self._entities)

    def __len__(self) -> int:
        self._record((KIND, self._kind))
        return len(self._entities)


class RecordingDataset:
    """A `Dataset` as a page sees it: the same data, each lookup recorded."""

    def __init__(self, dataset: Dataset, record: Record) -> None:
        self._dataset = dataset
        self._record = record
        for kind in KINDS:
            setattr(self, kind, RecordingMapping(kind, dataset.of_kind(kind), record))

    def of_kind(self, kind: str) -> Any:
        found = getattr(self, kind)
        assert isinstance(found, RecordingMapping), kind
        return found

    def __getattr__(self, name: str) -> Any:  # anything else: recorded whole, tables by key
        value = getattr(self._dataset, name)
        if isinstance(value, dict):
            return _RecordingRelation(name, value, self._record, tag=OTHER)
        self._record((OTHER, name))
        return value


class _RecordingRelation(Mapping[Any, Any]):
    """A table (a relation, or `dataset.last_changed`: `tag`), recording each key asked for,
    and the whole table (key None) when it is listed."""

    def __init__(
        self, name: str, values: Mapping[Any, Any], record: Record, tag: str = RELATION
    ) -> None:
        self._name = name
        self._values = values
        self._record = record
        self._tag = tag

    def _read(self, key: Any) -> None:
        self._record(
            (self._tag, self._name)
            if key is None and self._tag == OTHER
            else (self._tag, self._name, key)
        )

    def __getitem__(self, key: Any) -> Any:
        self._read(key)
        return self._values[key]

    def __contains__(self, key: object) -> bool:
        self._read(key)
        return key in self._values

    def get(self, key: Any, default: Any = None) -> Any:
        self._read(key)
        return self._values.get(key, default)

    def __iter__(self) -> Iterator[Any]:
        self._read(None)
        return iter(self._values)

    def __len__(self) -> int:
        self._read(None)
        return len(self._values)


class RecordingRelations:
    """The `Relations` as a page sees them: each relation asked for is recorded."""

    def __init__(self, relations: Relations, record: Record) -> None:
        self._relations = relations
        self._record = record

    def neighbours(self, visit: Any) -> Any:
        self._record((RELATION, "neighbours", visit.id))
        return self._relations.neighbours(visit)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._relations, name)
        if isinstance(value, dict):
            return _RecordingRelation(name, value, self._record)
        self._record((RELATION, name, None))
        return value


def _present(value: Any) -> Any:
    """A relation's value with nothing and an empty list alike (the relations are
    defaultdicts: asking for a key that is not there adds an empty one)."""
    if isinstance(value, dict):
        return {key: item for key, item in value.items() if item}
    return value if value else None


class _Answers:
    """What each recorded relation read answers in one version of the data."""

    def __init__(self, relations: Relations) -> None:
        self.relations = relations
        self.visits = {visit.id: visit for visit in relations.timeline}

    def __call__(self, name: str, key: Any) -> Any:
        if name == "neighbours":
            visit = self.visits.get(key)
            return None if visit is None else self.relations.neighbours(visit)
        value = getattr(self.relations, name)
        if key is None or not isinstance(value, dict):
            return _present(value)
        return _present(value.get(key))


def changed_reads(
    before: tuple[Dataset, Relations],
    after: tuple[Dataset, Relations],
    recorded: Iterator[Read] | set[Read],
) -> set[Read]:
    """Of the `recorded` reads, those whose answer differs between the data `before` and
    `after` an edit (see the module's docstring)."""
    old, old_relations = before
    new, new_relations = after
    changed: set[Read] = set()
    # (kind, id) -> (before, after), for the entities that differ
    differ: dict[tuple[str, str], tuple[Any, Any]] = {}
    for kind in KINDS:
        old_entities, new_entities = old.of_kind(kind), new.of_kind(kind)
        for entity_id in old_entities.keys() | new_entities.keys():
            was, now = old_entities.get(entity_id), new_entities.get(entity_id)
            if was is not now and was != now:
                differ[(kind, entity_id)] = (was, now)
                changed.add((kind, entity_id, None))
                changed.add((KIND, kind))
                if was is None or now is None:
                    changed.add((kind, entity_id))
    answer_before, answer_after = _Answers(old_relations), _Answers(new_relations)
    for read in recorded:
        if read[0] == RELATION:
            if answer_before(read[1], read[2]) != answer_after(read[1], read[2]):
                changed.add(read)
        elif read[0] == OTHER and len(read) == 3:
            if getattr(old, read[1]).get(read[2]) != getattr(new, read[1]).get(read[2]):
                changed.add(read)
        elif read[0] == OTHER:
            if getattr(old, read[1]) != getattr(new, read[1]):
                changed.add(read)
        elif len(read) == 3 and read[2] is not None and read[:2] in differ:
            was, now = differ[read[:2]]
            if was is None or now is None or getattr(was, read[2]) != getattr(now, read[2]):
                changed.add(read)
    return changed


def affected_pages(
    pages: Sequence[PlannedPage],
    reads: Mapping[str, frozenset[Read]],
    before: tuple[Dataset, Relations],
    after: tuple[Dataset, Relations],
) -> list[PlannedPage]:
    """The pages to render again after an edit: those that read (`reads`, from the render
    before it) something whose answer differs between the data `before` and `after` the edit,
    and pages with no record (new ones)."""
    recorded: set[Read] = set().union(*reads.values()) if reads else set()
    changed = changed_reads(before, after, recorded)
    return [
        page for page in pages if page.path not in reads or not changed.isdisjoint(reads[page.path])
    ]
