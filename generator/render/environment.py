"""The Markdown templates' environment, and the small pieces of markup every page shares.

Templates produce Markdown. Every `{{ ... }}` that prints a plain string goes through
`escape_inline` (Jinja's `finalize` hook), so text from `site_data/` can never become markup
even if a template forgets a filter; helpers that build links return `Markup`, which is
printed as is because they escape what they wrap themselves.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.languages import language
from generator.render.mdtext import Md, escape_inline

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates"


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_inline(value)
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    raise TypeError(f"templates print text, numbers or Markup, not {type(value).__name__}")


def make_environment(template_dir: Path = TEMPLATE_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=False,  # Markdown, not HTML: escaping is done by _finalize instead
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        # One environment renders one build: no need to look at each template's file again
        # for every page and every include.
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


# What keeps its own order inside right-to-left text: a run of digits (never the digits of a
# character reference such as "&#124;"), or a run of Latin text: a handle, a code, an
# address, a name in Latin letters ("@ForeignOfficePk", "UTF-8", "https://x.com/…"), with
# the character references escaping left inside it ("alilarijani&#95;ir"); it starts with a
# letter (or @, #) that no letter, digit, "&", "#" or tag's "<"/"/" precedes, and ends with a
# letter or digit.
_LATIN_CHAR = r"(?:[A-Za-z0-9@#/:.?=%+\-]|&#\d+;)"
_RTL_RUN = re.compile(
    r"(?<![&#A-Za-z0-9</])"
    rf"(?:(?P<latin>[@#]?[A-Za-z](?:{_LATIN_CHAR}|[ '](?=[A-Za-z0-9]))*(?<=[A-Za-z0-9;]))"
    r"|(?P<number>(?<!\d)[0-9][0-9.,\u066b\u066c]*(?<![.,])))"
)


def _isolate(match: re.Match[str]) -> str:
    if match.group("latin") is not None:
        return f'<bdi dir="ltr">{match.group("latin")}</bdi>'
    return f"<bdi>{match.group('number')}</bdi>"


def isolate_numbers(text: str, lang: str) -> Markup:
    """Escape `text`, then isolate each run of digits or Latin text in right-to-left text
    with <bdi>, so that a number, a date or a handle keeps its order inside Arabic."""
    return isolate_escaped(escape_inline(text), lang)


def isolate_escaped(escaped: Markup, lang: str) -> Markup:
    """The same for text that is already escaped."""
    if language(lang).direction != "rtl":
        return escaped
    # Runs of digits (and their separators) and of Latin text are wrapped, never inside a
    # character reference: the match is put back as it is, and holds nothing to escape.
    return Md(_RTL_RUN.sub(_isolate, str(escaped)))


def front_matter(values: dict[str, Any]) -> Markup:
    """YAML front matter; JSON strings are valid YAML and need no quoting rules of their own."""
    lines = ["---"]
    for key, value in values.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}")
    lines.append("---")
    return Markup("\n".join(lines))


class Memo(dict[tuple[Any, ...], Markup]):
    """Links and list lines made once and shared by every page of one language in one render
    (owned by its `session.RenderSession`): a visit is listed on its people's, countries' and
    relation's pages and in the timeline, and its line, like every link, comes out the same
    for every page in the same folder.

    Used as `found = memo.found(key)`, and when None: `memo.begin()` and
    `found = memo.keep(key, made)`; a recording memo (`session`) keeps what was read to make
    each entry, and hands that on to every page that takes it."""

    found = dict.get

    def begin(self) -> None:
        pass

    def keep(self, key: tuple[Any, ...], made: Markup) -> Markup:
        self[key] = made
        return made
