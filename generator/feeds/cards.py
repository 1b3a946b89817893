"""Embeddable cards: a small standalone HTML page per person and per visit, in each language,
that another site shows in an `<iframe>` (name, position, latest visits, a link back).

A card stands alone: its CSS is in the page, it has no script, no image, no font, and its
Content-Security-Policy forbids loading anything, so it makes no request to us or anyone
else; links open outside the frame. Arabic cards are `lang="ar" dir="rtl"`. Markup is made
with `Markup(...).format(...)`, which escapes every value from the data.
"""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup

from generator.data.dataset import Dataset
from generator.data.schema import Membership, PartialDate, Person, Visit
from generator.feeds.links import Links
from generator.feeds.text import route, shorten
from generator.languages import i18n, language
from generator.model import titles

# The newest visits a person's card lists.
CARD_VISITS = 5

_STYLE = Markup(
    ":root{color-scheme:light dark}"
    "body{margin:0;font:15px/1.45 system-ui,'Noto Sans','Noto Naskh Arabic',sans-serif;"
    "background:Canvas;color:CanvasText}"
    "article{margin:0;padding:12px 16px;border:1px solid #8886;border-radius:8px}"
    ".site{margin:0;font-size:12px;opacity:.75}"
    "h1{font-size:18px;margin:4px 0}h2{font-size:14px;margin:12px 0 4px}p{margin:4px 0}"
    "ol{margin:0;padding-inline-start:20px}a{color:#00897b}"
)
# Nothing may load: the card is text and its own CSS.
_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; "
    "form-action 'none'"
)
# The same for every card of a language: filled in once per language.
_HEAD = Markup(
    "<!DOCTYPE html>\n"
    '<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
    '<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
    '<meta name="robots" content="noindex">\n<style>{style}</style>\n'
)
_PAGE = Markup(
    "<title>{title}</title>\n</head>\n<body>\n"
    '<article>\n<p class="site">{site}</p>\n{body}'
    '<p class="more"><a href="{back}" target="_blank" rel="noopener">{more}</a></p>\n'
    "</article>\n</body>\n</html>\n"
)


class CardWriter:
    """Writes the cards of one language."""

    def __init__(self, dataset: Dataset, lang: str, links: Links) -> None:
        self.dataset = dataset
        self.lang = lang
        self.links = links
        self.head = _HEAD.format(
            lang=lang, direction=language(lang).direction, policy=_POLICY, style=_STYLE
        )
        self.site = i18n.label(lang, "site_name")
        self.more = i18n.label(lang, "card_more")

    def _page(self, path: str, page: str, title: str, body: Markup) -> str:
        return str(
            self.head
            + _PAGE.format(
                title=title,
                site=self.site,
                body=body,
                back=self.links.page(page, path),
                more=self.more,
            )
        )

    def _date(self, start: PartialDate, end: PartialDate | None = None) -> Markup:
        return Markup('<bdi><time datetime="{}">{}</time></bdi>').format(
            str(start), i18n.format_date_range(start, end, self.lang)
        )

    def _visit_item(self, visit: Visit, path: str) -> Markup:
        return Markup('<li>{} · <a href="{}" target="_blank" rel="noopener">{}</a></li>\n').format(
            self._date(visit.start_date, visit.end_date),
            self.links.page(f"visits/{visit.id}.md", path),
            titles.visit_title(self.dataset, visit, self.lang),
        )

    def _position(self, person: Person) -> str:
        """The latest position on record: current ones first, then by start."""
        if not person.memberships:
            return ""

        def key(membership: Membership) -> tuple[bool, tuple[int, int, int]]:
            start = membership.start_date.earliest() if membership.start_date else (0, 0, 0)
            return (membership.current, start)

        latest = max(person.memberships, key=key)
        role = titles.plain(latest.role, self.lang)
        if latest.organization is None:
            return role
        organization = titles.plain(self.dataset.organizations[latest.organization].name, self.lang)
        if organization in role:  # "Secretary of the Supreme National Security Council"
            return role
        return i18n.label(
            self.lang,
            "card_position",
            role=role,
            organization=organization,
        )

    def person(self, person: Person, path: str, visits: Iterable[Visit]) -> str:
        """A person's card; `visits` are theirs, made and hosted, newest first."""
        name = titles.plain(person.name, self.lang)
        position = self._position(person)
        latest = list(visits)[:CARD_VISITS]
        body = Markup("<h1>{}</h1>\n").format(name)
        lines = [line for line in (position, i18n.country_name(person.country, self.lang)) if line]
        body += Markup("").join(Markup("<p>{}</p>\n").format(line) for line in lines)
        body += Markup("<h2>{}</h2>\n").format(i18n.label(self.lang, "card_latest_visits"))
        if latest:
            items = Markup("").join(self._visit_item(visit, path) for visit in latest)
            body += Markup("<ol>\n{}</ol>\n").format(items)
        else:
            body += Markup("<p>{}</p>\n").format(i18n.label(self.lang, "none"))
        return self._page(path, f"people/{person.id}.md", name, body)

    def visit(self, visit: Visit, path: str) -> str:
        """A visit's card: title, dates, route, visitors and summary."""
        title = titles.visit_title(self.dataset, visit, self.lang)
        visitors = i18n.join_list(
            [titles.attendee_name(self.dataset, v, self.lang) for v in visit.visitors], self.lang
        )
        body = Markup("<h1>{}</h1>\n<p>{}</p>\n<p>{}</p>\n<p>{} {}</p>\n").format(
            title,
            self._date(visit.start_date, visit.end_date),
            route(visit, self.lang),
            i18n.label(self.lang, "card_visitors"),
            visitors,
        )
        summary = titles.plain(visit.summary, self.lang)
        if summary:
            body += Markup("<p>{}</p>\n").format(shorten(summary))
        return self._page(path, f"visits/{visit.id}.md", title, body)
