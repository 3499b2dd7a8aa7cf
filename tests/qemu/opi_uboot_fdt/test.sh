# A FIT loadable where U-Boot writes during bootm (issue 17), on the H3
# through Debian's u-boot-sunxi (orangepi_plus) and the make sdimage card.
# The VM's RAM ends at 0x4a000000 (top.dts), its 64 KiB initrd fills the
# last 64 KiB: U-Boot's sunxi environment has bootm_size=0xa000000, so a
# bootm left alone relocates its device tree to just below 0x4a000000, after
# it has copied the loadables, and the guest (blobcheck) then reports a CRC-32
# other than the file's. boot.scr sets fdt_high, so the device tree goes
# below the hypervisor image (CONFIG_HYP_LOAD_ADDR, 0x40400000), in the
# hypervisor's own reserved RAM.
DEFCONFIG=tests/qemu/opi_uboot_fdt/defconfig
MACHINE=orangepi-pc
CPU=
KERNEL=
MAKE_GOALS="all sdimage"
QEMU_ARGS="-drive if=sd,format=raw,file=$dir/sdcard.img"
QEMU_STOP_AFTER='^shikiri: (firmware PSCI SYSTEM_OFF failed|all VMs stopped)'
TIMEOUT=240
EXPECT_MIDR=0x410fc075
# The initrd: 64 KiB of a fixed pseudo-random sequence (no run of bytes
# that U-Boot's device tree could share by chance), in the build directory,
# where the generator looks first.
mkdir -p "$dir"
/usr/bin/python3 -c '
import sys
x, out = 1, bytearray()
for _ in range(65536):
    x = (x * 1103515245 + 12345) & 0x7fffffff
    out.append(x >> 16 & 0xff)
sys.stdout.buffer.write(out)' >"$dir/initrd.bin"
initrd_crc=$(/usr/bin/python3 -c 'import sys, zlib; print("0x%08x" % zlib.crc32(open(sys.argv[1], "rb").read()))' \
	"$dir/initrd.bin")
check() {
	expect_exit stopped
	expect_line '^Found U-Boot script /boot\.scr$'
	expect_line '^   Verifying Hash Integrity \.\.\. crc32\+ sha256\+ OK$'
	expect_line '^shikiri: vm top: srt, 1 vCPU\(s\), RAM IPA 0x40000000 -> PA 0x48000000 \(32 MiB\)'
	# the initrd as the file was (U-Boot wrote nothing over it) ...
	expect_vm_text top "blobcheck top: initrd 0x41ff0000-0x42000000, 65536 bytes, crc32 $initrd_crc"
	# ... because the device tree went below the hypervisor image, not
	# below 0x4a000000
	expect_line '^   Loading Device Tree to 403[0-9a-f]{5}, end 403[0-9a-f]{5} \.\.\. OK$'
	expect_no_line 'Loading Device Tree to 49'
	expect_line '^shikiri: vm top stopped: system-off$'
	expect_no_line 'FAILED|PANIC|exception|assertion'
}
