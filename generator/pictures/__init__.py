"""Pictures drawn at build time as SVG, with no script (issue 15): visits per year, a
relation's exchange and the busiest relations (`charts` draws, `visits` says what), and the
world maps of person and country pages (`worldmap`), from the outlines `geometry` derived once
from Natural Earth (world-atlas; origin, version, licence and checksum in NOTICE.md beside this
file).

Floor 3, beside `render`, whose helpers call it. Imports: `data`, `languages`, `model`,
`render.mdtext`, `render.environment`, `render.urls`. Writes nothing."""
