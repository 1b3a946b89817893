"""`changes`: a temporary git repository holds the shipped data; each test edits it the way an
editor would and checks the exact report, in Markdown and in JSON."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown as python_markdown
import pytest
import yaml

from generator.cli import main
from generator.review.changes import Differ, _code, _escape
from tests.conftest import SHIPPED_DATA


class Repo:
    """A git repository whose `site_data/` starts as a copy of the shipped data, committed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.data = root / "site_data"
        shutil.copytree(SHIPPED_DATA, self.data)
        self.git("init", "--quiet", "--initial-branch=main")
        self.commit("The shipped data")

    def git(self, *args: str) -> None:
        subprocess.run(["git", *args], cwd=self.root, check=True, capture_output=True)

    def commit(self, message: str) -> None:
        self.git("add", "--all")
        self.git("commit", "--quiet", "--no-gpg-sign", "--message", message)

    def edit(self, path: str, old: str, new: str) -> None:
        file = self.data / path
        text = file.read_text(encoding="utf-8")
        assert old in text, old
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def write(self, path: str, text: str) -> None:
        (self.data / path).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    # The user's and the system's git settings must not change what the tests see.
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Sijill Tests")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "tests@example.org")
        monkeypatch.setenv(f"GIT_{role}_DATE", "2025-12-01T12:00:00Z")
    return Repo(tmp_path / "repo")


