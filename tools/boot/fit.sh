#!/bin/sh
# Build the U-Boot boot files from shikiri.elf:
#   OUT/shikiri.its  the FIT source (generated: root timestamp, hash nodes,
#                    one configuration named conf-1)
#   OUT/shikiri.itb  the FIT (mkimage -f)
#   OUT/boot.cmd     the boot script source, OUT/boot.scr its image
# The FIT holds the hypervisor (the ELF's own image, without the guest
# blobs) as the kernel and every guest image, DTB and initrd (the ELF's
# sections .vm<N>.<blob>) as a loadable at its physical address: bootm
# copies each one there, so the hypervisor copies nothing at boot
# (docs/deployment.md).
# U-Boot's distro boot runs boot.scr from the first partition it finds it
# on; the script loads the FIT to FIT_ADDR from that same partition and
# starts it with `bootm FIT_ADDR#conf-1`: Debian's U-Boot builds select
# FIT_BEST_MATCH, so the configuration must be named. U-Boot's own DTB
# (${fdtcontroladdr}) is passed as the FDT argument; shikiri ignores it.
#
# Before it writes anything, the script sets fdt_high so that bootm's copy
# of that DTB goes right below the hypervisor image, and this script
# refuses (one line, exit 1) a layout where anything U-Boot writes lands on
# the hypervisor, a loadable or a VM's RAM: see "What U-Boot writes" below
# and in docs/deployment.md. VMCONFIG is the generator's vmconfig.c (board
# RAM, every VM's RAM, every channel's memory); PLATFORM picks U-Boot's
# facts.
#
# usage: fit.sh OUT ELF LOAD_ADDR FIT_ADDR DESCRIPTION PLATFORM VMCONFIG
set -eu
out=$1 elf=$2 load=$3 fitaddr=$4 desc=$5 platform=$6 vmconfig=$7
OBJCOPY=${OBJCOPY:-arm-none-eabi-objcopy}
READELF=${READELF:-arm-none-eabi-readelf}
bin=$out/shikiri-fit.bin
blobs=$out/fit-blobs
rm -rf "$blobs"
mkdir -p "$blobs"
# The hypervisor: every loaded section but the guest blobs.
$OBJCOPY -O binary --wildcard -R '.vm[0-9]*' "$elf" "$bin.tmp"
mv "$bin.tmp" "$bin"
# Reproducible: SOURCE_DATE_EPOCH if set, else the image's mtime.
ts=${SOURCE_DATE_EPOCH:-$(stat -c %Y "$elf")}
# The image's end with .bss: the zImage header's end address (offset 0x2c).
img_end=$(od -An -t u4 -j 44 -N 4 "$bin" | tr -d ' ')

# "name addr size" of every guest blob section, e.g. ".vm0.image 42000000 036c0"
$READELF -SW "$elf" | sed 's/^ *\[ *[0-9]*\] *//' |
	awk '$1 ~ /^\.vm[0-9]+\.(image|dtb|initrd)$/ { print $1, $3, $5 }' >"$blobs/list"
