"""The Data page (`data.md`) of each language: the downloads, what every column holds, and the
feeds and cards (`generator.feeds`).

Rendered from the declaration of the files (`generator.downloads.tables`), so the page cannot
drift from what the files contain: a new column is documented by the same change that adds it.
Its words are in the catalogs (`data_page_*`; the notes numbered `data_page_csv_note_1`, ...).
"""

from __future__ import annotations

import re

from generator.data.dataset import Dataset
from generator.downloads.export import DATA_DIR, JSON_FILE
from generator.downloads.tables import TABLES, row_count
from generator.feeds.atom import LATEST
from generator.languages import i18n, language
from generator.render.environment import front_matter, isolate_numbers
from generator.render.urls import SITE_FEED

PAGE = "data.md"


_CODE = re.compile(r"`[^`]+`")


def _isolate_code(text: str, lang: str) -> str:
    """Code spans keep their own order in right-to-left text: `2025-11-25`, not 25-11-2025."""
    if language(lang).direction != "rtl":
        return text
    return _CODE.sub(lambda match: f"<bdi>{match.group(0)}</bdi>", text)


def _notes(lang: str, prefix: str) -> list[str]:
    """The numbered labels `prefix_1`, `prefix_2`, ... of the catalog, in order."""
    notes: list[str] = []
    while f"{prefix}_{len(notes) + 1}" in i18n.catalog(lang):
        notes.append(i18n.label(lang, f"{prefix}_{len(notes) + 1}"))
    return notes


def render_data_page(dataset: Dataset, lang: str) -> str:
    """The Data page of one language, as Markdown."""

    def words(key: str) -> str:
        return i18n.label(lang, f"data_page_{key}")

    title = words("title")
    lines = [
        str(front_matter({"title": title, "sijill_source": ""})),
        "",
        f"# {title}",
        "",
        words("intro"),
    ]
    lines += ["", f"## {words('downloads')}", ""]
    lines.append(f"- [`{JSON_FILE}`]({DATA_DIR}/{JSON_FILE}): {words('json_line')}")
    for table in TABLES:
        count = isolate_numbers(i18n.format_number(row_count(table, dataset), lang), lang)
        rows = i18n.label(lang, "data_page_rows", count=count)
        line = i18n.label(
            lang, "data_page_csv_line", description=table.description[lang], rows=rows
        )
        lines.append(f"- [`{table.file}`]({DATA_DIR}/{table.file}): {line}")
    lines += ["", f"## {words('csv_heading')}", ""]
    lines += [f"- {_isolate_code(note, lang)}" for note in _notes(lang, "data_page_csv_note")]
    for table in TABLES:
        lines += ["", f"### `{table.file}`", "", table.description[lang], ""]
        lines += [f"| {words('column')} | {words('holds')} |", "|---|---|"]
        for column in table.columns:
            separator = i18n.label(lang, "list_separator")
            headers = separator.join(f"`{header}`" for header in column.headers())
            description = _isolate_code(column.description[lang], lang)
            lines.append(f"| {_isolate_code(headers, lang)} | {description} |")
    lines += ["", f"## {words('json_heading')}", ""]
    lines += [f"- {_isolate_code(note, lang)}" for note in _notes(lang, "data_page_json_note")]
    lines += ["", f"## {words('feeds_heading')}", ""]
    count = isolate_numbers(i18n.format_number(LATEST, lang), lang)
    feeds = i18n.label(lang, "data_page_feeds_line", path=SITE_FEED, count=count)
    lines.append(f"- {_isolate_code(feeds, lang)}")
    lines += [f"- {_isolate_code(note, lang)}" for note in _notes(lang, "data_page_feeds_note")]
    return "\n".join(lines) + "\n"
