#!/bin/sh
# Host unit tests of hypervisor logic that needs no hardware. Each test
# program prints its own PASS/FAIL lines.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
out=$O/tests/unit
mkdir -p "$out"
CFLAGS="-std=c11 -O1 -g -Wall -Wextra -Werror -Wno-unused-function -fsanitize=address,undefined
	-DCONFIG_NR_CPUS=4 -DCONFIG_MAX_VMS=4 -DCONFIG_MAX_VCPUS_PER_VM=4 -DCONFIG_MAX_VCPUS_PER_PCPU=4 -DCONFIG_LOG_LEVEL=2
	-Isrc/include -Isrc/arch/armv7/include -Isrc/platform/qemu-virt"

# shellcheck disable=SC2086
if gcc $CFLAGS -o "$out/vgicd_test" tests/unit/vgicd_test.c src/core/vgicd.c >"$out/vgicd.log" 2>&1; then
	"$out/vgicd_test" || true
else
	echo "FAIL unit/vgicd: build failed: $(grep -m1 error "$out/vgicd.log")"
fi

# Schedulers: all built-in policies, with the loop-step counter, plus the
# worked example of docs/scheduling.md compiled out of the doc (so the doc
# stays true).
awk '/^\*\*1\. The file `src\/core\/sched_order\.c`:\*\*$/ { found = 1; next }
	found && /^```c$/ { inside = 1; next }
	inside && /^```$/ { exit }
	inside { print }' docs/scheduling.md >"$out/sched_order.c"
if [ -s "$out/sched_order.c" ]; then
	# shellcheck disable=SC2086
	if gcc $CFLAGS -DSCHED_COUNT_STEPS -DSCHED_DOC_EXAMPLE \
		"-DSCHED_BUILTIN=SCHED(fp) SCHED(edf) SCHED(rr) SCHED(order)" \
		-o "$out/sched_test" tests/unit/sched_test.c src/core/sched.c src/core/sched_fp.c \
		src/core/sched_edf.c src/core/sched_rr.c "$out/sched_order.c" >"$out/sched.log" 2>&1; then
		"$out/sched_test" || true
	else
		echo "FAIL unit/sched: build failed: $(grep -m1 error "$out/sched.log")"
	fi
else
	echo "FAIL unit/sched/doc_example: no example found in docs/scheduling.md"
fi
