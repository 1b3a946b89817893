"""Untrusted text into Markdown that renders as exactly that text.

Every string from `site_data/` reaches a page through `escape_inline` or `escape_block`: HTML
special characters become entities, and every character that Markdown (or an extension we
enable) could read as syntax becomes a numeric character reference. Markdown leaves references
alone and the browser shows the literal character, so `<script>`, `[x](javascript:...)`,
`| table |`, `# heading` and `{{ 7*7 }}` all show as the text they are.
"""

from __future__ import annotations

import functools
import re
from string import Formatter
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

# Characters that start Markdown inline syntax here: emphasis, code, links and images,
# attribute lists, tables, HTML, entities, escapes, and pymdownx's tilde/caret/mark.
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]<>&#|~^"}
_INLINE_TABLE = str.maketrans(_INLINE)
# At the start of a line these make lists, quotes or headings (or a setext underline).
_LINE_START = re.compile(r"^(\s*)([-+>]|\d+(?=[.)]))")
_WHITESPACE = re.compile(r"\s+")


# Names, titles and labels are escaped again on every page that shows them.
@functools.lru_cache(maxsize=1 << 16)
def escape_inline(text: str) -> Markup:
    """One line of literal text: whitespace (newlines included) collapses to single spaces."""
    flat = _WHITESPACE.sub(" ", text)
    escaped = flat.translate(_INLINE_TABLE)
    escaped = _LINE_START.sub(
        lambda m: m.group(1) + "".join(f"&#{ord(c)};" for c in m.group(2)), escaped
    )
    return Markup(escaped)


def escape_block(text: str) -> Markup:
    """Literal text that may hold paragraphs (separated by blank lines)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("\n\n").join(escape_inline(p) for p in paragraphs)


def escape_html(text: str) -> Markup:
    """Text for a place MkDocs puts into HTML as is (front-matter titles)."""
    return Markup.escape(_WHITESPACE.sub(" ", text).strip())


# Quotes end an HTML attribute: Md escapes them too, since its templates put text in attributes.
_QUOTES = str.maketrans({'"': "&#34;", "'": "&#39;"})


class Md(Markup):
    """Markdown that may be printed as it is. Whatever is put into it by `format`, `join` or
    `+` is escaped for Markdown and for HTML (`escape_inline`, and quotes), unless it is
    already Markup: `Md("[{}]({})").format(name, target)` can never turn a name into a link,
    an image, a tag or a table. Build every piece of page markup this way, never from an
    f-string or `+` on plain strings: a forgotten escape then escapes too much, never too
    little."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any, /) -> Md:
        if isinstance(s, cls):
            return s
        return cls(_escaped(s))

    def format(self, *args: Any, **kwargs: Any) -> Md:
        # Pages make links and list lines by the hundred thousand, and string.Formatter (which
        # Markup.format uses) is slow: a template of plain "{}" fields is filled here, with
        # the same escaping; any other template goes the general way.
        literals = _plain_fields(str(self))
        if literals is None or kwargs or len(args) != len(literals) - 1:
            return Md(super().format(*args, **kwargs))
        pieces = [literals[0]]
        for value, literal in zip(args, literals[1:], strict=True):
            pieces.append(_escaped(value))
            pieces.append(literal)
        return Md("".join(pieces))


def _escaped(value: Any) -> str:
    """`value` as Md puts it in: markup as it is, anything else escaped."""
    if isinstance(value, Markup):
        return value
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return _escaped_text(str(value))


@functools.lru_cache(maxsize=1 << 16)
def _escaped_text(text: str) -> str:
    return str(escape_inline(text)).translate(_QUOTES)


@functools.lru_cache(maxsize=1024)
def _plain_fields(template: str) -> tuple[str, ...] | None:
    """The literal text around each field of a template whose fields are all a bare "{}";
    None for a template with named, numbered, converted or formatted fields."""
    literals: list[str] = []
    current = ""
    for literal, name, spec, conversion in Formatter().parse(template):
        current += literal  # "{{" and "}}" come back as literal braces, in pieces
        if name is None:
            continue
        if name != "" or spec or conversion:
            return None
        literals.append(current)
        current = ""
    literals.append(current)
    return tuple(literals)


def link_target(path: str) -> Md:
    """A relative path for a Markdown link's target: everything but the characters of a path
    is percent-encoded, so no text can close the link or start another one."""
    return Md(quote(path, safe="/#.-~"))
