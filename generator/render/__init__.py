"""Rendering: the Jinja2 environment and the helpers templates call (`helpers`), Markdown
escaping by construction (`mdtext`), the JSON-LD of entity pages (`seo`), and site URLs (`urls`).

Imports: `data`, `model`, `languages`. Writes nothing."""
