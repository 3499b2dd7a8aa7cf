# The TrustZone mode's dedicated layout with Linux (docs/trustzone.md): the
# RTOS (hrt) in the Secure world on core 0, Debian's unmodified armmp kernel
# (non-LPAE) in the Non-secure world on core 1, on its own UART (UART1, the
# second serial port), to a busybox shell. Typed input reaches the shell;
# `poweroff -f` (PSCI SYSTEM_OFF over SMC) stops only Linux, and the RTOS
# goes on: its reports keep coming after Linux stopped. The RTOS never stops,
# so the test ends QEMU once it has seen the RTOS report after that.
DEFCONFIG=tests/qemu/tz_linux/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SERIAL2=1
TIMEOUT=400
QEMU_INPUT2='echo typed-$((6 * 7))\necho cpus $(nproc) $(uname -m)\ngrep -c twd /proc/interrupts\ncat /proc/device-tree/compatible | tr "\\\\0" " "; echo\npoweroff -f\n'
QEMU_INPUT2_AFTER='^linux: shell on the console'
QEMU_STOP_AFTER='^shikiri: vm linux stopped: system-off$
^rtos: latency [0-9]+ periods:'
check() {
	expect_exit stopped
	expect_line '^shikiri: TrustZone mode: '
	expect_line '^rtos: start rt, period 20000 ticks$'
	# Linux on UART1, none of it on UART0.
	expect_line2 '^linux: userspace up$'
	expect_line2 '^linux: shell on the console'
	# The typed line ran in the shell: 42 is the shell's arithmetic.
	expect_line2 '^typed-42$'
	# One CPU (the physical MPIDR in its DT), the A9's private timer as its
	# clock, the board's machine (arm,vexpress).
	expect_line2 '^cpus 1 armv7l$'
	expect_line2 '^1$'
	expect_line2 '^shikiri,vm arm,vexpress,v2p-ca9 arm,vexpress $'
	expect_line2 'reboot: Power down'
	expect_no_line '^(Booting Linux|linux: |BusyBox)'
	expect_no_line2 '^rtos:'
	# poweroff -f stops Linux alone; the RTOS reports on after it.
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_after '^shikiri: vm linux stopped: system-off$' '^rtos: latency [0-9]+ periods:'
	expect_no_line 'shikiri: vm rt stopped|powering off'
	expect_no_line 'FAILED|PANIC|assertion|exception'
	expect_no_line2 'Kernel panic|Oops|BUG:|Illegal instruction'
}
