"""The validated data, all of it, as typed entities keyed by id."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.schema import KINDS, Entity, Organization, Person, Source, Visit


@dataclass
class Dataset:
    """Every entity of `site_data/`, by kind and id, plus the file each came from.

    Only built from data that passed the check: references resolve, ids match file names.
    Dicts are filled in sorted order of id, so iterating them is deterministic.
    """

    root: Path
    people: dict[str, Person] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
    visits: dict[str, Visit] = field(default_factory=dict)
    # (kind, id) -> the YAML file, relative to the data root's parent (e.g. site_data/people/x.yml)
    files: dict[tuple[str, str], Path] = field(default_factory=dict)
    # (kind, id) -> the day its file last changed in git; empty outside git (see review/git.py)
    last_changed: dict[tuple[str, str], datetime.date] = field(default_factory=dict)

    def of_kind(self, kind: str) -> dict[str, Entity]:
        assert kind in KINDS, kind
        entities: dict[str, Entity] = getattr(self, kind)
        return entities

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in KINDS}
