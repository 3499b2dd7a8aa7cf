#!/bin/sh
# Run every test suite. A suite prints one line per test case,
# "PASS <name>" or "FAIL <name>: <why>"; this script counts them and ends with
# "N passed, N failed". Exit status 0 only if nothing failed.
set -u
cd "$(dirname "$0")/.." || exit 2
SRCTREE=$(pwd)
O=${O:-$SRCTREE/build}
case "$O" in /*) ;; *) O=$SRCTREE/$O ;; esac
# One download of the Linux guest for every test system.
LINUX_DIR=${LINUX_DIR:-$O/linux}
export SRCTREE O LINUX_DIR
SHIKIRI_DEPS_DONE=1
export SHIKIRI_DEPS_DONE
tools/deps.sh || exit 2

results=$O/tests/results.txt
mkdir -p "$O/tests"
: >"$results"
for suite in tests/lint/run.sh tests/gen/run.sh tests/unit/run.sh tests/qemu/run.sh tests/bench/run.sh; do
	echo "== $suite"
	sh "$suite" 2>&1 | tee -a "$results"
done
pass=$(grep -c '^PASS ' "$results")
fail=$(grep -c '^FAIL ' "$results")
echo
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
