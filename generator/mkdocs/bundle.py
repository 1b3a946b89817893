"""The offline bundle: both languages in one zip, to unzip anywhere and open from file://.

Built like the published site (same data, same pages, strict MkDocs builds side by side) but
with `use_directory_urls: false` and its own search: on file:// browsers refuse Pagefind's
modules and WebAssembly and Material's Web Worker, so the bundle's index is a set of classic
scripts that a query loads the parts of (`generator.search`, made after each language's
build). Nothing in the bundle asks the network for anything.

The zip is deterministic: entries sorted, every timestamp the build's epoch (the last commit
of the data), fixed permissions, no extra fields; the same data gives the same bytes.

The steps in order are `generator.pipeline.bundle`; here are the bundle's own parts: its name,
what is left out of it, and the zip.
"""

from __future__ import annotations

import os
import re
import time
import zipfile
from pathlib import Path

from generator.mkdocs.builds import FALLBACK_EPOCH
from generator.mkdocs.configs import base_config
from generator.project import Project

# Files of a language's site that mean nothing from file://: a 404 page is served by a web
# server, sitemaps are for crawlers (and Material's script, beside the feeds: generator/feeds),
# source maps for debugging Material (two thirds of its JavaScript's weight).
_NOT_OFFLINE = (
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
    "feeds/**/sitemap.xml",
    "assets/**/*.map",
    # Material's lunr search: the bundle searches with its own index (generator/search); an
    # empty search/search_index.js stays, for Material's script reads it.
    "assets/javascripts/lunr/**/*",
    "assets/javascripts/workers/*",
)


def bundle_name(project: Project) -> str:
    """`<site_name>-offline.zip` from mkdocs.yml: "Sijill" -> "sijill-offline.zip"."""
    name = str(base_config(project).get("site_name") or "site")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "site"
    return f"{slug}-offline.zip"


def drop_online_files(staging: Path) -> None:
    """Remove from each language's site what means nothing from file:// (`_NOT_OFFLINE`)."""
    for lang_dir in sorted(path for path in staging.iterdir() if path.is_dir()):
        for pattern in _NOT_OFFLINE:
            for unwanted in lang_dir.glob(pattern):
                if unwanted.is_file():
                    unwanted.unlink()
        for folder in sorted(lang_dir.rglob("*"), reverse=True):  # the deepest first
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()


def write_zip(source: Path, target: Path, folder: str, epoch: int) -> None:
    """Zip every file under `source` into `folder/` of the archive, deterministically, and
    replace `target` only once the archive is complete."""
    # Zip holds local times from 1980 on, to two seconds; UTC keeps it machine-independent.
    date_time = time.gmtime(max(epoch, FALLBACK_EPOCH))[:6]
    files = sorted(
        (path.relative_to(source).as_posix(), path) for path in source.rglob("*") if path.is_file()
    )
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, path in files:
                info = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so that the permissions below are read
                info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(partial, target)
    except BaseException:
        # A full disk or a stop half-way: no half-written archive left beside the bundles.
        partial.unlink(missing_ok=True)
        raise
