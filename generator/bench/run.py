"""The benchmark: how long the real build takes, by phase, on a synthetic newsroom's data.

`python -m generator bench --people N --visits M [--json FILE]` makes a synthetic dataset of
that size in a temporary folder (`generator.bench.synthetic`), then measures in one run:

- the real bilingual build (`pipeline.build`: check, generate, both MkDocs builds side by side),
  each phase timed, with the peak memory of the whole process tree (RSS summed over this
  process and its children, sampled from /proc: the two MkDocs builds run at the same time);
- the baseline: a plain `mkdocs build` of one language's generated Markdown with a minimal
  config (Material with the site's theme settings, the same short navigation and Markdown
  extensions; none of our hooks, plugins or search settings), alone on the machine;
- the incremental publish (`bench.publish`): one person's summary edited, then one visit
  added, each published three times by the same build command with its cache;
- the live preview: `python -m generator serve` on the same data; one person's YAML is edited,
  and the time is taken until the regenerated Markdown is on disk (`preview_edit_s`) and until
  both languages' pages, as the preview servers (`generator.preview.server`) serve them,
  show the change (`preview_visible_s`). Files the edit did not change must keep their
  modification times.

Timings are never asserted by tests: they depend on the machine and on what else runs on it
(the load average before and after is recorded with the figures).

Longer than 400 lines: the measurements (build, baseline, preview) and their report share
the clock, the memory sampler and the figures' keys; only the command line runs it.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.bench.pagesize import largest_pages
from generator.bench.publish import measure_publish
from generator.bench.synthetic import Sizes
from generator.languages import LANGUAGES
from generator.mkdocs.configs import NAV
from generator.pipeline import build
from generator.project import Project

Progress = Callable[[str], None]

# The figures the issue asks for, in this order, under these names.
KEYS = (
    "people",
    "visits",
    "pages",
    "check_s",
    "generate_s",
    "build_wall_s",
    "baseline_one_language_s",
    "peak_rss_mb",
    "site_bytes",
)
SAMPLE_SECONDS = 0.2
# Markers put into the edited person's summary; no digits (Arabic pages isolate them in <bdi>).
EDIT_MARKERS = {"en": "Benchmarkedit", "ar": "تعديلالقياس"}
PREVIEW_TIMEOUT = 60.0  # after the edit; a preview slower than this has failed anyway


# --- memory ---------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        with contextlib.suppress(OSError):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text(encoding="ascii")
            found.extend(int(child) for child in text.split())
    return found


def _tree(root: int) -> list[int]:
    pids, index = [root], 0
    while index < len(pids):
        pids.extend(_children(pids[index]))
        index += 1
    return pids


def _status_kb(pid: int, field_name: str, file: str = "status") -> int:
    try:
        text = Path(f"/proc/{pid}/{file}").read_text(encoding="ascii", errors="replace")
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(field_name):
            return int(line.split()[1])
    return 0


def _rss_kb(pid: int) -> int:
    return _status_kb(pid, "VmRSS:")


def _pss_kb(pid: int) -> int:
    # Proportional: a page shared by n processes (a fork's copy-on-write data) counts 1/n in
    # each, so the sum over a tree is the memory it really holds. RSS counts it n times.
    return _status_kb(pid, "Pss:", "smaps_rollup")


def sample_rss(root: int, interval: float = SAMPLE_SECONDS, with_root: bool = True) -> None:
    """Sample the tree of `root` (leaving out this process, and `root` itself unless
    `with_root`) until stdin closes, then print the peaks in MB of the summed RSS and of the
    summed PSS. Run as a process of its own: a sampling thread in the benchmark would compete
    for its interpreter lock, and a process that forks should have no threads."""
    skip = {os.getpid()} if with_root else {os.getpid(), root}
    peak_rss = peak_pss = 0.0
    while True:
        pids = [pid for pid in _tree(root) if pid not in skip]
        peak_rss = max(peak_rss, sum(_rss_kb(pid) for pid in pids) / 1024)
        peak_pss = max(peak_pss, sum(_pss_kb(pid) for pid in pids) / 1024)
        ready, _, _ = select.select([sys.stdin], [], [], interval)
        if ready and not os.read(sys.stdin.fileno(), 1024):
            break
    print(f"{peak_rss:.1f} {peak_pss:.1f}", flush=True)


class RssSampler:
    """The peak summed RSS (and PSS) of this process's tree while the `with` block runs."""

    def __init__(self, interval: float = SAMPLE_SECONDS, with_root: bool = True) -> None:
        self.interval = interval
        self.with_root = with_root  # False: count only the processes this one starts
        self.peak_mb = 0.0
        self.peak_pss_mb = 0.0
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> RssSampler:
        code = (
            "from generator.bench.run import sample_rss; "
            f"sample_rss({os.getpid()}, {self.interval}, {self.with_root})"
        )
        self._process = subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            encoding="utf-8",
        )
        return self

    def __exit__(self, *exc: object) -> None:
        process = self._process
        assert process is not None and process.stdin is not None and process.stdout is not None
        process.stdin.close()
        with process.stdout:
            output = process.stdout.read()
        process.wait()
        rss, _, pss = output.strip().partition(" ")
        self.peak_mb = float(rss or 0)
        self.peak_pss_mb = float(pss or 0)


