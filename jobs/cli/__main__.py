"""``python -m jobs.cli``: the same as the ``nastavnik`` console script."""
from jobs.cli import main

main()
