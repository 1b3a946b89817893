"""One writer: no path of a docs tree is written twice; a clash names both sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.check import check
from generator.write.generate import generate
from generator.write.writer import Claims, PathClash, TreeWriter
from tests.conftest import ROOT, SHIPPED_DATA


def test_tree_writer_refuses_a_path_twice(tmp_path: Path) -> None:
    writer = TreeWriter(tmp_path / "docs", tree="en")
    writer.put("people/index.md", b"first", "templates/people_index.md.j2")
    with pytest.raises(PathClash) as caught:
        writer.put("people/index.md", b"second", "site_data/people/index.yml")
    assert str(caught.value) == (
        "en/people/index.md would be written twice: from templates/people_index.md.j2 "
        "and from site_data/people/index.yml"
    )
    # The first writer's file is what stays.
    assert (tmp_path / "docs/people/index.md").read_bytes() == b"first"


def test_claims_refuse_the_same_source_twice() -> None:
    # The same source claiming a path twice is still two writes of one path.
    claims = Claims("ar")
    claims.claim("a.md", "the generator")
    with pytest.raises(PathClash, match=r"ar/a\.md would be written twice"):
        claims.claim("a.md", "the generator")


@pytest.mark.parametrize("write", [False, True])
def test_an_entity_at_a_generated_page_is_a_problem(tmp_path: Path, write: bool) -> None:
    """An id that lands on an index page (here bypassing the check, which refuses it) is a
    problem naming both sources, in a build (written) and in the preview (in memory)."""
    result = check(SHIPPED_DATA)
    assert result.dataset is not None
    dataset = result.dataset
    person = next(iter(dataset.people.values()))
    dataset.people["index"] = person.model_copy(update={"id": "index"})
    dataset.files[("people", "index")] = Path("site_data/people/index.yml")
    targets = {lang: tmp_path / lang for lang in ("en", "ar")} if write else None
    generated = generate(dataset, ROOT / "content", {}, write_to=targets)
    expected = {
        f"{lang}/people/index.md would be written twice: from templates/people_index.md.j2 "
        "and from site_data/people/index.yml"
        for lang in ("en", "ar")
    }
    assert expected <= set(generated.problems), generated.problems
