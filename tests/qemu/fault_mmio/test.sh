# A guest touching an unassigned MMIO page is stopped; the other VM runs on.
DEFCONFIG=tests/qemu/fault_mmio/defconfig
check() {
	expect_exit 0
	expect_line '^\[attacker\] fault_mmio: reading 0x09010000$'
	expect_line '^shikiri: vm attacker stopped: core 0: stage-2 data abort \(read\) at IPA 0x09010000, pc 0x4[0-9a-f]{7}$'
	expect_no_line 'ERROR still running'
	expect_line '^\[victim\] bye from victim$'
	expect_no_line 'PANIC|assertion'
}
