"""Hostile input: every file the check accepts builds, and every other one gets a message.

Links, pipes, devices and folders named like data files are refused by name, before anything
is read; files, texts, nesting, alias expansion and numbers have limits; ids that Windows or
the site itself reserve are refused; blank names, words mixing scripts, visits to the
visitors' own country and parents that lead back to their child are reported.

Bad files are written into a copy of the shipped data (see tests/test_check.py), so references
resolve and every problem found is one the test put there.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from generator.data.check import MAX_CHARACTER_REPORTS, MAX_SUGGESTIONS, CheckResult, check
from generator.data.diagnostics import Severity
from generator.data.schema import (
    GENERATED_PAGE_IDS,
    KINDS,
    MODELS,
    text_kinds,
)
from generator.data.yamlfile import MAX_DEPTH, MAX_EXPANSION, MAX_FILE_BYTES
from tests.conftest import ROOT
from tests.test_check import (
    ALLOWED_COUNTRIES,
    PERSON,
    SOURCE,
    VISIT,
    VISIT_FIELDS,
    edit,
    found,
    write,
)

VISIT_FILE = "site_data/visits/x.yml"
PERSON_FILE = "site_data/people/x.yml"
SOURCE_FILE = "site_data/sources/x.yml"
REGULAR_ONLY = "allowed: regular files only"
LINK = (
    f"this is a symbolic link, not a regular file; {REGULAR_ONLY} (links are never followed: "
    "put the file itself here)"
)


def check_within(data: Path, seconds: float) -> CheckResult:
    """The check, run in a thread that must finish in time: a hang fails the test."""
    results: list[CheckResult] = []
    thread = threading.Thread(target=lambda: results.append(check(data)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"the check did not finish in {seconds} s"
    return results[0]


def run_cli(cwd: Path, seconds: float = 120) -> subprocess.CompletedProcess[str]:
    """`python -m generator check` in `cwd`, as a user runs it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", "--data", "site_data"],
        cwd=cwd,
        env=environment,
        capture_output=True,
        encoding="utf-8",
        timeout=seconds,
        check=False,
    )


# Symbolic links need privileges on Windows; the rest of these tests run everywhere.
posix_links = pytest.mark.skipif(sys.platform == "win32", reason="links need privileges there")


