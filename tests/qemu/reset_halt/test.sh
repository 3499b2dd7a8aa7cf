# reset = "halt": the VM has no pristine copy, so its PSCI SYSTEM_RESET
# stops it with one line instead of restarting it; the other VM runs on.
# shikiri.elf: the loader placed the images (nothing copied at boot).
DEFCONFIG=tests/qemu/reset_halt/defconfig
check() {
	expect_exit 0
	expect_line '^\[phoenix\] reset: first boot of phoenix$'
	expect_count 1 '^shikiri: vm phoenix stopped: system-reset \(reset = "halt": no pristine copy\)$'
	expect_count 1 'vm phoenix stopped'
	expect_no_line 'second boot of phoenix|vm phoenix: reset'
	expect_line '^\[steady\] bye from steady$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
}