loadables=
nodes=
while read -r sec addr size; do
	name=$(echo "$sec" | sed 's/^\.//; s/\./-/')
	$OBJCOPY -O binary -j "$sec" "$elf" "$blobs/$name.bin"
	loadables="$loadables${loadables:+, }\"$name\""
	nodes="$nodes
		$name {
			description = \"$sec at 0x$addr\";
			data = /incbin/(\"$blobs/$name.bin\");
			type = \"firmware\";
			arch = \"arm\";
			os = \"linux\";
			compression = \"none\";
			load = <0x$addr>;
			hash-1 {
				algo = \"crc32\";
			};
			hash-2 {
				algo = \"sha256\";
			};
		};"
	echo "$name $((0x$addr)) $((0x$addr + 0x$size))" >>"$blobs/ranges"
done <"$blobs/list"

cat >"$out/shikiri.its.tmp" <<ITS
/dts-v1/;

/ {
	description = "shikiri: $desc";
	timestamp = <$ts>;
	#address-cells = <1>;

	images {
		shikiri {
			description = "shikiri hypervisor";
			data = /incbin/("$bin");
			type = "kernel";
			arch = "arm";
			os = "linux";
			compression = "none";
			load = <$load>;
			entry = <$load>;
			hash-1 {
				algo = "crc32";
			};
			hash-2 {
				algo = "sha256";
			};
		};$nodes
	};

	configurations {
		default = "conf-1";
		conf-1 {
			description = "shikiri";
			kernel = "shikiri";${loadables:+
			loadables = $loadables;}
		};
	};
};
ITS
mv "$out/shikiri.its.tmp" "$out/shikiri.its"
SOURCE_DATE_EPOCH=$ts mkimage -f "$out/shikiri.its" "$out/shikiri.itb.tmp" >"$out/shikiri.itb.log"
# --- What U-Boot writes (docs/deployment.md#what-u-boot-writes) ---------------
# In boot order, on the three boards (Debian 12's U-Boot 2023.01; the H3's
# and virt's measured under QEMU with bdinfo, the LS1021A's read from
# mainline's ls1021atwr config):
#  1. its own code, heap, device tree copy and stack at the top of RAM,
#     with the 16 MiB stack reservation of its EFI loader below them. All
#     of it is U-Boot's reserved memory (lmb), written from relocation to
#     the jump: virt 0x7ddf3000-0x7fffffff (34 MiB), the H3 0x78f5f000-
#     0x7fffffff (113 MiB: a 64 MiB heap), the LS1021A an estimated 34-40
#     MiB (16 MiB heap; not measured). uboot_top_mib below is that, rounded
#     up.
#  2. boot.scr at its scriptaddr (virt 0x40200000, sunxi 0x43100000,
#     LS1021A 0x80000000, Zynq 0x3000000). `source` runs a copy on the heap, so whatever
#     overwrites it later is harmless, and the script holds no secret: not
#     checked.
#  3. the FIT at FIT_ADDR (`load` refuses U-Boot's reserved memory). bootm
#     copies the kernel and every loadable out of it, so none of them may
#     overlap it, and it stays where it is: inside a VM's RAM that VM would
#     find every other VM's images and the hypervisor's.
#  4. bootm: each loadable, then the kernel (hash-checked, copied), then
#     its copy of the DTB: below fdt_high if set, else below bootm_low +
#     bootm_mapsize (sunxi: bootm_size 0xa000000, so below 0x4a000000;
#     LS1021A: CONFIG_SYS_BOOTMAPSZ 256 MiB, below 0x90000000) or, with
#     fdt_high=0xffffffff (u-boot-qemu's default), in place. boot.cmd sets
#     fdt_high to LOAD_ADDR: the copy (the DTB plus 12 KiB; QEMU's is 1 MiB)
#     lands in the FDT_WINDOW bytes below the hypervisor image, in its
#     reserved RAM. No ramdisk is passed, so nothing is relocated as one.
#  The PSCI monitors are in on-chip SRAM (sunxi, LS1021A) or QEMU's own.
FDT_WINDOW=$((2 << 20))
case $platform in
qemu-virt) uboot_top_mib=48 uboot_name="u-boot-qemu's" ;;
orangepi-pc) uboot_top_mib=128 uboot_name="u-boot-sunxi's" ;;
ls1021a-twr) uboot_top_mib=64 uboot_name="the LS1021A U-Boot's" ;;
# Xilinx's Zynq U-Boot (the SD card's BOOT.BIN: FSBL + U-Boot) relocates
# from 0x04000000 to the top of the ZC702's 1 GiB; like the LS1021A's, an
# estimate (heap, DTB copy, stack, EFI reservation; not measured). It
# starts bootm's kernel in Secure SVC, the other core still in the boot ROM.
zc702) uboot_top_mib=64 uboot_name="Xilinx's Zynq U-Boot's" ;;
*)
	echo "fit.sh: platform \"$platform\" has no U-Boot memory facts: add them to tools/boot/fit.sh" >&2
	rm -f "$out/shikiri.itb.tmp"
	exit 1
	;;
