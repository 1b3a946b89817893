"""Rendering: the Jinja2 environment and the helpers templates call (`helpers`), the pages of
one language rendered in one session that owns what they share (`session`), what each page
reads of the data, and which pages an edit changes (`deps`), Markdown escaping by
construction (`mdtext`), the JSON-LD of entity pages (`seo`), and site URLs (`urls`).

Imports: `data`, `model`, `languages`. Writes nothing."""
