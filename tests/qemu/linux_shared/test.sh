# Linux shares a core: the hrt RTOS on core 0, Debian Linux (be) on core 2
# running its load, and ctl, an srt RTOS whose 10 ms periodic task shares
# core 2 with Linux at a higher fixed priority. ctl misses no deadline (its
# task never finds its next release already past: overruns 0 in every report)
# while Linux boots and runs its load; Linux still finishes its load; the hrt
# core is never entered. Under icount (ticks are instructions), so that host
# load cannot make a deadline miss: Linux has one vCPU (Debian's SMP kernel
# stalls under icount with two, docs/default-system.md).
DEFCONFIG=tests/qemu/linux_shared/defconfig
QEMU_ARGS="-icount shift=4,sleep=off"
TIMEOUT=900
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: nproc 1$'
	expect_line '^\[linux\] linux: load done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_count 6 '^\[ctl\] rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns 0, hyp irq entries [0-9]+$'
	expect_no_line '^\[ctl\] rtos: .*overruns [1-9]'
	expect_line '^\[ctl\] rtos: latency 12000 periods: '
	expect_count 5 '^\[rt\] rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_line '^shikiri: vm linux: vcpu 0 on core 2 \(fp\): switches [1-9][0-9]*, preemptions [1-9]'
	expect_no_line 'PANIC|assertion|Kernel panic|Oops'
	# ctl was still running its periods when Linux had finished its load.
	load=$(grep -n 'linux: load done' "$log" | head -n1 | cut -d: -f1)
	tail -n +"$load" "$log" | grep -q '^\[ctl\] rtos: latency [0-9]* periods: .*overruns 0,' ||
		fail "no ctl report after Linux's load"
}
