"""When work may be split over forked processes."""

from __future__ import annotations

import os
import sys


def can_fork() -> bool:
    """Linux (fork shares the parent's data, copy-on-write) and a second core to use."""
    return sys.platform == "linux" and (os.cpu_count() or 1) >= 2
