#!/bin/sh
# Boards that cannot run here: build them and check what the generator
# emitted and what the boot files contain. Prints "PASS boards/<name>" or
# "FAIL boards/<name>: <why>" per board.
#
# Today: LS1021A-TWR (configs/ls1021a_twr_defconfig), which has no QEMU
# model. The expected values are the public LS1021A facts
# (dts/boards/ls1021a-twr.dtsi, docs/boards/ls1021a-twr.md).
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
# The guests, the generator and shikiri-chan: the QEMU tests' build of them
# (tests/qemu/run.sh, docs/make-targets.md), made here first when this suite
# runs before that one.
SHARED_O=${SHARED_O:-$O/tests/shared}

fail_reason=""
fail() { [ -z "$fail_reason" ] && fail_reason="$*"; }
# has FILE FIXED-STRING
has() { grep -Fq -- "$2" "$1" || fail "$(basename "$1") lacks: $2"; }

ls1021a() {
	d=$O/tests/boards/ls1021a-twr
	mkdir -p "$d"
	rm -f "$d/gen/.stamp" # regenerate: the tables are what is checked
	rm -f "$d/shikiri.bin" "$d/shikiri.elf"
	# two runs: make reads .config before a defconfig goal rewrites it;
	# sdimage alone, as docs/boards/ls1021a-twr.md says: it makes fit and all
	if ! { make -s O="$d" ls1021a_twr_defconfig &&
		make -s -j2 O="$d" SHARED_O="$SHARED_O" sdimage; } \
		>"$d/build.log" 2>&1; then
		fail "build failed (see $d/build.log)"
		return
	fi
	for f in shikiri.elf shikiri.bin shikiri.itb boot.scr sdcard.img; do
		[ -s "$d/$f" ] || fail "make sdimage left $f missing (docs/make-targets.md: it makes all)"
	done
	v=$d/gen/vmconfig.c
	# board_config: everything the hypervisor knows about the board
	has "$v" ".ram_base = 0x80000000u,"
	has "$v" ".ram_size = 0x40000000u,"
	has "$v" ".ram_gib_mask = 0x4u,"
	has "$v" ".gicd_pa = 0x01401000u,"
	has "$v" ".gicc_pa = 0x01402000u,"
	has "$v" ".gich_pa = 0x01404000u,"
	has "$v" ".gicv_pa = 0x01406000u,"
	has "$v" ".uart_pa = 0x021c0500u,"
	has "$v" ".uart_irq = 118,"
	has "$v" ".uart_type = BOARD_UART_NS16550,"
	has "$v" ".uart_reg_shift = 0,"
	has "$v" ".uart_reg_io_width = 1,"
	has "$v" "[0] = { .mpidr = 0x00000f00u, .vm = 0, .vcpu = 0, .sched_ops = NULL, .nr_vcpus = 1, .vcpus = { { 0, 0 } } },"
	has "$v" "[1] = { .mpidr = 0x00000f01u, .vm = 1, .vcpu = 0, .sched_ops = NULL, .nr_vcpus = 1, .vcpus = { { 1, 0 } } },"
	# VM RAM placed in DDR, above the hypervisor's 32 MiB
	has "$v" "{ .ipa = 0x40000000u, .pa = 0x82000000u, .size = 0x02000000u, .flags = 0 },"
	has "$v" "{ .ipa = 0x40000000u, .pa = 0x84000000u, .size = 0x02000000u, .flags = 0 },"
	# linked and entered at HYP_LOAD_ADDR in DDR
	arm-none-eabi-readelf -h "$d/shikiri.elf" >"$d/elf.txt"
	has "$d/elf.txt" "Entry point address:               0x80400000"
	# the guests see an emulated PL011 at the DUART's address
	[ "$(fdtget "$d/gen/vm0.dtb" /serial@21c0500 compatible 2>&1)" = "arm,pl011 arm,primecell" ] ||
		fail "vm0.dtb: /serial@21c0500 is not the emulated PL011"
	[ "$(fdtget "$d/gen/vm0.dtb" /chosen stdout-path 2>&1)" = "/serial@21c0500" ] || fail "vm0.dtb: stdout-path"
	# the FIT and the boot script
	mkimage -l "$d/shikiri.itb" >"$d/fit.txt" 2>&1
	has "$d/fit.txt" "Load Address: 0x80400000"
	has "$d/fit.txt" "Entry Point:  0x80400000"
	has "$d/fit.txt" "Default Configuration: 'conf-1'"
	has "$d/fit.txt" "Hash algo:    sha256"
	has "$d/boot.cmd" 'bootm 0x84100000#conf-1 - ${fdtcontroladdr}'
	# the card: no U-Boot on it (the TWR boots from its flash), FAT with both files
	[ "$(od -An -tx1 -j 8192 -N 16 "$d/sdcard.img" | tr -d ' \n')" = "00000000000000000000000000000000" ] ||
		fail "sdcard.img: unexpected data at 8 KiB"
	mdir -b -i "$d/sdcard.img@@1M" :: >"$d/fat.txt" 2>&1
	has "$d/fat.txt" "::/shikiri.itb"
	has "$d/fat.txt" "::/boot.scr"
}

for board in ls1021a; do
	[ -n "${TESTS:-}" ] && ! echo " $TESTS " | grep -q " $board " && continue
	fail_reason=""
	$board
	if [ -z "$fail_reason" ]; then
		echo "PASS boards/$board"
	else
		echo "FAIL boards/$board: $fail_reason"
	fi
done
