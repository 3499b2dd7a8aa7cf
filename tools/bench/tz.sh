#!/bin/sh
# make bench's TrustZone section (tools/bench/run.sh calls it after its own
# runs; BENCH_ONLY=tz runs it alone): the TrustZone mode (docs/trustzone.md)
# on QEMU's vexpress-a9,secure=on under the same -icount shift=4,sleep=off.
#   tz.sh OUT
# Reads from run.sh's environment: QEMU, BENCH_PERIODS (the RTOS's periods),
# BENCH_SMOKE, BENCH_TIMEOUT. Writes OUT/sys/tz_dedicated (the system) and
# OUT/logs/tz_*:
#   tz_bare        the Secure RTOS (guests/tz_rtos_bench, the very ELF whose
#                  .bin the system embeds) bare, -smp 1, behind
#                  tools/bench/tz_bare.S (MVBAR and the monitor's boot
#                  registers, nothing else), its DTB where the monitor puts it
#   tz_dedicated   the system: the RTOS on core 0 in the Secure world, a quiet
#                  Normal-world partition on core 1
#   tz_trace       the same system under QEMU's execution trace of the monitor
#                  (-singlestep -d exec,int,nochain -dfilter its range),
#                  counted by tools/bench/tz.py trace (logs/tz_trace.trace.json)
#   tz_shared      the shared layout: tools/bench/tz_shared.sh OUT, when that
#                  script exists (its stdout, one JSON object, in
#                  tz_shared.json; tz_shared.status its exit status, 124
#                  after BENCH_TZ_SHARED_TIMEOUT seconds, default 1800); when it
#                  does not, tz_shared.absent says so and the report says "not
#                  measured", never a number
# tools/bench/tz.py report turns them into the report's section. Exits
# non-zero only when the system cannot be built (a failed run shows in the
# report as an error).
set -u
OUT=${1:?usage: tz.sh OUT}
QEMU=${QEMU:-qemu-system-arm}
PERIODS=${BENCH_PERIODS:-10000}
TIMEOUT=${BENCH_TIMEOUT:-300}
PYTHON=/usr/bin/python3
ICOUNT="-icount shift=4,sleep=off"
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/../.." || exit 2
# vexpress-a9 has a sound codec: no host audio probing.
QEMU_AUDIO_DRV=none
export QEMU_AUDIO_DRV
rm -f "$OUT"/logs/tz_*
mkdir -p "$OUT/logs" "$OUT/sys"

sys=$OUT/sys/tz_dedicated
echo "  BUILD   tz_dedicated (tests/bench/configs/tz_dedicated_defconfig)"
mkdir -p "$sys"
if ! make -s -j2 O="$sys" SHARED_O="$OUT/common" DEFCONFIG=tests/bench/configs/tz_dedicated_defconfig \
	BENCH_PERIODS="$PERIODS" defconfig all >"$sys/build.log" 2>&1; then
	echo "bench: build of tz_dedicated failed (see $sys/build.log):" >&2
	tail -n 15 "$sys/build.log" | sed 's/^/    /' >&2
	exit 1
fi
rtos=$sys/guests/tz_rtos_bench.elf
# The RTOS's DTB, where the monitor loads it (gen/summary.txt).
dtb=$(sed -n 's/^vm0\.dtb rt: DTB \(0x[0-9a-f]*\) .*/\1/p' "$sys/gen/summary.txt")
entry=$(arm-none-eabi-readelf -h "$rtos" | sed -n 's/^ *Entry point address: *//p')
if [ -z "$dtb" ] || [ -z "$entry" ]; then
	echo "bench: tz: no DTB address in $sys/gen/summary.txt or no entry in $rtos" >&2
	exit 1
fi
# The bare run's firmware stand-in, below the RTOS (where the monitor sits
# when there is one).
if ! arm-none-eabi-gcc -nostdlib -mcpu=cortex-a9 -marm -Wl,-Ttext=0x60010000 -Wl,-e,_start \
	-Wl,--defsym=RTOS_ENTRY="$entry" -Wl,--defsym=RTOS_DTB="$dtb" \
	-o "$sys/tz_bare.elf" tools/bench/tz_bare.S >"$sys/tz_bare.log" 2>&1; then
	echo "bench: tz: tools/bench/tz_bare.S does not build (see $sys/tz_bare.log)" >&2
	exit 1
fi

