"""`generator extract` does work in proportion to the article, and refuses what it cannot read.

The work is measured, not timed (timings belong to benchmarks, see BENCHMARKS.md): the number
of Python calls `extract` makes, counted by cProfile, for a text and for the same text twice
as long. Linear work doubles; a step that compares everything with everything (each name with
every quotation region, each quote with every person...) made it about four times as much.
The texts are gold articles repeated, and texts made to give one step the most work: a single
endless sentence, many quotes or weekdays in one clause, many visits of one visitor...
"""

from __future__ import annotations

import cProfile
import os
import pstats
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from generator.data.check import check
from generator.data.dataset import Dataset
from generator.extract import extract

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "site_data"
GOLD = Path(__file__).resolve().parent / "extract_gold" / "dev"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip


@cache
def dataset() -> Dataset:
    result = check(DATA)
    assert result.dataset is not None, result.summary()
    return result.dataset


def gold(name: str) -> str:
    return (GOLD / name).read_text(encoding="utf-8").rstrip("\n") + "\n"


def names(count: int) -> list[str]:
    """Distinct made-up capitalised names: "Babab", "Babac", ..."""
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return [
        f"{a}{b}{c}{d}{e}".capitalize()
        for a in consonants
        for b in vowels
        for c in consonants
        for d in vowels
        for e in consonants
    ][:count]


def dated_visits(count: int) -> str:
    """One visitor, a different day each time: as many visits as sentences."""
    return "".join(
        f"Dar visited Iran on {i % 28 + 1} {MONTHS[i // 28 % 12]} {1950 + i // 336}. "
        for i in range(count)
    )


def days_then_year(count: int) -> str:
    """Visits on many days of one year, then as many mentions of the year alone: each of
    those fits every one of the visits."""
    days = "".join(
        f"Dar visited Iran on {i % 28 + 1} {MONTHS[i // 28 % 12]} 2001. " for i in range(count)
    )
    return days + "Dar visited Iran in 2001. " * count


def candidates(count: int) -> str:
    people = names(2 * count)
    return "".join(
        f"The foreign minister {a} {b} went to Iran. "
        for a, b in zip(people[::2], people[1::2], strict=True)
    )


def one_sentence(count: int) -> str:
    """An Arabic report with its full stops, commas and line ends taken out, repeated."""
    text = gold("ar-4-araghchi-islamabad.txt")
    for mark in ".،\n":
        text = text.replace(mark, " ")
    return text * count


# name -> (the text for a size, the smaller size); the larger size is twice that.
TEXTS: dict[str, tuple[Callable[[int], str], int]] = {
    "Arabic report, repeated": (lambda n: gold("ar-4-araghchi-islamabad.txt") * n, 40),
    "English report, repeated": (lambda n: gold("en-1-araghchi-islamabad.txt") * n, 40),
    "one endless sentence": (one_sentence, 20),
    "quotes in one sentence": (lambda n: "وقال لاريجاني " + "«كلام مهم» و" * n, 1000),
    "weekdays in one clause": (lambda n: "Dar will visit Iran on " + "Monday and the " * n, 500),
    "a run of title words": (lambda n: "وزير " + "الوزير " * n, 2000),
    "amounts in one sentence": (lambda n: "اتفق الجانبان على " + "10 مليارات دولار، " * n, 1000),
    "visits of one visitor": (dated_visits, 300),
    "undated mentions fitting many visits": (days_then_year, 150),
    "new people": (candidates, 300),
}


def calls(text: str) -> int:
    """The Python calls (generator steps included) `extract` makes on `text`."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        extract(text, dataset=dataset(), lang="en" if text.isascii() else None)
    finally:
        profile.disable()
    return sum(row[1] for row in pstats.Stats(profile).stats.values())  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", list(TEXTS))
def test_work_grows_linearly_with_the_article(name: str) -> None:
    make, size = TEXTS[name]
    calls(make(1))  # the first run fills the caches (CLDR names, word forms, patterns)
    small, large = calls(make(size)), calls(make(2 * size))
    # Twice the text, twice the work (less: some work does not depend on the text). Work
    # that grows with the square of the text would be four times as much.
    assert large <= 2.2 * small, f"{name}: {small:,} calls, twice as long: {large:,} calls"


# --- refusals -------------------------------------------------------------------------------


def extract_command(article: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    options = ["--out", str(tmp_path / "drafts"), "--data", str(DATA)]
    return subprocess.run(
        [sys.executable, "-m", "generator", "extract", str(article), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,  # a command that waits on a pipe fails here instead of hanging the tests
        check=False,
    )


def assert_refused(result: subprocess.CompletedProcess[str], message: str, tmp_path: Path) -> None:
    assert (result.returncode, result.stderr) == (1, f"error: {message}\n"), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not (tmp_path / "drafts").exists()


def test_an_article_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    from generator.extract.reading import MAX_ARTICLE_BYTES

    article = tmp_path / "everything.txt"
    report = gold("en-1-araghchi-islamabad.txt").encode()
    article.write_bytes((report * (MAX_ARTICLE_BYTES // len(report) + 1))[: MAX_ARTICLE_BYTES + 1])
    assert_refused(
        extract_command(article, tmp_path),
        f"{article.as_posix()}: too large for an article ({MAX_ARTICLE_BYTES + 1:,} bytes; the "
        f"limit is {MAX_ARTICLE_BYTES:,} bytes, and news reports are 1-20 KB); extract one "
        "article at a time",
        tmp_path,
    )


def test_an_article_at_the_size_limit_is_read(tmp_path: Path) -> None:
    from generator.extract.reading import MAX_ARTICLE_BYTES, read_article

    article = tmp_path / "long.txt"
    article.write_bytes(
        b"The visit. " * (MAX_ARTICLE_BYTES // 11) + b"x" * (MAX_ARTICLE_BYTES % 11)
    )
    assert len(read_article(article, "long.txt")) == MAX_ARTICLE_BYTES


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    pipe = tmp_path / "article.txt"
    os.mkfifo(pipe)
    assert_refused(
        extract_command(pipe, tmp_path),
        f"{pipe.as_posix()}: a named pipe (FIFO), not a regular file; save the article to a "
        "file and pass that",
        tmp_path,
    )


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("folder", "a folder, not a text file"),
        ("missing", "no such file"),
        (
            "latin-1",
            "not UTF-8 text (byte 0xe9 at offset 25 is invalid); convert it first, e.g. "
            "`iconv -f WINDOWS-1256 -t UTF-8` for Arabic Windows text or "
            "`iconv -f LATIN1 -t UTF-8`",
        ),
    ],
)
def test_what_is_not_a_readable_text_file_is_refused(
    case: str, message: str, tmp_path: Path
) -> None:
    article = tmp_path / f"{case}.txt"
    if case == "folder":
        article.mkdir()
    elif case == "latin-1":
        article.write_bytes("The minister arrived in Téhéran on Monday.".encode("latin-1"))
    assert_refused(extract_command(article, tmp_path), f"{article.as_posix()}: {message}", tmp_path)
