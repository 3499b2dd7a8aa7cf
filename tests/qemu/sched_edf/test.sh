# EDF on a shared core: three VMs with 250 us of budget every 1000 us each
# (utilisation 0.75; the rest is headroom for the hypervisor's own time,
# which is charged to the VM that runs: docs/scheduling.md): "tick" (1,000
# periodic timer interrupts) and two CPU-bound hogs that use up their budget
# in every period until the counter reaches 80M ticks (1,280 periods).
# Then each sleeps and they stop one after the other (guests/lib/linger.c:
# a VM's stop report is hypervisor time on the core, so a VM still running
# could miss a deadline meanwhile). Zero deadline misses for all; the hogs'
# budget is enforced in every period (an overrun each: >= 1,000); tick gets
# all its interrupts. The hrt "rt" on core 0 runs 1,000 periods of 84,000
# ticks, so it reports while the others sleep, and stops last: under -icount
# QEMU runs the cores in turn, and a burst of hypervisor work on core 0 (its
# vUART lines, its stop report) takes virtual time from core 1, where it
# would show as a miss. rt: zero hypervisor interrupt entries.
DEFCONFIG=tests/qemu/sched_edf/defconfig
QEMU_ARGS="-icount shift=4,sleep=off"
check() {
	expect_exit 0
	expect_line '^\[tick\] timer: tick 1000/1000 periods, '
	expect_no_line '^\[tick\] timer: period [0-9]+ lost'
	expect_line '^\[hog1\] hog: hog1 chunks [1-9][0-9]*$'
	expect_line '^\[hog2\] hog: hog2 chunks [1-9][0-9]*$'
	expect_line '^shikiri: vm tick: vcpu 0 on core 1 \(edf\): switches [0-9]+, preemptions [0-9]+, overruns [0-9]+, misses 0,'
	expect_line '^shikiri: vm hog1: vcpu 0 on core 1 \(edf\): switches [0-9]+, preemptions [0-9]+, overruns (1[0-9]{3}|[2-9][0-9]{3}), misses 0,'
	expect_line '^shikiri: vm hog2: vcpu 0 on core 1 \(edf\): switches [0-9]+, preemptions [0-9]+, overruns (1[0-9]{3}|[2-9][0-9]{3}), misses 0,'
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|exception'
}
