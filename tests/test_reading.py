"""Pages a reader trusts (issue 14), the first part: direction, citations, quotes, edit links
and the words of Material's chrome, in the built site of the shipped data, both languages.

Each test names the defect it guards against, as a reader saw it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.data.check import check
from generator.model.pages import home_part
from generator.model.resolve import resolve
from generator.render.environment import isolate_numbers
from generator.render.mdtext import escape_inline
from generator.write.generate import render_pages
from tests.conftest import ROOT
from tests.sitebuild import page
from tests.test_check import SOURCE, edit, write
from tests.test_check import VISIT as VISIT_FILE

VISIT = "visits/2025-11-larijani-pakistan"


def _text(html: str) -> str:
    """What a reader sees of the page's main content, roughly: tags out."""
    main = html[html.index("<article") : html.index("</article>")]
    return re.sub(r"<[^>]+>", "", main)


def test_arrows_point_from_the_visitors_country_in_each_direction(shipped_site: Path) -> None:
    # U+2192 is not mirrored: in Arabic "إيران → باكستان" read as a visit from Pakistan.
    english = _text(page(shipped_site, "en", "countries/ir"))
    arabic = _text(page(shipped_site, "ar", "countries/ir"))
    assert "Iran → Pakistan" in english
    assert "إيران ← باكستان" in arabic
    assert "→" not in arabic


def test_addresses_are_isolated_left_to_right(data_copy: Path) -> None:
    # "https://en.irna.ir/news/…/" showed as "/https://en.irna.ir/news/…" in Arabic lists.
    write(data_copy, "sources/x.yml", SOURCE)
    write(data_copy, "visits/x.yml", edit(VISIT_FILE, "irna-report-2025-11-25", "x"))
    result = check(data_copy)
    assert result.dataset is not None
    pages = render_pages(result.dataset, "ar")
    for path in ("sources/x.md", "visits/x.md"):
        addresses = re.findall(r'<a href="(https?://[^"]+)" rel="noopener">(.*?)</a>', pages[path])
        assert addresses, path
        for url, shown in addresses:
            assert shown == f'<bdi dir="ltr">{url}</bdi>', shown


def test_citations_are_in_order_and_lead_to_the_pages_own_list(shipped_site: Path) -> None:
    for lang in ("en", "ar"):
        html = page(shipped_site, lang, VISIT)
        groups = re.findall(r'<sup class="sijill-cites">(.*?)</sup>', html)
        assert groups
        anchors = set(re.findall(r'<a id="(source-\d+)"></a>', html))
        for group in groups:
            targets = re.findall(r'href="#(source-(\d+))"', group)
            numbers = [int(number) for _, number in targets]
            assert numbers == sorted(numbers) and numbers, group  # not "3 1"
            assert {target for target, _ in targets} <= anchors  # this page's list
        # Tied to the word before: a no-break space, never a line of its own.
        assert "\u00a0<sup" in html and ' <sup class="sijill-cites">' not in html


def test_each_quote_is_a_block_in_its_own_direction(shipped_site: Path) -> None:
    html = page(shipped_site, "en", "people/ali-larijani")
    quotes = re.findall(r'<figure class="sijill-quote">(.*?)</figure>', html, re.DOTALL)
    assert len(quotes) == 3  # not one blockquote holding them all
    for quote in quotes:
        assert (
            '<blockquote dir="rtl" lang="ar">' in quote
            or '<blockquote lang="ar" dir="rtl">' in quote
        )
        assert re.search(r"<figcaption>\s*(<p>)?— ", quote), quote
    # "— Ali Larijani, In a post on X": a sentence of context follows a full stop.
    assert re.search(r"Ali Larijani</a>\. In a post on X", quotes[0]) or any(
        re.search(r"Ali Larijani</a>\. [A-Z]", q) for q in quotes
    )
    # On the visit's own page, the attribution does not link the page to itself.
    visit = page(shipped_site, "en", VISIT)
    figures = re.findall(r"<figcaption>(.*?)</figcaption>", visit, re.DOTALL)
    assert figures and not any("2025-11-larijani-pakistan/" in caption for caption in figures)


