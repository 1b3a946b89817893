"""Writing: each language's docs tree rendered page by page (`generate`) through the one writer
that refuses a path twice (`writer`).

Imports: `data`, `model`, `render`, `downloads`, `languages`, `parallel`."""
