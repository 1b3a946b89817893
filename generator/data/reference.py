"""The data format's reference page, rendered as Markdown from the declaration in `schema.py`.

`render_reference(lang)` is pure: the site puts its result at `reference/data-format.md` in each
language, and `python -m generator reference` writes the English page to `docs/data-format.md`
for readers of the repository. Field descriptions and examples come from the declaration and
stay English; everything around them (headings, introduction, table headers, type words) is
the catalogs' (`reference_*` in generator/languages/catalogs/<lang>.yml).
"""

from __future__ import annotations

import html
import inspect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import annotated_types
import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.data import declaration
from generator.data.declaration import FieldType, unwrap
from generator.data.json_schemas import schema_file_name
from generator.data.schema import (
    KINDS,
    MODELS,
    STATES_FILE,
    DeclaredState,
    PartialText,
    Text,
    example,
    named_type,
)
from generator.languages import LANGUAGE_CODES, language
from generator.languages.i18n import catalog, list_separators

# --- words --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """Everything the page says around the declaration, in one language: the catalog's
    `reference_*` labels; `_one`/`_many` pairs are (singular, plural)."""

    lang: str

    def __call__(self, key: str) -> str:
        return catalog(self.lang)[f"reference_{key}"]

    def pair(self, key: str) -> tuple[str, str]:
        return self(f"{key}_one"), self(f"{key}_many")

    def paragraphs(self, key: str) -> list[str]:
        return self(key).split("\n")

    @property
    def separator(self) -> str:
        return list_separators(self.lang)[0]


@cache
def words(lang: str) -> _Words:
    if lang not in LANGUAGE_CODES:
        raise ValueError(f"no reference page in {lang!r}; available: {', '.join(LANGUAGE_CODES)}")
    return _Words(lang)


def _rtl(lang: str) -> bool:
    return language(lang).is_rtl


# --- Markdown -----------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]|#!])")


def _escape_prose(text: str) -> str:
    """Text that Markdown shows exactly as written, also inside a table cell."""
    text = html.escape(text, quote=False)
    return _PROSE_SPECIAL.sub(r"\\\1", text)


def _code_span(text: str) -> str:
    if "|" in text or "`" in text:
        # A pipe splits table cells inside a code span on some renderers and not on others.
        return "<code>" + html.escape(text).replace("|", "&#124;") + "</code>"
    return f"`{text}`"


def code(text: str, lang: str) -> str:
    """`text` as inline code; in a right-to-left page, isolated so it keeps its own order."""
    span = _code_span(text)
    return f"<bdi>{span}</bdi>" if _rtl(lang) else span


def _prose(text: str, lang: str) -> str:
    """Hand-written page text: Markdown already, but its code is isolated right to left."""
    if not _rtl(lang):
        return text
    return _CODE_SPAN.sub(lambda match: f"<bdi>{match.group(0)}</bdi>", text)


def markdown_text(text: str) -> str:
    """Declaration text (a docstring or a description) as one line of Markdown.

    `code spans` stay code; everything else is escaped, pipes included, so that the text
    is shown as written, also inside a table cell.
    """
    text = " ".join(text.split())
    out: list[str] = []
    last = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_prose(text[last : match.start()]))
        out.append(_code_span(match.group(2)))
        last = match.end()
    out.append(_escape_prose(text[last:]))
    return "".join(out)


def _english(text: str, lang: str) -> str:
    """English text from the declaration; in a right-to-left page, set left to right."""
    rendered = markdown_text(text)
    return f'<span dir="ltr">{rendered}</span>' if _rtl(lang) else rendered


def anchor(model: type[BaseModel]) -> str:
    """The stable anchor of a model's section, the same in every language."""
    prefix = "kind" if model in MODELS.values() else "part"
    name = re.sub(r"(?<!^)(?=[A-Z])", "-", model.__name__).lower()
    return f"{prefix}-{name}"


# --- types in plain words ---------------------------------------------------------------------


def _constraints(info: FieldInfo, said: _Words) -> list[str]:
    found = []
    is_list = declaration.field_type(info).is_list
    for item in info.metadata:
        if isinstance(item, annotated_types.MinLen):
            n = item.min_length
            found.append(
                said("not_empty") if n == 1 and not is_list else said("at_least").format(n=n)
            )
        elif isinstance(item, annotated_types.Gt):
            found.append(said("greater_than").format(n=item.gt))
    return found


def _joined(values: Sequence[str], lang: str, last: str | None = None) -> str:
    items = [code(value, lang) for value in values]
    separator = words(lang).separator
    if last is None or len(items) < 2:
        return separator.join(items)
    return separator.join(items[:-1]) + last + items[-1]


def _model_link(model: type[BaseModel], lang: str, plural: bool) -> str:
    label = words(lang).pair(f"model_{model.__name__}")[plural]
    return f"[{label}](#{anchor(model)})"


def type_words(
    annotation: Any,
    metadata: Sequence[Any],
    lang: str,
    references: str | None = None,
    plural: bool = False,
) -> str:
    """A field's type in plain words, e.g. 'list of person ids' or 'date (YYYY, ...)'."""
    found = unwrap(annotation, metadata)
    if found.is_list:
        items = _single_words(found, lang, references, plural=True)
        return words(lang)("list_of").format(items=items)
    return _single_words(found, lang, references, plural)


