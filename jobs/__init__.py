"""The jobs (validate, init, nightly…) and the thin CLI over them (`jobs.cli`)."""
