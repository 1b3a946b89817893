"""The offline bundle's search: an index in small classic scripts that a query loads only the
parts of, so that it works from file:// (where Pagefind's modules and WebAssembly do not load)
with the published site's rules: the same markup read from the built pages
(`mkdocs.pagefind.mark_page`: the article, its weights, names, filters), names first, Arabic
matched folded and shown as written.

- `terms`   words and their search terms, one rule for the index and the query (the bundle's
            script receives the rules as data: `terms.rules`);
- `pages`   what a built page gives the index: its terms with their weights, its names, its
            filters, its text as written for excerpts;
- `shards`  the index written as scripts: a head (documents and rules), term shards by the
            first letters of a term, text chunks for excerpts.

The query side is `generator/assets/offline-search.js`.
"""
