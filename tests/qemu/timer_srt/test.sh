# 1,000 periodic virtual-timer interrupts in an srt guest, each injected
# through a list register (the hypervisor is entered once per period).
DEFCONFIG=tests/qemu/timer_srt/defconfig
check() {
	expect_exit 0
	expect_line '^\[rt\] timer: rt 1000/1000 periods, latency min [0-9]+ avg [0-9]+ max [0-9]+ ticks$'
	expect_line '^\[rt\] timer: hyp irq entries (1[0-9]{3}|[2-9][0-9]{3})$'
	expect_no_line 'lost|PANIC|assertion|exception'
}
