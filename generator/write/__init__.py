"""Writing: each language's docs tree rendered page by page (`generate`) through the one writer
that refuses a path twice (`writer`), and the build cache that lets a build render only the
pages an edit changed (`buildcache`).

Imports: `data`, `model`, `render`, `downloads`, `languages`, `parallel`."""
