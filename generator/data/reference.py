"""The data format's reference page, rendered as Markdown from the declaration in `schema.py`.

`render_reference(lang)` is pure: the site puts its result at `reference/data-format.md` in each
language, and `python -m generator reference` writes the English page to `docs/data-format.md`
for readers of the repository. Field descriptions come from the declaration and stay English;
everything around them (headings, introduction, table headers, type words) is translated.
"""

from __future__ import annotations

import enum
import html
import inspect
import re
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.data.json_schemas import schema_file_name
from generator.data.schema import (
    KINDS,
    MODELS,
    SINGULAR,
    CountryCode,
    CurrencyCode,
    Date,
    LanguageCode,
    PartialText,
    Slug,
    Text,
    Url,
)
from generator.languages import LANGUAGE_CODES

# --- words --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Words:
    """Everything the page says around the declaration, in one language."""

    title: str
    intro: tuple[str, ...]
    conventions_heading: str
    conventions: tuple[str, ...]
    kinds_heading: str
    kinds_intro: str
    parts_heading: str
    parts_intro: str
    file_line: str  # {path}, {schema}
    header: tuple[str, str, str, str]
    required: str
    optional: str
    default: str  # {value}
    list_of: str  # {items}
    one_of: str  # {values}
    separator: str
    text: tuple[str, str]  # singular, plural
    text_all: tuple[str, str]  # {langs}
    text_partial: tuple[str, str]  # {langs}
    langs_joiner: tuple[str, str]  # between items, before the last
    ids: dict[str, tuple[str, str]]  # kind -> singular, plural
    slug: tuple[str, str]
    date: tuple[str, str]
    country: tuple[str, str]
    currency: tuple[str, str]
    language: str  # {values}
    url: tuple[str, str]
    boolean: str
    integer: tuple[str, str]
    number: tuple[str, str]
    not_empty: str
    at_least: str  # {n}
    greater_than: str  # {n}
    models: dict[str, tuple[str, str]]  # model name -> singular, plural


_DATE_FORMS = "`YYYY`, `YYYY-MM` or `YYYY-MM-DD`"

_EN = _Words(
    title="The data format",
    intro=(
        "The site is built from the YAML files in `site_data/`: one file per entity, at "
        "`site_data/<kind>/<id>.yml`, where the file name is the entity's id.",
        "This page lists every field of every kind of file. It is generated from the "
        "declaration in `generator/data/schema.py`, the same declaration that checks the data "
        "(`python -m generator check`) and produces the JSON Schemas in `schemas/` that "
        "editors use for completion. To change the format, change the declaration and run "
        "`python -m generator reference`; do not edit this page by hand.",
    ),
    conventions_heading="Conventions",
    conventions=(
        "**Ids** are lowercase letters `a-z`, digits and single hyphens, e.g. `ali-larijani`; "
        "an entity's `id` must equal its file name without `.yml`.",
        f"**Dates** are written {_DATE_FORMS}, with only the precision the source gives: "
        "`2025-10` stays a month.",
        "**References** to other entities are ids of files in the folder of that kind; an id "
        "that names no file is an error, never skipped.",
        "**Text** in every language is a map with `en` and `ar`. Where a translation may "
        "still be missing, one of them may be absent; the check warns about it.",
        "**Every file starts** with `# yaml-language-server: $schema=../../schemas/"
        "<kind>.schema.json`, so that editors complete field names and show these "
        "descriptions.",
    ),
    kinds_heading="Kinds of file",
    kinds_intro="Each kind of entity has its own folder in `site_data/`.",
    parts_heading="Parts",
    parts_intro="Maps used inside the files above.",
    file_line="File: {path}. JSON Schema: {schema}.",
    header=("Field", "Type", "Required", "Description"),
    required="required",
    optional="optional",
    default="optional, default {value}",
    list_of="list of {items}",
    one_of="one of: {values}",
    separator=", ",
    text=("text", "texts"),
    text_all=("text in {langs}", "texts in {langs}"),
    text_partial=(
        "text in {langs} (a translation may be missing)",
        "texts in {langs} (a translation may be missing)",
    ),
    langs_joiner=(", ", " and "),
    ids={kind: (f"{SINGULAR[kind]} id", f"{SINGULAR[kind]} ids") for kind in KINDS},
    slug=("id (lowercase letters, digits, hyphens)", "ids (lowercase letters, digits, hyphens)"),
    date=(f"date ({_DATE_FORMS})", f"dates ({_DATE_FORMS})"),
    country=("country code (ISO 3166-1 alpha-2)", "country codes (ISO 3166-1 alpha-2)"),
    currency=("currency code (ISO 4217)", "currency codes (ISO 4217)"),
    language="language code, one of: {values}",
    url=("web address (http or https)", "web addresses (http or https)"),
    boolean="`true` or `false`",
    integer=("whole number", "whole numbers"),
    number=("number", "numbers"),
    not_empty="not empty",
    at_least="at least {n}",
    greater_than="greater than {n}",
    models={},
)

