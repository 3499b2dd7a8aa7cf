# Helpers for QEMU tests (sourced by tests/qemu/run.sh).
#
# run_qemu_test NAME FILE: builds the system FILE's DEFCONFIG describes into
# $O/tests/qemu/NAME, boots it in QEMU (bounded by TIMEOUT seconds), saves the
# console to console.log and runs FILE's check(). Assertions record failures;
# the test passes only if it ran and none failed.
#
# A test file may set, besides DEFCONFIG, SMP, TIMEOUT, QEMU_ARGS, KERNEL:
#   QEMU_INPUT        text typed on the console (printf %b escapes)
#   QEMU_INPUT_AFTER  ERE: type QEMU_INPUT once a console line matches it
#                     (default: at once, or after QEMU_INPUT_DELAY seconds)
#   QEMU_STOP_AFTER   EREs, one per line: end QEMU once console lines match
#                     them in that order; the exit status is then "stopped"
#                     (for systems that never power off)
#   MACHINE, CPU      QEMU -M and -cpu (default virt,virtualization=on and
#                     $QEMU_CPU; CPU empty: the machine's own)
#   SERIAL2           1: a second UART, its output in $dir/serial2.log
#                     (the TrustZone mode's Non-secure world: its own UART);
#                     assert on it with expect_line2 / expect_no_line2
#   QEMU_INPUT2       text typed on the second UART (with SERIAL2=1), once
#   QEMU_INPUT2_AFTER one of its lines matches this ERE (default: at once)
#   KERNEL            the image for -kernel (empty: none, firmware boots a disk)
#   MAKE_GOALS        what to build (default all; e.g. "all sdimage")
#   EXPECT_MIDR       the boot core's MIDR line must start with this
#   RUN_CMD           a shell command to run instead of QEMU (e.g.
#                     'make -s O="$dir" run'; $dir is the test's build
#                     directory), with the same input, stop and timeout handling
# Waiting is driven by the console output, never by a fixed delay, so a test
# holds on a loaded machine: TIMEOUT is only a generous upper bound.

# Each test's defconfig describes its whole system (the Linux flavour too):
# none of the builds or `make run`s here takes LINUX_FLAVOUR from the caller.
unset LINUX_FLAVOUR

QEMU=${QEMU:-qemu-system-arm}
QEMU_ICOUNT=${QEMU_ICOUNT:-}
# QEMU_CPU=cortex-a7 runs every virt test on the LS1021A's and H3's core.
QEMU_CPU=${QEMU_CPU:-cortex-a15}

fail_reason=""
fail() { [ -z "$fail_reason" ] && fail_reason="$*"; }

# expect_exit N: QEMU exited with status N (124 means the timeout hit;
# "stopped": QEMU_STOP_AFTER matched and the test ended it).
expect_exit() {
	[ "$qemu_status" = "$1" ] || fail "QEMU exit status $qemu_status, expected $1"
}
# expect_line ERE: some console line matches the extended regex.
expect_line() {
	grep -Eq -- "$1" "$log" || fail "no line matches: $1"
}
# expect_no_line ERE: no console line matches.
expect_no_line() {
	! grep -Eq -- "$1" "$log" || fail "unexpected line: $(grep -Em1 -- "$1" "$log")"
}
# expect_line2 ERE / expect_no_line2 ERE: the same on the second UART.
expect_line2() {
	tr -d '\r' <"$dir/serial2.log" | grep -Eq -- "$1" || fail "no line on UART 2 matches: $1"
}
expect_no_line2() {
	! tr -d '\r' <"$dir/serial2.log" | grep -Eq -- "$1" ||
		fail "unexpected line on UART 2: $(tr -d '\r' <"$dir/serial2.log" | grep -Em1 -- "$1")"
}
# expect_count N ERE: exactly N console lines match.
expect_count() {
	n=$(grep -Ec -- "$2" "$log")
	[ "$n" -eq "$1" ] || fail "$n lines match $2, expected $1"
}
# expect_before ERE1 ERE2: the first match of ERE1 comes before the first of ERE2.
expect_before() {
	a=$(grep -En -- "$1" "$log" | head -n1 | cut -d: -f1)
	b=$(grep -En -- "$2" "$log" | head -n1 | cut -d: -f1)
	[ -n "$a" ] && [ -n "$b" ] && [ "$a" -lt "$b" ] || fail "'$1' not before '$2'"
}
# expect_after ERE1 ERE2: a line matching ERE2 comes after the first line
# matching ERE1 (e.g. a VM still reports after its neighbour stopped).
expect_after() {
	awk -v a="$1" -v b="$2" '!seen && $0 ~ a { seen = 1; next } seen && $0 ~ b { ok = 1 }
		END { exit !ok }' "$log" || fail "no line matches '$2' after '$1'"
}

