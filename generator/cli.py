"""The command line: `python -m generator <command>` (also installed as `sijill`).

`main(argv) -> int` so that tests call it directly. Exit codes: 0 success, 1 the data or the
build failed (every problem listed), 2 usage errors.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from generator.check import check as run_check

DATA_OPTION = click.option(
    "--data",
    "data_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("site_data"),
    show_default=True,
    help="The folder of YAML data.",
)


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
    from generator.report import print_diagnostics

    result = run_check(data_dir)
    print_diagnostics(result, output_format)
    return 0 if result.ok else 1


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
