"""Pictures drawn at build time as SVG: the world maps of person and country pages
(`worldmap`), from the outlines `geometry` derived once from Natural Earth (world-atlas; origin,
version, licence and checksum in NOTICE.md beside this file).

Floor 3, beside `render`, whose helpers call it. Imports: `languages`, `render.mdtext`,
`render.environment`, `render.urls`. Writes nothing."""
