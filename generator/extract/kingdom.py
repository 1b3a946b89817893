"""«المملكة», "the Kingdom" alone: the one kingdom the article names.

Reports about Saudi Arabia call it «المملكة» or "the Kingdom" once it has been named (as
«السعودية», "Saudi Arabia", Riyadh or Jeddah, or in a title: «وزير الخارجية السعودي»). When the
article names exactly one country that is a kingdom, each such word alone (not «المملكة
المتحدة», «المملكة الأردنية») is read as a place of that country; with none or several, as
nothing.
"""

from __future__ import annotations

from generator.extract.normalize import key
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place, Places, country_place
from generator.extract.text import Document, SpanIndex

KINGDOMS = frozenset({"SA", "JO", "MA", "BH", "GB", "ES", "NL", "BE", "SE", "NO", "DK", "TH"})
_KINGDOM_WORDS = frozenset({key("مملكة"), "kingdom"})
_QUALIFIERS = frozenset({key("المتحدة"), key("العربية")})  # and any country adjective


def kingdom_places(
    document: Document, places: Places, matches: list[PhraseMatch[Place]]
) -> list[PhraseMatch[Place]]:
    """`matches` with «المملكة» and "the Kingdom" alone added as places of the article's one
    kingdom, in text order."""
    named = {match.payload.country for match in matches} & KINGDOMS
    for token in document.tokens:
        code = places.country_of_adjective(key(token.norm))
        if code in KINGDOMS and (token.arabic or token.upper):
            named.add(code)
    if len(named) != 1:
        return matches
    kingdom = country_place(named.pop())
    taken = SpanIndex(matches, lambda match: match.span)
    tokens = document.tokens
    added = []
    for token in tokens:
        forms = {key(form) for form in token.forms} | {token.norm}
        if not forms & _KINGDOM_WORDS or taken.overlaps_any(token.span):
            continue
        if not token.arabic and not document.text[token.span.start].isupper():
            continue  # "the Kingdom", not "a kingdom"
        following = tokens[token.index + 1] if token.index + 1 < len(tokens) else None
        if following is not None and (
            key(following.norm) in _QUALIFIERS
            or places.country_of_adjective(key(following.norm)) is not None
            or following.norm == "of"
        ):
            continue  # «المملكة المتحدة», «المملكة الأردنية», "the Kingdom of Bahrain"
        added.append(PhraseMatch(token.span, kingdom, (token.index, token.index + 1)))
    return sorted(matches + added, key=lambda match: match.span.start)