# --- the run --------------------------------------------------------------------------------


@dataclass
class Clock:
    """Progress lines with the time since the benchmark started."""

    progress: Progress
    started: float = field(default_factory=time.perf_counter)

    def __call__(self, line: str) -> None:
        self.progress(f"[{time.perf_counter() - self.started:7.1f} s] {line}")


def machine() -> dict[str, Any]:
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        first = Path("/proc/meminfo").read_text(encoding="ascii").splitlines()[0]
        memory = int(first.split()[1]) // 1024
    return {
        "cpu": model or platform.processor(),
        "cpus": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def _load() -> float:
    return os.getloadavg()[0]


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("mkdocs", "mkdocs-material", "markdown", "jinja2", "pyyaml", "pydantic"):
        with contextlib.suppress(PackageNotFoundError):
            found[package] = version(package)
    return found


def folder_size(folder: Path) -> tuple[int, int]:
    """(files, bytes) under `folder`."""
    files = size = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            files += 1
            size += os.stat(os.path.join(directory, name)).st_size
    return files, size


def _count_pages(project: Project) -> int:
    return sum(sum(1 for _ in project.docs_dir(lang.code).rglob("*.md")) for lang in LANGUAGES)


def make_workspace(root: Path, source: Path) -> Project:
    """A throwaway project: the shared MkDocs config and hand-written pages of `source`,
    data of our own, and build/ and site/ folders that touch nothing of the repository's."""
    shutil.copy2(source / "mkdocs.yml", root / "mkdocs.yml")
    if (source / "content").is_dir():
        shutil.copytree(source / "content", root / "content")
    return Project.at(root)


def make_data(project: Project, people: int, visits: int, seed: int) -> None:
    # In a process of its own, so that its memory is not counted in the build's peak.
    subprocess.run(
        [
            sys.executable,
            "-m",
            "generator.bench.synthetic",
            "--people",
            str(people),
            "--visits",
            str(visits),
            "--seed",
            str(seed),
            str(project.data_dir),
        ],
        check=True,
    )


def baseline_config(project: Project, lang: str, site_dir: Path) -> str:
    """A minimal MkDocs config for one language's generated docs: Material with the site's
    theme settings, the same navigation and Markdown extensions; no hooks, no plugins but
    MkDocs' default search, no search settings of ours."""
    from generator.languages.i18n import label

    with project.config_file.open(encoding="utf-8") as handle:
        shared = yaml.compose(handle, Loader=yaml.SafeLoader)
    assert isinstance(shared, yaml.MappingNode), "mkdocs.yml holds a map"
    # Composed, not loaded: the extensions keep their !!python tags (the toc slugify).
    extensions = next(
        value
        for key, value in shared.value
        if isinstance(key, yaml.ScalarNode) and key.value == "markdown_extensions"
    )
    theme = next(
        (value for key, value in shared.value if key.value == "theme"),
        yaml.MappingNode("tag:yaml.org,2002:map", []),
    )
    settings = {
        "site_name": label(lang, "site_name"),
        "docs_dir": str(project.docs_dir(lang).resolve()),
        "site_dir": str(site_dir.resolve()),
        "nav": [{label(lang, key): path} for key, path in NAV],
    }
    document = yaml.compose(json.dumps(settings, ensure_ascii=False), Loader=yaml.SafeLoader)
    assert isinstance(document, yaml.MappingNode)
    language = (
        yaml.ScalarNode("tag:yaml.org,2002:str", "language"),
        yaml.ScalarNode("tag:yaml.org,2002:str", lang),
    )
    theme_items = [item for item in theme.value if item[0].value != "language"] + [language]
    document.value.append(
        (
            yaml.ScalarNode("tag:yaml.org,2002:str", "theme"),
            yaml.MappingNode("tag:yaml.org,2002:map", theme_items),
        )
    )
    document.value.append(
        (yaml.ScalarNode("tag:yaml.org,2002:str", "markdown_extensions"), extensions)
    )
    return str(yaml.serialize(document, allow_unicode=True))


def run_baseline(project: Project, work: Path, lang: str) -> float:
    """Seconds of a plain `mkdocs build` of one language's generated docs."""
    config = work / f"baseline.{lang}.yml"
    config.write_text(baseline_config(project, lang, work / "baseline-site"), encoding="utf-8")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONWARNINGS": "ignore"}
    with (work / f"baseline.{lang}.log").open("wb") as log:
        started = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-f", str(config)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=environment,
            check=False,
        )
        elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        log_text = (work / f"baseline.{lang}.log").read_text(encoding="utf-8", errors="replace")
        raise RuntimeError(f"the baseline mkdocs build failed:\n{log_text[-3000:]}")
    return elapsed


