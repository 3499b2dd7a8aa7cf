# Two bare-metal VMs on cores 0 and 1 (dts/partitions/alpha.dts, beta.dts)
# greet, test all of their RAM, power themselves off; QEMU then exits 0.
DEFCONFIG=tests/qemu/two_vms/defconfig
check() {
	expect_exit 0
	expect_line '^\[alpha\] hello from alpha: vm 0, vcpu 0 on core 0, RAM 0x40000000-0x41ffffff \(32 MiB\)$'
	expect_line '^\[beta\] hello from beta: vm 1, vcpu 0 on core 1, RAM 0x40000000-0x41ffffff \(32 MiB\)$'
	expect_line '^\[alpha\] RAM test: [0-9]+/33554432 bytes ok$'
	expect_line '^\[beta\] RAM test: [0-9]+/33554432 bytes ok$'
	expect_line '^\[alpha\] bye from alpha$'
	expect_line '^\[beta\] bye from beta$'
	expect_line '^shikiri: vm alpha stopped: system-off$'
	expect_line '^shikiri: vm beta stopped: system-off$'
	expect_count 1 '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|exception|assertion'
}
