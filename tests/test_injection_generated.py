"""Every string field, every payload, every output: generated from the data format itself.

The fields are found by walking the models of `generator/data/schema.py` (`scaffold.shape` tells a
free-text field from an id, a date, a URL or a choice), so a new field is covered without
anyone remembering it: a text field that no payload reaches fails `test_every_text_field_is_
covered`. Free text gets every payload (one copy of each kind's full example per payload, all in
one dataset, one build); a constrained field must refuse a payload in the check. Then every
output is scanned for a payload in live form: the HTML of both languages (with its JSON-LD and
OpenGraph tags), the search index (Material shows its text as HTML), the sitemap, the JSON and
CSV downloads, the offline bundle and the `changes` summary; and a real Chromium loads the pages
that show the payloads, and searches for them, and no injected script may run.
"""

from __future__ import annotations

import copy
import csv
import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import feedparser
import markdown
import pytest
import yaml
from playwright.sync_api import Browser
from pydantic import BaseModel

from generator.data.check import check
from generator.data.diagnostics import Severity
from generator.data.schema import KINDS, MODELS, SINGULAR
from generator.languages import LANGUAGE_CODES
from generator.pipeline import bundle as build_bundle
from generator.project import Project
from generator.review.scaffold import EXAMPLES, shape
from tests.conftest import ROOT, SHIPPED_DATA
from tests.sitebuild import build_site

pytestmark = [pytest.mark.slow, pytest.mark.browser]

# What a live payload does in a browser: mark the document. Nothing in the site does this.
_RAN = "document.documentElement.setAttribute('data-xss','{}')"

PAYLOADS = [
    f"<script>{_RAN.format('script')}</script>",
    f'"><img src=x onerror="{_RAN.format("img")}">',
    f"' onmouseover='{_RAN.format('attr')}' x='",
    f"[x](javascript:{_RAN.format('link')})",
    "![i](https://sijill-evil.example/x.png)",
    "{{ 91*1021 }} {% if 1 %}sijillJinja{% endif %}",
    "a | sijillPipe | b",
    f"</script><script>{_RAN.format('json')}</script>",
    "sijillText\n\n# sijillHeading\n\n1. sijillList",
    '=HYPERLINK("https://sijill-evil.example","sijillCsv")',
    "@SUM(1)+cmd|' /C calc'!A0",
    "&lt;b&gt;sijillEntity&lt;/b&gt; `sijillCode` **sijillStrong**",
]
# What only a live payload produces in HTML (see _Scan).
_EVALUATED = "92911"  # 91 * 1021: a template expression that was run

CONSTRAINED_PAYLOAD = "<script>x</script>"


# --- the dataset --------------------------------------------------------------------------------


def _text_fields(model: type[BaseModel], prefix: str = "") -> set[str]:
    """Every free-text field reachable from `model`, as dotted paths of field names."""
    found = set()
    for name, info in model.model_fields.items():
        field_shape = shape(info)
        path = f"{prefix}{name}"
        if field_shape.tag == "text":
            found.add(path)
        elif field_shape.model is not None:  # a model, or an id that may be a map (attendee)
            found |= _text_fields(field_shape.model, f"{path}.")
    return found


def _constrained_fields(model: type[BaseModel], example: Any, prefix: str = "") -> set[str]:
    """The fields of the example that hold an id, a date, a URL, a code or a choice."""
    found = set()
    for name, info in model.model_fields.items():
        if name not in example:
            continue
        field_shape = shape(info)
        path = f"{prefix}{name}"
        if field_shape.tag in ("slug", "reference", "date", "url", "country", "currency", "choice"):
            found.add(path)
        elif field_shape.tag == "model":
            assert field_shape.model is not None
            item = example[name][0] if field_shape.is_list else example[name]
            found |= _constrained_fields(field_shape.model, item, f"{path}.")
    return found


