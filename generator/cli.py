"""The command line: `python -m generator <command>` (also installed as `sijill`).

`main(argv) -> int` so that tests call it directly. Exit codes: 0 success, 1 the data or the
build failed (every problem listed), 2 usage errors, 130 a build stopped by Ctrl-C or SIGTERM.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator.data.check import check as run_check
from generator.data.schema import KINDS, SINGULAR
from generator.languages import LANGUAGE_CODES

DATA_OPTION_TYPE = click.Path(path_type=Path, file_okay=False)
DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=DATA_OPTION_TYPE,
    default=Path("site_data"),
    show_default=True,
    help="The folder of YAML data.",
)


def _progress(line: str) -> None:
    click.echo(f"  {line}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Sijill: bilingual (Arabic/English) fact sheets about officials and their visits."""


@cli.command()
@DATA_OPTION
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for CI annotations, json for tools.",
)
def check(data_dir: Path, output_format: str) -> int:
    """Check the data: every problem in every file, at once."""
    from generator.data.report import print_diagnostics

    result = run_check(data_dir)
    print_diagnostics(result, output_format)
    return 0 if result.ok else 1


CHECK_GENERATED_OPTION = click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; exit 1 naming the files that differ from the declaration.",
)


def _sync_generated(
    files: dict[Path, str], obsolete: tuple[Path, ...], check_only: bool, command: str
) -> int:
    from generator.data.json_schemas import sync_generated

    changed = sync_generated(files, check=check_only, obsolete=obsolete)
    for line in changed:
        click.echo(line)
    if check_only and changed:
        click.echo(f"generated files are stale; run: {command}")
        return 1
    if not changed:
        click.echo(f"up to date: {', '.join(sorted(p.as_posix() for p in files))}")
    return 0


@cli.command()
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("schemas"),
    show_default=True,
    help="The folder of the JSON Schemas.",
)
@CHECK_GENERATED_OPTION
def schemas(out_dir: Path, check_only: bool) -> int:
    """Write a JSON Schema per kind of data file, from the declaration."""
    from generator.data.json_schemas import schema_files

    files, obsolete = schema_files(out_dir)
    command = "python -m generator schemas"
    if out_dir != Path("schemas"):
        command += f" --out {out_dir.as_posix()}"
    return _sync_generated(files, obsolete, check_only, command)


@cli.command()
@click.option(
    "--out",
    "out_file",
    type=click.Path(path_type=Path, dir_okay=False),
    default=Path("docs/data-format.md"),
    show_default=True,
    help="The English reference page of the data format.",
)
@CHECK_GENERATED_OPTION
def reference(out_file: Path, check_only: bool) -> int:
    """Write the data format's reference page (English), from the declaration."""
    from generator.data.reference import render_reference

    files = {out_file: render_reference("en")}
    command = "python -m generator reference"
    if out_file != Path("docs/data-format.md"):
        command += f" --out {out_file.as_posix()}"
    return _sync_generated(files, (), check_only, command)


@cli.command()
@DATA_OPTION
@click.option(
    "--site-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where the built site goes (default: site/).",
)
@click.option(
    "--build-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where generated Markdown and configs go (default: build/).",
)
@click.option(
    "--check-links",
    is_flag=True,
    help="Refuse to publish a site with an internal link or anchor that leads nowhere.",
)
def build(data_dir: Path, site_dir: Path | None, build_dir: Path | None, check_links: bool) -> int:
    """Check, generate and build both languages into site/."""
    from generator.data.report import print_diagnostics
    from generator.pipeline import build as build_site
    from generator.project import BuildBusy, BuildError, Project, PublishError

    project = Project.at(Path.cwd(), data_dir=data_dir, site_dir=site_dir, build_dir=build_dir)
    try:
        result = build_site(project, progress=_progress, check_links=check_links)
    except BuildBusy as error:
        click.echo(str(error), err=True)
        return 1
    except PublishError as error:  # the one failure after which site/ is not what it was
        click.echo(f"build failed:\n{error}", err=True)
        return 1
    except BuildError as error:
        click.echo(f"build failed; {project.site_dir} was left as it was:\n{error}", err=True)
        return 1
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM; the site is the old one or the new one
        click.echo("build stopped before it finished", err=True)
        return 130
    if not result.ok:
        print_diagnostics(result, "text")
        click.echo(
            f"build refused: the data is invalid; {project.site_dir} was left as it was", err=True
        )
        return 1
    click.echo(f"built the site: {project.site_dir.resolve() / 'index.html'}")
    return 0