# expect_vm_text VM STRING: VM's console text, its lines joined, contains
# STRING (a loaded host can make the vUART flush a line early and split it).
expect_vm_text() {
	sed -n "s/^\[$1\] //p" "$log" | tr -d '\n' | grep -Fq -- "$2" || fail "vm $1 never printed: $2"
}

# expect_doc_excerpt DOC TAG: the console block that follows the line
# "<!-- console: TAG -->" in DOC (a fenced block) is what this run printed:
# each of its lines is a whole console line, in that order. "..." lines
# stand for lines left out, and "(...)" inside a line for any text. So a
# doc's excerpt cannot drift from what the system prints.
expect_doc_excerpt() {
	awk -v tag="<!-- console: $2 -->" '
		index($0, tag) == 1 { want = 1; next }
		want == 1 && /^```/ { want = 2; next }
		want == 2 && /^```/ { exit }
		want == 2 { print }' "$1" >"$dir/excerpt-$2.txt"
	[ -s "$dir/excerpt-$2.txt" ] || { fail "$1: no console block after <!-- console: $2 -->"; return; }
	_miss=$(awk 'FNR == NR {
			if ($0 ~ /^[ \t]*\.\.\.$/ || $0 == "") next
			l = $0
			gsub(/[][\\^$.|?*+(){}]/, "\\\\&", l)
			gsub(/\\\(\\\.\\\.\\\.\\\)/, ".*", l)
			re[++n] = "^" l "$"; txt[n] = $0; next
		}
		i < n && $0 ~ re[i + 1] { i++ }
		END { if (i < n) print txt[i + 1] }' "$dir/excerpt-$2.txt" "$log")
	[ -z "$_miss" ] || fail "$1 ($2): console line not seen (in order): $_miss"
}

# seen_in_order LIST: the console has lines matching each ERE of the
# newline-separated LIST, in that order.
seen_in_order() {
	tr -d '\r' <"$log" | SEQ="$1" awk 'BEGIN { n = split(ENVIRON["SEQ"], re, "\n"); i = 1 }
		i <= n && $0 ~ re[i] { i++ } END { exit !(i > n) }'
}
# wait_line LIST: poll the console until seen_in_order LIST, or QEMU ends.
wait_line() {
	while ! seen_in_order "$1"; do
		[ -f "$dir/qemu.status" ] && return 1
		sleep 0.2
	done
}
# wait_line2 ERE: poll the second UART until a line matches, or QEMU ends.
wait_line2() {
	while ! tr -d '\r' <"$dir/serial2.log" | grep -Eq -- "$1"; do
		[ -f "$dir/qemu.status" ] && return 1
		sleep 0.2
	done
}

