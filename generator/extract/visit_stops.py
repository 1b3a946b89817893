"""Visits that are stops of another: merged after the visits are assembled (`visits`)."""

from __future__ import annotations

import datetime

from generator.extract.model import VisitFound

# A move a visitor makes a few days into a visit, within the country visited ("arrives on
# Wednesday for two days … will go to Mashhad on Thursday"), is a stop of that visit.
STOP_DAYS = 3


def stops_within(visits: list[VisitFound]) -> list[VisitFound]:
    """The visits, in text order, each later one by the same visitor to the same country (or
    to none the gazetteer knows) dated, to the day, up to STOP_DAYS after an earlier one
    folded into it."""
    kept: list[VisitFound] = []
    for visit in visits:
        into = next((earlier for earlier in kept if _is_stop(earlier, visit)), None)
        if into is None:
            kept.append(visit)
        else:
            into.mentions.extend(visit.mentions)
            into.places.extend(place for place in visit.places if place not in into.places)
    return kept


def _is_stop(earlier: VisitFound, later: VisitFound) -> bool:
    first = earlier.start_date.value if earlier.start_date else None
    then = later.start_date.value if later.start_date else None
    if first is None or then is None or first.day is None or then.day is None:
        return False
    days = (datetime.date(*then.earliest()) - datetime.date(*first.earliest())).days
    return (
        earlier.visitor == later.visitor
        and earlier.to_country is not None
        # A move to a place the gazetteer does not know, days into the visit, is one too.
        and later.to_country in (earlier.to_country, None)
        and 0 < days <= STOP_DAYS
    )
