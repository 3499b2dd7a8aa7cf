# The default system (configs/qemu_virt_defconfig), booted by `make run`
# itself, so that its QEMU command line is tested as a user runs it:
# the RTOS on core 0 (hrt) reports its latency every 10 s, forever; Linux on cores 2-3
# reaches a busybox shell that takes console input. After `poweroff -f` only
# Linux stops: the RT guest keeps reporting, and the test ends QEMU once it
# has seen an RT report after Linux's stop (the system never powers off).
DEFCONFIG=configs/qemu_virt_defconfig
TIMEOUT=300
RUN_CMD='make -s O="$dir" run'
QEMU_INPUT_AFTER='^\[linux\] linux: shell on the console'
# Ctrl-] (\035) gives input to the hypervisor, `s` asks for its status,
# Ctrl-] gives it back to Linux, which gets one command line: one line, so
# that nothing is typed ahead of a prompt while a command runs, and under 64
# characters, the vUART's input FIFO (a longer burst loses its tail).
QEMU_INPUT='\035s\035c=shikiri-chan;$c cat rtlog 3;$c ping rtlog 100;poweroff -f\n'
QEMU_STOP_AFTER='vm linux stopped
^\[rt\] rtos: latency
^\[rt\] rtos: channel rtlog'
# (default_system_check: opi_default_system runs the same checks)
check() { default_system_check; }
default_system_check() {
	expect_exit stopped
	expect_line '^  RUN     .* -nic none '
	expect_line '^shikiri: shikiri '
	expect_line '^shikiri: console input goes to vm linux; Ctrl-\] switches \(linux, hypervisor\)$'
	expect_line '^\[linux\] linux: shell on the console'
	# The channel, from Linux's shell: reports in sequence, pings answered
	# intact, doorbells taken (tests/qemu/linux_chan checks the rest).
	expect_count 3 '^\[linux\] rtlog: seq [0-9]+: [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0$'
	expect_line '^\[linux\] cat rtlog: 3 reports, 0 sequence gaps, [0-9]+ doorbells$'
	expect_line '^\[linux\] ping rtlog: 100 round trips, 100 in order and intact, 0 bad, [0-9]+ other messages skipped, [1-9][0-9]* doorbells; min [0-9]+ avg [0-9]+ max [0-9]+ us$'
	expect_line '^\[rt\] rtos: channel rtlog: side 0, publishing latency reports$'
	# and from the RTOS's side, in its report after Linux stopped
	expect_line '^\[rt\] rtos: channel rtlog: published [0-9]+, acked 3 \(last seq [1-9][0-9]*\), dropped [0-9]+, pings answered 100, doorbells in [1-9][0-9]* out [1-9][0-9]*, bad 0$'
	expect_line '^shikiri: console input goes to the hypervisor: h help, s status, Ctrl-\] next$'
	expect_line '^shikiri: core 0 \(vm rt\): entries irq 0 '
	expect_line '^shikiri: console input goes to vm linux \(Ctrl-\] switches\)$'
	# Linux's refused GICD accesses: counted, the first one kept for the
	# status command, nothing printed while it boots.
	expect_line '^shikiri: vm linux: running, be, 2 vCPU\(s\), [1-9][0-9]* refused GICD accesses$'
	expect_line '^shikiri: vm linux: first refused: GICD [A-Z]+ access for IRQ [0-9]+ \(not its own\)$'
	expect_no_line '^shikiri: vm linux: refused GICD'
	expect_line '^shikiri: vm linux: [1-9][0-9]* refused GICD accesses$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_line '^\[rt\] rtos: latency [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0 \(QEMU host time\)$'
	expect_line "^\[rt\] rtos: ticks are QEMU's host time here: "

	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	# One line every 10 s of guest time: the shell stays readable.
	expect_no_line '^\[rt\] rtos: (hist|max at)'
	expect_no_line 'vm rt stopped|PANIC|assertion|Kernel panic|Oops'
	# The RT guest still reports after Linux is gone.
	last_linux=$(grep -n 'vm linux stopped' "$log" | cut -d: -f1)
	tail -n +"$last_linux" "$log" | grep -q '^\[rt\] rtos: latency' || fail "no RT report after Linux stopped"
}