@cli.command()
@DATA_OPTION
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("dist"),
    show_default=True,
    help="Where the zip goes; its name comes from site_name in mkdocs.yml.",
)
@click.option(
    "--build-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Where generated Markdown and configs go (default: build/, in which bundle/).",
)
def bundle(data_dir: Path, out_dir: Path, build_dir: Path | None) -> int:
    """Build both languages to read offline from file://, zipped into dist/."""
    from generator.data.report import print_diagnostics
    from generator.pipeline import bundle as build_bundle
    from generator.project import BuildBusy, BuildError, Project

    project = Project.at(Path.cwd(), data_dir=data_dir, build_dir=build_dir)
    try:
        result, target = build_bundle(project, _progress, out_dir)
    except BuildBusy as error:
        click.echo(str(error), err=True)
        return 1
    except BuildError as error:
        click.echo(f"bundle failed; nothing was written to {out_dir}:\n{error}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("bundle stopped before it finished", err=True)
        return 130
    if target is None:
        print_diagnostics(result, "text")
        click.echo("bundle refused: the data is invalid", err=True)
        return 1
    click.echo(f"wrote the offline bundle: {target} ({target.stat().st_size:,} bytes)")
    return 0


@cli.command()
@click.argument("kind", type=click.Choice([SINGULAR[kind] for kind in KINDS]))
@click.argument("entity_id", metavar="ID")
@DATA_OPTION
def new(kind: str, entity_id: str, data_dir: Path) -> int:
    """Write a commented template for a new KIND named ID; the check refuses it until filled."""
    from generator.review.scaffold import new_command

    return new_command(kind, entity_id, data_dir)


@cli.command()
@click.argument("base")
@click.argument("head", required=False)
@DATA_OPTION
@click.option("--json", "as_json", is_flag=True, help="A stable JSON structure for tools.")
def changes(base: str, head: str | None, data_dir: Path, as_json: bool) -> int:
    """What the facts change from git revision BASE to HEAD (default: the working tree)."""
    from generator.review.changes import changes_command

    return changes_command(base, head, data_dir, as_json)


@cli.command()
@DATA_OPTION
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option(
    "--port", default=8000, show_default=True, help="English on this port, Arabic on the next one."
)
def serve(data_dir: Path, host: str, port: int) -> int:
    """Live preview of both languages; edits to data, templates or pages show at once."""
    from generator.preview.watch import serve as run_serve
    from generator.project import BuildError, Project

    project = Project.at(Path.cwd(), data_dir=data_dir)
    try:
        return run_serve(project, host, port, progress=_progress)
    except BuildError as error:  # the build folder is in use, or cannot be
        click.echo(str(error), err=True)
        return 1


@cli.command()
@click.option("--people", default=200, show_default=True, help="People in the synthetic data.")
@click.option("--visits", default=1000, show_default=True, help="Visits in the synthetic data.")
@click.option("--seed", default=7, show_default=True, help="The synthetic data's random seed.")
@click.option(
    "--json",
    "json_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Also write the figures to this JSON file.",
)
@click.option(
    "--preview/--no-preview", default=True, show_default=True, help="Time an edit in serve too."
)
@click.option(
    "--keep",
    type=click.Path(path_type=Path, file_okay=False),
    help="Work in this folder and keep it (default: a temporary folder, removed).",
)
def bench(
    people: int, visits: int, seed: int, json_file: Path | None, preview: bool, keep: Path | None
) -> int:
    """Time the whole build on synthetic data of this size, by phase, against plain MkDocs."""
    from generator.bench.run import run, table, write_json

    figures = run(
        people,
        visits,
        lambda line: click.echo(line, err=True),
        source=Path.cwd(),
        seed=seed,
        preview=preview,
        keep=keep,
    )
    click.echo(table(figures))
    if json_file is not None:
        write_json(figures, json_file)
        click.echo(f"wrote {json_file}")
    return 0


@cli.command()
@click.argument("article", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(LANGUAGE_CODES), help="The language (default: detected).")
@click.option(
    "--date", "article_date", metavar="YYYY-MM-DD", help="Publication date (default: found)."
)
@click.option("--source-id", help="Id of the source draft (default: from the file name).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("drafts"),
    show_default=True,
    help="Folder for drafts; they go to OUT/<source-id>/.",
)
@DATA_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing draft.")
def extract(
    article: Path,
    lang: str | None,
    article_date: str | None,
    source_id: str | None,
    out_dir: Path,
    data_dir: Path,
    force: bool,
) -> int:
    """Draft YAML from an ARTICLE (.txt, Arabic or English), with a review report."""
    from generator.extract.command import run

    return run(
        article,
        lang=lang,
        article_date=article_date,
        source_id=source_id,
        out_dir=out_dir,
        data_dir=data_dir,
        force=force,
    )


@cli.command()
@DATA_OPTION
@click.option("--lang", type=click.Choice(LANGUAGE_CODES), help="Only this missing language.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "csv"]),
    default="text",
    show_default=True,
    help="text for people, csv for a translator (fill the translation column).",
)
@click.option(
    "--apply",
    "apply_file",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Write the filled-in translations of this worklist CSV into the data files.",
)
def translations(
    data_dir: Path, lang: str | None, output_format: str, apply_file: Path | None
) -> int:
    """List the missing translations (file, field, the text in the other language), or
    write a filled-in worklist back into the YAML files."""
    from generator.review.translations import run

    return run(data_dir, lang, output_format, apply_file)


@cli.group("import")
def import_group() -> None:
    """Bring an archive in: new YAML files for its entities, never over existing ones."""


@import_group.command("popolo")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--into", type=DATA_OPTION_TYPE, default=Path("site_data"), show_default=True)
def import_popolo(file: Path, into: Path) -> int:
    """A new YAML file in --into per entity of a Popolo JSON FILE (or our data/sijill.json)."""
    from generator.review.importer import import_popolo as run_import

    return run_import(file, into)


@import_group.command("csv")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--into", type=DATA_OPTION_TYPE, default=Path("site_data"), show_default=True)
def import_csv(paths: tuple[Path, ...], into: Path) -> int:
    """New YAML files in --into from CSVs with the columns of the downloads (or their folder)."""
    from generator.review.csv_import import import_csv as run_import

    return run_import(list(paths), into)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code instead of exiting."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        code = cli.main(args=args, prog_name="python -m generator", standalone_mode=False)
    except click.UsageError as error:
        error.show()
        return 2
    except click.exceptions.Exit as exit_:
        return int(exit_.exit_code)
    except click.Abort:
        click.echo("Aborted.", err=True)
        return 1
    return code if isinstance(code, int) else 0
