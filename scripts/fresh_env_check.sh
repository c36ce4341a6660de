#!/usr/bin/env bash
# Prove that the helper package declares what the chapters need: a fresh virtual
# environment with nothing but `pip install ".[book]"` from this checkout (no
# requirements.txt pins) executes every English notebook.
#
#   bash scripts/fresh_env_check.sh install   # create .venv-fresh (log: _build/fresh-install.log)
#   bash scripts/fresh_env_check.sh run       # execute book/en there (log: _build/fresh-env.log)
#
# `make test` starts `install` in the background while the book builds.
set -uo pipefail
cd "$(dirname "$0")/.."
venv=.venv-fresh
mkdir -p _build

case "${1:-}" in
install)
  {
    python3 -m venv --clear "$venv" &&
      "$venv/bin/python" -m pip install --quiet --upgrade pip &&
      "$venv/bin/python" -m pip install --quiet ".[book]" "nbmake>=1.5" "pytest>=8"
  } >_build/fresh-install.log 2>&1
  status=$?
  [ "$status" -ne 0 ] && { cat _build/fresh-install.log; echo "fresh environment: install failed" >&2; }
  exit "$status"
  ;;
run)
  log=_build/fresh-env.log
  "$venv/bin/python" -m pytest --nbmake book/en -p no:cacheprovider -q 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if [ "$status" -ne 0 ]; then
    missing=$(grep -oE "No module named '[^']+'" "$log" | sort -u |
      sed -E "s/No module named '([^'.]+).*/\1/")
    for module in $missing; do
      echo "fresh environment: a chapter imports '$module'," \
        "which ptbook[book] in pyproject.toml does not declare" >&2
    done
    echo "fresh environment: notebooks failed with only ptbook[book] installed; see $log" >&2
  fi
  exit "$status"
  ;;
*)
  echo "usage: $0 install|run" >&2
  exit 2
  ;;
esac
