"""The build, stage by stage: read this module top to bottom.

1. check      the data (`data.check`): every problem at once; a failed check stops here.
2. plan       each entity's relations and the page plan (`model`), made by the generator.
3. write      each language's docs tree, rendered page by page (`write.generate`), and the
              redirects of former ids; `prepare` does 1-3, in a process of its own for a build.
4. MkDocs     one strict `mkdocs build` per language, side by side (`mkdocs.builds`), into a
              staging folder of this build's own (`mkdocs.lock`); then, for the published
              site, Pagefind's search index of each language, one after the other
              (`mkdocs.pagefind`); for the offline bundle, its own index (`generator.search`).
5. root files the language chooser, the bilingual 404 page, the sitemap (`mkdocs.root`).
6. links      every internal link and anchor checked (`mkdocs.linkcheck`), when asked.
7. publish    the staging folder put in the place of the site in one step (`mkdocs.publish`).

`build` runs them all for the published site, `bundle` for the offline zip (no publish: a
zip), and the live preview calls `prepare` alone, with its incremental state. One build at a
time holds the build folder's lock (`mkdocs.lock`): a failed or killed build leaves the
previous site, or the new one, and its wreckage is cleaned by the next.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os
import shutil
import time
from pathlib import Path

from generator.data.check import CheckResult, check
from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.languages import LANGUAGES
from generator.mkdocs.address import site_address
from generator.mkdocs.builds import FALLBACK_EPOCH, run_mkdocs
from generator.mkdocs.bundle import bundle_name, drop_online_files, write_zip
from generator.mkdocs.configs import site_urls, write_configs
from generator.mkdocs.linkcheck import broken_links, check_site_links
from generator.mkdocs.lock import BuildLock, build_lock, clean_leftovers, new_staging
from generator.mkdocs.pagefind import index_site
from generator.mkdocs.publish import check_can_publish, publish, recover_interrupted_publish
from generator.mkdocs.root import language_chooser, write_root_files
from generator.parallel import ForkedProcessDied, can_fork, sigterm_as_interrupt, start_forked
from generator.project import BuildError, Progress, Project, failing_as
from generator.review.git import commit_epoch, last_changed
from generator.search.build import index_language
from generator.write.generate import Incremental, generate
from generator.write.writer import sync_tree


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
        site_address(project)  # a missing or malformed address stops here, before any work
        with failing_as("check the data and generate the pages"):
            result = prepare_apart(project, progress, timings=timings)  # 1-3
        if not result.ok:
            return result
        with failing_as("prepare the MkDocs builds"):
            staging = new_staging(project.build_dir)
        try:
            with failing_as("prepare the MkDocs builds"):
                configs = write_configs(project, staging)
                epoch = build_epoch(project)
            with failing_as("run MkDocs"):  # 4
                run_mkdocs(
                    configs, progress, strict=strict, epoch=epoch, timings=timings, lock=lock
                )
            with failing_as("index the site for search"):  # 4b
                index_search(staging, progress, timings)
            urls = site_urls(project)
            with failing_as("write the site's root pages"):  # 5
                write_root_files(project, staging, urls)
            if check_links:  # 6
                started = time.perf_counter()
                with failing_as("check the links"):
                    check_site_links(staging, urls.root)
                progress(f"checked the links in {time.perf_counter() - started:.1f} s")
            with failing_as(f"publish to {project.site_dir}"):  # 7
                publish(staging, project.site_dir)
        finally:
            # Also the old site after a publish that could not remove it.
            shutil.rmtree(staging, ignore_errors=True)
    return result


def bundle(project: Project, progress: Progress, out_dir: Path) -> tuple[CheckResult, Path | None]:
    """Check, generate, build both languages for file:// and zip them into `out_dir`
    (`mkdocs.bundle` says how the bundle differs from the published site).

    Works in its own folder (`<build_dir>/bundle`), so it never touches the published site
    or a running preview, and holds the lock of that folder only: a bundle can be made while
    the site is built or previewed, never two bundles at once. Raises BuildError when a step
    fails, BuildBusy when another bundle is being made; nothing is written to `out_dir` then,
    and its staging folder is removed however it ends.
    """
    offline = dataclasses.replace(
        project, build_dir=project.build_dir / "bundle", directory_urls=False
    )
    with sigterm_as_interrupt(), build_lock(offline.build_dir, "bundle") as lock:
        with failing_as("clean up after an interrupted bundle build"):
            clean_leftovers(offline.build_dir, progress, legacy="site")
        site_address(project)  # its feeds and cards link to the published site
        with failing_as("check the data and generate the pages"):
            result = prepare_apart(offline, progress)  # 1-3
        if not result.ok:
            return result, None
        with failing_as("prepare the MkDocs builds"):
            staging = new_staging(offline.build_dir)
        try:
            return result, _bundle_in(project, offline, staging, progress, out_dir, lock)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _bundle_in(
    project: Project,
    offline: Project,
    staging: Path,
    progress: Progress,
    out_dir: Path,
    lock: BuildLock,
) -> Path:
    name = bundle_name(project)
    with failing_as("prepare the MkDocs builds"):
        configs = write_configs(offline, staging, directory_urls=False, offline=True)
        epoch = build_epoch(project)
    with failing_as("run MkDocs"):  # 4
        run_mkdocs(configs, progress, epoch=epoch, lock=lock)
    with failing_as("index the offline search"):  # 4b
        for lang in LANGUAGES:
            made = index_language(staging / lang.code)
            progress(
                f"indexed the {lang.code} bundle for search in {made.seconds:.1f} s "
                f"({made.pages} pages, {made.files} files, {made.size / 1e6:.1f} MB)"
            )
    with failing_as("make the site readable from file://"):  # 5, 6
        drop_online_files(staging)
        (staging / "index.html").write_text(language_chooser(index="index.html"), encoding="utf-8")
        problems = broken_links(staging, directory_index=False)
    if problems:
        raise BuildError(
            f"{len(problems)} broken link(s) in the offline bundle:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    target = out_dir / name
    started = time.perf_counter()
    with failing_as(f"write {target}"):  # instead of 7: the zip
        out_dir.mkdir(parents=True, exist_ok=True)
        write_zip(staging, target, folder=name.removesuffix(".zip"), epoch=epoch)
    progress(f"zipped {target} in {time.perf_counter() - started:.1f} s")
    return target


# --- 1-3: check, plan, write the docs trees ------------------------------------------------------


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


def prepare(
    project: Project,
    progress: Progress,
    timings: dict[str, float] | None = None,
    incremental: Incremental | None = None,
) -> CheckResult:
    """Check the data, and write each language's docs tree into the build folder. `timings`
    receives the seconds of the check and of the generation. With `incremental` (the live
    preview's state), only what changed since its last run is read and rendered."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    result = check(project.data_dir, cache=incremental.check_cache if incremental else None)
    timings["check"] = time.perf_counter() - started
    if result.dataset is None:
        return result
    progress(f"checked {sum(result.counts.values())} files in {timings['check']:.1f} s")
    started = time.perf_counter()
    site_url = site_address(project).url
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
            _extra_pages(result.dataset, site_url, project.directory_urls),
            write_to=targets,
        )
        if generated.problems:
            raise BuildError("\n".join(generated.problems))
        written = sum(generated.written.values())
    else:
        extra_pages = incremental.extra_pages if previous is not None else None
        if extra_pages is None:
            extra_pages = _extra_pages(result.dataset, site_url, project.directory_urls)
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
            fresh = _extra_pages(result.dataset, site_url, project.directory_urls)
            written += incremental.refresh_extra_pages(fresh, targets)
    timings["generate"] = time.perf_counter() - started
    progress(
        f"generated {sum(generated.files.values())} files "
        f"({written} changed) in {timings['generate']:.1f} s"
    )
    return result