def test_edit_links_only_where_a_file_stands_behind_the_page(shipped_site: Path) -> None:
    # The pencil of generated listings pointed at content/ar/countries/ir.md, which is not there.
    edit = re.compile(r'<a href="([^"]+)" title="[^"]*" class="md-content__button md-icon"')
    for lang in ("en", "ar"):
        for listing in ("countries/ir", "relations/ir-pk", "people", "visits", "data"):
            assert not edit.search(page(shipped_site, lang, listing)), (lang, listing)
        person = edit.search(page(shipped_site, lang, "people/ali-larijani"))
        assert person and person.group(1).endswith("/site_data/people/ali-larijani.yml")
        about = edit.search(page(shipped_site, lang, "about"))
        assert about and about.group(1).endswith(f"/content/{lang}/about.md")


def test_no_english_chrome_on_arabic_pages(shipped_site: Path) -> None:
    html = page(shipped_site, "ar", VISIT)
    assert "Made with" not in html and "Material for MkDocs" not in html
    assert "Permanent link" not in html
    assert 'title="رابط دائم لهذا القسم"' in html


def test_english_tables_show_labels_not_raw_values(shipped_site: Path) -> None:
    html = page(shipped_site, "en", "sources/irna-report-2025-11-25")
    assert "<td>Article</td>" in html
    organization = page(shipped_site, "en", "organizations/embassy-of-iran-in-pakistan")
    assert "<td>Embassy</td>" in organization


def test_a_source_without_a_publisher_names_none_and_publishers_list_theirs(
    shipped_site: Path,
) -> None:
    # "Publisher not recorded" was an organization of its own, whose page said it had no
    # sources although it had published one.
    for lang, heading in (("en", "Sources it published"), ("ar", "مصادر نشرتها")):
        report = page(shipped_site, lang, "sources/2025-11-25-larijani-islamabad-report")
        assert "organizations/unknown-publisher" not in report
        assert "Publisher not recorded" not in report and "الناشر غير مسجل" not in report
        irna = page(shipped_site, lang, "organizations/irna")
        published = irna[irna.index(heading) :]
        assert "sources/irna-report-2025-11-25/" in published


@pytest.mark.parametrize(
    ("path", "tab"),
    [
        ("people/ali-larijani", "people"),
        (VISIT, "visits"),
        ("countries/ir", "countries"),
        ("relations/ir-pk", "countries"),
        ("organizations/irna", "organizations"),
        ("sources/irna-report-2025-11-25", "sources"),
    ],
)
def test_the_sections_tab_is_active_on_pages_outside_the_navigation(
    shipped_site: Path, path: str, tab: str
) -> None:
    # On person, visit, country and source pages no tab was highlighted.
    for lang in ("en", "ar"):
        html = page(shipped_site, lang, path)
        active = re.findall(r'md-tabs__item--active">\s*<a href="([^"]+)"', html)
        depth = path.count("/") + 1
        assert active == ["../" * depth + f"{tab}/"] or (
            active == ["../" * (depth - 1)] and tab == path.split("/")[0]
        ), (lang, path, active)


def test_the_home_page_shows_what_is_on_record_and_the_latest_visits(
    shipped_site: Path,
) -> None:
    # The home page showed no latest visits and no counts.
    for lang, heading in (("en", "Latest visits"), ("ar", "أحدث الزيارات")):
        home = page(shipped_site, lang, "")
        latest = home[home.index(heading) :]
        rows = re.findall(r'<a href="visits/([^/"]+)/">', latest)
        assert rows[:4] == [
            "2025-11-larijani-pakistan",
            "2025-10-naqvi-iran",
            "2025-10-ghalibaf-pakistan",
            "2025-08-pezeshkian-pakistan",
        ]
        assert re.search(r'<a href="people/">[^<]+</a></td>\s*<td>(<bdi>)?6(</bdi>)?</td>', home)
        assert "sijill:home" not in home
    # The hand-written page keeps its marker: generated text never goes into content/.
    assert "<!-- sijill:home -->" in (ROOT / "content" / "en" / "index.md").read_text("utf-8")


# Latin words an Arabic page may show outside text marked as another language: the language
# switcher's "English", and the names of formats and standards the Data and format pages
# explain (a file name or field is marked `dir="ltr"` or set as code, and passes anyway).
LATIN_ALLOWED = {
    "English", "ISO", "alpha", "JSON", "CSV", "csv", "YAML", "Popolo", "CAMEO", "http",
    "https", "CLDR", "Wikidata", "people", "visits", "attendees", "memberships", "quotes",
    "Person", "Organization", "Source", "Visit", "DeclaredState", "Text", "OtherName",
    "Membership", "Identifier", "Link", "Attendee", "Place", "Meeting", "Outcome", "Amount",
    "Quote", "UTF-", "Excel", "RFC", "Tab", "CRLF", "git", "alpha-", "Atom",
}  # fmt: skip


