"""The build, stage by stage: read this module top to bottom.

0. cache      what the last build left (`write.buildcache`), if it is valid for this one:
              the same code, templates, configuration and versions, and its folders as it
              left them; removed until this build has published (8).
1. check      the data (`data.check`): every problem at once; a failed check stops here.
2. plan       each entity's relations and the page plan (`model`), made by the generator.
3. write      each language's docs tree, rendered page by page (`write.generate`), and the
              redirects of former ids; `prepare` does 1-3, in a process of its own for a build;
              with the cache, only the pages whose reads of the data changed.
4. MkDocs     one strict `mkdocs build` per language, side by side (`mkdocs.builds`), into
              its work site kept in the cache (`mkdocs.worksite`); with the cache, a dirty
              build of only the pages whose Markdown changed (`mkdocs.dirty`). Then the work
              sites are staged (hard links) in a staging folder of this build's own
              (`mkdocs.lock`), and, for the published site, Pagefind's search index of each
              language, one after the other, only its shards that hold a changed page
              (`update_search`, `mkdocs.reindex`, `mkdocs.pagefind`); for the offline bundle,
              its own index (`generator.search`).
5. root files the language chooser, the bilingual 404 page, the sitemap (`mkdocs.root`).
6. links      every internal link and anchor checked (`mkdocs.linkcheck`), when asked.
7. publish    the staging folder put in the place of the site in one step (`mkdocs.publish`).
8. cache      this build's state and the manifest that makes it valid, written last.

`build` runs them all for the published site, `bundle` for the offline zip (no publish: a
zip, no cache), and the live preview calls `prepare` alone, with its incremental state. One
build at a time holds the build folder's lock (`mkdocs.lock`): a failed or killed build
leaves the previous site, or the new one, and its wreckage is cleaned by the next.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from collections.abc import Mapping
from pathlib import Path

from generator.data.check import CheckResult
from generator.languages import LANGUAGES
from generator.mkdocs.address import site_address
from generator.mkdocs.builds import FALLBACK_EPOCH, run_mkdocs
from generator.mkdocs.bundle import bundle_name, drop_online_files, write_zip
from generator.mkdocs.configs import site_urls, write_configs
from generator.mkdocs.linkcheck import broken_links, check_site_links
from generator.mkdocs.lock import BuildLock, build_lock, clean_leftovers, new_staging
from generator.mkdocs.publish import check_can_publish, publish, recover_interrupted_publish
from generator.mkdocs.reindex import update_index
from generator.mkdocs.root import language_chooser, write_root_files
from generator.mkdocs.worksite import Changes, changes, link_tree, signature, snapshot
from generator.parallel import sigterm_as_interrupt
from generator.prepare import prepare, prepare_apart
from generator.project import BuildError, Progress, Project, failing_as, os_error_text
from generator.review.git import commit_epoch
from generator.search.build import index_language
from generator.write.buildcache import (
    cache_key,
    commit,
    invalidate,
    search_cache,
    valid_state,
    work_site,
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
    published. `timings` receives the seconds of each phase: the cache's reading, check,
    generate, each language's MkDocs and Pagefind, staging, publish, the cache's writing.
    Its staging folder is removed however it ends; a SIGTERM stops it as Ctrl-C
    does (KeyboardInterrupt)."""
    timings = {} if timings is None else timings
    with sigterm_as_interrupt(), build_lock(project.build_dir, "build") as lock:
        with failing_as("clean up after an interrupted build"):
            recover_interrupted_publish(project.site_dir, progress)
            clean_leftovers(project.build_dir, progress)
        check_can_publish(project.site_dir)
        address = site_address(project)  # a missing or malformed address stops here
        with failing_as("read the build cache"):  # 0: what the last build left, if valid
            started = time.perf_counter()
            key = cache_key(project, {"strict": strict, "address": dataclasses.asdict(address)})
            last = valid_state(project, key, _cache_signatures(project))
            invalidate(project)
            timings["cache_read"] = time.perf_counter() - started
        with failing_as("check the data and generate the pages"):
            result, kept = prepare_apart(project, progress, timings=timings, cache=last)  # 1-3
        if not result.ok:
            return result
        if kept is not None:
            progress(f"rendered {kept} pages again; MkDocs builds only their HTML (incremental)")
        sites = {lang.code: work_site(project) / lang.code for lang in LANGUAGES}
        incremental = kept is not None
        before = {lang: snapshot(site) if incremental else {} for lang, site in sites.items()}
        with failing_as("prepare the MkDocs builds"):
            staging = new_staging(project.build_dir)
        try:
            with failing_as("prepare the MkDocs builds"):
                configs = write_configs(project, work_site(project))
                epoch = build_epoch(project)
            with failing_as("run MkDocs"):  # 4: only the pages whose Markdown changed, if kept
                run_mkdocs(
                    configs,
                    progress,
                    strict=strict,
                    epoch=epoch,
                    timings=timings,
                    lock=lock,
                    dirty=incremental,
                )
            started = time.perf_counter()
            with failing_as("stage the built site"):
                built = {lang: snapshot(site) for lang, site in sites.items()}
                for lang, site in sites.items():
                    link_tree(site, staging / lang)
            timings["stage"] = time.perf_counter() - started
            with failing_as("index the site for search"):  # 4b
                changed = {lang: changes(before[lang], built[lang]).pages() for lang in sites}
                update_search(staging, changed, search_cache(project), progress, timings)
            urls = site_urls(project)
            with failing_as("write the site's root pages"):  # 5
                write_root_files(project, staging, urls)
            if check_links:  # 6
                started = time.perf_counter()
                with failing_as("check the links"):
                    check_site_links(staging, urls.root)
                progress(f"checked the links in {time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            with failing_as(f"publish to {project.site_dir}"):  # 7
                publish(staging, project.site_dir)
            timings["publish"] = time.perf_counter() - started
        finally:
            # Also the old site after a publish that could not remove it.
            shutil.rmtree(staging, ignore_errors=True)
        started = time.perf_counter()
        try:  # 8: last, once the site is published
            commit(project, key, _cache_signatures(project))
        except OSError as error:  # the site is published: the next build is a full one, no more
            progress(f"could not write the build cache: {os_error_text(error)}")
        timings["cache_write"] = time.perf_counter() - started
    return result


def _cache_signatures(project: Project) -> dict[str, str]:
    """What the build cache must find as the last build left it: each language's docs tree,
    work site and search index (generator/write/buildcache.py)."""
    folders = {
        **{f"docs/{lang.code}": project.docs_dir(lang.code) for lang in LANGUAGES},
        **{f"site/{lang.code}": work_site(project) / lang.code for lang in LANGUAGES},
        **{f"search/{lang.code}": search_cache(project) / lang.code for lang in LANGUAGES},
    }
    return {name: signature(snapshot(folder)) for name, folder in sorted(folders.items())}


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
            result, _ = prepare_apart(offline, progress)  # 1-3
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


# --- 4b: the search index -------------------------------------------------------------------------


def update_search(
    staging: Path,
    changed: Mapping[str, Changes],
    cache: Path,
    progress: Progress,
    timings: dict[str, float] | None,
) -> None:
    """Each language's search index in `staging`, given the built pages whose HTML was
    added, changed or removed since the last publish (`changed`; all of them for a full
    build): Pagefind's shards that hold a changed page are indexed again, one language and
    one shard at a time (the indexer's memory grows with the pages of one run), the others
    are the last build's, kept in `cache` (`<cache>/<lang>`; `mkdocs.reindex`)."""
    for lang in LANGUAGES:
        update = update_index(staging / lang.code, lang.code, changed[lang.code], cache / lang.code)
        run = update.run
        if timings is not None:
            timings[f"pagefind_{lang.code}"] = run.seconds
        progress(
            f"indexed the {lang.code} site for search in {run.seconds:.1f} s "
            f"({update.indexed} shards indexed, {update.kept} kept; {run.files} files, "
            f"{run.size / 1e6:.1f} MB, peak {run.peak_rss / 1e6:.0f} MB)"
        )


# --- 4: the MkDocs builds' clock ------------------------------------------------------------------


def build_epoch(project: Project) -> int:
    """The build's notion of "now", for MkDocs' sitemap and the bundle's zip: the time of the
    last commit that touched the data, so the same commit always gives the same bytes."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    return commit_epoch(project.data_dir) or FALLBACK_EPOCH


__all__ = ["build", "build_epoch", "bundle", "prepare", "update_search"]
