# The deployment path of a real board: firmware (Debian's U-Boot for QEMU,
# running in Hyp) loads shikiri.bin and starts it with `bootz` (its qfw boot
# target loads the image to 0x40400000, where it is linked, and passes r2 =
# U-Boot's DTB). The two bare-metal VMs boot and finish as with -kernel.
DEFCONFIG=tests/qemu/two_vms/defconfig
KERNEL=shikiri.bin
QEMU_ARGS="-bios /usr/lib/u-boot/qemu_arm/u-boot.bin"
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^Starting kernel \.\.\.$'
	expect_before '^Starting kernel' '^shikiri: shikiri '
	expect_line '^\[alpha\] bye from alpha$'
	expect_line '^\[beta\] bye from beta$'
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'PANIC|assertion|exception'
}
