"""Building the bilingual site: check, generate, one MkDocs build per language, then publish.

The two languages are separate MkDocs processes and run side by side. The new site is built
into a staging folder of its own and only replaces `site/` when every step succeeded, in one
atomic step where the system allows, so a failed or killed build leaves a complete site: the
previous one, or the new one.

One build at a time: a build, a bundle and the live preview all write below the build folder
(generated pages, MkDocs configs, staging), so each holds an OS lock on it while it runs, which
the kernel lets go when its holder ends however it ends. Whatever a killed build left (staging
folders, a publish cut in half) is cleaned by the next one, under that lock.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime
import errno
import fcntl
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from generator.data.check import CheckResult, check
from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.languages import LANGUAGES, Language
from generator.languages.i18n import label
from generator.mkdocs.heads import chooser_head, robots_txt, root_not_found, sitemap
from generator.parallel import (
    ForkedProcessDied,
    can_fork,
    ending_with_us,
    sigterm_as_interrupt,
    start_forked,
)
from generator.render.urls import SiteUrls
from generator.review.git import last_changed
from generator.write.generate import Incremental, generate
from generator.write.writer import sync_tree

# Material templates of our own (a localized 404 page); beside templates/, like TEMPLATE_DIR.
OVERRIDES_DIR = Path(__file__).resolve().parents[2] / "overrides"
# The iframe-worker shim: with it, Material skips its CDN copy and search runs from file://.
IFRAME_WORKER_SHIM = "assets/sijill/vendor/iframe-worker/shim.js"

NAV = (
    ("nav_home", "index.md"),
    ("nav_people", "people/index.md"),
    ("nav_visits", "visits/index.md"),
    ("nav_countries", "countries/index.md"),
    ("nav_organizations", "organizations/index.md"),
    ("nav_sources", "sources/index.md"),
    ("nav_data", "data.md"),
    ("nav_about", "about.md"),
)


@dataclass(frozen=True)
class Project:
    """Where things are. Defaults are the repository's layout, relative to its root."""

    root: Path
    data_dir: Path
    content_dir: Path
    build_dir: Path
    site_dir: Path
    config_file: Path

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
        return self.build_dir / "docs" / lang

    def language_config(self, lang: str) -> Path:
        return self.build_dir / f"mkdocs.{lang}.yml"


class BuildError(Exception):
    """The build stopped; the message says why, and nothing already published was touched."""


class BuildBusy(BuildError):
    """Another build, bundle or preview is using the build folder; nothing was touched."""


class PublishError(BuildError):
    """Publishing stopped half-way and could not be undone: the message says where the
    published site is now (the next build puts it back)."""


Progress = Callable[[str], None]


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
    _remove_leftovers([*folder.glob(f"{STAGING_PREFIX}*"), folder / legacy], progress)


def _remove_leftovers(paths: list[Path], progress: Progress) -> None:
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


def _ignore_python_tags(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml for the few values we need, skipping MkDocs' python tags."""


_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_python_tags)


def base_config(project: Project) -> dict[str, Any]:
    with project.config_file.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_ConfigLoader)
    return data if isinstance(data, dict) else {}


