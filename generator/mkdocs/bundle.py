"""The offline bundle: both languages in one zip, to unzip anywhere and open from file://.

Built like the published site (same data, same pages, strict MkDocs builds side by side) but
with `use_directory_urls: false` and Material's `offline` plugin, which inlines the search
index into `search/search_index.js`. On file:// browsers refuse Web Workers, so search runs in
an iframe through the `iframe-worker` shim, vendored in `generator/assets/vendor/` (Material
would otherwise load it from unpkg.com). Nothing in the bundle asks the network for anything.

The zip is deterministic: entries sorted, every timestamp the build's epoch (the last commit
of the data), fixed permissions, no extra fields; the same data gives the same bytes.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

from generator.data.check import CheckResult
from generator.mkdocs.linkcheck import broken_links
from generator.mkdocs.site import (
    FALLBACK_EPOCH,
    BuildError,
    BuildLock,
    Progress,
    Project,
    base_config,
    build_epoch,
    build_lock,
    clean_leftovers,
    failing_as,
    language_chooser,
    new_staging,
    prepare_apart,
    run_mkdocs,
    write_configs,
)
from generator.parallel import sigterm_as_interrupt

# Files of a language's site that mean nothing from file://: a 404 page is served by a web
# server, sitemaps are for crawlers, source maps for debugging Material (two thirds of its
# JavaScript's weight).
_NOT_OFFLINE = ("404.html", "sitemap.xml", "sitemap.xml.gz", "assets/**/*.map")


def bundle_name(project: Project) -> str:
    """`<site_name>-offline.zip` from mkdocs.yml: "Sijill" -> "sijill-offline.zip"."""
    name = str(base_config(project).get("site_name") or "site")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "site"
    return f"{slug}-offline.zip"


def build_bundle(
    project: Project, progress: Progress, out_dir: Path
) -> tuple[CheckResult, Path | None]:
    """Check, generate, build both languages for file:// and zip them into `out_dir`.

    Works in its own folder (`<build_dir>/bundle`), so it never touches the published site
    or a running preview, and holds the lock of that folder only: a bundle can be made while
    the site is built or previewed, never two bundles at once. Raises BuildError when a step
    fails, BuildBusy when another bundle is being made; nothing is written to `out_dir` then,
    and its staging folder is removed however it ends.
    """
    offline = dataclasses.replace(project, build_dir=project.build_dir / "bundle")
    with sigterm_as_interrupt(), build_lock(offline.build_dir, "bundle") as lock:
        with failing_as("clean up after an interrupted bundle build"):
            clean_leftovers(offline.build_dir, progress, legacy="site")
        with failing_as("check the data and generate the pages"):
            result = prepare_apart(offline, progress)
        if not result.ok:
            return result, None
        with failing_as("prepare the MkDocs builds"):
            staging = new_staging(offline.build_dir)
        try:
            return result, _build_in(project, offline, staging, progress, out_dir, lock)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _build_in(
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
    with failing_as("run MkDocs"):
        run_mkdocs(configs, progress, epoch=epoch, lock=lock)
    with failing_as("make the site readable from file://"):
        for lang_dir in sorted(path for path in staging.iterdir() if path.is_dir()):
            for pattern in _NOT_OFFLINE:
                for unwanted in lang_dir.glob(pattern):
                    unwanted.unlink()
        (staging / "index.html").write_text(language_chooser(index="index.html"), encoding="utf-8")
        problems = broken_links(staging, directory_index=False)
    if problems:
        raise BuildError(
            f"{len(problems)} broken link(s) in the offline bundle:\n"
            + "\n".join(f"  {p}" for p in problems)
        )
    target = out_dir / name
    started = time.perf_counter()
    with failing_as(f"write {target}"):
        out_dir.mkdir(parents=True, exist_ok=True)
        write_zip(staging, target, folder=name.removesuffix(".zip"), epoch=epoch)
    progress(f"zipped {target} in {time.perf_counter() - started:.1f} s")
    return target


def write_zip(source: Path, target: Path, folder: str, epoch: int) -> None:
    """Zip every file under `source` into `folder/` of the archive, deterministically, and
    replace `target` only once the archive is complete."""
    # Zip holds local times from 1980 on, to two seconds; UTC keeps it machine-independent.
    date_time = time.gmtime(max(epoch, FALLBACK_EPOCH))[:6]
    files = sorted(
        (path.relative_to(source).as_posix(), path) for path in source.rglob("*") if path.is_file()
    )
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w") as archive:
            for name, path in files:
                info = zipfile.ZipInfo(f"{folder}/{name}", date_time=date_time)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # Unix, so that the permissions below are read
                info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                archive.writestr(info, path.read_bytes(), compresslevel=9)
        os.replace(partial, target)
    except BaseException:
        # A full disk or a stop half-way: no half-written archive left beside the bundles.
        partial.unlink(missing_ok=True)
        raise
