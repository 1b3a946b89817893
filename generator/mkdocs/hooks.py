"""The thin MkDocs layer: event handlers only, each calling into the pure core.

Registered by the per-language configs that `python -m generator build` writes. Settings come
from `extra.sijill` in that config: the page's language, the other languages' site roots, and
where the hand-written pages live.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

from generator.languages import LANGUAGES, language
from generator.mkdocs import pagememory
from generator.mkdocs.celllabels import label_cells
from generator.mkdocs.heads import head_tags
from generator.mkdocs.pagefind import mark_page, page_search
from generator.mkdocs.redirects import write_redirects
from generator.mkdocs.searchnorm import SearchSpool, normalise_entries
from generator.mkdocs.worksite import prune
from generator.render.urls import SITE_FEED, SiteUrls, feed_of, resolve_doc_links


def _settings(config: Any) -> dict[str, Any]:
    settings: dict[str, Any] = config["extra"]["sijill"]
    return settings


class _BuildState:
    """What the hooks keep from one event to the next of a MkDocs build.

    A hooks file is a module, not a plugin instance that could hold it (as mkdocs-gen-files
    keeps its state on its plugin): so one instance, `_STATE`, made by `on_startup` for the
    command MkDocs runs, and begun again by `on_pre_build` for every build (a preview builds
    many times in one process, generator/preview/server.py). Nothing else is kept between
    events."""

    def __init__(self, command: str | None, dirty: bool = False) -> None:
        self.command = command
        # An incremental publish (generator/mkdocs/dirty.py): only some pages are built.
        self.dirty = dirty
        # `mkdocs build` spools the search index to disk as it goes (searchnorm.py); a preview
        # (`mkdocs serve`) builds again and keeps the plugin's entries.
        self.spool: SearchSpool | None = None
        # In a preview: how many of the plugin's entries are normalised already.
        self.normalised = 0
        # The tab marked active for the page being rendered (see on_page_context).
        self.active_tab: Any = None

    def begin(self) -> None:
        self.spool = SearchSpool() if self.command == "build" else None
        self.normalised = 0


_STATE = _BuildState(None)  # until MkDocs starts: no spool, entries normalised in place


def on_startup(command: str, dirty: bool) -> None:
    global _STATE
    _STATE = _BuildState(command, dirty)


def on_files(files: Any, config: Any) -> Any:
    # A dirty build writes only what is newer in the docs than in the site: everything else
    # of the site folder goes first, so that MkDocs writes new files, never into one the
    # published site shares (generator/mkdocs/worksite.py).
    if _STATE.dirty:
        keep = {file.dest_uri for file in files if not file.is_modified()}
        prune(Path(config["site_dir"]), keep)
    return files


def on_pre_build(config: Any) -> None:
    _STATE.begin()


def escape_attribute(text: str) -> str:
    return html.escape(text, quote=True)


# Python-Markdown's toc writes its permalinks' title in English whatever the page.
_PERMALINK_TITLE = 'title="Permanent link"'


# Last, after any other plugin has seen the HTML: it packs the page away.
@event_priority(-100)
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    title = _settings(config).get("permalink_title")
    if title and title != "Permanent link":
        html = html.replace(_PERMALINK_TITLE, f'title="{escape_attribute(title)}"')
    html = resolve_doc_links(html, lambda path: _url_of(path, page, files))
    return pagememory.pack(page, label_cells(html))


def _url_of(path: str, page: Any, files: Any) -> str | None:
    """A docs file's URL relative to `page`, as MkDocs publishes both (None: no such file)."""
    file = files.get_file_from_path(path)
    return None if file is None else str(file.url_relative_to(page.file))


def _search_entries(config: Any) -> list[dict[str, Any]] | None:
    plugin = config["plugins"].get("material/search") or config["plugins"].get("search")
    index = getattr(plugin, "search_index", None)
    entries = getattr(index, "entries", None)
    return entries if isinstance(entries, list) else None


# Pages outside the navigation, by their first folder, and the tab they belong under.
_TAB_OF_FOLDER = {"timeline": "visits", "relations": "countries"}