_AR = _Words(
    title="صيغة البيانات",
    intro=(
        "أوصاف الحقول في الجداول أدناه بالإنجليزية، لأنها تُولَّد كما هي من تعريف الصيغة في الشيفرة.",
        "يُبنى الموقع من ملفات YAML في المجلد `site_data/`: ملف واحد لكل كيان، في المسار "
        "`site_data/<kind>/<id>.yml`، واسم الملف هو معرّف الكيان.",
        "تسرد هذه الصفحة كل حقول كل نوع من الملفات، وهي مولَّدة من التعريف في "
        "`generator/data/schema.py`، وهو التعريف نفسه الذي يفحص البيانات "
        "(`python -m generator check`) ويُنتج مخططات JSON في `schemas/` التي تستعملها المحررات "
        "لإكمال أسماء الحقول. لتغيير الصيغة عدّل التعريف ثم شغّل "
        "`python -m generator reference`، ولا تعدّل هذه الصفحة يدويًا.",
    ),
    conventions_heading="أعراف عامة",
    conventions=(
        "**المعرّفات** حروف لاتينية صغيرة `a-z` وأرقام وشرطات مفردة، مثل `ali-larijani`؛ "
        "ويجب أن يساوي الحقل `id` اسم الملف من دون `.yml`.",
        "**التواريخ** تُكتب بالصيغة `YYYY` أو `YYYY-MM` أو `YYYY-MM-DD`، بالدقة التي يذكرها "
        "المصدر فقط: `2025-10` يبقى شهرًا.",
        "**الإحالات** إلى كيانات أخرى هي معرّفات ملفات في مجلد ذلك النوع؛ والمعرّف الذي لا "
        "يقابله ملف خطأ، ولا يُتجاهل أبدًا.",
        "**النص** بكل اللغات خريطة فيها `en` و`ar`. وحيث يجوز أن تنقص الترجمة بعدُ، يجوز غياب "
        "إحداهما، وينبّه الفحص إلى ذلك.",
        "**يبدأ كل ملف** بالسطر `# yaml-language-server: $schema=../../schemas/"
        "<kind>.schema.json` لتُكمل المحررات أسماء الحقول وتعرض أوصافها.",
    ),
    kinds_heading="أنواع الملفات",
    kinds_intro="لكل نوع من الكيانات مجلد خاص به في `site_data/`.",
    parts_heading="الأجزاء",
    parts_intro="خرائط تُستعمل داخل الملفات أعلاه.",
    file_line="الملف: {path}. مخطط JSON: {schema}.",
    header=("الحقل", "النوع", "إلزامي؟", "الوصف"),
    required="إلزامي",
    optional="اختياري",
    default="اختياري، القيمة الافتراضية {value}",
    list_of="قائمة {items}",
    one_of="إحدى القيم: {values}",
    separator="، ",
    text=("نص", "نصوص"),
    text_all=("نص باللغات {langs}", "نصوص باللغات {langs}"),
    text_partial=("نص باللغات {langs} (قد تنقصه ترجمة)", "نصوص باللغات {langs} (قد تنقصها ترجمة)"),
    langs_joiner=("، ", " و"),
    ids={
        "people": ("معرّف شخص", "معرّفات أشخاص"),
        "organizations": ("معرّف منظمة", "معرّفات منظمات"),
        "sources": ("معرّف مصدر", "معرّفات مصادر"),
        "visits": ("معرّف زيارة", "معرّفات زيارات"),
    },
    slug=("معرّف (حروف لاتينية صغيرة وأرقام وشرطات)", "معرّفات (حروف لاتينية صغيرة وأرقام وشرطات)"),
    date=(
        "تاريخ (`YYYY` أو `YYYY-MM` أو `YYYY-MM-DD`)",
        "تواريخ (`YYYY` أو `YYYY-MM` أو `YYYY-MM-DD`)",
    ),
    country=(
        "رمز بلد (<bdi>ISO 3166-1 alpha-2</bdi>)",
        "رموز بلدان (<bdi>ISO 3166-1 alpha-2</bdi>)",
    ),
    currency=("رمز عملة (<bdi>ISO 4217</bdi>)", "رموز عملات (<bdi>ISO 4217</bdi>)"),
    language="رمز لغة، أحد الرموز: {values}",
    url=("عنوان ويب (http أو https)", "عناوين ويب (http أو https)"),
    boolean="`true` أو `false`",
    integer=("عدد صحيح", "أعداد صحيحة"),
    number=("عدد", "أعداد"),
    not_empty="غير فارغ",
    at_least="{n} على الأقل",
    greater_than="أكبر من {n}",
    models={
        "Person": ("شخص", "أشخاص"),
        "Organization": ("منظمة", "منظمات"),
        "Source": ("مصدر", "مصادر"),
        "Visit": ("زيارة", "زيارات"),
        "Membership": ("منصب", "مناصب"),
        "Place": ("مكان", "أماكن"),
        "Meeting": ("لقاء", "لقاءات"),
        "Outcome": ("نتيجة", "نتائج"),
        "Amount": ("مقدار", "مقادير"),
        "Quote": ("اقتباس", "اقتباسات"),
        "Link": ("رابط", "روابط"),
        "Identifier": ("معرّف في نظام آخر", "معرّفات في أنظمة أخرى"),
        "OtherName": ("اسم آخر", "أسماء أخرى"),
        "Text": ("نص بكل اللغات", "نصوص بكل اللغات"),
        "PartialText": ("نص قد تنقصه ترجمة", "نصوص قد تنقصها ترجمة"),
    },
)

