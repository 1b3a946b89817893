"""From checked data to each language's docs tree: generated pages, hand-written pages, assets.

Pure: returns the files as bytes and the problems found; `write.sync_tree` puts them on disk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.dataset import Dataset
from generator.languages import LANGUAGE_CODES
from generator.pages import PlannedPage, plan
from generator.render import PageHelpers, make_environment
from generator.resolve import Relations, resolve

ASSET_DIR = Path(__file__).resolve().parent / "assets"
ASSET_PREFIX = "assets/sijill"


@dataclass
class Generated:
    # language -> relative path -> bytes
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # language -> relative path -> the YAML files and templates the page depends on
    generated_paths: dict[str, set[str]] = field(default_factory=dict)


_BLANK_RUNS = re.compile(r"\n{3,}")


def render_pages(
    dataset: Dataset,
    lang: str,
    pages: list[PlannedPage] | None = None,
    relations: Relations | None = None,
) -> dict[str, str]:
    """The generated Markdown of one language: path -> text."""
    relations = relations if relations is not None else resolve(dataset)
    pages = pages if pages is not None else plan(dataset, relations)
    env = make_environment()
    rendered: dict[str, str] = {}
    for page in pages:
        helpers = PageHelpers(page.path, lang, dataset, relations)
        context = page.context(helpers)
        text = env.get_template(page.template).render(
            h=helpers, source_file=page.source_file or f"templates/{page.template}", **context
        )
        # Templates leave blank runs where optional sections are absent; keep the files tidy.
        rendered[page.path] = _BLANK_RUNS.sub("\n\n", text).strip() + "\n"
    return rendered


def hand_written(content_dir: Path, lang: str) -> dict[str, Path]:
    """The hand-written pages of one language: docs path -> file."""
    root = content_dir / lang
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def assets() -> dict[str, bytes]:
    return {
        f"{ASSET_PREFIX}/{path.relative_to(ASSET_DIR).as_posix()}": path.read_bytes()
        for path in sorted(ASSET_DIR.rglob("*"))
        if path.is_file()
    }


def generate(
    dataset: Dataset, content_dir: Path, extra_pages: dict[str, dict[str, str]] | None = None
) -> Generated:
    """Every file of every language's docs tree; a clash with a hand-written page is a problem
    that names both files, and the hand-written page is never replaced."""
    result = Generated()
    relations = resolve(dataset)
    pages = plan(dataset, relations)
    shared_assets = assets()
    for lang in LANGUAGE_CODES:
        generated = render_pages(dataset, lang, pages, relations)
        generated.update((extra_pages or {}).get(lang, {}))
        tree: dict[str, bytes] = {path: text.encode("utf-8") for path, text in generated.items()}
        for path, content in shared_assets.items():
            tree.setdefault(path, content)
        for path, source in hand_written(content_dir, lang).items():
            if path in tree:
                origin = next(
                    (p.source_file or f"templates/{p.template}" for p in pages if p.path == path),
                    "the generator",
                )
                result.problems.append(
                    f"{source.as_posix()}: clashes with the generated page {lang}/{path} "
                    f"(from {origin}); rename or move the hand-written page"
                )
                continue
            tree[path] = source.read_bytes()
        result.trees[lang] = tree
        result.generated_paths[lang] = set(generated)
    return result
