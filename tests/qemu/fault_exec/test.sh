# A guest branching to an unmapped IPA is stopped, and the report names that
# IPA exactly: its low 12 bits from HIFAR, not from HDFAR (which still holds
# the guest's last data abort, a vGICD read at offset 0x41c).
DEFCONFIG=tests/qemu/fault_exec/defconfig
check() {
	expect_exit 0
	expect_line '^\[exec\] fault_exec: jumping to 0x42000a5c$'
	expect_line '^shikiri: vm exec stopped: core 0: stage-2 instruction abort at IPA 0x42000a5c, pc 0x42000a5c$'
	expect_count 1 'vm exec stopped'
	expect_no_line 'ERROR still running'
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'PANIC|assertion'
}