def _extra_pages(
    dataset: Dataset, site_url: str = "", directory_urls: bool = True
) -> dict[str, dict[str, str]]:
    """Each language's pages made from all the data rather than from templates: the data
    format reference, the data downloads (the same files in every language) and the page
    that documents them, and the Atom feeds and embeddable cards (`generator.feeds`)."""
    from generator.data.reference import render_reference
    from generator.downloads.datapage import PAGE, render_data_page
    from generator.downloads.export import data_files
    from generator.feeds.files import feed_files

    downloads = data_files(dataset, site_url)
    feeds = feed_files(dataset, site_url, directory_urls)
    return {
        lang.code: {
            "reference/data-format.md": render_reference(lang.code),
            PAGE: render_data_page(dataset, lang.code),
            **downloads,
            **feeds[lang.code],
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
    path = project.redirects_file
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(redirects, indent=1, sort_keys=True) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


# --- 4b: the search index -------------------------------------------------------------------------


def index_search(staging: Path, progress: Progress, timings: dict[str, float] | None) -> None:
    """Pagefind over each language's built pages, one language at a time (`mkdocs.pagefind`):
    the indexer's memory grows with the pages of one run."""
    for lang in LANGUAGES:
        run = index_site(staging / lang.code, lang.code)
        if timings is not None:
            timings[f"pagefind_{lang.code}"] = run.seconds
        progress(
            f"indexed the {lang.code} site for search in {run.seconds:.1f} s "
            f"({run.files} files, {run.size / 1e6:.1f} MB, peak {run.peak_rss / 1e6:.0f} MB)"
        )


# --- 4: the MkDocs builds' clock ------------------------------------------------------------------


def build_epoch(project: Project) -> int:
    """The build's notion of "now", for MkDocs' sitemap and the bundle's zip: the time of the
    last commit that touched the data, so the same commit always gives the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return commit_epoch(project.data_dir) or FALLBACK_EPOCH
