#!/bin/sh
# The configuration as a new user meets it: Kconfig (menuconfig's flow,
# through kconfiglib's API), the defconfig targets and the build's refusal of
# a board DT that is not the platform's. Prints "PASS config/<name>" or
# "FAIL config/<name>: <why>" per case. TESTS="name ..." runs only those.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
# The guests and the generator: the QEMU tests' shared build of them
# (docs/make-targets.md), made here first when this suite runs before that.
SHARED_O=${SHARED_O:-$O/tests/shared}
T=$O/tests/config
mkdir -p "$T"
SHIKIRI_DEPS_DONE=1
export SHIKIRI_DEPS_DONE
PY=/usr/bin/python3

fail_reason=""
fail() { [ -z "$fail_reason" ] && fail_reason="$*"; }

# kconfiglib checks (tests/config/platform.py): its output is the reason
kcheck() {
	out=$($PY tests/config/platform.py "$1" "$T/$1" 2>&1) || fail "$(echo "$out" | head -n 1)"
}

# Switching the platform in menuconfig (from each configs/*_defconfig) moves
# the board DT, HYP_BASE, HYP_LOAD_ADDR, FIT_LOAD_ADDR and NR_CPUS with it.
platform_follows() { kcheck follows; }
# A board DT or hypervisor addresses chosen by hand stay when the platform
# changes, and turning the override off gives the platform's back.
platform_override() { kcheck override; }
# configs/*_defconfig hold only what differs from the defaults.
defconfig_minimal() { kcheck minimal; }

# make DEFCONFIG=X defconfig: X a bare name, a configs/ path or an absolute
# path; an unknown name stops with one line, not a Python traceback; so does
# make <unknown>_defconfig.
defconfig_name() {
	d=$T/defconfig_name
	for spec in orangepi_pc_defconfig configs/orangepi_pc_defconfig \
		"$SRCTREE/configs/orangepi_pc_defconfig" orangepi_pc; do
		rm -rf "$d"
		if ! make -s O="$d" DEFCONFIG="$spec" defconfig >"$T/defconfig_name.out" 2>&1; then
			fail "DEFCONFIG=$spec: $(grep -v '^ *$' "$T/defconfig_name.out" | tail -n 1)"
			return
		fi
		grep -qx 'CONFIG_PLATFORM_ORANGEPI_PC=y' "$d/.config" 2>/dev/null ||
			fail "DEFCONFIG=$spec: .config is not orangepi-pc's"
	done
	rm -rf "$d"
	make -s O="$d" no_such_defconfig >"$T/defconfig_name.out" 2>&1 && fail "make no_such_defconfig succeeded"
	if ! { [ "$(grep -c . "$T/defconfig_name.out")" = 1 ] &&
		grep -q 'configs/no_such_defconfig does not exist: the configurations are .*orangepi_pc_defconfig' \
			"$T/defconfig_name.out"; }; then
		fail "make no_such_defconfig: $(head -n 2 "$T/defconfig_name.out")"
	fi
	for spec in no_such_defconfig tests/qemu/no_such/defconfig; do
		for goal in defconfig menuconfig all; do
			rm -rf "$d"
			make -s O="$d" DEFCONFIG="$spec" $goal >"$T/defconfig_name.out" 2>&1 </dev/null &&
				fail "make DEFCONFIG=$spec $goal succeeded"
			n=$(grep -c . "$T/defconfig_name.out")
			grep -q Traceback "$T/defconfig_name.out" &&
				fail "make DEFCONFIG=$spec $goal: Python traceback"
			[ "$n" = 1 ] || fail "make DEFCONFIG=$spec $goal: $n lines, want one"
			grep -q "DEFCONFIG=$spec: no such file" "$T/defconfig_name.out" ||
				fail "make DEFCONFIG=$spec $goal: $(head -n 1 "$T/defconfig_name.out")"
			[ -e "$d/.config" ] && fail "make DEFCONFIG=$spec $goal wrote a .config"
		done
	done
}

# cfg DIR BOARD: an orangepi-pc configuration with BOARD as its board DT,
# set by hand as in menuconfig, and two bare-metal VMs (no Linux to fetch)
cfg() {
	rm -rf "$1"
	make -s O="$1" orangepi_pc_defconfig >/dev/null 2>&1 || { fail "orangepi_pc_defconfig failed"; return 1; }
	sed -i -e '/CONFIG_BOARD_DTS/d' -e '/^CONFIG_PARTITIONS=/d' -e '/^CONFIG_SYSTEM_DTS=/d' "$1/.config"
	{
		echo 'CONFIG_BOARD_DTS_CUSTOM=y'
		echo "CONFIG_BOARD_DTS=\"$2\""
		echo 'CONFIG_PARTITIONS="dts/partitions/alpha.dts dts/partitions/beta.dts"'
		echo 'CONFIG_SYSTEM_DTS=""'
	} >>"$1/.config"
	KCONFIG_CONFIG=$1/.config $PY -m olddefconfig Kconfig >/dev/null 2>&1
}

