# A guest writing another VM's RAM is stopped with one line; the victim runs on.
DEFCONFIG=tests/qemu/fault_ram/defconfig
check() {
	expect_exit 0
	expect_line '^\[attacker\] fault_ram: writing 0x42000000$'
	expect_line '^shikiri: vm attacker stopped: core 0: stage-2 data abort \(write\) at IPA 0x42000000, pc 0x4[0-9a-f]{7}$'
	expect_count 1 'vm attacker stopped'
	expect_no_line 'ERROR still running'
	expect_line '^\[victim\] spin: tick 10$'
	expect_line '^\[victim\] bye from victim$'
	expect_line '^shikiri: vm victim stopped: system-off$'
	expect_no_line 'PANIC|assertion'
}
