"""Cells a spreadsheet would run: every CSV cell goes through `inert_cell`.

A cell a spreadsheet could run as a formula (a contributor's name `=HYPERLINK(...)`,
`+cmd|' /C calc'!A0`, `@SUM(1)`) gets an apostrophe in front, as OWASP advises, and shows as
text. See `runs_as_formula` for which cells and why. The JSON keeps every value as it is.
"""

from __future__ import annotations

import re
import unicodedata

# What makes Excel, LibreOffice and Google Sheets read a cell as a formula (OWASP, "CSV
# Injection"): a cell that begins with one of these signs ...
FORMULA_SIGNS = "=+-@"
# ... or with a tab or a carriage return, which OWASP lists as dangerous in themselves.
FORMULA_CONTROLS = "\t\r"
INERT_PREFIX = "'"
# A number on its own cannot run anything, whoever wrote it: `-3` stays a number.
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def _invisible(char: str) -> bool:
    """Spaces, line ends and format characters (bidi marks, zero-width joiners, the BOM)."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def runs_as_formula(cell: str) -> bool:
    """Whether a spreadsheet could take the cell for a formula, so that `inert_cell` must
    neutralise it. Leading apostrophes are looked through (so that `inert_cell` can be undone,
    see there); then the cell is dangerous when

    - it begins with a tab or a carriage return (OWASP's list);
    - its first visible character is `=`, `+`, `-` or `@`, also after spaces, line ends and
      invisible format characters (importers that trim spaces, or a bidi mark in front of
      `=` in Arabic text, must not turn it back into a formula); or
    - that character is a compatibility form of one of them (NFKC): the full-width `＝ ＋ － ＠`
      (U+FF1D, U+FF0B, U+FF0D, U+FF20) that East Asian input methods and spreadsheets
      convert to `= + - @`, and the small and superscript forms (`﹦`, `⁺`). No Arabic or
      English text begins with them, so neutralising them costs nothing;

    except when the cell is a plain number (`-3`, `-2.5`): a number literal has no operator
    or function to run, so it is left as a number, whether the data or the build wrote it.
    """
    text = cell.lstrip(INERT_PREFIX)
    if text.startswith(tuple(FORMULA_CONTROLS)):
        return True
    if _PLAIN_NUMBER.fullmatch(text):
        return False
    first = next((char for char in text if not _invisible(char)), "")
    return bool(first) and unicodedata.normalize("NFKC", first)[:1] in FORMULA_SIGNS


def inert_cell(cell: str) -> str:
    """The cell as a CSV file holds it: with `'` in front when a spreadsheet could run it.

    A text that already begins with apostrophes and then a dangerous sign (`'=1`) gets one
    more, so the rule can be undone without guessing: a cell that begins with `'` and is
    dangerous without it had one added (`''=1` -> `'=1`), any other cell is the value.
    """
    return INERT_PREFIX + cell if runs_as_formula(cell) else cell
