# The real-time executive (guests/rtos) as an hrt guest on core 0: 5,000
# periodic releases of its benchmark task, preempting a worker and handing
# a semaphore to a third task, with zero hypervisor entries for IRQs.
DEFCONFIG=tests/qemu/rtos_hrt/defconfig
check() {
	expect_exit 0
	expect_line '^\[rt\] rtos: start rt, period 20000 ticks$'
	expect_line '^\[rt\] rtos: selftest sem timeout ok \(waited [0-9]+ ticks\), sem_give from irq ok$'
	# One line every 1,000 periods, each with zero hypervisor IRQ entries.
	expect_count 5 '^\[rt\] rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0$'
	expect_no_line 'hyp irq entries [1-9]'
	expect_line '^\[rt\] rtos: latency 5000 periods: '
	# The details once, at the end.
	expect_count 1 '^\[rt\] rtos: hist 16:( [0-9]+){33}$'
	expect_line '^\[rt\] rtos: max at period [1-9][0-9]*$'
	expect_line '^\[rt\] rtos: worker checksum 0x5d3de8ed, sem takes 5000$'
	expect_line '^\[rt\] rtos: worker rounds [0-9]+, bad 0; '
	expect_before '^\[rt\] rtos: latency 5000 ' '^\[rt\] rtos: done$'
	expect_line '^\[rt\] bye from rt$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
