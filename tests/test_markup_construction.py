"""Escaping by construction: no markup in the generator is made by pasting strings together.

`Markup(f"...{name}...")` trusts `name` as markup, whatever it holds; `Md("...{}...").format(name)`
escapes it. This test reads every module of the generator and refuses a Markup or Md made from
an f-string, a `+` or a `%`, so the XSS that came from a source page's facts cannot come back in a
new helper.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from generator.render.mdtext import Md, link_target
from tests.conftest import ROOT

_MARKUP_TYPES = {"Markup", "Md"}


def _pasted(node: ast.expr) -> bool:
    """An expression that pastes strings together."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    # "...".format(...) on a plain string formats without escaping.
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and isinstance(node.func.value, ast.Constant)
    )


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        if name in _MARKUP_TYPES and _pasted(node.args[0]):
            found.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    return found


def test_no_markup_is_pasted_together() -> None:
    modules = sorted((ROOT / "generator").rglob("*.py"))
    assert len(modules) > 30
    offences = [where for path in modules for where in _offences(path)]
    assert offences == [], "use Md(...).format(...) instead: " + ", ".join(offences)


@pytest.mark.parametrize(
    "source",
    [
        'Markup(f"{h.person(x)} — {role}")',
        "Markup('<b>' + name + '</b>')",
        'Md("%s" % name)',
        'Markup("<b>{}</b>".format(name))',
    ],
)
def test_the_scan_finds_pasted_markup(tmp_path: Path, source: str) -> None:
    module = ROOT / "generator" / "_scan_probe.py"
    # Written inside the tree only for the scan's relative path; removed at once.
    module.write_text(f"x = {source}\n", encoding="utf-8")
    try:
        assert _offences(module) == ["generator/_scan_probe.py:1"]
    finally:
        module.unlink()


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "[x](javascript:alert(1))",
    "![i](https://evil.example/x.png)",
    "| a | b |",
    "# heading",
    "`code` *em* _em_ ~~del~~ {: .x}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_escapes_what_it_is_given(payload: str) -> None:
    # Text: every character that could start Markdown or HTML syntax, or end an attribute,
    # is a character reference.
    text = re.sub(r"&#[0-9]+;", "", str(Md("{}").format(payload)))
    assert not set(text) & set('<>"[]`*_|#~{}&'), text
    # A link target: nothing that could close the link, start another or leave an attribute.
    target = str(link_target(payload))
    assert not set(target) & set("()[]<>\"' \t\n"), target


def test_md_keeps_markup_as_it_is() -> None:
    link = Md("[{}]({})").format("A & B", link_target("people/a-b.md"))
    assert str(link) == "[A &#38; B](people/a-b.md)"
    assert str(Md("{} — {}").format(link, "<i>")) == "[A &#38; B](people/a-b.md) — &#60;i&#62;"


@pytest.mark.parametrize(
    ("template", "args"),
    [
        ("[{}]({})", ("A <b> & [c]", link_target("people/a.md"))),
        ("{} — {} → {}", ("1. x", Md("<i>y</i>"), "'q' \"r\"")),
        ("{{literal}} {}", ("# h",)),
        ("", ()),
        ("{}", (7,)),
    ],
)
def test_the_fast_format_is_the_general_one(template: str, args: tuple[object, ...]) -> None:
    """Md fills plain "{}" templates itself (for speed): the same text as Markup.format with
    Md's escaping."""
    from markupsafe import Markup

    general = Markup.format(Md(template), *args)
    assert str(Md(template).format(*args)) == str(general)
    assert type(Md(template).format(*args)) is Md
