"""The house: each stage of generator/ imports only the stages below it, no import circles, the
MkDocs hooks load nothing of the data format, and no module grows past 400 lines without saying
why at its top."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

GENERATOR = ROOT / "generator"

# Lower floors first; a module may import its own floor and those below it.
FLOORS: dict[str, int] = {
    "parallel": 0,
    "languages": 0,
    "project": 0,
    "data": 1,
    "model": 2,
    "render": 3,
    "pictures": 3,  # drawn for the pages: render calls them, they read its helpers
    "downloads": 4,
    "feeds": 4,
    "review": 4,
    "extract": 4,
    "write": 5,
    "search": 5,  # the offline index, from built pages; its weights are Pagefind's too
    "mkdocs": 6,
    "prepare": 7,  # the pipeline's steps 1-3
    "pipeline": 7,
    "preview": 8,
    "bench": 8,
    "cli": 9,
    "__main__": 9,
    "__init__": 0,
}
# What the MkDocs layer may use: it works on finished pages and plain settings (`project`: the
# paths and the build's errors).
MKDOCS_MAY_IMPORT = {"languages", "parallel", "project", "mkdocs", "render.urls", "search.ranking"}
LONG_MODULE_LINES = 400


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _stage(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(path: Path) -> set[str]:
    """The generator modules `path` imports, at run time (not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                as_module = GENERATOR.parent / Path(*candidate.split("."))
                is_module = as_module.with_suffix(".py").exists() or as_module.is_dir()
                found.add(candidate if is_module else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard("generator")
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(path): _imports(path) for path in sorted(GENERATOR.rglob("*.py"))}


def test_every_stage_has_a_floor() -> None:
    stages = {_stage(module) for module in _graph()}
    assert stages <= set(FLOORS), f"a new stage needs a floor here: {stages - set(FLOORS)}"


def test_stages_import_only_downwards() -> None:
    upward = [
        f"{module} ({_stage(module)}) imports {target} ({_stage(target)})"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if FLOORS[_stage(target)] > FLOORS[_stage(module)]
    ]
    assert upward == []


def _mkdocs_may_use(module: str) -> bool:
    """A module the MkDocs layer may load: an allowed stage or module, or the package that
    holds one (importing `render.urls` runs `render/__init__.py`)."""
    inside = module.split(".")[1:]
    return (
        _stage(module) in MKDOCS_MAY_IMPORT
        or ".".join(inside[:2]) in MKDOCS_MAY_IMPORT
        or any(allowed.split(".")[: len(inside)] == inside for allowed in MKDOCS_MAY_IMPORT)
    )


def test_the_mkdocs_layer_works_on_finished_pages() -> None:
    reaching = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        if _stage(module) == "mkdocs"
        for target in sorted(targets)
        if not _mkdocs_may_use(target)
    ]
    assert reaching == []


def test_no_import_circle() -> None:
    graph = _graph()
    # Imports of a package mean its __init__; edges to modules we do not know are dropped.
    edges = {m: {t for t in targets if t in graph and t != m} for m, targets in graph.items()}
    state: dict[str, int] = {}
    circles: list[str] = []

    def walk(node: str, trail: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if state.get(target) == 1:
                circles.append(" -> ".join([*trail[trail.index(target) :], target]))
            elif target not in state:
                walk(target, [*trail, target])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            walk(module, [module])
    assert circles == []


def test_hooks_load_nothing_of_the_data_format() -> None:
    """The hooks run in every MkDocs process: they load no dataset, no pydantic, no templates."""
    probe = (
        "import json, sys; import generator.mkdocs.hooks; "
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('generator'))));"
        "print(json.dumps([m for m in ('pydantic', 'jinja2', 'babel') if m in sys.modules]))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        encoding="utf-8",
        check=True,
        cwd=ROOT,
    )
    ours, heavy = (json.loads(line) for line in completed.stdout.splitlines())
    assert [m for m in ours if m != "generator" and not _mkdocs_may_use(m)] == []
    assert "pydantic" not in heavy and "jinja2" not in heavy


@pytest.mark.parametrize("path", sorted(GENERATOR.rglob("*.py")), ids=_module)
def test_long_modules_say_why(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    if lines <= LONG_MODULE_LINES:
        return
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    assert "Longer than 400 lines" in docstring, (
        f"{_module(path)} has {lines} lines: split it, or say at its top why it is one module "
        "('Longer than 400 lines: ...')"
    )
