"""The files at the root of the published site, besides the two languages: the language
chooser, a bilingual 404 page, and (with a site URL) one sitemap of both languages and
robots.txt pointing to it.
"""

from __future__ import annotations

from pathlib import Path

from generator.languages import LANGUAGES
from generator.languages.i18n import label
from generator.mkdocs.heads import chooser_head, robots_txt, sitemap
from generator.mkdocs.templates import render_html, trusted
from generator.project import Project
from generator.render.urls import SiteUrls


def language_chooser(index: str = "", head: str = "") -> str:
    """The root page: every language, each in its own script and direction, with a link to
    each, in a modest style of its own (the page is outside both MkDocs sites; light or dark).
    `index` is the file name a link needs (`index.html` from file://), `head` the tags of
    heads.chooser_head (without them, plain hreflang alternates)."""
    return render_html(
        "language_chooser.html.j2",
        languages=LANGUAGES,
        index=index,
        head=trusted(head),
        site_names=[label(lang.code, "site_name") for lang in LANGUAGES],
        # Each language's "Choose a language", in its own language and direction.
        titles=[(lang, label(lang.code, "language_chooser_title")) for lang in LANGUAGES],
    )


def root_not_found(urls: SiteUrls | None) -> str:
    """The root `404.html`, in every language: hosts serve it for any missing address, at any
    depth, so its links are absolute (or root-relative without a site URL)."""
    sections = [
        {
            "lang": lang,
            "href": urls.languages[lang.code] if urls else f"/{lang.code}/",
            **{key: label(lang.code, f"not_found_{key}") for key in ("title", "text", "home")},
        }
        for lang in LANGUAGES
    ]
    return render_html("404.html.j2", sections=sections)


def write_root_files(project: Project, staging: Path, urls: SiteUrls | None) -> None:
    """The root files of the site built in `staging`; the sitemap lists the generated pages."""
    head = chooser_head(urls) if urls else ""
    files = {"index.html": language_chooser(head=head), "404.html": root_not_found(urls)}
    if urls:
        pages = {
            lang.code: {
                path.relative_to(project.docs_dir(lang.code)).as_posix()
                for path in project.docs_dir(lang.code).rglob("*.md")
            }
            for lang in LANGUAGES
        }
        files["sitemap.xml"] = sitemap(pages, urls)
        files["robots.txt"] = robots_txt(urls)
    for name, text in files.items():
        (staging / name).write_text(text, encoding="utf-8")
