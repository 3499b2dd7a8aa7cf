# Image load (docs/control.md "Image load"): a bare-metal controller
# (guests/loader) with the load right over rt (hrt, core 0) stages another
# RTOS build (rtos_v2.elf, its initrd: banner " v2") and is refused, each
# with its reason on the page and the console and rt running its old image
# on: too large (page and hypercall), empty, truncated, a wrong hash, a bad
# ELF (machine, entry), a segment past the room, every other VM id, the
# staging region rewritten by its second vCPU during the load (the copy's
# hash), a load during a restart (BUSY). Then the load: rt restarts into
# v2, and v2's own faults restart it into v2 again (the new pristine image).
# loader's vCPU 0 shares core 1 with hog (rr, 100 us slices): the load (by
# hypercall) is preempted and resumed when a slice ends during its copy, so
# it takes several entries (host time: not asserted). Last,
# both vCPUs load at once (a wrong hash): while one's job lasts the other's
# is BUSY.
DEFCONFIG=tests/qemu/control_load/defconfig
TIMEOUT=240
QEMU_STOP_AFTER='^shikiri: vm loader stopped: system-off$'
check() {
	expect_line '^\[loader\] loader: done, 0 failure\(s\)$'
	expect_no_line 'loader: FAIL'
	expect_line '^\[loader\] loader: 1023 other ids refused a load$'
	expect_line '^shikiri: vm loader: load of rt refused: too large: 262145 bytes, at most 262144$'
	expect_line '^shikiri: vm loader: load of rt refused: truncated: LOAD_LEN is 0 \(rt\)$'
	expect_line '^shikiri: vm loader: load of rt refused: truncated: segment data ends past 16384 bytes$'
	expect_line '^shikiri: vm loader: load of rt refused: wrong hash: '
	expect_line '^shikiri: vm loader: load of rt refused: bad ELF: not a 32-bit little-endian ARM executable$'
	expect_line '^shikiri: vm loader: load of rt refused: bad ELF: entry 0x40000004 is not rt.s entry 0x40000000$'
	expect_line '^shikiri: vm loader: load of rt refused: too large: segment '
	expect_line '^\[loader\] loader: load during a restart: status 2, "busy: rt is restarting; its image unchanged" \(try [0-9]+\)$'
	expect_line '^\[loader\] loader: staging rewritten: status 8, "wrong hash: '
	expect_line '^\[loader\] loader: load: status 0, "loaded [0-9]+ bytes into rt \(slot 0\); restarting"$'
	expect_line '^\[loader\] loader: refused loads [0-9]+$'
	expect_line '^\[loader\] loader: racing loads: busy [0-9]+ and [0-9]+, other 0 and 0$'
	expect_line '^shikiri: vm loader: load of rt refused: .*; further refusals are counted$'
	expect_count 16 '^shikiri: vm loader: load of rt refused: '
	# rt's starts: the old image at boot and after each commanded restart
	# (one per try of the load during a restart), not once more before the
	# load; then v2 at the load and after each fault.
	starts=$(grep -E '^\[rt\] rtos: start rt( v2)?, period|^shikiri: vm rt: image of [0-9]+ bytes loaded by loader \([0-9]+ hypervisor entries\); restarting$' "$log" |
		sed -e 's/^\[rt\] rtos: start rt v2,.*/v2/' -e 's/^\[rt\] rtos: start rt,.*/old/' -e 's/^shikiri: .*/LOAD/' | tr '\n' ' ')
	tries=$(sed -n 's/^\[loader\] loader: load during a restart: .* (try \([0-9]*\))$/\1/p' "$log")
	old=old
	for _ in $(seq 1 "${tries:-1}"); do old="$old old"; done
	case $starts in
	"$old LOAD v2 v2 v2"*) ;;
	*) fail "rt's starts: $starts (expected $old LOAD v2 v2 v2...)" ;;
	esac
	# Preempted by the slice's interrupt and resumed (several entries) when
	# that interrupt comes during the copy: in QEMU's host time a loaded
	# host can let the copy finish first, so one entry is accepted too.
	expect_line '^shikiri: vm rt: image of [0-9]+ bytes loaded by loader \([1-9][0-9]* hypervisor entries\); restarting$'
	expect_line '^shikiri: vm rt restarting: core [0-9]+: stage-2 data abort \(write\) at IPA 0x[0-9a-f]+, pc 0x[0-9a-f]+; restart [0-9]+$'
	expect_no_line 'hyp irq entries [1-9]'
	expect_no_line 'PANIC|assertion|exception'
}
