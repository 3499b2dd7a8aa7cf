# The board flow on the Allwinner H3 (QEMU -M orangepi-pc), no -kernel:
# `make sdimage` writes Debian's U-Boot (orangepi_plus build) at 8 KiB and a
# FAT partition with shikiri.itb and boot.scr. The boot ROM model loads the
# SPL, U-Boot's distro boot finds boot.scr on mmc 0:1, which loads the FIT
# and `bootm`s it (#conf-1): shikiri enters in Hyp, starts core 1 through
# U-Boot's PSCI monitor (no PSCI_VERSION there) and both VMs finish. That
# monitor has no SYSTEM_OFF, which shikiri says; the test then stops QEMU.
# The time includes U-Boot's autoboot delay. The FIT goes to 0x48000000
# (the defconfig's CONFIG_FIT_LOAD_ADDR), clear of both VMs' RAM.
DEFCONFIG=tests/qemu/opi_two_vms/defconfig
MACHINE=orangepi-pc
CPU=
KERNEL=
MAKE_GOALS="all sdimage"
QEMU_ARGS="-drive if=sd,format=raw,file=$dir/sdcard.img"
QEMU_STOP_AFTER='^shikiri: (firmware PSCI SYSTEM_OFF failed|all VMs stopped)'
TIMEOUT=240
EXPECT_MIDR=0x410fc075
check() {
	expect_exit stopped
	expect_line '^U-Boot SPL 20'
	expect_line '^Found U-Boot script /boot\.scr$'
	expect_line '^shikiri: loading shikiri\.itb from mmc 0:1 to 0x48000000$'
	expect_line "^   Using 'conf-1' configuration$"
	expect_line '^   Verifying Hash Integrity \.\.\. crc32\+ sha256\+ OK$'
	# boot.scr's fdt_high: bootm's DTB copy right below the hypervisor image
	expect_line '^   Loading Device Tree to 403[0-9a-f]{5}, end 403[0-9a-f]{5} \.\.\. OK$'
	expect_before '^Starting kernel \.\.\.$' '^shikiri: shikiri '
	expect_line '^shikiri: firmware PSCI: no PSCI_VERSION \(a PSCI 0\.1 monitor\)'
	expect_vm_text alpha 'hello from alpha: vm 0, vcpu 0 on core 0, RAM 0x40000000-0x41ffffff (32 MiB)'
	expect_vm_text beta 'hello from beta: vm 1, vcpu 0 on core 1, RAM 0x40000000-0x41ffffff (32 MiB)'
	expect_vm_text alpha 'bye from alpha'
	expect_vm_text beta 'bye from beta'
	expect_line '^shikiri: vm beta stopped: system-off$'
	expect_line '^shikiri: firmware PSCI SYSTEM_OFF failed \(-1, not supported\): the board stays on'
	expect_no_line 'CPU_ON failed|FAILED|PANIC|exception|assertion'
	# docs/boards/orangepi-pc.md's excerpt is what this run printed
	expect_doc_excerpt docs/boards/orangepi-pc.md opi_sdcard
}
