"""Hosts and residents read as visitors: the drafted visits that are none.

- A visit to the visitor's own country, or to the one their title says they live in («سفير …
  لدى»), is a host or a resident read as the visitor.
- A visit to no country (its place was not read) of someone who hosts a visit of the article,
  or who is of a country the article's visits go to («وزير الخارجية السعودي» in an article about
  visits to Saudi Arabia), is that host at home: no draft is better than a wrong one.
"""

from __future__ import annotations

from generator.extract.model import VisitFound


def without_hosts(visits: list[VisitFound], residences: dict[str, str]) -> list[VisitFound]:
    """`visits` less those of hosts and residents (see the module's text), in order."""
    visited = {visit.to_country for visit in visits if visit.to_country is not None}
    hosting = {host for visit in visits for host, _ in visit.hosts}
    kept = []
    for visit in visits:
        home = (visit.from_country, residences.get(visit.visitor.id))
        if visit.to_country is not None and visit.to_country in home:
            continue
        if visit.to_country is None and (
            visit.visitor in hosting or any(country in visited for country in home if country)
        ):
            continue
        kept.append(visit)
    return kept