# --- the live preview -----------------------------------------------------------------------


def _free_port_pair() -> int:
    """A port P with P and P+1 free (serve puts English on P, Arabic on P+1)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = int(probe.getsockname()[1])
        if port + 1 >= 65536:
            continue
        with socket.socket() as second:
            try:
                second.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports in a row")


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except (urllib.error.URLError, OSError, TimeoutError):
        return None


def busiest_person(data_dir: Path) -> str:
    """The person who appears in most visit files: the edit with the most pages behind it."""
    counts: dict[str, int] = {}
    for path in (data_dir / "visits").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("- ") and "-" in line[2:]:
                counts[line[2:].strip()] = counts.get(line[2:].strip(), 0) + 1
    people = {path.stem for path in (data_dir / "people").glob("*.yml")}
    ranked = sorted((n, pid) for pid, n in counts.items() if pid in people)
    return ranked[-1][1] if ranked else sorted(people)[0]


def edit_summary(path: Path) -> None:
    """Append the markers to the person's summary in both languages (as an editor would)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    summary = data.setdefault("summary", {})
    for lang, marker in EDIT_MARKERS.items():
        summary[lang] = f"{summary.get(lang) or ''} {marker}".strip()
    path.write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )


def _mtimes(folder: Path) -> dict[str, int]:
    found = {}
    for directory, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(directory, name)
            found[path] = os.stat(path).st_mtime_ns
    return found


def _docs_mtimes(project: Project) -> dict[str, int]:
    found: dict[str, int] = {}
    for language in LANGUAGES:
        found.update(_mtimes(project.docs_dir(language.code)))
    return found