# Bare: QEMU exits when the RTOS's SYSTEM_OFF reaches the stub.
echo "  RUN     tz_bare"
(
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -M vexpress-a9,secure=on -cpu cortex-a9 -smp 1 -m 1G -nic none \
		-display none -monitor none -serial stdio $ICOUNT -kernel "$sys/tz_bare.elf" \
		-device "loader,file=$rtos" -device "loader,file=$sys/gen/vm0.dtb,addr=$dtb" \
		</dev/null 2>"$OUT/logs/tz_bare.stderr"
	echo $? >"$OUT/logs/tz_bare.status"
) | tr -d '\r' >"$OUT/logs/tz_bare.log"

# The system: the Normal world never stops, so QEMU is stopped once the
# monitor has printed the RTOS core's entry counts (after the RTOS's
# SYSTEM_OFF). UART0 (the monitor's and the RTOS's) is the log; the quiet
# partition prints nothing on UART1.
echo "  RUN     tz_dedicated"
log=$OUT/logs/tz_dedicated
: >"$log.raw"
# shellcheck disable=SC2086
timeout "$TIMEOUT" "$QEMU" -M vexpress-a9,secure=on -cpu cortex-a9 -smp 2 -m 1G -nic none \
	-display none -monitor none $ICOUNT -serial "file:$log.raw" -serial null \
	-kernel "$sys/shikiri.elf" </dev/null 2>"$log.stderr" &
qemu_pid=$!
found=1
while kill -0 "$qemu_pid" 2>/dev/null; do
	grep -q '^shikiri: vm rt: core 0 entries' "$log.raw" && break
	sleep 1
done
grep -q '^shikiri: vm rt: core 0 entries' "$log.raw" && found=0
kill "$qemu_pid" 2>/dev/null
wait "$qemu_pid"
echo "$found" >"$log.status"
tr -d '\r' <"$log.raw" >"$log.log"
rm -f "$log.raw"

# The trace: the monitor's addresses only, read as a stream; stopped once
# the RTOS has made its first call after its periods (tz.py trace).
echo "  TRACE   tz_trace"
load=$(sed -n 's/^CONFIG_HYP_LOAD_ADDR=//p' "$sys/.config")
base=$(sed -n 's/^CONFIG_HYP_BASE=//p' "$sys/.config")
size=$(sed -n 's/^CONFIG_HYP_SIZE=//p' "$sys/.config")
range=$(printf '0x%x+0x%x' "$((load))" "$((base + size - load))")
fifo=$OUT/logs/tz_trace.fifo
rm -f "$fifo"
mkfifo "$fifo" || exit 1
# shellcheck disable=SC2086
timeout "$TIMEOUT" "$QEMU" -M vexpress-a9,secure=on -cpu cortex-a9 -smp 2 -m 1G -nic none \
	-display none -monitor none -serial "file:$OUT/logs/tz_trace.raw" -serial null $ICOUNT \
	-singlestep -d exec,int,nochain -dfilter "$range" -D "$fifo" -kernel "$sys/shikiri.elf" \
	</dev/null 2>"$OUT/logs/tz_trace.stderr" &
qemu_pid=$!
timeout "$TIMEOUT" $PYTHON tools/bench/tz.py trace "$fifo" "$sys/shikiri.elf" \
	>"$OUT/logs/tz_trace.trace.json"
kill "$qemu_pid" 2>/dev/null
wait "$qemu_pid"
tr -d '\r' <"$OUT/logs/tz_trace.raw" >"$OUT/logs/tz_trace.log"
rm -f "$fifo" "$OUT/logs/tz_trace.raw"

# The shared layout: another script's (one core; world switches and the
# RTOS's deadline misses while Linux runs). Only what it prints is reported.
if [ -f tools/bench/tz_shared.sh ]; then
	echo "  RUN     tz_shared (tools/bench/tz_shared.sh)"
	QEMU="$QEMU" BENCH_PERIODS="$PERIODS" BENCH_SMOKE="${BENCH_SMOKE:-0}" \
		timeout "${BENCH_TZ_SHARED_TIMEOUT:-1800}" \
		sh tools/bench/tz_shared.sh "$OUT" >"$OUT/logs/tz_shared.json" \
		2>"$OUT/logs/tz_shared.stderr"
	echo $? >"$OUT/logs/tz_shared.status"
else
	echo "  SKIP    tz_shared: tools/bench/tz_shared.sh does not exist (the shared layout)"
	echo "tools/bench/tz_shared.sh does not exist" >"$OUT/logs/tz_shared.absent"
fi
exit 0
