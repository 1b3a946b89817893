"""Atom 1.0 feeds (RFC 4287) of visits, so a reader can follow a person, a country, a relation
or the whole record in a feed reader, in each language.

Built with `xml.etree.ElementTree`, never by pasting text: every value from the data is an
element's text or an attribute's value, which the serializer escapes. The bytes are the same for
the same data: no clock is read. A visit's `published` and `updated` are the first day its start
date can mean at 00:00 UTC (Atom needs a full timestamp; "November 2025" becomes 1 November),
and the entry's text says the date at its own precision; the feed's `updated` is its newest
entry's, never the build's time. A person with no visit yet still has a feed (to be told of
the first); its `updated` is the newest visit of the whole record.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from generator.data.dataset import Dataset
from generator.data.schema import PartialDate, Visit
from generator.feeds.links import Links
from generator.feeds.text import route, shorten
from generator.languages import i18n
from generator.model import titles

ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# A feed keeps this many of its newest visits: a reader wants what is new, and a feed of a
# country with thousands of visits would weigh megabytes.
LATEST = 50
# The `updated` of a feed with no visit when the whole record has none: the Unix epoch, not
# the clock.
EMPTY_UPDATED = "1970-01-01T00:00:00Z"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


def timestamp(date: PartialDate) -> str:
    """RFC 3339 for Atom: the first day the date can mean, at midnight UTC."""
    year, month, day = date.earliest()
    return f"{year:04d}-{month:02d}-{day:02d}T00:00:00Z"


@dataclass(frozen=True)
class Feed:
    """One feed: where it is, the page it follows, its title, and its visits newest first
    (cut to `LATEST` when written)."""

    path: str  # in the language's docs tree: "feeds/people/ali-larijani.xml"
    page: str  # the page it follows: "people/ali-larijani.md"
    title: str
    visits: list[Visit]


def _child(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


class FeedWriter:
    """Writes the feeds of one language. A visit's entry is serialized once per place it links
    from (absolute URLs: once) and that text shared by every feed it appears in (a visit is in
    half a dozen: the site's, its people's, its countries', its relation's). Each piece, the
    feed's head and each entry, is ElementTree's own output; only those are joined."""

    def __init__(self, dataset: Dataset, lang: str, links: Links, newest: Visit | None) -> None:
        self.dataset = dataset
        self.empty_updated = timestamp(newest.start_date) if newest else EMPTY_UPDATED
        self.lang = lang
        self.links = links
        self.author = i18n.label(lang, "site_name")
        self._entries: dict[tuple[str, str], str] = {}

    def write(self, feed: Feed) -> str:
        """The feed's XML text."""
        visits = feed.visits[:LATEST]
        root = ET.Element("feed", {"xmlns": ATOM_NAMESPACE, _XML_LANG: self.lang})
        _child(root, "title", feed.title)
        _child(
            root,
            "link",
            rel="alternate",
            type="text/html",
            hreflang=self.lang,
            href=self.links.page(feed.page, feed.path),
        )
        if self.links.urls is not None:  # `self` must name the feed where readers fetch it
            _child(
                root,
                "link",
                rel="self",
                type="application/atom+xml",
                href=self.links.file(feed.path, feed.path),
            )
        _child(root, "id", self.links.identity(feed.path))
        _child(root, "updated", timestamp(visits[0].start_date) if visits else self.empty_updated)
        author = _child(root, "author")
        _child(author, "name", self.author)
        ET.indent(root, space=" ")
        head = ET.tostring(root, encoding="unicode")
        assert head.endswith("\n</feed>"), head[-20:]
        entries = "".join(self._entry(visit, feed.path) for visit in visits)
        return f"{XML_DECLARATION}{head.removesuffix('</feed>')}{entries}</feed>\n"

    def _entry(self, visit: Visit, feed_path: str) -> str:
        """The entry's XML, indented as the feed's child, on lines of its own."""
        page = f"visits/{visit.id}.md"
        href = self.links.page(page, feed_path)
        key = (visit.id, href)
        found = self._entries.get(key)
        if found is not None:
            return found
        entry = ET.Element("entry")
        _child(entry, "title", titles.visit_title(self.dataset, visit, self.lang))
        _child(entry, "link", rel="alternate", type="text/html", hreflang=self.lang, href=href)
        _child(entry, "id", self.links.identity(page))
        when = timestamp(visit.start_date)
        _child(entry, "published", when)
        _child(entry, "updated", when)
        _child(entry, "summary", self.summary(visit))
        ET.indent(entry, space=" ", level=1)
        text = f" {ET.tostring(entry, encoding='unicode')}\n"
        self._entries[key] = text
        return text

    def summary(self, visit: Visit) -> str:
        """The date at its precision, the route, then the visit's summary (plain text, cut to a
        preview's length: the page has the whole)."""
        line = i18n.label(
            self.lang,
            "feed_entry_line",
            dates=i18n.format_date_range(visit.start_date, visit.end_date, self.lang),
            precision=i18n.label(self.lang, f"feed_precision_{visit.start_date.precision}"),
            route=route(visit, self.lang),
        )
        summary = shorten(titles.plain(visit.summary, self.lang))
        return f"{line}\n\n{summary}" if summary else line
