"""`python -m generator extract`: read, check, extract, write the drafts, print the report.

Everything that can fail is checked before anything is written: the article (missing, not a
regular file, over the size limit, empty, binary, not UTF-8, another language: see `reading`),
the data (the gazetteer must pass the check), and the target (never inside the data folder,
never over an existing draft without --force).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import click

from generator.data.check import check, display_path
from generator.data.schema import SLUG_PATTERN
from generator.extract import extract
from generator.extract.draft import MERGE_DRAFT, draft_files
from generator.extract.reading import ExtractError, detect_language, read_article
from generator.extract.report import render


def default_source_id(article: Path) -> str:
    """The file name as a slug, without a language suffix: `x.ar.txt` -> `x`."""
    stem = article.name.split(".")[0] if "." in article.name else article.name
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "article"


def _parse_date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            pass
    raise click.BadParameter(
        f"{text!r} is not a date; allowed: YYYY-MM-DD, e.g. 2025-11-25", param_hint="'--date'"
    )


def write_drafts(files: dict[str, str], target: Path) -> list[Path]:
    """Write the drafts below `target` (UTF-8, LF); remove stale drafts of an earlier run."""
    target.mkdir(parents=True, exist_ok=True)
    wanted = {target / name for name in files}
    for old in sorted(target.rglob("*.yml")):
        if old not in wanted:
            old.unlink()
    written = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written


def _fail(message: str) -> int:
    click.echo(f"error: {message}", err=True)
    return 1


def run(
    article: Path,
    *,
    lang: str | None,
    article_date: str | None,
    source_id: str | None,
    out_dir: Path,
    data_dir: Path,
    force: bool,
) -> int:
    """The `extract` command; returns the exit code (1: nothing was written)."""
    date = _parse_date(article_date)
    if source_id is not None and not re.match(SLUG_PATTERN, source_id):
        raise click.BadParameter(
            f"{source_id!r} is not a valid id; allowed: lowercase letters a-z, digits and single "
            "hyphens", param_hint="'--source-id'"
        )  # fmt: skip
    shown = display_path(article)
    try:
        text = read_article(article, shown)
    except ExtractError as error:
        return _fail(str(error))
    detected, why = detect_language(text)
    if detected is None:
        return _fail(f"{shown}: the text is neither Arabic nor English ({why}); nothing written")

    target = out_dir / (source_id or default_source_id(article))
    if target.resolve().is_relative_to(data_dir.resolve()):
        return _fail(
            f"refusing to write drafts into the data folder {display_path(data_dir)}; drafts "
            f"need review first: choose another --out (default: drafts)"
        )
    if target.exists() and any(target.iterdir()) and not force:
        return _fail(
            f"{display_path(target)} already holds a draft; review or remove it, or pass "
            "--force to overwrite it"
        )
    result = check(data_dir)
    if result.dataset is None:
        return _fail(
            f"the data in {display_path(data_dir)} has errors, so its people cannot serve as "
            f"the gazetteer ({result.summary()}); run `python -m generator check`"
        )
    try:
        extraction = extract(
            text,
            dataset=result.dataset,
            lang=lang,
            article_date=date,
            source_id=target.name,
        )
    except ExtractError as error:
        return _fail(f"{shown}: {error}; nothing written")
    files = draft_files(extraction, shown, result.dataset)
    written = write_drafts(files, target)
    shown_files = [Path(display_path(path)) for path in written]
    merges = tuple(name for name, text in files.items() if text.startswith(f"# {MERGE_DRAFT}"))
    click.echo(render(extraction, shown, shown_files, display_path(target), merges))
    return 0
