# The shared layout's world switch keeps the Normal world's registers that
# the Cortex-A9 does not bank by security state (docs/trustzone.md, "Shared
# layout"): guests/tz_regs fills SP/LR/SPSR of FIQ, IRQ, Abort, Undefined,
# FIQ's r8-r12, User's SP/LR and CPACR, spins on the Secure RTOS's core
# while the RTOS's interrupts take the core away and back through the
# monitor (hundreds of switches: the RTOS's yield count), and reads them
# back: none may differ. Under icount; the test ends QEMU once the RTOS
# reported after the partition's SYSTEM_OFF.
DEFCONFIG=tests/qemu/tz_shared_regs/defconfig
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
	expect_line2 '^tz_regs: 8 rounds of 300000 spins$'
	expect_no_line2 '^tz_regs: round'
	expect_line2 '^tz_regs: 0 registers differ$'
	expect_line '^shikiri: vm normal stopped: system-off$'
	# the RTOS gave the core away (and took it back) hundreds of times
	expect_line '^rtos: yielded to the normal world [0-9]{3,} times$'
	expect_no_line 'overruns [1-9]'
	expect_no_line 'FAILED|PANIC|assertion|exception'
}
