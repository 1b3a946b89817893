"""How the check's findings are printed: for people, for CI annotations, for tools."""

from __future__ import annotations

import json

import click

from generator.data.check import CheckResult
from generator.data.diagnostics import Diagnostic, Severity


def _github_escape(text: str) -> str:
    # The workflow-command format: %, CR and LF must be escaped in data; also , and : in properties.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_escape(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(diagnostic: Diagnostic) -> str:
    level = "warning" if diagnostic.severity is Severity.warning else "error"
    field = f"{diagnostic.path}: " if diagnostic.path else ""
    return (
        f"::{level} file={_github_property(diagnostic.file)},line={diagnostic.line},"
        f"col={diagnostic.column}::{_github_escape(field + diagnostic.message)}"
    )


def print_diagnostics(result: CheckResult, output_format: str) -> None:
    if output_format == "json":
        payload = {
            "ok": result.ok,
            "counts": result.counts,
            "problems": [
                {
                    "file": d.file,
                    "line": d.line,
                    "column": d.column,
                    "field": d.path,
                    "severity": d.severity.value,
                    "message": d.message,
                }
                for d in result.diagnostics
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for diagnostic in result.diagnostics:
        if output_format == "github":
            click.echo(github_annotation(diagnostic))
        else:
            click.echo(str(diagnostic))
    click.echo(result.summary())
