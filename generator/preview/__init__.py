"""The live preview: watching the files (`watch`) and the per-language server that rebuilds only
the pages whose files changed (`server`).

Imports: everything below it, through `pipeline`."""
