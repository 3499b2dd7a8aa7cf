# Console input reaches the one VM it is given to: the hypervisor takes the
# UART receive interrupt on that VM's core and raises the emulated PL011's
# receive interrupt, a purely virtual one, in the guest.
DEFCONFIG=tests/qemu/console_input/defconfig
QEMU_INPUT='first line\nsecond line\n'
check() {
	expect_exit 0
	expect_line '^shikiri: console input goes to vm listener; Ctrl-\] switches \(listener, hypervisor\)$'
	expect_line '^\[listener\] echo: first line$'
	expect_line '^\[listener\] echo: second line$'
	expect_line '^\[listener\] echo: 2 lines, [1-9][0-9]* receive interrupts$'
	expect_line '^\[other\] bye from other$'
	expect_no_line 'PANIC|assertion|exception|refused'
}
