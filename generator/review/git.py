"""The data folder at a git revision: exported to a directory, so it reads like the working tree.

Only plain `git` commands are used; nothing here writes to the repository or its index.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path, PurePosixPath


class GitError(Exception):
    """A git command failed; the message says which and why."""


def _git(root: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=root, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise GitError("git is not installed (needed to read the data at a revision)") from error
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def repo_root(path: Path) -> Path:
    """The top folder of the git repository that holds `path` (a folder that may not exist)."""
    start = path if path.is_dir() else Path.cwd()
    try:
        return Path(_git(start, "rev-parse", "--show-toplevel").decode().strip())
    except GitError as error:
        raise GitError(f"{start} is not inside a git repository") from error


def resolve_commit(root: Path, revision: str) -> str:
    """The commit id `revision` names; GitError names the revision when there is none."""
    try:
        found = _git(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError as error:
        raise GitError(
            f"unknown revision {revision!r}; allowed: a branch, tag or commit of this repository "
            "(e.g. origin/main, HEAD~1); in CI, fetch the history (fetch-depth: 0)"
        ) from error
    return found.decode().strip()


def export(root: Path, commit: str, folder: PurePosixPath, destination: Path) -> Path:
    """Write the files below `folder` as they are at `commit` into `destination`.

    Returns `destination / folder`, which exists (empty when the folder is absent at `commit`).
    Only regular files are written, and only below `destination`.
    """
    target = destination / folder
    target.mkdir(parents=True, exist_ok=True)
    pathspec = folder.as_posix()
    if not _git(root, "ls-tree", "--name-only", commit, "--", pathspec).strip():
        return target
    archive = _git(root, "archive", "--format=tar", commit, "--", pathspec)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in tar.getmembers():
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                continue
            content = tar.extractfile(member)
            if content is None:  # pragma: no cover - isfile() members always have content
                continue
            path = destination.joinpath(*name.parts)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.read())
    return target


def renamed_files(old: Path, new: Path) -> list[tuple[str, str]]:
    """Files git's rename detection pairs between two folders: (old, new) paths relative to
    each folder, POSIX style. Works on any two folders (`git diff --no-index`)."""
    done = subprocess.run(
        [
            "git",
            "diff",
            "--no-index",
            "--no-ext-diff",
            "--name-status",
            "-M",
            "-z",
            "--",
            str(old),
            str(new),
        ],
        capture_output=True,
        check=False,
    )
    if done.returncode not in (0, 1):  # 1 means "there are differences"
        detail = done.stderr.decode("utf-8", "replace").strip()
        raise GitError(f"git diff --no-index failed: {detail}")
    fields = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    pairs = []
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            if status.startswith("R"):
                pairs.append((_below(fields[index + 1], old), _below(fields[index + 2], new)))
            index += 3
        else:
            index += 2
    return pairs


def _below(shown: str, folder: Path) -> str:
    """`shown` relative to `folder`; git may print absolute paths without their leading '/'."""
    path = PurePosixPath(shown)
    for base in (PurePosixPath(folder.as_posix()), PurePosixPath(folder.as_posix().lstrip("/"))):
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix()
    return shown
