# shikiri-ctl load in Linux (tools/linux/init's load check,
# docs/control.md "Image load"): rt runs rtos_chatty; Linux stages
# rtos_v2.elf from its initramfs cut to 16 KiB (truncated, 9), whole with a
# wrong --sha256 (10), and a 300 KiB file (larger than the 256 KiB staging
# region and rt's room, 8): each refused with the hypervisor's reason, rt
# still running its old image, not restarted. Then the load (0): rt
# restarts as v2 (its banner), and v2's own fault restarts it into v2.
DEFCONFIG=tests/qemu/linux_imgload/defconfig
TIMEOUT=400
QEMU_STOP_AFTER='^\[linux\] linux: imgload done$'
check() {
	expect_exit stopped
	expect_line '^\[linux\] shikiri-ctl: refused: truncated: segment data ends past 16384 bytes$'
	expect_line '^\[linux\] linux: load truncated rc 9$'
	expect_line '^\[linux\] shikiri-ctl: refused: wrong hash: the [0-9]+ bytes copied hash to [0-9a-f]{8}\.\.\., not 00000000\.\.\.$'
	expect_line '^\[linux\] linux: load wrong hash rc 10$'
	expect_line '^\[linux\] shikiri-ctl: refused: too large: 307200 bytes, at most 262144$'
	expect_line '^\[linux\] linux: load too large rc 8$'
	expect_line '^\[linux\] linux: after refusals: rt: running, restarts 0, faults 0$'
	expect_line '^\[linux\] rt: load: ok \(loaded [0-9]+ bytes into rt \(slot 0\); restarting\)$'
	expect_line '^\[linux\] linux: load rc 0$'
	expect_line '^shikiri: vm rt: image of [0-9]+ bytes loaded by linux \(1 hypervisor entries\); restarting$'
	expect_line '^shikiri: vm rt: restarted \(command\), restart 1$'
	expect_line '^shikiri: vm rt restarting: core 0: stage-2 data abort \(write\) at IPA 0x[0-9a-f]+, pc 0x[0-9a-f]+; restart 2$'
	# the old banner once (boot), none after the refusals; v2 after the load
	n=$(grep -c '^\[rt\] rtos: start rt, period' "$log")
	[ "$n" = 1 ] || fail "rt's old image started $n times, expected once"
	expect_before '^shikiri: vm rt: image of [0-9]+ bytes loaded by linux' '^\[rt\] rtos: start rt v2, period'
	expect_doc_excerpt docs/control.md linux_imgload
	expect_no_line 'PANIC|assertion|exception'
}
