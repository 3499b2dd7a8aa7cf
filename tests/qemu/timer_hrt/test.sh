# 1,000 periodic virtual-timer interrupts in an hrt guest: delivered by the
# hardware straight to the guest, zero hypervisor entries for IRQs.
DEFCONFIG=tests/qemu/timer_hrt/defconfig
check() {
	expect_exit 0
	expect_line '^\[rt\] timer: rt 1000/1000 periods, latency min [0-9]+ avg [0-9]+ max [0-9]+ ticks$'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'lost|PANIC|assertion|exception'
}
