"""`mkdocs build --dirty --strict`, for an incremental publish: MkDocs builds again only the
pages whose Markdown is newer than their HTML in the work site (`mkdocs.worksite`).

Run as `python -m generator.mkdocs.dirty CONFIG` by `mkdocs.builds.run_mkdocs`. Not MkDocs'
own command: its dirty build warns that the navigation may be stale, a warning that
`--strict` turns into a failure. That warning is dropped here and no other: our pages outside
the navigation (people, visits...) do not change it, and any edit that could (a page of the
navigation, a template, the configuration) makes the build a full one
(generator/write/buildcache.py). The rest is MkDocs' public API: `load_config`, the plugins'
startup and shutdown events, as its command line calls them, and `build(dirty=True)`.

What a dirty build checks less: MkDocs validates a link's anchor against the pages it read,
so a page built again that links to an anchor of a page not built again is not checked
(the anchor was there in the last build, whose Markdown that page still has; an edit that
adds a link to a new anchor also changes the page that gets the anchor, which is built).
`build --check-links` checks every link and anchor of the staged site, incremental or not.
"""

from __future__ import annotations

import logging
import sys

DIRTY_WARNING = "A 'dirty' build is being performed"


class _WithoutDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


def main(argv: list[str] | None = None) -> int:
    from mkdocs import config as mkdocs_config
    from mkdocs.commands import build
    from mkdocs.exceptions import Abort

    (config_file,) = sys.argv[1:] if argv is None else argv
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger.addHandler(handler)
    # On the logger that makes the record: a filter there stops it before the strict mode's
    # counter (a handler of the "mkdocs" logger) sees it.
    logging.getLogger(build.__name__).addFilter(_WithoutDirtyWarning())
    config = mkdocs_config.load_config(config_file=config_file, strict=True)
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build.build(config, dirty=True)
    except Abort as error:
        print(f"Aborted: {error}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
