# The TrustZone mode's shared layout on vexpress-a9 with one core
# (docs/trustzone.md): the RTOS (hrt) in the Secure world and a bare-metal
# Non-secure partition on the same core 0. The RTOS runs when it has work;
# its idle yield SMC hands the core to the Normal world, and its Group 0
# timer interrupt (FIQ, SCR.FIQ = 1 while the Normal world runs) takes it
# back through the monitor. Both print on their own UART; the Normal
# world's SYSTEM_OFF stops only it and the RTOS (tz_rtos_forever) runs on,
# meeting every period (overruns 0) before and after; the test ends QEMU
# once the RTOS has reported after that. Under icount, so the run is the
# same every time.
DEFCONFIG=tests/qemu/tz_shared/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SMP=1
SERIAL2=1
QEMU_ICOUNT="-icount shift=4,sleep=off"
TIMEOUT=120
QEMU_STOP_AFTER='^shikiri: vm normal stopped: system-off$
^rtos: latency [0-9]+ periods:'
check() {
	expect_exit stopped
	expect_line '^shikiri: TrustZone mode: '
	expect_line '^rtos: start rt, period 20000 ticks$'
	expect_line '^rtos: selftest sem timeout ok \(waited [0-9]+ ticks\), sem_give from irq ok$'
	# Every period met while the Normal world shares the core.
	expect_line '^rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns 0, hyp irq entries 0( \(QEMU host time\))?$'
	expect_no_line 'overruns [1-9]'
	expect_line '^rtos: yielded to the normal world [1-9][0-9]* times$'
	# The Non-secure partition ran on the same core, on its own UART.
	expect_line2 '^hello from normal: vm 1, vcpu 0 on core 0, RAM 0x68000000-0x681fffff \(2 MiB\)$'
	expect_line2 '^RAM test: [0-9]+/2097152 bytes ok$'
	expect_line2 '^bye from normal$'
	expect_no_line '^hello from normal'
	expect_no_line2 '^rtos:'
	# Its SYSTEM_OFF stops it alone: the RTOS reports on after it.
	expect_line '^shikiri: vm normal stopped: system-off$'
	expect_after '^shikiri: vm normal stopped: system-off$' '^rtos: latency [0-9]+ periods:'
	expect_no_line 'shikiri: vm rt stopped|powering off'
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
