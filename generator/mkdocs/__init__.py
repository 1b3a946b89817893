"""The MkDocs layer: the project's paths and per-language configs, the MkDocs builds, the build
lock and publishing (`site`), the hooks that run inside MkDocs (`hooks`, with `searchnorm`,
`pagememory`, `redirects`), the link check and the offline bundle's zip.

Imports: `languages`, `parallel`, `render.urls`; never `data` (the data format): pages come to
MkDocs finished, and `tests/test_house.py` holds the hooks to that."""
