"""Places whose Arabic names differ only by marks that normalisation drops: «عمّان» (Amman,
a shadda on the mim) and «عُمان» (Oman, a damma on the ain) both match as «عمان».

The marks as written decide when the article has them. Without marks, the word is Amman when
the article otherwise names Jordan (the country, a Jordanian title, another Jordanian place)
and not Oman; otherwise Oman, the reading the matcher gives first.
"""

from __future__ import annotations

from generator.extract.normalize import key
from generator.extract.phrases import PhraseMatch
from generator.extract.places import Place, Places, country_place
from generator.extract.text import Document, SpanIndex

SHADDA, DAMMA = "\u0651", "\u064f"
AMMAN = Place("Amman", "عمّان", "city", "JO")


def _is_amman_or_oman(match: PhraseMatch[Place]) -> bool:
    return match.payload in (AMMAN, country_place("OM"))


def _article_names(
    document: Document, places: Places, matches: list[PhraseMatch[Place]], code: str
) -> bool:
    """Whether the article names the country `code` other than by «عمان» without marks."""
    if any(match.payload.country == code and not _is_amman_or_oman(match) for match in matches):
        return True
    homographs = SpanIndex([m.span for m in matches if _is_amman_or_oman(m)], lambda span: span)
    return any(
        places.country_of_adjective(key(token.norm)) == code
        for token in document.tokens
        if not homographs.overlaps_any(token.span)  # «عمان» itself reads as «عماني» less «ي»
    )


def amman_or_oman(
    document: Document, places: Places, matches: list[PhraseMatch[Place]]
) -> list[PhraseMatch[Place]]:
    """`matches` with each «عمان» read as Amman or Oman (see the module's docstring)."""
    jordan = _article_names(document, places, matches, "JO")
    oman = _article_names(document, places, matches, "OM")
    read = []
    for match in matches:
        written = document.slice(match.span)
        if not _is_amman_or_oman(match) or match.tokens[1] - match.tokens[0] != 1:
            read.append(match)
            continue
        if SHADDA in written:
            place = AMMAN
        elif DAMMA in written:
            place = country_place("OM")
        else:
            place = AMMAN if jordan and not oman else country_place("OM")
        read.append(PhraseMatch(match.span, place, match.tokens))
    return read
