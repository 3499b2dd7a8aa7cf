# A hostile controller (guests/boss, docs/control.md): boss holds the
# restart right over rt (hrt, core 0) and tries every other VM id with
# every command through the control hypercalls, bad commands and
# registers, read-only and absent registers of its control page; restarts
# rt through the page, again while that restart lasts (BUSY), races a
# restart from its two vCPUs (one taken, one BUSY), stops rt during a
# restart (the stop wins) and restarts it from stopped. nobody, with no
# right, is refused 900 times, once on the console and counted. rt comes
# back each time (a new start line) and its reports keep 0 hypervisor IRQ
# entries: neither the observing nor the commands interrupt its core.
DEFCONFIG=tests/qemu/control_hostile/defconfig
TIMEOUT=240
QEMU_STOP_AFTER='^shikiri: vm boss stopped: system-off$'
check() {
	expect_line '^\[boss\] boss: done, 0 failure\(s\)$'
	expect_no_line 'boss: FAIL'
	expect_line '^\[nobody\] boss: nobody: 900 of 900 attempts refused$'
	expect_line '^shikiri: vm nobody: refused control read for VM \(0x00000000\); further refusals are counted$'
	expect_line '^shikiri: vm nobody: control: 900 refused accesses$'
	expect_line '^\[boss\] boss: 4102 out-of-range or refused commands answered correctly$'
	expect_line '^\[boss\] boss: racing restarts: vcpu 0 [02], vcpu 1 [02]$'
	expect_line '^shikiri: vm rt stopped: restart by boss$'
	expect_line '^shikiri: vm rt(: restart cancelled:| stopped:) stop by boss$'
	expect_line '^shikiri: vm rt: restarted \(command\), restart 1$'
	expect_line '^shikiri: vm rt: restarted \(command\), restart 2$'
	n=$(grep -c '^\[rt\] rtos: start rt' "$log")
	[ "$n" -ge 3 ] || fail "rt started $n times, expected at least 3"
	expect_no_line 'hyp irq entries [1-9]'
	expect_no_line 'PANIC|assertion|exception'
}
