# Three VMs on three cores, each with 16 MiB, all complete independently.
DEFCONFIG=tests/qemu/three_vms/defconfig
check() {
	expect_exit 0
	expect_line '^\[one\] hello from one: vm 0, vcpu 0 on core 0, RAM 0x40000000-0x40ffffff \(16 MiB\)$'
	expect_line '^\[two\] hello from two: vm 1, vcpu 0 on core 1, RAM 0x40000000-0x40ffffff \(16 MiB\)$'
	expect_line '^\[three\] hello from three: vm 2, vcpu 0 on core 2, RAM 0x40000000-0x40ffffff \(16 MiB\)$'
	for vm in one two three; do
		expect_line "^\[$vm\] RAM test: [0-9]+/16777216 bytes ok\$"
		expect_line "^shikiri: vm $vm stopped: system-off\$"
	done
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|exception|assertion'
}
