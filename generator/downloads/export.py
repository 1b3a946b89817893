"""The data behind the site as downloads: Popolo JSON and one CSV per kind.

Pure: `data_files(dataset, site_url)` returns the files (path -> text) that the build puts into
each language's docs tree under `data/`, so MkDocs publishes them beside the pages and the
strict build checks the Data page's links to them.

- `data/sijill.json`: the whole dataset as Popolo JSON (generator/downloads/popolo.py), which
  reads back into the same entities (generator/downloads/popolo_read.py);
- `data/<kind>.csv`: one table per kind (generator/downloads/tables.py), every cell made inert
  for spreadsheets (generator/downloads/cells.py).

The Data page that documents them is generator/downloads/datapage.py.
"""

from __future__ import annotations

from generator.data.dataset import Dataset
from generator.downloads.popolo import Context, popolo_json
from generator.downloads.tables import TABLES, table_csv

DATA_DIR = "data"
JSON_FILE = "sijill.json"


def data_files(dataset: Dataset, site_url: str = "") -> dict[str, str]:
    """Every download, by its path in a language's docs tree."""
    context = Context(dataset)
    files = {f"{DATA_DIR}/{JSON_FILE}": popolo_json(dataset, site_url, context)}
    for table in TABLES:
        files[f"{DATA_DIR}/{table.file}"] = table_csv(table, dataset, context)
    return files
