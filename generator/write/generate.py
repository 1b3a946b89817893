"""From checked data to each language's docs tree: generated pages, hand-written pages, assets.

Pure: returns the files as bytes and the problems found; `write.sync_tree` puts them on disk.

What keeps it fast at newsroom scale: a full generation renders (and writes) the languages
side by side, one per process (forked, so the data is shared, not copied); within a language,
links and visit list lines are made once per folder (`PageHelpers.memo`); and given the
previous result and the data files that changed since (the live preview), only the pages
that depend on those files are rendered again (`PlannedPage.depends_on`); the other pages
keep their bytes, so `sync_tree` does not touch them.
"""

from __future__ import annotations

import datetime
import gc
import multiprocessing
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from generator.data.check import CheckCache
from generator.data.dataset import Dataset
from generator.data.schema import KINDS
from generator.languages import LANGUAGE_CODES
from generator.model.pages import DATA_PREFIX, PlannedPage, changed_parts, plan
from generator.model.resolve import Relations, resolve
from generator.parallel import can_fork
from generator.render.helpers import PageHelpers, make_environment
from generator.write.writer import Claims, PathClash, TreeWriter, sync_tree

ASSET_DIR = Path(__file__).resolve().parent.parent / "assets"
ASSET_PREFIX = "assets/sijill"


@dataclass
class Generated:
    # language -> relative path -> bytes
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # generated page path -> the data files it is made from (PlannedPage.depends_on)
    depends_on: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # pages rendered by this run, all languages together (the rest kept their bytes)
    rendered: int = 0
    # the data it was made from: the next run compares entities with it, part by part
    dataset: Dataset | None = None
    # language -> files in its tree, and files written (when the workers wrote the trees)
    files: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)


@dataclass
class Incremental:
    """What the live preview keeps from one generation to the next (see `site.prepare`)."""

    check_cache: CheckCache = field(default_factory=CheckCache)
    generated: Generated | None = None
    # Data files changed since `generated` (as in PlannedPage.depends_on); None: render all.
    changed: set[str] | None = None
    last_rendered: int = 0
    last_written: int = 0
    # What the first run found in git and made from all the data, reused by the next runs.
    last_changed: dict[tuple[str, str], datetime.date] = field(default_factory=dict)
    extra_pages: dict[str, dict[str, str]] = field(default_factory=dict)

    def add_changes(self, keys: set[str] | None) -> None:
        """Remember more changes; they add up until a generation succeeds."""
        if keys is None or self.changed is None:
            self.changed = None
        else:
            self.changed |= keys

    def done(
        self,
        generated: Generated,
        written: int,
        last_changed: dict[tuple[str, str], datetime.date],
        extra_pages: dict[str, dict[str, str]],
    ) -> None:
        self.generated = generated
        self.changed = set()
        self.last_rendered = generated.rendered
        self.last_written = written
        self.last_changed = last_changed
        self.extra_pages = extra_pages

    def refresh_extra_pages(
        self, fresh: dict[str, dict[str, str]], targets: Mapping[str, Path]
    ) -> int:
        """Put newly made extra pages into the trees and on disk (only those that changed);
        return how many files were written."""
        old, self.extra_pages = self.extra_pages, fresh
        if fresh == old or self.generated is None:
            return 0
        written = 0
        for lang, tree in self.generated.trees.items():
            before = dict(tree)
            for path in old.get(lang, {}):
                tree.pop(path, None)
            tree.update((path, text.encode("utf-8")) for path, text in fresh.get(lang, {}).items())
            written += len(sync_tree(targets[lang], tree, before).written)
        self.last_written += written
        return written


# Below this many pages, forking a process per language costs more than it saves.
PARALLEL_MIN_PAGES = 1000


_BLANK_RUNS = re.compile(r"\n{3,}")


def iter_rendered(
    dataset: Dataset,
    lang: str,
    pages: list[PlannedPage] | None = None,
    relations: Relations | None = None,
) -> Iterator[tuple[str, str]]:
    """The generated Markdown of one language, page by page: (path, text)."""
    relations = relations if relations is not None else resolve(dataset)
    pages = pages if pages is not None else plan(dataset, relations)
    env = make_environment()
    # Looked up once each: get_template checks the file on disk every time it is called.
    templates = {name: env.get_template(name) for name in sorted({p.template for p in pages})}
    memo: dict[tuple[object, ...], Markup] = {}  # links and list entries, for every page
    for page in pages:
        helpers = PageHelpers(page.path, lang, dataset, relations, memo=memo)
        context = page.context(helpers)
        text = templates[page.template].render(
            h=helpers, source_file=page.source_file or f"templates/{page.template}", **context
        )
        # Templates leave blank runs where optional sections are absent; keep the files tidy.
        yield page.path, _BLANK_RUNS.sub("\n\n", text).strip() + "\n"


