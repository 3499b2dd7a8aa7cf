# Firmware from virt's flash: Debian's qemu_arm U-Boot runs as a guest from
# two read-only regions at virt's flash banks (0x00000000 and 0x04000000,
# 64 MiB each) with its DTB at the start of RAM. It reads its environment
# in the second bank (a VM without it stops there), finds the vUART and
# the timer through the DT and reaches its prompt. The node is
# docs/partition-binding.md's memory-regions example, character for
# character.
DEFCONFIG=tests/qemu/uboot_guest/defconfig
QEMU_STOP_AFTER='^\[fw\] Loading Environment from Flash
^\[fw\] In: +pl011@9000000$
^\[fw\] Hit any key to stop autoboot'
check() {
	expect_exit stopped
	expect_line '^shikiri: vm fw: ROM IPA 0x00000000 -> PA 0x[0-9a-f]{8} \(65536 KiB\)$'
	expect_line '^shikiri: vm fw: ROM IPA 0x04000000 -> PA 0x[0-9a-f]{8} \(65536 KiB\)$'
	expect_line '^\[fw\] U-Boot 20[0-9.]+'
	expect_line '^\[fw\] DRAM: +128 MiB$'
	expect_line '^\[fw\] Loading Environment from Flash\.\.\. '
	expect_no_line 'vm fw stopped|PANIC|assertion'
	# the doc's example is this node
	sed -n '/^\t\tfw {$/,/^\t\t};$/p' tests/qemu/uboot_guest/fw.dts | sed 's/^\t\t//' >"$dir/node.txt"
	awk '/^<!-- partition: tests\/qemu\/uboot_guest\/fw.dts -->$/ { want = 1; next }
		want == 1 && /^```/ { want = 2; next }
		want == 2 && /^```/ { exit }
		want == 2 { print }' docs/partition-binding.md >"$dir/doc-node.txt"
	cmp -s "$dir/node.txt" "$dir/doc-node.txt" ||
		fail "docs/partition-binding.md's memory-regions example differs from fw.dts's node"
}