@contextlib.contextmanager
def _serving(project: Project, port: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("wb") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "generator",
                "serve",
                "--data",
                str(project.data_dir),
                "--port",
                str(port),
            ],
            cwd=project.root,
            stdout=output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
            start_new_session=True,  # its own process group: stopped with its MkDocs servers
        )
        try:
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def measure_preview(project: Project, work: Path, progress: Progress) -> dict[str, Any]:
    """Start the live preview, edit one person, and time how long until the change shows."""
    port = _free_port_pair()
    person = busiest_person(project.data_dir)
    urls = {
        lang.code: f"http://127.0.0.1:{port + index}/{lang.code}/people/{person}/"
        for index, lang in enumerate(LANGUAGES)
    }
    markdown = {
        lang.code: project.docs_dir(lang.code) / "people" / f"{person}.md" for lang in LANGUAGES
    }
    log = work / "serve.log"
    with _serving(project, port, log) as process:
        progress("preview: starting `generator serve` (both languages build once first)")
        started = time.perf_counter()
        waiting = set(urls)
        next_report = started + 15
        while waiting:
            if process.poll() is not None:
                raise RuntimeError(
                    f"the preview stopped:\n{log.read_text(encoding='utf-8')[-3000:]}"
                )
            waiting = {lang for lang in waiting if _fetch(urls[lang]) is None}
            if time.perf_counter() > next_report:
                progress(
                    f"preview: waiting for the first build ({time.perf_counter() - started:.0f} s)"
                )
                next_report += 15
            time.sleep(0.5)
        progress(f"preview: serving after {time.perf_counter() - started:.1f} s; editing {person}")
        # Let MkDocs' watchers settle after their own first build.
        time.sleep(2)
        before = _docs_mtimes(project)
        edited_at = time.perf_counter()
        edit_summary(project.data_dir / "people" / f"{person}.yml")
        on_disk: float | None = None
        visible: dict[str, float] = {}
        while len(visible) < len(urls):
            now = time.perf_counter() - edited_at
            if now > PREVIEW_TIMEOUT:
                raise RuntimeError(
                    f"the edit did not show within {PREVIEW_TIMEOUT:.0f} s:\n"
                    f"{log.read_text(encoding='utf-8')[-3000:]}"
                )
            if on_disk is None and all(
                EDIT_MARKERS[lang] in path.read_text(encoding="utf-8")
                for lang, path in markdown.items()
            ):
                on_disk = now
            for lang, url in urls.items():
                if lang not in visible and EDIT_MARKERS[lang] in (_fetch(url) or ""):
                    visible[lang] = time.perf_counter() - edited_at
            time.sleep(0.02)
        after = _docs_mtimes(project)
    rewritten = sorted(path for path, mtime in after.items() if before.get(path) != mtime)
    regenerated = [
        line for line in log.read_text(encoding="utf-8").splitlines() if "regenerated" in line
    ]
    return {
        "preview_person": person,
        "preview_edit_s": round(on_disk if on_disk is not None else max(visible.values()), 3),
        "preview_visible_s": round(max(visible.values()), 3),
        "preview_visible_by_language_s": {lang: round(s, 3) for lang, s in visible.items()},
        "preview_files_rewritten": len(rewritten),
        "preview_files_total": len(after),
        "preview_log": regenerated[-3:],
    }


# --- the benchmark --------------------------------------------------------------------------


