# Fixed priority on a shared core: "hi" (srt, priority 20, 1,000 periodic
# virtual-timer interrupts) and "lo" (be, priority 5, CPU-bound until the
# counter reaches 40M ticks) share core 1; the hrt "rt" owns core 0.
# hi gets every period although lo never waits (it preempts lo as soon as its
# timer fires); lo runs only while hi waits, and on alone after hi stops.
# rt shows zero hypervisor entries throughout.
DEFCONFIG=tests/qemu/sched_fp/defconfig
QEMU_ARGS="-icount shift=4,sleep=off"
check() {
	expect_exit 0
	expect_line '^\[hi\] timer: hi 1000/1000 periods, latency min [0-9]+ avg [0-9]+ max [0-9]+ ticks$'
	expect_no_line '^\[hi\] timer: period [0-9]+ lost'
	expect_line '^\[lo\] hog: lo chunks [1-9][0-9]*$'
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	# hi stops first: lo was still running (it only ran while hi waited)
	expect_before '^shikiri: vm hi stopped: system-off$' '^\[lo\] hog: lo chunks'
	# hi blocked in WFI every period and was switched in for each interrupt
	expect_line '^shikiri: vm hi: vcpu 0 on core 1 \(fp\): switches (99[0-9]|[1-9][0-9]{3}), .*misses 0'
	# lo was preempted for each of hi's periods
	expect_line '^shikiri: vm lo: vcpu 0 on core 1 \(fp\): switches [0-9]+, preemptions (99[0-9]|[1-9][0-9]{3}), '
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|exception'
}
