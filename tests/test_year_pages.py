"""Long lists of visits on pages a reader can load (issue 14): the newest years on the
entity's page as tables under a count and a list of years, each older year on a page of its
own, for people, countries, relations and the timeline; and the page budget measured by the
benchmark (`generator.bench.pagesize`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.bench.pagesize import elements, largest_pages
from generator.data.check import check
from generator.model import year_pages
from generator.write.generate import render_pages
from tests.test_check import VISIT, edit, write


def _earlier_trips(data: Path, *dates: str) -> None:
    """Larijani's earlier trips to Pakistan, one file each (old-0, old-1…)."""
    for number, date in enumerate(dates):
        visit = edit(VISIT, "id: x", f"id: old-{number}")
        write(
            data,
            f"visits/old-{number}.yml",
            edit(visit, 'start_date: "2025-11-25"', f'start_date: "{date}"'),
        )


@pytest.fixture
def pages(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> dict[str, dict[str, str]]:
    """The shipped data with Larijani's earlier trips to Pakistan in 2019, 2019, 2021, and
    lists split after two rows."""
    monkeypatch.chdir(tmp_path)
    _earlier_trips(data_copy, "2019-03-01", "2019-07-01", "2021-05-01")
    monkeypatch.setattr(year_pages, "PAGE_ROWS", 2)
    result = check(data_copy)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    return {lang: render_pages(result.dataset, lang) for lang in ("en", "ar")}


def test_the_newest_years_stay_and_older_years_get_pages(pages: dict[str, dict[str, str]]) -> None:
    person = pages["en"]["people/ali-larijani.md"]
    made = person[person.index("## Visits made") : person.index("## Visits hosted")]
    # Four visits: 2025 (1) and 2021 (1) here; 2019 (2) on a page of its own.
    assert "4 visits, Years: [2025](#made-2025)\u00a0(1), [2021](#made-2021)\u00a0(1), " in made
    assert "[2019](ali-larijani/2019.md)\u00a0(2)" in made
    assert '### <a id="made-2025"></a>2025' in made and "made-2019" not in made
    year = pages["en"]["people/ali-larijani/2019.md"]
    assert "# Ali Larijani: 2019" in year
    assert year.count("](../../visits/old-") == 2  # both 2019 visits, linked from the folder
    assert "[Ali Larijani](../ali-larijani.md)" in year
    assert "people/ali-larijani/2021.md" not in pages["en"]


def test_countries_relations_and_the_timeline_split_alike(
    pages: dict[str, dict[str, str]],
) -> None:
    for lang in ("en", "ar"):
        for path in ("countries/ir/2019.md", "relations/ir-pk/2019.md", "timeline/2019.md"):
            assert path in pages[lang], (lang, path)
        assert "(timeline/2019.md)" not in pages[lang]["visits/index.md"]
        assert "(../timeline/2019.md)" in pages[lang]["visits/index.md"]
    arabic = pages["ar"]["countries/ir.md"]
    assert "[<bdi>2019</bdi>](ir/2019.md)\u00a0(<bdi>2</bdi>)" in arabic
    assert "\n# إيران: 2019\n" in pages["ar"]["countries/ir/2019.md"]


def test_short_lists_stay_whole(data_copy: Path) -> None:
    result = check(data_copy)
    assert result.dataset is not None
    rendered = render_pages(result.dataset, "en")
    assert not [path for path in rendered if path.count("/") > 1 or path.startswith("timeline")]


def test_the_page_budget_is_measured_in_bytes_and_elements(tmp_path: Path) -> None:
    assert elements(b"<html><body><p>a<br>b</p><img src=x /></body></html>") == 5
    assert elements(b"<p>1 < 2</p><!-- note -->") == 1
    site = tmp_path / "site"
    (site / "en" / "big").mkdir(parents=True)
    (site / "en" / "index.html").write_text("<p>small</p>", encoding="utf-8")
    (site / "en" / "big" / "index.html").write_text("<td>x</td>" * 7000, encoding="utf-8")
    largest = largest_pages(site)
    assert largest.elements == 7000 and largest.elements_page == "en/big/index.html"
    assert largest.bytes_page == "en/big/index.html" and largest.over_budget == 1


def test_a_year_too_long_for_one_page_is_cut_between_months(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    _earlier_trips(data_copy, "2019-03-01", "2019-07-01", "2019-07-20", "2019-11-02")
    monkeypatch.setattr(year_pages, "PAGE_ROWS", 2)
    result = check(data_copy)
    assert result.dataset is not None
    en = render_pages(result.dataset, "en")
    # 2025 alone here; 2019 (4 visits) cut into November, July (2 visits) and March.
    assert [p for p in en if p.startswith("people/ali-larijani/")] == [
        "people/ali-larijani/2019-11.md",
        "people/ali-larijani/2019-07.md",
        "people/ali-larijani/2019-03.md",
    ]
    assert "# Ali Larijani: July 2019\n" in en["people/ali-larijani/2019-07.md"]
    person = en["people/ali-larijani.md"]
    # The year's newest part, named by its month: the year may be on two pages.
    assert "[November 2019 and before](ali-larijani/2019-11.md)\u00a0(4)" in person
    # Each part's page leads to the others; its own name stands out, unlinked.
    july = en["people/ali-larijani/2019-07.md"]
    assert (
        "Earlier years: [November 2019 and before](2019-11.md), **July 2019 and before**, "
        "[March 2019 and before](2019-03.md)"
    ) in july


def test_a_long_people_index_lists_countries_with_their_counts(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.model import pages as page_plan

    monkeypatch.setattr(page_plan, "PEOPLE_INDEX_ROWS", 2)
    result = check(data_copy)
    assert result.dataset is not None
    index = render_pages(result.dataset, "en")["people/index.md"]
    assert "| [Iran](../countries/ir.md) | 4 |" in index
    assert "people/ali-larijani.md" not in index  # each country's page lists its people


def test_older_years_on_one_page_each_keep_their_own_name(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two older years sharing a page were both listed under that page's name ("2018, 2018").
    monkeypatch.chdir(tmp_path)
    _earlier_trips(data_copy, "2018-03-01", "2017-07-01", "2021-05-01")
    monkeypatch.setattr(year_pages, "PAGE_ROWS", 2)
    result = check(data_copy)
    assert result.dataset is not None
    person = render_pages(result.dataset, "en")["people/ali-larijani.md"]
    assert "[2018](ali-larijani/2018.md)\u00a0(1), [2017](ali-larijani/2018.md)\u00a0(1)" in person
