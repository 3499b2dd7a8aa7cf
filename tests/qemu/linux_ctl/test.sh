# shikiri-ctl (tools/ctl, docs/control.md) in Linux, unattended
# (tools/linux/init's ctl check). rt faults on purpose 0.64 s into each
# life and may restart once per 3 s: by the time Linux is up it is stopped
# (restart limit). Linux lists and shows it, then watches while it
# restarts it: the command's restart, the fault and the policy's restart,
# the second fault and the stop, each printed as it happens (woken by the
# state-change interrupt); then the exit codes a script relies on.
DEFCONFIG=tests/qemu/linux_ctl/defconfig
TIMEOUT=400
QEMU_STOP_AFTER='^\[linux\] linux: ctl done$'
check() {
	expect_exit stopped
	expect_line '^\[linux\] rt: stopped \(restart-limit: core 0: stage-2 data abort \(write\) at IPA 0x3f000000, pc 0x[0-9a-f]+; restart limit reached \(1 in 3000 ms\)\), restarts 1, faults 2$'
	expect_line '^\[linux\] linux: list rc 0$'
	expect_line '^\[linux\] watching 1 VM\(s\), waiting on evdev$'
	expect_line '^\[linux\] rt: restart: ok$'
	expect_line '^\[linux\] rt: running \(command: restart by linux\), restarts 2, faults 2$'
	expect_line '^\[linux\] rt: running \(fault: core 0: stage-2 data abort \(write\) at IPA 0x3f000000, pc 0x[0-9a-f]+\), restarts 3, faults 3$'
	expect_line '^\[linux\] rt: stopped \(restart-limit: (.*)restart limit reached \(1 in 3000 ms\)\), restarts 3, faults 4$'
	expect_line '^\[linux\] linux: watch rc 0$'
	expect_line '^\[linux\] shikiri-ctl: already stopped: rt$'
	expect_line '^\[linux\] linux: stop again rc 6$'
	expect_line '^\[linux\] linux: nosuch rc 3$'
	expect_line '^\[linux\] linux: load rc 4$'
	expect_line '^\[linux\] linux: usage rc 1$'
	expect_line '^\[linux\] \{"name":"rt","vm":0,"state":"stopped","why":"restart-limit",'
	expect_line '^\[linux\] linux: restart2 rc 0$'
	expect_line '^\[linux\] linux: stop rc 0$'
	expect_line '^shikiri: vm rt stopped: stop by linux$'
	expect_no_line 'PANIC|assertion|exception'
}