def run(
    people: int,
    visits: int,
    progress: Progress,
    *,
    source: Path,
    seed: int = 7,
    preview: bool = True,
    keep: Path | None = None,
) -> dict[str, Any]:
    """Measure everything once; return the figures (KEYS first, then the details)."""
    clock = Clock(progress)
    work = Path(tempfile.mkdtemp(prefix="sijill-bench-")) if keep is None else keep
    work.mkdir(parents=True, exist_ok=True)
    try:
        project = make_workspace(work, source)
        sizes = Sizes(people=people, visits=visits)
        clock(
            f"making a synthetic dataset: {people:,} people, {visits:,} visits, "
            f"{sizes.organizations:,} organizations, {sizes.sources:,} sources"
        )
        started = time.perf_counter()
        make_data(project, people, visits, seed)
        synthetic_s = time.perf_counter() - started
        load_before = _load()

        clock("building both languages (check, generate, two MkDocs builds side by side)")
        timings: dict[str, float] = {}
        with RssSampler() as sampler:
            started = time.perf_counter()
            result = build(project, progress=lambda line: clock(f"  {line}"), timings=timings)
            build_wall_s = time.perf_counter() - started
        if not result.ok:
            raise RuntimeError("the synthetic data does not pass the check")
        pages = _count_pages(project)
        site_files, site_bytes = folder_size(project.site_dir)
        largest = largest_pages(project.site_dir)

        baselines: dict[str, float] = {}
        baseline_rss: dict[str, float] = {}
        baseline_pss: dict[str, float] = {}
        for lang in LANGUAGES:
            clock(f"baseline: plain `mkdocs build` of the {lang.code} Markdown, alone")
            with RssSampler(with_root=False) as baseline_sampler:
                baselines[lang.code] = run_baseline(project, work, lang.code)
            baseline_rss[lang.code] = round(baseline_sampler.peak_mb, 1)
            baseline_pss[lang.code] = round(baseline_sampler.peak_pss_mb, 1)
            clock(f"  built in {baselines[lang.code]:.1f} s, peak {baseline_rss[lang.code]:.0f} MB")
        # The longer of the two: a side-by-side build cannot take less than that.
        slowest = max(baselines, key=lambda code: baselines[code])
        baseline_s = baselines[slowest]
        baseline_pages = sum(1 for _ in project.docs_dir(slowest).rglob("*.md"))

        figures: dict[str, Any] = {
            "people": people,
            "visits": visits,
            "pages": pages,
            "check_s": round(timings["check"], 3),
            "generate_s": round(timings["generate"], 3),
            "build_wall_s": round(build_wall_s, 3),
            "baseline_one_language_s": round(baseline_s, 3),
            "peak_rss_mb": round(sampler.peak_mb, 1),
            "site_bytes": site_bytes,
        }
        figures |= {
            "mkdocs_s": {lang.code: round(timings[lang.code], 3) for lang in LANGUAGES},
            # The published site's search index, one language after the other (issue 16).
            "pagefind_s": {
                lang.code: round(timings.get(f"pagefind_{lang.code}", 0.0), 3) for lang in LANGUAGES
            },
            "baseline_language": slowest,
            "baseline_s": {code: round(seconds, 3) for code, seconds in baselines.items()},
            "baseline_peak_rss_mb": baseline_rss,
            "peak_pss_mb": round(sampler.peak_pss_mb, 1),
            "baseline_peak_pss_mb": baseline_pss,
            "baseline_pages": baseline_pages,
            "site_files": site_files,
            "largest_page_bytes": largest.bytes,
            "largest_page_bytes_path": largest.bytes_page,
            "largest_page_elements": largest.elements,
            "largest_page_elements_path": largest.elements_page,
            "pages_over_budget": largest.over_budget,
            "synthetic_s": round(synthetic_s, 3),
            "organizations": sizes.organizations,
            "sources": sizes.sources,
        }
        # After the baselines, which read the docs trees as the full build left them.
        person = busiest_person(project.data_dir)

        def edit(number: int) -> None:
            edit_summary(project.data_dir / "people" / f"{person}.yml")

        figures |= measure_publish(project, clock, edit, build_wall_s)
        if preview:
            figures |= measure_preview(project, work, progress=clock)
        figures |= derived(figures)
        figures["load_average"] = {"before": round(load_before, 2), "after": round(_load(), 2)}
        figures["machine"] = machine()
        figures["versions"] = _versions()
        clock("done")
        return figures
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)


