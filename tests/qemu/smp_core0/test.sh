# The boot core as a VM's secondary vCPU: it parks at boot and comes back
# through the secondary entry when the guest starts vCPU 1.
DEFCONFIG=tests/qemu/smp_core0/defconfig
check() {
	expect_exit 0
	expect_count 1 '^shikiri: shikiri [0-9.]+: '
	expect_line '^\[duo\] smp: vcpu 0 on core 2$'
	expect_line '^\[duo\] smp: vcpu 1 on core 0$'
	expect_line '^\[duo\] smp: both vcpus up, cpu_on again = -4, bad mpidr = -2$'
	expect_no_line 'did not come up|could not|PANIC|assertion|exception'
}
