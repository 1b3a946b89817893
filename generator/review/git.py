"""Git, in one place: every git command the project runs goes through `run` here.

What the rest of the project asks of git:

- the data folder at a revision, exported to a directory so it reads like the working tree
  (`repo_root`, `resolve_commit`, `export`) and the files git pairs as renamed between two
  folders (`renamed_files`): what `changes` compares;
- when each data file last changed (`last_changed`): the pages' "Last updated";
- the commit time of the last commit that touched a path (`commit_epoch`): the build's notion
  of "now" (SOURCE_DATE_EPOCH), so that the same commit always gives the same bytes.

Only plain `git` commands are used; nothing here writes to the repository or its index. Every
command gets the same environment (no prompt for credentials, no optional locks taken, no
pager, messages in English), the same error (`GitError`, naming the command and git's last line
of complaint) and the same decoding of what it prints (UTF-8, file names that are not UTF-8 kept
as surrogate escapes). Dates come from commits, never the clock or files' modification times.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import tarfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

TIMEOUT_SECONDS = 120


class GitError(Exception):
    """A git command failed, or git is missing; the message says which and why."""


def _environment() -> dict[str, str]:
    return {
        **os.environ,
        "GIT_TERMINAL_PROMPT": "0",  # never wait for a password nobody will type
        "GIT_OPTIONAL_LOCKS": "0",  # reading takes no index lock (builds run beside edits)
        "GIT_PAGER": "cat",
        "LC_ALL": "C",  # git's messages, which GitError quotes, in one language
    }


def run(cwd: Path | None, *args: str, ok: Iterable[int] = (0,)) -> bytes:
    """What `git ARGS` prints, run in `cwd` (the current folder when None).

    Raises GitError when git is missing, takes longer than TIMEOUT_SECONDS, or exits with a
    status not in `ok`. File names are never quoted (core.quotePath off).
    """
    command = ["git", "-c", "core.quotePath=false", *args]
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=_environment(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            check=False,
            timeout=TIMEOUT_SECONDS,
        )
    except FileNotFoundError as error:
        raise GitError("git is not installed (needed to read the data's history)") from error
    except subprocess.TimeoutExpired as error:
        raise GitError(f"git {args[0]} took longer than {TIMEOUT_SECONDS} s") from error
    except OSError as error:
        raise GitError(f"git {args[0]} could not run: {error.strerror or error}") from error
    if done.returncode not in tuple(ok):
        detail = decode(done.stderr).strip().splitlines()
        raise GitError(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
    return done.stdout


def decode(output: bytes) -> str:
    """Git's output as text: UTF-8, other bytes (in file names) kept as surrogate escapes."""
    return output.decode("utf-8", "surrogateescape")


def _existing_folder(path: Path) -> Path:
    """`path` if it is a folder, else its nearest existing parent folder."""
    path = path.absolute()
    for candidate in (path, *path.parents):
        if candidate.is_dir():
            return candidate
    return Path.cwd()  # pragma: no cover - the file system's root always exists


# --- the data at a revision (changes) ------------------------------------------------------------


def repo_root(path: Path) -> Path:
    """The top folder of the git repository that holds `path` (a folder that may not exist)."""
    start = path if path.is_dir() else Path.cwd()
    try:
        return Path(decode(run(start, "rev-parse", "--show-toplevel")).strip())
    except GitError as error:
        raise GitError(f"{start} is not inside a git repository") from error


def resolve_commit(root: Path, revision: str) -> str:
    """The commit id `revision` names; GitError names the revision when there is none."""
    try:
        found = run(root, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except GitError as error:
        raise GitError(
            f"unknown revision {revision!r}; allowed: a branch, tag or commit of this repository "
            "(e.g. origin/main, HEAD~1); in CI, fetch the history (fetch-depth: 0)"
        ) from error
    return decode(found).strip()


def export(root: Path, commit: str, folder: PurePosixPath, destination: Path) -> Path:
    """Write the files below `folder` as they are at `commit` into `destination`.

    Returns `destination / folder`, which exists (empty when the folder is absent at `commit`).
    Only regular files are written, and only below `destination`.
    """
    target = destination / folder
    target.mkdir(parents=True, exist_ok=True)
    pathspec = folder.as_posix()
    if not run(root, "ls-tree", "--name-only", commit, "--", pathspec).strip():
        return target
    archive = run(root, "archive", "--format=tar", commit, "--", pathspec)
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
    output = run(
        None,
        "diff",
        "--no-index",
        "--no-ext-diff",
        "--name-status",
        "-M",
        "-z",
        "--",
        str(old),
        str(new),
        ok=(0, 1),  # 1 means "there are differences"
    )
    fields = decode(output).split("\0")
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


# --- dates from history (pages, builds) ----------------------------------------------------------

_MARK = "\x1e"  # starts each commit in the log output


def last_changed(data_dir: Path) -> dict[Path, datetime.date]:
    """Absolute file path -> the (UTC) day of the last commit that changed it: one `git log`
    for the whole folder. Files outside git (or no git at all) have no date: an empty dict."""
    data_dir = data_dir.resolve()
    try:
        top = Path(decode(run(data_dir, "rev-parse", "--show-toplevel")).strip())
        log = decode(
            run(
                data_dir,
                "log",
                "-z",
                f"--format={_MARK}%ct",
                "--name-only",
                "--no-renames",
                "--",
                ".",
            )
        )
    except GitError:
        return {}
    dates: dict[Path, datetime.date] = {}
    for block in log.split(_MARK)[1:]:
        stamp, *names = block.split("\0")
        if not stamp.isdigit():
            continue
        day = datetime.datetime.fromtimestamp(int(stamp), tz=datetime.UTC).date()
        for name in names:
            name = name.removeprefix("\n")  # the line end after the format's line
            if name:
                # Newest commits come first: the first date seen for a file is its last change.
                dates.setdefault(top / name, day)
    return dates


def commit_epoch(path: Path) -> int | None:
    """The commit time (seconds since 1970, UTC) of the last commit that touched `path`, a file
    or folder that need not exist; None outside git, with no commit touching it, or no git.

    The build uses it for SOURCE_DATE_EPOCH: `commit_epoch(project.data_dir) or FALLBACK`."""
    try:
        output = run(_existing_folder(path), "log", "-1", "--format=%ct", "--", str(path.resolve()))
    except GitError:
        return None
    text = decode(output).strip()
    return int(text) if text.isdigit() else None
