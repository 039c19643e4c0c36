"""The municipality (issue 20): many schools, one run.

- `jobs.municipal.config` — ``municipal.toml``: the schools, each with its own nastavnik.toml,
  and the sign-in they share;
- `jobs.municipal.schools` — opening a school's workspace, Google schools with one Sheets limiter
  for the whole run;
- `jobs.municipal.run` — the municipal night: every school's nightly, isolated, local schools in
  parallel processes and Google schools in turn; the municipal «Журнал» and summary.
"""
