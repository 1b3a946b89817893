"""States that no longer exist: their ISO 3166-3 codes, names per language, the years they
existed and their successors, read from `former_states.yml` beside this module (its header
says where each part comes from).

CLDR (Babel) names only today's countries; `i18n.country_name` asks here first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

TABLE = Path(__file__).parent / "former_states.yml"


@dataclass(frozen=True)
class FormerState:
    code: str  # ISO 3166-3 alpha-4, e.g. "SUHH"
    names: dict[str, str]  # per language code
    start: int  # first year it existed
    end: int  # last year it existed
    successors: tuple[str, ...]  # ISO 3166-1 alpha-2 codes, or codes of this table


@cache
def former_states() -> dict[str, FormerState]:
    with TABLE.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    states = {}
    for code, entry in data.items():
        names = {
            key: str(value)
            for key, value in entry.items()
            if key not in ("from", "until", "successors")
        }
        states[str(code)] = FormerState(
            code=str(code),
            names=names,
            start=int(entry["from"]),
            end=int(entry["until"]),
            successors=tuple(str(s) for s in entry["successors"]),
        )
    return states


def former_state(code: str) -> FormerState | None:
    return former_states().get(code)


@cache
def predecessors(code: str) -> tuple[str, ...]:
    """The former states `code` succeeded, by code."""
    return tuple(sorted(s.code for s in former_states().values() if code in s.successors))
