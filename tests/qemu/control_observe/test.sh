# Observing costs the observed VM nothing: rt (hrt, core 0) never enters
# the hypervisor; watcher, with the observe right only, reads its state
# 20,000 times (page and hypercall) and its core's entry count, which
# stays 0; its stop and restart commands are refused (no restart right)
# and rt keeps running.
DEFCONFIG=tests/qemu/control_observe/defconfig
TIMEOUT=120
QEMU_STOP_AFTER='^shikiri: vm watcher stopped: system-off$'
check() {
	expect_line '^\[watcher\] boss: watcher: 20000 of 20000 reads say running, the target.s core entries 0$'
	expect_line '^\[watcher\] boss: done, 0 failure\(s\)$'
	expect_no_line 'vm rt stopped|boss: FAIL|PANIC|assertion|exception'
}
