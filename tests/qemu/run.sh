#!/bin/sh
# QEMU integration tests. Each tests/qemu/<name>/test.sh sets DEFCONFIG (a
# defconfig file), optionally SMP and TIMEOUT, and defines check(), which
# asserts on the console log and QEMU's exit status with the helpers in
# tests/qemu/lib.sh. Every QEMU run is bounded by `timeout`.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
. tests/qemu/lib.sh

for t in tests/qemu/*/test.sh; do
	name=$(basename "$(dirname "$t")")
	[ -n "${TESTS:-}" ] && ! echo " $TESTS " | grep -q " $name " && continue
	run_qemu_test "$name" "$t"
done
