"""Every internal link and anchor of a built site, checked against the files it points at.

`broken_links(site_dir, site_url)` parses each HTML page once, collects its ids and its links
(`<a href>`, `<link href>`, `<script src>`, `<img src>`), resolves each internal one the way a
browser would — relative to the page, `dir/` to `dir/index.html`, `{site_url}x` and `/x` to the
site's root (`/x` only when site_url's path is `/`: on a site under `/<repo>/`, `/x` leads out
of it) — and returns one line per link that leads nowhere or to a missing anchor.
External links (another host, `mailto:`...) are not fetched: the check needs no network.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.project import BuildError

_LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(str(values[name]))
        attribute = _LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute):
            self.links.append(str(values[attribute]))


class _OutsideTheSite(Exception):
    """A root-relative link above the site's path: it leads out of the site."""


@dataclass
class _Site:
    root: Path
    site_url: str
    directory_index: bool = True
    pages: dict[Path, _Page] = field(default_factory=dict)

    def page(self, path: Path) -> _Page:
        if path not in self.pages:
            parser = _Page()
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
            self.pages[path] = parser
        return self.pages[path]

    @property
    def base_path(self) -> str:
        return urlsplit(self.site_url).path or "/"

    def target(self, page: Path, href: str) -> tuple[str, str] | None:
        """The link as (path from the site's root, fragment), or None when it leaves the site
        for another host; _OutsideTheSite for a path on this host outside the site's."""
        from_root = False
        if self.site_url and href.startswith(self.site_url):
            href, from_root = href[len(self.site_url) :], True
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None
        path = unquote(parts.path)
        if path.startswith("/"):
            # Root-relative, as in 404 pages: the site's root is site_url's path, and a path
            # outside it is another site's (a project site on GitHub Pages is under /<repo>/).
            if path + "/" == self.base_path:  # "/repo": the host redirects it to "/repo/"
                path = self.base_path
            if not path.startswith(self.base_path):
                raise _OutsideTheSite(self.base_path)
            path, from_root = path[len(self.base_path) :], True
        if not path and not from_root:
            resolved = page.relative_to(self.root).as_posix()
        else:
            here = "" if from_root else page.relative_to(self.root).parent.as_posix()
            resolved = posixpath.normpath(posixpath.join(here, path))
            resolved += "/" if path.endswith("/") and resolved != "." else ""
        return resolved, unquote(parts.fragment)

    def file(self, resolved: str) -> Path | None:
        if resolved.startswith("../") or resolved == "..":
            return None
        candidate = self.root / resolved if resolved != "." else self.root
        if self.directory_index and (resolved.endswith("/") or candidate.is_dir()):
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def broken_links(site_dir: Path, site_url: str = "", directory_index: bool = True) -> list[str]:
    """`page: href (why)` for every internal link of the site that does not resolve. Without
    `directory_index` (pages opened from file://), a link to a folder is broken too."""
    site = _Site(
        site_dir.resolve(), site_url.rstrip("/") + "/" if site_url else "", directory_index
    )
    problems: list[str] = []
    for page in sorted(site.root.rglob("*.html")):
        name = page.relative_to(site.root).as_posix()
        for href in site.page(page).links:
            try:
                target = site.target(page, href)
            except _OutsideTheSite as outside:
                problems.append(f"{name}: {href} (outside the site, which is under {outside})")
                continue
            if target is None:
                continue
            resolved, fragment = target
            found = site.file(resolved)
            if found is None:
                problems.append(f"{name}: {href} (no such file: {resolved})")
            elif fragment and found.suffix == ".html" and fragment not in site.page(found).ids:
                shown = found.relative_to(site.root).as_posix()
                problems.append(f"{name}: {href} (no id {fragment!r} in {shown})")
    return problems


def check_site_links(site: Path, site_url: str = "", directory_index: bool = True) -> None:
    """Raise BuildError listing every internal link or anchor of `site` that leads nowhere."""
    problems = broken_links(site, site_url, directory_index)
    if problems:
        raise BuildError(
            f"{len(problems)} broken link(s):\n" + "\n".join(f"  {p}" for p in problems)
        )
