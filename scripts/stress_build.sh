#!/usr/bin/env bash
# Prove that load cannot break the build: `make book FRESH=1` once on a quiet
# machine, then three times in a row with two CPU-bound processes beside it (as
# many busy processes as this build machine has cores). Each loaded build must
# pass and finish within three times the quiet build's time.
#
#   bash scripts/stress_build.sh            # make stress-build
#   RUNS=1 HOGS=2 bash scripts/stress_build.sh
#
# Logs and the times: _build/stress/ (times.txt). The hogs are plain busy loops
# (one Python process each), stopped whatever happens.
set -uo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-3}"
hogs="${HOGS:-2}"
out=_build/stress
mkdir -p "$out"
: >"$out/times.txt"

build() { # build LABEL: a fresh build, its log in $out/LABEL.log; prints its seconds
  local start status
  start=$(date +%s)
  make --no-print-directory book FRESH=1 >"$out/$1.log" 2>&1
  status=$?
  echo "$(($(date +%s) - start)) $status"
}

hog_pids=()
stop_hogs() { [ "${#hog_pids[@]}" -gt 0 ] && kill "${hog_pids[@]}" 2>/dev/null; hog_pids=(); }
trap stop_hogs EXIT

read -r quiet status < <(build quiet)
echo "quiet build: ${quiet} s (status ${status})" | tee -a "$out/times.txt"
[ "$status" -eq 0 ] || { echo "the quiet build failed: $out/quiet.log" >&2; exit 1; }
limit=$((3 * quiet))

for _ in $(seq "$hogs"); do
  python3 -c "while True: pass" &
  hog_pids+=($!)
done
failed=0
for run in $(seq "$runs"); do
  read -r seconds status < <(build "loaded-$run")
  verdict=ok
  if [ "$status" -ne 0 ]; then
    verdict="FAILED (log: $out/loaded-$run.log)"
    failed=1
  elif [ "$seconds" -gt "$limit" ]; then
    verdict="too slow (limit ${limit} s)"
    failed=1
  fi
  echo "loaded build $run beside $hogs busy processes: ${seconds} s, $verdict" |
    tee -a "$out/times.txt"
done
stop_hogs
exit "$failed"
