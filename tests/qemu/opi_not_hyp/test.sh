# QEMU's orangepi-pc starts an ELF in secure SVC, not Hyp: shikiri cannot
# run there and must say so on the board's 16550 console, then stop.
DEFCONFIG=tests/qemu/opi_two_vms/defconfig
MACHINE=orangepi-pc
CPU=
KERNEL=shikiri.elf
QEMU_STOP_AFTER='^shikiri: the boot loader must start it in Hyp mode'
TIMEOUT=30
check() {
	expect_exit stopped
	expect_line '^shikiri: entered in mode 0x13 \(CPSR 0x[0-9a-f]+\), not Hyp \(0x1a\):$'
	expect_no_line '^shikiri: shikiri |^\[alpha\]'
}
