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
# 3. The same with Debian's armmp Linux on the RTOS's core
#    (tests/bench/configs/tz_shared_linux_defconfig: guests/rtos with a
#    light worker, a report every 5,000 periods): Linux boots to its shell,
#    runs a CPU and I/O load typed on its UART, and the RTOS's reports from
#    its start until after the load are summed (linux_*). TZ_SHARED_LINUX=0
#    leaves it out (it takes minutes; LINUX_DIR as for make).
#
# Prints one JSON object on stdout:
#   {"switch_ns_to_s": N, "switch_s_to_ns": N, "deadline_misses": N,
#    ..., "rtos_overruns": N, ...}
# (deadline_misses: the RTOS's overruns of both runs, the Linux one's
# included when it ran)
# (the switches: the median of the fast path; the first yield's slow path
# apart) and exits 1 when a run did not give its figures.
# Environment: O (build root, default build; builds into $O/bench-tz-shared),
# QEMU, BENCH_TIMEOUT (seconds per QEMU run, default 300),
# TZ_SHARED_SAMPLES (switches of each kind counted, default 200),
# TZ_SHARED_LINUX (default 1), LINUX_DIR.
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
	# shellcheck disable=SC2086 # the row's three fields
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

# 3. Linux on the shared core, a load typed at its shell (UART1: QEMU's pipe
# chardev); QEMU is stopped once the RTOS has reported after the load.
# shellcheck disable=SC2016 # typed at Linux's shell, expanded there
LOAD='i=0; while [ $i -lt 30000 ]; do i=$((i+1)); done; dd if=/dev/zero of=/tmp/z bs=4k count=2048 2>/dev/null; md5sum /tmp/z /init >/dev/null; echo load-done $i\n'
L=$O/bench-tz-shared-linux
: >"$B/logs/linux.log"
: >"$B/logs/linux2.log"
lstatus=skipped
if [ "${TZ_SHARED_LINUX:-1}" != 0 ]; then
	lstatus=failed
	if make -s O="$L" DEFCONFIG=tests/bench/configs/tz_shared_linux_defconfig defconfig \
		>"$B/logs/linux-build.log" 2>&1 && make -s -j2 O="$L" >>"$B/logs/linux-build.log" 2>&1; then
		p=$B/logs/linux.u1
		rm -f "$p.in" "$p.out"
		mkfifo "$p.in" "$p.out" || exit 2
		cat 0<>"$p.out" >"$B/logs/linux2.raw" &
		catpid=$!
		timeout "$TIMEOUT" "$QEMU" -M vexpress-a9,secure=on -cpu cortex-a9 -smp 1 -m 1G -nic none \
			-display none -monitor none -icount shift=4,sleep=off \
			-serial "file:$B/logs/linux.raw" -serial "pipe:$p" -kernel "$L/shikiri.elf" \
			</dev/null >/dev/null 2>"$B/logs/linux.stderr" &
		lpid=$!
		exec 4<>"$p.in"
		typed=0
		while kill -0 "$lpid" 2>/dev/null; do
			if [ "$typed" = 0 ] && grep -q 'shell on the console' "$B/logs/linux2.raw"; then
				sleep 1
				printf '%b' "$LOAD" >&4
				typed=1
			fi
			if grep -q '^load-done' "$B/logs/linux2.raw" &&
				awk '/^load-done/ { d = 1 } END { exit !d }' "$B/logs/linux2.raw"; then
				# the RTOS's next report after the load: wait for one more line
				n=$(grep -c '^rtos: latency' "$B/logs/linux.raw")
				while kill -0 "$lpid" 2>/dev/null &&
					[ "$(grep -c '^rtos: latency' "$B/logs/linux.raw")" -le "$n" ]; do
					sleep 1
				done
				lstatus=ok
				break
			fi
			sleep 1
		done
		kill "$lpid" 2>/dev/null
		wait "$lpid" 2>/dev/null
		exec 4>&-
		kill "$catpid" 2>/dev/null
		rm -f "$p.in" "$p.out"
		tr -d '\r' <"$B/logs/linux.raw" >"$B/logs/linux.log"
		tr -d '\r' <"$B/logs/linux2.raw" >"$B/logs/linux2.log"
		rm -f "$B/logs/linux.raw" "$B/logs/linux2.raw"
	fi
fi

$PYTHON - "$B/logs/trace.json" "$B/logs/run.log" "$B/logs/run2.log" "$status" \
	"$B/logs/linux.log" "$B/logs/linux2.log" "$lstatus" <<'PY'
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
# Linux: every RTOS report of the run (each covers the periods since the start).
ll = open(sys.argv[5]).read()
reps = re.findall(r'^rtos: latency (\d+) periods: min (\d+) avg (\d+) max (\d+) ticks, '
                  r'overruns (\d+)', ll, re.M)
r['linux_run'] = sys.argv[7]
if reps:
    p, mn, av, mx, ov = (int(x) for x in reps[-1])
    r.update({'linux_rtos_periods': p, 'linux_rtos_overruns': ov,
              'linux_rtos_latency_min_ticks': mn, 'linux_rtos_latency_avg_ticks': av,
              'linux_rtos_latency_max_ticks': mx})
l2 = open(sys.argv[6]).read()
r['linux_shell'] = 'shell on the console' in l2
r['linux_load_done'] = re.search(r'^load-done 30000', l2, re.M) is not None
# The bench's row (tools/bench/tz.py): the RTOS's deadline misses with the
# Normal world on its core, both runs summed (Linux's when it ran).
if 'rtos_overruns' in r:
    r['deadline_misses'] = r['rtos_overruns'] + r.get('linux_rtos_overruns', 0)
print(json.dumps(r))
# A run that did not measure what it should is the script's failure.
ok = (r.get('complete') and r['run_exit'] == 0 and 'rtos_overruns' in r and
      (r['linux_run'] == 'skipped' or (r['linux_run'] == 'ok' and 'linux_rtos_overruns' in r)))
sys.exit(0 if ok else 1)
PY
