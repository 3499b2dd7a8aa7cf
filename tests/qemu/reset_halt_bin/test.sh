# reset_halt from the packed shikiri.bin (one blob, as bootz or a raw
# -kernel load it): boot copies the halt VM's image out of the hypervisor
# image and the restart VM's from its pristine copy; then as reset_halt.
DEFCONFIG=tests/qemu/reset_halt/defconfig
KERNEL=shikiri.bin
check() {
	expect_exit 0
	expect_line '^\[phoenix\] reset: first boot of phoenix$'
	expect_count 1 '^shikiri: vm phoenix stopped: system-reset \(reset = "halt": no pristine copy\)$'
	expect_count 1 'vm phoenix stopped'
	expect_no_line 'second boot of phoenix|vm phoenix: reset'
	expect_line '^\[steady\] bye from steady$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
}