class _LatinText(HTMLParser):
    """Latin words in an Arabic page's visible text, outside what is marked as another
    language or left to right, code, scripts, styles and hidden elements; and in titles and
    labels."""

    SKIP = frozenset({"script", "style", "code", "pre", "svg"})
    VOID = frozenset({"br", "img", "meta", "link", "input", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        for name in ("title", "aria-label", "placeholder", "alt"):
            self.words += re.findall(r"[A-Za-z][A-Za-z'-]{2,}", found.get(name) or "")
        if tag in self.VOID:
            return
        # `hidden`: neither shown nor read out (Pagefind's names and filters).
        marked = tag in self.SKIP or "hidden" in found or found.get("lang") not in (None, "ar")
        self.stack.append((tag, marked or found.get("dir") == "ltr"))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not any(marked for _, marked in self.stack):
            self.words += re.findall(r"[A-Za-z][A-Za-z'-]{2,}", data)


def test_arabic_pages_show_no_english_outside_what_is_marked(shipped_site: Path) -> None:
    # "Made with Material for MkDocs", "Permanent link", raw values: English on Arabic pages.
    found: dict[str, str] = {}
    for html_file in sorted((shipped_site / "ar").rglob("*.html")):
        parser = _LatinText()
        parser.feed(html_file.read_text(encoding="utf-8"))
        for word in set(parser.words) - LATIN_ALLOWED:
            found.setdefault(word, html_file.relative_to(shipped_site).as_posix())
    assert found == {}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (
            "نُشر على حساب الوزارة @ForeignOfficePk على منصة إكس.",
            'نُشر على حساب الوزارة <bdi dir="ltr">@ForeignOfficePk</bdi> على منصة إكس.',
        ),
        ("قال Jacques Chirac إن", 'قال <bdi dir="ltr">Jacques Chirac</bdi> إن'),
        (
            "الملف UTF-8 حسب RFC 4180.",
            'الملف <bdi dir="ltr">UTF-8</bdi> حسب <bdi dir="ltr">RFC 4180</bdi>.',
        ),
        (
            "حساب @alilarijani_ir في 25 نوفمبر 2025",
            'حساب <bdi dir="ltr">@alilarijani&#95;ir</bdi> في <bdi>25</bdi> نوفمبر <bdi>2025</bdi>',
        ),
        ("https://x.com/a_b?c=1&d=2", '<bdi dir="ltr">https://x.com/a&#95;b?c=1&#38;d=2</bdi>'),
    ],
)
def test_latin_runs_in_arabic_text_are_isolated(text: str, shown: str) -> None:
    # Mixed Arabic/Latin text keeps its order: a handle, a code, a Latin name each isolated.
    assert str(isolate_numbers(text, "ar")) == shown
    assert str(isolate_numbers(text, "en")) == str(escape_inline(text))


def test_a_source_page_names_each_visit_once_with_what_it_supports(shipped_site: Path) -> None:
    # "Facts it supports" repeated "Ali Larijani's visit to Pakistan" ten times, some lines
    # saying nothing of what the fact was.
    html = page(shipped_site, "en", "sources/2025-11-25-larijani-islamabad-report")
    supports = html[html.index("Facts it supports") :]
    assert supports.count('href="../../visits/2025-11-larijani-pakistan/"') == 1
    line = re.search(r'visits/2025-11-larijani-pakistan/">[^<]+</a>: ([^\n]+)</li>', supports)
    assert line is not None
    assert line.group(1).startswith("who, where and when; a meeting of Ali Larijani and ")
    assert "a quote by Reza Amiri Moghadam" in line.group(1)


def test_no_table_has_an_empty_header(shipped_site: Path) -> None:
    # Fact tables had an empty header row (<th></th>), hidden by CSS, read out by screen readers.
    empty = [
        html_file.relative_to(shipped_site).as_posix()
        for html_file in shipped_site.rglob("*.html")
        if re.search(r"<th[^>]*>\s*</th>", html_file.read_text(encoding="utf-8"))
    ]
    assert empty == []


