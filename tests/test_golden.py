"""Golden files: the generated Markdown of the shipped dataset, both languages.

Refresh after an intended change with `make golden` (pytest --update-golden), then review the
diff like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.languages import LANGUAGE_CODES
from generator.write.generate import render_pages
from tests.conftest import ROOT, SHIPPED_DATA

GOLDEN = ROOT / "tests" / "golden"


def _shipped() -> Dataset:
    result = check(SHIPPED_DATA)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    return result.dataset


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_generated_markdown_matches_golden(lang: str, request: pytest.FixtureRequest) -> None:
    rendered = render_pages(_shipped(), lang)
    folder = GOLDEN / lang
    if request.config.getoption("--update-golden"):
        for old in folder.rglob("*.md"):
            old.unlink()
        for path, text in rendered.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8", newline="\n")
    expected = {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.md"))
    }
    assert sorted(rendered) == sorted(expected), "pages added or removed: run `make golden`"
    for path, text in rendered.items():
        assert text == expected[path], f"{lang}/{path} differs from the golden file"


def _reversed(dataset: Dataset) -> Dataset:
    """The same data, every collection in the opposite order (as if files were read backwards)."""
    copy = Dataset(root=dataset.root)
    for kind in ("people", "organizations", "sources", "visits"):
        source = dataset.of_kind(kind)
        target = copy.of_kind(kind)
        for key in reversed(list(source)):
            target[key] = source[key]
    copy.files = dict(reversed(list(dataset.files.items())))
    return copy


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_output_does_not_depend_on_input_order(lang: str) -> None:
    dataset = _shipped()
    assert render_pages(dataset, lang) == render_pages(_reversed(dataset), lang)


def test_rendering_twice_is_identical() -> None:
    dataset = _shipped()
    assert render_pages(dataset, "ar") == render_pages(dataset, "ar")


def test_both_languages_have_the_same_pages() -> None:
    dataset = _shipped()
    pages = {lang: set(render_pages(dataset, lang)) for lang in LANGUAGE_CODES}
    assert pages["en"] == pages["ar"]


def test_golden_folder_is_real() -> None:
    # Guards against a golden test that compares nothing.
    assert len(list((GOLDEN / "en").rglob("*.md"))) > 20
    assert Path(GOLDEN / "ar" / "people" / "ali-larijani.md").is_file()
