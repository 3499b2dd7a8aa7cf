#!/bin/sh
# Put Debian's U-Boot build for one board at OUT (U-Boot with its SPL, as
# the board's boot ROM loads it). Debian's file is used where the package
# is installed; otherwise the armhf package is fetched with apt-get
# download and unpacked (never installed, never committed).
#
# usage: fetch-uboot.sh PACKAGE BUILD FILE OUT
#   e.g. fetch-uboot.sh u-boot-sunxi orangepi_plus u-boot-sunxi-with-spl.bin build/u-boot/x.bin
set -eu
pkg=$1 board=$2 file=$3 out=$4
sys=/usr/lib/u-boot/$board/$file
mkdir -p "$(dirname "$out")"
if [ -f "$sys" ]; then
	cp "$sys" "$out.tmp"
	mv "$out.tmp" "$out"
	exit 0
fi
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
	echo "shikiri: enabling Debian's armhf packages (dpkg --add-architecture armhf)"
	$SUDO dpkg --add-architecture armhf
	$SUDO apt-get update -qq >/dev/null 2>&1 || true
fi
dl=$(dirname "$out")/dl.$$
rm -rf "$dl"
mkdir -p "$dl/root"
chmod 777 "$dl"
echo "shikiri: downloading $pkg:armhf (apt-get download) for $board/$file"
(cd "$dl" && apt-get download -qq "$pkg:armhf" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
ls "$dl"/*.deb >/dev/null 2>&1 || { echo "shikiri: apt-get download $pkg:armhf failed" >&2; exit 1; }
dpkg -x "$dl"/*.deb "$dl/root"
[ -f "$dl/root$sys" ] || { echo "shikiri: $pkg has no $board/$file" >&2; exit 1; }
cp "$dl/root$sys" "$out.tmp"
mv "$out.tmp" "$out"
rm -rf "$dl"
