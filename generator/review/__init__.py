"""Review tools: what the facts do between two git revisions (`changes`), templates for new
files (`scaffold`), the translation worklist and its write-back (`translations`), bringing
a Popolo archive in as new files (`importer`, with `everypolitician` for foreign documents), and
every git command the project runs (`git`).

Imports: `data`, `languages`, `downloads` (the Popolo reader, for `importer`)."""
