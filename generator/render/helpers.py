"""The helpers templates call: data turned into Markdown, bound to one page and language.

Each helper escapes what it wraps and returns `Markup` (see `generator.render.environment`
for the environment that prints everything else escaped).
"""

from __future__ import annotations

import functools
import posixpath
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from markupsafe import Markup

from generator.data.dataset import Dataset
from generator.data.schema import Amount, Attendee, PartialDate, PartialText, Quote, Text, Visit
from generator.languages import Language, i18n, language, other_languages
from generator.model import titles
from generator.model.resolve import Fact, Relations, years
from generator.render import visit_rows
from generator.render.environment import Memo, front_matter, isolate_escaped, isolate_numbers
from generator.render.facts import fact_groups
from generator.render.mdtext import Md, escape_block, escape_html, escape_inline, link_target
from generator.render.urls import card_of, feed_of

T = TypeVar("T")


def source_anchor(number: int) -> str:
    """The id of a line of a page's list of sources, which its citation marks link to."""
    return f"source-{number}"


# Pages make links by the hundred thousand, from a few folders to the same pages: relpath is
# worked out once per (target, folder).
_relative_path = functools.lru_cache(maxsize=1 << 18)(posixpath.relpath)


@dataclass
class PageHelpers:
    """What a template needs to turn data into Markdown, bound to one page and language."""

    path: str  # the page's path inside the docs folder, e.g. "people/ali-larijani.md"
    lang: str
    dataset: Dataset
    relations: Relations
    citations: list[str] = field(default_factory=list)
    # Shared by all the pages of one language in one render (see `Memo`).
    memo: Memo = field(default_factory=Memo)

    @property
    def language(self) -> Language:
        return language(self.lang)

    @property
    def other_languages(self) -> tuple[Language, ...]:
        return other_languages(self.lang)

    # --- labels and text --------------------------------------------------------------------

    def t(self, key: str, **values: Any) -> str:
        return i18n.label(self.lang, key, **values)

    def text(self, value: Text | PartialText | None, block: bool = False) -> Markup:
        """The text in this page's language; a missing translation is shown as such, with the
        text in the language it exists in, marked with that language."""
        if value is None:
            return Markup("")
        own = value.get(self.lang)
        escape = escape_block if block else escape_inline
        if own is not None:
            return isolate_escaped(escape(own), self.lang)
        for other in self.other_languages:
            found = value.get(other.code)
            if found is not None:
                return Md(
                    '<span class="sijill-untranslated">{}</span> <bdi lang="{}" dir="{}">{}</bdi>'
                ).format(self.t("untranslated"), other.code, other.direction, found)
        return Markup("")

    def shown(self, value: Text | PartialText | None) -> Markup:
        """A name inside a link or a list: the other language's text when untranslated, marked
        with its language and direction (no note: the page it leads to has one)."""
        own = value.get(self.lang) if value is not None else None
        if value is None or own is not None:
            return Md("{}").format(own or "")
        for other in self.other_languages:
            found = value.get(other.code)
            if found is not None:
                return self.foreign(found, other.code)
        return Markup("")

    def plain(self, value: Text | PartialText | None) -> str:
        """The text as a plain string (for titles), the other language's when untranslated."""
        return titles.plain(value, self.lang)

    def direction_of(self, lang: str) -> str:
        return language(lang).direction

    def quote_text(self, quote: Quote) -> Markup:
        """A quote's words as the source gives them, for a block in their own language."""
        return isolate_escaped(escape_block(quote.text), quote.lang)

    def foreign(self, text: str, lang: str) -> Markup:
        """Text in another language, isolated so it keeps its own direction."""
        direction = language(lang).direction
        return Md('<bdi lang="{}" dir="{}">{}</bdi>').format(lang, direction, text)

    def block(self, value: Text | PartialText | None) -> Markup:
        return self.text(value, block=True)

    def summary(self, value: Text | PartialText | None, quoted_from: str | None) -> Markup:
        """A summary: the editors' own words, or (`quoted_from`, a source id) that source's
        words, shown as a quotation attributed to it (in another language than the source's,
        as a translation of its words); the page's citations follow either."""
        written = self.block(value)
        if quoted_from is None:
            return written
        # Each line of the escaped text goes into the blockquote as it is.
        quoted = Md("\n").join(
            Md("> {}").format(Markup(line)) if line else Markup(">") for line in written.split("\n")
        )
        own = self.dataset.sources[quoted_from].language == self.lang
        said = self.t("quoted_from" if own else "quoted_translated_from")
        return Md("{}\n>\n> — {} {}").format(quoted, said, self.source(quoted_from))

    # --- numbers, dates, amounts ------------------------------------------------------------

    def number(self, value: float) -> Markup:
        return isolate_numbers(i18n.format_number(value, self.lang), self.lang)

    def date(self, value: PartialDate | None) -> Markup:
        if value is None:
            return Markup("")
        key = ("date", self.lang, value)
        found = self.memo.found(key)
        if found is None:
            self.memo.begin()
            shown = isolate_numbers(i18n.format_partial_date(value, self.lang), self.lang)
            made = Md('<time datetime="{}">{}</time>').format(str(value), shown)
            found = self.memo.keep(key, made)
        return found

    def dates(self, start: PartialDate, end: PartialDate | None) -> Markup:
        key = ("dates", self.lang, start, end)
        found = self.memo.found(key)
        if found is None:
            self.memo.begin()
            shown = isolate_numbers(i18n.format_date_range(start, end, self.lang), self.lang)
            made = Md('<time datetime="{}">{}</time>').format(str(start), shown)
            found = self.memo.keep(key, made)
        return found

    def amount(self, value: Amount) -> Markup:
        return isolate_numbers(i18n.format_amount(value, self.lang), self.lang)

    def count(self, value: int, minimum: bool = False) -> Markup:
        number = i18n.format_number(value, self.lang)
        text = self.t("at_least", count=number) if minimum else number
        return isolate_numbers(text, self.lang)

    # --- links ------------------------------------------------------------------------------

    def href(self, target: str) -> str:
        """A relative link from this page to another page of the same docs tree."""
        return _relative_path(target, self.folder)

    @functools.cached_property
    def folder(self) -> str:
        return posixpath.dirname(self.path) or "."

    def link(self, text: str | Markup, target: str) -> Markup:
        return Md("[{}]({})").format(text, link_target(self.href(target)))

    def person_name(self, person_id: str) -> str:
        return self.plain(self.dataset.people[person_id].name)

    def _page_link(
        self, folder: str, slug: str, text: Callable[[T], str | Markup], of: T
    ) -> Markup:
        """A link to `folder/slug.md` showing `text(of)`, made once per folder of pages."""
        key = (folder, self.lang, self.folder, slug)
        found = self.memo.found(key)
        if found is None:
            self.memo.begin()
            found = self.memo.keep(key, self.link(text(of), f"{folder}/{slug}.md"))
        return found

    def person(self, person_id: str) -> Markup:
        return self._page_link("people", person_id, self._person_shown, person_id)

    def _person_shown(self, person_id: str) -> Markup:
        return self.shown(self.dataset.people[person_id].name)

    def people(self, person_ids: list[str]) -> Markup:
        return self.join([self.person(pid) for pid in person_ids])

    def attendees(self, attendees: list[Attendee], *understood: str) -> Markup:
        """Visitors, hosts or participants: each with the title held then, when recorded, and
        linked to their page, or (someone named only) as the source named them, unlinked, with
        their country unless it goes without saying (`understood`: the hosts' country)."""
        return self.join([self.attendee(attendee, understood) for attendee in attendees])

    def attendee(self, attendee: Attendee, understood: tuple[str, ...] = ()) -> Markup:
        """'Name (title then, country)': the name first, so that in a table or a phone's card
        a title is never read as the next name's."""
        about = [self.shown(attendee.role)] if attendee.role is not None else []
        if attendee.person is not None:
            who = self.person(attendee.person)
        else:
            who = Md('<span class="sijill-named">{}</span>').format(self.shown(attendee.name))
            if attendee.country is not None and attendee.country not in understood:
                about.append(Md("{}").format(self.country_name(attendee.country)))
        if not about:
            return who
        return Md("{} ({})").format(who, Md.escape(self.t("list_separator")).join(about))

    def join(self, items: list[Markup]) -> Markup:
        """'A, B and C' in this page's language, of pieces of markup."""
        if len(items) <= 1:
            return Md("").join(items)
        between, last = i18n.list_separators(self.lang)
        return Md.escape(between).join(items[:-1]) + Md.escape(last) + items[-1]

    def organization(self, org_id: str | None) -> Markup:
        if org_id is None:
            return Markup("")
        return self._page_link("organizations", org_id, self._organization_name, org_id)

    def _organization_name(self, org_id: str) -> Markup:
        return self.shown(self.dataset.organizations[org_id].name)

    def country_name(self, code: str) -> str:
        return i18n.country_name(code, self.lang)

    def country(self, code: str) -> Markup:
        return self._page_link("countries", code.lower(), self.country_name, code)

    def relation_path(self, a: str, b: str) -> str:
        first, second = sorted((a.lower(), b.lower()))
        return f"relations/{first}-{second}.md"

    def relation(self, a: str, b: str) -> Markup:
        first, second = sorted((a, b))
        title = self.t("relation_title", a=self.country_name(first), b=self.country_name(second))
        return self.link(title, self.relation_path(first, second))

    def visit_title(self, visit: Visit) -> str:
        return titles.visit_title(self.dataset, visit, self.lang)

    def visit(self, visit: Visit) -> Markup:
        return self._page_link("visits", visit.id, self._visit_shown, visit)

    def _visit_shown(self, visit: Visit) -> str | Markup:
        return self.visit_title(visit) if visit.title is None else self.shown(visit.title)

    # --- tables of visits (generator/render/visit_rows.py) -----------------------------------

    def visit_row(self, visit: Visit, route: bool) -> Markup:
        return visit_rows.visit_row(self, visit, route)

    def person_visit_row(self, visit: Visit, person_id: str, side: str) -> Markup:
        return visit_rows.person_visit_row(self, visit, person_id, side)

    def exchange_cell(self, visits: list[Visit], origin: str, destination: str) -> Markup:
        return visit_rows.exchange_cell(self, visits, origin, destination)

    def visit_years(self, visits: list[Visit]) -> list[tuple[int, list[Visit]]]:
        return years(visits)

    def part_label(self, path: str) -> Markup:
        return visit_rows.part_label(self, path)

    def visit_count(self, count: int) -> Markup:
        return visit_rows.visit_count(self, count)

    def year_jumps(
        self, groups: list[tuple[int, list[Visit]]], anchor: str, older: Sequence[Any] = ()
    ) -> Markup:
        return visit_rows.year_jumps(self, groups, anchor, older)

    def list_heading(self, heading: str) -> Markup:
        """A list of visits' heading: a catalog key, or "route:IR:PK" (Iran → Pakistan)."""
        if heading.startswith("route:"):
            _, a, b = heading.split(":")
            arrow = "←" if self.language.direction == "rtl" else "→"
            return Md("{} {} {}").format(self.country_name(a), arrow, self.country_name(b))
        return Md("{}").format(self.t(heading))

    def number_text(self, value: int) -> Markup:
        """A number as written (a year: no grouping), isolated in right-to-left text."""
        return isolate_numbers(str(value), self.lang)

    def route(self, visit: Visit) -> Markup:
        """From where to where, the arrow pointing the way the visitors went in this page's
        writing direction (U+2192 is not mirrored: in Arabic it would point back home)."""
        arrow = "←" if self.language.direction == "rtl" else "→"
        return Md("{} {} {}").format(
            self.country(visit.from_country), arrow, self.country(visit.to_country)
        )

    def source(self, source_id: str) -> Markup:
        return self._page_link("sources", source_id, self._source_title, source_id)

    def _source_title(self, source_id: str) -> Markup:
        return self.shown(self.dataset.sources[source_id].title)

    def external(self, url: str, text: str | None = None) -> Markup:
        """A link to the outside; the URL was checked to be http(s) and is escaped here."""
        # escape_html: an attribute wants HTML's escaping, and Markdown leaves raw tags alone.
        if text is not None:
            return Md('<a href="{}" rel="noopener">{}</a>').format(escape_html(url), text)
        # An address reads left to right whatever the page: isolated, or its slashes and
        # punctuation move to the other end in Arabic.
        return Md('<a href="{}" rel="noopener"><bdi dir="ltr">{}</bdi></a>').format(
            escape_html(url), url
        )

    # --- the facts a source supports -------------------------------------------------------

    def fact_groups(self, facts: list[Fact]) -> list[Markup]:
        """The lines of a source's page: per entity, what the source supports of it."""
        return fact_groups(self, facts)

    # --- citations --------------------------------------------------------------------------

    def cite(self, source_ids: list[str]) -> Markup:
        """Citation marks in ascending order, each linking to its line in the page's list of
        sources; a no-break space ties them to the word before (templates put no space)."""
        numbers = []
        for source_id in source_ids:
            if source_id not in self.citations:
                self.citations.append(source_id)
            numbers.append(self.citations.index(source_id) + 1)
        # Markdown link syntax, not <a>: MkDocs validates only those (the anchors too).
        marks = [
            Md("[{}](#{})").format(isolate_numbers(str(number), self.lang), source_anchor(number))
            for number in sorted(set(numbers))
        ]
        return Md('\u00a0<sup class="sijill-cites">{}</sup>').format(Md(" ").join(marks))

    def source_anchor(self, number: int) -> str:
        return source_anchor(number)

    def cited_sources(self) -> list[tuple[int, str]]:
        return [(index + 1, source_id) for index, source_id in enumerate(self.citations)]

    # --- page furniture ---------------------------------------------------------------------

    def follow(self) -> Markup:
        """The visible link to the page's Atom feed (generator/feeds), or nothing."""
        feed = feed_of(self.path)
        return self.link(self.t("follow_link"), feed) if feed else Markup("")

    def embed(self) -> Markup:
        """The link to the page's embeddable card (generator/feeds/cards.py), or nothing."""
        card = card_of(self.path)
        return self.link(self.t("embed_link"), card) if card else Markup("")

    def last_updated(self, kind: str, entity_id: str) -> Markup:
        """'Last updated: 25 November 2025' from git history; nothing outside git."""
        day = self.dataset.last_changed.get((kind, entity_id))
        if day is None:
            return Markup("")
        shown = isolate_numbers(
            i18n.format_partial_date(PartialDate(day.year, day.month, day.day), self.lang),
            self.lang,
        )
        return Md('<p class="sijill-updated">{} <time datetime="{}">{}</time></p>').format(
            self.t("last_updated"), day.isoformat(), shown
        )

    def front_matter(self, title: str, source_file: str | None, **extra: Any) -> Markup:
        # seo builds on these helpers (titles, names): imported here, not at the top.
        from generator.render.seo import page_meta

        values: dict[str, Any] = {"title": str(escape_html(title))}
        # The file "edit this page" opens; "" for a listing made from many (no file to edit).
        values["sijill_source"] = source_file or ""
        values.update(page_meta(self.dataset, self.lang, self.path))
        values.update(extra)
        return front_matter(values)
