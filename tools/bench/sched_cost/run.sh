#!/bin/sh
# The schedulers' decision costs in instructions (tools/bench/sched_cost/main.c
# says what each figure is), for 2, 4 and 8 vCPUs on a core: builds the
# harness with the hypervisor's compiler and flags, runs it in QEMU under
# -icount shift=4,sleep=off and prints its "sched_cost ..." lines.
#   O    build root (default: build); the harness goes to $O/bench/sched_cost
set -u
cd "$(dirname "$0")/../../.." || exit 2
SRCTREE=$(pwd)
O=${O:-$SRCTREE/build}
case "$O" in /*) ;; *) O=$SRCTREE/$O ;; esac
out=$O/bench/sched_cost
mkdir -p "$out"
QEMU=${QEMU:-qemu-system-arm}
CROSS_COMPILE=${CROSS_COMPILE:-arm-none-eabi-}
scheds=
for f in src/core/sched_*.c; do
	name=${f#src/core/sched_}
	scheds="$scheds SCHED(${name%.c})"
done
status=0
for n in 2 4 8; do
	elf=$out/sched_cost_$n.elf
	if ! "${CROSS_COMPILE}gcc" -mcpu=cortex-a15 -marm -mfloat-abi=soft -ffreestanding \
		-fno-builtin -fno-common -fno-pic -std=c11 -O2 -Wall -Wextra -Werror -nostdlib \
		-DCONFIG_MAX_VCPUS_PER_PCPU=$n -DCONFIG_MAX_VCPUS_PER_VM=4 -DCONFIG_NR_CPUS=4 \
		"-DSCHED_BUILTIN=$scheds" -Isrc/include -T tools/bench/sched_cost/link.ld \
		-o "$elf" tools/bench/sched_cost/start.S tools/bench/sched_cost/main.c \
		src/core/sched*.c -lgcc >"$out/build_$n.log" 2>&1; then
		echo "sched_cost: build failed (log: $out/build_$n.log)" >&2
		status=1
		continue
	fi
	timeout 60 "$QEMU" -M virt -cpu cortex-a15 -m 256M -nographic -nic none -monitor none \
		-icount shift=4,sleep=off -kernel "$elf" -serial stdio >"$out/run_$n.log" 2>&1
	if ! grep -q '^sched_cost done' "$out/run_$n.log"; then
		echo "sched_cost: run failed (log: $out/run_$n.log)" >&2
		status=1
	fi
	grep '^sched_cost [a-z]* vcpus=' "$out/run_$n.log"
done
exit $status
