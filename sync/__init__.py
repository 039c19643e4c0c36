"""Workspace backends: the interface (`sync.workspace`), `sync.local` and `sync.google`."""
