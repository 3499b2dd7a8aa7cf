#!/bin/sh
# The TrustZone mode's shared layout, measured (docs/trustzone.md, "Shared
# layout"): the Secure RTOS (guests/rtos, 2,000 periods) and a bare-metal
# Normal-world partition (guests/tz_hello: a RAM test) on one Cortex-A9 core
# of QEMU's vexpress-a9,secure=on, under -icount shift=4,sleep=off (every
# run is the same).
#
# 1. Monitor instructions per world switch: QEMU's execution trace of the
#    monitor's PCs (-singlestep -d exec,int,nochain -dfilter), counted by
#    tools/bench/tz_shared.py: Normal -> Secure (the RTOS's timer FIQ while
#    the Normal world runs) and Secure -> Normal (the RTOS's idle yield).
# 2. The RTOS's deadlines with the Normal world on its core: an untraced
#    run to its end; the RTOS's last report (2,000 periods): overruns,
#    min/avg/max latency (ticks of the A9 global timer).
#
# Prints one JSON object on stdout:
#   {"switch_ns_to_s": N, "switch_s_to_ns": N, ..., "rtos_overruns": N, ...}
# Environment: O (build root, default build; builds into $O/bench-tz-shared),
# QEMU, BENCH_TIMEOUT (seconds per QEMU run, default 300),
# TZ_SHARED_SAMPLES (switches of each kind counted, default 200).
set -u
cd "$(dirname "$0")/../.." || exit 2
SRCTREE=$(pwd)
O=${O:-$SRCTREE/build}
case "$O" in /*) ;; *) O=$SRCTREE/$O ;; esac
B=$O/bench-tz-shared
QEMU=${QEMU:-qemu-system-arm}
TIMEOUT=${BENCH_TIMEOUT:-300}
SAMPLES=${TZ_SHARED_SAMPLES:-200}
PYTHON=/usr/bin/python3
mkdir -p "$B/logs"

if ! make -s O="$B" DEFCONFIG=tests/bench/configs/tz_shared_defconfig defconfig >"$B/logs/build.log" 2>&1 ||
	! make -s -j2 O="$B" >>"$B/logs/build.log" 2>&1; then
	echo "tz_shared: build failed (see $B/logs/build.log)" >&2
	exit 1
fi
cfg() { sed -n "s/^$1=//p" "$B/.config"; }
load=$(cfg CONFIG_HYP_LOAD_ADDR)
base=$(cfg CONFIG_HYP_BASE)
size=$(cfg CONFIG_HYP_SIZE)
range=$(printf '0x%x+0x%x' "$((load))" "$((base + size - load))")
# The Secure partition's RAM, from the generator's summary: its row's PA
# and size ("0  rt  hrt  0  0x62000000 -> 0x62000000 16 MiB ...").
row=$(awk '$3 == "hrt" && $6 == "->" { print $7, $8, $9; exit }' "$B/gen/summary.txt")
secure=
if [ -n "$row" ]; then
	set -- $row
	case $3 in
	GiB) m=1073741824 ;;
	MiB) m=1048576 ;;
	KiB) m=1024 ;;
	*) m=0 ;;
	esac
	[ "$m" != 0 ] && secure=$(printf '%x-%x' "$(($1))" "$(($1 + $2 * m))")
fi
if [ -z "$secure" ]; then
	echo "tz_shared: no hrt partition's RAM in $B/gen/summary.txt" >&2
	exit 1
fi
# qemu NAME [QEMU options]: the system, its UARTs to logs/NAME.uart0/1.
qemu() {
	name=$1
	shift
	timeout "$TIMEOUT" "$QEMU" -M vexpress-a9,secure=on -cpu cortex-a9 -smp 1 -m 1G -nic none \
		-display none -monitor none -icount shift=4,sleep=off \
		-serial "file:$B/logs/$name.uart0" -serial "file:$B/logs/$name.uart1" \
		-kernel "$B/shikiri.elf" "$@" </dev/null
}

# 1. The traced run, streamed through a FIFO; QEMU stops once it is counted.
fifo=$B/logs/trace.fifo
rm -f "$fifo"
mkfifo "$fifo" || exit 2
(qemu trace -singlestep -d exec,int,nochain -dfilter "$range" -D "$fifo") \
	>/dev/null 2>"$B/logs/trace.stderr" &
qpid=$!
timeout "$TIMEOUT" $PYTHON tools/bench/tz_shared.py "$fifo" "$secure" "$SAMPLES" \
	>"$B/logs/trace.json"
kill "$qpid" 2>/dev/null
wait "$qpid" 2>/dev/null
rm -f "$fifo"

# 2. The untraced run to its end (every partition stops: QEMU exits 0).
qemu run >/dev/null 2>"$B/logs/run.stderr"
status=$?
tr -d '\r' <"$B/logs/run.uart0" >"$B/logs/run.log"
tr -d '\r' <"$B/logs/run.uart1" >"$B/logs/run2.log"
$PYTHON - "$B/logs/trace.json" "$B/logs/run.log" "$B/logs/run2.log" "$status" <<'PY'
import json, re, sys
try:
    r = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    r = {'switch_ns_to_s': None, 'switch_s_to_ns': None, 'complete': False}
log = open(sys.argv[2]).read()
log2 = open(sys.argv[3]).read()
last = re.findall(r'^rtos: latency (\d+) periods: min (\d+) avg (\d+) max (\d+) ticks, '
                  r'overruns (\d+)', log, re.M)
y = re.findall(r'^rtos: yielded to the normal world (\d+) times', log, re.M)
if last:
    p, mn, av, mx, ov = (int(x) for x in last[-1])
    r.update({'rtos_periods': p, 'rtos_overruns': ov, 'rtos_latency_min_ticks': mn,
              'rtos_latency_avg_ticks': av, 'rtos_latency_max_ticks': mx})
r['rtos_yields'] = int(y[-1]) if y else 0
r['normal_world_ran'] = 'bye from normal' in log2
r['run_exit'] = int(sys.argv[4])
print(json.dumps(r))
PY
