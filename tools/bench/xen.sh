#!/bin/sh
# make bench's peer (tools/bench/run.sh calls it after its own runs): the
# bench guests that run bare and under shikiri also run as Xen 4.17 dom0less
# domUs, on the same QEMU with the same -icount shift=4,sleep=off.
#   xen.sh OUT
# Reads from run.sh's environment: QEMU, O, BENCH_XEN (0: skip the peer),
# XEN_DIR, BENCH_XEN_TIMEOUT (seconds per run, default 300). Writes OUT/xen/
# (the DTs and images) and the consoles as OUT/logs/xen_timer.log and
# xen_traps.log (+ .status: 0 when the guest printed its done line);
# OUT/logs/xen.skipped says why when the peer does not run. tools/bench/xen.py report turns them into the report's section.
# Always exits 0: the peer is optional, a failed run shows in the report.
# Method: docs/performance.md ("Peer: Xen 4.17").
set -u
OUT=${1:?usage: xen.sh OUT}
QEMU=${QEMU:-qemu-system-arm}
XEN_DIR=${XEN_DIR:-${O:-build}/xen}
TIMEOUT=${BENCH_XEN_TIMEOUT:-300}
PYTHON=/usr/bin/python3
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tools/bench/qemu_until.sh
. "$here/qemu_until.sh"
rm -rf "$OUT/xen"
rm -f "$OUT"/logs/xen*

skip() {
	echo "  SKIP    Xen peer: $1"
	echo "$1" >"$OUT/logs/xen.skipped"
	exit 0
}
# Also in the smoke run (make check): with Xen cached the two runs take
# about 7 s of wall time on two busy cores, and every run is byte-identical
# (icount, one core). The first run downloads Xen (~1 MB), as the build
# downloads the Linux guest; without it the peer is skipped, not failed.
[ "${BENCH_XEN:-1}" = 0 ] && skip "BENCH_XEN=0"
if ! "$here/xen_fetch.sh" "$XEN_DIR" >"$OUT/logs/xen_fetch.log" 2>&1; then
	skip "cannot fetch Debian's xen-hypervisor-4.17-armhf ($(tail -n 1 "$OUT/logs/xen_fetch.log"))"
fi

# One vCPU on a one-core machine: Xen 4.17 stops booting under icount with
# -smp 2 (after "P2M: 3 levels"), so PSCI CPU_ON is not measured here.
machine="-cpu cortex-a15 -smp 1 -m 1G -nic none -display none -monitor none"
mkdir -p "$OUT/xen"
# Xen's DT is QEMU's own for this very machine, plus /chosen (xen.py).
# shellcheck disable=SC2086
timeout 60 "$QEMU" -M virt,virtualization=on,dumpdtb="$OUT/xen/virt.dtb" $machine \
	>"$OUT/logs/xen_dumpdtb.log" 2>&1
[ -s "$OUT/xen/virt.dtb" ] || skip "QEMU did not dump its device tree (logs/xen_dumpdtb.log)"

# xen_run NAME GUEST: GUEST (the .bin the shikiri systems embed) as domU1;
# QEMU is stopped once the domU printed "bench: done" (Xen idles after the
# domU's SYSTEM_OFF).
xen_run() {
	run=xen_$1
	log=$OUT/logs/$run
	echo "  RUN     $run"
	if ! addr=$($PYTHON "$here/xen.py" prepare "$OUT/xen/virt.dtb" "$2" 1 "$OUT/xen" "$1" 2>"$log.stderr"); then
		cat "$log.stderr" >&2
		echo 1 >"$log.status"
		return
	fi
	# shellcheck disable=SC2086
	qemu_until "$log" 'DOM1: bench: done' "$TIMEOUT" "$QEMU" -M virt,virtualization=on $machine \
		-icount shift=4,sleep=off -kernel "$XEN_DIR/xen" -dtb "$OUT/xen/$1.dtb" \
		-device "loader,file=$OUT/xen/$1.img,addr=$addr,force-raw=on"
}
xen_run timer "$OUT/sys/timer_srt/guests/bench_timer.bin"
xen_run traps "$OUT/sys/traps/guests/bench_traps.bin"
exit 0
