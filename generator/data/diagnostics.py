"""Problems found in the data: where (file:line:column), what (field path), and what is allowed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

FieldPath = tuple[str | int, ...]


class Severity(StrEnum):
    error = "error"
    warning = "warning"


def shortened(text: str, limit: int = 100) -> str:
    """`text` as a message shows it: cut at `limit` characters, with '…' when cut (a value
    may be a megabyte long)."""
    return text if len(text) <= limit else text[:limit] + "…"


def format_path(path: FieldPath) -> str:
    """`("hosts", 1)` -> `hosts[1]`; `("summary", "ar")` -> `summary.ar`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str  # as given to the user: relative to the working directory where possible
    line: int  # 1-based
    column: int  # 1-based
    path: str  # the field path, "" for the whole file
    message: str
    severity: Severity = Severity.error

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity is Severity.warning else ""
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {prefix}{field}{self.message}"


def errors(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.error]


def warnings(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.warning]