def test_breadcrumbs_lead_from_home_through_the_section(shipped_site: Path) -> None:
    # Person, visit, country and source pages had no breadcrumbs and an empty sidebar.
    for lang, home, section in (("en", "Home", "People"), ("ar", "الرئيسية", "الأشخاص")):
        html = page(shipped_site, lang, "people/ali-larijani")
        path = html[
            html.index('<nav class="md-path"') : html.index("</nav>", html.index("md-path"))
        ]
        crumbs = [
            re.sub(r"\s+", " ", c).strip()
            for c in re.findall(r"<span class=\"md-ellipsis\">(.*?)</span>", path, re.DOTALL)
        ]
        assert crumbs == [home, section]
    assert '<nav class="md-path"' not in page(shipped_site, "en", "people")


def test_a_persons_visits_show_the_title_then_and_the_other_side(shipped_site: Path) -> None:
    # A person's visits said only "date: X's visit to Y": no title held then, no one met.
    html = page(shipped_site, "en", "people/mohammad-ishaq-dar")
    hosted = html[html.index('id="hosted-2025"') :]
    row = re.search(r"<tbody>\s*<tr>(.*?)</tr>", hosted, re.DOTALL)
    assert row is not None
    cells = [
        re.sub(r"<[^>]+>", "", c).strip()
        for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.DOTALL)
    ]
    assert cells[-2:] == ["Deputy Prime Minister and Foreign Minister", "Ali Larijani"]


def test_a_relation_is_an_exchange_a_year_per_row_a_direction_per_column(
    shipped_site: Path,
) -> None:
    # A relation's page listed both directions mixed, each line repeating its route.
    for lang, there, back in (
        ("en", "Iran → Pakistan", "Pakistan → Iran"),
        ("ar", "إيران ← باكستان", "باكستان ← إيران"),
    ):
        html = page(shipped_site, lang, "relations/ir-pk")
        header = re.search(r"<thead[^>]*>(.*?)</thead>", html, re.DOTALL)
        assert header is not None
        columns = [
            re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<th[^>]*>(.*?)</th>", header.group(1))
        ]
        assert columns[1:] == [there, back], columns
        row = re.search(r'<tr>\s*<td[^>]*><a id="exchange-2025"></a>(.*?)</tr>', html, re.DOTALL)
        assert row is not None, "a row for 2025, the year's jump target"
        _, (_, one_way), (label, other_way) = re.findall(
            r'<td(?: data-label="([^"]*)")?>(.*?)</td>', "<td>" + row.group(1), re.DOTALL
        )
        assert "visits/2025-11-larijani-pakistan/" in one_way
        assert "visits/2025-10-naqvi-iran/" in other_way
        assert "visits/2025-11-larijani-pakistan/" not in other_way
        # On a phone the header row is hidden: each cell names its column.
        assert label == back


def test_every_table_row_has_as_many_cells_as_its_header(data_copy: Path) -> None:
    # A column added to the rows and not to a header (the home page's latest visits) puts
    # every cell under the wrong heading, and Markdown drops the extra cell without a word.
    result = check(data_copy)
    assert result.dataset is not None
    uneven = []
    for lang in ("en", "ar"):
        pages = render_pages(result.dataset, lang)
        pages["index.md"] = render_pages(result.dataset, lang, [home_part()])["index.md"]
        for path, text in pages.items():
            widths = set()
            for line in [*text.splitlines(), ""]:
                if line.startswith("|"):
                    widths.add(len(re.findall(r"(?<!\\)\|", line)))
                elif widths:
                    if len(widths) > 1:
                        uneven.append(f"{lang}/{path}")
                    widths = set()
    assert not uneven, sorted(set(uneven))


def test_a_visits_visitors_and_hosts_met(data_copy: Path) -> None:
    # A person with 351 trips, hosts named on most, read "People met: none recorded": only
    # meetings counted.
    write(
        data_copy,
        "visits/x.yml",
        edit(VISIT_FILE, "from_country:", "hosts:\n  - mohsin-naqvi\nfrom_country:"),
    )
    result = check(data_copy)
    assert result.dataset is not None, [str(d) for d in result.diagnostics]
    rel = resolve(result.dataset)
    assert "mohsin-naqvi" in rel.people_met["ali-larijani"]
    assert "ali-larijani" in rel.people_met["mohsin-naqvi"]
