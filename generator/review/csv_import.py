"""`import csv FOLDER_OR_FILES`: people and visits from a spreadsheet with the columns of the CSV
downloads (`data/people.csv`, `visits.csv`, `attendees.csv`, `memberships.csv`, `quotes.csv`,
declared once in generator/downloads/tables.py), as new YAML files only.

A file is known by its name (`people.csv`…) or else by its header; a column that is not one of
that table's is refused (all listed). The `'` the downloads put in front of a cell a
spreadsheet would run (generator/downloads/cells.py) is taken off again, exactly once. Columns
derived from other data (`country_name`, `visitor_names`, `cameo_*`…) are not read. The CSVs
carry no topics, meetings, outcomes, links, former ids, places' kinds and cities, identifiers
other than Wikidata or notes on other names; the report says so. Memberships, attendees and
quotes join their person and visit by id; organizations and sources must already be in the
target folder. A visit's visitors and hosts come from `attendees.csv` (the title each held then,
people named without a file of their own) when it has rows for them, else from the ids of
`visitors` and `hosts`.

Files are written by the Popolo importer's writer (review/importer.py), never over an existing
one; the report ends with the check of the target folder, whose result is the exit code.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import click

from generator.downloads.cells import INERT_PREFIX, runs_as_formula
from generator.downloads.tables import LIST_SEPARATOR, NAMES_SEPARATOR, TABLES, Table
from generator.languages import LANGUAGE_CODES, other_languages
from generator.model.titles import made_visit_title
from generator.review.everypolitician import Draft
from generator.review.importer import MAX_BYTES, ImportProblem, counts_and_check, write

# The columns read per table; every other column of the table is derived and ignored.
READ = {
    "people": {
        "id", "name", "other_names", "country", "summary", "summary_quoted_from", "wikidata",
        "sources",
    },
    "visits": {
        "id", "title", "classification", "start_date", "end_date", "from_country",
        "to_country", "visitors", "hosts", "places", "summary", "summary_quoted_from", "parent",
        "sources",
    },
    "attendees": {"visit_id", "side", "number", "person_id", "name", "role", "country"},
    "memberships": {
        "person_id", "role", "organization_id", "start_date", "end_date", "current", "sources",
    },
    "quotes": {"visit_id", "number", "speaker_id", "lang", "text", "translation", "context",
               "sources"},
}  # fmt: skip
KEY = {
    "people": "id",
    "visits": "id",
    "attendees": "visit_id",
    "memberships": "person_id",
    "quotes": "visit_id",
}
ORDER = ("people", "visits", "attendees", "memberships", "quotes")
SIDES = {"visitor": "visitors", "host": "hosts"}
NOT_CARRIED = (
    "not in the CSVs, to add by hand if the source has them: topics, meetings, outcomes, "
    "links, former ids, places' kinds and cities, identifiers other than Wikidata, notes on "
    "other names"
)
NO_ATTENDEES = (
    "not without attendees.csv: the title each visitor and host held then, and the people "
    "named without a file of their own"
)

Row = dict[str, str]


def plain_cell(cell: str) -> str:
    """The value a download's cell holds: one `'` taken off where `inert_cell` added it."""
    if cell.startswith(INERT_PREFIX) and runs_as_formula(cell):
        return cell[len(INERT_PREFIX) :]
    return cell


def _headers(table: Table) -> list[str]:
    return [header for column in table.columns for header in column.headers()]


def _table_for(path: Path, header: list[str]) -> Table:
    by_name = {table.file: table for table in TABLES}
    table = by_name.get(path.name)
    if table is None:
        matches = [t for t in TABLES if KEY[t.name] in header and set(header) <= set(_headers(t))]
        if len(matches) != 1:
            names = ", ".join(t.file for t in TABLES)
            raise ImportProblem(
                f"{path.as_posix()}: not one of the Sijill CSVs ({names}): its name and header "
                "match none"
            )
        table = matches[0]
    unknown = [h for h in header if h not in _headers(table)]
    if unknown:
        raise ImportProblem(
            f"{path.as_posix()}: unknown columns for {table.file}: {', '.join(unknown)}"
        )
    if KEY[table.name] not in header:
        raise ImportProblem(f"{path.as_posix()}: {table.file} without its '{KEY[table.name]}'")
    return table


def read_table(path: Path) -> tuple[Table, list[Row]]:
    """The table a CSV file is and its rows, values as the data had them."""
    shown = path.as_posix()
    try:
        if not path.exists():
            raise ImportProblem(f"{shown}: no such file")
        if not path.is_file():
            raise ImportProblem(f"{shown}: not a regular file")
        if path.stat().st_size > MAX_BYTES:
            raise ImportProblem(f"{shown}: larger than {MAX_BYTES // (1024 * 1024)} MB")
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
    except OSError as error:
        raise ImportProblem(f"{shown}: cannot be read ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise ImportProblem(f"{shown}: not UTF-8 text, so not one of the Sijill CSVs") from None
    except csv.Error as error:
        raise ImportProblem(f"{shown}: not CSV: {error}") from None
    if not lines:
        raise ImportProblem(f"{shown}: empty, so not one of the Sijill CSVs")
    header = [plain_cell(h).strip() for h in lines[0]]
    table = _table_for(path, header)
    rows = [
        {h: plain_cell(v) for h, v in zip(header, values, strict=False)}
        for values in lines[1:]
        if any(value.strip() for value in values)
    ]
    return table, rows


def csv_files(paths: list[Path]) -> list[Path]:
    """The files named, and in each folder named the Sijill CSVs it holds."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = [path / t.file for t in TABLES if (path / t.file).is_file()]
            if not found:
                raise ImportProblem(f"{path.as_posix()}: no Sijill CSV in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


# --- mapping ----------------------------------------------------------------------------------


def _text(row: Row, name: str) -> dict[str, str] | None:
    value = {code: row[f"{name}__{code}"] for code in LANGUAGE_CODES if row.get(f"{name}__{code}")}
    return value or None


def _ids(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(LIST_SEPARATOR) if part.strip()]


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split(NAMES_SEPARATOR.strip()) if part.strip()]


def _put(fields: dict[str, Any], key: str, value: Any) -> None:
    if value not in (None, "", [], {}):
        fields[key] = value


def _person(row: Row) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": row["id"].strip()}
    _put(fields, "name", _text(row, "name"))
    other = [
        {"name": name, "lang": code}
        for code in LANGUAGE_CODES
        for name in _split(row.get(f"other_names__{code}"))
    ]
    _put(fields, "other_names", other)
    _put(fields, "country", row.get("country", "").strip())
    _put(fields, "summary", _text(row, "summary"))
    _put(fields, "summary_quoted_from", row.get("summary_quoted_from", "").strip())
    wikidata = [{"scheme": "wikidata", "identifier": q} for q in _ids(row.get("wikidata"))]
    _put(fields, "identifiers", wikidata)
    _put(fields, "sources", _ids(row.get("sources")))
    return fields


def _places(row: Row) -> list[dict[str, Any]]:
    per_lang = {code: _split(row.get(f"places__{code}")) for code in LANGUAGE_CODES}
    count = max((len(names) for names in per_lang.values()), default=0)
    places = []
    for index in range(count):
        name = {c: names[index] for c, names in per_lang.items() if index < len(names)}
        places.append({"name": name})
    return places


def _visit(row: Row) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": row["id"].strip()}
    for key in ("classification", "from_country", "to_country", "start_date", "end_date"):
        _put(fields, key, row.get(key, "").strip())
    _put(fields, "title", _text(row, "title"))
    _put(fields, "visitors", _ids(row.get("visitors")))
    _put(fields, "hosts", _ids(row.get("hosts")))
    _put(fields, "places", _places(row))
    _put(fields, "summary", _text(row, "summary"))
    _put(fields, "summary_quoted_from", row.get("summary_quoted_from", "").strip())
    _put(fields, "parent", row.get("parent", "").strip())
    _put(fields, "sources", _ids(row.get("sources")))
    return fields


def _membership(row: Row) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    _put(fields, "role", _text(row, "role"))
    _put(fields, "organization", row.get("organization_id", "").strip())
    _put(fields, "start_date", row.get("start_date", "").strip())
    _put(fields, "end_date", row.get("end_date", "").strip())
    if row.get("current", "").strip().lower() == "true":
        fields["current"] = True
    _put(fields, "sources", _ids(row.get("sources")))
    return fields


def _quote(row: Row) -> dict[str, Any]:
    lang = row.get("lang", "").strip()
    fields: dict[str, Any] = {"speaker": row.get("speaker_id", "").strip(), "text": row.get("text")}
    fields["lang"] = lang
    translation = {
        code: row[f"translation__{code}"]
        for code in LANGUAGE_CODES
        if code != lang and row.get(f"translation__{code}")
    }
    _put(fields, "translation", translation)
    _put(fields, "context", _text(row, "context"))
    _put(fields, "sources", _ids(row.get("sources")))
    return {k: v for k, v in fields.items() if v not in (None, "")}


def _attendee(row: Row) -> str | dict[str, Any]:
    """A visitor or host: the id alone, or an Attendee map."""
    fields: dict[str, Any] = {}
    _put(fields, "person", row.get("person_id", "").strip())
    _put(fields, "name", _text(row, "name"))
    _put(fields, "role", _text(row, "role"))
    _put(fields, "country", row.get("country", "").strip())
    return fields["person"] if list(fields) == ["person"] else fields


def _attendees(visits: dict[str, dict[str, Any]], rows: list[Row]) -> list[str]:
    """The visitors and hosts of `attendees.csv` in place of the ids of `visits.csv`, per visit
    and side that has rows; the rows that name no visit of visits.csv or no side (unmapped)."""
    unmapped: list[str] = []
    found: dict[tuple[str, str], list[str | dict[str, Any]]] = {}
    for row in sorted(rows, key=_number):
        visit_id, side = row["visit_id"].strip(), row.get("side", "").strip()
        if visit_id not in visits:
            unmapped.append(f"unmapped: attendee of visit '{visit_id}', not in visits.csv")
        elif side not in SIDES:
            unmapped.append(f"unmapped: attendee of visit '{visit_id}' on side '{side}'")
        else:
            found.setdefault((visit_id, SIDES[side]), []).append(_attendee(row))
    for (visit_id, key), attendees in found.items():
        visits[visit_id][key] = attendees
    return unmapped


def _number(row: Row) -> int:
    try:
        return int(row.get("number", "").strip())
    except ValueError:
        return 0


def _made_title(visit: dict[str, Any], people: dict[str, dict[str, Any]]) -> dict[str, str]:
    """The title the downloads give a visit without one: "X's visit to Y" in each language, from
    the names of its visitors in the people CSV or as the source named them (in the other
    language when not translated)."""
    visitors = [v if isinstance(v, dict) else {"person": v} for v in visit.get("visitors", [])]
    if not all(v["person"] in people for v in visitors if "person" in v):
        return {}
    made = {}
    for code in LANGUAGE_CODES:
        names = []
        for visitor in visitors:
            name = people[visitor["person"]].get("name", {}) if "person" in visitor else {}
            name = visitor.get("name", name)
            others = (other.code for other in other_languages(code) if other.code in name)
            names.append(name.get(code) or name.get(next(others, ""), ""))
        made[code] = made_visit_title(names, visit.get("to_country", ""), code)
    return made


def drafts_from(tables: dict[str, list[Row]]) -> tuple[list[Draft], list[str]]:
    """The people and visits of the tables, with their memberships and quotes; and the rows
    that name a person or visit not in the CSVs (unmapped)."""
    people = {row["id"].strip(): _person(row) for row in tables.get("people", [])}
    visits = {row["id"].strip(): _visit(row) for row in tables.get("visits", [])}
    unmapped: list[str] = []
    for row in tables.get("memberships", []):
        person = people.get(row["person_id"].strip())
        if person is None:
            unmapped.append(f"unmapped: membership of '{row['person_id']}', not in people.csv")
            continue
        person.setdefault("memberships", []).append(_membership(row))
    for row in sorted(tables.get("quotes", []), key=_number):
        visit = visits.get(row["visit_id"].strip())
        if visit is None:
            unmapped.append(f"unmapped: quote of visit '{row['visit_id']}', not in visits.csv")
            continue
        visit.setdefault("quotes", []).append(_quote(row))
    unmapped += _attendees(visits, tables.get("attendees", []))
    for visit in visits.values():
        if visit.get("title") == _made_title(visit, people):
            del visit["title"]  # the title the site makes, not one of the visit's own
    drafts = [Draft("people", pid, fields) for pid, fields in people.items() if pid]
    drafts += [Draft("visits", vid, fields) for vid, fields in visits.items() if vid]
    for draft in drafts:
        missing = [c for c in LANGUAGE_CODES if c not in draft.fields.get("name", {})]
        if draft.kind == "people" and missing:
            draft.notes.append(f"to fill in: the name in {', '.join(missing)}")
        if not draft.fields.get("sources"):
            draft.notes.append("to fill in: sources")
    return drafts, unmapped


def import_csv(paths: list[Path], into: Path) -> int:
    """The `import csv` command: 0 when the target folder passes the check, else 1."""
    try:
        tables: dict[str, list[Row]] = {}
        read: list[str] = []
        for path in csv_files(paths):
            table, rows = read_table(path)
            tables.setdefault(table.name, []).extend(rows)
            read.append(f"{path.as_posix()}: {table.file}, {len(rows)} rows")
        drafts, unmapped = drafts_from(tables)
        written, skipped = write(drafts, into)
    except ImportProblem as problem:
        click.echo(f"error: {problem}", err=True)
        return 1
    not_carried = [NOT_CARRIED] + ([] if "attendees" in tables else [NO_ATTENDEES])
    for line in [*read, *written, *skipped, *unmapped, *not_carried]:
        click.echo(line)
    return counts_and_check(written, skipped, into, f", {len(unmapped)} unmapped")
