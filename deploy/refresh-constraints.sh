#!/bin/sh
# Refresh deploy/constraints.txt: install nastavnik into a fresh virtual environment and pin what
# pip chose (the project itself left out). Run from the repository root, then run the tests with
# the new pins before committing: pip install -c deploy/constraints.txt -e '.[test]' && pytest
set -eu
venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet .
{
  echo "# Pinned versions for servers: pip install -c deploy/constraints.txt ."
  echo "# Refreshed by deploy/refresh-constraints.sh (a fresh venv, pip install ., pip freeze)."
  "$venv/bin/pip" freeze --exclude-editable | grep -v -i '^nastavnik[= @]' | LC_ALL=C sort -f
} > deploy/constraints.txt
echo "deploy/constraints.txt: $(grep -c '==' deploy/constraints.txt) pins"
