"""When each data file last changed, from git history: one `git log` for the whole folder.

Deterministic for a given commit: the date is the committer date of the last commit that
touched the file, never the clock or the file's modification time. Files outside git (or no
git at all) simply have no date, and pages then show none.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

_MARK = "\x1e"  # separates commits in the log output


def last_changed(data_dir: Path) -> dict[Path, datetime.date]:
    """Absolute file path -> the (UTC) day of the last commit that changed it."""
    data_dir = data_dir.resolve()
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=data_dir,
            capture_output=True,
            encoding="utf-8",
            check=True,
            timeout=30,
        ).stdout.strip()
        log = subprocess.run(
            ["git", "log", f"--format={_MARK}%ct", "--name-only", "--no-renames", "--", "."],
            cwd=data_dir,
            capture_output=True,
            check=True,
            timeout=120,
            encoding="utf-8",
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    root = Path(top)
    dates: dict[Path, datetime.date] = {}
    for block in log.split(_MARK)[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or not lines[0].isdigit():
            continue
        day = datetime.datetime.fromtimestamp(int(lines[0]), tz=datetime.UTC).date()
        for name in lines[1:]:
            # Newest commits come first: the first date seen for a file is its last change.
            dates.setdefault(root / name, day)
    return dates
