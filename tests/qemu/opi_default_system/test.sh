# The default system on the Allwinner H3 (configs/orangepi_pc_defconfig,
# QEMU -M orangepi-pc, raw image): the RTOS on core 0 (hrt) beside Debian's
# Linux on cores 2-3, as on virt. The board console is the H3's 16550 UART0;
# both VMs see an emulated PL011 there (their DTs say so), and what is typed
# reaches Linux's shell through the 16550's receive interrupt.
. ./tests/qemu/default_system/test.sh
DEFCONFIG=configs/orangepi_pc_defconfig
MACHINE=orangepi-pc
CPU=
KERNEL=shikiri.bin
EXPECT_MIDR=0x410fc075
# and docs/boards/orangepi-pc.md's console excerpt is what this run printed
check() {
	default_system_check
	expect_doc_excerpt docs/boards/orangepi-pc.md opi_default_system
}
