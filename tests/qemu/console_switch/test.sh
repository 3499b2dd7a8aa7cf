# Console input switching (Ctrl-], docs/console.md). Two echo VMs and an hrt
# VM (never an input owner). Input starts with CONFIG_CONSOLE_INPUT_VM
# ("right"); Ctrl-] moves it to the hypervisor, whose status command answers,
# then on to "left" (wrapping, skipping the hrt VM), then back to "right".
# Each line must reach exactly the VM that had input when it was typed, and
# neither Ctrl-] nor the command key may reach a guest.
DEFCONFIG=tests/qemu/console_switch/defconfig
# Typed once "right" runs (the status check wants its vUART entries).
QEMU_INPUT_AFTER='^\[right\] echo: ready$'
QEMU_INPUT='to right 1\n\035s\035to left 1\nto left 2\n\035to right 2\n'
check() {
	expect_exit 0
	expect_line '^shikiri: console input goes to vm right; Ctrl-\] switches \(left, right, hypervisor\)$'
	expect_line '^\[right\] echo: to right 1$'
	expect_line '^\[right\] echo: to right 2$'
	expect_line '^\[left\] echo: to left 1$'
	expect_line '^\[left\] echo: to left 2$'
	expect_line '^\[right\] echo: 2 lines, [1-9][0-9]* receive interrupts$'
	expect_line '^\[left\] echo: 2 lines, [1-9][0-9]* receive interrupts$'
	expect_count 4 '^\[(left|right)\] echo: to '
	# The hypervisor's turn: its status command, with every VM listed.
	expect_line '^shikiri: console input goes to the hypervisor: h help, s status, Ctrl-\] next$'
	expect_line '^shikiri: vm right: running, be, 1 vCPU\(s\), 0 refused GICD accesses$'
	expect_line '^shikiri: vm left: running, be, 1 vCPU\(s\), 0 refused GICD accesses$'
	expect_line '^shikiri: vm other: (running|stopped), hrt, 1 vCPU\(s\), 0 refused GICD accesses$'
	expect_line '^shikiri: core 2 \(vm right\): entries irq [0-9]+ gicd [0-9]+ vuart [1-9][0-9]* '
	expect_before '^shikiri: console input goes to the hypervisor' '^shikiri: vm right: running'
	# Input reaches a VM only after the switch to it is announced.
	expect_line '^shikiri: console input goes to vm left \(Ctrl-\] switches\)$'
	expect_before '^shikiri: console input goes to vm left ' '^\[left\] echo: to left 1$'
	expect_line '^shikiri: console input goes to vm right \(Ctrl-\] switches\)$'
	expect_line '^\[other\] bye from other$'
	expect_no_line 'PANIC|assertion|exception|refused GICD [A-Z]|unknown command'
}
