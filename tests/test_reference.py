"""The reference page of the data format: complete, in step, escaped, readable in Arabic."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
from pydantic import BaseModel, Field

from generator.data.reference import (
    anchor,
    code,
    markdown_text,
    part_models,
    render_reference,
    type_words,
)
from generator.data.schema import KINDS, MODELS, DeclaredState
from tests.conftest import ROOT

LANGS = ("en", "ar")
# The kinds, the states a data folder may declare (site_data/former_states.yml), the parts.
ALL_MODELS: list[type[BaseModel]] = [
    *(MODELS[kind] for kind in KINDS),
    DeclaredState,
    *part_models(),
]


def test_committed_page_is_in_step_with_the_declaration() -> None:
    committed = (ROOT / "docs" / "data-format.md").read_text(encoding="utf-8")
    assert committed == render_reference("en"), "run: python -m generator reference"


def test_parts_are_the_nested_models() -> None:
    assert sorted(model.__name__ for model in part_models()) == sorted(
        [
            "Membership",
            "Place",
            "Meeting",
            "Attendee",
            "Outcome",
            "Amount",
            "Quote",
            "Link",
            "Identifier",
            "OtherName",
            "Text",
        ]
    )


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_field_has_a_description(model: type[BaseModel]) -> None:
    # Add a description to the Field(...) of any new field: the page and the editors show it.
    assert (model.__doc__ or "").strip(), f"{model.__name__} has no docstring"
    for name, info in model.model_fields.items():
        assert (info.description or "").strip(), f"{model.__name__}.{name} has no description"


def _section(page: str, model: type[BaseModel]) -> str:
    """The text of a model's section: from its heading to the next heading."""
    marker = f'<a id="{anchor(model)}"></a>'
    (section,) = [part for part in page.split("\n### ") if marker in part.split("\n", 1)[0]]
    return section


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda model: model.__name__)
def test_every_field_of_every_model_is_in_its_section(lang: str, model: type[BaseModel]) -> None:
    section = _section(render_reference(lang), model)
    rows = [line for line in section.split("\n") if line.startswith("| ")][2:]
    assert [row.split(" | ")[0] for row in rows] == [
        f"| {code(name, lang)}" for name in model.model_fields
    ]


def test_english_rows() -> None:
    page = render_reference("en")
    for row in [
        "| `hosts` | list of person ids or [Attendee maps](#part-attendee) | optional | The people "
        "who received them: ids, or Attendee maps (with the title held then, or a name for "
        "someone with no file). |",
        "| `visitors` | list of person ids or [Attendee maps](#part-attendee) (at least 1) | "
        "required | The people who visited: ids, or Attendee maps (with the title held then, or "
        "a name for someone with no file). |",
        "| `start_date` | date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) | required | When the visit "
        "began, at the precision the source gives. |",
        "| `classification` | one of: `state`, `official`, `official-working`, `working`, "
        "`private`, `informal`, `transit`, `multilateral`, `unspecified` | required | The kind "
        "of visit, as the source or the register names it: `state` (a head of state invited "
        "by another, with full ceremony), `official` (at the invitation of the host "
        "government, with ceremony), `official-working` (official, with reduced ceremony), "
        "`working` (talks without ceremony), `private` (not on official business), `informal` "
        "(unofficial: a meeting outside the protocol of visits, e.g. an informal summit or a "
        "retreat), `transit` (a stopover on the way elsewhere), `multilateral` (to attend a "
        "multilateral meeting or summit, e.g. the UN General Assembly), `unspecified` when "
        "the source does not say. |",
        "| `to_country` | country code (ISO 3166-1 alpha-2, or ISO 3166-3 for a former state) | "
        "required | The country visited (ISO 3166-1 alpha-2; ISO 3166-3 for a former state). |",
        "| `name` | [text in `en` and `ar` (a translation may be missing)](#part-text) | required "
        "| The name in each language, "
        "as the page title shows it. |",
        "| `memberships` | list of [Membership](#part-membership) | optional | Positions held, "
        "each with dates and sources. |",
        "| `period` | one of: `year`, `month`, `total` | optional, default `total` | Whether the "
        "amount is per year, per month, or a total. |",
        "| `count_is_minimum` | `true` or `false` | optional, default `false` | True when the "
        "source says 'at least' that many. |",
        "| `url` | web address (http or https) | required | An absolute http(s) URL. |",
        "| `lang` | language code, one of: `en`, `ar` | required | The language of `text`. |",
    ]:
        assert row in page.split("\n"), row


