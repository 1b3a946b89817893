"""The few words feeds and cards share: a visit's route, and a summary cut to a preview's length
(the page has the whole; a feed of 50 whole summaries would weigh hundreds of KB)."""

from __future__ import annotations

from generator.data.schema import Visit
from generator.languages import i18n, language

# About what a feed reader or a card shows before "more".
SUMMARY_LENGTH = 300


def shorten(text: str, limit: int = SUMMARY_LENGTH) -> str:
    """`text` on one line, cut at a word with "…" when longer than `limit`."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def route(visit: Visit, lang: str) -> str:
    """'Iran → Pakistan'; in right-to-left text the arrow points left, the way the eye reads."""
    arrow = "←" if language(lang).direction == "rtl" else "→"
    return i18n.label(
        lang,
        "feed_route",
        start=i18n.country_name(visit.from_country, lang),
        arrow=arrow,
        end=i18n.country_name(visit.to_country, lang),
    )