def _tab_for(page: Any, nav: Any) -> Any:
    """The navigation item of the section a page outside the navigation belongs to: a
    person's page under People, a relation's under Countries. None for a page in the nav."""
    if page.parent is not None or any(item is page for item in nav.items):
        return None
    folder = page.file.src_uri.split("/", 1)[0]
    folder = _TAB_OF_FOLDER.get(folder, folder)
    for item in nav.items:
        if getattr(item, "file", None) is not None and item.file.src_uri == f"{folder}/index.md":
            return item
    return None


def on_page_context(context: Any, page: Any, config: Any, nav: Any) -> Any:
    # Material highlights the tab of the page's section; a person's page is not in the
    # navigation (there are thousands), so its section's tab is marked active for this page
    # only (undone in on_post_page: the navigation is shared by every page).
    tab = _tab_for(page, nav)
    if tab is not None:
        tab.active = True
        _STATE.active_tab = tab
    # The breadcrumbs (overrides/partials/path.html): Home › the section.
    context["sijill_section"] = tab
    # Runs after the search plugin has indexed the page (hooks come after plugins).
    entries = _search_entries(config)
    settings = _settings(config)
    if entries is not None and (settings.get("pagefind") or settings.get("offline_search")):
        # The published site searches with Pagefind, the bundle with its own index: lunr's
        # stays empty (its plugin stays on, for Material's search box, which our partial
        # replaces).
        del entries[:]
    elif entries is not None and _STATE.spool is not None:
        _STATE.spool.take(entries)
    elif entries is not None:
        normalise_entries(entries, start=_STATE.normalised)
        _STATE.normalised = len(entries)
    # The switcher leads to the same page in the other language: both trees share paths.
    config["extra"]["alternate"] = [
        {"name": alt["name"], "lang": alt["lang"], "link": alt["root"] + page.url}
        for alt in settings["alternates"]
    ]
    # "Edit this page" opens what the page is made from: its YAML file, or the hand-written
    # Markdown under content/<lang>/; a generated listing (sijill_source "") has no file.
    source = page.meta.get("sijill_source", f"{settings['content_dir']}/{page.file.src_uri}")
    edit_base = settings.get("edit_base")
    page.edit_url = f"{edit_base}{source}" if edit_base and source else None
    return context


_HTML_TAG = re.compile(r"<html\b([^>]*)>")


def _add_dir(output: str, config: Any) -> str:
    # Material puts dir only on <body>; screen readers and CSS :dir() read it on <html>.
    lang = language(_settings(config)["lang"])

    def add_dir(match: re.Match[str]) -> str:
        attributes = match.group(1)
        if " dir=" in attributes:
            return match.group(0)
        return f'<html{attributes} dir="{lang.direction}">'

    return _HTML_TAG.sub(add_dir, output, count=1)


# Material's search box is a dialog with no name: screen readers announce "dialog" alone.
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def _name_search_dialog(output: str, config: Any) -> str:
    label = escape_attribute(_settings(config).get("search_label") or "Search")
    named = _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label}"')
    return output.replace(_SEARCH_DIALOG, named, 1)


# Material's search says how many results in words of its own, which in Arabic do not agree
# with the number («33 مستندات»); the catalogs' wording replaces them in the page's settings.
_CONFIG_SCRIPT = re.compile(
    r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S
)
_RESULT_KEYS = {
    "search.result.one": "search_result_one",
    "search.result.other": "search_result_other",
}