WORDS: dict[str, _Words] = {"en": _EN, "ar": _AR}


# --- Markdown -----------------------------------------------------------------------------------

_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.DOTALL)
_PROSE_SPECIAL = re.compile(r"([\\`*_\[\]|#!])")


def _escape_prose(text: str) -> str:
    """Text that Markdown shows exactly as written, also inside a table cell."""
    text = html.escape(text, quote=False)
    return _PROSE_SPECIAL.sub(r"\\\1", text)


def code(text: str, lang: str) -> str:
    """`text` as inline code; in a right-to-left page, isolated so it keeps its own order."""
    if "|" in text or "`" in text:
        # A pipe splits table cells inside a code span on some renderers and not on others.
        span = "<code>" + html.escape(text).replace("|", "&#124;") + "</code>"
    else:
        span = f"`{text}`"
    return f"<bdi>{span}</bdi>" if lang == "ar" else span


def _prose(text: str, lang: str) -> str:
    """Hand-written page text: Markdown already, but its code is isolated in Arabic."""
    if lang != "ar":
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
        out.append(code(match.group(2), "en"))
        last = match.end()
    out.append(_escape_prose(text[last:]))
    return "".join(out)


def _english(text: str, lang: str) -> str:
    """English text from the declaration; in the Arabic page, set left to right."""
    rendered = markdown_text(text)
    return f'<span dir="ltr">{rendered}</span>' if lang == "ar" else rendered


def anchor(model: type[BaseModel]) -> str:
    """The stable anchor of a model's section, the same in every language."""
    prefix = "kind" if model in MODELS.values() else "part"
    name = re.sub(r"(?<!^)(?=[A-Z])", "-", model.__name__).lower()
    return f"{prefix}-{name}"


# --- types in plain words ---------------------------------------------------------------------

_ALIASES: tuple[tuple[Any, str], ...] = (
    (Slug, "slug"),
    (Date, "date"),
    (CountryCode, "country"),
    (CurrencyCode, "currency"),
    (LanguageCode, "language"),
    (Url, "url"),
)


def _alias_name(metadata: Sequence[Any]) -> str | None:
    """Which of the format's named scalar types carries this metadata, if any."""
    for alias, name in _ALIASES:
        wanted = get_args(alias)[1:]
        if all(item in metadata for item in wanted):
            return name
    return None


def _constraints(info: FieldInfo, words: _Words) -> list[str]:
    found = []
    is_list = get_origin(info.annotation) is list
    for item in info.metadata:
        if isinstance(item, annotated_types.MinLen):
            n = item.min_length
            found.append(words.not_empty if n == 1 and not is_list else words.at_least.format(n=n))
        elif isinstance(item, annotated_types.Gt):
            found.append(words.greater_than.format(n=item.gt))
    return found


def _joined(values: Sequence[str], lang: str, words: _Words, last: str | None = None) -> str:
    items = [code(value, lang) for value in values]
    if last is None or len(items) < 2:
        return words.separator.join(items)
    return words.separator.join(items[:-1]) + last + items[-1]


def _model_link(model: type[BaseModel], lang: str, plural: bool) -> str:
    words = WORDS[lang]
    label = words.models.get(model.__name__, (model.__name__, model.__name__))[plural]
    return f"[{label}](#{anchor(model)})"


