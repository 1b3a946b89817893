"""The thin MkDocs layer: event handlers only, each calling into the pure core.

Registered by the per-language configs that `python -m generator build` writes. Settings come
from `extra.sijill` in that config: the page's language, the other languages' site roots, and
where the hand-written pages live.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from generator.languages import language
from generator.redirects import write_redirects
from generator.searchnorm import normalise_index


def _settings(config: Any) -> dict[str, Any]:
    settings: dict[str, Any] = config["extra"]["sijill"]
    return settings


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    settings = _settings(config)
    # The switcher leads to the same page in the other language: both trees share paths.
    config["extra"]["alternate"] = [
        {"name": alt["name"], "lang": alt["lang"], "link": alt["root"] + page.url}
        for alt in settings["alternates"]
    ]
    # "Edit this page" opens what the page is made from: its YAML file, the template of an
    # index, or the hand-written Markdown under content/<lang>/.
    source = page.meta.get("sijill_source") or f"{settings['content_dir']}/{page.file.src_uri}"
    edit_base = (config["extra"].get("sijill_repository") or {}).get("edit_base")
    if edit_base:
        page.edit_url = f"{edit_base}{source}"
    return context


_HTML_TAG = re.compile(r"<html\b([^>]*)>")


def on_post_page(output: str, page: Any, config: Any) -> str:
    # Material puts dir only on <body>; screen readers and CSS :dir() read it on <html>.
    lang = language(_settings(config)["lang"])

    def add_dir(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if " dir=" in attributes:
            return match.group(0)
        return f'<html{attributes} dir="{lang.direction}">'

    return _HTML_TAG.sub(add_dir, output, count=1)


def on_post_build(config: Any) -> None:
    # Both languages: English pages carry Arabic names too.
    normalise_index(Path(config["site_dir"]))
    settings = _settings(config)
    redirects_file = Path(settings.get("redirects_file", ""))
    if redirects_file.is_file():
        redirects = json.loads(redirects_file.read_text(encoding="utf-8"))
        write_redirects(
            Path(config["site_dir"]),
            redirects,
            language(settings["lang"]),
            directory_urls=bool(config["use_directory_urls"]),
        )
