"""Untrusted text from site_data/ reaches the HTML as literal text, never as markup."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.sitebuild import build_site, page

pytestmark = pytest.mark.slow

ATTACKS = [
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "{{ 7*7 }}",
    "| table | breaker |",
    "# A heading",
    "<img src=x onerror=alert(2)>",
    "**bold** _em_ `code` ~~gone~~",
    "&amp; &lt;b&gt;",
    "1. not a list",
]


def _edit(path: Path, change: dict) -> None:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import SHIPPED_DATA

    root = tmp_path_factory.mktemp("injected")
    data = root / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    person = data / "people" / "mohsin-naqvi.yml"
    _edit(
        person,
        {
            "name": {"en": ATTACKS[0], "ar": ATTACKS[0] + " محسن"},
            "summary": {"en": "\n\n".join(ATTACKS), "ar": "\n\n".join(ATTACKS)},
        },
    )
    visit = data / "visits" / "2025-10-naqvi-iran.yml"
    visit_data = yaml.safe_load(visit.read_text(encoding="utf-8"))
    visit_data["topics"] = [{"en": text, "ar": text} for text in ATTACKS]
    visit_data["quotes"] = [
        {
            "speaker": "mohsin-naqvi",
            "text": text,
            "lang": "en",
            "translation": {"ar": text},
            "context": {"en": text, "ar": text},
            "sources": ["2025-11-25-larijani-islamabad-report"],
        }
        for text in ATTACKS
    ]
    visit_data["places"] = [{"name": {"en": ATTACKS[4], "ar": ATTACKS[3]}, "kind": "city"}]
    visit.write_text(
        yaml.safe_dump(visit_data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return build_site(data, root / "out")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._script_type: str | None = None
        self.script_text: list[str] = []  # executable scripts
        self.json_ld: list[str] = []  # data blocks: never executed

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script_type = dict(attrs).get("type") or "text/javascript"

    def handle_endtag(self, tag: str) -> None:
        self._script_type = None

    def handle_data(self, data: str) -> None:
        if self._script_type == "application/ld+json":
            self.json_ld.append(data)
        elif self._script_type is not None:
            self.script_text.append(data)
        else:
            self.text.append(data)


def _parse(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


PAGES = [
    ("people/mohsin-naqvi", "en"),
    ("people/mohsin-naqvi", "ar"),
    ("visits/2025-10-naqvi-iran", "en"),
    ("visits/2025-10-naqvi-iran", "ar"),
    ("people", "en"),
    ("countries/pk", "ar"),
]


@pytest.mark.parametrize(("path", "lang"), PAGES)
def test_no_injected_markup(injected_site: Path, path: str, lang: str) -> None:
    parsed = _parse(page(injected_site, lang, path))
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not (name.startswith("on") and tag in ("img", "a", "div", "p")), (tag, attrs)
            if name in ("href", "src", "action", "formaction"):
                assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
        assert not (tag == "img" and attrs.get("src") == "x")
    assert not any("alert(" in script for script in parsed.script_text)
    for block in parsed.json_ld:
        # The data stays inside its <script> block and parses: no "</script>" breakout.
        assert json.loads(block)
    # The template expression was never evaluated.
    assert "49" not in " ".join(parsed.text)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_attacks_show_as_literal_text(injected_site: Path, lang: str) -> None:
    text = " ".join(" ".join(_parse(page(injected_site, lang, "people/mohsin-naqvi")).text).split())
    for attack in ATTACKS:
        assert attack in text, attack
    visit = " ".join(
        " ".join(_parse(page(injected_site, lang, "visits/2025-10-naqvi-iran")).text).split()
    )
    for attack in ATTACKS:
        assert attack in visit, attack


def test_title_is_escaped(injected_site: Path) -> None:
    html = page(injected_site, "en", "people/mohsin-naqvi")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title is not None
    assert title.group(1).startswith("&lt;script&gt;alert(1)&lt;/script&gt;")


def test_no_extra_headings_or_tables(injected_site: Path) -> None:
    html = page(injected_site, "en", "people/mohsin-naqvi")
    assert "<h1" in html and html.count("<h1") == 1
    assert "<ol>" not in html.split('<div class="md-content"')[1].split("Sources")[0]