run_qemu_test() {
	name=$1
	file=$2
	DEFCONFIG=""
	SMP=""
	TIMEOUT=180
	QEMU_ARGS=""
	QEMU_INPUT=""
	QEMU_INPUT_DELAY=0
	QEMU_INPUT_AFTER=""
	QEMU_INPUT2=""
	QEMU_INPUT2_AFTER=""
	QEMU_STOP_AFTER=""
	RUN_CMD=""
	MACHINE="virt,virtualization=on"
	CPU=$QEMU_CPU
	KERNEL=shikiri.elf
	MAKE_GOALS=all
	EXPECT_MIDR=""
	SERIAL2=""
	dir=$O/tests/qemu/$name
	unset -f check
	. "./$file"
	log=$dir/console.log
	fail_reason=""
	mkdir -p "$dir"
	t0=$(date +%s)
	# SHARED_O (tests/qemu/run.sh): the guests, the generator and
	# shikiri-chan, built once for every test.
	# shellcheck disable=SC2086
	if ! make -s -j2 O="$dir" ${SHARED_O:+SHARED_O="$SHARED_O"} DEFCONFIG="$DEFCONFIG" defconfig \
		$MAKE_GOALS >"$dir/build.log" 2>&1; then
		echo "FAIL qemu/$name: build failed (see $dir/build.log)"
		tail -n 15 "$dir/build.log" | sed 's/^/    /'
		return
	fi
	t1=$(date +%s)
	[ -z "$SMP" ] && SMP=$(sed -n 's/^CONFIG_NR_CPUS=//p' "$dir/.config")
	rm -f "$dir/qemu.status" "$dir/stopped" "$dir/stdin" "$dir/serial2.log" \
		"$dir/serial2.in" "$dir/serial2.out"
	SERIAL2_ARGS=""
	reader2=""
	if [ -n "$SERIAL2" ]; then
		: >"$dir/serial2.log"
		SERIAL2_ARGS="-serial file:$dir/serial2.log"
	fi
	if [ -n "$SERIAL2" ] && [ -n "$QEMU_INPUT2" ]; then
		# Typed input too: QEMU's pipe chardev (serial2.in, serial2.out),
		# both FIFOs opened read-write so no open blocks.
		mkfifo "$dir/serial2.in" "$dir/serial2.out" || { echo "FAIL qemu/$name: mkfifo"; return; }
		SERIAL2_ARGS="-serial pipe:$dir/serial2"
		cat 0<>"$dir/serial2.out" >"$dir/serial2.log" &
		reader2=$!
	fi
	: >"$log"
	mkfifo "$dir/stdin" || { echo "FAIL qemu/$name: mkfifo"; return; }
	if [ -z "$RUN_CMD" ]; then
		RUN_CMD='"$QEMU" -M "$MACHINE" ${CPU:+-cpu "$CPU"} -nic none -smp "$SMP" -m 1G \
			-display none -monitor none -serial stdio $SERIAL2_ARGS $QEMU_ICOUNT $QEMU_ARGS \
			${KERNEL:+-kernel "$dir/$KERNEL"}'
	fi
	# QEMU_AUDIO_DRV: vexpress-a9 has a sound codec; no host audio probing.
	export QEMU QEMU_ICOUNT QEMU_ARGS SMP KERNEL dir MACHINE CPU SERIAL2_ARGS QEMU_AUDIO_DRV=none
	# The console, with stdin from a FIFO that stays open until the run ends.
	# shellcheck disable=SC2086
	(
		timeout "$TIMEOUT" sh -c "$RUN_CMD" <"$dir/stdin" 2>"$dir/qemu.stderr" &
		echo $! >"$dir/qemu.pid"
		wait $!
		echo $? >"$dir/qemu.status"
	) 2>"$dir/runner.stderr" | stdbuf -o0 tr -d '\r' >"$log" &
	runner=$!
	(
		exec 3>"$dir/stdin"
		if [ -n "$QEMU_INPUT" ]; then
			if [ -n "$QEMU_INPUT_AFTER" ]; then
				wait_line "$QEMU_INPUT_AFTER" && printf '%b' "$QEMU_INPUT" >&3
			else
				sleep "$QEMU_INPUT_DELAY"
				printf '%b' "$QEMU_INPUT" >&3
			fi
		fi
		if [ -n "$QEMU_INPUT2" ]; then
			exec 4<>"$dir/serial2.in"
			if [ -z "$QEMU_INPUT2_AFTER" ] || wait_line2 "$QEMU_INPUT2_AFTER"; then
				printf '%b' "$QEMU_INPUT2" >&4
			fi
		fi
		while [ ! -f "$dir/qemu.status" ]; do sleep 0.5; done
	) &
	feeder=$!
	if [ -n "$QEMU_STOP_AFTER" ] && wait_line "$QEMU_STOP_AFTER"; then
		: >"$dir/stopped"
		kill "$(cat "$dir/qemu.pid")" 2>/dev/null
	fi
	wait "$runner" "$feeder"
	if [ -n "$reader2" ]; then
		# The reader holds its FIFO open itself: it ends only when told.
		sleep 0.5
		kill "$reader2" 2>/dev/null
		wait "$reader2" 2>/dev/null
	fi
	qemu_status=$(cat "$dir/qemu.status")
	[ -f "$dir/stopped" ] && qemu_status=stopped
	check
	[ -n "$EXPECT_MIDR" ] && expect_line "^shikiri: boot core MIDR $EXPECT_MIDR"
	# Wall seconds of the build and of the run, for whoever tunes the suite
	# (never asserted on).
	echo "$name build $((t1 - t0)) run $(($(date +%s) - t1))" >>"$O/tests/qemu/times.txt"
	if [ -z "$fail_reason" ]; then
		echo "PASS qemu/$name"
	else
		echo "FAIL qemu/$name: $fail_reason (log: $log)"
	fi
}
