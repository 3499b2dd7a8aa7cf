# While Linux boots and keeps both of its cores busy (busybox loops), the hrt
# RTOS measures its wake-up latency: every report shows zero hypervisor IRQ
# entries on its core, i.e. nothing Linux does makes the hypervisor run there.
DEFCONFIG=tests/qemu/linux_load/defconfig
TIMEOUT=400
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: nproc 2$'
	expect_line '^\[linux\] linux: load done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_count 5 '^\[rt\] rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_line '^\[rt\] rtos: latency 25000 periods: '
	expect_line '^\[rt\] rtos: worker checksum 0x[0-9a-f]{8}, sem takes 25000$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|Kernel panic|Oops'
}
