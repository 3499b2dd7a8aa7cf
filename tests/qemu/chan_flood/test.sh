# A VM rings a channel in a tight loop while its two peers do periodic work:
# the srt peer's core is entered at most three times per doorbell its guest
# takes (the rest is coalesced: counted, not a timing) and it finishes every
# period; the hrt peer receives its doorbells
# as a physical SPI and its core is never entered for an IRQ; the hypervisor
# console answers a status command in the middle of the flood.
DEFCONFIG=tests/qemu/chan_flood/defconfig
QEMU_INPUT='\035\035s'
QEMU_INPUT_AFTER='^\[ringer\] chan: ringing until'
check() {
	expect_exit 0
	expect_line '^\[ringer\] chan: DTB at 0x4[0-9a-f]{7} has a shikiri,channel node$'
	expect_line '^\[ringer\] chan: ID 0x5348494b INFO 0x00000300 SIZE 0x1000$'
	expect_line '^\[peer\] chan: ID 0x5348494b INFO 0x00000301 SIZE 0x1000$'
	expect_line '^\[rt\] chan: ID 0x5348494b INFO 0x00000302 SIZE 0x1000$'
	# half the rings RING writes, half doorbell hypercalls (none refused)
	expect_line '^\[ringer\] chan: rang [0-9]+ times, 2 peers done; refused hypercall rings 0$'
	# Every period ends (the loop finishes); a period is "lost" only when its
	# interrupt is 100 periods (32 ms) late, which QEMU's host threads on a
	# loaded machine can cause to the hrt peer as well, so allow a few.
	expect_line '^\[peer\] timer: peer (9[0-9][0-9]|1000)/1000 periods'
	expect_line '^\[peer\] chan: [1-9][0-9]* doorbells, message 0x5348494b$'
	expect_line '^\[rt\] timer: rt (9[0-9][0-9]|1000)/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^\[rt\] chan: [1-9][0-9]* doorbells, message 0x5348494b$'
	expect_line '^shikiri: vm rt: core 2 entries: irq 0 gicd [0-9]+ vuart [0-9]+ hvc [0-9]+ smc [0-9]+ abort 0 '
	# the console status command ran while the ringer flooded
	expect_line '^shikiri: vm ringer: doorbells: [0-9]+ rings sent, 1 refused accesses'
	expect_before '^shikiri: vm ringer: doorbells: ' '^\[ringer\] chan: rang '
	# rings were folded into deliveries already pending in both peers
	expect_line '^shikiri: vm peer: doorbells: 0 rings sent, 0 refused accesses, [1-9][0-9]* deliveries to it coalesced$'
	expect_line '^shikiri: vm rt: doorbells: 0 rings sent, 0 refused accesses, [1-9][0-9]* deliveries to it coalesced$'
	expect_no_line 'PANIC|assertion|exception|ERROR|[1-9][0-9]* refused GICD'
	# The flood bound (docs/channels.md, "Rate bound"): the srt peer's
	# hypervisor IRQ entries are at most two per timer interrupt (QEMU's
	# EOI maintenance) and three per doorbell its guest took, however many
	# rings the ringer made.
	entries=$(sed -n 's/^\[peer\] timer: hyp irq entries \([0-9]*\)$/\1/p' "$log")
	doorbells=$(sed -n 's/^\[peer\] chan: \([0-9]*\) doorbells, .*/\1/p' "$log")
	periods=$(sed -n 's/^\[peer\] timer: peer \([0-9]*\)\/1000 periods.*/\1/p' "$log")
	if [ -z "$entries" ] || [ -z "$doorbells" ] || [ -z "$periods" ]; then
		fail "peer: no entry, doorbell or period count"
	elif [ "$entries" -gt $((2 * periods + 3 * doorbells + 2)) ]; then
		fail "peer: $entries hypervisor IRQ entries for $periods periods and $doorbells doorbells"
	fi
}
