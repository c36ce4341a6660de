#!/usr/bin/env bash
# Run a command and record how long it took: `timed.sh LABEL COMMAND...`.
# Each line goes to stdout and to _build/timings.txt, which `make test` prints.
set -uo pipefail
label="$1"
shift
start=$(date +%s)
"$@"
status=$?
seconds=$(( $(date +%s) - start ))
mkdir -p _build
printf '%-34s %5d s%s\n' "$label" "$seconds" "$([ "$status" -ne 0 ] && echo "  (failed)")" \
  | tee -a _build/timings.txt
exit "$status"
