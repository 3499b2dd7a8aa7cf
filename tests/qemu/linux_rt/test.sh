# CONFIG_LINUX_FLAVOUR picks Debian's PREEMPT_RT kernel (rt-armmp, no LPAE)
# for the same, unedited partition files as linux_boot: it boots on its two
# cores beside the hrt RTOS, which keeps zero hypervisor IRQ entries.
DEFCONFIG=tests/qemu/linux_rt/defconfig
TIMEOUT=400
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: kernel [0-9.]+-[0-9]+-rt-armmp PREEMPT_RT$'
	expect_line '^\[linux\] linux: nproc 2$'
	expect_line '^\[linux\] linux: done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_line '^\[rt\] rtos: latency 5000 periods: .*, hyp irq entries 0$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_line '^\[rt\] rtos: done$'
	expect_no_line 'PANIC|assertion|Kernel panic|Oops'
}
