"""Where a feed or a card points: absolute URLs on `site_url` when the site says where it is
published (a feed reader or another site's iframe has no other way back), else links relative
to the file itself, in the form the pages are published in (`people/x/`, or `people/x.html`
in the offline bundle).

The offline bundle is generated from the same data with the same `site_url`, so its feeds and
cards point at the published site: they are for following and embedding it, not the copy.
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

from generator.render.urls import SiteUrls, published_path


@dataclass(frozen=True)
class Links:
    """The links of the files of one language's docs tree."""

    lang: str
    site_url: str = ""
    directory_urls: bool = True

    @functools.cached_property
    def urls(self) -> SiteUrls | None:
        return SiteUrls.from_site_url(self.site_url) if self.site_url else None

    def page(self, page: str, start: str) -> str:
        """The URL of a docs page (`visits/x.md`) from the file at docs path `start`."""
        if self.urls is not None:
            return self.urls.page(self.lang, page)
        if not self.directory_urls:  # people/x.md -> people/x.html
            return _relative(page.removesuffix(".md") + ".html", posixpath.dirname(start))
        return _relative(published_path(page), posixpath.dirname(start))

    def file(self, path: str, start: str) -> str:
        """The URL of a file that is published as it is (`feeds/people/x.xml`)."""
        if self.urls is not None:
            return self.urls.languages[self.lang] + path
        return _relative(path, posixpath.dirname(start))

    def identity(self, path: str) -> str:
        """A permanent IRI for Atom's `id`: the published URL, or without one a URN made of
        the language and the docs path (the same for every build of the same data)."""
        if self.urls is not None:
            return self.urls.page(self.lang, path) if path.endswith(".md") else self.file(path, "")
        return f"urn:sijill:{self.lang}:{path.removesuffix('.md')}"


@functools.lru_cache(maxsize=1 << 14)
def _relative(target: str, folder: str) -> str:
    relative = posixpath.relpath(target or ".", folder or ".")
    if target.endswith("/") or not target:
        relative = relative.rstrip("/") + "/"
    return "./" if relative == "./" or relative == "." else relative
