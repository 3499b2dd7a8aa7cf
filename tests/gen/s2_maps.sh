#!/bin/sh
# s2_maps.sh VMCONFIG.C: every leaf stage-2 mapping the generator emitted,
# one line each, "VM IPA_START IPA_END PA SIZE ATTRS" (SIZE: 4KiB, 2MiB, 1GiB) (hex without 0x),
# from the comment it writes above each descriptor. The coloured gen cases
# check placement over these (tests/gen/cases/colour_*/check).
awk '
/^static const uint32_t vm[0-9]+_s2_/ { vm = $4; sub(/^vm/, "", vm); sub(/_s2_.*/, "", vm) }
/^\t\/\* \[[0-9]+\] IPA 0x[0-9a-f]+-0x[0-9a-f]+ -> PA 0x[0-9a-f]+, / {
	split($4, r, "-"); pa = $7; sub(/,$/, "", pa)
	size = $8 $9; attrs = $0; sub(/.*(page|block), /, "", attrs); sub(/ \*\/$/, "", attrs)
	gsub(/ /, "_", attrs)
	print vm, substr(r[1], 3), substr(r[2], 3), substr(pa, 3), size, attrs
}' "$1"