def _single_words(found: FieldType, lang: str, references: str | None, plural: bool) -> str:
    said = words(lang)
    named = named_type(found)
    base = found.base
    if named == "language":
        return said("language").format(values=_joined(LANGUAGE_CODES, lang))
    if named is not None:
        return _prose(said.pair(named)[plural], lang)
    if found.choices:
        return said("one_of").format(values=_joined(found.choices, lang))
    if base is Text or base is PartialText:  # one model since issue 13
        template = said.pair("text_partial")[plural]
        langs = _joined(LANGUAGE_CODES, lang, last=list_separators(lang)[1])
        return f"[{template.format(langs=langs)}](#{anchor(base)})"
    if found.model is not None and references is not None:  # an id, or a map (an attendee)
        ids = said.pair(f"id_{references}")[plural]
        return said("id_or_model").format(ids=ids, model=_model_link(found.model, lang, plural))
    if found.model is not None:
        return _model_link(found.model, lang, plural)
    if base is str:
        return said.pair(f"id_{references}" if references is not None else "text")[plural]
    if base is bool:
        return _prose(said("boolean"), lang)
    if base in (int, float):
        return said.pair("integer" if base is int else "number")[plural]
    raise TypeError(f"no words for the type {base!r}; add them to generator/data/reference.py")


def field_type(info: FieldInfo, lang: str) -> str:
    """The type column of a field: its type in words, then its constraints."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    target = extra.get("x-references")
    references = target if isinstance(target, str) else None
    said = type_words(info.annotation, info.metadata, lang, references)
    constraints = _constraints(info, words(lang))
    return f"{said} ({words(lang).separator.join(constraints)})" if constraints else said


def field_required(info: FieldInfo, lang: str) -> str:
    said = words(lang)
    if info.is_required():
        return said("required")
    default = info.get_default(call_default_factory=False)
    if info.default_factory is not None or default is None:
        return said("optional")
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    return said("default").format(value=code(shown, lang))


# --- the page -------------------------------------------------------------------------------


def part_models() -> list[type[BaseModel]]:
    """The models used inside the kinds, in order of first use."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            inner = declaration.field_type(info).model
            if inner is not None and inner not in found and inner not in MODELS.values():
                found.append(inner)
                visit(inner)

    for kind in KINDS:
        visit(MODELS[kind])
    return found


def _description(model: type[BaseModel]) -> str:
    return inspect.cleandoc(model.__doc__ or "")


def _heading(model: type[BaseModel], lang: str) -> str:
    """The model's name; where the language calls it otherwise, its words, then the name."""
    name = model.__name__
    label = words(lang).pair(f"model_{name}")[0]
    if label == name:
        return f'### <a id="{anchor(model)}"></a>{name}'
    return f'### <a id="{anchor(model)}"></a>{label} <bdi>{name}</bdi>'


def _table(model: type[BaseModel], lang: str) -> list[str]:
    said = words(lang)
    header = [said(f"header_{column}") for column in ("field", "type", "required", "description")]
    lines = ["| " + " | ".join(header) + " |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        cells = (
            code(name, lang),
            field_type(info, lang),
            field_required(info, lang),
            _english(info.description or "", lang),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _example(model: type[BaseModel], kind: str, lang: str) -> list[str]:
    """The kind's example file, from the declaration's examples (`new` starts from the same)."""
    shown = yaml.safe_dump(example(model), allow_unicode=True, sort_keys=False, width=88)
    path = code(f"site_data/{kind}/{example(model)['id']}.yml", lang)
    # Raw HTML, so that it stays left to right in a right-to-left page; escaped as text.
    block = f'<pre dir="ltr"><code>{html.escape(shown.rstrip(), quote=False)}</code></pre>'
    return [f"{words(lang)('example')}: {path}", "", block, ""]


def _section(model: type[BaseModel], lang: str, kind: str | None = None) -> list[str]:
    lines = [_heading(model, lang), ""]
    if kind is not None:
        path = code(f"site_data/{kind}/<id>.yml", lang)
        schema = code(f"schemas/{schema_file_name(kind)}", lang)
        lines += [words(lang)("file_line").format(path=path, schema=schema), ""]
    description = _description(model)
    if description:
        lines += [_english(description, lang), ""]
    lines += [*_table(model, lang), ""]
    return lines + _example(model, kind, lang) if kind is not None else lines


def render_reference(lang: str) -> str:
    """The reference page of the data format, as Markdown, in one of the site's languages."""
    said = words(lang)
    lines = [f"# {said('title')}", ""]
    for paragraph in said.paragraphs("intro"):
        lines += [_prose(paragraph, lang), ""]
    lines += [f"## {said('conventions_heading')}", ""]
    lines += [f"- {_prose(item, lang)}" for item in said.paragraphs("conventions")]
    lines += ["", f"## {said('kinds_heading')}", "", _prose(said("kinds_intro"), lang), ""]
    for kind in KINDS:
        lines += _section(MODELS[kind], lang, kind)
    lines += [f"## {said('states_heading')}", "", _prose(said("states_intro"), lang), ""]
    lines += _section(DeclaredState, lang)
    shown = yaml.safe_dump({"XH": example(DeclaredState)}, allow_unicode=True, sort_keys=False)
    block = f'<pre dir="ltr"><code>{html.escape(shown.rstrip(), quote=False)}</code></pre>'
    lines += [f"{said('example')}: {code(f'site_data/{STATES_FILE}', lang)}", "", block, ""]
    lines += [f"## {said('parts_heading')}", "", _prose(said("parts_intro"), lang), ""]
    for model in part_models():
        lines += _section(model, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
