"""Reading one YAML file safely: values, their positions, and what is refused."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.data.yamlfile import MAX_VALUES, YamlFile, read_yaml


def read(tmp_path: Path, content: str | bytes) -> YamlFile:
    path = tmp_path / "x.yml"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return read_yaml(path, "x.yml")


def problems(result: YamlFile) -> list[str]:
    return [str(problem) for problem in result.problems]


def test_plain_values_and_their_positions(tmp_path: Path) -> None:
    result = read(
        tmp_path,
        "# a comment\n"
        "id: x\n"
        "hosts:\n"
        "  - a\n"
        "  - b\n"
        "summary:\n"
        "  en: Text\n"
        "count: 12\n"
        "flag: true\n"
        "nothing:\n",
    )
    assert problems(result) == []
    assert result.data == {
        "id": "x",
        "hosts": ["a", "b"],
        "summary": {"en": "Text"},
        "count": 12,
        "flag": True,
        "nothing": None,
    }
    # Positions are worked out when first asked for, by reading the file again.
    assert not result.positions_known and result.value_positions == {}
    assert result.position(("hosts", 1)) == (5, 5)
    assert result.positions_known and result.value_positions[("count",)] == (8, 8)
    assert result.position(("summary", "en")) == (7, 7)
    assert result.key_position(("summary", "en")) == (7, 3)
    # A field that is absent falls back to its nearest enclosing value.
    assert result.position(("summary", "ar")) == (7, 3)
    assert result.position(("absent", 3)) == (2, 1)


def test_dates_stay_text_and_keep_their_precision(tmp_path: Path) -> None:
    result = read(tmp_path, "a: 2025-11-25\nb: 2025-11\nc: 2025\n")
    assert result.data == {"a": "2025-11-25", "b": "2025-11", "c": 2025}


def test_yes_is_a_boolean_in_yaml(tmp_path: Path) -> None:
    # YAML 1.1 reads yes/no/on/off as booleans: why the check says "put text in quotes".
    result = read(tmp_path, "a: yes\nb: 'yes'\nc: off\n")
    assert result.data == {"a": True, "b": "yes", "c": False}


def test_byte_order_mark_and_crlf_keep_positions(tmp_path: Path) -> None:
    result = read(tmp_path, "\ufeffid: x\r\nsummary:\r\n  en: Text\r\n")
    assert problems(result) == []
    assert result.data == {"id": "x", "summary": {"en": "Text"}}
    assert result.position(("summary", "en")) == (3, 7)


def test_small_aliases_are_allowed(tmp_path: Path) -> None:
    result = read(tmp_path, "a: &name Larijani\nb: *name\n")
    assert problems(result) == []
    assert result.data == {"a": "Larijani", "b": "Larijani"}


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "id: x\nsummary:\n  en: a: b\n",
            "x.yml:3:8: YAML syntax error: mapping values are not allowed in this context",
        ),
        (
            "id: x\nname: {en: X\n",
            "x.yml:3:1: YAML syntax error: did not find expected ',' or '}' (while parsing a "
            "flow mapping at line 2)",
        ),
        (
            'id: "x\n',
            "x.yml:2:1: YAML syntax error: found unexpected end of stream (while scanning a "
            "quoted scalar at line 1)",
        ),
        (
            "? [a, b]\n: 1\n",
            "x.yml:1:3: a key must be plain text, not a list or map",
        ),
        (
            "base: &b {en: a}\ntitle:\n  <<: *b\n",
            "x.yml:3:3: title: merge keys ('<<') are not allowed; write the fields out",
        ),
        (
            "name:\n  en: a\n  en: b\n",
            "x.yml:3:3: name.en: duplicate key 'en' (first at line 2); allowed: each key once",
        ),
        (
            "a: !!binary aGVsbG8=\n",
            "x.yml:1:4: a: YAML tag '!!binary' is not allowed; allowed: plain text, numbers, "
            "lists and maps (data files are loaded safely, tags never construct objects)",
        ),
        (
            "a: !local thing\n",
            "x.yml:1:4: a: YAML tag '!local' is not allowed; allowed: plain text, numbers, "
            "lists and maps (data files are loaded safely, tags never construct objects)",
        ),
        (
            "a: 1\n---\na: 2\n",
            "x.yml:3:1: the file holds more than one YAML document ('---'); allowed: one entity "
            "per file",
        ),
        (
            "just text\n",
            "x.yml:1:1: the file holds a single value; allowed: a map of fields (key: value), "
            "starting with 'id: x'",
        ),
        (
            "---\n",
            "x.yml:1:1: the file is empty; allowed: a map of fields, starting with 'id: x'",
        ),
    ],
)
def test_problems(tmp_path: Path, content: str, expected: str) -> None:
    assert problems(read(tmp_path, content)) == [expected]


def test_every_tab_in_indentation_is_reported(tmp_path: Path) -> None:
    result = read(tmp_path, "id: x\nname:\n\ten: X\n \tar: س\n")
    assert result.data is None
    assert problems(result) == [
        "x.yml:3:1: tab character in indentation; allowed: spaces only (YAML forbids tabs there)",
        "x.yml:4:2: tab character in indentation; allowed: spaces only (YAML forbids tabs there)",
    ]


def test_tab_after_the_indentation_is_text(tmp_path: Path) -> None:
    result = read(tmp_path, "a: one\ttwo\n")
    assert problems(result) == []
    assert result.data == {"a": "one\ttwo"}


def test_not_utf8_column_counts_characters(tmp_path: Path) -> None:
    result = read(tmp_path, "id: x\nname: س".encode() + b"\xfe\n")
    assert result.data is None
    assert problems(result) == [
        "x.yml:2:8: the file is not valid UTF-8 (byte 0xfe); allowed: UTF-8 text only, save "
        "the file as UTF-8"
    ]


def test_utf16_is_not_utf8(tmp_path: Path) -> None:
    result = read(tmp_path, "id: x\n".encode("utf-16"))
    assert result.data is None
    assert problems(result) == [
        "x.yml:1:1: the file is not valid UTF-8 (byte 0xff); allowed: UTF-8 text only, save "
        "the file as UTF-8"
    ]


def test_a_refused_tag_marks_its_path(tmp_path: Path) -> None:
    result = read(tmp_path, "a:\n  b: !!python/name:os.system\nc: 1\n")
    assert result.data == {"a": {"b": None}, "c": 1}
    assert result.is_rejected(("a", "b"))
    assert result.is_rejected(("a", "b", 0))
    assert not result.is_rejected(("a",))
    assert not result.is_rejected(("c",))


def test_python_tags_construct_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    result = read(tmp_path, f"a: !!python/object/apply:os.mkdir ['{marker.as_posix()}']\n")
    assert len(result.problems) == 1
    assert not marker.exists()


def test_alias_bomb_is_stopped_at_the_limit(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):  # 10**12 values if expanded
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 10) + "]")
    started = time.perf_counter()
    result = read(tmp_path, "\n".join(lines) + "\n")
    assert time.perf_counter() - started < 5
    assert result.data is None
    assert problems(result) == [
        f"x.yml:5:1: a4: YAML aliases expand to more than {MAX_VALUES:,} values; allowed: aliases "
        "('*name') only for small values, or none"
    ]


def test_values_up_to_the_limit_are_read(tmp_path: Path) -> None:
    # The map itself counts as one value.
    items = "\n".join(f"  - {index}" for index in range(MAX_VALUES - 2))
    result = read(tmp_path, f"a:\n{items}\n")
    assert problems(result) == []
    assert isinstance(result.data, dict)
    assert len(result.data["a"]) == MAX_VALUES - 2