@pytest.fixture
def data(data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The copy of the shipped data, with paths displayed as `site_data/...`."""
    monkeypatch.chdir(tmp_path)
    assert found(data_copy) == [], "the shipped data must check clean for these tests"
    return data_copy


def shipped_counts(data: Path) -> dict[str, int]:
    return {kind: len(list((data / kind).glob("*.yml"))) for kind in KINDS}


# --- only regular files are read ----------------------------------------------------------------


@posix_links
def test_a_link_to_dev_zero_is_refused_by_name_at_once(data: Path) -> None:
    counts = shipped_counts(data)
    (data / "people" / "evil.yml").symlink_to("/dev/zero")
    started = time.perf_counter()
    result = check_within(data, 30)
    assert time.perf_counter() - started < 5
    assert [str(d) for d in result.diagnostics] == [f"site_data/people/evil.yml:1:1: {LINK}"]
    assert not result.ok
    assert result.counts == counts


@posix_links
def test_a_link_to_a_yaml_file_outside_the_repository_is_never_read(
    data: Path, tmp_path: Path
) -> None:
    outside = write(tmp_path / "outside", "secret.yml", edit(PERSON, "id: x", "id: secret"))
    (data / "people" / "secret.yml").symlink_to(outside)
    result = check(data)
    assert [str(d) for d in result.diagnostics] == [f"site_data/people/secret.yml:1:1: {LINK}"]
    assert result.dataset is None
    assert result.counts == shipped_counts(data) | {"people": result.counts["people"]}
    assert result.counts["people"] == len(list((data / "people").glob("*.yml"))) - 1


@posix_links
def test_a_linked_folder_is_never_walked(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "notes.txt", "private\n")
    write(elsewhere, "people/y.yml", PERSON)
    (data / "etc").symlink_to(elsewhere)  # at the top, where a kind folder could be
    (data / "people" / "more").symlink_to("/etc")  # inside a kind folder
    (data / "visits" / "up").symlink_to("..")  # a loop back to the data folder
    assert found(data) == [
        f"site_data/etc:1:1: {LINK}",
        f"site_data/people/more:1:1: {LINK}",
        f"site_data/visits/up:1:1: {LINK}",
    ]


@posix_links
def test_a_link_loop_is_refused_by_name(data: Path) -> None:
    (data / "people" / "loop.yml").symlink_to("loop.yml")
    (data / "people" / "ping.yml").symlink_to("pong.yml")
    (data / "people" / "pong.yml").symlink_to("ping.yml")
    assert found(data) == [
        f"site_data/people/loop.yml:1:1: {LINK}",
        f"site_data/people/ping.yml:1:1: {LINK}",
        f"site_data/people/pong.yml:1:1: {LINK}",
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(data: Path) -> None:
    os.mkfifo(data / "people" / "x.yml")
    result = check_within(data, 30)
    assert [str(d) for d in result.diagnostics] == [
        f"{PERSON_FILE}:1:1: this is a named pipe (FIFO), not a regular file; {REGULAR_ONLY} "
        "(data files are text files)"
    ]


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets are POSIX")
def test_a_socket_is_refused(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(data / "people")  # a short path: socket addresses are short
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("s.yml")
        monkeypatch.chdir(data.parent)
        assert found(data) == [
            f"site_data/people/s.yml:1:1: this is a socket, not a regular file; {REGULAR_ONLY} "
            "(data files are text files)"
        ]


def test_a_folder_named_like_a_data_file_is_refused(data: Path) -> None:
    write(data, "visits/x.yml/inside.yml", VISIT)
    assert found(data) == [
        f"{VISIT_FILE}:1:1: this is a folder, not a regular file; {REGULAR_ONLY} (a data file "
        "is a file: rename the folder)"
    ]


# --- limits -------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(data: Path) -> None:
    path = write(data, "visits/x.yml", VISIT)
    with path.open("r+b") as opened:
        opened.truncate(10 * 1024**3)  # 10 GB, sparse: reading it would take minutes
    started = time.perf_counter()
    assert found(data) == [
        f"{VISIT_FILE}:1:1: the file is 10,737,418,240 bytes; allowed: at most 1,000,000 bytes "
        "(1 MB) per file, far more than one entity needs"
    ]
    assert time.perf_counter() - started < 5


def test_a_file_of_exactly_the_size_limit_is_read(data: Path) -> None:
    padding = MAX_FILE_BYTES - len(VISIT.encode("utf-8")) - len("# \n")
    write(data, "visits/x.yml", VISIT + "# " + "x" * padding + "\n")
    assert (data / "visits" / "x.yml").stat().st_size == MAX_FILE_BYTES
    assert found(data) == []
    write(data, "visits/x.yml", VISIT + "# " + "x" * (padding + 1) + "\n")
    assert found(data) == [
        f"{VISIT_FILE}:1:1: the file is 1,000,001 bytes; allowed: at most 1,000,000 bytes "
        "(1 MB) per file, far more than one entity needs"
    ]


TOO_LONG = "too long: {n:,} characters; allowed: at most {limit:,} characters for {what}"


@pytest.mark.parametrize(
    ("relative", "content", "expected"),
    [
        pytest.param(
            "people/x.yml",
            edit(PERSON, "en: X", "en: " + "X" * 900_000),
            f"{PERSON_FILE}:4:7: name.en: "
            + TOO_LONG.format(n=900_000, limit=300, what="a name or a title"),
            id="a name of 900 KB",
        ),
        pytest.param(
            "visits/x.yml",
            edit(VISIT, "en: A visit.", "en: " + "a" * 10_001),
            f"{VISIT_FILE}:10:7: summary.en: "
            + TOO_LONG.format(n=10_001, limit=10_000, what="a summary, a quote or a note"),
            id="summary",
        ),
        pytest.param(
            "visits/x.yml",
            VISIT + "topics:\n  - en: " + "t" * 301 + "\n    ar: موضوع\n",
            f"{VISIT_FILE}:15:9: topics[0].en: "
            + TOO_LONG.format(
                n=301,
                limit=300,
                what="one line of text (a role, note, topic, unit or context)",
            ),
            id="topic",
        ),
        pytest.param(
            "visits/x.yml",
            edit(VISIT, "  - ali-larijani", "  - " + "a" * 101),
            f"{VISIT_FILE}:5:5: visitors[0]: "
            + TOO_LONG.format(n=101, limit=100, what="an id, a reference, a date or a code"),
            id="reference, never called unknown",
        ),
        pytest.param(
            "visits/x.yml",
            edit(VISIT, 'start_date: "2025-11-25"', "start_date: " + "2" * 5000),
            f"{VISIT_FILE}:8:13: start_date: a number of 5,000 characters; allowed: numbers "
            "of at most 30 characters (put a long code in quotes: it is text)",
            id="a date of 5,000 digits",
        ),
        pytest.param(
            "sources/x.yml",
            edit(SOURCE, "news/1", "news/" + "1" * 2_000),
            f"{SOURCE_FILE}:10:6: url: "
            + TOO_LONG.format(n=2_025, limit=2_000, what="a web address"),
            id="url",
        ),
        pytest.param(
            "visits/x.yml",
            VISIT + "extra: " + "e" * 10_001 + "\n",
            f"{VISIT_FILE}:14:1: extra: unknown field 'extra'; allowed: {VISIT_FIELDS}\n"
            f"{VISIT_FILE}:14:8: extra: "
            + TOO_LONG.format(n=10_001, limit=10_000, what="a summary, a quote or a note"),
            id="unknown field: no other message repeats the text",
        ),
    ],
)
def test_text_over_its_limit(data: Path, relative: str, content: str, expected: str) -> None:
    write(data, relative, content)
    assert found(data) == expected.split("\n")


def test_text_at_its_limit_is_accepted(data: Path) -> None:
    content = edit(
        edit(PERSON, "en: X", "en: " + "X " * 149 + "XX"), "  ar: س", "  ar: " + "س" * 300
    )
    write(data, "people/x.yml", content)
    write(data, "visits/x.yml", edit(VISIT, "en: A visit.", "en: " + "a" * 10_000))
    assert found(data) == []


def test_a_key_over_its_limit(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "k" * 101 + ": 1\n")
    assert found(data) == [
        f"{VISIT_FILE}:14:1: a key of 101 characters; allowed: field names, at most 100 characters"
    ]


TOO_DEEP = (
    f"lists and maps nested more than {MAX_DEPTH} deep; allowed: at most {MAX_DEPTH} levels "
    "(no field of the data format is nested that deep)"
)


def test_deep_flow_nesting_is_refused_before_composing(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "topics: " + "[" * 600 + "]" * 600 + "\n")
    # The top map is the first level, `topics` the second: bracket MAX_DEPTH is too deep, at
    # column 8 + MAX_DEPTH ("topics: " then the brackets).
    column = 8 + MAX_DEPTH
    assert found(data) == [f"{VISIT_FILE}:14:{column}: topics{'[0]' * (MAX_DEPTH - 1)}: {TOO_DEEP}"]


def test_deep_block_nesting_is_refused_before_composing(data: Path) -> None:
    nested = "".join("  " * level + f"k{level}:\n" for level in range(500)) + "  " * 500 + "v\n"
    write(data, "visits/x.yml", VISIT + nested)
    # k0's map (the second level) starts with k1 on line 15, column 3; each level one line
    # down and two columns right.
    path = ".".join(f"k{level}" for level in range(MAX_DEPTH))
    assert found(data) == [f"{VISIT_FILE}:{14 + MAX_DEPTH}:{2 * MAX_DEPTH + 1}: {path}: {TOO_DEEP}"]


def test_nesting_found_through_compact_lists_and_carriage_returns(data: Path) -> None:
    # Old Mac line ends (CR alone) are line breaks to YAML too.
    lines = ["id: x", "a:"] + [" " * depth + "- " for depth in range(1, 300)]
    write(data, "visits/x.yml", "\r".join(lines) + "\r")
    # The list of `a` starts on line 3, column 2; each item holds a list a line further down
    # and a column right.
    line, column = MAX_DEPTH + 2, MAX_DEPTH + 1
    assert found(data) == [f"{VISIT_FILE}:{line}:{column}: a{'[0]' * (MAX_DEPTH - 1)}: {TOO_DEEP}"]


def test_nesting_at_the_limit_is_read(data: Path) -> None:
    inner = "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    write(data, "visits/x.yml", VISIT + f"extra: {inner}\n")
    assert [p.split(": ", 2)[1] for p in found(data)] == ["extra"]  # only: unknown field


def test_aliases_nesting_aliases_are_stopped_at_the_limit(data: Path) -> None:
    lines = ["a0: &a0 [[[1]]]"]
    lines += [f"a{n}: &a{n} [[[*a{n - 1}]]]" for n in range(1, 40)]  # 120 levels if expanded
    write(data, "visits/x.yml", VISIT + "\n".join(lines) + "\n")
    problems = [p for p in found(data) if "nested" in p]
    # a3 is the first whose expansion is too deep: its list (the second level) holds two more,
    # then a2's three, then a1's three, then a0's three: the thirteenth level is a0's
    # innermost list. The message names the path through the aliases and points at that
    # list, in a0's line.
    assert problems[0] == f"{VISIT_FILE}:14:11: a3{'[0]' * 11}: {TOO_DEEP}"
    assert len(problems) == 37  # a3 to a39


def test_an_alias_of_its_own_list_is_stopped(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "topics: &t [*t]\n")
    assert found(data)[-1] == f"{VISIT_FILE}:14:9: topics{'[0]' * (MAX_DEPTH - 1)}: {TOO_DEEP}"


def test_aliases_that_expand_the_text_tenfold_are_refused(data: Path) -> None:
    # The attack: a 100 KB topic named 2,000 times (215 KB of YAML, 1.2 GB of pages).
    lines = ["big: &t {en: '" + "x" * 100_000 + "', ar: x}", "topics:"] + ["  - *t"] * 2000
    text = VISIT + "\n".join(lines) + "\n"
    write(data, "visits/x.yml", text)
    limit = max(MAX_FILE_BYTES, MAX_EXPANSION * len(text))
    started = time.perf_counter()
    assert found(data) == [
        f"{VISIT_FILE}:15:1: topics: YAML aliases expand the file's text to more than "
        f"{limit:,} characters; allowed: 10 times the file's length, or 1,000,000: aliases "
        "('*name') only for small values, or none"
    ]
    assert time.perf_counter() - started < 5


def test_a_few_aliases_of_small_values_pass(data: Path) -> None:
    content = (
        edit(VISIT, "sources:\n  - irna-report-2025-11-25", "sources: &s [irna-report-2025-11-25]")
        + "meetings:\n"
        + "  - participants: [ali-larijani, mohammad-ishaq-dar]\n    sources: *s\n" * 50
    )
    write(data, "visits/x.yml", content)
    assert found(data) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "9" * 5000,
            "count: a number of 5,000 characters; allowed: numbers of at most 30 characters "
            "(put a long code in quotes: it is text)",
            id="over Python's 4,300 digits",
        ),
        pytest.param(
            "10000000000",
            "count: must be at most 1,000,000,000, got the number 10000000000",
            id="over the largest count",
        ),
        pytest.param(
            "!!int many",
            "count: 'many' is not a valid !!int; allowed: a value its tag fits, or no tag",
            id="explicit tag",
        ),
    ],
)
def test_counts(data: Path, value: str, expected: str) -> None:
    outcome = (
        "outcomes:\n  - kind: memorandum\n    summary: {en: M, ar: م}\n"
        f"    count: {value}\n    sources: [irna-report-2025-11-25]\n"
    )
    write(data, "visits/x.yml", VISIT + outcome)
    assert found(data) == [f"{VISIT_FILE}:17:12: outcomes[0].{expected}"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [("1.0e+19", "1e+19"), (".inf", "inf")],
)
def test_amounts_over_the_limit(data: Path, value: str, shown: str) -> None:
    outcome = (
        "outcomes:\n  - kind: target\n    summary: {en: T, ar: ه}\n"
        f"    amount: {{value: {value}, currency: USD}}\n"
        "    sources: [irna-report-2025-11-25]\n"
    )
    write(data, "visits/x.yml", VISIT + outcome)
    assert found(data) == [
        f"{VISIT_FILE}:17:21: outcomes[0].amount.value: must be at most "
        f"1,000,000,000,000,000,000, got the number {shown}"
    ]


def test_the_largest_amount_and_count_format_for_the_site() -> None:
    from generator.data.schema import MAX_AMOUNT, MAX_COUNT, Amount
    from generator.languages import i18n

    for lang in ("en", "ar"):
        assert "trillion" in i18n.format_amount(Amount(value=MAX_AMOUNT, currency="IRR"), "en")
        assert i18n.format_number(MAX_COUNT, lang)


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["0000", "0000-01", "0000-01-01"])
def test_year_zero_is_not_a_date(data: Path, date: str) -> None:
    write(data, "visits/x.yml", edit(VISIT, '"2025-11-25"', f'"{date}"'))
    assert found(data) == [
        f"{VISIT_FILE}:8:13: start_date: '{date}' is not a real date: there is no year 0000; "
        "allowed: years 1 to 9999 ('0001' to '9999')"
    ]


def test_the_first_and_last_years_format_for_the_site(data: Path) -> None:
    from generator.data.schema import PartialDate
    from generator.languages import i18n

    content = edit(VISIT, '"2025-11-25"', '"0001-01-01"') + 'end_date: "9999-12-31"\n'
    write(data, "visits/x.yml", content)
    result = check(data)
    assert result.ok and result.dataset is not None
    visit = result.dataset.visits["x"]
    for lang in ("en", "ar"):
        assert i18n.format_date_range(visit.start_date, visit.end_date, lang)
        assert i18n.format_partial_date(PartialDate(1), lang)


# --- reserved ids -------------------------------------------------------------------------------


@pytest.mark.parametrize("reserved", ["con", "prn", "aux", "nul", "com1", "com0", "lpt9"])
def test_windows_device_names_are_not_ids(data: Path, reserved: str) -> None:
    write(data, f"people/{reserved}.yml", edit(PERSON, "id: x", f"id: {reserved}"))
    assert found(data) == [
        f"site_data/people/{reserved}.yml:2:5: id: '{reserved}' is a device name on Windows, "
        f"where no file may be called {reserved}.yml or {reserved}.md; allowed: any id but "
        "con, prn, aux, nul, com0 to com9 and lpt0 to lpt9, e.g. "
        f"'{reserved}-1'"
    ]


@pytest.mark.parametrize("kind", ["people", "visits"])
def test_index_is_not_an_id(data: Path, kind: str) -> None:
    template = PERSON if kind == "people" else VISIT
    write(data, f"{kind}/index.yml", edit(template, "id: x", "id: index"))
    assert found(data) == [
        f"site_data/{kind}/index.yml:2:5: id: 'index' is reserved: the site makes the page "
        "<kind>/index.md listing every entity of a kind; allowed: any id but index, e.g. "
        "'index-1'"
    ]


def test_reserved_former_ids(data: Path) -> None:
    write(data, "people/x.yml", edit(PERSON, "id: x", "id: x\nformer_ids: [nul, index]"))
    assert found(data) == [
        f"{PERSON_FILE}:3:14: former_ids[0]: 'nul' is a device name on Windows, where no file "
        "may be called nul.yml or nul.md; allowed: any id but con, prn, aux, nul, com0 to com9 "
        "and lpt0 to lpt9, e.g. 'nul-1'",
        f"{PERSON_FILE}:3:19: former_ids[1]: 'index' is reserved: the site makes the page "
        "<kind>/index.md listing every entity of a kind; allowed: any id but index, e.g. "
        "'index-1'",
    ]


def test_the_reserved_ids_are_the_generated_pages_of_each_folder(data: Path) -> None:
    from generator.model.pages import plan
    from generator.model.resolve import resolve

    result = check(data)
    assert result.dataset is not None
    generated: set[str] = set()
    for page in plan(result.dataset, resolve(result.dataset)):
        folder, _, name = page.path.rpartition("/")
        if folder in KINDS and name.removesuffix(".md") not in result.dataset.of_kind(folder):
            generated.add(name.removesuffix(".md"))
    assert generated == set(GENERATED_PAGE_IDS)


# --- blank and mixed-script text ----------------------------------------------------------------

BLANK = (
    "the text is blank: nothing but {what}; allowed: text with visible letters (a blank name "
    "makes a blank title and a link nobody can see)"
)


@pytest.mark.parametrize(
    ("name", "what"),
    [
        ('"   "', "white space"),
        ('"\\u00a0"', "white space"),
        ('"\\u3164"', "white space and U+3164 HANGUL FILLER, which shows nothing"),
        ('" \\u2800 "', "white space and U+2800 BRAILLE PATTERN BLANK, which shows nothing"),
        ('"\\u064e"', "white space and U+064E ARABIC FATHA, which shows nothing"),
    ],
)
def test_a_blank_name_is_an_error(data: Path, name: str, what: str) -> None:
    write(data, "people/x.yml", edit(PERSON, "en: X", f"en: {name}"))
    assert found(data) == [f"{PERSON_FILE}:4:7: name.en: " + BLANK.format(what=what)]


def test_a_blank_summary_is_an_error_and_a_blank_code_is_said_once(data: Path) -> None:
    content = edit(
        edit(VISIT, "en: A visit.", 'en: "\\u3164 "'), "to_country: PK", 'to_country: " "'
    )
    write(data, "visits/x.yml", content)
    assert found(data) == [
        f"{VISIT_FILE}:7:13: to_country: ' ' is not a country code; " + ALLOWED_COUNTRIES,
        f"{VISIT_FILE}:10:7: summary.en: "
        + BLANK.format(what="white space and U+3164 HANGUL FILLER, which shows nothing"),
    ]


MIXED = (
    "warning: {field}: the word {word!r} mixes {a} and {b} letters: character {at}, {char!r}, "
    "is {name}; allowed: the letters of one script in a word (retype the letter)"
)


def test_a_word_mixing_scripts_in_a_name_is_a_warning(data: Path) -> None:
    content = edit(edit(PERSON, "en: X", "en: Ali L\u0430rijani"), "ar: س", "ar: علي لاريجاnي")
    write(data, "people/x.yml", content)
    write(data, "sources/x.yml", edit(SOURCE, "A title", "A t\u03b9tle"))
    result = check(data)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        f"{PERSON_FILE}:4:7: "
        + MIXED.format(
            field="name.en",
            word="L\u0430rijani",
            a="Latin",
            b="Cyrillic",
            at=6,
            char="\u0430",
            name="U+0430 CYRILLIC SMALL LETTER A",
        ),
        f"{PERSON_FILE}:5:7: "
        + MIXED.format(
            field="name.ar",
            word="لاريجاnي",
            a="Arabic",
            b="Latin",
            at=11,
            char="n",
            name="U+006E LATIN SMALL LETTER N",
        ),
        f"{SOURCE_FILE}:5:7: "
        + MIXED.format(
            field="title.en",
            word="t\u03b9tle",
            a="Latin",
            b="Greek",
            at=4,
            char="\u03b9",
            name="U+03B9 GREEK SMALL LETTER IOTA",
        ),
    ]
    assert {d.severity for d in result.diagnostics} == {Severity.warning}


def test_scripts_side_by_side_and_outside_names_are_fine(data: Path) -> None:
    content = edit(PERSON, "en: X", "en: Ali Rezaei (علي رضائي), Qālībāf-2")
    write(data, "people/x.yml", content)
    write(data, "visits/x.yml", edit(VISIT, "en: A visit.", "en: A visit to Пакистан2."))
    assert found(data) == []


def test_invisible_characters_are_named_up_to_a_few_per_text(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "A visit.", '"A ' + "\\u200b" * 9 + 'visit."'))
    assert found(data) == [
        f"{VISIT_FILE}:10:7: summary.en: 4 more invisible or control characters in this text; "
        "allowed: visible characters only (remove them)",
        *(
            f"{VISIT_FILE}:10:7: summary.en: invisible character U+200B ZERO WIDTH SPACE at "
            f"character {at}: it can make text display differently from what it is; allowed: "
            "visible characters only (remove it)"
            for at in range(3, 3 + MAX_CHARACTER_REPORTS)
        ),
    ]


# --- across files -------------------------------------------------------------------------------


def test_a_visit_to_the_visitors_own_country_is_a_warning(data: Path) -> None:
    write(data, "visits/x.yml", edit(VISIT, "to_country: PK", "to_country: IR"))
    result = check(data)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        f"{VISIT_FILE}:7:13: warning: to_country: the visit goes to IR, which is also "
        "from_country, the visitors' own country; allowed: a country other than from_country "
        "(a visit is to another country)"
    ]


def test_a_visitor_serving_the_country_visited_is_a_warning(data: Path) -> None:
    content = edit(
        edit(VISIT, "from_country: IR", "from_country: PK"), "to_country: PK", "to_country: IR"
    )
    write(data, "visits/x.yml", content)
    result = check(data)
    assert result.ok
    assert [str(d) for d in result.diagnostics] == [
        f"{VISIT_FILE}:5:5: warning: visitors[0]: 'ali-larijani' serves IR (their country), "
        "the country visited: a visit to their own country; allowed: visitors from PK or "
        "another country than IR (is this person a host?)"
    ]


def test_a_visit_that_is_its_own_parent(data: Path) -> None:
    write(data, "visits/x.yml", VISIT + "parent: x\n")
    assert found(data) == [
        f"{VISIT_FILE}:14:9: parent: 'x' is this visit itself; allowed: the id of another "
        "visit, or no parent"
    ]


def organization(org_id: str, parent: str) -> str:
    return (
        f"id: {org_id}\nname:\n  en: {org_id}\n  ar: م\nclassification: other\nparent: {parent}\n"
    )


def test_organizations_whose_parents_lead_back(data: Path) -> None:
    write(data, "organizations/org-a.yml", organization("org-a", "org-b"))
    write(data, "organizations/org-b.yml", organization("org-b", "org-a"))
    write(data, "organizations/org-c.yml", organization("org-c", "org-a"))  # hangs on, no cycle
    allowed = (
        "allowed: a parent that is not part of this organization, directly or through its own "
        "parents"
    )
    assert found(data) == [
        f"site_data/organizations/org-a.yml:6:9: parent: 'org-b' leads back to this "
        f"organization: org-a -> org-b -> org-a; {allowed}",
        f"site_data/organizations/org-b.yml:6:9: parent: 'org-a' leads back to this "
        f"organization: org-b -> org-a -> org-b; {allowed}",
    ]


def test_a_long_parent_cycle_is_shown_short(data: Path) -> None:
    for n in range(8):
        write(data, f"organizations/org-{n}.yml", organization(f"org-{n}", f"org-{(n + 1) % 8}"))
    problems = found(data)
    assert len(problems) == 8
    assert problems[0] == (
        "site_data/organizations/org-0.yml:6:9: parent: 'org-1' leads back to this "
        "organization: org-0 -> org-1 -> org-2 -> org-3 -> ... (8 in all) -> org-0; allowed: "
        "a parent that is not part of this organization, directly or through its own parents"
    )


# --- addresses ----------------------------------------------------------------------------------


def test_a_pipe_in_an_address_is_refused_with_the_encoded_address(data: Path) -> None:
    write(data, "sources/x.yml", edit(SOURCE, "news/1", "news/1|2"))
    write(data, "people/x.yml", edit(PERSON, "example.org/x", "example.org/x?a=<b>"))
    assert found(data) == [
        f"{PERSON_FILE}:8:10: links[0].url: 'https://example.org/x?a=<b>' holds '<' at "
        "character 25, which a web address may not hold as it is; allowed: the same address "
        "percent-encoded ('<' is '%3C'): 'https://example.org/x?a=%3Cb%3E'",
        f"{SOURCE_FILE}:10:6: url: 'https://www.irna.ir/news/1|2' holds '|' at character 27, "
        "which a web address may not hold as it is; allowed: the same address "
        "percent-encoded ('|' is '%7C'): 'https://www.irna.ir/news/1%7C2'",
    ]


# --- messages stay cheap ------------------------------------------------------------------------


def test_did_you_mean_is_offered_for_the_first_unknown_ids_of_a_file(data: Path) -> None:
    hosts = [f"ali-larijan{n}" for n in range(MAX_SUGGESTIONS + 5)]
    line = f"hosts: [{', '.join(hosts)}]"
    write(data, "visits/x.yml", VISIT + line + "\n")
    problems = found(data)
    assert len(problems) == MAX_SUGGESTIONS + 5
    assert all("(did you mean 'ali-larijani'?)" in p for p in problems[:MAX_SUGGESTIONS])
    last = len(hosts) - 1
    assert problems[-1] == (
        f"{VISIT_FILE}:14:{line.index(hosts[last]) + 1}: hosts[{last}]: unknown person "
        f"'{hosts[last]}'; allowed: the id of a file in site_data/people/"
    )


# --- the format itself --------------------------------------------------------------------------


def _depth(model: type) -> int:
    """How many lists and maps deep a file of `model` can nest (a map is one)."""
    from typing import get_args, get_origin

    from pydantic import BaseModel

    deepest = 1
    for info in model.model_fields.values():  # type: ignore[attr-defined]
        annotation, levels = info.annotation, 0
        while get_origin(annotation) is not None:
            if get_origin(annotation) is list:
                levels += 1
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            levels += _depth(annotation)
        deepest = max(deepest, 1 + levels)
    return deepest


def test_the_depth_limit_leaves_room_above_the_deepest_field() -> None:
    # meetings[].participants[].name: someone named, not catalogued
    assert max(_depth(model) for model in MODELS.values()) == 6
    assert MAX_DEPTH >= 2 * 6


def test_every_text_field_has_a_declared_kind() -> None:
    # text_kinds raises for a field of free text missing from schema.TEXT_FIELDS.
    for model in MODELS.values():
        kinds = text_kinds(model)
        assert kinds[("id",)] == "short"
    assert text_kinds(MODELS["visits"])[("outcomes", "amount", "unit", "ar")] == "line"
    assert text_kinds(MODELS["people"])[("name", "en")] == "name"


# --- the command line ---------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_the_command_reports_hostile_files_and_exits_1_without_a_traceback(data: Path) -> None:
    os.mkfifo(data / "people" / "pipe.yml")
    (data / "people" / "zero.yml").symlink_to("/dev/zero")
    write(data, "visits/deep.yml", "id: deep\ntopics: " + "[" * 100_000 + "]" * 100_000 + "\n")
    write(data, "visits/big.yml", "id: big\ncount: " + "9" * 5000 + "\n")
    write(data, "visits/zero.yml", edit(edit(VISIT, "id: x", "id: zero"), '"2025-11-25"', '"0000"'))
    completed = run_cli(data.parent)
    output = completed.stdout + completed.stderr
    assert completed.returncode == 1, output
    assert "Traceback" not in output
    lines = completed.stdout.splitlines()
    assert f"site_data/people/zero.yml:1:1: {LINK}" in lines
    assert (
        f"site_data/people/pipe.yml:1:1: this is a named pipe (FIFO), not a regular file; "
        f"{REGULAR_ONLY} (data files are text files)"
    ) in lines
    column = 8 + MAX_DEPTH  # as in test_deep_flow_nesting_is_refused_before_composing
    assert (
        f"site_data/visits/deep.yml:2:{column}: topics{'[0]' * (MAX_DEPTH - 1)}: {TOO_DEEP}"
        in lines
    )
    assert (
        "site_data/visits/big.yml:2:8: count: a number of 5,000 characters; allowed: numbers "
        "of at most 30 characters (put a long code in quotes: it is text)"
    ) in lines
    assert (
        "site_data/visits/zero.yml:8:13: start_date: '0000' is not a real date: there is no "
        "year 0000; allowed: years 1 to 9999 ('0001' to '9999')"
    ) in lines
    assert lines[-1].startswith("INVALID: ")


def test_former_ids_are_bounded(data_copy: Path) -> None:
    """Each former id makes a redirect page per language: a file may not hold thousands."""
    path = data_copy / "people" / "mohsin-naqvi.yml"
    text = path.read_text(encoding="utf-8")
    former = "".join(f"\n  - old-naqvi-{n}" for n in range(51))
    path.write_text(text + f"former_ids:{former}\n", encoding="utf-8")
    result = check(data_copy)
    assert any(
        d.path == "former_ids" and "at most 50 items" in d.message for d in result.diagnostics
    ), [str(d) for d in result.diagnostics]


def test_changes_reads_no_pipe(tmp_path: Path) -> None:
    """`changes` reads data files as the check does: a FIFO named like one does not hang it."""
    from generator.review.changes import load

    folder = tmp_path / "site_data" / "people"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yml")
    (folder / "dir.yml").mkdir()
    records = load(tmp_path / "site_data")
    assert records[("people", "pipe")].problem is not None
    assert "not a regular file" in (records[("people", "pipe")].problem or "")
    assert "not a regular file" in (records[("people", "dir")].problem or "")