esac

# From the generator's tables: "ram BASE SIZE", "vm NAME PA SIZE" per memory
# region, "chan NAME PA SIZE", "vms COUNT" (hex with the C suffix dropped).
if [ ! -f "$vmconfig" ]; then
	echo "fit.sh: $vmconfig not found" >&2
	rm -f "$out/shikiri.itb.tmp"
	exit 1
fi
awk '
function hex(s) { match(s, /0x[0-9a-fA-F]+/); return substr(s, RSTART, RLENGTH) }
/^const struct board_config board_config = / { sect = "board" }
/^const struct vm_config vm_configs\[\] = / { sect = "vm" }
/^const struct chan_config chan_configs\[/ { sect = "chan" }
/^};/ { sect = "" }
sect == "board" && /^\t\.ram_base = / { base = hex($0) }
sect == "board" && /^\t\.ram_size = / { print "ram", base, hex($0) }
sect != "" && /^\t\t\.name = "/ { split($0, q, "\""); name = q[2] }
sect == "vm" && /^\t\t\t\{ \.ipa = .*, \.pa = .*, \.size = / {
	split($0, f, ", ")
	print "vm", name, hex(f[2]), hex(f[3])
}
sect == "chan" && /^\t\t\.pa = / { pa = hex($0) }
sect == "chan" && /^\t\t\.size = / { print "chan", name, pa, hex($0) }
/^const uint32_t vm_config_count = / { n = $NF; gsub(/[^0-9]/, "", n); print "vms", n }
' "$vmconfig" >"$blobs/layout"
ram_base=$(awk '$1 == "ram" { print $2 }' "$blobs/layout")
ram_size=$(awk '$1 == "ram" { print $3 }' "$blobs/layout")
nr_vms=$(awk '$1 == "vms" { print $2 }' "$blobs/layout")
if [ -z "$ram_base" ] || [ -z "$nr_vms" ] ||
	[ "$(awk '$1 == "vm" { print $2 }' "$blobs/layout" | sort -u | wc -l)" -ne "$nr_vms" ]; then
	echo "fit.sh: cannot read the board RAM and every VM's RAM from $vmconfig" >&2
	rm -f "$out/shikiri.itb.tmp"
	exit 1
fi
ram_base=$((ram_base)) ram_end=$((ram_base + ram_size))
uboot_lo=$((ram_end - (uboot_top_mib << 20)))
fdt_lo=$((load - FDT_WINDOW))

# What must survive U-Boot: "START END what" (END exclusive), the
# loadables before the VMs' RAM, so that a clash names the most specific
# thing. (The 2 MiB below the hypervisor image are the DTB copy's: the
# image itself starts at their end.)
{
	echo "$((load)) $img_end the hypervisor image"
	if [ -f "$blobs/ranges" ]; then
		while read -r name start end; do
			echo "$start $end loadable $name"
		done <"$blobs/ranges"
	fi
	awk '$1 == "vm" { print $2, $3, $4 }' "$blobs/layout" | while read -r name pa size; do
		echo "$((pa)) $((pa + size)) vm $name's RAM"
	done
	awk '$1 == "chan" { print $2, $3, $4 }' "$blobs/layout" | while read -r name pa size; do
		echo "$((pa)) $((pa + size)) channel $name's memory"
	done
} >"$blobs/keep"

refuse() {
	echo "fit.sh: $*" >&2
	rm -f "$out/shikiri.itb.tmp"
	exit 1
}
# keep_clear START END NAME WHY FIX: no kept range overlaps [START, END),
# NAME: what U-Boot writes there, WHY: when and why it hurts.
keep_clear() {
	while read -r ks ke what; do
		if [ "$ks" -lt "$2" ] && [ "$1" -lt "$ke" ]; then
			refuse "$(printf '%s 0x%x..0x%x overlaps %s 0x%x..0x%x (%s): %s' \
				"$what" "$ks" "$ke" "$3" "$1" "$2" "$4" "$5")"
		fi
	done <"$blobs/keep"
}
# in_ram START END NAME FIX
in_ram() {
	if [ "$1" -lt "$ram_base" ] || [ "$2" -gt "$ram_end" ]; then
		refuse "$(printf '%s 0x%x..0x%x is outside RAM 0x%x..0x%x: %s' \
			"$3" "$1" "$2" "$ram_base" "$ram_end" "$4")"
	fi
}

# The hypervisor image is written by bootm too: over a loadable it would
# destroy it (the FIT is checked below).
while read -r ks ke what; do
	case $what in "loadable "*) ;; *) continue ;; esac
	if [ "$((load))" -lt "$ke" ] && [ "$ks" -lt "$img_end" ]; then
		refuse "$(printf '%s 0x%x..0x%x overlaps the hypervisor image %s..0x%x' \
			"$what" "$ks" "$ke" "$load" "$img_end")"
	fi
