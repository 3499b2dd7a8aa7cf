# A 2-vCPU VM brings up its second vCPU with PSCI CPU_ON; a second CPU_ON
# reports ALREADY_ON (-4) and an MPIDR the VM does not have INVALID_PARAMS (-2).
DEFCONFIG=tests/qemu/smp/defconfig
check() {
	expect_exit 0
	expect_line '^\[duo\] smp: vcpu 0 on core 1$'
	expect_line '^\[duo\] smp: vcpu 1 on core 2$'
	expect_line '^\[duo\] smp: both vcpus up, cpu_on again = -4, bad mpidr = -2$'
	expect_line '^shikiri: vm duo stopped: system-off$'
	expect_line '^\[alpha\] bye from alpha$'
	expect_no_line 'did not come up|FAILED|PANIC|exception|assertion'
}
