"""The model of the site: relations between entities (`resolve`) and the page plan (`pages`):
which pages exist, from which data, at which path.

Imports: `data`, `languages`. Renders nothing."""
