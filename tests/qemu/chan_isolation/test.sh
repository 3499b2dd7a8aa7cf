# Only the VMs on a channel reach it: a VM not on it that reads the
# channel's physical address, or a peer's doorbell page address, is stopped
# with one line; the read-only side reads the writer's message after a
# doorbell and is stopped when it writes. The writer runs on. The doorbell
# hypercall: the read-only side may ring its own page, nothing else; the VMs
# not on the channel are refused for every address (one console line each).
DEFCONFIG=tests/qemu/chan_isolation/defconfig
check() {
	expect_exit 0
	expect_line '^\[reader\] chan: ID 0x5348494b INFO 0x00010201 SIZE 0x1000$'
	expect_line '^\[reader\] chan: [1-9][0-9]* doorbell\(s\), message 0x5348494b$'
	expect_line '^\[reader\] chan: ring hypercall: own page 0, next page -2$'
	expect_line '^\[reader\] chan: writing the read-only memory$'
	expect_line '^shikiri: vm reader: refused doorbell hypercall for 0x50101000 \(not one of its doorbell pages\); further refusals are counted$'
	expect_line '^shikiri: vm reader: doorbells: 1 rings sent, 1 refused accesses, '
	for vm in touch_pa touch_db; do
		expect_line "^\\[$vm\\] chan: ring hypercall: 0x50100000 -2, RING 0x50100008 -2, 0 -2, ~0 -2\$"
		expect_line "^shikiri: vm $vm: refused doorbell hypercall for 0x50100000 \\(not one of its doorbell pages\\); further refusals are counted\$"
		expect_count 1 "^shikiri: vm $vm: refused doorbell hypercall"
	done
	expect_line '^shikiri: vm reader stopped: core 1: stage-2 data abort \(write\) at IPA 0x50000000, pc 0x4[0-9a-f]{7}$'
	expect_line '^\[touch_pa\] chan: reading 0x48000000$'
	expect_line '^shikiri: vm touch_pa stopped: core 2: stage-2 data abort \(read\) at IPA 0x48000000, pc 0x4[0-9a-f]{7}$'
	expect_line '^\[touch_db\] chan: reading 0x50100008$'
	expect_line '^shikiri: vm touch_db stopped: core 3: stage-2 data abort \(read\) at IPA 0x50100008, pc 0x4[0-9a-f]{7}$'
	expect_count 1 '^shikiri: vm reader stopped'
	expect_line '^\[writer\] chan: rang 1000 times, 0 peers done; refused hypercall rings 0$'
	expect_line '^\[writer\] chan: still running, message 0x5348494b$'
	expect_line '^\[writer\] bye from writer$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
}
