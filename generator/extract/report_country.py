"""«البلاد», «الدولة» alone: the country of the report's dateline.

An agency names its own country by these words once its dateline has placed the report there:
KUNA's «وصل … إلى البلاد» (Kuwait), WAM's «يزور الدولة» and «سفير … لدى الدولة» (the UAE). When
the article opens with a place («الكويت - 23 - 9 (كونا) --», «أبوظبي في 13 أيار/مايو (وام)»),
each such word with the article, not qualified by an adjective («الدولة الفلسطينية», «البلاد
العربية»), is read as a place of that place's country; without a dateline, as nothing.
"""

from __future__ import annotations

from generator.extract.normalize import key
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place, Places, country_place
from generator.extract.text import Document, SpanIndex

_COUNTRY_WORDS = frozenset({key("البلاد"), key("الدولة")})
_DATELINE_WORDS = 2  # the dateline's place starts within the article's first words


def dateline_country(matches: list[PhraseMatch[Place]]) -> str | None:
    """The country of the place the article opens with, if it opens with one."""
    first = matches[0] if matches else None
    return first.payload.country if first and first.tokens[0] < _DATELINE_WORDS else None


def report_country_places(
    document: Document, places: Places, matches: list[PhraseMatch[Place]]
) -> list[PhraseMatch[Place]]:
    """`matches` with «البلاد» and «الدولة» alone added as places of the dateline's country,
    in text order."""
    code = dateline_country(matches)
    if code is None:
        return matches
    home = country_place(code)
    taken = SpanIndex(matches, lambda match: match.span)
    tokens = document.tokens
    added = []
    for token in tokens:
        if not token.arabic or taken.overlaps_any(token.span):
            continue
        if not any(
            key(form) in _COUNTRY_WORDS and token.norm[:prefix].endswith(("ال", "لل"))
            for form, prefix in token.forms.items()
        ):
            continue  # with the article only: «دولة قطر» names its country itself
        following = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
        if following is not None and following.arabic and _adjective(following.norm, places):
            continue
        added.append(PhraseMatch(token.span, home, (token.index, token.index + 1)))
    return sorted(matches + added, key=lambda match: match.span.start)


def _adjective(word: str, places: Places) -> bool:
    """A country's or any nisba adjective with the article: «الفلسطينية», «العربية»."""
    if places.country_of_adjective(key(word)) is not None:
        return True
    return word.startswith(("ال", "وال")) and word.endswith(("يه", "ي"))