def render_pages(
    dataset: Dataset,
    lang: str,
    pages: list[PlannedPage] | None = None,
    relations: Relations | None = None,
) -> dict[str, str]:
    """The generated Markdown of one language: path -> text."""
    return dict(iter_rendered(dataset, lang, pages, relations))


def hand_written(content_dir: Path, lang: str) -> dict[str, Path]:
    """The hand-written pages of one language: docs path -> file."""
    root = content_dir / lang
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".")
    }


def assets() -> dict[str, bytes]:
    return {
        f"{ASSET_PREFIX}/{path.relative_to(ASSET_DIR).as_posix()}": path.read_bytes()
        for path in sorted(ASSET_DIR.rglob("*"))
        if path.is_file()
    }


def changed_keys(files: Collection[str], before: Dataset | None, after: Dataset) -> set[str]:
    """The changed data files as pages depend on them: each file (`site_data/people/x.yml`),
    and each part of its entity that differs (`site_data/people/x.yml#name`)."""
    keys = set(files)
    prefix = f"{DATA_PREFIX}/"
    for key in files:
        kind, _, name = key.removeprefix(prefix).partition("/")
        if not key.startswith(prefix) or kind not in KINDS or not name.endswith(".yml"):
            continue
        entity_id = name.removesuffix(".yml")
        old = before.of_kind(kind).get(entity_id) if before is not None else None
        new = after.of_kind(kind).get(entity_id)
        keys.update(f"{key}#{part}" for part in changed_parts(kind, old, new))
    return keys


def affected_pages(
    pages: Sequence[PlannedPage], previous: Generated, changed: Collection[str]
) -> list[PlannedPage]:
    """The pages to render again for the `changed` keys (see `changed_keys`): those that
    depend on one of them now or did before (a visit that stops naming a person still changes
    that person's page), and pages that did not exist before."""
    changed = set(changed)
    before = previous.depends_on
    return [
        page
        for page in pages
        if page.path not in before
        or not changed.isdisjoint(page.depends_on)
        or not changed.isdisjoint(before[page.path])
    ]


# The pages made from all the data rather than from templates (see `site._extra_pages`):
# language -> path -> text.
ExtraPages = Mapping[str, Mapping[str, str]]


def generate(
    dataset: Dataset,
    content_dir: Path,
    extra_pages: ExtraPages | None = None,
    *,
    previous: Generated | None = None,
    changed: Collection[str] | None = None,
    write_to: Mapping[str, Path] | None = None,
) -> Generated:
    """Every file of every language's docs tree; a clash with a hand-written page is a problem
    that names both files, and the hand-written page is never replaced.

    With `previous` (an earlier result) and `changed` (the data files changed since, as in
    `PlannedPage.depends_on`), only the pages affected by the change are rendered; give no
    `changed` when templates or labels changed, and every page is rendered.

    With `write_to` (language -> docs folder), each language's worker writes its own tree
    there page by page as it renders (`write.TreeWriter`), and the trees are not returned:
    a full build writes both languages side by side, holds no whole tree and sends no page
    between processes. A language with a problem writes nothing."""
    result = Generated(dataset=dataset)
    relations = resolve(dataset)
    pages = plan(dataset, relations)
    result.depends_on = {page.path: page.depends_on for page in pages}
    todo = pages
    if previous is not None and changed is not None:
        keys = changed_keys(changed, previous.dataset, dataset)
        todo = affected_pages(pages, previous, keys)
    job = _Job(dataset, todo, pages, relations, content_dir, extra_pages, previous, write_to)
    for lang, done in _each_language(job, LANGUAGE_CODES).items():
        result.problems.extend(done.problems)
        result.files[lang] = done.files
        result.written[lang] = done.written
        if done.tree is not None:
            result.trees[lang] = done.tree
    result.rendered = len(todo) * len(LANGUAGE_CODES)
    return result


