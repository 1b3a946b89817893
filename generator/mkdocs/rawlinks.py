"""Links in raw HTML (the pictures' marks, `generator/pictures/`) point at Markdown files, as
the Markdown around them does; MkDocs rewrites the Markdown's links and leaves raw HTML alone.
This turns each such `href="../visits/x.md"` into the built page's address, relative to the
page, the way MkDocs does for Markdown links (its own `File.url_relative_to`), so they follow
`use_directory_urls` (the site) and its absence (the offline bundle) alike."""

from __future__ import annotations

import posixpath
import re
from typing import Any

# Only what the generator writes: a relative path to a .md file, with an anchor or not.
_MD_HREF = re.compile(r'href="((?:\.\./|[\w-]+/)*[\w.-]+\.md)(#[^"]*)?"')


def resolve_md_links(html: str, page: Any, files: Any) -> str:
    if ".md" not in html:
        return html
    folder = posixpath.dirname(page.file.src_uri)

    def resolved(match: re.Match[str]) -> str:
        path = posixpath.normpath(posixpath.join(folder, match.group(1)))
        target = files.get_file_from_path(path)
        if target is None:  # not a page of this site: left as written, for the link check
            return match.group(0)
        return f'href="{target.url_relative_to(page.file)}{match.group(2) or ""}"'

    return _MD_HREF.sub(resolved, html)
