"""The pictures a template draws, bound to its page: `{{ pictures.exchange(a, b, visits,
shown) }}`. The render session hands one to each template beside the helpers (`h`), so that
the helpers stay the vocabulary of words and tables and the pictures keep theirs here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.data.schema import Visit
from generator.model.year_pages import VisitList
from generator.pictures import visits, worldmap

if TYPE_CHECKING:
    from generator.render.helpers import PageHelpers


@dataclass(frozen=True)
class PagePictures:
    h: PageHelpers

    def years(self, lists: list[VisitList], on: str = "") -> Markup:
        """Visits per year, made above the line and received below (`visits`); `on`: the
        page the lists' tables are on, when not this one (the home page's timeline)."""
        return visits.years_made_and_received(self.h, lists, on)

    def exchange(self, a: str, b: str, shown: list[Visit], first: VisitList) -> Markup:
        """A relation's visits over time, a lane each way (`visits`)."""
        return visits.exchange(self.h, a, b, shown, first)

    def busiest(self, relations: dict[tuple[str, str], list[Visit]]) -> Markup:
        """The relations with the most visits (`visits`)."""
        return visits.busiest(self.h, relations)

    def world_map(self, kind: str, key: str) -> Markup:
        """A person's countries visited or a country's counterparts (`worldmap`)."""
        return worldmap.world_map(self.h, kind, key)