@dataclass
class _Job:
    """What each language's worker needs; forked workers inherit it (see `_each_language`)."""

    dataset: Dataset
    todo: Sequence[PlannedPage]  # the pages to render
    pages: Sequence[PlannedPage]  # every page of the plan
    relations: Relations
    content_dir: Path
    extra_pages: ExtraPages | None
    previous: Generated | None
    write_to: Mapping[str, Path] | None


@dataclass
class _LanguageDone:
    tree: dict[str, bytes] | None  # None when the worker wrote it
    problems: list[str]
    files: int
    written: int


def _extra_for(job: _Job, lang: str) -> Mapping[str, str]:
    return job.extra_pages.get(lang, {}) if job.extra_pages is not None else {}


def _language(job: _Job, lang: str) -> _LanguageDone:
    """Render one language's pages and assemble its tree, or with `write_to`, write it page
    by page as the pages are rendered."""
    extra = _extra_for(job, lang)
    shared_assets = assets()
    made = {page.path for page in job.pages} | set(extra) | set(shared_assets)
    manual: dict[str, Path] = {}
    problems = []
    for path, source in hand_written(job.content_dir, lang).items():
        if path not in made:
            manual[path] = source
            continue
        origin = next((_origin(p) for p in job.pages if p.path == path), "the generator")
        problems.append(
            f"{source.as_posix()}: clashes with the generated page {lang}/{path} "
            f"(from {origin}); rename or move the hand-written page"
        )

    def files() -> Iterator[tuple[str, bytes, str]]:
        """(path, bytes, where they come from) of every file of the tree."""
        todo = list(job.todo)
        rendered = set()
        for page, (path, text) in zip(
            todo, iter_rendered(job.dataset, lang, todo, job.relations), strict=True
        ):
            rendered.add(path)
            yield path, text.encode("utf-8"), _origin(page)
        if job.previous is not None:
            old = job.previous.trees[lang]
            for page in job.pages:
                if page.path not in rendered:
                    yield page.path, old[page.path], _origin(page)
        for path, text in extra.items():
            yield path, text.encode("utf-8"), "the generator's pages made from all the data"
        for path, content in shared_assets.items():
            yield path, content, f"generator/{ASSET_DIR.name}/{path.removeprefix(ASSET_PREFIX)}"
        for path, source in manual.items():
            yield path, source.read_bytes(), source.as_posix()

    try:
        if job.write_to is None:
            claims = Claims(lang)
            tree = {}
            for path, content, origin in files():
                claims.claim(path, origin)
                tree[path] = content
            return _LanguageDone(tree, problems, len(tree), 0)
        if problems:
            return _LanguageDone(None, problems, len(made) + len(manual), 0)
        writer = TreeWriter(job.write_to[lang], tree=lang)
        count = 0
        for path, content, origin in files():
            writer.put(path, content, origin)
            count += 1
        return _LanguageDone(None, problems, count, len(writer.finish().written))
    except PathClash as clash:
        return _LanguageDone(None, [*problems, str(clash)], 0, 0)


def _origin(page: PlannedPage) -> str:
    return page.source_file or f"templates/{page.template}"


# What the forked workers work on: set just before they are forked, so they inherit it.
_JOB: _Job | None = None


def _language_of_job(lang: str) -> _LanguageDone:
    assert _JOB is not None
    return _language(_JOB, lang)


def _each_language(job: _Job, languages: Sequence[str]) -> dict[str, _LanguageDone]:
    """Each language's work, side by side when there is enough of it: the first language
    here, the others in forked processes (the data is shared, not copied)."""
    global _JOB
    _JOB = job
    try:
        if len(job.todo) < PARALLEL_MIN_PAGES or len(languages) < 2 or not can_fork():
            return {lang: _language(job, lang) for lang in languages}
        # Objects that live as long as the data need no garbage collection in any process.
        gc.freeze()
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(len(languages) - 1, mp_context=context) as pool:
                others = {lang: pool.submit(_language_of_job, lang) for lang in languages[1:]}
                results = {languages[0]: _language(job, languages[0])}
                results.update((lang, future.result()) for lang, future in others.items())
        finally:
            gc.unfreeze()
        return {lang: results[lang] for lang in languages}
    finally:
        _JOB = None