def derived(figures: dict[str, Any]) -> dict[str, Any]:
    """The ratios the targets are stated in."""
    pages = max(1, figures["pages"])
    generation = figures["check_s"] + figures["generate_s"]
    baseline_pages = max(1, figures.get("baseline_pages", pages // 2))
    return {
        "generation_share": round(generation / figures["build_wall_s"], 4),
        "wall_over_baseline": round(
            figures["build_wall_s"] / figures["baseline_one_language_s"], 3
        ),
        "ms_per_page": round(1000 * figures["build_wall_s"] / pages, 3),
        "baseline_ms_per_page": round(
            1000 * figures["baseline_one_language_s"] / baseline_pages, 3
        ),
        "bytes_per_page": round(figures["site_bytes"] / pages),
    }


# --- the report -----------------------------------------------------------------------------


def table(figures: dict[str, Any]) -> str:
    """The figures as a table for the terminal (and BENCHMARKS.md)."""
    rows: list[tuple[str, str, str]] = []

    def row(name: str, value: str, note: str = "") -> None:
        rows.append((name, value, note))

    pages = figures["pages"]
    row("people / visits", f"{figures['people']:,} / {figures['visits']:,}")
    row("pages (both languages)", f"{pages:,}", f"{figures['site_files']:,} files in the site")
    row("check", f"{figures['check_s']:.2f} s")
    row("generate (and write)", f"{figures['generate_s']:.2f} s")
    for lang, seconds in figures["mkdocs_s"].items():
        row(f"mkdocs build {lang} (side by side)", f"{seconds:.2f} s", "since both started")
    row(
        "bilingual build, wall",
        f"{figures['build_wall_s']:.2f} s",
        f"{figures['ms_per_page']:.2f} ms/page",
    )
    for lang, seconds in figures["baseline_s"].items():
        pages_note = ""
        if lang == figures["baseline_language"]:
            pages_note = (
                f"{figures['baseline_ms_per_page']:.2f} ms/page, {figures['baseline_pages']:,} "
                "pages; the baseline (the slower language)"
            )
        row(f"plain mkdocs build {lang}, alone", f"{seconds:.2f} s", pages_note)
    row(
        "peak memory (RSS, process tree)",
        f"{figures['peak_rss_mb']:.0f} MB",
        "the build; pages a fork shares are counted in each process",
    )
    row(
        "peak memory (PSS, process tree)",
        f"{figures['peak_pss_mb']:.0f} MB",
        "the build; shared pages counted once",
    )
    for lang, peak in figures["baseline_peak_rss_mb"].items():
        pss = figures["baseline_peak_pss_mb"][lang]
        row(f"peak memory, plain mkdocs {lang}", f"{peak:.0f} MB", f"PSS {pss:.0f} MB")
    row(
        "site size",
        f"{figures['site_bytes'] / 1e6:.1f} MB",
        f"{figures['bytes_per_page']:,} B/page",
    )
    if "largest_page_bytes" in figures:
        row(
            "largest page (target <= 400 KB)",
            f"{figures['largest_page_bytes'] / 1024:.0f} KB",
            figures["largest_page_bytes_path"],
        )
        row(
            "most elements on a page (<= 6,000)",
            f"{figures['largest_page_elements']:,}",
            f"{figures['largest_page_elements_path']}; {figures['pages_over_budget']} pages over",
        )
    if "preview_edit_s" in figures:
        row(
            "preview: edit -> Markdown on disk",
            f"{figures['preview_edit_s']:.2f} s",
            f"{figures['preview_files_rewritten']} of {figures['preview_files_total']:,} "
            "files rewritten",
        )
        row("preview: edit -> both pages served", f"{figures['preview_visible_s']:.2f} s")
    row(
        "generation share (target <= 5 %)",
        f"{100 * figures['generation_share']:.1f} %",
        "check + generate over the wall time",
    )
    row("wall / baseline (target <= 1.15)", f"{figures['wall_over_baseline']:.2f}")
    for kind, what in (("edit", "one person's summary edited"), ("add", "one visit added")):
        if f"publish_{kind}_s" in figures:
            row(
                f"publish: {what} (target <= 30 s)",
                f"{figures[f'publish_{kind}_s']:.2f} s",
                f"median of {len(figures[f'publish_{kind}_runs_s'])}, spread "
                f"{figures[f'publish_{kind}_spread_s']:.2f} s, "
                f"{100 * figures[f'publish_{kind}_over_build']:.1f} % of the full build",
            )
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    lines = [
        f"| {'figure'.ljust(widths[0])} | {'value'.rjust(widths[1])} | {'note'.ljust(widths[2])} |",
        f"|{'-' * (widths[0] + 2)}|{'-' * (widths[1] + 1)}:|{'-' * (widths[2] + 2)}|",
    ]
    lines += [
        f"| {name.ljust(widths[0])} | {value.rjust(widths[1])} | {note.ljust(widths[2])} |"
        for name, value, note in rows
    ]
    return "\n".join(lines)


def write_json(figures: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
