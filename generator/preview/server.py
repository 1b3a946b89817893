"""Live preview of one language: MkDocs' site kept in memory, only the changed pages rebuilt.

`mkdocs serve --dirty` rebuilds far more than the pages that changed: on every change it
loads the config again, lists and reads the navigation of every page, and writes the whole
search index; at 14,000 pages a language that took 9–12 s, however small the edit. This
process builds the site once with MkDocs, keeps what the build made (files, navigation, the
theme's environment), and when files of the docs folder change (the generator rewrites only
the pages an edit touched), renders and writes only those pages again, with MkDocs' own
page functions and our hooks, then lets the browser reload. A page added or removed, or a
changed config, means a full build, as `mkdocs serve` does.

What it leaves out: the search index is the one of the last full build (a changed page is
found under its old words until the next one).

Run by `python -m generator serve`, one process per language:
`python -m generator.preview.server CONFIG HOST:PORT`. SIGTERM stops it as Ctrl-C does: the port
is let go and the temporary site removed.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from generator.parallel import sigterm_as_interrupt
from generator.write.writer import file_entries

log = logging.getLogger("mkdocs.sijill.preview")

Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file below `folder` (relative POSIX path) with its modification time and size;
    files whose name starts with a dot (the generator's half-written files) left out."""
    start = len(str(folder)) + 1
    found: Snapshot = {}
    for entry in file_entries(folder):
        if not entry.name.startswith("."):
            info = entry.stat(follow_symlinks=False)
            found[entry.path[start:].replace(os.sep, "/")] = (info.st_mtime_ns, info.st_size)
    return found


class _Capture(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Keeps what a MkDocs build makes and then lets go: the files, navigation and
    environment that rebuilding one page needs."""

    files: Files | None = None
    nav: Navigation | None = None
    env: Any = None

    def on_nav(self, nav: Navigation, /, *, config: Any, files: Files) -> Navigation:
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        self.env = env
        return env


class LiveSite:
    """One language's site: built in full once, then page by page."""

    def __init__(self, config_file: Path, site_dir: Path, serve_url: str) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.serve_url = serve_url
        self.config: Any = None
        self.capture = _Capture()
        self.docs_dir = Path()
        self.seen: Snapshot = {}
        self.config_stamp: tuple[int, int] | None = None

    def _config_stamp(self) -> tuple[int, int]:
        info = self.config_file.stat()
        return info.st_mtime_ns, info.st_size

    def full_build(self) -> None:
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = self.serve_url
        self.capture = _Capture()
        config.plugins["sijill/preview"] = self.capture
        config.plugins.on_startup(command="serve", dirty=False)
        self.config_stamp = self._config_stamp()
        self.docs_dir = Path(config.docs_dir)
        # Taken before the build: a change made while it runs is picked up by the next one.
        self.seen = snapshot(self.docs_dir)
        mkdocs_build.build(config, serve_url=self.serve_url)
        self.config = config

    def update(self) -> list[str]:
        """Rebuild what changed in the docs folder since the last build; return what was
        rebuilt (every page: "*")."""
        now = snapshot(self.docs_dir)
        changed = sorted(path for path, stamp in now.items() if self.seen.get(path) != stamp)
        if (
            self.config is None
            or now.keys() != self.seen.keys()
            or self._config_stamp() != self.config_stamp
        ):
            self.full_build()
            return ["*"]
        self.rebuild(changed)
        # Only now: after a failure the same pages are tried again at the next change.
        self.seen = now
        return changed

    def rebuild(self, changed: Sequence[str]) -> None:
        """Render and write the pages (and copy the other files) at these docs paths."""
        config, capture = self.config, self.capture
        files, nav, env = capture.files, capture.nav, capture.env
        assert files is not None and nav is not None and env is not None, "no full build yet"
        pages = []
        for src in changed:
            file = files.get_file_from_path(src)
            if file is None:
                continue
            if file.is_documentation_page() and file.page is not None:
                mkdocs_build._populate_page(file.page, config, files)
                pages.append(file.page)
            else:
                file.copy_file()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for page in pages:
            mkdocs_build._build_page(page, config, doc_files, nav, env)


def serve(config_file: Path, host: str, port: int) -> int:
    logging.basicConfig(format="%(levelname)-7s -  %(message)s", level=logging.INFO)
    # Mounted where the config's site_url says, as mkdocs serve does (/en/, /ar/).
    mount_path = urlsplit(load_config(config_file=str(config_file)).site_url or "/").path or "/"
    serve_url = _serve_url(host, port, mount_path)
    site_dir = Path(tempfile.mkdtemp(prefix="sijill-preview-"))
    site = LiveSite(config_file, site_dir, serve_url)

    def builder() -> None:
        started = time.perf_counter()
        rebuilt = site.update()
        what = "everything" if rebuilt == ["*"] else f"{len(rebuilt)} file(s)"
        log.info(f"rebuilt {what} in {time.perf_counter() - started:.2f} s")

    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=str(site_dir), mount_path=mount_path
    )

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        site.full_build()
        server.watch(str(site.docs_dir))
        server.watch(str(config_file))
        try:
            server.serve()  # type: ignore[no-untyped-call]
        finally:
            server.shutdown()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        if site.config is not None:
            site.config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("config", type=Path, help="a per-language MkDocs config")
    parser.add_argument("address", help="HOST:PORT to serve on")
    args = parser.parse_args(argv)
    host, _, port = args.address.rpartition(":")
    with sigterm_as_interrupt():
        return serve(args.config, host or "127.0.0.1", int(port))


if __name__ == "__main__":
    sys.exit(main())
