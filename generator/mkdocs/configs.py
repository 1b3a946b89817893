"""The MkDocs configs: the shared mkdocs.yml read for the few values the build needs, and each
language's config, written into the build folder, with what differs by language (its docs,
its site folder, its labels, its search settings, the hooks' settings).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from generator.languages import LANGUAGES, Language
from generator.languages.i18n import catalog, label
from generator.mkdocs.address import site_address
from generator.project import Project
from generator.render.urls import SiteUrls
from generator.search.ranking import RANKING

# Material templates of our own (a localized 404 page); beside templates/, like TEMPLATE_DIR.
OVERRIDES_DIR = Path(__file__).resolve().parents[2] / "overrides"

NAV = (
    ("nav_home", "index.md"),
    ("nav_people", "people/index.md"),
    ("nav_visits", "visits/index.md"),
    ("nav_countries", "countries/index.md"),
    ("nav_organizations", "organizations/index.md"),
    ("nav_sources", "sources/index.md"),
    ("nav_data", "data.md"),
    ("nav_about", "about.md"),
)


def _ignore_python_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few values we need, skipping MkDocs' python tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_python_tags)


def base_config(project: Project) -> dict[str, Any]:
    with project.config_file.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def language_config(
    project: Project,
    lang: Language,
    *,
    site_dir: Path,
    directory_urls: bool = True,
    alternate_base: dict[str, str] | None = None,
    offline: bool = False,
) -> str:
    """The per-language MkDocs config: what differs from the shared mkdocs.yml."""
    # The published site searches with Pagefind, whose index is made after the build
    # (`mkdocs.pagefind`), the offline bundle with the generator's own index in classic
    # scripts (`generator.search`, made after the build too); the live preview keeps lunr's.
    pagefind = not offline and alternate_base is None
    lunr = not pagefind and not offline
    address = site_address(project)
    site_url = address.url.rstrip("/")
    build = project.build_dir.resolve()
    # The search settings are the language's (generator/languages: lunr's language, pipeline
    # and word separator).
    plugins: list[Any] = [{"search": lang.search.plugin_config()}]
    alternates = [
        {
            "name": other.name,
            "lang": other.code,
            "root": (alternate_base or {}).get(other.code, f"../{other.code}/"),
        }
        for other in LANGUAGES
    ]
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(project.config_file.resolve(), build),
        "docs_dir": os.path.relpath(project.docs_dir(lang.code).resolve(), build),
        "site_dir": os.path.relpath(site_dir.resolve(), build),
        "site_name": label(lang.code, "site_name"),
        "site_description": label(lang.code, "site_description"),
        "copyright": label(lang.code, "copyright"),
        "use_directory_urls": directory_urls,
        "theme": {
            "language": lang.code,
            "custom_dir": os.path.relpath(OVERRIDES_DIR, build),
        },
        "nav": [{label(lang.code, key): path} for key, path in NAV],
        "plugins": plugins,
        "hooks": [os.path.relpath(Path(__file__).with_name("hooks.py"), build)],
        "extra_css": ["assets/sijill/sijill.css"],
        # The query normalisation is lunr's (the preview's); the others fold their own.
        "extra_javascript": (
            ["assets/sijill/search-normalise.js"]
            if lunr
            else ["assets/sijill/offline-search.js"]
            if offline
            else []
        ),
        "extra": {
            "sijill": {
                **_head_settings(lang, site_url, alternate_base, offline),
                "lang": lang.code,
                "permalink_title": label(lang.code, "permalink_title"),
                "search_label": label(lang.code, "search_label"),
                "feed_title": label(lang.code, "follow_head_title"),
                "site_feed_title": label(
                    lang.code, "feed_title_site", site=label(lang.code, "site_name")
                ),
                # Pagefind's filters and kinds of page, and whether its UI replaces lunr's.
                "search_labels": {
                    key: label(lang.code, key)
                    for key in sorted(catalog(lang.code))
                    if key.startswith(("search_filter_", "search_kind_"))
                },
                "pagefind": {
                    "ranking": json.dumps(RANKING),
                    "suggest": label(lang.code, "search_closest_names"),
                }
                if pagefind
                else False,
                "offline_search": {
                    "any": label(lang.code, "search_filter_any"),
                    "more": label(lang.code, "search_more"),
                    "initial": label(lang.code, "search_initial"),
                    "suggest": label(lang.code, "search_closest_names"),
                }
                if offline
                else False,
                "search_results": {
                    key: label(lang.code, key)
                    for key in ("search_result_one", "search_result_other")
                },
                "alternates": alternates,
                "content_dir": f"content/{lang.code}",
                # "Edit this page": {edit_base}{the page's file in the repository}.
                "edit_base": address.edit_base,
                "redirects_file": str(project.redirects_file.resolve()),
            },
        },
    }
    # The preview serves each language at the root of a port of its own (`alternate_base`).
    config["site_url"] = (alternate_base or {}).get(lang.code, f"{site_url}/{lang.code}/")
    header = "# Written by `python -m generator build`; edit mkdocs.yml instead.\n"
    return header + json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _head_settings(
    lang: Language,
    site_url: str,
    alternate_base: dict[str, str] | None,
    offline: bool,
) -> dict[str, Any]:
    """What the hook needs for the head tags (generator/render/seo.py) and the 404 page."""
    settings: dict[str, Any] = {
        "not_found": {
            key: label(lang.code, f"not_found_{key}") for key in ("title", "text", "home")
        },
        # Absolute hreflang links make Material fetch <link>/sitemap.xml: never from file://.
        "hreflang": not offline,
    }
    if alternate_base:  # the live preview: each language on its own port
        roots = dict(alternate_base)
        settings["urls"] = {"root": roots[LANGUAGES[0].code], "languages": roots}
    else:
        settings["urls"] = {
            "root": f"{site_url}/",
            "languages": {other.code: f"{site_url}/{other.code}/" for other in LANGUAGES},
        }
    return settings


def write_configs(project: Project, staging: Path, **options: Any) -> dict[str, Path]:
    configs = {}
    for lang in LANGUAGES:
        path = project.language_config(lang.code)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = language_config(project, lang, site_dir=staging / lang.code, **options)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        configs[lang.code] = path
    return configs


def site_urls(project: Project) -> SiteUrls:
    """Where the site and each language are published (`address.site_address`)."""
    return SiteUrls.from_site_url(site_address(project).url)
