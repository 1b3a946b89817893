"""The data format and its check: the declaration (`schema`), reading YAML with positions
(`yamlfile`), the check that reports every problem at once (`check`, with the likely duplicate
people in `duplicates`), the checked data (`dataset`), and what is made from the declaration
alone (JSON Schemas, the reference page).

Imports: `languages` and `parallel` only. Knows nothing of pages, Markdown or MkDocs."""
