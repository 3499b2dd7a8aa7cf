# The FIT flow on QEMU virt: Debian's u-boot-qemu as -bios, no -kernel, the
# `make sdimage` disk (FAT partition: shikiri.itb, boot.scr) on a
# virtio-mmio block device. U-Boot's distro boot finds boot.scr on
# virtio 0:1, loads the FIT and `bootm`s it (#conf-1); shikiri runs in Hyp
# with QEMU's PSCI behind U-Boot, and QEMU exits when both VMs are done.
# The time includes U-Boot's 2 s autoboot delay. The FIT goes to 0x48000000
# (two_vms/defconfig's CONFIG_FIT_LOAD_ADDR), clear of both VMs' RAM.
DEFCONFIG=tests/qemu/two_vms/defconfig
KERNEL=
MAKE_GOALS="all sdimage"
QEMU_ARGS="-bios /usr/lib/u-boot/qemu_arm/u-boot.bin -drive if=none,format=raw,file=$dir/sdcard.img,id=disk -device virtio-blk-device,drive=disk"
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^Found U-Boot script /boot\.scr$'
	expect_line '^shikiri: loading shikiri\.itb from virtio 0:1 to 0x48000000$'
	expect_line "^   Using 'conf-1' configuration$"
	expect_line '^   Verifying Hash Integrity \.\.\. crc32\+ sha256\+ OK$'
	# boot.scr's fdt_high: bootm copies QEMU's 1 MiB DTB right below the
	# hypervisor image (u-boot-qemu's own default would use it in place)
	expect_line '^   Loading Device Tree to 402[0-9a-f]{5}, end 403fffff \.\.\. OK$'
	expect_before '^Starting kernel \.\.\.$' '^shikiri: shikiri '
	expect_line '^shikiri: firmware PSCI 1\.1$'
	expect_vm_text alpha 'hello from alpha: vm 0, vcpu 0 on core 0'
	expect_vm_text beta 'hello from beta: vm 1, vcpu 0 on core 1'
	expect_vm_text alpha 'bye from alpha'
	expect_vm_text beta 'bye from beta'
	expect_count 1 '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|exception|assertion'
	# docs/boards/qemu-virt.md's excerpt is what this run printed
	expect_doc_excerpt docs/boards/qemu-virt.md uboot_fit
}