done <"$blobs/keep"
fit_end=$((fitaddr + $(stat -c %s "$out/shikiri.itb.tmp")))
uboot_top="U-Boot's own memory"
uboot_why="$uboot_name code, heap and stack: the top $uboot_top_mib MiB of RAM"
in_ram "$((fitaddr))" "$fit_end" "the FIT (CONFIG_FIT_LOAD_ADDR)" "change CONFIG_FIT_LOAD_ADDR"
fit_why="CONFIG_FIT_LOAD_ADDR: bootm copies the blobs out of it and leaves it there,"
fit_why="$fit_why every VM's images with it"
keep_clear "$((fitaddr))" "$fit_end" "the FIT" "$fit_why" "change CONFIG_FIT_LOAD_ADDR"
if [ "$((fitaddr))" -lt "$ram_end" ] && [ "$uboot_lo" -lt "$fit_end" ]; then
	refuse "$(printf 'the FIT 0x%x..0x%x overlaps %s 0x%x..0x%x (%s): change CONFIG_FIT_LOAD_ADDR' \
		"$fitaddr" "$fit_end" "$uboot_top" "$uboot_lo" "$ram_end" "$uboot_why")"
fi
keep_clear "$uboot_lo" "$ram_end" "$uboot_top" "$uboot_why" \
	"$(printf 'keep it below 0x%x' "$uboot_lo")"
fdt_why="boot.scr sets fdt_high = CONFIG_HYP_LOAD_ADDR; bootm writes it after the loadables"
in_ram "$fdt_lo" "$((load))" "bootm's device tree copy (the 2 MiB below CONFIG_HYP_LOAD_ADDR)" \
	"leave 2 MiB of RAM below CONFIG_HYP_LOAD_ADDR"
keep_clear "$fdt_lo" "$((load))" "bootm's device tree copy" "$fdt_why" \
	"leave the 2 MiB below CONFIG_HYP_LOAD_ADDR free"
mv "$out/shikiri.itb.tmp" "$out/shikiri.itb"

cat >"$out/boot.cmd" <<CMD
# shikiri boot script (generated by tools/boot/fit.sh; mkimage -T script)
# bootm copies the DTB it passes after it has placed the loadables: make it
# go right below the hypervisor image (the 2 MiB under $load, which
# fit.sh keeps free), not wherever this U-Boot's defaults put it (sunxi:
# below 0x4a000000, possibly over a VM's blobs). No ramdisk is passed.
setenv fdt_high $load
setenv initrd_high 0xffffffff
echo "shikiri: loading shikiri.itb from \${devtype} \${devnum}:\${distro_bootpart} to $fitaddr"
load \${devtype} \${devnum}:\${distro_bootpart} $fitaddr shikiri.itb
bootm $fitaddr#conf-1 - \${fdtcontroladdr}
echo "shikiri: bootm returned: the FIT did not start"
CMD
mkimage -A arm -O linux -T script -C none -n "shikiri boot script" -d "$out/boot.cmd" \
	"$out/boot.scr.tmp" >/dev/null
mv "$out/boot.scr.tmp" "$out/boot.scr"
