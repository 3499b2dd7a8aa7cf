#!/bin/sh
# make bench: build the benchmark systems, run them and their guests bare
# under QEMU with -icount shift=4,sleep=off (one instruction = one tick of
# the 62.5 MHz counter; every run is byte-identical), then write
# $OUT/report.md, $OUT/results.json and PNG plots, and print the summary.
# Method and metrics: docs/performance.md.
#
# Environment:
#   O             build root (default: build); results go to $O/bench
#   BENCH_OUT     results directory instead of $O/bench
#   BENCH_SMOKE=1 fast structural run for make check (1,000 timer periods)
#   BENCH_PERIODS timer periods (default 10000, smoke 1000)
#   BENCH_ONLY=cyclictest  only metric 9 (Linux cyclictest), its own report
#   BENCH_ONLY=tz  only the TrustZone section (tools/bench/tz.sh), its own report
#   QEMU          QEMU binary (default qemu-system-arm)
#   BENCH_XEN     0: no Xen peer
#   XEN_DIR       Xen download cache (default $O/xen)
set -u
cd "$(dirname "$0")/../.." || exit 2
SRCTREE=$(pwd)
# shellcheck source=tools/bench/qemu_until.sh
. tools/bench/qemu_until.sh
O=${O:-$SRCTREE/build}
case "$O" in /*) ;; *) O=$SRCTREE/$O ;; esac
OUT=${BENCH_OUT:-$O/bench}
case "$OUT" in /*) ;; *) OUT=$SRCTREE/$OUT ;; esac
SMOKE=${BENCH_SMOKE:-0}
if [ "$SMOKE" = 1 ]; then
	PERIODS=${BENCH_PERIODS:-1000}
else
	PERIODS=${BENCH_PERIODS:-10000}
fi
QEMU=${QEMU:-qemu-system-arm}
# BENCH_ONLY=cyclictest: only metric 9 (its build, runs and report section);
# BENCH_ONLY=tz: only the TrustZone section.
ONLY=${BENCH_ONLY:-}
case "$ONLY" in
"" | cyclictest | tz) ;;
*)
	echo "bench: BENCH_ONLY=$ONLY: unknown (empty for everything, cyclictest or tz)" >&2
	exit 2
	;;
esac
# The default system's Linux guest: one download cache, as tests/run.sh does.
LINUX_DIR=${LINUX_DIR:-$O/linux}
export LINUX_DIR
PYTHON=/usr/bin/python3
TIMEOUT=${BENCH_TIMEOUT:-300}
ICOUNT="-icount shift=4,sleep=off"

# The build needs the project's packages; the plots need gnuplot.
if [ "${SHIKIRI_DEPS_DONE:-}" != 1 ]; then
	tools/deps.sh || exit 2
fi
# A plot that cannot be drawn is an error of the run (tools/bench/gnuplot.py).
tools/deps.sh gnuplot-nox >&2 || { echo "bench: gnuplot-nox is missing and could not be installed: the plots cannot be drawn" >&2; exit 2; }
SHIKIRI_DEPS_DONE=1
export SHIKIRI_DEPS_DONE

start=$(date +%s)
mkdir -p "$OUT/logs" "$OUT/sys"
rm -f "$OUT"/logs/* "$OUT"/*.png "$OUT/report.md" "$OUT/results.json"

# --- Build ---------------------------------------------------------------
# Each system is a normal build of a defconfig from tests/bench/configs into
# its own O dir (which also builds the guests it embeds); "default" is
# configs/qemu_virt_defconfig itself, for its boot and size figures.
SYSTEMS="timer_hrt timer_srt interference traps memory fault boot_1 boot_2 boot_4 shared"
# Channels (docs/channels.md, tools/bench/chan.py): RTOS ping-pong pairs and
# the in-guest baseline.
SYSTEMS="$SYSTEMS chan_loop chan_srt_srt chan_hrt_srt"
# Cache colouring (issue 20): the memory system coloured (4 KiB stage 2).
SYSTEMS="$SYSTEMS memory_coloured"
build() {
	name=$1
	defconfig=$2
	dir=$OUT/sys/$name
	mkdir -p "$dir"
	echo "  BUILD   $name ($defconfig)"
	# SHARED_O: one build of the guests (with these BENCH_PERIODS), the
	# generator and shikiri-chan for every system.
	if ! make -s -j2 O="$dir" SHARED_O="$OUT/common" DEFCONFIG="$defconfig" \
		BENCH_PERIODS="$PERIODS" defconfig all >"$dir/build.log" 2>&1; then
		echo "bench: build of $name failed (see $dir/build.log):" >&2
		tail -n 15 "$dir/build.log" | sed 's/^/    /' >&2
		exit 1
	fi
}
# size_hrt and size_all are built for the size table only (never run).
if [ -z "$ONLY" ]; then
	build default configs/qemu_virt_defconfig
	# The default system coloured, for its boot work and stage-2 tables.
	build default_coloured tests/bench/configs/default_coloured_defconfig
	build size_hrt tests/bench/configs/size_hrt_defconfig
	build size_all tests/bench/configs/size_all_defconfig
	for s in $SYSTEMS; do
		build "$s" "tests/bench/configs/${s}_defconfig"
	done
fi

# --- Run -------------------------------------------------------------------
# run_qemu LOG MACHINE SMP KERNEL [extra QEMU options...]: console (\r
# removed) to $OUT/logs/LOG.log, exit status to LOG.status.
run_qemu() {
	run=$1
	log=$OUT/logs/$run
	machine=$2
	smp=$3
	kernel=$4
	shift 4
	echo "  RUN     $run"
	# shellcheck disable=SC2086
	(
		timeout "$TIMEOUT" "$QEMU" -M "$machine" -cpu cortex-a15 -nic none -smp "$smp" -m 1G \
			-display none -monitor none -serial stdio $ICOUNT "$@" \
			-kernel "$kernel" </dev/null 2>"$log.stderr"
		echo $? >"$log.status"
	) | tr -d '\r' >"$log.log"
}
nr_cpus() {
	sed -n 's/^CONFIG_NR_CPUS=//p' "$OUT/sys/$1/.config"
}
# Bare: the very ELF whose .bin a system embeds, booted by QEMU in SVC
# (no virtualization=on, so QEMU's PSCI answers hvc).
if [ -z "$ONLY" ]; then
	run_qemu bare_timer virt 1 "$OUT/sys/timer_hrt/guests/bench_timer.elf"
	run_qemu bare_traps virt 2 "$OUT/sys/traps/guests/bench_traps.elf"
	run_qemu bare_boot virt 1 "$OUT/sys/boot_1/guests/bench_boot.elf"
	run_qemu bare_memory virt 1 "$OUT/sys/memory/guests/bench_memory.elf"
	for s in $SYSTEMS; do
		[ "$s" = fault ] && continue
		run_qemu "$s" virt,virtualization=on "$(nr_cpus "$s")" "$OUT/sys/$s/shikiri.elf"
	done
fi

# trace_run NAME SYSTEM MODE ARGS...: boots SYSTEM with QEMU's one-instruction-
# per-block execution trace of the hypervisor's PCs streamed through a FIFO
# into tools/bench/trace_count.py MODE FIFO ARGS... (result:
# logs/NAME.trace.json), and stops QEMU once the counter has what it needs.
# Console to logs/NAME.log.
trace_run() {
	run=$1
	sys=$2
	mode=$3
	shift 3
	log=$OUT/logs/$run
	fifo=$OUT/logs/$run.fifo
	echo "  TRACE   $run"
	# QEMU traces only the hypervisor's PCs: from its load address to the
	# end of its reserved region (guests run below or above).
	load=$(sed -n 's/^CONFIG_HYP_LOAD_ADDR=//p' "$OUT/sys/$sys/.config")
	base=$(sed -n 's/^CONFIG_HYP_BASE=//p' "$OUT/sys/$sys/.config")
	size=$(sed -n 's/^CONFIG_HYP_SIZE=//p' "$OUT/sys/$sys/.config")
	range=$(printf '0x%x+0x%x' "$((load))" "$((base + size - load))")
	rm -f "$fifo"
	mkfifo "$fifo" || exit 1
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -M virt,virtualization=on -cpu cortex-a15 -nic none \
		-smp "$(nr_cpus "$sys")" -m 1G -display none -monitor none \
		-serial "file:$log.raw" $ICOUNT -singlestep -d exec,int,nochain \
		-dfilter "$range" -D "$fifo" -kernel "$OUT/sys/$sys/shikiri.elf" \
		</dev/null 2>"$log.stderr" &
	qemu_pid=$!
	timeout "$TIMEOUT" $PYTHON tools/bench/trace_count.py "$mode" "$fifo" "$@" >"$log.trace.json"
	kill "$qemu_pid" 2>/dev/null
	wait "$qemu_pid"
	echo $? >"$log.trace.status"
	tr -d '\r' <"$log.raw" >"$log.log"
	rm -f "$fifo" "$log.raw"
}
# The stage-2 fault path: the faulter reads the PL031 (IPA 0x09010000).
if [ -z "$ONLY" ]; then
	trace_run fault fault fault 0x09010000
	# Hypervisor instructions before each VM's first instruction.
	for s in default default_coloured boot_1 boot_2 boot_4; do
		trace_run "trace_$s" "$s" boot "$OUT/sys/$s/gen/summary.txt" "$OUT/sys/$s/shikiri.elf"
	done
fi

# Restart and control (issue 21, docs/control.md). restart: an hrt RTOS
# (guests/rtos built as rtos_fault) faults on purpose (a store to IPA
# 0x3f000000) and its policy restarts it on its own core: the instructions
# from that abort to the exception return into its entry (0x40000000, the
# start of its RAM), the image and DTB copy apart. control: an observe-only
# controller (the watcher) reads the state of an hrt VM that never traps
# through its control page (STATE of slot 0 at IPA 0x50000108) and the read
# hypercall: instructions per read, traced; and, in a run of its own, the
# hrt core's hypervisor entries meanwhile (its counter, read by the watcher).
if [ -z "$ONLY" ]; then
	build restart tests/bench/configs/restart_defconfig
	build control tests/bench/configs/control_defconfig
	trace_run restart restart restart 0x3f000000 0x40000000 "$OUT/sys/restart/shikiri.elf"
	if [ "$SMOKE" = 1 ]; then reads=1000; else reads=10000; fi
	trace_run control_reads control reads 0x50000108 "$reads"
	echo "  RUN     control"
	# shellcheck disable=SC2086
	qemu_until "$OUT/logs/control" '\[watcher\] boss: done' "$TIMEOUT" "$QEMU" \
		-M virt,virtualization=on -cpu cortex-a15 -nic none -smp "$(nr_cpus control)" -m 1G \
		-display none -monitor none $ICOUNT -kernel "$OUT/sys/control/shikiri.elf"
fi

# Channels: hypervisor instructions from the first to the 1,999th doorbell
# (2,000 messages; the first PING goes before pong listens, without one),
# rung with the hypercall (or a write to the RING register, at IPA
# 0x4f100008 in both VMs), counted by chan.py.
# The RTOS rings with the doorbell hypercall (guests/rtos/chan.c,
# chan_ring_peer): chan.py counts an hvc entry returning past its hvc as a ring.
ring_hvc() {
	a=$(arm-none-eabi-objdump -d --disassemble=chan_ring_peer "$OUT/sys/$1/guests/rtos_pp.elf" |
		awk '$3 == "hvc" { sub(":", "", $1); print $1; exit }')
	[ -n "$a" ] && printf 'hvc@0x%x' $((0x$a + 4))
}
chan_trace() {
	run=trace_$1
	log=$OUT/logs/$run
	fifo=$OUT/logs/$run.fifo
	echo "  TRACE   $run"
	load=$(sed -n 's/^CONFIG_HYP_LOAD_ADDR=//p' "$OUT/sys/$1/.config")
	base=$(sed -n 's/^CONFIG_HYP_BASE=//p' "$OUT/sys/$1/.config")
	size=$(sed -n 's/^CONFIG_HYP_SIZE=//p' "$OUT/sys/$1/.config")
	range=$(printf '0x%x+0x%x' "$((load))" "$((base + size - load))")
	rm -f "$fifo"
	mkfifo "$fifo" || exit 1
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -M virt,virtualization=on -cpu cortex-a15 -nic none \
		-smp "$(nr_cpus "$1")" -m 1G -display none -monitor none \
		-serial "file:$log.raw" $ICOUNT -singlestep -d exec,int,nochain \
		-dfilter "$range" -D "$fifo" -kernel "$OUT/sys/$1/shikiri.elf" \
		</dev/null 2>"$log.stderr" &
	qemu_pid=$!
	timeout "$TIMEOUT" $PYTHON tools/bench/chan.py trace "$fifo" "0x4f100008,$(ring_hvc "$1")" 1999 \
		>"$OUT/logs/$1.trace.json"
	kill "$qemu_pid" 2>/dev/null
	wait "$qemu_pid"
	tr -d '\r' <"$log.raw" >"$log.log"
	rm -f "$fifo" "$log.raw"
}
if [ -z "$ONLY" ]; then
	chan_trace chan_srt_srt
	chan_trace chan_hrt_srt
fi

# The schedulers' decision costs (schedule() and friends) for 2, 4 and 8
# vCPUs on a core: tools/bench/sched_cost, its own bare harness under icount.
if [ -z "$ONLY" ]; then
	echo "  RUN     sched_cost"
	O="$OUT/sys/sched_cost" QEMU="$QEMU" sh tools/bench/sched_cost/run.sh \
		>"$OUT/logs/sched_cost.log" 2>&1
fi

# --- Linux -------------------------------------------------------------------
# Full runs only (a Linux boot under icount takes about 30 s of wall time
# each): Debian's kernel and the busybox initramfs booted bare (QEMU's
# loader and DTB, the Linux VM's 2 cores and 256 MiB) and as the default
# system's Linux VM, the same kernel command line on both sides
# (tests/bench/partitions/linux_boot.dts: nosmp, since the SMP kernel stalls
# under icount; shikiri.bench: /init prints the counter first).
# run_until NAME PATTERN QEMU-OPTIONS...: console to logs/NAME.log; QEMU is
# stopped once PATTERN shows (the RTOS beside Linux never stops);
# logs/NAME.status is 0 when it showed.
run_until() {
	run=$1
	pattern=$2
	shift 2
	log=$OUT/logs/$run
	echo "  RUN     $run"
	# shellcheck disable=SC2086
	qemu_until "$log" "$pattern" "$LINUX_TIMEOUT" "$QEMU" -nic none -display none -monitor none \
		$ICOUNT "$@"
}
LINUX_TIMEOUT=${BENCH_LINUX_TIMEOUT:-900}
if [ "$SMOKE" = 1 ]; then
	echo "  SKIP    Linux runs (BENCH_SMOKE=1: full make bench only)"
elif [ -n "$ONLY" ]; then
	echo "  SKIP    Linux boot and load runs (BENCH_ONLY=$ONLY)"
else
	build linux_boot tests/bench/configs/linux_boot_defconfig
	lx=$OUT/sys/linux_boot/linux
	args=$(sed -n 's/^[[:space:]]*bootargs = "\(.*\)";/\1/p' tests/bench/partitions/linux_boot.dts)
	run_until bare_linux 'linux: done' -M virt -cpu cortex-a15 -smp 2 -m 256M \
		-kernel "$lx/vmlinuz" -initrd "$lx/initramfs.cpio.gz" -append "$args"
	run_until linux_boot 'linux: done' -M virt,virtualization=on -cpu cortex-a15 \
		-smp "$(nr_cpus linux_boot)" -m 1G -kernel "$OUT/sys/linux_boot/shikiri.elf"
	# The hrt timer VM beside Linux running its load (it starts measuring
	# at BENCH_START_TICKS, once Linux runs the load; stopped when it is done).
	build interference_linux tests/bench/configs/interference_linux_defconfig
	run_until interference_linux 'hrt\] bench: done' -M virt,virtualization=on -cpu cortex-a15 \
		-smp "$(nr_cpus interference_linux)" -m 1G -kernel "$OUT/sys/interference_linux/shikiri.elf"
	# RTOS <-> Linux over the default system's channel: shikiri-chan ping
	# in the Linux VM (tools/bench/chan.py).
	build chan_linux tests/bench/configs/chan_linux_defconfig
	run_until chan_linux 'linux: chan done' -M virt,virtualization=on -cpu cortex-a15 \
		-smp "$(nr_cpus chan_linux)" -m 1G -kernel "$OUT/sys/chan_linux/shikiri.elf"
fi

# --- cyclictest --------------------------------------------------------------
# Full runs only: Debian's cyclictest (rt-tests:armhf, fetched with its
# libraries by tools/linux/cyclictest.sh into the Linux cache) in the Linux
# VM alone on core 0 (tests/bench/configs/cyclictest_defconfig: a 1-vCPU be
# VM, 256 MiB) and bare (-smp 1 -m 256M, QEMU's loader and DTB), the same
# kernel, initramfs and command line (nosmp, shikiri.test=cyclictest) on
# both sides. A failed fetch skips the metric with one line; the run goes on.
if [ "$SMOKE" = 1 ]; then
	echo "  SKIP    cyclictest (BENCH_SMOKE=1: full make bench only)"
elif [ "$ONLY" = tz ]; then
	echo "  SKIP    cyclictest (BENCH_ONLY=tz)"
else
	ct=$OUT/sys/cyclictest
	ctdefconfig=tests/bench/configs/cyclictest_defconfig
	rm -f "$OUT/logs/cyclictest.skipped"
	mkdir -p "$ct"
	# The kernel and the busybox initramfs first (make's linux target),
	# then the bench initramfs the partition names, then the system.
	if make -s O="$ct" SHARED_O="$OUT/common" DEFCONFIG="$ctdefconfig" defconfig linux \
		>"$ct/fetch.log" 2>&1 &&
		tools/linux/cyclictest.sh "$LINUX_DIR" "$ct/linux/initramfs.cpio.gz" \
			"$ct/linux/initramfs-cyclictest.cpio.gz" >>"$ct/fetch.log" 2>&1; then
		# The generator's stamp does not know this file: regenerate when it changed.
		[ -z "$(find "$ct/linux/initramfs-cyclictest.cpio.gz" -newer "$ct/gen/.stamp" 2>/dev/null)" ] ||
			rm -f "$ct/gen/.stamp"
		build cyclictest "$ctdefconfig"
		cp "$LINUX_DIR/cyclictest-version" "$OUT/logs/cyclictest.version"
		args=$(sed -n 's/^[[:space:]]*bootargs = "\(.*\)";/\1/p' \
			tests/bench/partitions/linux_cyclictest.dts)
		run_until bare_cyclictest 'linux: done' -M virt -cpu cortex-a15 -smp 1 -m 256M \
			-kernel "$ct/linux/vmlinuz" -initrd "$ct/linux/initramfs-cyclictest.cpio.gz" -append "$args"
		# Until the hypervisor's last line: the VM's entry counts come after
		# Linux's "linux: done" (then QEMU powers off by itself).
		run_until cyclictest 'shikiri: all VMs stopped' -M virt,virtualization=on -cpu cortex-a15 \
			-smp "$(nr_cpus cyclictest)" -m 1G -kernel "$ct/shikiri.elf"
	else
		why=$(grep '^shikiri:' "$ct/fetch.log" | tail -n 1)
		echo "  SKIP    cyclictest: cannot fetch the Linux guest or rt-tests:armhf" \
			"(${why:-see $ct/fetch.log})"
		echo "${why:-see $ct/fetch.log}" >"$OUT/logs/cyclictest.skipped"
	fi
fi

# --- Peer: Xen 4.17 ------------------------------------------------------------
# The same bench guests as Xen dom0less domUs (tools/bench/xen.sh; skipped
# with one line when Xen cannot be fetched, or with BENCH_XEN=0).
if [ -z "$ONLY" ]; then
	XEN_DIR=${XEN_DIR:-$O/xen}
	export QEMU O XEN_DIR
	tools/bench/xen.sh "$OUT"
fi

# --- TrustZone -----------------------------------------------------------------
# The TrustZone mode on vexpress-a9,secure=on (tools/bench/tz.sh): the RTOS
# bare and in the Secure world, the monitor's trace, the shared layout's
# figures from tools/bench/tz_shared.sh when it exists.
if [ -z "$ONLY" ] || [ "$ONLY" = tz ]; then
	BENCH_PERIODS="$PERIODS" BENCH_SMOKE="$SMOKE" BENCH_TIMEOUT="$TIMEOUT" QEMU="$QEMU" \
		tools/bench/tz.sh "$OUT" || exit 1
fi

# --- Report ----------------------------------------------------------------
if [ "$ONLY" = cyclictest ]; then
	$PYTHON tools/bench/cyclictest.py report "$OUT" "$SMOKE"
	exit $?
fi
if [ "$ONLY" = tz ]; then
	$PYTHON tools/bench/tz.py report "$OUT" "$SRCTREE" "$PERIODS" alone
	exit $?
fi
$PYTHON tools/bench/report.py --out "$OUT" --srctree "$SRCTREE" --periods "$PERIODS" \
	--smoke "$SMOKE" --qemu "$QEMU" --seconds "$(($(date +%s) - start))"
rc=$?
$PYTHON tools/bench/chan.py report "$OUT" || rc=1
$PYTHON tools/bench/xen.py report "$OUT" || rc=1
$PYTHON tools/bench/tz.py report "$OUT" "$SRCTREE" "$PERIODS" || rc=1
exit $rc
