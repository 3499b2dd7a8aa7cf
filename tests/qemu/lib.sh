# Helpers for QEMU tests (sourced by tests/qemu/run.sh).
#
# run_qemu_test NAME FILE: builds the system FILE's DEFCONFIG describes into
# $O/tests/qemu/NAME, boots it in QEMU (bounded by TIMEOUT seconds), saves the
# console to console.log and runs FILE's check(). Assertions record failures;
# the test passes only if it ran and none failed.

QEMU=${QEMU:-qemu-system-arm}
QEMU_ICOUNT=${QEMU_ICOUNT:-}

fail_reason=""
fail() { [ -z "$fail_reason" ] && fail_reason="$*"; }

# expect_exit N: QEMU exited with status N (124 means the timeout hit).
expect_exit() {
	[ "$qemu_status" -eq "$1" ] || fail "QEMU exit status $qemu_status, expected $1"
}
# expect_line ERE: some console line matches the extended regex.
expect_line() {
	grep -Eq -- "$1" "$log" || fail "no line matches: $1"
}
# expect_no_line ERE: no console line matches.
expect_no_line() {
	! grep -Eq -- "$1" "$log" || fail "unexpected line: $(grep -Em1 -- "$1" "$log")"
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

run_qemu_test() {
	name=$1
	file=$2
	DEFCONFIG=""
	SMP=""
	TIMEOUT=60
	QEMU_ARGS=""
	QEMU_INPUT=""
	QEMU_INPUT_DELAY=0
	KERNEL=shikiri.elf
	unset -f check
	. "./$file"
	dir=$O/tests/qemu/$name
	log=$dir/console.log
	fail_reason=""
	mkdir -p "$dir"
	if ! make -s -j2 O="$dir" DEFCONFIG="$DEFCONFIG" defconfig all >"$dir/build.log" 2>&1; then
		echo "FAIL qemu/$name: build failed (see $dir/build.log)"
		tail -n 15 "$dir/build.log" | sed 's/^/    /'
		return
	fi
	[ -z "$SMP" ] && SMP=$(sed -n 's/^CONFIG_NR_CPUS=//p' "$dir/.config")
	rm -f "$dir/qemu.status"
	# shellcheck disable=SC2086
	# QEMU_INPUT (printf %b escapes) is typed on the console after
	# QEMU_INPUT_DELAY seconds (a guest driver may drain its FIFO at start).
	(
		if [ -n "$QEMU_INPUT" ]; then sleep "$QEMU_INPUT_DELAY"; printf '%b' "$QEMU_INPUT"; fi |
			timeout "$TIMEOUT" "$QEMU" -M virt,virtualization=on -cpu cortex-a15 -nic none \
				-smp "$SMP" -m 1G -display none -monitor none -serial stdio \
				$QEMU_ICOUNT $QEMU_ARGS -kernel "$dir/$KERNEL" 2>"$dir/qemu.stderr"
		echo $? >"$dir/qemu.status"
	) | tr -d '\r' >"$log"
	qemu_status=$(cat "$dir/qemu.status")
	check
	if [ -z "$fail_reason" ]; then
		echo "PASS qemu/$name"
	else
		echo "FAIL qemu/$name: $fail_reason (log: $log)"
	fi
}