def _search_result_words(output: str, config: Any) -> str:
    words = _settings(config).get("search_results") or {}

    def reworded(match: re.Match[str]) -> str:
        settings = json.loads(match.group(2))
        translations = settings.get("translations", {})
        for key, label in _RESULT_KEYS.items():
            if key in translations and words.get(label):
                translations[key] = words[label]
        text = json.dumps(settings).replace("</", "<\\/")
        return f"{match.group(1)}{text}{match.group(3)}"

    return _CONFIG_SCRIPT.sub(reworded, output, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    output = _search_result_words(_name_search_dialog(output, config), config)
    if _STATE.active_tab is not None:
        _STATE.active_tab.active = False
        _STATE.active_tab = None
    output = _add_feed_link(_add_head(_add_dir(output, config), page, config), page, config)
    settings = _settings(config)
    if settings.get("search_labels"):  # Pagefind's markup (generator/mkdocs/pagefind.py)
        title = html.unescape(page.title or "")
        output = mark_page(output, title, page_search(page.meta), settings["search_labels"])
    pagememory.release(page)
    return output


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return _add_dir(output_content, config) if template_name == "404.html" else output_content


# Material's own canonical, description and hreflang tags: ours replace them
# (generator/render/seo.py).
_MATERIAL_HEAD = re.compile(r'\n\s*<(?:link rel="canonical"|meta name="description") [^>]*>')
_MATERIAL_ALTERNATE = re.compile(r'\n\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def _add_head(output: str, page: Any, config: Any) -> str:
    """Canonical URL, hreflang twins, description, OpenGraph/Twitter and JSON-LD."""
    settings = _settings(config)
    if not settings.get("urls"):
        return output
    urls = SiteUrls(settings["urls"]["root"], settings["urls"]["languages"])
    docs = Path(config["docs_dir"])
    src = page.file.src_uri
    twins = [lang.code for lang in LANGUAGES if (docs.parent / lang.code / src).is_file()]
    entity = page.meta.get("sijill_head")
    tags = head_tags(
        lang=settings["lang"],
        path=src,
        title=html.unescape(page.title or ""),
        urls=urls,
        entity=json.loads(entity) if entity else None,
        languages=twins if settings.get("hreflang", True) else (),
    )
    # Material's relative alternates go too: its script fetches sitemap.xml next to each.
    head, end, body = output.partition("</head>")
    head = _MATERIAL_ALTERNATE.sub("", _MATERIAL_HEAD.sub("", head))
    return f"{head}  {tags}\n  {end}{body}"


def _add_feed_link(output: str, page: Any, config: Any) -> str:
    """`<link rel="alternate" type="application/atom+xml">` to the page's Atom feed, when the
    generator made one (generator/feeds): on the site's own URL when it has one (what a
    reader subscribes to), else relative to the page. Not in the offline bundle (no
    `hreflang` there either): Material's script fetches sitemap.xml beside every alternate
    link, which from file:// would be the published site's; its pages keep the visible link."""
    settings = _settings(config)
    feed = feed_of(page.file.src_uri)
    if feed is None or not settings.get("hreflang", True):
        return output
    if not (Path(config["docs_dir"]) / feed).is_file():
        return output
    if settings.get("urls"):
        href = settings["urls"]["languages"][settings["lang"]] + feed
    else:
        here = page.url if page.url.endswith("/") else posixpath.dirname(page.url)
        href = posixpath.relpath(feed, here or ".")
    if feed == SITE_FEED:
        title = str(settings.get("site_feed_title") or "")
    else:
        label = str(settings.get("feed_title") or "{title}")
        title = label.replace("{title}", html.unescape(page.title or ""))
    tag = (
        f'<link rel="alternate" type="application/atom+xml" '
        f'title="{escape_attribute(title)}" href="{escape_attribute(href)}">'
    )
    head, end, body = output.partition("</head>")
    return f"{head}  {tag}\n  {end}{body}" if end else output


def on_post_build(config: Any) -> None:
    # After the search plugin's own index (no entries: the spool took them), before the
    # offline plugin copies it into search_index.js. Both languages are normalised: English
    # pages carry Arabic names too.
    spool = _STATE.spool
    settings = _settings(config)
    lunr_index = Path(config["site_dir"]) / "search" / "search_index.json"
    if settings.get("offline_search") and lunr_index.is_file():
        # The bundle searches with its own index (generator/search), but Material's script
        # still reads lunr's on file://, as a script: an empty one, as its offline plugin
        # writes it.
        empty = lunr_index.read_text(encoding="utf-8")
        lunr_index.with_suffix(".js").write_text(f"var __index = {empty}", encoding="utf-8")
    if settings.get("pagefind") or settings.get("offline_search"):
        # Pagefind's index (generator/mkdocs/pagefind.py) or the bundle's own replaces lunr's.
        lunr_index.unlink(missing_ok=True)
        spool = _STATE.spool = None
    if spool is not None and (Path(config["site_dir"]) / "search" / "search_index.json").is_file():
        spool.write(Path(config["site_dir"]))
        _STATE.spool = None
    redirects_file = Path(settings.get("redirects_file", ""))
    if redirects_file.is_file():
        redirects = json.loads(redirects_file.read_text(encoding="utf-8"))
        write_redirects(
            Path(config["site_dir"]),
            redirects,
            language(settings["lang"]),
            directory_urls=bool(config["use_directory_urls"]),
        )