def type_words(
    annotation: Any,
    metadata: Sequence[Any],
    lang: str,
    references: str | None = None,
    plural: bool = False,
) -> str:
    """A field's type in plain words, e.g. 'list of person ids' or 'date (YYYY, ...)'."""
    words = WORDS[lang]
    alias = _alias_name(metadata)
    if alias == "language":
        return words.language.format(values=_joined(LANGUAGE_CODES, lang, words))
    if alias is not None:
        pair: tuple[str, str] = getattr(words, alias)
        return _prose(pair[plural], lang)
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return type_words(base, [*metadata, *extra], lang, references, plural)
    if origin in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1:
            return type_words(args[0], metadata, lang, references, plural)
    if origin is list:
        (item,) = get_args(annotation)
        items = type_words(item, [], lang, references, plural=True)
        return words.list_of.format(items=items)
    if origin is Literal:
        values = [str(value) for value in get_args(annotation)]
        return words.one_of.format(values=_joined(values, lang, words))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [str(member.value) for member in annotation]
        return words.one_of.format(values=_joined(values, lang, words))
    if annotation is Text or annotation is PartialText:
        template = (words.text_all if annotation is Text else words.text_partial)[plural]
        langs = _joined(LANGUAGE_CODES, lang, words, last=words.langs_joiner[1])
        return f"[{template.format(langs=langs)}](#{anchor(annotation)})"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        link = _model_link(annotation, lang, plural)
        return link
    if annotation is str:
        if references is not None:
            return words.ids[references][plural]
        return words.text[plural]
    if annotation is bool:
        return _prose(words.boolean, lang)
    if annotation is int:
        return words.integer[plural]
    if annotation is float:
        return words.number[plural]
    raise TypeError(
        f"no words for the type {annotation!r}; add them to generator/data/reference.py"
    )


def field_type(info: FieldInfo, lang: str) -> str:
    """The type column of a field: its type in words, then its constraints."""
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    target = extra.get("x-references")
    references = target if isinstance(target, str) else None
    words = type_words(info.annotation, info.metadata, lang, references)
    constraints = _constraints(info, WORDS[lang])
    return f"{words} ({WORDS[lang].separator.join(constraints)})" if constraints else words


def field_required(info: FieldInfo, lang: str) -> str:
    words = WORDS[lang]
    if info.is_required():
        return words.required
    default = info.get_default(call_default_factory=False)
    if info.default_factory is not None or default is None:
        return words.optional
    shown = str(default).lower() if isinstance(default, bool) else str(default)
    return words.default.format(value=code(shown, lang))


# --- the page -------------------------------------------------------------------------------


def part_models() -> list[type[BaseModel]]:
    """The models used inside the kinds, in order of first use."""
    found: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        for info in model.model_fields.values():
            for inner in _models_in(info.annotation):
                if inner not in found and inner not in MODELS.values():
                    found.append(inner)
                    visit(inner)

    for kind in KINDS:
        visit(MODELS[kind])
    return found


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in get_args(annotation):
        yield from _models_in(arg)


def _description(model: type[BaseModel]) -> str:
    return inspect.cleandoc(model.__doc__ or "")


def _heading(model: type[BaseModel], lang: str) -> str:
    name = model.__name__
    if lang == "ar":
        label = WORDS[lang].models.get(name, (name, name))[0]
        return f'### <a id="{anchor(model)}"></a>{label} <bdi>{name}</bdi>'
    return f'### <a id="{anchor(model)}"></a>{name}'


def _table(model: type[BaseModel], lang: str) -> list[str]:
    words = WORDS[lang]
    lines = [
        "| " + " | ".join(words.header) + " |",
        "| --- | --- | --- | --- |",
    ]
    for name, info in model.model_fields.items():
        cells = (
            code(name, lang),
            field_type(info, lang),
            field_required(info, lang),
            _english(info.description or "", lang),
        )
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _section(model: type[BaseModel], lang: str, kind: str | None = None) -> list[str]:
    lines = [_heading(model, lang), ""]
    if kind is not None:
        path = code(f"site_data/{kind}/<id>.yml", lang)
        schema = code(f"schemas/{schema_file_name(kind)}", lang)
        lines += [WORDS[lang].file_line.format(path=path, schema=schema), ""]
    description = _description(model)
    if description:
        lines += [_english(description, lang), ""]
    return [*lines, *_table(model, lang), ""]


def render_reference(lang: str) -> str:
    """The reference page of the data format, as Markdown, in `lang` ('en' or 'ar')."""
    if lang not in WORDS:
        raise ValueError(f"no reference page in {lang!r}; available: {', '.join(WORDS)}")
    words = WORDS[lang]
    lines = [f"# {words.title}", ""]
    for paragraph in words.intro:
        lines += [_prose(paragraph, lang), ""]
    lines += [f"## {words.conventions_heading}", ""]
    lines += [f"- {_prose(item, lang)}" for item in words.conventions]
    lines += ["", f"## {words.kinds_heading}", "", _prose(words.kinds_intro, lang), ""]
    for kind in KINDS:
        lines += _section(MODELS[kind], lang, kind)
    lines += [f"## {words.parts_heading}", "", _prose(words.parts_intro, lang), ""]
    for model in part_models():
        lines += _section(model, lang)
    return "\n".join(lines).rstrip("\n") + "\n"
