#!/bin/sh
# QEMU integration tests. Each tests/qemu/<name>/test.sh sets DEFCONFIG (a
# defconfig file), optionally SMP and TIMEOUT, and defines check(), which
# asserts on the console log and QEMU's exit status with the helpers in
# tests/qemu/lib.sh. Every QEMU run is bounded by `timeout`.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
. tests/qemu/lib.sh

# What no configuration changes (the guests, the generator, shikiri-chan) is
# built once, here, into SHARED_O; every test's build (and any make a test
# runs) uses it instead of building its own (docs/make-targets.md).
SHARED_O=${SHARED_O:-$O/tests/shared}
export SHARED_O
mkdir -p "$O/tests/qemu"
: >"$O/tests/qemu/times.txt"
if ! make -s -j2 SHARED_O="$SHARED_O" shared >"$O/tests/qemu/shared.log" 2>&1; then
	echo "FAIL qemu/shared: build of $SHARED_O failed (see $O/tests/qemu/shared.log)"
	tail -n 15 "$O/tests/qemu/shared.log" | sed 's/^/    /'
fi

for t in tests/qemu/*/test.sh; do
	name=$(basename "$(dirname "$t")")
	[ -n "${TESTS:-}" ] && ! echo " $TESTS " | grep -q " $name " && continue
	run_qemu_test "$name" "$t"
done
