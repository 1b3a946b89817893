"""Which feeds and cards the site gets, as files of each language's docs tree (path -> text),
which the build adds to the generated pages (`prepare._extra_pages`) and MkDocs copies as
they are: a feed for every visit (`feeds/visits.xml`) and for each person, country and
relation page; a card for each person and visit. Paths are `render.urls.feed_of`/`card_of`'s.

Each folder of feeds also gets an empty `sitemap.xml`: Material's script fetches `sitemap.xml`
next to every `<link rel="alternate">` of a page, the feed's too, and would otherwise ask the
server for a missing file on every page view.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from generator.data.dataset import Dataset
from generator.data.schema import Visit
from generator.feeds.atom import Feed, FeedWriter
from generator.feeds.cards import CardWriter
from generator.feeds.links import Links
from generator.languages import LANGUAGES, i18n
from generator.model import titles
from generator.model.resolve import Relations, newest_first, resolve
from generator.parallel import map_forked
from generator.render.urls import SITE_FEED, card_of, feed_of


def _newest(*lists: Iterable[Visit]) -> list[Visit]:
    """The visits of several lists, each once, newest first."""
    unique = {visit.id: visit for visits in lists for visit in visits}
    return newest_first(list(unique.values()))


EMPTY_SITEMAP = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    "<!-- Not a sitemap of feeds: Material fetches sitemap.xml beside each alternate link. -->\n"
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
)


def _person_visits(rel: Relations, person_id: str) -> list[Visit]:
    """The visits a person made or hosted, newest first."""
    return _newest(rel.visits_made.get(person_id, ()), rel.visits_hosted.get(person_id, ()))


def _feeds(dataset: Dataset, rel: Relations, lang: str) -> Iterable[Feed]:
    site = i18n.label(lang, "site_name")

    def titled(subject: str) -> str:
        return i18n.label(lang, "feed_title", subject=subject, site=site)

    everything = i18n.label(lang, "feed_title_site", site=site)
    yield Feed(SITE_FEED, "index.md", everything, newest_first(rel.timeline))
    for person_id, person in dataset.people.items():
        page = f"people/{person_id}.md"
        visits = _person_visits(rel, person_id)
        yield Feed(_feed_path(page), page, titled(titles.plain(person.name, lang)), visits)
    for code in rel.countries:
        page = f"countries/{code.lower()}.md"
        visits = _newest(rel.visits_from.get(code, ()), rel.visits_to.get(code, ()))
        yield Feed(_feed_path(page), page, titled(i18n.country_name(code, lang)), visits)
    for (a, b), visits in sorted(rel.relations.items()):
        page = f"relations/{a.lower()}-{b.lower()}.md"
        subject = i18n.label(
            lang, "relation_title", a=i18n.country_name(a, lang), b=i18n.country_name(b, lang)
        )
        yield Feed(_feed_path(page), page, titled(subject), newest_first(visits))


def _feed_path(page: str) -> str:
    path = feed_of(page)
    assert path is not None, page
    return path


def _card_path(page: str) -> str:
    path = card_of(page)
    assert path is not None, page
    return path


def feed_files(
    dataset: Dataset, site_url: str = "", directory_urls: bool = True
) -> dict[str, dict[str, str]]:
    """Every feed and card, per language code, by its path in that language's docs tree. The
    languages are made side by side (forked) when the data is large enough to be worth it."""
    rel = resolve(dataset)

    def one_language(lang: str) -> dict[str, str]:
        links = Links(lang, site_url, directory_urls)
        newest = rel.timeline[-1] if rel.timeline else None
        feeds = FeedWriter(dataset, lang, links, newest)
        made = {feed.path: feeds.write(feed) for feed in _feeds(dataset, rel, lang)}
        for folder in sorted({posixpath.dirname(path) for path in made}):
            made[f"{folder}/sitemap.xml"] = EMPTY_SITEMAP
        cards = CardWriter(dataset, lang, links)
        for person_id, person in dataset.people.items():
            path = _card_path(f"people/{person_id}.md")
            made[path] = cards.person(person, path, _person_visits(rel, person_id))
        for visit_id, visit in dataset.visits.items():
            path = _card_path(f"visits/{visit_id}.md")
            made[path] = cards.visit(visit, path)
        return made

    codes = [lang.code for lang in LANGUAGES]
    size = len(dataset.people) + len(dataset.visits)
    made = map_forked(one_language, codes, size=size, name="feeds")
    return dict(zip(codes, made, strict=True))
