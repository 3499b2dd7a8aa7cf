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
if gcc $CFLAGS -o "$out/vgicd_test" tests/unit/vgicd_test.c src/arch/armv7/vgicd.c >"$out/vgicd.log" 2>&1; then
	"$out/vgicd_test" || true
else
	echo "FAIL unit/vgicd: build failed: $(grep -m1 error "$out/vgicd.log")"
fi

# The Cadence UART console driver (the ZC702's) on a register file in memory.
# shellcheck disable=SC2086
if gcc $CFLAGS -o "$out/cdns_uart_test" tests/unit/cdns_uart_test.c src/drivers/cdns_uart.c >"$out/cdns_uart.log" 2>&1; then
	"$out/cdns_uart_test" || true
else
	echo "FAIL unit/cdns_uart: build failed: $(grep -m1 error "$out/cdns_uart.log")"
fi

# The vGICD's register map and its trap-path entries.
# shellcheck disable=SC2086
if gcc $CFLAGS -o "$out/vgicd_map_test" tests/unit/vgicd_map_test.c src/arch/armv7/vgicd.c >"$out/vgicd_map.log" 2>&1; then
	"$out/vgicd_map_test" || true
else
	echo "FAIL unit/vgicd_map: build failed: $(grep -m1 error "$out/vgicd_map.log")"
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

# shellcheck disable=SC2086
if gcc $CFLAGS -include tests/unit/host_spinlock.h -include tests/unit/host_sysregs.h -o "$out/chan_doorbell_test" tests/unit/chan_doorbell_test.c \
	src/core/chan.c src/arch/armv7/vgicd.c >"$out/chan_doorbell.log" 2>&1; then
	"$out/chan_doorbell_test" || true
else
	echo "FAIL unit/chan_doorbell: build failed: $(grep -m1 error "$out/chan_doorbell.log")"
fi

# The channel ring library (header-only, shared with the guests and the Linux tool).
# shellcheck disable=SC2086
if gcc $CFLAGS -Iguests/include -o "$out/chan_test" tests/unit/chan_test.c >"$out/chan.log" 2>&1; then
	"$out/chan_test" || true
else
	echo "FAIL unit/chan: build failed: $(grep -m1 error "$out/chan.log")"
fi

# The guests' channel DT reader, on DTBs that dtc compiles.
# shellcheck disable=SC2086
if dtc -I dts -O dtb -o "$out/chan_dt.dtb" tests/unit/chan_dt.dts 2>"$out/chan_dt.log" &&
	gcc $CFLAGS -Iguests/lib -o "$out/chan_dt_test" tests/unit/chan_dt_test.c \
		guests/lib/chan_dt.c >>"$out/chan_dt.log" 2>&1; then
	"$out/chan_dt_test" "$out/chan_dt.dtb" || true
else
	echo "FAIL unit/chan_dt: build failed: $(grep -m1 -i error "$out/chan_dt.log")"
fi

# The hypervisor's vsnprintf against the C library's (src/lib/printf.c,
# renamed so that the test's own printf stays libc's).
# shellcheck disable=SC2086
if gcc $CFLAGS -Wno-format -Dvsnprintf=shk_vsnprintf -Dsnprintf=shk_snprintf -c -o "$out/printf.o" \
	src/lib/printf.c >"$out/printf.log" 2>&1 &&
	gcc $CFLAGS -Wno-format -Wno-format-truncation -o "$out/printf_test" tests/unit/printf_test.c \
		"$out/printf.o" >>"$out/printf.log" 2>&1; then
	"$out/printf_test" || true
else
	echo "FAIL unit/printf: build failed: $(grep -m1 error "$out/printf.log")"
fi

# SHA-256 of an image load (src/lib/sha256.c, shared with shikiri-ctl).
# shellcheck disable=SC2086
if gcc $CFLAGS -o "$out/sha256_test" tests/unit/sha256_test.c src/lib/sha256.c >"$out/sha256.log" 2>&1; then
	"$out/sha256_test" || true
else
	echo "FAIL unit/sha256: build failed: $(grep -m1 error "$out/sha256.log")"
fi
