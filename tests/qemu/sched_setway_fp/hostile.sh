# Shared by the tests with a hostile neighbour on a shared core
# (sched_setway_*, sched_reset_*): "victim" (srt, guests/timer: 1,000
# periods of 20,000 ticks) shares core 1 with "hostile" (be), whose every
# entry asks the hypervisor for work whose length grows with its RAM or
# image; the hrt "rt" owns core 0. Under -icount shift=4,sleep=off ticks are
# instructions, and the run is the same every time.

# check_victim BOUND: the victim got every period, none later than BOUND
# ticks (the bound of docs/scheduling.md, "Hypervisor work for a VM": it
# does not depend on the neighbour's RAM or image size, nor on what it does).
check_victim() {
	expect_line '^\[victim\] timer: victim 1000/1000 periods, '
	expect_no_line '^\[victim\] timer: period [0-9]+ lost'
	max=$(sed -n 's/^\[victim\] timer: victim [0-9]*\/[0-9]* periods, latency min [0-9]* avg [0-9]* max \([0-9]*\) ticks$/\1/p' "$log")
	echo "    victim max latency: ${max:-none} ticks (bound $1)"
	[ -n "$max" ] && [ "$max" -le "$1" ] || fail "victim max latency ${max:-none} ticks, bound $1"
	# The hrt core: zero hypervisor entries, whatever happens on core 1.
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|exception|ERROR'
}
