# on-system-off = "restart" (docs/partition-binding.md "Restart policy"):
# hello's SYSTEM_OFF restarts it from its pristine image, with one console
# line for the event and the restart (none once restored); with
# restart-limit = <1 60000> its second SYSTEM_OFF stops it with that reason,
# and the machine powers off.
DEFCONFIG=tests/qemu/restart_off/defconfig
check() {
	expect_exit 0
	expect_count 2 '^\[hi\] hello from hi: vm 0, vcpu 0 on core 0, '
	expect_count 2 '^\[hi\] bye from hi$'
	expect_line '^shikiri: vm hi restarting: system-off; restart 1$'
	expect_count 1 '^shikiri: vm hi restarting: '
	expect_no_line '^shikiri: .*(restarted|system-off: restarting)'
	expect_line '^shikiri: vm hi stopped: system-off: restart limit reached \(1 in 60000 ms\)$'
	seen_in_order "$(printf '%s\n' 'bye from hi' 'restarting: system-off; restart 1$' 'hello from hi' \
		'bye from hi' 'restart limit reached')" || fail "restart, second life, stop not in order"
	expect_no_line 'PANIC|assertion|exception|ERROR'
}
