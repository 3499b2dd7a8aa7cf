# shikiri-ctl at the default system's shell (`make run`): Linux holds the
# observe and restart rights over rt (dts/system/default.dts), lists it,
# shows it, restarts it (rt starts again on its own core, its reports still
# with 0 hypervisor IRQ entries) and powers off. README's session shows this
# run (its excerpt is checked here).
DEFCONFIG=configs/qemu_virt_defconfig
TIMEOUT=300
RUN_CMD='make -s O="$dir" run'
QEMU_INPUT_AFTER='^\[linux\] linux: shell on the console'
# One line under 64 characters (the vUART's input FIFO).
QEMU_INPUT='c=shikiri-ctl;$c list;$c status rt;$c restart rt;poweroff -f\n'
QEMU_STOP_AFTER='vm rt stopped: restart by linux
^\[rt\] rtos: start rt'
check() {
	expect_exit stopped
	expect_line '^\[linux\] rt: running, restarts 0, faults 0$'
	expect_line '^\[linux\]   vm 0, rights observe,restart, state changes 0$'
	expect_line '^\[linux\] rt: restart: ok$'
	expect_line '^shikiri: vm rt stopped: restart by linux$'
	expect_line '^shikiri: vm rt: restarted \(command\), restart 1$'
	expect_count 2 '^\[rt\] rtos: start rt, period 20000 ticks$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_no_line 'linux: dmesg: gpio-keys.*(Unable|failed)|PANIC|assertion|Kernel panic|Oops'
	expect_doc_excerpt README.md shikiri-ctl
}
