# Two cache-coloured VMs check their memory from inside (guests/blobcheck,
# blobcheck_mem): the DTB and a 200 KiB initrd copied frame by frame at
# boot arrive intact (CRC-32 against the files); the name hypercall writes
# into a buffer that crosses a 4 KiB frame boundary; a pattern unique to
# each word and VM over all their RAM reads back intact after a set/way
# sweep (no IPA of a VM shares a frame with another of its IPAs or with
# the other VM); after SYSTEM_RESET (reset = "restart") the restored DTB
# and initrd have the same CRCs and the pattern below them is untouched.
DEFCONFIG=tests/qemu/colour_mem/defconfig
TIMEOUT=180
# QEMU's cortex-a15 does not trap set/way ops (HCR.TSW): its `max` CPU does
CPU=max
mkdir -p "$dir"
/usr/bin/python3 -c '
import sys
x, out = 7, bytearray()
for _ in range(200 * 1024):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out.append(x >> 16 & 0xff)
sys.stdout.buffer.write(out)' >"$dir/initrd.bin"
crc() { /usr/bin/python3 -c 'import sys, zlib; print("0x%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' "$1"; }
initrd_crc=$(crc "$dir/initrd.bin")
check() {
	expect_exit 0
	expect_line '^shikiri: vm rt: hrt, 1 vCPU\(s\), RAM IPA 0x40000000 \(8 MiB\) in 2048 frames of cache colours 0-3 of 16, entry 0x40000000$'
	expect_line '^shikiri: vm other: srt, 1 vCPU\(s\), RAM IPA 0x40000000 \(8 MiB\) in 2048 frames of cache colours 4-15 of 16, entry 0x40000000$'
	for vm in rt other; do
		n=0
		[ "$vm" = other ] && n=1
		dtb_crc=$(crc "$dir/gen/vm$n.dtb")
		dtb_size=$(wc -c <"$dir/gen/vm$n.dtb")
		# at boot and again after the reset's restore
		expect_count 2 "^\[$vm\] blobcheck $vm: initrd 0x[0-9a-f]{8}-0x[0-9a-f]{8}, 204800 bytes, crc32 $initrd_crc$"
		expect_count 2 "^\[$vm\] blobcheck $vm: dtb 0x[0-9a-f]{8}, $dtb_size bytes, crc32 $dtb_crc$"
		expect_line "^\[$vm\] memcheck $vm: name across a frame boundary: ${#vm} \"$vm\"$"
		expect_line "^\[$vm\] memcheck $vm: 0x[0-9a-f]{8}-0x40800000 \([0-9]{4} KiB\): 0 bad words$"
		expect_line "^\[$vm\] memcheck $vm: after reset, 0x[0-9a-f]{8}-0x407[0-9a-f]{5}: 0 bad words$"
		expect_line "^shikiri: vm $vm: set/way sweeps emulated \(clean\+invalidate of its RAM\): 1$"
	done
	expect_no_line ': [1-9][0-9]* bad words|SYSTEM_RESET returned|PANIC|assertion'
	expect_line '^shikiri: all VMs stopped, powering off$'
}