def test_arabic_page_is_arabic_around_english_descriptions() -> None:
    page = render_reference("ar")
    lines = page.split("\n")
    assert lines[0] == "# صيغة البيانات"
    assert "بالإنجليزية" in lines[2]  # says at the top that descriptions stay English
    assert "| الحقل | النوع | إلزامي؟ | الوصف |" in lines
    assert (
        "| <bdi>`hosts`</bdi> | قائمة معرّفات أشخاص أو [مشاركين](#part-attendee) | اختياري | "
        '<span dir="ltr">The people who received them: ids, or Attendee maps (with the title '
        "held then, or a name for someone with no file).</span> |"
    ) in lines
    assert (
        "| <bdi>`period`</bdi> | إحدى القيم: <bdi>`year`</bdi>، <bdi>`month`</bdi>، "
        "<bdi>`total`</bdi> | اختياري، القيمة الافتراضية <bdi>`total`</bdi> | "
        '<span dir="ltr">Whether the amount is per year, per month, or a total.</span> |'
    ) in lines


def test_arabic_page_isolates_every_code_span() -> None:
    # Outside the English descriptions (set left to right as a whole), every field name, id
    # and code is isolated, so that neighbouring codes keep their order in right-to-left text.
    page = render_reference("ar")
    outside = re.sub(r'<span dir="ltr">.*?</span>', "", page)
    spans = re.findall(r"(<bdi>)?`[^`]+`", outside)
    assert spans
    assert all(opening == "<bdi>" for opening in spans)


@pytest.mark.parametrize("lang", LANGS)
def test_every_link_has_its_anchor(lang: str) -> None:
    page = render_reference(lang)
    targets = set(re.findall(r"\]\(#([a-z-]+)\)", page))
    anchors = set(re.findall(r'<a id="([a-z-]+)"></a>', page))
    assert targets
    assert targets <= anchors
    assert {anchor(model) for model in ALL_MODELS} == anchors


@pytest.mark.parametrize("lang", LANGS)
def test_renders_as_tables_of_four_columns(lang: str) -> None:
    html = markdown.markdown(render_reference(lang), extensions=["tables", "toc"])
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)
    assert len(rows) == sum(len(model.model_fields) + 1 for model in ALL_MODELS)
    for row in rows:
        assert len(re.findall(r"<t[hd]>", row)) == 4, row


def test_render_is_pure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert render_reference("en") == render_reference("en")
    assert render_reference("ar").endswith("|\n")
    assert list(tmp_path.iterdir()) == []


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="no reference page in 'fr'; available: en, ar"):
        render_reference("fr")


# --- escaping -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Plain words.", "Plain words."),
        ("a | b", r"a \| b"),
        ("Id of `text`.", "Id of `text`."),
        ("a `x|y` b", "a <code>x&#124;y</code> b"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("*not* _emphasis_ [no](link)", r"\*not\* \_emphasis\_ \[no\](link)"),
        ("a ` lone backtick", r"a \` lone backtick"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("two\n  lines", "two lines"),
    ],
)
def test_markdown_text(text: str, expected: str) -> None:
    assert markdown_text(text) == expected


def test_escaped_text_shows_as_written_in_a_table_cell() -> None:
    text = "a | b <i>c</i> *d* `e|f` [g](h) & i"
    table = f"| x | y |\n| --- | --- |\n| one | {markdown_text(text)} |\n"
    html = markdown.markdown(table, extensions=["tables"])
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells == [
        "one",
        "a | b &lt;i&gt;c&lt;/i&gt; *d* <code>e&#124;f</code> [g](h) &amp; i",
    ]


def test_descriptions_are_escaped_in_the_page() -> None:
    class Odd(BaseModel):
        """A model | with a pipe."""

        choice: str = Field(description="Either `a|b` or c | d, <b>not</b> bold.")

    words = type_words(str, [], "en")
    assert words == "text"
    assert markdown_text(Odd.model_fields["choice"].description or "") == (
        r"Either <code>a&#124;b</code> or c \| d, &lt;b&gt;not&lt;/b&gt; bold."
    )


def test_unknown_type_is_refused() -> None:
    with pytest.raises(TypeError, match="no words for the type"):
        type_words(complex, [], "en")
