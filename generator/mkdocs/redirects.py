"""Redirect pages from an entity's former ids to its page, so old links keep working."""

from __future__ import annotations

import posixpath
from pathlib import Path

from generator.languages import Language
from generator.languages.i18n import label
from generator.mkdocs.templates import render_html


def page_file(docs_path: str, directory_urls: bool) -> str:
    """Where MkDocs puts the page of `people/x.md`: `people/x/index.html` or `people/x.html`."""
    stem = docs_path.removesuffix(".md")
    return f"{stem}/index.html" if directory_urls else f"{stem}.html"


def page_url(docs_path: str, directory_urls: bool) -> str:
    stem = docs_path.removesuffix(".md")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def redirect_html(target: str, lang: Language) -> str:
    return render_html(
        "redirect.html.j2", lang=lang, target=target, title=label(lang.code, "redirect_title")
    )


def write_redirects(
    site_dir: Path, redirects: list[dict[str, str]], lang: Language, directory_urls: bool
) -> None:
    for redirect in redirects:
        source = page_file(redirect["from"], directory_urls)
        path = site_dir / source
        if path.exists():
            # A real page lives there; the check refuses such a former id, so never clobber.
            continue
        target_url = page_url(redirect["to"], directory_urls)
        relative = posixpath.relpath(target_url, posixpath.dirname(source) or ".")
        if directory_urls:
            relative += "/"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(redirect_html(relative, lang), encoding="utf-8")
