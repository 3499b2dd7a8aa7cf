# A hostile Normal-world partition (guests/tz_hostile) beside the Secure RTOS
# in the TrustZone mode's dedicated layout (docs/trustzone.md): it cannot
# mask FIQs, cannot see or change the Group 0 interrupts (UART0's SPI 37, the
# monitor's kick SGI 15) nor raise them, reads 1023 from the IAR; every
# unknown SMC function ID gets NOT_SUPPORTED and malformed arguments are
# refused, without a hang; the monitor writes nothing into Secure memory for
# it; its SYSTEM_RESET restarts only it and its SYSTEM_OFF stops only it. The
# RTOS meanwhile runs its 2,000 periods with no monitor entry for its
# interrupts and the same worker checksum as in tz_dedicated.
DEFCONFIG=tests/qemu/tz_hostile/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SERIAL2=1
QEMU_ICOUNT="-icount shift=4,sleep=off"
TIMEOUT=180
check() {
	expect_exit 0
	expect_line2 '^tz_hostile: start on core 1$'
	# SCR.FW = 0: the Normal world cannot mask FIQs.
	expect_line2 '^tz_hostile: cpsid f: CPSR.F 0$'
	expect_line2 '^tz_hostile: msr cpsr_c F: CPSR.F 0$'
	# Group 0 is invisible and unchangeable from the Normal world.
	# ITARGETSR: RAZ/WI for a Group 0 SPI on silicon (0x00); QEMU 7.2 does
	# not apply the Security Extensions to it (0x02, what was written).
	# Harmless here: the SPI stays disabled and not pending.
	expect_line2 '^tz_hostile: spi 37: igroupr 0 isenabler 0 ispendr 0 itargetsr 0x0[02] ipriorityr 0x00$'
	expect_line2 '^tz_hostile: sgi 15: igroupr 0 isenabler 0 ipriorityr 0x00$'
	expect_line2 '^tz_hostile: iar 1023$'
	expect_line2 '^tz_hostile: monitor fiq entries 0$'
	# Group 0 SGIs raised from the Normal world: dropped by the GIC on
	# silicon; QEMU 7.2 delivers them (1 stray kick to the monitor, 16
	# SGIs to the RTOS's core), and both go on.
	expect_line2 '^tz_hostile: after group 0 sgis: monitor fiq entries [01], still running$'
	# 2 x 64 x 512 fast-call IDs but the 19 known ones, 7 yielding ones.
	expect_line2 '^tz_hostile: smc unknown ids: 65524 calls, 0 not NOT_SUPPORTED$'
	expect_line2 '^tz_hostile: name into rtos ram -> -2$'
	expect_line2 '^tz_hostile: name into monitor -> -2$'
	expect_line2 '^tz_hostile: name across ram end -> -2$'
	expect_line2 '^tz_hostile: name len 0xffffffff -> -2$'
	expect_line2 '^tz_hostile: chan ring rtos ram -> -2$'
	expect_line2 '^tz_hostile: secure words unchanged yes$'
	expect_line2 '^tz_hostile: cpu_on core 0 -> -2$'
	expect_line2 '^tz_hostile: cpu_on core 1 -> -4$'
	expect_line2 '^tz_hostile: cpu_on core 7 -> -2$'
	expect_line2 '^tz_hostile: affinity_info core 0 -> -2$'
	expect_line2 '^tz_hostile: affinity_info core 1 -> 0$'
	expect_line2 '^tz_hostile: affinity_info core 1 level 3 -> -2$'
	expect_line2 '^tz_hostile: features 0xdeadbeef -> -1$'
	# SYSTEM_RESET restarts it (the second boot), SYSTEM_OFF stops it.
	expect_line2 '^tz_hostile: system_reset$'
	expect_line2 '^tz_hostile: second boot, system_off$'
	expect_no_line2 'ERROR'
	expect_line '^shikiri: vm normal stopped: system-off$'
	# The RTOS on: all its periods, no interrupt through the monitor, the
	# checksum of tz_dedicated, and it ends after the Normal world did.
	expect_count 4 '^rtos: latency [0-9]+ periods: .* hyp irq entries 0$'
	expect_line '^rtos: worker checksum 0x5d3de8ed, sem takes 2000$'
	expect_before '^shikiri: vm normal stopped: system-off$' '^rtos: done$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	# its one stray kick (QEMU) at most
	expect_line '^shikiri: vm normal: core 1 entries: irq [01] '
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
