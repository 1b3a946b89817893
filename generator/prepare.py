"""Steps 1-3 of the build (`generator.pipeline`): check the data, plan the pages, and write
each language's docs tree; for a build, in a process of its own (`prepare_apart`) and with
the build cache (generator/write/buildcache.py): from the last build's state, only the pages
whose reads changed are rendered again, and this build's state is saved for the next.
"""

from __future__ import annotations

import datetime
import json
import time
from pathlib import Path

from generator.data.check import CheckCache, CheckResult, check
from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.languages import LANGUAGES
from generator.mkdocs.address import site_address
from generator.parallel import ForkedProcessDied, can_fork, start_forked
from generator.project import BuildError, Progress, Project
from generator.review.git import last_changed
from generator.write.buildcache import (
    CachedState,
    load_state,
    save_next_state,
    touch_dependents,
)
from generator.write.generate import Generated, Incremental, generate
from generator.write.writer import sync_tree

# The build cache's use by `prepare`: False, none (the bundle); None, a full build that fills
# it; a path, the state of the last build (generator/write/buildcache.py).
CacheUse = Path | None | bool


def prepare_apart(
    project: Project,
    progress: Progress,
    timings: dict[str, float] | None = None,
    cache: CacheUse = False,
) -> tuple[CheckResult, int | None]:
    """`prepare` in a process of its own, which ends before the MkDocs builds start: the data
    and the rendering's garbage (hundreds of MB at newsroom scale, which Python does not give
    back) are then not held while MkDocs runs. The result has the diagnostics and counts but
    no dataset, and the pages rendered again when the others were kept from the cache's last
    build (None: all were rendered); BuildError is raised
    here as `prepare` raised it there."""
    if not can_fork():
        return _prepared(project, progress, timings, cache)
    work = start_forked(lambda: _with_timings(project, progress, cache), "check and generate")
    try:
        result, kept, child_timings = work()
    except ForkedProcessDied as error:
        raise BuildError(f"checking and generating failed: {error}") from error
    if timings is not None:
        timings.update(child_timings)
    return result, kept


def _prepared(
    project: Project, progress: Progress, timings: dict[str, float] | None, cache: CacheUse
) -> tuple[CheckResult, int | None]:
    kept: list[int] = []
    result = prepare(project, progress, timings=timings, cache=cache, kept=kept)
    result.dataset = None  # the data stays in the process that made it
    return result, kept[0] if kept else None


def _with_timings(
    project: Project, progress: Progress, cache: CacheUse
) -> tuple[CheckResult, int | None, dict[str, float]]:
    timings: dict[str, float] = {}
    result, kept = _prepared(project, progress, timings, cache)
    return result, kept, timings


def prepare(
    project: Project,
    progress: Progress,
    timings: dict[str, float] | None = None,
    incremental: Incremental | None = None,
    cache: CacheUse = False,
    kept: list[int] | None = None,
) -> CheckResult:
    """Check the data, and write each language's docs tree into the build folder. `timings`
    receives the seconds of the check and of the generation. With `incremental` (the live
    preview's state), only what changed since its last run is read and rendered. With
    `cache` (a build's), the same from the build cache's last state, when it has one (then
    the number of pages rendered again is appended to `kept`), and the state of this build
    is saved for the next."""
    timings = {} if timings is None else timings
    started = time.perf_counter()
    last = _load_state(cache, progress) if isinstance(cache, Path) else None
    check_cache = last.check_cache if last else CheckCache() if cache is not False else None
    if incremental is not None:
        check_cache = incremental.check_cache
    result = check(project.data_dir, cache=check_cache)
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
        # With the cache's last state, the pages that read nothing that changed stay on disk.
        previous = None
        if last is not None:
            previous = Generated(dataset=last.dataset, relations=last.relations, reads=last.reads)
        generated = generate(
            result.dataset,
            project.content_dir,
            _extra_pages(result.dataset, site_url, project.directory_urls),
            write_to=targets,
            previous=previous,
            changed=set() if previous else None,
            record=cache is not False,
        )
        if generated.problems:
            raise BuildError("\n".join(generated.problems))
        written = sum(generated.written.values())
        if cache is not False and generated.relations is not None:
            touched = touch_dependents(targets, generated.reports)
            state = CachedState(check_cache or CheckCache(), result.dataset, generated.relations)
            state.reads = generated.reads
            save_next_state(project, state)
            if last is not None and kept is not None:
                kept.append(generated.rendered)
            if touched:
                progress(f"{touched} pages to build again for a feed or a twin that came or went")
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


def _load_state(path: Path, progress: Progress) -> CachedState | None:
    try:
        return load_state(path)
    except Exception as error:  # a cache that cannot be read costs a full build, no more
        progress(f"the build cache could not be read ({error!r}): a full build")
        return None


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
