"""The incremental publish's figures (issue 17): after the benchmark's full build, the same
build command publishes one edit at a time with the build cache (generator/write/buildcache.py).

- `publish_edit_s`: one person's summary edited in both languages -> the site published,
  search index included (the whole `pipeline.build`, as `python -m generator build` runs it);
- `publish_add_s`: one visit added -> published.

Each is the median of `RUNS` runs, with the spread (slowest - fastest) and the ratio to the
full build's wall time; so are the phases of those runs (`publish_edit_phases_s`...: the
cache's reading, check, generate, each language's MkDocs, staging, each language's Pagefind,
the publish and the cache's writing), so that where the seconds go can be read.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from generator.pipeline import build
from generator.project import Progress, Project

RUNS = 3


def add_visit(data_dir: Path, number: int) -> None:
    """A new visit: the last visit file again under a new id, a day later."""
    last = sorted((data_dir / "visits").glob("*.yml"))[-1]
    data = yaml.safe_load(last.read_text(encoding="utf-8"))
    data["id"] = f"{data['id']}-added-{number}"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    (data_dir / "visits" / f"{data['id']}.yml").write_text(text, encoding="utf-8")


def _spread(values: list[float]) -> dict[str, float]:
    return {
        "median": round(statistics.median(values), 3),
        "spread": round(max(values) - min(values), 3),
    }


def measure_publish(
    project: Project,
    progress: Progress,
    edit: Callable[[int], None],
    build_wall_s: float,
) -> dict[str, Any]:
    """`publish_edit_s` and `publish_add_s` (medians), their spreads, ratios and phases; the
    last build of `project` must have filled the cache. `edit(n)` makes the n-th edit."""
    figures: dict[str, Any] = {}
    kinds: dict[str, Callable[[int], None]] = {
        "edit": edit,
        "add": lambda number: add_visit(project.data_dir, number),
    }
    for kind, change in kinds.items():
        walls: list[float] = []
        phases: dict[str, list[float]] = {}
        rendered: list[str] = []
        for number in range(RUNS):
            change(number)
            timings: dict[str, float] = {}
            lines: list[str] = []

            def said(line: str, lines: list[str] = lines) -> None:
                lines.append(line)
                progress(f"  {line}")

            progress(f"publishing one {kind} (run {number + 1} of {RUNS})")
            started = time.perf_counter()
            result = build(project, progress=said, timings=timings)
            walls.append(time.perf_counter() - started)
            if not result.ok:
                raise RuntimeError(f"the {kind} broke the synthetic data")
            rendered += [line for line in lines if " pages again" in line][:1]
            for phase, seconds in timings.items():
                phases.setdefault(phase, []).append(seconds)
        summary = _spread(walls)
        figures[f"publish_{kind}_s"] = summary["median"]
        figures[f"publish_{kind}_spread_s"] = summary["spread"]
        figures[f"publish_{kind}_runs_s"] = [round(wall, 3) for wall in walls]
        figures[f"publish_{kind}_over_build"] = round(summary["median"] / build_wall_s, 4)
        figures[f"publish_{kind}_phases_s"] = {
            phase: _spread(values) for phase, values in sorted(phases.items())
        }
        figures[f"publish_{kind}_incremental"] = rendered
    return figures
