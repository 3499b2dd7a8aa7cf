# The TrustZone mode's dedicated layout with a two-core Linux
# (docs/trustzone.md): the RTOS (hrt) in the Secure world on core 0, Debian's
# unmodified armmp kernel in the Non-secure world on cores 1 and 2. Linux
# brings its second CPU up with PSCI CPU_ON over SMC (its DT: psci, method
# smc, both CPUs with their physical MPIDRs); the shell counts 2 CPUs and
# both take their private timer (TWD). `poweroff -f` stops only Linux, and
# the RTOS reports on after it.
DEFCONFIG=tests/qemu/tz_linux_smp/defconfig
MACHINE=vexpress-a9,secure=on
CPU=cortex-a9
SMP=3
SERIAL2=1
TIMEOUT=400
QEMU_INPUT2='echo typed-$((6 * 7))\necho cpus $(nproc) $(uname -m)\ngrep twd /proc/interrupts | tr -s " "\necho 0 >/sys/devices/system/cpu/cpu1/online; echo off $(nproc)\necho 1 >/sys/devices/system/cpu/cpu1/online; echo on $(nproc)\ndmesg | grep -E "CPU1|psci" | sed "s/^.*] /k: /"\npoweroff -f\n'
QEMU_INPUT2_AFTER='^linux: shell on the console'
QEMU_STOP_AFTER='^shikiri: vm linux stopped: system-off$
^rtos: latency [0-9]+ periods:'
check() {
	expect_exit stopped
	expect_line '^shikiri: TrustZone mode: '
	expect_line '^rtos: start rt, period 20000 ticks$'
	expect_line2 '^linux: userspace up$'
	expect_line2 '^linux: shell on the console'
	expect_line2 '^typed-42$'
	# Both CPUs online: the second came up through CPU_ON.
	expect_line2 '^cpus 2 armv7l$'
	# The TWD's line, with a non-zero count on each CPU: both take ticks.
	expect_line2 '^ *[0-9]+: [1-9][0-9]* [1-9][0-9]* .*twd'
	# Hotplug: CPU_OFF parks core 2 in the monitor; CPU_ON brings it back
	# into the Normal world (a second entry on that core).
	expect_line2 '^off 1$'
	expect_line2 '^on 2$'
	# Linux's log (dmesg, with the timestamps cut): PSCI over SMC from
	# the DT, CPU1 on core 2's physical MPIDR, and after CPU_OFF its kill
	# confirmed (AFFINITY_INFO said off; else "may not have shut down").
	expect_line2 '^k: psci: probing for conduit method from DT\.$'
	expect_line2 '^k: CPU1: .*mpidr 80000002$'
	expect_line2 '^k: CPU1 killed\.$'
	expect_no_line2 'may not have shut down'
	expect_line2 'reboot: Power down'
	expect_no_line '^(Booting Linux|linux: |BusyBox)'
	expect_no_line2 '^rtos:'
	expect_no_line2 'failed to come online|CPU1: failed|psci: failed|did not die'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_after '^shikiri: vm linux stopped: system-off$' '^rtos: latency [0-9]+ periods:'
	expect_no_line 'shikiri: vm rt stopped|powering off'
	expect_no_line 'FAILED|PANIC|assertion|exception'
	expect_no_line2 'Kernel panic|Oops|BUG:|Illegal instruction'
}