# The generator refuses, in one line, a board DT whose root compatible is
# not the platform's (here virt's board DT for orangepi-pc), make refuses an
# empty CONFIG_BOARD_DTS or two files, and the platform's own board DT
# given by hand is accepted.
board_platform() {
	d=$T/board_platform
	cfg "$d" dts/boards/qemu-virt.dtsi || return
	if make -s O="$d" SHARED_O="$SHARED_O" "$d/gen/.stamp" >"$d.out" 2>&1; then
		fail "make accepted orangepi-pc with dts/boards/qemu-virt.dtsi"
		return
	fi
	want='^dts/boards/qemu-virt.dtsi:[0-9]+: /: compatible: not a board of platform orangepi-pc'
	grep -Eq "$want" "$d.out" || fail "no clear line: $(grep -v '^  [A-Z]' "$d.out" | head -n 1)"
	n=$(grep -c 'dtsi:[0-9]' "$d.out")
	[ "$n" = 1 ] || fail "$n lines name the board DT, want one"
	[ -e "$d/gen/vmconfig.c" ] && fail "make wrote $d/gen/vmconfig.c"
	# no board DT, or two: one line, not dtc's errors about the partitions
	for b in "" "dts/boards/orangepi-pc.dtsi dts/boards/qemu-virt.dtsi"; do
		cfg "$d" "$b" || return
		make -s O="$d" SHARED_O="$SHARED_O" "$d/gen/.stamp" >"$d.out" 2>&1 &&
			fail "make accepted CONFIG_BOARD_DTS=\"$b\""
		if ! { [ "$(grep -c . "$d.out")" = 1 ] && grep -q "CONFIG_BOARD_DTS must name one board DT" "$d.out"; }; then
			fail "CONFIG_BOARD_DTS=\"$b\": $(head -n 1 "$d.out")"
		fi
	done
	cfg "$d" dts/boards/orangepi-pc.dtsi || return
	make -s O="$d" SHARED_O="$SHARED_O" "$d/gen/.stamp" >"$d.out" 2>&1 ||
		fail "the platform's own board DT, set by hand: $(grep -v '^  [A-Z]' "$d.out" | head -n 1)"
}

# A defconfig line Kconfig would ignore (a value for a symbol whose prompt
# is hidden: FIT_LOAD_ADDR without HYP_ADDRS_CUSTOM; a symbol that does not
# exist) stops make defconfig with FILE:LINE and writes no .config; with the
# switch in the same file the value holds.
defconfig_ignored() {
	d=$T/defconfig_ignored
	rm -rf "$d" && mkdir -p "$d"
	printf 'CONFIG_PLATFORM_ORANGEPI_PC=y\nCONFIG_FIT_LOAD_ADDR=0x48000000\n' >"$d/hidden_defconfig"
	printf 'CONFIG_PLATFORM_ORANGEPI_PC=y\nCONFIG_FIT_LOAD_ADRR=0x48000000\n' >"$d/typo_defconfig"
	printf 'CONFIG_HYP_ADDRS_CUSTOM=y\nCONFIG_FIT_LOAD_ADDR=0x48000000\n' >"$d/custom_defconfig"
	make -s O="$d/o" DEFCONFIG="$d/hidden_defconfig" defconfig >"$d/out" 2>&1 &&
		fail "make defconfig accepted FIT_LOAD_ADDR without HYP_ADDRS_CUSTOM"
	grep -q "^$d/hidden_defconfig:2: CONFIG_FIT_LOAD_ADDR=0x48000000 has no effect (the value is 0x44100000): FIT_LOAD_ADDR can be set only when HYP_ADDRS_CUSTOM" "$d/out" ||
		fail "hidden: $(head -n 1 "$d/out")"
	[ ! -f "$d/o/.config" ] || fail "hidden: a .config was written"
	make -s O="$d/o" DEFCONFIG="$d/typo_defconfig" defconfig >"$d/out" 2>&1 &&
		fail "make defconfig accepted an unknown symbol"
	grep -q "^$d/typo_defconfig:2: CONFIG_FIT_LOAD_ADRR has no effect: Kconfig has no symbol FIT_LOAD_ADRR" "$d/out" ||
		fail "typo: $(head -n 1 "$d/out")"
	if make -s O="$d/o" DEFCONFIG="$d/custom_defconfig" defconfig >"$d/out" 2>&1; then
		grep -qx 'CONFIG_FIT_LOAD_ADDR=0x48000000' "$d/o/.config" || fail "custom: FIT_LOAD_ADDR not kept"
	else
		fail "custom: $(head -n 1 "$d/out")"
	fi
}

for t in platform_follows platform_override defconfig_minimal defconfig_name board_platform defconfig_ignored; do
	[ -n "${TESTS:-}" ] && ! echo " $TESTS " | grep -q " $t " && continue
	fail_reason=""
	$t
	if [ -z "$fail_reason" ]; then
		echo "PASS config/$t"
	else
		echo "FAIL config/$t: $fail_reason"
	fi
done
