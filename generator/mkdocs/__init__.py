"""The MkDocs layer, on finished pages: where the site is published and its repository
(`address`, the one place every URL derives from), the per-language configs (`configs`), the
MkDocs builds (`builds`; an incremental publish's dirty build, `dirty`, into the work site,
`worksite`), the build lock and staging (`lock`), publishing (`publish`), the files at the
site's root (`root`, with `heads` and the HTML `templates`), the link check (`linkcheck`),
the offline bundle's parts (`bundle`), and the hooks that run inside MkDocs (`hooks`, with
`searchnorm`, `pagememory`, `redirects`). The order of the steps is `generator.pipeline`'s.

Imports: `languages`, `parallel`, `project`, `render.urls`; never `data` (the data format),
`model`, `write`, `downloads` or `review`: pages come to MkDocs finished, and
`tests/test_house.py` holds the layer to that."""
