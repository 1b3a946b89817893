"""Where things are (`Project`), and how a build that stops says why (`BuildError` and its kinds).

The ground floor of the build: the pipeline, the MkDocs layer, the preview and the command line
all take a `Project` and raise or catch these errors; none of them knows the data format.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

# Where a build reports what it is doing: a line at a time.
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Project:
    """Where things are. Defaults are the repository's layout, relative to its root."""

    root: Path
    data_dir: Path
    content_dir: Path
    build_dir: Path
    site_dir: Path
    config_file: Path
    # False for the offline bundle (`people/x.html`): files published as they are, such as the
    # embeddable cards, link to pages in that form when there is no site_url to link to.
    directory_urls: bool = True

    @classmethod
    def at(
        cls,
        root: Path,
        data_dir: Path | None = None,
        site_dir: Path | None = None,
        build_dir: Path | None = None,
    ) -> Project:
        return cls(
            root=root,
            data_dir=data_dir or root / "site_data",
            content_dir=root / "content",
            build_dir=build_dir or root / "build",
            site_dir=site_dir or root / "site",
            config_file=root / "mkdocs.yml",
        )

    def docs_dir(self, lang: str) -> Path:
        """Each language's generated docs tree: in the build cache (`write.buildcache`), whose
        next build keeps the pages an edit of the data did not change."""
        return self.build_dir / "cache" / "docs" / lang

    def language_config(self, lang: str) -> Path:
        return self.build_dir / f"mkdocs.{lang}.yml"

    @property
    def redirects_file(self) -> Path:
        """Old page -> new page for every former id, read by the MkDocs hook."""
        return self.build_dir / "redirects.json"


class BuildError(Exception):
    """The build stopped; the message says why, and nothing already published was touched."""


class BuildBusy(BuildError):
    """Another build, bundle or preview is using the build folder; nothing was touched."""


class PublishError(BuildError):
    """Publishing stopped half-way and could not be undone: the message says where the
    published site is now (the next build puts it back)."""


def os_error_text(error: OSError) -> str:
    """`path: reason (ENAME)`, the parts of an OSError a reader acts on."""
    reason = error.strerror or str(error)
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    if name:
        reason += f" ({name})"
    where = "" if error.filename is None else str(error.filename)
    if error.filename2 is not None:
        where += f" -> {error.filename2}"
    return f"{where}: {reason}" if where else reason


@contextlib.contextmanager
def failing_as(what: str) -> Iterator[None]:
    """An OSError in this step (a full disk, a read-only folder) becomes a BuildError that
    says which step and which path: the command line reports it in a line, not a traceback."""
    try:
        yield
    except OSError as error:
        raise BuildError(f"could not {what}: {os_error_text(error)}") from error