def language_config(
    project: Project,
    lang: Language,
    *,
    site_dir: Path,
    directory_urls: bool = True,
    alternate_base: dict[str, str] | None = None,
    offline: bool = False,
) -> str:
    """The per-language MkDocs config: what differs from the shared mkdocs.yml."""
    base = base_config(project)
    site_url = str(base.get("site_url") or "").rstrip("/")
    build = project.build_dir.resolve()
    # The search settings are the language's (generator/languages: lunr's language, pipeline
    # and word separator).
    plugins: list[Any] = [{"search": lang.search.plugin_config()}]
    extra_offline: dict[str, Any] = {}
    if offline:
        plugins.append("offline")
        # Any entry naming "iframe-worker" makes Material leave out its unpkg.com copy.
        extra_offline["polyfills"] = [IFRAME_WORKER_SHIM]
    alternates = [
        {
            "name": other.name,
            "lang": other.code,
            "root": (alternate_base or {}).get(other.code, f"../{other.code}/"),
        }
        for other in LANGUAGES
    ]
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(project.config_file.resolve(), build),
        "docs_dir": os.path.relpath(project.docs_dir(lang.code).resolve(), build),
        "site_dir": os.path.relpath(site_dir.resolve(), build),
        "site_name": label(lang.code, "site_name"),
        "site_description": label(lang.code, "site_description"),
        "copyright": label(lang.code, "copyright"),
        "use_directory_urls": directory_urls,
        "theme": {
            "language": lang.code,
            "custom_dir": os.path.relpath(OVERRIDES_DIR, build),
        },
        "nav": [{label(lang.code, key): path} for key, path in NAV],
        "plugins": plugins,
        "hooks": [os.path.relpath(Path(__file__).with_name("hooks.py"), build)],
        "extra_css": ["assets/sijill/sijill.css"],
        "extra_javascript": ["assets/sijill/search-normalise.js"],
        "extra": {
            **extra_offline,
            "sijill": {
                **_head_settings(lang, site_url, alternate_base, offline),
                "lang": lang.code,
                "alternates": alternates,
                "content_dir": f"content/{lang.code}",
                "redirects_file": str((project.build_dir / "redirects.json").resolve()),
            },
        },
    }
    if site_url:
        config["site_url"] = f"{site_url}/{lang.code}/"
    header = "# Written by `python -m generator build`; edit mkdocs.yml instead.\n"
    return header + json.dumps(config, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _head_settings(
    lang: Language,
    site_url: str,
    alternate_base: dict[str, str] | None,
    offline: bool,
) -> dict[str, Any]:
    """What the hook needs for the head tags (generator/render/seo.py) and the 404 page."""
    settings: dict[str, Any] = {
        "not_found": {
            key: label(lang.code, f"not_found_{key}") for key in ("title", "text", "home")
        },
        # Absolute hreflang links make Material fetch <link>/sitemap.xml: never from file://.
        "hreflang": not offline,
    }
    if alternate_base:  # the live preview: each language on its own port
        roots = dict(alternate_base)
        settings["urls"] = {"root": roots[LANGUAGES[0].code], "languages": roots}
    elif site_url:
        settings["urls"] = {
            "root": f"{site_url}/",
            "languages": {other.code: f"{site_url}/{other.code}/" for other in LANGUAGES},
        }
    return settings


def prepare(
    project: Project,
    progress: Progress,
    timings: dict[str, float] | None = None,
    incremental: Incremental | None = None,
) -> CheckResult:
    """Check the data, and write each language's docs tree and config into the build folder.
    `timings` receives the seconds of the check and of the generation. With `incremental`
    (the live preview's state), only what changed since its last run is read and rendered."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    result = check(project.data_dir, cache=incremental.check_cache if incremental else None)
    timings["check"] = time.perf_counter() - started
    if result.dataset is None:
        return result
    progress(f"checked {sum(result.counts.values())} files in {timings['check']:.1f} s")
    started = time.perf_counter()
    site_url = str(base_config(project).get("site_url") or "")
    previous = incremental.generated if incremental else None
    targets = {lang.code: project.docs_dir(lang.code) for lang in LANGUAGES}
    if incremental is not None and previous is not None:
        # The preview: git dates do not change while one edits, and the pages made from all
        # the data (the downloads) are made again just after the edited pages are written.
        dates = incremental.last_changed
    else:
        dates = _last_changed(result.dataset)
    result.dataset.last_changed.update(dates)
    _write_redirects(project, result.dataset)
    if incremental is None:
        # A build: each language's worker writes its own tree. The downloads are made once,
        # here, before the workers fork: made in each, they cost twice the time and memory.
        generated = generate(
            result.dataset,
            project.content_dir,
            _extra_pages(result.dataset, site_url),
            write_to=targets,
        )
        if generated.problems:
            raise BuildError("\n".join(generated.problems))
        written = sum(generated.written.values())
    else:
        extra_pages = incremental.extra_pages if previous is not None else None
        if extra_pages is None:
            extra_pages = _extra_pages(result.dataset, site_url)
        generated = generate(
            result.dataset,
            project.content_dir,
            extra_pages,
            previous=previous,
            changed=incremental.changed,
        )
        if generated.problems:
            raise BuildError("\n".join(generated.problems))
        written = 0
        for lang in LANGUAGES:
            before = previous.trees[lang.code] if previous else None
            report = sync_tree(targets[lang.code], generated.trees[lang.code], before)
            written += len(report.written)
        incremental.done(generated, written, dates, extra_pages)
        if previous is not None:
            fresh = _extra_pages(result.dataset, site_url)
            written += incremental.refresh_extra_pages(fresh, targets)
    timings["generate"] = time.perf_counter() - started
    progress(
        f"generated {sum(generated.files.values())} files "
        f"({written} changed) in {timings['generate']:.1f} s"
    )
    return result


def prepare_apart(
    project: Project, progress: Progress, timings: dict[str, float] | None = None
) -> CheckResult:
    """`prepare` in a process of its own, which ends before the MkDocs builds start: the data
    and the rendering's garbage (hundreds of MB at newsroom scale, which Python does not give
    back) are then not held while MkDocs runs. The result has the diagnostics and counts but
    no dataset; BuildError is raised here as `prepare` raised it there."""
    if not can_fork():
        return _prepared(project, progress, timings)
    work = start_forked(lambda: _with_timings(project, progress), "check and generate")
    try:
        result, child_timings = work()
    except ForkedProcessDied as error:
        raise BuildError(f"checking and generating failed: {error}") from error
    if timings is not None:
        timings.update(child_timings)
    return result


def _prepared(
    project: Project, progress: Progress, timings: dict[str, float] | None
) -> CheckResult:
    result = prepare(project, progress, timings=timings)
    result.dataset = None  # the data stays in the process that made it
    return result


def _with_timings(project: Project, progress: Progress) -> tuple[CheckResult, dict[str, float]]:
    timings: dict[str, float] = {}
    return _prepared(project, progress, timings), timings


def _extra_pages(dataset: Dataset, site_url: str = "") -> dict[str, dict[str, str]]:
    """Each language's pages made from all the data rather than from templates: the data
    format reference, the data downloads (the same files in every language) and the page
    that documents them."""
    from generator.data.reference import render_reference
    from generator.downloads.datapage import PAGE, render_data_page
    from generator.downloads.export import data_files

    downloads = data_files(dataset, site_url)
    return {
        lang.code: {
            "reference/data-format.md": render_reference(lang.code),
            PAGE: render_data_page(dataset, lang.code),
            **downloads,
        }
        for lang in LANGUAGES
    }


def _last_changed(dataset: Dataset) -> dict[tuple[str, str], datetime.date]:
    dates = last_changed(dataset.root)
    return {
        key: dates[path.resolve()] for key, path in dataset.files.items() if path.resolve() in dates
    }


def _write_redirects(project: Project, dataset: Dataset) -> None:
    """Old page -> new page for every former id; the MkDocs hook writes the redirect pages."""
    redirects = [
        {"from": f"{kind}/{former}.md", "to": f"{kind}/{entity_id}.md"}
        for kind in KINDS
        for entity_id, entity in dataset.of_kind(kind).items()
        for former in entity.former_ids
    ]
    redirects.sort(key=lambda r: r["from"])
    path = project.build_dir / "redirects.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(redirects, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def write_configs(project: Project, staging: Path, **options: Any) -> dict[str, Path]:
    configs = {}
    for lang in LANGUAGES:
        path = project.language_config(lang.code)
        path.parent.mkdir(parents=True, exist_ok=True)
        text = language_config(project, lang, site_dir=staging / lang.code, **options)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        configs[lang.code] = path
    return configs


# 1980-01-01, the earliest date a zip archive can hold: used when the data is not in git.
FALLBACK_EPOCH = 315532800


def build_epoch(project: Project) -> int:
    """The build's notion of "now", for MkDocs' sitemap and the like: the time of the last
    commit that touched the data, so the same commit always gives the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        completed = subprocess.run(
            ["git", "log", "-1", "--format=%ct", "--", str(project.data_dir.resolve())],
            cwd=project.data_dir if project.data_dir.is_dir() else project.root,
            capture_output=True,
            encoding="utf-8",
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return FALLBACK_EPOCH
    text = completed.stdout.strip()
    return int(text) if completed.returncode == 0 and text.isdigit() else FALLBACK_EPOCH


# How often a long MkDocs build says it is still going.
PROGRESS_SECONDS = 15.0


def run_mkdocs(
    configs: dict[str, Path],
    progress: Progress,
    strict: bool = True,
    epoch: int = FALLBACK_EPOCH,
    timings: dict[str, float] | None = None,
    lock: BuildLock | None = None,
) -> None:
    """One `mkdocs build` per language, side by side; all output shown if any fails.

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
                processes[lang] = subprocess.Popen(
                    # Not --quiet: it hides warnings from --strict, which then passes a broken
                    # site.
                    [
                        sys.executable,
                        "-m",
                        "mkdocs",
                        "build",
                        "-f",
                        str(config),
                        *(["--strict"] if strict else []),
                    ],
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


def language_chooser(index: str = "", head: str = "") -> str:
    """The root page: both languages, each in its own script and direction. `index` is the
    file name a link needs (`index.html` from file://), `head` the tags of seo.chooser_head."""
    links = "\n".join(
        f'    <li><a href="{lang.code}/{index}" hreflang="{lang.code}" lang="{lang.code}" '
        f'dir="{lang.direction}">{lang.name}</a></li>'
        for lang in LANGUAGES
    )
    titles = " · ".join(label(lang.code, "language_chooser_title") for lang in LANGUAGES)
    alternates = head or "\n".join(
        f'  <link rel="alternate" hreflang="{lang.code}" href="{lang.code}/{index}">'
        for lang in LANGUAGES
    )
    return (
        '<!doctype html>\n<html lang="en" dir="ltr">\n<head>\n  <meta charset="utf-8">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"  <title>{label('en', 'site_name')} · {label('ar', 'site_name')}</title>\n"
        f"{alternates}\n"
        "  <style>body{font-family:system-ui,'Noto Sans','Noto Sans Arabic',sans-serif;"
        "max-width:30rem;margin:4rem auto;text-align:center}li{list-style:none;"
        "font-size:1.5rem;margin:1rem}</style>\n"
        f"</head>\n<body>\n  <h1>{titles}</h1>\n  <ul>\n{links}\n  </ul>\n</body>\n</html>\n"
    )


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
    try:
        try:
            os.rename(staging, new)
        except OSError as error:
            if error.errno != errno.EXDEV:
                raise
            shutil.copytree(staging, new)
        if not (site_dir.exists() or site_dir.is_symlink()):
            os.rename(new, site_dir)
        elif not exchange(new, site_dir):
            _publish_in_two_renames(new, site_dir)
    finally:
        # The old site after the swap; the new one if it could not be published. What cannot
        # be removed now, the next build removes.
        with contextlib.suppress(OSError):
            remove_path(new)


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
            _remove_leftovers([previous], progress)
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
        _remove_leftovers(
            list(site_dir.parent.glob(f".{site_dir.name}{INCOMING_PREFIX}*")), progress
        )


def site_urls(project: Project) -> SiteUrls | None:
    """Where the site is published (`site_url` of mkdocs.yml), if it says."""
    site_url = str(base_config(project).get("site_url") or "")
    return SiteUrls.from_site_url(site_url) if site_url else None


def write_root_files(project: Project, staging: Path, urls: SiteUrls | None) -> None:
    """What the root of the published site holds besides the two languages: the language
    chooser, a bilingual 404 page, and (with a site URL) one sitemap of both languages with
    their hreflang alternates, and robots.txt pointing to it."""
    head = chooser_head(urls) if urls else ""
    files = {"index.html": language_chooser(head=head), "404.html": root_not_found(urls)}
    if urls:
        pages = {
            lang.code: {
                path.relative_to(project.docs_dir(lang.code)).as_posix()
                for path in project.docs_dir(lang.code).rglob("*.md")
            }
            for lang in LANGUAGES
        }
        files["sitemap.xml"] = sitemap(pages, urls)
        files["robots.txt"] = robots_txt(urls)
    for name, text in files.items():
        (staging / name).write_text(text, encoding="utf-8")


def check_site_links(site: Path, urls: SiteUrls | None) -> None:
    """Raise BuildError listing every internal link or anchor of `site` that leads nowhere."""
    from generator.mkdocs.linkcheck import broken_links

    problems = broken_links(site, urls.root if urls else "")
    if problems:
        raise BuildError(
            f"{len(problems)} broken link(s):\n" + "\n".join(f"  {p}" for p in problems)
        )


def build(
    project: Project,
    progress: Progress,
    strict: bool = True,
    check_links: bool = False,
    timings: dict[str, float] | None = None,
) -> CheckResult:
    """The whole build; raises BuildError (the published site untouched) when a step fails,
    BuildBusy when another build holds the build folder, PublishError when publishing was
    cut in half. With `check_links`, a site with a broken internal link or anchor is not
    published. `timings` receives the seconds of each phase: check, generate, and each
    language. Its staging folder is removed however it ends; a SIGTERM stops it as Ctrl-C
    does (KeyboardInterrupt)."""
    with sigterm_as_interrupt(), build_lock(project.build_dir, "build") as lock:
        with failing_as("clean up after an interrupted build"):
            recover_interrupted_publish(project.site_dir, progress)
            clean_leftovers(project.build_dir, progress)
        check_can_publish(project.site_dir)
        with failing_as("check the data and generate the pages"):
            result = prepare_apart(project, progress, timings=timings)
        if not result.ok:
            return result
        with failing_as("prepare the MkDocs builds"):
            staging = new_staging(project.build_dir)
        try:
            with failing_as("prepare the MkDocs builds"):
                configs = write_configs(project, staging)
                epoch = build_epoch(project)
            with failing_as("run MkDocs"):
                run_mkdocs(
                    configs, progress, strict=strict, epoch=epoch, timings=timings, lock=lock
                )
            urls = site_urls(project)
            with failing_as("write the site's root pages"):
                write_root_files(project, staging, urls)
            if check_links:
                started = time.perf_counter()
                with failing_as("check the links"):
                    check_site_links(staging, urls)
                progress(f"checked the links in {time.perf_counter() - started:.1f} s")
            with failing_as(f"publish to {project.site_dir}"):
                publish(staging, project.site_dir)
        finally:
            # Also the old site after a publish that could not remove it.
            shutil.rmtree(staging, ignore_errors=True)
    return result
