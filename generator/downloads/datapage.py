"""The Data page (`data.md`) of each language: the downloads, and what every column holds.

Rendered from the declaration of the files in `generator.downloads.export`, so the page cannot
drift from what the files contain: a new column is documented by the same change that adds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.downloads.export import DATA_DIR, JSON_FILE, TABLES, row_count
from generator.languages import LANGUAGE_CODES, i18n, language
from generator.render.helpers import front_matter, isolate_numbers

PAGE = "data.md"


@dataclass(frozen=True)
class _Words:
    title: str
    intro: str
    downloads: str
    json_line: str
    csv_line: str  # {description} {rows}
    rows: str  # {count}
    csv_heading: str
    csv_notes: tuple[str, ...]
    json_heading: str
    json_notes: tuple[str, ...]
    header: tuple[str, str]


_EN = _Words(
    title="Data",
    intro=(
        "Everything this site shows is also available as data, made from the same files by "
        "the same build. Like the pages, the data names the sources of every fact."
    ),
    downloads="Downloads",
    json_line="all of it, as Popolo JSON: persons, organizations, memberships, and the visits "
    "as events, each with its sources.",
    csv_line="{description} {rows}",
    rows="(rows: {count})",
    csv_heading="The CSV files",
    csv_notes=(
        "Encoding UTF-8 with a byte-order mark, so that Excel shows Arabic correctly; "
        "lines end in CRLF and quoting follows RFC 4180.",
        "A text has one column per language: `name__en`, `name__ar`. A cell is empty where "
        "the text is not known or not yet translated.",
        "Several ids in one cell are separated by `;`, several names by `; `.",
        "Dates are as precise as the source: `2025`, `2025-10` or `2025-11-25`.",
        "Rows are in order of id, so the same data always gives the same files.",
        "A cell whose text begins with `=`, `+`, `-` or `@` (or their full-width forms such "
        "as `＝`, even after spaces or apostrophes), or with a tab or a carriage return, starts "
        "with an apostrophe `'` that is not part of the data, so that a spreadsheet shows it as "
        "text instead of running it as a formula; remove that first `'` to get the value. "
        "Plain numbers such as `-3` are left as they are. The JSON file has every value "
        "unchanged.",
    ),
    json_heading="The JSON file",
    json_notes=(
        "It follows [Popolo](https://www.popoloproject.com/): `persons`, `organizations`, "
        "`memberships` and `events` (the visits, with `attendees` in the role `visitor` or "
        "`host`).",
        "Popolo has one string per text: it holds the English text. Every translated text is "
        "also given in all languages under the same key prefixed with `sijill:`, e.g. "
        '`"sijill:name": {"en": …, "ar": …}`; names in other languages are also in '
        '`other_names` with `"note": "multilingual"`.',
        "What Popolo has no key for is under `sijill:` keys: the sources (`sijill:sources`), "
        "and each visit's countries, places, topics, meetings, outcomes and quotes.",
        "Each `sources` entry links to the source and names its id in `sijill:source`.",
    ),
    header=("Column", "What it holds"),
)

_AR = _Words(
    title="البيانات",
    intro=(
        "كل ما يعرضه هذا الموقع متاح أيضًا بيانات، مصنوعة من الملفات نفسها وبالبناء نفسه. "
        "ومثل الصفحات، تذكر البيانات مصادر كل واقعة."
    ),
    downloads="التنزيلات",
    json_line="البيانات كلها بصيغة Popolo JSON: الأشخاص والجهات والمناصب، والزيارات بوصفها "
    "أحداثًا، كلٌّ مع مصادره.",
    csv_line="{description} {rows}",
    rows="(عدد الصفوف: {count})",
    csv_heading="ملفات CSV",
    csv_notes=(
        "الترميز UTF-8 مع علامة ترتيب البايتات كي يعرض Excel العربية عرضًا صحيحًا؛ "
        "وتنتهي الأسطر بـ CRLF ويتبع الاقتباس المعيار RFC 4180.",
        "للنص عمود لكل لغة: `name__en` و`name__ar`. وتكون الخلية فارغة حيث النص غير معروف "
        "أو لم يُترجم بعد.",
        "تفصل `;` بين المعرّفات المتعددة في خلية واحدة، و`; ` بين الأسماء.",
        "التواريخ بدقة المصدر: `2025` أو `2025-10` أو `2025-11-25`.",
        "الصفوف مرتّبة حسب المعرّف، فتعطي البيانات نفسها الملفات نفسها دائمًا.",
        "إذا بدأ نص الخلية بـ `=` أو `+` أو `-` أو `@` (ولو بصيغته كاملة العرض مثل `＝`، "
        "أو بعد مسافات أو فواصل عليا)، أو بمحرف الجدولة (Tab) أو بمحرف إرجاع العربة (CR)، "
        "سُبقت الخلية بفاصلة عليا `'` ليست من البيانات، كي يعرضها برنامج الجداول نصًّا بدل أن "
        "ينفّذها صيغةً؛ احذف هذه الفاصلة العليا الأولى لتحصل على القيمة. أما الأعداد المجرّدة "
        "مثل `-3` فتبقى كما هي. ويحتفظ ملف JSON بالقيم كلها دون تغيير.",
    ),
    json_heading="ملف JSON",
    json_notes=(
        "يتبع صيغة [Popolo](https://www.popoloproject.com/): `persons` و`organizations` "
        "و`memberships` و`events` (الزيارات، مع `attendees` بدور `visitor` أو `host`).",
        "في Popolo نص واحد لكل حقل، وهو النص الإنجليزي. ويرد كل نص مترجم أيضًا بكل اللغات "
        'تحت المفتاح نفسه مسبوقًا بـ `sijill:`، مثل `"sijill:name": {"en": …, "ar": …}`؛ '
        'وترد الأسماء باللغات الأخرى أيضًا في `other_names` مع `"note": "multilingual"`.',
        "وما ليس له مفتاح في Popolo يرد تحت مفاتيح `sijill:`: المصادر (`sijill:sources`)، "
        "وبلدا كل زيارة وأماكنها وموضوعاتها ولقاءاتها ونتائجها وتصريحاتها.",
        "كل عنصر في `sources` رابط إلى المصدر، ويذكر معرّفه في `sijill:source`.",
    ),
    header=("العمود", "ما يحتويه"),
)

WORDS: dict[str, _Words] = {"en": _EN, "ar": _AR}
assert set(WORDS) == set(LANGUAGE_CODES)


_CODE = re.compile(r"`[^`]+`")


def _isolate_code(text: str, lang: str) -> str:
    """Code spans keep their own order in right-to-left text: `2025-11-25`, not 25-11-2025."""
    if language(lang).direction != "rtl":
        return text
    return _CODE.sub(lambda match: f"<bdi>{match.group(0)}</bdi>", text)


def render_data_page(dataset: Dataset, lang: str) -> str:
    """The Data page of one language, as Markdown."""
    words = WORDS[lang]
    lines = [str(front_matter({"title": words.title})), "", f"# {words.title}", "", words.intro]
    lines += ["", f"## {words.downloads}", ""]
    lines.append(f"- [`{JSON_FILE}`]({DATA_DIR}/{JSON_FILE}): {words.json_line}")
    for table in TABLES:
        count = isolate_numbers(i18n.format_number(row_count(table, dataset), lang), lang)
        rows = words.rows.format(count=count)
        line = words.csv_line.format(description=table.description[lang], rows=rows)
        lines.append(f"- [`{table.file}`]({DATA_DIR}/{table.file}): {line}")
    lines += ["", f"## {words.csv_heading}", ""]
    lines += [f"- {_isolate_code(note, lang)}" for note in words.csv_notes]
    for table in TABLES:
        lines += ["", f"### `{table.file}`", "", table.description[lang], ""]
        lines += [f"| {words.header[0]} | {words.header[1]} |", "|---|---|"]
        for column in table.columns:
            separator = i18n.label(lang, "list_separator")
            headers = separator.join(f"`{header}`" for header in column.headers())
            description = _isolate_code(column.description[lang], lang)
            lines.append(f"| {_isolate_code(headers, lang)} | {description} |")
    lines += ["", f"## {words.json_heading}", ""]
    lines += [f"- {_isolate_code(note, lang)}" for note in words.json_notes]
    return "\n".join(lines) + "\n"
