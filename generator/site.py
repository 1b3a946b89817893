"""Building the bilingual site: check, generate, one MkDocs build per language, then publish.

The two languages are separate MkDocs processes and run side by side. The new site is built
into a staging folder and only replaces `site/` when every step succeeded, so a failed build
leaves the previous site as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import yaml

from generator.check import CheckResult, check
from generator.dataset import Dataset
from generator.forking import ForkedProcessDied, can_fork, start_forked
from generator.generate import Incremental, generate
from generator.history import last_changed
from generator.i18n import label
from generator.languages import LANGUAGES, Language
from generator.schema import KINDS
from generator.seo import SiteUrls, chooser_head, robots_txt, root_not_found, sitemap
from generator.write import sync_tree

# Material templates of our own (a localized 404 page); beside templates/, like TEMPLATE_DIR.
OVERRIDES_DIR = Path(__file__).resolve().parent.parent / "overrides"
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


Progress = Callable[[str], None]


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
    search: dict[str, Any] = {"lang": lang.code}
    if lang.code == "ar":
        # lunr's Arabic stop words include "زيارة" (visit) and its stemmer loses "الرياض":
        # no pipeline, and a separator that also splits off a leading "ال".
        search = {"lang": "ar", "pipeline": [], "separator": r"[\s\-]+|(?<=^|[\s\-])ال"}
    plugins: list[Any] = [{"search": search}]
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
        "hooks": [os.path.relpath(Path(__file__).with_name("mkdocs_hooks.py"), build)],
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
    """What the hook needs for the head tags (generator/seo.py) and the 404 page."""
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
    from generator.datapage import PAGE, render_data_page
    from generator.export import data_files
    from generator.reference import render_reference

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
) -> None:
    """One `mkdocs build` per language, side by side; all output shown if any fails.

    Each build logs to a file of its own, not a pipe: MkDocs lists every page left out of the
    navigation, far more than a pipe holds, and a pipe read one build after the other stalled
    the second build until the first had finished. `timings` receives each language's seconds.
    """
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "PYTHONWARNINGS": "ignore",
        "SOURCE_DATE_EPOCH": str(epoch),
    }
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        logs = {lang: stack.enter_context(tempfile.TemporaryFile()) for lang in configs}
        processes = {
            lang: subprocess.Popen(
                # Not --quiet: it hides warnings from --strict, which then passes a broken site.
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
            )
            for lang, config in configs.items()
        }
        failures = _wait_for_builds(processes, logs, progress, started, timings)
    if failures:
        raise BuildError("\n\n".join(failures))


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
                failures.append(f"mkdocs build ({lang}) failed:\n{output.strip()}")
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


def publish(staging: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `staging` in two renames; the old site survives until then."""
    previous = site_dir.with_name(site_dir.name + ".previous")
    if previous.exists():
        shutil.rmtree(previous)
    if site_dir.exists():
        site_dir.rename(previous)
    staging.rename(site_dir)
    if previous.exists():
        shutil.rmtree(previous)


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
    from generator.linkcheck import broken_links

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
    """The whole build; raises BuildError (the published site untouched) when a step fails.
    With `check_links`, a site with a broken internal link or anchor is not published.
    `timings` receives the seconds of each phase: check, generate, and each language."""
    result = prepare_apart(project, progress, timings=timings)
    if not result.ok:
        return result
    staging = project.build_dir / "staging"
    if staging.exists():
        shutil.rmtree(staging)
    configs = write_configs(project, staging)
    run_mkdocs(configs, progress, strict=strict, epoch=build_epoch(project), timings=timings)
    urls = site_urls(project)
    write_root_files(project, staging, urls)
    if check_links:
        started = time.perf_counter()
        check_site_links(staging, urls)
        progress(f"checked the links in {time.perf_counter() - started:.1f} s")
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    publish(staging, project.site_dir)
    return result
