# Round robin on a shared core: two CPU-bound VMs ("one", "two": hog, which
# counts loop chunks until the counter reaches 40M ticks, 1 ms slices) share
# core 1 and get equal shares: their counts differ by less than 5 %. The hrt
# "rt" on core 0 shows zero hypervisor entries throughout.
DEFCONFIG=tests/qemu/sched_rr/defconfig
QEMU_ARGS="-icount shift=4,sleep=off"
chunks() {
	sed -n "s/^\[$1\] hog: $1 chunks \([0-9]*\)\$/\1/p" "$log"
}
check() {
	expect_exit 0
	expect_line '^\[one\] hog: one chunks [1-9][0-9]*$'
	expect_line '^\[two\] hog: two chunks [1-9][0-9]*$'
	a=$(chunks one)
	b=$(chunks two)
	if [ -n "$a" ] && [ -n "$b" ]; then
		# |a - b| * 100 < 5 * max(a, b)
		d=$((a > b ? a - b : b - a))
		m=$((a > b ? a : b))
		[ $((d * 100)) -lt $((m * 5)) ] || fail "shares differ by more than 5 %: one $a, two $b"
	fi
	# each was switched out at the end of its slices (640 slices of 1 ms)
	expect_line '^shikiri: vm one: vcpu 0 on core 1 \(rr\): switches [1-9][0-9]{2,}, preemptions [1-9][0-9]{2,}, '
	expect_line '^shikiri: vm two: vcpu 0 on core 1 \(rr\): switches [1-9][0-9]{2,}, preemptions [1-9][0-9]{2,}, '
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|exception'
}
