"""From checked data to each language's docs tree: generated pages, hand-written pages, assets.

Pure: returns the files as bytes and the problems found; `write.sync_tree` puts them on disk.

What keeps it fast at newsroom scale: a full generation renders (and writes) the languages
side by side, one per process (`parallel.map_forked`: forked, so the data is shared, not
copied); within a language, links and visit list lines are made once per folder (the
`render.session.RenderSession`'s memo); and given the previous result (the live preview),
only the pages that read something of the data that changed since are rendered again: what
each page read is recorded while it renders (generator/render/deps.py); the other pages keep
their bytes, so `sync_tree` does not touch them.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.check import CheckCache
from generator.data.dataset import Dataset
from generator.languages import LANGUAGE_CODES
from generator.languages.collation import load_collations
from generator.model.pages import HOME_MARKER, PlannedPage, home_part, plan
from generator.model.resolve import Relations, resolve
from generator.parallel import map_forked
from generator.pictures import worldmap
from generator.render.deps import Read, affected_pages
from generator.render.session import RenderSession
from generator.write.writer import Claims, PathClash, StaleTree, SyncReport, TreeWriter, sync_tree

ASSET_DIR = Path(__file__).resolve().parent.parent / "assets"
ASSET_PREFIX = "assets/sijill"


@dataclass
class Generated:
    # language -> relative path -> bytes
    trees: dict[str, dict[str, bytes]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    # generated page path -> what it read of the data, all languages together
    # (generator/render/deps.py); recorded when the trees are kept (not by a build)
    reads: dict[str, frozenset[Read]] = field(default_factory=dict)
    # pages rendered by this run, all languages together (the rest kept their bytes)
    rendered: int = 0
    # the data it was made from: the next run asks it what the recorded reads answered
    dataset: Dataset | None = None
    relations: Relations | None = None
    # language -> files in its tree, and files written (when the workers wrote the trees)
    files: dict[str, int] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)
    # language -> what its worker wrote, added and removed (when the workers wrote the trees)
    reports: dict[str, SyncReport] = field(default_factory=dict)


@dataclass
class Incremental:
    """What the live preview keeps from one generation to the next (see `site.prepare`)."""

    check_cache: CheckCache = field(default_factory=CheckCache)
    generated: Generated | None = None
    # Data files changed since `generated` (`site_data/people/x.yml`; what changed in them is
    # found by comparing the data); None: something else changed (a template), render all.
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


def iter_rendered(
    dataset: Dataset,
    lang: str,
    pages: list[PlannedPage] | None = None,
    relations: Relations | None = None,
) -> Iterator[tuple[str, str]]:
    """The generated Markdown of one language, page by page: (path, text)."""
    relations = relations if relations is not None else resolve(dataset)
    pages = pages if pages is not None else plan(dataset, relations)
    session = RenderSession(dataset, relations, lang)
    for page in pages:
        yield page.path, session.render(page)[0]


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
    """generator/assets/** under `assets/sijill/`, and the base world map made from the
    committed geometry (generator/pictures/worldmap.py)."""
    files = {
        f"{ASSET_PREFIX}/{path.relative_to(ASSET_DIR).as_posix()}": path.read_bytes()
        for path in sorted(ASSET_DIR.rglob("*"))
        if path.is_file()
    }
    files[worldmap.BASE_MAP] = worldmap.base_svg()
    return files


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
    record: bool = False,
) -> Generated:
    """Every file of every language's docs tree; a clash with a hand-written page is a problem
    that names both files, and the hand-written page is never replaced.

    With `previous` (an earlier result, with its trees) and `changed` (the data files changed
    since), only the pages that read something that changed are rendered; give no `changed`
    when templates or labels changed, and every page is rendered. Without `write_to`, what
    each page reads is recorded for the next run (`Generated.reads`).

    With `write_to` (language -> docs folder), each language's worker writes its own tree
    there page by page as it renders (`write.TreeWriter`), and the trees are not returned:
    a full build writes both languages side by side, holds no whole tree and sends no page
    between processes. A language with a problem writes nothing. With `write_to`, a
    `previous` without trees (the build cache's, generator/write/buildcache.py) means that
    its pages are on disk there: the pages not rendered again are kept as they are, and
    `record` records what each page reads all the same, for the next build."""
    relations = resolve(dataset)
    result = Generated(dataset=dataset, relations=relations)
    pages = plan(dataset, relations)
    todo = pages
    if previous is not None and changed is not None:
        if previous.dataset is None or previous.relations is None:
            todo = pages
        else:
            before = (previous.dataset, previous.relations)
            todo = affected_pages(pages, previous.reads, before, (dataset, relations))
    job = _Job(
        dataset, todo, pages, relations, content_dir, extra_pages, previous, write_to, record
    )
    languages = list(LANGUAGE_CODES)
    # The collation tables are read once here, not once in each language's forked worker.
    load_collations(languages)
    reads: dict[str, set[Read]] = {}
    for lang, done in zip(
        languages,
        map_forked(job.language, languages, size=len(todo), name="language"),
        strict=True,
    ):
        result.problems.extend(done.problems)
        result.files[lang] = done.files
        result.written[lang] = done.written
        if done.tree is not None:
            result.trees[lang] = done.tree
        if done.report is not None:
            result.reports[lang] = done.report
        for path, read in done.reads.items():
            reads.setdefault(path, set()).update(read)
    if write_to is None or record:
        # A page not rendered keeps what it read; a page with no record (a language failed)
        # is rendered by the next run.
        kept = previous.reads if previous is not None else {}
        for page in pages:
            if page.path in reads:
                result.reads[page.path] = frozenset(reads[page.path])
            elif page.path in kept:
                result.reads[page.path] = kept[page.path]
    result.rendered = len(todo) * len(LANGUAGE_CODES)
    return result


@dataclass
class _Job:
    """What each language's worker needs; forked workers inherit it (`parallel.map_forked`)."""

    dataset: Dataset
    todo: Sequence[PlannedPage]  # the pages to render
    pages: Sequence[PlannedPage]  # every page of the plan
    relations: Relations
    content_dir: Path
    extra_pages: ExtraPages | None
    previous: Generated | None
    write_to: Mapping[str, Path] | None
    record: bool = False

    def language(self, lang: str) -> _LanguageDone:
        return _language(self, lang)


@dataclass
class _LanguageDone:
    tree: dict[str, bytes] | None  # None when the worker wrote it
    problems: list[str]
    files: int
    written: int
    reads: dict[str, frozenset[Read]] = field(default_factory=dict)
    report: SyncReport | None = None


def _hand_written(session: RenderSession, path: str, source: Path) -> bytes:
    """A hand-written page as written; the home page with the latest visits and the counts
    at its marker (the file itself is never changed)."""
    content = source.read_bytes()
    if path != "index.md" or HOME_MARKER.encode() not in content:
        return content
    part, _ = session.render(home_part())
    return content.replace(HOME_MARKER.encode(), part.encode("utf-8"), 1)


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

    # Only the live preview (trees kept, no `write_to`) renders again, and needs the reads.
    session = RenderSession(
        job.dataset, job.relations, lang, record=job.write_to is None or job.record
    )
    reads: dict[str, frozenset[Read]] = {}

    def files() -> Iterator[tuple[str, bytes | None, str]]:
        """(path, bytes, where they come from) of every file of the tree; bytes None: the
        file on disk is kept as it is (pages not rendered again, with the build cache)."""
        rendered = set()
        for page in job.todo:
            text, read = session.render(page)
            if read is not None:
                reads[page.path] = read
            rendered.add(page.path)
            yield page.path, text.encode("utf-8"), _origin(page)
        if job.previous is not None:
            old = job.previous.trees.get(lang)
            for page in job.pages:
                if page.path not in rendered:
                    yield page.path, None if old is None else old[page.path], _origin(page)
        for path, text in extra.items():
            yield path, text.encode("utf-8"), "the generator's pages made from all the data"
        for path, content in shared_assets.items():
            origin = f"generator/{ASSET_DIR.name}/{path.removeprefix(ASSET_PREFIX)}"
            yield path, content, worldmap.ORIGIN if path == worldmap.BASE_MAP else origin
        for path, source in manual.items():
            yield path, _hand_written(session, path, source), source.as_posix()

    try:
        if job.write_to is None:
            claims = Claims(lang)
            tree = {}
            for path, content, origin in files():
                assert content is not None, "a tree kept in memory has every page's bytes"
                claims.claim(path, origin)
                tree[path] = content
            return _LanguageDone(tree, problems, len(tree), 0, reads)
        if problems:
            return _LanguageDone(None, problems, len(made) + len(manual), 0)
        writer = TreeWriter(job.write_to[lang], tree=lang)
        count = 0
        for path, content, origin in files():
            if content is None:
                writer.keep(path, origin)
            else:
                writer.put(path, content, origin)
            count += 1
        report = writer.finish()
        return _LanguageDone(None, problems, count, len(report.written), reads, report)
    except (PathClash, StaleTree) as clash:
        return _LanguageDone(None, [*problems, str(clash)], 0, 0)


def _origin(page: PlannedPage) -> str:
    return page.source_file or f"templates/{page.template}"
