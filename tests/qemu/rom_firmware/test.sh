# Firmware linked at 0 in a read-only flash region finds its DTB at the start
# of RAM (0x40000000) and reads it; its twin that stores into the flash is
# stopped with one line (stage-2 permission fault), and the first VM runs on.
DEFCONFIG=tests/qemu/rom_firmware/defconfig
check() {
	expect_exit 0
	expect_line '^shikiri: vm fw: ROM IPA 0x00000000 -> PA 0x[0-9a-f]{8} \(4096 KiB\)$'
	expect_line '^\[fw\] romfw: running at 0x0000[0-9a-f]{4}, r2 = 0x40000000, flash word 0x600dc0de$'
	expect_line '^\[fw\] romfw: dtb at 0x40000000: magic ok, [0-9]+ bytes$'
	expect_line '^\[fw\] romfw: model "shikiri VM fw"$'
	expect_line '^\[fw\] romfw: memory@40000000: reg 0x40000000 0x01000000$'
	expect_line '^\[fw\] romfw: 1 memory node\(s\)$'
	expect_line '^\[fw\] romfw: bye$'
	expect_line '^shikiri: vm fw stopped: system-off$'
	expect_line '^\[fwbad\] romfw: writing the flash at 0x0000[0-9a-f]{4}$'
	expect_line '^shikiri: vm fwbad stopped: core 1: stage-2 data abort \(write\) at IPA 0x0000[0-9a-f]{4}, pc 0x0000[0-9a-f]{4}$'
	expect_count 1 'vm fwbad stopped'
	expect_no_line 'ERROR|PANIC|assertion'
	expect_count 1 '^shikiri: all VMs stopped, powering off$'
}
