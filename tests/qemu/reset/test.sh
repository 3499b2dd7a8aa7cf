# PSCI SYSTEM_RESET restarts only the calling VM, from a pristine image: it
# greets twice; the other VM keeps running and finishes.
DEFCONFIG=tests/qemu/reset/defconfig
check() {
	expect_exit 0
	expect_line '^\[phoenix\] reset: first boot of phoenix$'
	expect_line '^shikiri: vm phoenix: reset \(system-reset by vcpu 0\)$'
	expect_line '^\[phoenix\] reset: second boot of phoenix$'
	expect_before 'first boot of phoenix' 'second boot of phoenix'
	expect_count 1 'vm phoenix stopped'
	expect_line '^\[steady\] bye from steady$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
}
