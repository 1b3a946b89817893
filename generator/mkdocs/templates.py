"""The HTML pages the MkDocs layer writes itself (the language chooser, the root 404 page, the
redirect pages), from Jinja2 templates in `templates/root/`, every value escaped (autoescape).

Jinja2 is imported on the first page rendered, not with this module: the MkDocs hooks import
the redirect pages, and load nothing heavy until a page needs it (MkDocs has it loaded by
then anyway).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

ROOT_TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates" / "root"


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT_TEMPLATE_DIR, encoding="utf-8"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_html(name: str, **context: Any) -> str:
    """The page `name` of templates/root/ (`language_chooser.html.j2`) with `context`."""
    return _environment().get_template(name).render(**context)


def trusted(html: str) -> Any:
    """HTML made elsewhere and already escaped (head tags), inserted as it is."""
    from markupsafe import Markup

    return Markup(html)
