"""Publishing: the new site put in the place of the old in one step, so that a kill at any moment
leaves a complete site (the old one or the new one), and the repair of a publish cut in two.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from generator.mkdocs.lock import remove_leftovers, remove_path
from generator.project import BuildError, Progress, PublishError, failing_as, os_error_text

# renameat2(2): AT_FDCWD resolves relative paths from the working folder, RENAME_EXCHANGE
# swaps two existing paths in one step.
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _find_renameat2() -> Callable[..., int] | None:
    if sys.platform != "linux":
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without it (glibc before 2.28, musl)
        return None
    function.argtypes = [
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_uint,
    ]
    function.restype = ctypes.c_int
    found: Callable[..., int] = function
    return found


_RENAMEAT2 = _find_renameat2()


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False where the system cannot (not Linux, a C
    library or kernel without renameat2, a file system without RENAME_EXCHANGE)."""
    if _RENAMEAT2 is None:
        return False
    done = _RENAMEAT2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def previous_site(site_dir: Path) -> Path:
    """Where the two-rename publish keeps the old site for an instant."""
    return site_dir.with_name(site_dir.name + ".previous")


INCOMING_PREFIX = ".incoming-"


def publish(staging: Path, site_dir: Path) -> None:
    """Put the new site `staging` in the place of `site_dir`; after a kill at any moment
    `site_dir` holds a complete site, the old one or the new one.

    `site_dir` stays a plain folder, swapped with the new one by renameat2(RENAME_EXCHANGE):
    one step, with no instant without a site. A symlink swapped to a new folder would be as
    atomic everywhere, but `site/` would then be a link into the build folder, which users
    copy, rsync and serve with tools that treat links as they please. Where the exchange is
    not available, two renames through `site.previous`; the next build repairs a kill
    between them (`recover_interrupted_publish`).

    The new site is first moved beside `site_dir` (copied, from another file system): the
    swap then stays within one folder, where a rename works across no file systems and needs
    no write access to the old site itself (a folder that changes parent does)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    new = incoming_folder(site_dir)
    swapped = False  # whether `new` holds the old site, swapped out
    try:
        try:
            os.rename(staging, new)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            shutil.copytree(staging, new)
        if not (site_dir.exists() or site_dir.is_symlink()):
            os.rename(new, site_dir)
        elif exchange(new, site_dir):
            swapped = True
        else:
            _publish_in_two_renames(new, site_dir)
    finally:
        # The old site after the swap, removed after the build returns; the new one if it
        # could not be published. What cannot be removed, the next build removes.
        with contextlib.suppress(OSError):
            if swapped:
                remove_later(new)
            else:
                remove_path(new)


OLD_PREFIX = ".old-"
# Run by a process of its own: the folder's removal does not wait for the build.
_REMOVER = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"


def remove_later(folder: Path) -> None:
    """Remove the old site `folder` in a process of its own, which outlives the build: at
    2,000 people + 10,000 visits its 88,000 files took 9-75 s to remove, time a publish does
    not need to wait for (BENCHMARKS "Incremental publish"). Renamed first from an incoming
    name to an old one, so that the next build's repair tells them apart; removed here when
    no process can be started, and by the next build when the process died."""
    doomed = folder.with_name(folder.name.replace(INCOMING_PREFIX, OLD_PREFIX, 1))
    os.rename(folder, doomed)
    try:
        # Through a shell that puts the remover in the background and returns at once: the
        # remover is nobody's child then (no process of ours left running, or to be reaped),
        # and in a session of its own it is not stopped with the build's process group.
        background = '"$0" -c "$1" "$2" </dev/null >/dev/null 2>&1 &'
        subprocess.run(
            ["/bin/sh", "-c", background, sys.executable, _REMOVER, str(doomed)],
            check=True,
            start_new_session=True,
        )
    except (OSError, subprocess.CalledProcessError):
        remove_path(doomed)


def incoming_folder(site_dir: Path) -> Path:
    """A name beside `site_dir`, unique to this build, for the new site before the swap."""
    return site_dir.with_name(
        f".{site_dir.name}{INCOMING_PREFIX}{os.getpid()}-{secrets.token_hex(4)}"
    )


def check_can_publish(site_dir: Path) -> None:
    """Fail now rather than after the build: publishing makes a folder beside `site_dir`.
    (As root, permissions do not stop it; a read-only or immutable folder does.)"""
    if site_dir.parent.exists() and not site_dir.parent.is_dir():
        raise BuildError(f"cannot publish to {site_dir}: {site_dir.parent} is not a folder")
    with failing_as(f"publish to {site_dir}"):
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        probe = incoming_folder(site_dir)
        probe.mkdir()
        probe.rmdir()


def _publish_in_two_renames(new: Path, site_dir: Path) -> None:
    previous = previous_site(site_dir)
    remove_path(previous)
    os.rename(site_dir, previous)
    try:
        os.rename(new, site_dir)
    except BaseException as error:
        try:
            os.rename(previous, site_dir)
        except OSError as undo_error:
            raise PublishError(
                f"could not publish the new site ({os_error_text(undo_error)}); {site_dir} "
                f"is missing and the previous site is in {previous}; the next build puts it "
                "back"
            ) from error
        raise
    # Published: the old site is in nobody's way, and the next build removes it if this fails.
    with contextlib.suppress(OSError):
        remove_path(previous)


def recover_interrupted_publish(site_dir: Path, progress: Progress) -> None:
    """Repair what a publish cut in two left (see `publish`), before anything else runs: the
    old site put back if the new one never arrived, the old one removed if it did; and copies
    of a new site that never replaced the old one removed."""
    previous = previous_site(site_dir)
    if previous.exists() or previous.is_symlink():
        if site_dir.exists() or site_dir.is_symlink():
            remove_leftovers([previous], progress)
        else:
            try:
                os.rename(previous, site_dir)
            except OSError as error:
                raise PublishError(
                    f"{site_dir} is missing after an interrupted publish and {previous} could "
                    f"not be put back: {os_error_text(error)}"
                ) from error
            progress(f"recovered {site_dir} from an interrupted publish")
    if site_dir.parent.is_dir():
        remove_leftovers(
            list(site_dir.parent.glob(f".{site_dir.name}{INCOMING_PREFIX}*")), progress
        )
        # Old sites a remover left (`remove_later`); one may still be at work: no error then.
        for old in site_dir.parent.glob(f".{site_dir.name}{OLD_PREFIX}*"):
            shutil.rmtree(old, ignore_errors=True)
