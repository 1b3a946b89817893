"""Review tools: what the facts do between two git revisions (`changes`), templates for new
files (`scaffold`), the translation worklist and its write-back (`translations`), and
every git command the project runs (`git`).

Imports: `data`, `languages`."""
