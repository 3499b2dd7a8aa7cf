# The TrustZone mode's dedicated layout on vexpress-a9 (docs/trustzone.md):
# the RTOS (hrt) in the Secure world on core 0, a bare-metal partition in the
# Non-secure world on core 1 with its own UART (UART1, the second serial
# port). Both print; the Non-secure partition's SYSTEM_OFF stops only it and
# the RTOS goes on to the end of its run; the RTOS's timer interrupts (Group
# 0) never enter the monitor. Under icount, so the run is the same every time.
DEFCONFIG=tests/qemu/tz_dedicated/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SERIAL2=1
QEMU_ICOUNT="-icount shift=4,sleep=off"
TIMEOUT=120
check() {
	expect_exit 0
	expect_line '^shikiri: boot core MIDR 0x410fc09'
	expect_line '^shikiri: TrustZone mode: '
	# The Secure RTOS on the monitor's console (UART0).
	expect_line '^rtos: start rt, period 20000 ticks$'
	expect_line '^rtos: selftest sem timeout ok \(waited [0-9]+ ticks\), sem_give from irq ok$'
	expect_count 4 '^rtos: latency [0-9]+ periods: .* hyp irq entries 0$'
	expect_line '^rtos: worker checksum 0x5d3de8ed, sem takes 2000$'
	expect_line '^bye from rt$'
	# The Non-secure partition on its own UART, none of it on UART0.
	expect_line2 '^hello from normal: vm 1, vcpu 0 on core 1, RAM 0x68000000-0x681fffff \(2 MiB\)$'
	expect_line2 '^RAM test: [0-9]+/2097152 bytes ok$'
	expect_line2 '^bye from normal$'
	expect_no_line '^hello from normal'
	expect_no_line2 '^rtos:'
	# Its SYSTEM_OFF stops it alone: the RTOS goes on to its end.
	expect_before '^shikiri: vm normal stopped: system-off$' '^rtos: latency 2000 periods'
	expect_before '^rtos: done$' '^shikiri: vm rt stopped: system-off$'
	# Core 0: no monitor entry for an interrupt (its SMCs are the RTOS's
	# own calls: trap counts for its report lines, SYSTEM_OFF).
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