def changes(repo: Repo, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["changes", *args, "--data", str(repo.data)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def issue_edits(repo: Repo) -> None:
    """The edits the issue names: add a visit, change a date, rename a person, add a quote,
    break a file."""
    repo.write(
        "visits/2025-12-dar-iran.yml",
        """\
id: 2025-12-dar-iran
classification: official
visitors:
  - mohammad-ishaq-dar
from_country: PK
to_country: IR
start_date: "2025-12"
summary:
  en: Ishaq Dar's visit to Tehran.
  ar: زيارة إسحاق دار إلى طهران.
sources:
  - pakistan-mofa-post-2025-11-25
""",
    )
    larijani = "visits/2025-11-larijani-pakistan.yml"
    repo.edit(larijani, 'start_date: "2025-11-25"\n', 'start_date: "2025-11-24"\n')
    repo.edit(
        larijani, 'start_date: "2025-11-24"\n', 'start_date: "2025-11-24"\nend_date: "2025-11-26"\n'
    )
    repo.git("mv", "site_data/people/mohsin-naqvi.yml", "site_data/people/syed-mohsin-naqvi.yml")
    naqvi = "people/syed-mohsin-naqvi.yml"
    repo.edit(naqvi, "id: mohsin-naqvi\n", "id: syed-mohsin-naqvi\nformer_ids:\n  - mohsin-naqvi\n")
    repo.edit(naqvi, "  en: Mohsin Naqvi\n", "  en: Syed Mohsin Naqvi\n")
    repo.edit("visits/2025-10-naqvi-iran.yml", "  - mohsin-naqvi\n", "  - syed-mohsin-naqvi\n")
    repo.edit(
        "visits/2025-10-naqvi-iran.yml", "      - mohsin-naqvi\n", "      - syed-mohsin-naqvi\n"
    )
    repo.edit(
        larijani,
        "\nsources:\n  - 2025-11-25-larijani-islamabad-report\n",
        """
  - speaker: mohammad-ishaq-dar
    text: Pakistan and Iran are bound by history, faith and a long shared border.
    lang: en
    sources:
      - pakistan-mofa-post-2025-11-25
sources:
  - 2025-11-25-larijani-islamabad-report
""",
    )
    repo.edit("sources/isna-report-2025-11-25.yml", "publisher: isna\n", "publisher: [isna\n")


ISSUE_EDITS_MARKDOWN = """\
## Changes to the facts: `{base}` → {head}

> **The data {where} does not validate: 1 error.** `make check` lists them; the changes below \
compare the files as written.

1 person renamed; 1 source changed; 1 visit added, 2 visits changed.

### People

- renamed `people/mohsin-naqvi` → `people/syed-mohsin-naqvi`: Syed Mohsin Naqvi
  - name.en Mohsin Naqvi → Syed Mohsin Naqvi

### Sources

- changed `sources/isna-report-2025-11-25`: ISNA report on the talks between Ali Larijani and \
Mohammad Ishaq Dar
  - the file does not read: line 8, column 9: YAML syntax error: did not find expected ',' or \
']' (while parsing a flow sequence at line 7)

### Visits

- added `visits/2025-12-dar-iran`: Mohammad Ishaq Dar to Iran, 2025-12
- changed `visits/2025-10-naqvi-iran`: Syed Mohsin Naqvi to Iran, 2025-10
  - visitors: mohsin-naqvi → syed-mohsin-naqvi (renamed)
  - meetings[0].participants: mohsin-naqvi → syed-mohsin-naqvi (renamed)
- changed `visits/2025-11-larijani-pakistan`: Ali Larijani to Pakistan, 2025-11-24
  - start_date 2025-11-25 → 2025-11-24
  - end_date: added 2025-11-26
  - quotes: added a quote by mohammad-ishaq-dar: «Pakistan and Iran are bound by history, \
faith and a long shared border.»
"""


def test_nothing_changed(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    assert changes(repo, capsys, "HEAD") == (
        0,
        "## Changes to the facts: `HEAD` → the working tree\n\nNo change to the facts.\n",
    )


def test_the_issue_edits_in_the_working_tree(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    issue_edits(repo)
    expected = ISSUE_EDITS_MARKDOWN.format(
        base="HEAD", head="the working tree", where="in the working tree"
    )
    assert changes(repo, capsys, "HEAD") == (0, expected)


def test_the_issue_edits_between_two_commits(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    issue_edits(repo)
    repo.commit("Edits")
    # The working tree is clean again: the report reads the revisions, not the files.
    (repo.data / "visits" / "2025-12-dar-iran.yml").unlink()
    expected = ISSUE_EDITS_MARKDOWN.format(base="HEAD~1", head="`HEAD`", where="at `HEAD`")
    assert changes(repo, capsys, "HEAD~1", "HEAD") == (0, expected)


def test_the_issue_edits_as_json(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    issue_edits(repo)
    repo.commit("Edits")
    code, out = changes(repo, capsys, "HEAD~1", "HEAD", "--json")
    assert code == 0
    no_change = {"added": 0, "renamed": 0, "changed": 0, "removed": 0}
    assert json.loads(out) == {
        "base": "HEAD~1",
        "head": "HEAD",
        "head_valid": False,
        "head_errors": 1,
        "counts": {
            "people": {**no_change, "renamed": 1},
            "organizations": no_change,
            "sources": {**no_change, "changed": 1},
            "visits": {**no_change, "added": 1, "changed": 2},
        },
        "entities": [
            {
                "kind": "people",
                "id": "syed-mohsin-naqvi",
                "status": "renamed",
                "old_id": "mohsin-naqvi",
                "label": "Syed Mohsin Naqvi",
                "changes": [
                    {
                        "path": "name.en",
                        "op": "changed",
                        "old": "Mohsin Naqvi",
                        "new": "Syed Mohsin Naqvi",
                        "text": "name.en Mohsin Naqvi → Syed Mohsin Naqvi",
                    }
                ],
            },
            {
                "kind": "sources",
                "id": "isna-report-2025-11-25",
                "status": "changed",
                "old_id": None,
                "label": "ISNA report on the talks between Ali Larijani and Mohammad Ishaq Dar",
                "changes": [
                    {
                        "path": "",
                        "op": "unreadable",
                        "old": None,
                        "new": None,
                        "text": "the file does not read: line 8, column 9: YAML syntax error: "
                        "did not find expected ',' or ']' (while parsing a flow sequence at "
                        "line 7)",
                    }
                ],
            },
            {
                "kind": "visits",
                "id": "2025-12-dar-iran",
                "status": "added",
                "old_id": None,
                "label": "Mohammad Ishaq Dar to Iran, 2025-12",
                "changes": [],
            },
            {
                "kind": "visits",
                "id": "2025-10-naqvi-iran",
                "status": "changed",
                "old_id": None,
                "label": "Syed Mohsin Naqvi to Iran, 2025-10",
                "changes": [
                    {
                        "path": "visitors",
                        "op": "changed",
                        "old": "mohsin-naqvi",
                        "new": "syed-mohsin-naqvi",
                        "text": "visitors: mohsin-naqvi → syed-mohsin-naqvi (renamed)",
                    },
                    {
                        "path": "meetings[0].participants",
                        "op": "changed",
                        "old": "mohsin-naqvi",
                        "new": "syed-mohsin-naqvi",
                        "text": "meetings[0].participants: mohsin-naqvi → syed-mohsin-naqvi "
                        "(renamed)",
                    },
                ],
            },
            {
                "kind": "visits",
                "id": "2025-11-larijani-pakistan",
                "status": "changed",
                "old_id": None,
                "label": "Ali Larijani to Pakistan, 2025-11-24",
                "changes": [
                    {
                        "path": "start_date",
                        "op": "changed",
                        "old": "2025-11-25",
                        "new": "2025-11-24",
                        "text": "start_date 2025-11-25 → 2025-11-24",
                    },
                    {
                        "path": "end_date",
                        "op": "added",
                        "old": None,
                        "new": "2025-11-26",
                        "text": "end_date: added 2025-11-26",
                    },
                    {
                        "path": "quotes[5]",
                        "op": "added",
                        "old": None,
                        "new": {
                            "speaker": "mohammad-ishaq-dar",
                            "text": "Pakistan and Iran are bound by history, faith and a long "
                            "shared border.",
                            "lang": "en",
                            "sources": ["pakistan-mofa-post-2025-11-25"],
                        },
                        "text": "quotes: added a quote by mohammad-ishaq-dar: «Pakistan and "
                        "Iran are bound by history, faith and a long shared border.»",
                    },
                ],
            },
        ],
    }


def test_positions_places_long_texts_quotes_moves_and_removals(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    repo.edit(
        "people/ali-larijani.yml",
        '    current: true\n    start_date: "2025-08"\n',
        '    start_date: "2025-08"\n    end_date: "2026-02-01"\n',
    )
    larijani = "visits/2025-11-larijani-pakistan.yml"
    repo.edit(larijani, "and international questions.", "and international matters.")
    repo.edit(
        larijani,
        "places:\n",
        "places:\n  - name:\n      en: Rawalpindi\n      ar: روالبندي\n    kind: city\n",
    )
    repo.edit(larijani, "      en: Nur Khan Air Base\n", "      en: Nur Khan Airbase\n")
    repo.edit(
        larijani,
        "      en: On arrival at Nur Khan military airport in Rawalpindi, as reported by IRNA.",
        "      en: On arrival in Rawalpindi, as reported by IRNA.",
    )
    start = "  - speaker: reza-amiri-moghadam\n"
    text = (repo.data / larijani).read_text(encoding="utf-8")
    quote = text[text.index(start) : text.index("\nsources:\n") + 1]
    repo.edit(larijani, quote, "")
    # Moved without a word in former_ids: git's rename detection pairs the files.
    (repo.data / "organizations" / "isna.yml").rename(
        repo.data / "organizations" / "iranian-students-news-agency.yml"
    )
    repo.edit(
        "organizations/iranian-students-news-agency.yml",
        "id: isna\n",
        "id: iranian-students-news-agency\n",
    )
    repo.edit(
        "sources/isna-report-2025-11-25.yml",
        "publisher: isna\n",
        "publisher: iranian-students-news-agency\n",
    )
    (repo.data / "organizations" / "x.yml").unlink()

    assert changes(repo, capsys, "HEAD") == (
        0,
        """\
## Changes to the facts: `HEAD` → the working tree

> **The data in the working tree does not validate: 2 errors.** `make check` lists them; the \
changes below compare the files as written.

1 person changed; 1 organization renamed, 1 organization removed; 1 source changed; 1 visit \
changed.

### People

- changed `people/ali-larijani`: Ali Larijani
  - position ended: Secretary of the Supreme National Security Council (end_date 2026-02-01)

### Organizations

- renamed `organizations/isna` → `organizations/iranian-students-news-agency`: Iranian \
Students' News Agency
- removed `organizations/x`: X

### Sources

- changed `sources/isna-report-2025-11-25`: ISNA report on the talks between Ali Larijani and \
Mohammad Ishaq Dar
  - publisher isna → iranian-students-news-agency (renamed)

### Visits

- changed `visits/2025-11-larijani-pakistan`: Ali Larijani to Pakistan, 2025-11-25
  - places: added Rawalpindi (city)
  - places[2].name.en Nur Khan Air Base → Nur Khan Airbase
  - summary.en …on regional and international questions. Larijani urged the removal of… → \
…on regional and international matters. Larijani urged the removal of…
  - quote by ali-larijani «التعاون بين إيران وباكستان يسهم في ترسيخ السلام الإقليمي»: \
context.en On arrival at Nur Khan military airport in Rawalpindi, as reported by IRNA. → On \
arrival in Rawalpindi, as reported by IRNA.
  - quotes: removed a quote by reza-amiri-moghadam: «غير مسبوقة»
""",
    )


def test_markdown_in_the_data_stays_text(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    repo.edit("people/ali-larijani.yml", "  en: Ali Larijani\n", "  en: Ali *Larijani* <b>\n")
    code, out = changes(repo, capsys, "HEAD")
    assert code == 0
    assert "- changed `people/ali-larijani`: Ali \\*Larijani\\* &lt;b&gt;\n" in out
    assert "  - name.en Ali Larijani → Ali \\*Larijani\\* &lt;b&gt;\n" in out


def test_an_unknown_revision_is_a_usage_error(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert changes(repo, capsys, "origin/nope") == (
        2,
        "error: unknown revision 'origin/nope'; allowed: a branch, tag or commit of this "
        "repository (e.g. origin/main, HEAD~1); in CI, fetch the history (fetch-depth: 0)\n",
    )


def test_lists_match_equal_items_then_the_most_alike() -> None:
    differ = Differ({"old-id": "new-id"})
    old = {"topics": [{"en": "Trade", "ar": "التجارة"}, {"en": "Security", "ar": "الأمن"}]}
    new = {"topics": [{"en": "Security", "ar": "الأمن"}, {"en": "Trade", "ar": "التجارة"}]}
    assert [c.text for c in differ.entity("visits", old, new)] == ["topics: reordered"]
    old = {"hosts": ["a", "old-id"], "sources": ["s1", "s2"]}
    new = {"hosts": ["new-id", "a", "b"], "sources": ["s2", "s1"]}
    assert [c.text for c in differ.entity("visits", old, new)] == [
        "hosts: old-id → new-id (renamed)",
        "hosts: added b",
        "sources: reordered",
    ]


# --- data that tries to be Markdown -------------------------------------------------------------

# What a contributor could put in a name, a title, a value, a field name or a file name to have
# the pull-request summary link, show, mention, notify or reformat something.
MARKDOWN_PAYLOADS = (
    "[click](https://evil.example/a)",
    "![pixel](https://evil.example/p.png)",
    "[ref][1] [1]: https://evil.example/r",
    "[1]: https://evil.example/definition",
    "[2](https://evil.example/n) and places[3](https://evil.example/m)",
    "[^note] footnote",
    "hi @team and @org/admins, mail a@evil.example",
    "fixes #123 and owner/repo#45",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "<https://evil.example/auto> &lt;b&gt; &#64;team &#35;9 &commat;admins &lbrack;x&rbrack;",
    "bare https://evil.example/x and www.evil.com and WWW.Evil.com",
    "`code` `` two `` ``` fence",
    "*em* _em_ **strong** ~~strike~~ ~one~",
    "a | b |\n|---|---|\n| c | d |",
    "\n# heading\n> quote\n- item\n1. one\n```\nfence\n    indented",
    "- [ ] task",
    "1. ordered",
    "+ plus",
    "\x1b[31mred\x1b[0m \u202eabc",
)
_ALLOWED_TAGS = {"h2", "h3", "p", "ul", "li", "code", "blockquote", "strong"}


class _Html(HTMLParser):
    """The tags of an HTML page, the text of its code elements, and the rest of its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.code: list[str] = []
        self.text: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "code":
            self._in_code = True
            self.code.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "code":
            self._in_code = False

    def handle_data(self, data: str) -> None:
        if self._in_code:
            self.code[-1] += data
        else:
            self.text.append(data)


def _yaml(value: Any) -> str:
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n")


def _shown(text: str) -> str:
    """A file name as the report shows it in code: what does not print, escaped."""
    return "".join(c if c == " " or c.isprintable() else ascii(c)[1:-1] for c in text)


def _payload_edits(repo: Repo) -> None:
    """Every payload in a name, a title, a value, a field name and a file name."""
    naqvi = "people/mohsin-naqvi.yml"
    for number, payload in enumerate(MARKDOWN_PAYLOADS):
        # An added person: its file name, id, name and label carry the payload.
        stem = payload.replace("/", "\u2215")[:40] + f" {number}"
        text = (repo.data / naqvi).read_text(encoding="utf-8")
        text = text.replace("id: mohsin-naqvi\n", f"id: {_yaml(stem)}\n")
        text = text.replace("  en: Mohsin Naqvi\n", f"  en: {_yaml(payload)}\n")
        (repo.data / "people" / f"{stem}.yml").write_text(text, encoding="utf-8")
    # A renamed person (git pairs the files) with payloads in both file names.
    repo.git("mv", "site_data/people/mohsin-naqvi.yml", "site_data/people/`naqvi`` @team #1`.yml")
    # A changed person: its name, and fields of its own whose names and values are payloads.
    larijani = repo.data / "people" / "ali-larijani.yml"
    data = yaml.safe_load(larijani.read_text(encoding="utf-8"))
    data["name"]["en"] = " ".join(MARKDOWN_PAYLOADS)
    data["links"][0]["note"]["en"] = MARKDOWN_PAYLOADS[-1]
    for payload in MARKDOWN_PAYLOADS:
        data[payload] = {payload: payload}
    # A field whose line would read `[1]: /evil "x: added y"`, a link definition for `[1]`.
    data['[1]: /evil "x'] = 'y"'
    larijani.write_text(_yaml(data), encoding="utf-8")
    # A visit with a title, and values in a list.
    visit = "visits/2025-10-naqvi-iran.yml"
    repo.edit(
        visit,
        "classification:",
        f"title:\n  en: {_yaml(MARKDOWN_PAYLOADS[0])}\n  ar: x\nclassification:",
    )
    repo.edit(
        visit,
        "topics:\n",
        "topics:\n"
        + "".join(f"  - en: {_yaml(p)}\n    ar: {_yaml(p)}\n" for p in MARKDOWN_PAYLOADS),
    )


def test_data_cannot_make_markdown_in_the_report(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    # A base revision whose name is a payload too: git allows backticks, @ and # in branches.
    branch = "base`x``@team#1"
    repo.git("branch", branch)
    _payload_edits(repo)
    code, out = changes(repo, capsys, branch)
    assert code == 0
    code, json_out = changes(repo, capsys, branch, "--json")
    report = json.loads(json_out)
    entities = report["entities"]
    assert len(entities) == len(MARKDOWN_PAYLOADS) + 3, [e["id"] for e in entities]
    assert {e["status"] for e in entities} == {"added", "renamed", "changed"}

    # Every line is one of the report's own: data makes no block of its own.
    for line in out.splitlines():
        assert re.match(
            r"(## |### |- (added|renamed|changed|removed) |  - |> \*\*|\d+ |$)", line
        ), line
    assert "\x1b" not in out and "\u202e" not in out

    page = _Html()
    page.feed(python_markdown.markdown(out, extensions=["tables"]))
    # No link, image, script, table, emphasis, heading or list from the data ...
    assert set(page.tags) <= _ALLOWED_TAGS, sorted(set(page.tags) - _ALLOWED_TAGS)
    n_changes = sum(len(e["changes"]) for e in entities)
    assert page.tags.count("li") == len(entities) + n_changes
    assert page.tags.count("h3") == len({e["kind"] for e in entities})
    assert page.tags.count("h2") == 1 and page.tags.count("blockquote") == 1
    # ... and every code span holds exactly one id or revision: none was broken out of.
    expected_code = [branch, "make check"]  # the base, and the errors line
    for entity in entities:
        if entity["status"] == "renamed":
            expected_code.append(f"{entity['kind']}/{entity['old_id']}")
        expected_code.append(f"{entity['kind']}/{entity['id']}")
    assert page.code == [_shown(text) for text in expected_code]

    # What GitHub links in the rendered text: mentions, issues, URLs, www. and e-mail addresses.
    text = " ".join(page.text)  # with its character references decoded
    for pattern in (r"@\w", r"#\d", r"\w://", r"(?i:www)\.", r"\w@\w"):
        assert not re.search(pattern, text), (pattern, re.findall(f".{{20}}{pattern}.{{20}}", text))
    # The same in the Markdown itself, for renderers that link before they decode references
    # (a reference stands in for a character that is neither a letter nor a digit).
    outside_code = re.sub(r"(`+).*?\1", "", out)
    references = re.sub(r"&#?\w+;", "\ufffd", outside_code)
    for pattern in (r"@\w", r"#\d", r"\w://", r"(?i:www)\.", "@team", "https://evil"):
        assert not re.search(pattern, references), pattern
    # GFM's strikethrough and table cells, which Python-Markdown does not know: always escaped.
    assert not re.search(r"(?<!\\)[~|]", outside_code)
    # And still readable: the text is there, as text.
    assert "[click](https\u200b://evil.example/a)" in text and "<script>alert(1)</script>" in text
    assert "@\u200bteam" in text and "#\u200b123" in text


def test_escaping_keeps_ordinary_text_as_it_is() -> None:
    for text in (
        "Ali Larijani",
        "علي لاريجاني",
        "Iranian Students' News Agency",
        "start_date 2025-11-25 → 2025-11-24",
        "places[2].name.en Nur Khan Air Base → Nur Khan Airbase",
        "a quote by ali-larijani: «غير مسبوقة» (renamed)",
    ):
        assert _escape(text) == text
    assert _escape("-3 degrees") == "\\-3 degrees"
    assert _escape("12. item") == "12\\. item"
    assert _escape("[0](https://x.example)") == "\\[0](https&#8203;://x.example)"


def test_code_spans_hold_any_backticks() -> None:
    assert _code("people/ali-larijani") == "`people/ali-larijani`"
    assert _code("a`b") == "``a`b``"
    assert _code("a``b`") == "``` a``b` ```"
    assert _code(" x") == "`  x `"
    assert _code("") == "`  `"
    assert _code("a\nb\u202ec") == "`a\\nb\\u202ec`"
