"""The data behind the site as downloads: Popolo JSON (written and read back) and CSV tables
(`export`), and the Data page that documents them (`datapage`).

Imports: `data`, `model`, `render`, `languages`."""
