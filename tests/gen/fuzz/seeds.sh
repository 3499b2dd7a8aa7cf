#!/bin/sh
# tests/gen/fuzz/seeds.sh OUTDIR: the seed corpus for the generator fuzz
# target, from the documented examples (dts/partitions/*.dts, alone and as
# the default configurations combine them) and every tests/gen case: for
# each, dtc's system blob followed by its annotated listing (fuzz_gen.c),
# plus OUTDIR/board.dtb (the board alone). Run from the source tree.
set -e
out=${1:?usage: seeds.sh OUTDIR}
DTC=${DTC:-dtc}
mkdir -p "$out/seeds"
rm -f "$out/seeds/"*
cwd=$(pwd)
board=dts/boards/qemu-virt.dtsi

# seed NAME BOARD PARTITION...
seed() {
	name=$1
	b=$2
	shift 2
	{
		printf '/dts-v1/;\n/include/ "%s"\n' "$b"
		for p in "$@"; do printf '/include/ "%s"\n' "$p"; done
	} >"$out/wrap.dts"
	if "$DTC" -q -i "$cwd" -I dts -O dtb -o "$out/s.dtb" "$out/wrap.dts" 2>/dev/null &&
		"$DTC" -q -i "$cwd" -I dts -O dts -T -o "$out/s.ann" "$out/wrap.dts" 2>/dev/null; then
		cat "$out/s.dtb" "$out/s.ann" >"$out/seeds/$name"
	fi
}

printf '/dts-v1/;\n/include/ "%s"\n' "$board" >"$out/wrap.dts"
"$DTC" -q -i "$cwd" -I dts -O dtb -o "$out/board.dtb" "$out/wrap.dts"
for p in dts/partitions/*.dts; do
	seed "example_$(basename "$p" .dts)" "$board" "$p"
done
seed example_default "$board" dts/partitions/rt.dts dts/partitions/linux.dts
seed example_two "$board" dts/partitions/alpha.dts dts/partitions/beta.dts
seed example_shared "$board" dts/partitions/rt.dts dts/partitions/linux.dts dts/partitions/ctl.dts \
	dts/systems/linux-shared.dts
for c in tests/gen/cases/*/; do
	b=$board
	[ -f "$c/board.dtsi" ] && b=$c/board.dtsi
	# shellcheck disable=SC2046
	seed "case_$(basename "$c")" "$b" $(ls "$c"*.dts 2>/dev/null | sort)
done
rm -f "$out/wrap.dts" "$out/s.dtb" "$out/s.ann"
ls "$out/seeds" | wc -l
