"""One build at a time, and no wreckage: the build folder's lock, each build's staging folder,
and the removal of what an interrupted build left.

A build, a bundle and the live preview all write below the build folder (generated pages,
MkDocs configs, staging), so each holds an OS lock on it while it runs, which the kernel lets
go when its holder ends however it ends. Whatever a killed build left is cleaned by the next
one, under that lock.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from generator.project import BuildBusy, BuildError, Progress, failing_as, os_error_text

LOCK_FILE = ".lock"

# What the refusal calls the holder of the lock, and what it advises.
_HOLDERS = {
    "build": ("another build", "wait for it to finish"),
    "bundle": ("an offline bundle build", "wait for it to finish"),
    "serve": ("a live preview (serve)", "stop it first"),
}


@dataclass(frozen=True)
class BuildLock:
    """The build folder, held by this process (and by the children given `fd`)."""

    build_dir: Path
    fd: int


@contextlib.contextmanager
def build_lock(build_dir: Path, what: str) -> Iterator[BuildLock]:
    """Hold `build_dir` for one build, bundle (`what`) or preview, or raise BuildBusy at once
    naming the holder. flock, not a file that exists or not: the kernel releases it when the
    last process holding it ends, `kill -9` included, so a killed build never leaves the
    folder locked. The lock file is never removed: a process that opened it just before its
    removal would lock a file nobody else sees."""
    with failing_as(f"use the build folder {build_dir}"):
        if build_dir.exists() and not build_dir.is_dir():
            raise BuildError(f"the build folder {build_dir} is not a folder")
        build_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(build_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildBusy(_busy_message(fd, build_dir)) from None
        with failing_as(f"use the build folder {build_dir}"):
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {what}\n".encode("ascii"), 0)
        yield BuildLock(build_dir, fd)
    finally:
        os.close(fd)


def _busy_message(fd: int, build_dir: Path) -> str:
    # The holder writes "PID WHAT" just after it locks: empty for that instant.
    fields = os.pread(fd, 100, 0).decode("ascii", errors="replace").split()
    pid = fields[0] if fields and fields[0].isdigit() else None
    holder, advice = _HOLDERS.get(fields[1] if len(fields) > 1 else "", _HOLDERS["build"])
    who = f"{holder} (pid {pid})" if pid else holder
    return f"{who} is running in {build_dir.resolve()}; {advice}"


STAGING_PREFIX = "staging-"


def new_staging(folder: Path) -> Path:
    """A folder of this build's own for MkDocs' output. Not mkdtemp: its mode 0700 would
    become the published site's, and a web server running as another user could not read it;
    mkdir honours the umask, as MkDocs' own folders do."""
    path = folder / f"{STAGING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    path.mkdir(parents=True)
    return path


def remove_path(path: Path) -> None:
    """Remove a folder, a file or a symlink (never what a symlink points to), if present."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        path.unlink()
    elif path.exists():
        shutil.rmtree(path)


def clean_leftovers(folder: Path, progress: Progress, legacy: str = "staging") -> None:
    """Remove the staging folders of builds that did not end cleanly. Only under the build
    lock: then no other build's folder can be among them. `legacy` is where builds before
    per-build staging put theirs."""
    remove_leftovers([*folder.glob(f"{STAGING_PREFIX}*"), folder / legacy], progress)


def remove_leftovers(paths: list[Path], progress: Progress) -> None:
    """Remove what interrupted builds left; what cannot be removed is said, and does not stop
    this build: it is in nobody's way."""
    removed = 0
    for path in paths:
        if path.exists() or path.is_symlink():
            try:
                remove_path(path)
            except OSError as error:
                progress(
                    f"could not remove {path}, left by an interrupted build: {os_error_text(error)}"
                )
            else:
                removed += 1
    if removed:
        progress(f"removed {removed} folder(s) left by an interrupted build")
