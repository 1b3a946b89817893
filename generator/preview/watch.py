"""Live preview of both languages: one `generator.preview.server` server per language, fed by a
watcher of our inputs.

Each preview server watches its generated docs folder, rebuilds only the pages whose files
changed and reloads the browser; this module watches what those folders are made from
(site_data/, templates/, content/, the catalogs) and regenerates. It keeps what it found
between two runs: a data file that did not change is not read again, only the pages that
read something of the data that changed are rendered again (what each page reads is recorded
as it renders: generator/render/deps.py), and only files whose bytes change are rewritten,
so the preview servers have only those pages to build. Invalid data is reported and the
preview keeps showing the last good version.

It holds the build folder's lock while it runs (a build would rewrite the same generated
pages and configs under it), and its preview servers end with it: on Ctrl-C, on SIGTERM, and,
through the kernel's parent-death signal, when it is killed outright.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from generator.data.check import CheckResult
from generator.data.report import print_diagnostics
from generator.data.schema import STATES_FILE
from generator.languages import LANGUAGES
from generator.mkdocs.configs import write_configs
from generator.mkdocs.lock import build_lock
from generator.model.pages import DATA_PREFIX
from generator.parallel import ending_with_us, settle, sigterm_as_interrupt
from generator.pipeline import prepare
from generator.project import BuildError, Progress, Project, failing_as, os_error_text
from generator.render.environment import TEMPLATE_DIR
from generator.write.generate import Incremental
from generator.write.writer import file_entries

POLL_SECONDS = 0.3

Snapshot = dict[str, tuple[int, int, int]]


def watched_folders(project: Project) -> list[Path]:
    from generator.languages.i18n import CATALOG_DIR

    return [project.data_dir, project.content_dir, TEMPLATE_DIR, CATALOG_DIR]


def snapshot(project: Project) -> Snapshot:
    """Every watched file with its modification time, change time and size."""
    found: Snapshot = {}
    for folder in watched_folders(project):
        if folder.is_dir():
            for entry in file_entries(folder):
                info = entry.stat()
                found[entry.path] = (info.st_mtime_ns, info.st_ctime_ns, info.st_size)
    return found


def changed_files(before: Snapshot, after: Snapshot) -> set[str]:
    """Files added, removed or modified between two snapshots."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def dependency_keys(project: Project, paths: set[str]) -> set[str] | None:
    """The changed data files (`site_data/people/x.yml`; what changed in them is found by
    comparing the data, generator/render/deps.py), or None when a template, a catalog or the
    declared states changed (a country's name is on pages no recorded read names): then every
    page is rendered again. Hand-written pages are read on every run and need no entry."""
    data_dir = project.data_dir.resolve()
    content_dir = project.content_dir.resolve()
    keys = set()
    for path in map(Path, paths):
        resolved = path.resolve()
        if resolved == data_dir / STATES_FILE:
            return None
        if resolved.is_relative_to(data_dir):
            keys.add(f"{DATA_PREFIX}/{resolved.relative_to(data_dir).as_posix()}")
        elif not resolved.is_relative_to(content_dir):
            return None
    return keys


def regenerate(
    project: Project, progress: Progress, state: Incremental | None = None
) -> CheckResult | None:
    """Check and regenerate; on invalid data print every problem and keep the last output.
    With `state`, only what changed since the last successful run is redone."""
    try:
        result = prepare(project, progress, incremental=state)
    except BuildError as error:
        progress(f"not updated: {error}")
        return None
    except OSError as error:
        progress(f"not updated: could not write the generated pages: {os_error_text(error)}")
        return None
    if not result.ok:
        print_diagnostics(result, "text")
        progress("not updated: the data is invalid (the preview shows the last valid version)")
        return None
    return result


# How long the preview servers have to end cleanly (their temporary sites removed) before
# they are killed.
STOP_SECONDS = 10.0


def serve(project: Project, host: str, port: int, progress: Progress) -> int:
    """Preview until Ctrl-C or SIGTERM (exit code 0), or until a preview server ends (1).
    Raises BuildBusy when a build or another preview uses the build folder."""
    with sigterm_as_interrupt(), build_lock(project.build_dir, "serve"):
        processes: list[subprocess.Popen[bytes]] = []
        try:
            return _serve(project, host, port, progress, processes)
        except KeyboardInterrupt:
            return 0
        finally:
            _stop(processes)


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _serve(
    project: Project,
    host: str,
    port: int,
    progress: Progress,
    processes: list[subprocess.Popen[bytes]],
) -> int:
    ports = {lang.code: port + index for index, lang in enumerate(LANGUAGES)}
    state = Incremental()
    seen = snapshot(project)
    if regenerate(project, progress, state) is None:
        return 1
    settle()  # after each regeneration, with the files written (see `parallel.settle`)
    # Each preview server mounts its site under its site_url path, /en/ and /ar/.
    alternate_base = {code: f"http://{host}:{p}/{code}/" for code, p in ports.items()}
    with failing_as("write the preview's MkDocs configs"):
        configs = write_configs(
            project, project.build_dir / "serve-unused", alternate_base=alternate_base
        )
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    for code, lang_port in ports.items():
        address = f"{host}:{lang_port}"
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "generator.preview.server", str(configs[code]), address],
                env=environment,
                # SIGTERM, not SIGKILL: a preview server then removes its temporary site.
                preexec_fn=ending_with_us(signal.SIGTERM),
            )
        )
    for code in ports:
        progress(f"{code}: {alternate_base[code]}")
    while all(process.poll() is None for process in processes):
        time.sleep(POLL_SECONDS)
        current = snapshot(project)
        if current == seen:
            continue
        started = time.perf_counter()
        state.add_changes(dependency_keys(project, changed_files(seen, current)))
        seen = current
        if regenerate(project, progress, state) is not None:
            progress(
                f"regenerated {state.last_rendered} pages, wrote {state.last_written} "
                f"files in {time.perf_counter() - started:.2f} s"
            )
            settle()
    progress("stopped: a preview server ended")
    return 1
