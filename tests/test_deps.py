"""What a page reads is recorded while it renders (generator/render/deps.py); one render session
per language owns what pages share; generator/parallel.py owns forking and garbage collection."""

from __future__ import annotations

import gc
import os

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.model.pages import plan
from generator.model.resolve import resolve
from generator.parallel import can_fork, collection_paused, frozen, map_forked
from generator.render.deps import KIND, OTHER, RELATION, changed_reads
from generator.render.session import RenderSession
from tests.conftest import ROOT


def _shipped() -> Dataset:
    result = check(ROOT / "site_data")
    assert result.dataset is not None
    return result.dataset


def _reads(dataset: Dataset, path: str) -> frozenset[tuple[object, ...]]:
    relations = resolve(dataset)
    session = RenderSession(dataset, relations, "en", record=True)
    found = {}
    for page in plan(dataset, relations):
        _, reads = session.render(page)
        assert reads is not None
        found[page.path] = reads
    return found[path]


def test_a_page_reads_its_own_entity_and_the_people_it_links() -> None:
    dataset = _shipped()
    reads = _reads(dataset, "people/ali-larijani.md")
    assert ("people", "ali-larijani") in reads
    assert ("people", "ali-larijani", "summary") in reads
    assert (RELATION, "visits_made", "ali-larijani") in reads
    visits = resolve(dataset).visits_made["ali-larijani"]
    people = {pid for visit in visits for pid in visit.visitor_ids + visit.host_ids}
    # Links made for an earlier page (the memo) count as read by every page that shows them.
    assert {("people", pid, "name") for pid in people if pid != "ali-larijani"} <= reads
    assert ("people", "mohsin-naqvi", "summary") not in reads


def test_a_list_of_every_entity_reads_the_whole_kind() -> None:
    assert (KIND, "organizations") in _reads(_shipped(), "organizations/index.md")


def test_recording_changes_no_byte() -> None:
    dataset = _shipped()
    relations = resolve(dataset)
    plain = RenderSession(dataset, relations, "ar")
    recording = RenderSession(dataset, relations, "ar", record=True)
    for page in plan(dataset, relations):
        text, reads = plain.render(page)
        assert reads is None
        assert recording.render(page)[0] == text


def test_changed_reads_compare_entities_and_relations() -> None:
    before = _shipped()
    after = _shipped()
    person = after.people["ali-larijani"]
    after.people["ali-larijani"] = person.model_copy(update={"country": "FR"})
    recorded = {
        (RELATION, "people_by_country", "FR"),
        (RELATION, "people_by_country", "PK"),
        ("people", "ali-larijani", "country"),
        ("people", "ali-larijani", "name"),
    }
    changed = changed_reads((before, resolve(before)), (after, resolve(after)), recorded)
    assert ("people", "ali-larijani", "country") in changed and (KIND, "people") in changed
    assert ("people", "ali-larijani", None) in changed  # used whole
    assert ("people", "ali-larijani", "name") not in changed
    assert ("people", "ali-larijani") not in changed  # it is still there
    assert (RELATION, "people_by_country", "FR") in changed
    assert (RELATION, "people_by_country", "PK") not in changed
    assert ("people", "mohsin-naqvi") not in changed


def test_a_page_reads_its_own_day_of_last_change_only() -> None:
    """Each commit changes the day of the files it touched: a person's page is rendered again
    when its own day changes, not another's (the build cache's incremental publish)."""
    import dataclasses
    import datetime

    dataset = _shipped()
    day = datetime.date(2025, 11, 25)
    dataset.last_changed.update({("people", "ali-larijani"): day, ("people", "mohsin-naqvi"): day})
    reads = _reads(dataset, "people/ali-larijani.md")
    assert (OTHER, "last_changed", ("people", "ali-larijani")) in reads
    assert (OTHER, "last_changed") not in reads
    relations = resolve(dataset)
    later = dataclasses.replace(dataset, last_changed=dict(dataset.last_changed))
    later.last_changed[("people", "mohsin-naqvi")] = datetime.date(2025, 12, 1)
    assert not changed_reads((dataset, relations), (later, relations), set(reads))
    later.last_changed[("people", "ali-larijani")] = datetime.date(2025, 12, 1)
    assert changed_reads((dataset, relations), (later, relations), set(reads)) == {
        (OTHER, "last_changed", ("people", "ali-larijani"))
    }


def test_map_forked_runs_each_item_in_its_own_process() -> None:
    here = os.getpid()
    state = {"factor": 3}  # inherited by the forked processes, never pickled

    def work(item: int) -> tuple[int, bool]:
        return item * state["factor"], os.getpid() == here

    results = map_forked(work, [1, 2, 3], size=10**6, name="test")
    assert [value for value, _ in results] == [3, 6, 9]
    if can_fork():
        assert [mine for _, mine in results] == [True, False, False]
    assert map_forked(work, [1, 2], size=1) == [(3, True), (6, True)]


def test_a_forked_failure_is_raised_here() -> None:
    def work(item: int) -> int:
        if item == 2:
            raise ValueError("two")
        return item

    try:
        map_forked(work, [1, 2], size=10**6)
    except ValueError as error:
        assert str(error) == "two"
    else:
        raise AssertionError("no error")


def test_garbage_collection_helpers_put_things_back() -> None:
    assert gc.isenabled()
    with collection_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with frozen():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
