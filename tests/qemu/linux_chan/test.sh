# RTOS <-> Linux over the default system's channel "rtlog", unattended
# (tools/linux/init's chan check): Linux finds the channel by its label,
# reads three of the RTOS's latency reports in sequence and acknowledges
# each, then pings the RTOS 200 times (every answer in order and intact),
# runs the same 200 round trips between two of its own processes (the
# in-guest baseline, shikiri-chan loopback) and powers off; the RTOS's next
# report shows the acknowledgements and the answered pings, nothing bad, and
# its core still has no hypervisor IRQ entry.
DEFCONFIG=tests/qemu/linux_chan/defconfig
TIMEOUT=400
QEMU_STOP_AFTER='vm linux stopped
^\[rt\] rtos: channel rtlog: published'
check() {
	expect_exit stopped
	expect_line '^\[rt\] rtos: channel rtlog: side 0, publishing latency reports$'
	expect_line '^\[linux\] rtlog: side 1 of 2, rw, shared memory 0x5c000000 size 65536, doorbell 0x5c100000, wait evdev$'
	expect_count 3 '^\[linux\] rtlog: seq [0-9]+: [0-9]+ periods: min [0-9]+ avg [0-9]+ max [0-9]+ ticks, overruns [0-9]+, hyp irq entries 0$'
	expect_line '^\[linux\] cat rtlog: 3 reports, 0 sequence gaps, [0-9]+ doorbells$'
	expect_line '^\[linux\] linux: cat rc 0$'
	expect_line '^\[linux\] ping rtlog: 200 round trips, 200 in order and intact, 0 bad, [0-9]+ other messages skipped, [1-9][0-9]* doorbells; min [0-9]+ avg [0-9]+ max [0-9]+ us$'
	expect_line '^\[linux\] linux: ping rc 0$'
	expect_line '^\[linux\] ping loopback: 200 round trips, 200 in order and intact, 0 bad, 0 other messages skipped, [1-9][0-9]* doorbells; min [0-9]+ avg [0-9]+ max [0-9]+ us$'
	expect_line '^\[linux\] pong loopback: 200 answered, 0 out of order or damaged, [0-9]+ doorbells$'
	expect_line '^\[linux\] linux: loopback rc 0$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	last_linux=$(grep -n 'vm linux stopped' "$log" | cut -d: -f1)
	tail -n +"$last_linux" "$log" | grep -Eq '^\[rt\] rtos: channel rtlog: published [0-9]+, acked 3 \(last seq [1-9][0-9]*\), dropped [0-9]+, pings answered 200, doorbells in [1-9][0-9]* out [1-9][0-9]*, bad 0$' ||
		fail "no RT channel report with acked 3, pings answered 200, bad 0 after Linux stopped"
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_no_line 'linux: dmesg: gpio-keys.*(Unable|failed)'
	expect_no_line 'vm rt stopped|PANIC|assertion|Kernel panic|Oops|shikiri-chan:'
}
