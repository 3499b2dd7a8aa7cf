# Restart policy (docs/partition-binding.md "Restart policy"): rt (hrt,
# core 0) faults on purpose after two reports; on-fault = "restart" brings
# it back from its pristine image on its own core, and its period resumes
# (a new start line, then reports again). restart-limit = <2 60000>: the
# third fault within the minute stops it with that reason. steady (hrt,
# core 1) runs its 25,000 periods through all of it: its core takes no
# hypervisor interrupt (irq 0), so the restarts touched no other core.
DEFCONFIG=tests/qemu/restart_policy/defconfig
check() {
	expect_exit 0
	expect_count 3 '^\[rt\] rtos: start rt, period 20000 ticks$'
	expect_count 3 '^\[rt\] rtos: faulting on purpose \(store to 0x3f000000\)$'
	# One line per event: the fault and the restart it starts, no second
	# line once restored (docs/performance.md "Restart and control").
	expect_line '^shikiri: vm rt restarting: core 0: stage-2 data abort \(write\) at IPA 0x3f000000, pc 0x[0-9a-f]+; restart 1$'
	expect_line '^shikiri: vm rt restarting: core 0: stage-2 data abort \(write\) at IPA 0x3f000000, pc 0x[0-9a-f]+; restart 2$'
	expect_count 2 '^shikiri: vm rt restarting: '
	expect_no_line '^shikiri: .*(restarted|faulted)'
	expect_count 1 '^shikiri: vm rt stopped: core 0: stage-2 data abort \(write\) at IPA 0x3f000000, pc 0x[0-9a-f]+; restart limit reached \(2 in 60000 ms\)$'
	# Every life reports its first 2,000 periods: the period resumes.
	expect_count 6 '^\[rt\] rtos: latency [0-9]+ periods: '
	expect_count 3 '^\[rt\] rtos: latency 2000 periods: '
	seen_in_order "$(printf '%s\n' 'restart 1$' '^\[rt\] rtos: start rt' '^\[rt\] rtos: latency 1000 periods' \
		'restart 2$' '^\[rt\] rtos: start rt' '^\[rt\] rtos: latency 2000 periods' 'restart limit reached')" ||
		fail "restart, start, reports not in order"
	expect_line '^\[steady\] bye from steady$'
	expect_line '^shikiri: vm steady: core 1 entries: irq 0 '
	expect_before 'vm rt stopped' 'bye from steady'
	expect_doc_excerpt docs/partition-binding.md restart-limit
	expect_no_line 'PANIC|assertion|exception|ERROR'
}