def _inject(
    model: type[BaseModel], example: Any, payload: str, covered: set[str], prefix: str = ""
) -> Any:
    """The example with every free-text value replaced by `payload`."""
    result = {}
    for name, info in model.model_fields.items():
        field_shape = shape(info)
        path = f"{prefix}{name}"
        if name not in example:
            if field_shape.tag == "text":  # an optional text, e.g. a missing translation
                covered.add(path)
                result[name] = [payload] if field_shape.is_list else payload
            continue
        value = example[name]
        if field_shape.tag == "text":
            covered.add(path)
            result[name] = [payload] * len(value) if field_shape.is_list else payload
        elif field_shape.tag == "reference" and field_shape.model is not None:
            # Ids that may be maps (attendees): the ids as they are, then the first one as a
            # map with a title held then, and someone named only, every text injected.
            texts = {code: "x" for code in LANGUAGE_CODES}
            first = value[0] if isinstance(value[0], str) else value[0]["person"]
            maps = [
                {"person": first, "role": texts},
                {"name": texts, "role": texts, "country": "IT"},
            ]
            inner = functools.partial(
                _inject, field_shape.model, payload=payload, covered=covered, prefix=f"{path}."
            )
            written = [inner(item) if isinstance(item, dict) else item for item in value]
            result[name] = [*written, *(inner(item) for item in maps)]
        elif field_shape.tag == "model":
            assert field_shape.model is not None
            inner = functools.partial(
                _inject, field_shape.model, payload=payload, covered=covered, prefix=f"{path}."
            )
            result[name] = [inner(item) for item in value] if field_shape.is_list else inner(value)
        else:
            result[name] = copy.deepcopy(value)
    return result


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a dotted path, going into the first item of each list on the way."""
    *parents, last = path.split(".")
    target: Any = data
    for name in parents:
        target = target[name]
        if isinstance(target, list):
            target = target[0]
    target[last] = [value] if isinstance(target[last], list) else value


def _entity_id(kind: str, index: int) -> str:
    return f"inj-{index}-{SINGULAR[kind]}"


def _example(kind: str, index: int) -> dict[str, Any]:
    example = copy.deepcopy(EXAMPLES[kind])
    example["id"] = _entity_id(kind, index)
    example["former_ids"] = [f"inj-old-{index}-{SINGULAR[kind]}"]
    if kind == "visits":
        # The example's parent is a tour that the shipped data does not have.
        example["parent"] = "2025-10-naqvi-iran"
        # An amount has a currency or a unit: the example shows one, this outcome the other.
        counted = copy.deepcopy(example["outcomes"][0])
        counted["amount"] = {"value": 3, "unit": {"en": "ships", "ar": "سفن"}}
        example["outcomes"].append(counted)
    return example


def _write(folder: Path, kind: str, data: dict[str, Any]) -> None:
    path = folder / kind / f"{data['id']}.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@functools.cache
def _covered() -> dict[str, set[str]]:
    return {kind: set() for kind in KINDS}


def injected_data(target: Path) -> Path:
    """The shipped data plus, for each payload, one full example of each kind holding it in
    every free-text field."""
    shutil.copytree(SHIPPED_DATA, target)
    for kind in KINDS:
        for index, payload in enumerate(PAYLOADS):
            data = _inject(MODELS[kind], _example(kind, index), payload, _covered()[kind])
            _write(target, kind, data)
    return target


# --- scanning outputs ---------------------------------------------------------------------------


class _Scan(HTMLParser):
    """What in a piece of HTML only a live payload makes."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.live: list[str] = []
        self._open: list[tuple[str, list[str]]] = []  # elements whose text is watched
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "data-xss" in value:
                self.live.append(f"{self.where}: <{tag} {name}=...> from data")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (
                value.strip().lower().startswith("javascript:") or "://sijill-evil" in value
            ):
                self.live.append(f"{self.where}: <{tag} {name}={value!r}> from data")
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "li", "b", "code", "strong"):
            self._open.append((tag, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        if self._open and self._open[-1][0] == tag:
            _, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            live = {
                "sijillHeading": tag.startswith("h") and len(tag) == 2,
                "sijillPipe": tag in ("td", "th"),
                "sijillList": tag == "li",
                "sijillEntity": tag == "b",
                "sijillCode": tag == "code",
                "sijillStrong": tag == "strong",
            }
            for marker, watched in live.items():
                # A live heading, cell, list item or tag holds the marker alone.
                if watched and text == marker:
                    self.live.append(f"{self.where}: <{tag}>{text}</{tag}> from data")
            if self._open:
                self._open[-1][1].append("".join(parts))

    def handle_data(self, data: str) -> None:
        if self._script == "application/ld+json":
            json.loads(data)  # the data stays inside its block and parses
        elif self._script is not None and "data-xss" in data:
            self.live.append(f"{self.where}: a script from data")
        if self._open:
            self._open[-1][1].append(data)


def live_markup(html: str, where: str) -> list[str]:
    scan = _Scan(where)
    scan.feed(html)
    scan.close()
    found = scan.live
    if _EVALUATED in html:
        found.append(f"{where}: a template expression from data was evaluated")
    return found


def _search_documents(site: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for index in sorted(site.glob("*/search/search_index.json")):
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            yield f"{index.relative_to(site)}#{doc['location']}", doc


def scan_site(site: Path) -> list[str]:
    found = []
    for path in sorted(site.rglob("*.html")):
        found += live_markup(path.read_text(encoding="utf-8"), str(path.relative_to(site)))
    # Material puts a result's title and text into the page as HTML.
    for where, doc in _search_documents(site):
        found += live_markup(f"<h1>{doc['title']}</h1>{doc['text']}", where)
    for path in sorted(site.rglob("*.xml")):
        root = ElementTree.parse(path).getroot()  # a payload cannot break the sitemap or a feed
        if root.tag == f"{_ATOM}feed":
            # A feed carries the payloads as text: no element but Atom's own.
            found += [
                f"{path.relative_to(site)}: <{element.tag}>"
                for element in root.iter()
                if element.tag not in _ATOM_ELEMENTS
            ]
        else:
            assert "data-xss" not in path.read_text(encoding="utf-8")
    return found


_ATOM = "{http://www.w3.org/2005/Atom}"
_ATOM_ELEMENTS = {
    f"{_ATOM}{name}"
    for name in [
        *("feed", "title", "link", "id", "updated", "author", "name"),
        *("entry", "published", "summary"),
    ]
}


def _csv_cells(site: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(site.glob("en/data/*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.reader(stream):
                for cell in row:
                    yield path.name, cell


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("injected-all")
    data = injected_data(root / "site_data")
    return data, build_site(data, root / "out")


@pytest.fixture(scope="module")
def site(injected: tuple[Path, Path]) -> Path:
    return injected[1]


# --- the tests ----------------------------------------------------------------------------------


def test_every_text_field_is_covered(injected: tuple[Path, Path]) -> None:
    for kind in KINDS:
        missing = _text_fields(MODELS[kind]) - _covered()[kind]
        assert not missing, (
            f"{kind}: no payload reaches {sorted(missing)}; add the field to "
            "generator.review.scaffold.EXAMPLES (the `new` templates show it too)"
        )


def test_the_injected_data_passes_the_check(injected: tuple[Path, Path]) -> None:
    # Otherwise the payloads would be tested against a build that never happened.
    result = check(injected[0])
    assert result.ok
    assert result.counts["people"] == len(PAYLOADS) + 6


def test_constrained_fields_refuse_a_payload(tmp_path: Path) -> None:
    """An id, a reference, a date, a URL, a code or a choice holding markup is an error at
    that field: it never reaches a page."""
    data = tmp_path / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    expected = {}
    for kind in KINDS:
        for number, field in enumerate(sorted(_constrained_fields(MODELS[kind], EXAMPLES[kind]))):
            example = _example(kind, 100 + number)
            if field == "id":
                continue  # an id that is not its file's name is refused by name
            _set(example, field, CONSTRAINED_PAYLOAD)
            _write(data, kind, example)
            expected[f"{kind}/{example['id']}.yml"] = field
    result = check(data)
    assert not result.ok
    refused = {
        (d.file.split("site_data/")[-1], d.path)
        for d in result.diagnostics
        if d.severity is Severity.error
    }
    for file, field in expected.items():
        assert any(
            f == file and re.sub(r"\[\d+\]", "", name).startswith(field) for f, name in refused
        ), f"{file}: the check let markup into {field}"


def test_no_payload_is_live_in_the_site(site: Path) -> None:
    assert scan_site(site) == []


def test_payloads_show_as_text(site: Path) -> None:
    """The payloads are on the pages, as the text they are (not dropped, not double-escaped)."""
    text = " ".join(_visible_text(site / "en" / "people" / "inj-0-person" / "index.html").split())
    assert "<script>document.documentElement" in text
    source = _visible_text(site / "en" / "sources" / "inj-3-source" / "index.html")
    assert "[x](javascript:" in source
    table = _visible_text(site / "en" / "organizations" / "index.html")
    assert "a | sijillPipe | b" in " ".join(table.split())


def test_feeds_and_cards_carry_the_payloads_as_text(site: Path) -> None:
    """Each payload in a name is in its person's feed title and card as the text it is."""
    for lang in LANGUAGE_CODES:
        feeds = sorted(set((site / lang / "feeds").rglob("*.xml")) - set(site.rglob("sitemap.xml")))
        assert feeds
        for path in feeds:
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        titles = {
            feedparser.parse(path.read_bytes()).feed.title
            for path in (site / lang / "feeds" / "people").glob("inj-*.xml")
        }
        shown = {
            " ".join(_visible_text(path).split())
            for path in (site / lang / "cards" / "people").glob("inj-*.html")
        }
        for payload in PAYLOADS:
            flat = " ".join(payload.split())
            assert any(title.startswith(payload) for title in titles), (lang, payload)
            assert any(flat in text for text in shown), (lang, payload)


def test_downloads_are_safe_and_true(site: Path) -> None:
    dangerous = [
        (name, cell)
        for name, cell in _csv_cells(site)
        if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and "sijill" in cell.lower()
    ]
    assert dangerous == [], "formula cells in the CSV downloads"
    # The JSON keeps the true value.
    document = json.loads((site / "en" / "data" / "sijill.json").read_text(encoding="utf-8"))
    names = {name["name"] for person in document["persons"] for name in person["other_names"]}
    assert PAYLOADS[9] in names


def test_no_payload_is_live_in_the_offline_bundle(
    injected: tuple[Path, Path], tmp_path: Path
) -> None:
    project = Project.at(ROOT, data_dir=injected[0], build_dir=tmp_path / "build")
    result, target = build_bundle(project, lambda line: None, tmp_path / "dist")
    assert result.ok and target is not None
    found = []
    with zipfile.ZipFile(target) as bundle:
        for name in sorted(bundle.namelist()):
            if name.endswith(".html"):
                found += live_markup(bundle.read(name).decode("utf-8"), name)
            elif name.endswith("search_index.js"):
                text = bundle.read(name).decode("utf-8")
                index = json.loads(text[text.index("{") : text.rindex("}") + 1])
                for doc in index["docs"]:
                    found += live_markup(f"<h1>{doc['title']}</h1>{doc['text']}", name)
    assert found == []


def test_changes_summary_is_inert(tmp_path: Path) -> None:
    """The pull-request summary of a change that adds every payload: rendered as GitHub
    would (Markdown with tables), nothing from data is a tag, a link, an image or a mention."""
    repo = tmp_path / "repo"
    data = repo / "site_data"
    shutil.copytree(SHIPPED_DATA, data)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git[:3], "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    shutil.rmtree(data)
    injected_data(data)
    completed = subprocess.run(
        [sys.executable, "-m", "generator", "changes", "HEAD", "--data", str(data)],
        cwd=repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    summary = completed.stdout
    assert "inj-0-person" in summary
    html = markdown.markdown(summary, extensions=["tables"])
    assert live_markup(html, "changes") == []
    # GitHub's own syntax, which Python-Markdown does not know: mentions and autolinks.
    assert not re.search(r"(?<![\w&#])@[A-Za-z]", summary), "a live @mention"
    assert "https://sijill-evil" not in summary


# --- in a real browser --------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def _pages_showing_payloads(site: Path) -> list[str]:
    """Every page of both languages whose HTML holds a payload's text, and every embeddable
    card that does."""
    pages = [
        path.relative_to(site).parent.as_posix() + "/"
        for path in site.rglob("index.html")
        if "data-xss" in path.read_text(encoding="utf-8") and path.parent != site
    ]
    cards = [
        path.relative_to(site).as_posix()
        for path in site.glob("*/cards/*/*.html")
        if "data-xss" in path.read_text(encoding="utf-8")
    ]
    assert cards
    return sorted(pages + cards)


def test_no_injected_script_runs_in_chromium(site: Path, served: str, browser: Browser) -> None:
    pages = _pages_showing_payloads(site)
    # People, visits, organizations and sources of both languages, and the indexes.
    assert len(pages) >= 8 * len(KINDS), pages
    context = browser.new_context()
    # Nothing may leave the site: a request elsewhere (the evil image) fails at once.
    context.route(re.compile(r"^(?!http://127\.0\.0\.1).*"), lambda route: route.abort())
    page = context.new_page()
    ran = []
    for path in pages:
        page.goto(f"{served}/{path}", wait_until="load")
        page.wait_for_timeout(50)  # onerror handlers of images that failed to load
        marks = page.evaluate("document.documentElement.getAttribute('data-xss')")
        if marks is not None:
            ran.append(f"{path}: {marks}")
        # Hover and focus everything that holds a payload: attribute handlers would fire.
        page.evaluate(
            "for (const e of document.querySelectorAll('a, bdi, span, td, li, p, h1')) {"
            " e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})); }"
        )
        if page.evaluate("document.documentElement.getAttribute('data-xss')") is not None:
            ran.append(f"{path}: on hover")
    # Search results are drawn from the index as HTML (Pagefind's UI on the published site).
    for lang, query in (("en", "sijillText"), ("ar", "sijillText")):
        page.goto(f"{served}/{lang}/", wait_until="load")
        box = page.locator("#sijill-search .pagefind-ui__search-input")
        box.click()
        box.fill(query)
        page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
        page.wait_for_timeout(200)
        if page.evaluate("document.documentElement.getAttribute('data-xss')") is not None:
            ran.append(f"{lang} search results")
    context.close()
    assert ran == []


def _visible_text(path: Path) -> str:
    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self._skip = 0

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self._skip += tag in ("script", "style")

        def handle_endtag(self, tag: str) -> None:
            self._skip -= tag in ("script", "style")

        def handle_data(self, data: str) -> None:
            if not self._skip:
                self.parts.append(data)

    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(parser.parts)


def test_scan_finds_live_payloads() -> None:
    """The scanner itself: each kind of live markup that a payload would make is found."""
    live = [
        '<script>document.documentElement.setAttribute("data-xss","1")</script>',
        '<img src="x" onerror="document.documentElement.setAttribute(\'data-xss\',1)">',
        '<a href="javascript:alert(1)">x</a>',
        '<img src="https://sijill-evil.example/x.png">',
        "<h1>sijillHeading</h1>",
        "<table><tr><td>sijillPipe</td></tr></table>",
        "<p>92911</p>",
        "<b>sijillEntity</b>",
    ]
    for html in live:
        assert live_markup(html, "probe"), html
    assert live_markup("<p>&lt;script&gt;data-xss&lt;/script&gt; a | sijillPipe | b</p>", "p") == []
    with pytest.raises(json.JSONDecodeError):
        live_markup('<script type="application/ld+json">{"a": "</script>', "json-ld")
