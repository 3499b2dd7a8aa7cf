# VMs sharing a core with a busy one still get all their interrupts: on
# core 1 (fixed priority) "listener" (console input through its vUART: the
# board UART's interrupt arrives on core 1 whichever vCPU runs there),
# "tick" (1,000 virtual-timer interrupts) and "busy", CPU-bound and lowest.
# Input is typed while busy runs. The hrt "rt" on core 0: zero entries.
DEFCONFIG=tests/qemu/sched_irq/defconfig
QEMU_INPUT='first line\nsecond line\n'
QEMU_INPUT_AFTER='^\[busy\] hog: busy running$'
check() {
	expect_exit 0
	expect_line '^shikiri: console input goes to vm listener; '
	expect_line '^\[listener\] echo: first line$'
	expect_line '^\[listener\] echo: second line$'
	expect_line '^\[listener\] echo: 2 lines, [1-9][0-9]* receive interrupts$'
	expect_line '^\[tick\] timer: tick 1000/1000 periods, '
	expect_no_line '^\[tick\] timer: period [0-9]+ lost'
	expect_line '^\[busy\] hog: busy chunks [1-9][0-9]*$'
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|exception|refused'
}
