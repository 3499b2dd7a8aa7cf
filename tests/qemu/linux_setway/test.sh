# Debian's kernel with its set/way cache maintenance trapped (HCR.TSW) and
# emulated as clean+invalidate of its RAM (src/arch/armv7/cp15.c): the
# decompressor's and the kernel's set/way loops trap by the thousand and
# become a few sweeps, and Linux boots to userspace. On QEMU's `max` CPU:
# its cortex-a15 model does not implement TSW for these encodings.
DEFCONFIG=tests/qemu/linux_setway/defconfig
QEMU_ARGS="-cpu max"
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: userspace up$'
	expect_line '^\[linux\] linux: done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_line '^shikiri: vm linux: set/way sweeps emulated \(clean\+invalidate of its RAM\): [1-9][0-9]*$'
	expect_line '^shikiri: vm linux: core 0 entries: .* sysreg [0-9]{4,}( |$)'
	expect_no_line 'PANIC|assertion|Kernel panic|Oops|not emulated'
}
