"""States that no longer exist: their ISO 3166-3 codes, names per language, the years they
existed and their successors, read from `former_states.yml` beside this module (its header
says where each part comes from).

CLDR (Babel) names only today's countries; `i18n.country_name` asks here first.

A state with no ISO code at all (a 19th-century kingdom) is declared once in the data, in
`site_data/former_states.yml`, under a code ISO 3166 leaves to its users (`XA`...`XZ`, `QM`...
`QZ`, `AA`, `ZZ`). The check reads that file before any other and hands its states here
(`declare`), for the rest of the run: the country codes every file is checked against and the
names every page shows come from one place, without threading the data folder through each.
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


# The codes ISO 3166-1 reserves for its users (section 8.1.3), which no country will ever get;
# XK, which Kosovo uses, is taken.
USER_ASSIGNED_CODES: frozenset[str] = frozenset(
    {"AA", "ZZ"}
    | {f"Q{letter}" for letter in "MNOPQRSTUVWXYZ"}
    | {f"X{letter}" for letter in "ABCDEFGHIJLMNOPQRSTUVWXYZ"}  # not XK
)

_declared: dict[str, FormerState] = {}


def declare(states: dict[str, FormerState]) -> None:
    """The states the data declares (`site_data/former_states.yml`), for the rest of the run;
    each check declares its folder's anew (none when the file is absent)."""
    _declared.clear()
    _declared.update(states)
    predecessors.cache_clear()


def declared_states() -> dict[str, FormerState]:
    return dict(_declared)


def former_state(code: str) -> FormerState | None:
    return former_states().get(code) or _declared.get(code)


@cache
def predecessors(code: str) -> tuple[str, ...]:
    """The former states `code` succeeded, by code (the table's and the data's)."""
    states = [*former_states().values(), *_declared.values()]
    return tuple(sorted(s.code for s in states if code in s.successors))
