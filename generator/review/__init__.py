"""Review tools: what the facts do between two git revisions (`changes`), templates for new
files (`scaffold`), and git (`git`, `history`).

Imports: `data`, `languages`."""
