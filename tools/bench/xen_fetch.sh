#!/bin/sh
# Fetch Debian's Xen 4.17 hypervisor for armhf with apt, like
# tools/linux/fetch.sh fetches the Linux guest: `make bench` runs the bench
# guests as Xen dom0less domUs beside their bare and shikiri runs (the peer,
# docs/performance.md). Cached in DIR; nothing here is committed:
#   DIR/xen          the hypervisor (a zImage: QEMU -kernel boots it)
#   DIR/xen.version  the package version it came from
# Exit status 0 when DIR/xen is there, 1 when it cannot be fetched (no
# network, no armhf index...): the bench then skips the peer.
set -eu
dir=${1:?usage: xen_fetch.sh DIR}
pkg=xen-hypervisor-4.17-armhf
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
[ -f "$dir/xen" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
	echo "shikiri: enabling Debian's armhf packages (dpkg --add-architecture armhf)"
	$SUDO dpkg --add-architecture armhf || exit 1
	$SUDO apt-get update -qq >/dev/null 2>&1 || true
fi
if ! apt-cache show "$pkg:armhf" >/dev/null 2>&1; then
	$SUDO apt-get update -qq >/dev/null 2>&1 || true
	apt-cache show "$pkg:armhf" >/dev/null 2>&1 ||
		{ echo "shikiri: no $pkg:armhf in the apt index" >&2; exit 1; }
fi
echo "shikiri: downloading $pkg:armhf (apt-get download)"
rm -rf "$dir/dl" "$dir/root"
mkdir -p "$dir/dl" "$dir/root"
chmod 777 "$dir/dl" # apt's _apt user writes there
(cd "$dir/dl" && apt-get download -qq "$pkg:armhf" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
deb=$(ls "$dir"/dl/*.deb 2>/dev/null | head -n 1)
[ -n "$deb" ] || { echo "shikiri: apt-get download $pkg:armhf failed" >&2; exit 1; }
dpkg -x "$deb" "$dir/root"
img=$(ls "$dir"/root/boot/xen-4.17* 2>/dev/null | head -n 1)
[ -n "$img" ] || { echo "shikiri: $deb has no boot/xen-4.17*" >&2; exit 1; }
dpkg-deb -f "$deb" Version >"$dir/xen.version"
cp "$img" "$dir/xen.tmp"
mv "$dir/xen.tmp" "$dir/xen"
rm -rf "$dir/dl" "$dir/root"
echo "shikiri: Xen $(cat "$dir/xen.version") in $dir/xen"
