"""The MkDocs builds: one `mkdocs build` per language, side by side, each logging to a file of
its own, and what to say when one fails.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from generator.mkdocs.lock import BuildLock
from generator.parallel import ending_with_us
from generator.project import BuildError, Progress

# 1980-01-01, the earliest date a zip archive can hold: used when the data is not in git.
FALLBACK_EPOCH = 315532800

# How often a long MkDocs build says it is still going.
PROGRESS_SECONDS = 15.0


def run_mkdocs(
    configs: dict[str, Path],
    progress: Progress,
    strict: bool = True,
    epoch: int = FALLBACK_EPOCH,
    timings: dict[str, float] | None = None,
    lock: BuildLock | None = None,
    dirty: bool = False,
) -> None:
    """One `mkdocs build` per language, side by side; all output shown if any fails.
    `dirty`: only the pages whose Markdown is newer than their HTML (`mkdocs.dirty`), strict.

    Each build logs to a file of its own, not a pipe: MkDocs lists every page left out of the
    navigation, far more than a pipe holds, and a pipe read one build after the other stalled
    the second build until the first had finished. `timings` receives each language's seconds.

    The builds end with us: killed if we are (the kernel's parent-death signal) and when we
    stop early (an exception, Ctrl-C, SIGTERM). They also hold the build `lock`, so that
    the lock is only free once the last process writing into the build folder has ended.
    """
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    started = time.perf_counter()
    processes: dict[str, subprocess.Popen[bytes]] = {}
    with contextlib.ExitStack() as stack:
        logs = {lang: stack.enter_context(tempfile.TemporaryFile()) for lang in configs}
        try:
            for lang, config in configs.items():
                # Not --quiet: it hides warnings from --strict, which then passes a broken site.
                command = ["mkdocs", "build", "-f", str(config), *(["--strict"] if strict else [])]
                if dirty:
                    command = ["generator.mkdocs.dirty", str(config)]
                processes[lang] = subprocess.Popen(
                    [sys.executable, "-m", *command],
                    stdout=logs[lang],
                    stderr=subprocess.STDOUT,
                    env=environment,
                    pass_fds=() if lock is None else (lock.fd,),
                    preexec_fn=ending_with_us(signal.SIGKILL),
                )
            failures = _wait_for_builds(processes, logs, progress, started, timings)
        finally:
            for process in processes.values():
                if process.poll() is None:
                    process.kill()
                process.wait()
    if failures:
        raise BuildError("\n\n".join(failures))


# The last line of MkDocs' output when writing (or reading) a file failed: its traceback
# says nothing more to whoever runs the build, the line says what and where.
_OS_ERROR_LINE = re.compile(r"^\w*(?:Error|Exception): \[Errno (\d+)\] (.+)$")


def mkdocs_failure(lang: str, output: str) -> str:
    """What to say about a failed MkDocs build: its output, or only the file error."""
    lines = output.strip().splitlines()
    match = _OS_ERROR_LINE.match(lines[-1].strip()) if lines else None
    if match:
        name = errno.errorcode.get(int(match[1]), "")
        return f"mkdocs build ({lang}) failed: {match[2]}" + (f" ({name})" if name else "")
    return f"mkdocs build ({lang}) failed:\n{output.strip()}"


def _wait_for_builds(
    processes: dict[str, subprocess.Popen[bytes]],
    logs: Mapping[str, IO[bytes]],
    progress: Progress,
    started: float,
    timings: dict[str, float] | None,
) -> list[str]:
    """Wait for every build, saying now and then which are still going; return the failures."""
    failures = []
    running = dict(processes)
    next_report = started + PROGRESS_SECONDS
    while running:
        for lang, process in list(running.items()):
            if process.poll() is None:
                continue
            del running[lang]
            elapsed = time.perf_counter() - started
            if timings is not None:
                timings[lang] = elapsed
            if process.returncode != 0:
                logs[lang].seek(0)
                output = logs[lang].read().decode("utf-8", errors="replace")
                failures.append(mkdocs_failure(lang, output))
            else:
                progress(f"built the {lang} site ({elapsed:.1f} s)")
        now = time.perf_counter()
        if running and now >= next_report:
            progress(f"building the {', '.join(running)} site… ({now - started:.0f} s)")
            next_report = now + PROGRESS_SECONDS
        time.sleep(0.05)
    return failures
