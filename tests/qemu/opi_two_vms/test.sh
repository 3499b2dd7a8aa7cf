# The two bare-metal VMs of tests/qemu/two_vms on the Allwinner H3 board
# (QEMU -M orangepi-pc: 4 x Cortex-A7, GIC-400, 16550 UART0 with registers
# 4 bytes apart). QEMU starts the raw shikiri.bin in non-secure Hyp at
# 0x40010000 with its own PSCI; the image copies itself to its link address.
# The same guest binaries as on virt find the GIC and their vUART from the
# DTB the generator made from dts/boards/orangepi-pc.dtsi.
DEFCONFIG=tests/qemu/opi_two_vms/defconfig
MACHINE=orangepi-pc
CPU=
KERNEL=shikiri.bin
EXPECT_MIDR=0x410fc075
check() {
	expect_exit 0
	expect_line '^shikiri: boot core MIDR 0x410fc075, console 16550 at 0x01c28000$'
	expect_line '^shikiri: firmware PSCI 1\.1$'
	expect_line '^\[alpha\] hello from alpha: vm 0, vcpu 0 on core 0, RAM 0x40000000-0x41ffffff \(32 MiB\)$'
	expect_line '^\[beta\] hello from beta: vm 1, vcpu 0 on core 1, RAM 0x40000000-0x41ffffff \(32 MiB\)$'
	expect_line '^\[alpha\] RAM test: [0-9]+/33554432 bytes ok$'
	expect_line '^\[beta\] RAM test: [0-9]+/33554432 bytes ok$'
	expect_line '^\[alpha\] bye from alpha$'
	expect_line '^\[beta\] bye from beta$'
	expect_count 1 '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|exception|assertion'
}
