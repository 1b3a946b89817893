"""Live preview of both languages: `mkdocs serve` per language, fed by a watcher of our inputs.

MkDocs watches the generated docs folders and reloads the browser; this module watches what
those folders are made from (site_data/, templates/, content/, the catalogs) and regenerates.
Only files whose bytes change are rewritten, so MkDocs rebuilds little. Invalid data is
reported and the preview keeps showing the last good version.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from generator.check import CheckResult
from generator.languages import LANGUAGES
from generator.render import TEMPLATE_DIR
from generator.report import print_diagnostics
from generator.site import BuildError, Progress, Project, prepare, write_configs

POLL_SECONDS = 0.3


def watched_files(project: Project) -> Iterator[Path]:
    from generator.i18n import CATALOG_DIR

    for folder in (project.data_dir, project.content_dir, TEMPLATE_DIR, CATALOG_DIR):
        if folder.is_dir():
            yield from (path for path in folder.rglob("*") if path.is_file())


def snapshot(project: Project) -> dict[Path, tuple[int, int]]:
    return {
        path: (stat.st_mtime_ns, stat.st_size)
        for path in watched_files(project)
        for stat in [path.stat()]
    }


def regenerate(project: Project, progress: Progress) -> CheckResult | None:
    """Check and regenerate; on invalid data print every problem and keep the last output."""
    try:
        result = prepare(project, progress)
    except BuildError as error:
        progress(f"not updated: {error}")
        return None
    if not result.ok:
        print_diagnostics(result, "text")
        progress("not updated: the data is invalid (the preview shows the last valid version)")
        return None
    return result


def serve(project: Project, host: str, port: int, progress: Progress) -> int:
    ports = {lang.code: port + index for index, lang in enumerate(LANGUAGES)}
    if regenerate(project, progress) is None:
        return 1
    # mkdocs serve mounts each site under its site_url path, /en/ and /ar/.
    alternate_base = {code: f"http://{host}:{p}/{code}/" for code, p in ports.items()}
    configs = write_configs(
        project, project.build_dir / "serve-unused", alternate_base=alternate_base
    )
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "serve",
                "--dirty",
                "-f",
                str(configs[code]),
                "-a",
                f"{host}:{ports[code]}",
            ],
            env=environment,
        )
        for code in ports
    ]
    for code in ports:
        progress(f"{code}: {alternate_base[code]}")
    seen = snapshot(project)
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(POLL_SECONDS)
            current = snapshot(project)
            if current != seen:
                seen = current
                started = time.perf_counter()
                if regenerate(project, progress) is not None:
                    progress(f"regenerated in {time.perf_counter() - started:.2f} s")
    except KeyboardInterrupt:
        pass
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
    return 0
