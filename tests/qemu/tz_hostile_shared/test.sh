# The hostile Normal-world partition (guests/tz_hostile) in the TrustZone
# mode's shared layout (docs/trustzone.md): on the Secure RTOS's own core,
# one core in all. Everything of tests/qemu/tz_hostile, and here the attacks
# run on the RTOS's core, between its periods: `cpsid f` has no effect, so
# the RTOS's timer (Group 0 FIQ) takes the core back through the monitor
# whatever the Normal world does; the SMC storm (65,524 unknown function
# IDs) does not delay the RTOS past its period (overruns 0, its worst
# latency far below the period of 20,000 ticks); SYSTEM_RESET and
# SYSTEM_OFF restart and stop only the Normal world: the RTOS
# (tz_rtos_forever, a report every 50,000 periods: all of the Normal
# world's life is in its first one) reports on after it; then the test ends
# QEMU. Under icount (the RTOS's "QEMU host time" label is its build's, for
# runs without icount).
DEFCONFIG=tests/qemu/tz_hostile_shared/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SMP=1
SERIAL2=1
QEMU_ICOUNT="-icount shift=4,sleep=off"
TIMEOUT=180
QEMU_STOP_AFTER='^shikiri: vm normal stopped: system-off$
^rtos: latency [0-9]+ periods:'
check() {
	expect_exit stopped
	expect_line2 '^tz_hostile: start on core 0$'
	# SCR.FW = 0: the Normal world cannot mask FIQs.
	expect_line2 '^tz_hostile: cpsid f: CPSR.F 0$'
	expect_line2 '^tz_hostile: msr cpsr_c F: CPSR.F 0$'
	# Group 0 is invisible and unchangeable from the Normal world, also on
	# the Secure world's own core (ITARGETSR: see tz_hostile).
	expect_line2 '^tz_hostile: spi 37: igroupr 0 isenabler 0 ispendr 0 itargetsr 0x0[02] ipriorityr 0x00$'
	expect_line2 '^tz_hostile: sgi 15: igroupr 0 isenabler 0 ipriorityr 0x00$'
	expect_line2 '^tz_hostile: iar 1023$'
	expect_line2 '^tz_hostile: monitor fiq entries 0$'
	# QEMU 7.2 delivers Group 0 SGIs raised from the Normal world (silicon
	# does not): the monitor takes its kick, the RTOS the others; both go on.
	expect_line2 '^tz_hostile: after group 0 sgis: monitor fiq entries [0-2], still running$'
	# The yield is the Secure world's only: NOT_SUPPORTED from here too.
	expect_line2 '^tz_hostile: smc unknown ids: 65524 calls, 0 not NOT_SUPPORTED$'
	expect_line2 '^tz_hostile: name into rtos ram -> -2$'
	expect_line2 '^tz_hostile: name into monitor -> -2$'
	expect_line2 '^tz_hostile: name across ram end -> -2$'
	expect_line2 '^tz_hostile: name len 0xffffffff -> -2$'
	expect_line2 '^tz_hostile: chan ring rtos ram -> -2$'
	expect_line2 '^tz_hostile: secure words unchanged yes$'
	# core 0 is its own here (ALREADY_ON), core 1 nobody's
	expect_line2 '^tz_hostile: cpu_on core 0 -> -4$'
	expect_line2 '^tz_hostile: cpu_on core 1 -> -2$'
	expect_line2 '^tz_hostile: cpu_on core 7 -> -2$'
	expect_line2 '^tz_hostile: affinity_info core 0 -> 0$'
	expect_line2 '^tz_hostile: affinity_info core 1 -> -2$'
	expect_line2 '^tz_hostile: features 0xdeadbeef -> -1$'
	expect_line2 '^tz_hostile: system_reset$'
	expect_line2 '^tz_hostile: second boot, system_off$'
	expect_no_line2 'ERROR'
	expect_line '^shikiri: vm normal: reset \(system-reset by vcpu 0\)$'
	expect_line '^shikiri: vm normal stopped: system-off$'
	# The RTOS: every period met, the storm on its own core included; its
	# worst wake-up latency in ticks below a tenth of its period.
	expect_line '^rtos: latency 50000 periods: min [0-9]+ avg [0-9]+ max [0-9]{1,4} ticks, overruns 0, hyp irq entries [0-9]+( \(QEMU host time\))?$'
	expect_no_line 'overruns [1-9]'
	expect_line '^rtos: yielded to the normal world [1-9][0-9]* times$'
	# The Normal world's life ended within the RTOS's first report, which
	# came after: the RTOS ran on.
	expect_before '^shikiri: vm normal stopped: system-off$' '^rtos: latency 50000 periods'
	expect_no_line 'shikiri: vm rt stopped|powering off'
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
