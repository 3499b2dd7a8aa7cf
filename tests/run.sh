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
# Everything the suites need is installed here, before the bare view is
# built: nothing installs packages inside it (tools/deps.sh --check).
tools/deps.sh --check || exit 2

# Run every suite as on a bare Debian 12: tests/bare-debian.py hides every
# installed package that tools/deps.sh --check does not bring (the Recommends it
# leaves out among them), so a test that only passes because of something
# installed by hand fails here too. SHIKIRI_FULL_MACHINE=1 skips that.
if [ -z "${SHIKIRI_BARE_TRIED:-}" ] && [ "${SHIKIRI_FULL_MACHINE:-0}" != 1 ]; then
	SHIKIRI_BARE_TRIED=1
	export SHIKIRI_BARE_TRIED
	mkdir -p "$O" "$LINUX_DIR"
	exec tests/bare-debian.py --rw "$SRCTREE" --rw "$O" --rw "$LINUX_DIR" -- sh tests/run.sh "$@"
fi

results=$O/tests/results.txt
mkdir -p "$O/tests"
: >"$results"
for suite in tests/lint/run.sh tests/bare/run.sh tests/gen/run.sh tests/config/run.sh tests/unit/run.sh tests/boards/run.sh tests/qemu/run.sh tests/bench/run.sh; do
	echo "== $suite"
	sh "$suite" 2>&1 | tee -a "$results"
done
pass=$(grep -c '^PASS ' "$results")
fail=$(grep -c '^FAIL ' "$results")
echo
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
