#!/bin/sh
# Build an SD-card (or disk) image a user can dd to a card:
#   [0, 1 MiB)   MBR; U-Boot with its SPL at 8 KiB when SPL is given
#                (the Allwinner boot ROM reads it from there)
#   [1 MiB, end) partition 1, FAT32 (LBA), bootable: the FILES
# SIZE_MIB must be a power of two (QEMU's SD card model wants one).
# Only mtools (mformat, mcopy) and python3 are needed: no root, no loop
# devices.
#
# usage: sdimage.sh OUT SIZE_MIB SPL|- FILE...
set -eu
out=$1 size=$2 spl=$3
shift 3
tmp=$out.tmp
part_start=2048 # sectors: 1 MiB
sectors=$((size * 2048))
part_sectors=$((sectors - part_start))

rm -f "$tmp" "$tmp.fat"
dd if=/dev/zero of="$tmp" bs=1M count=0 seek="$size" 2>/dev/null
/usr/bin/python3 - "$tmp" "$part_start" "$part_sectors" <<'PY'
import struct, sys
path, start, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# One primary partition: bootable, type 0x0c (FAT32 LBA); CHS fields unused.
entry = struct.pack("<B3sB3sII", 0x80, b"\xfe\xff\xff", 0x0c, b"\xfe\xff\xff", start, count)
with open(path, "r+b") as f:
    f.seek(440)
    f.write(struct.pack("<I", 0x5348494b))  # disk signature "KIHS"
    f.seek(446)
    f.write(entry + bytes(48) + b"\x55\xaa")
PY
if [ "$spl" != "-" ]; then
	[ -f "$spl" ] || { echo "sdimage.sh: $spl not found" >&2; exit 1; }
	spl_size=$(stat -c %s "$spl")
	[ "$spl_size" -le $(((part_start - 16) * 512)) ] || { echo "sdimage.sh: $spl does not fit below 1 MiB" >&2; exit 1; }
	dd if="$spl" of="$tmp" bs=1024 seek=8 conv=notrunc 2>/dev/null
fi
dd if=/dev/zero of="$tmp.fat" bs=512 count=0 seek="$part_sectors" 2>/dev/null
mformat -i "$tmp.fat" -F -v SHIKIRI -T "$part_sectors" -h 64 -s 32 -H "$part_start" ::
mcopy -i "$tmp.fat" "$@" ::/
dd if="$tmp.fat" of="$tmp" bs=512 seek="$part_start" conv=notrunc 2>/dev/null
rm -f "$tmp.fat"
mv "$tmp" "$out"
