#!/bin/sh
# Fetch one of Debian's armhf kernel flavours and busybox-static with apt and
# build a busybox initramfs around tools/linux/init. Everything is cached in
# DIR, so that switching flavours back and forth downloads each only once:
#   DIR/vmlinuz-FLAVOUR     the zImage (unmodified Debian kernel)
#   DIR/modules-FLAVOUR/    the kernel modules /init loads (MODULES below),
#                           from the same kernel package as the zImage
#   DIR/busybox             busybox-static
#   DIR/initramfs-FLAVOUR.cpio.gz   busybox + /init + those modules + TOOL
#                           (+ /bin/ticks, from ticks.c)
# FLAVOUR: armmp-lpae (default), armmp or rt-armmp (docs/kconfig.md,
# CONFIG_LINUX_FLAVOUR). TOOL: shikiri-chan (tools/chan), installed as
# /bin/shikiri-chan; CTL: shikiri-ctl (tools/ctl), as /bin/shikiri-ctl. Nothing here is committed; rerunning is a no-op once
# DIR holds what is asked for.
set -eu
dir=${1:?usage: fetch.sh DIR [FLAVOUR [TOOL [CTL]]]}
flavour=${2:-armmp-lpae}
tool=${3:-}
ctl=${4:-}
# Modules the channels need (docs/channels.md, "Linux"): evdev, for the
# doorbell's input event device (gpio-keys itself is built in). Debian's
# kernel has no uio_pdrv_genirq (CONFIG_UIO_PDRV_GENIRQ is not set), so uio
# is not shipped.
MODULES="kernel/drivers/input/evdev.ko"
here=$(cd "$(dirname "$0")" && pwd)
case $flavour in
armmp-lpae | armmp | rt-armmp) ;;
*)
	echo "shikiri: unknown Linux flavour \"$flavour\" (armmp-lpae, armmp or rt-armmp)" >&2
	exit 1
	;;
esac
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# A cache from before flavours were a choice (no .flavours mark) holds the
# armmp-lpae zImage as plain "vmlinuz". (Now "vmlinuz" there is the build's
# copy of the configured flavour, see the Makefile.)
if [ ! -f "$dir/.flavours" ] && [ ! -f "$dir/vmlinuz-armmp-lpae" ] && [ -f "$dir/vmlinuz" ]; then
	mv "$dir/vmlinuz" "$dir/vmlinuz-armmp-lpae"
fi
touch "$dir/.flavours"

# The versioned kernel package the flavour's metapackage pulls in.
resolve() {
	apt-cache depends "linux-image-$flavour:armhf" 2>/dev/null |
		sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1
}

pkgs=""
# A cache from before modules were kept has the zImage but no modules: fetch again.
if [ ! -f "$dir/vmlinuz-$flavour" ] || [ ! -d "$dir/modules-$flavour" ]; then
	if ! dpkg --print-foreign-architectures | grep -qx armhf; then
		echo "shikiri: enabling Debian's armhf packages (dpkg --add-architecture armhf)"
		$SUDO dpkg --add-architecture armhf
		$SUDO apt-get update -qq >/dev/null 2>&1 || true
	fi
	kpkg=$(resolve)
	if [ -z "$kpkg" ]; then
		$SUDO apt-get update -qq >/dev/null 2>&1 || true
		kpkg=$(resolve)
	fi
	[ -n "$kpkg" ] || { echo "shikiri: cannot resolve linux-image-$flavour:armhf" >&2; exit 1; }
	pkgs="$kpkg:armhf"
fi
[ -f "$dir/busybox" ] || pkgs="${pkgs:+$pkgs }busybox-static:armhf"

if [ -n "$pkgs" ]; then
	echo "shikiri: downloading $pkgs (apt-get download)"
	rm -rf "$dir/dl" "$dir/root"
	mkdir -p "$dir/dl" "$dir/root"
	chmod 777 "$dir/dl" # apt's _apt user writes there
	# shellcheck disable=SC2086
	(cd "$dir/dl" && apt-get download -qq $pkgs 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
	ls "$dir"/dl/*.deb >/dev/null 2>&1 || { echo "shikiri: apt-get download failed" >&2; exit 1; }
	for deb in "$dir"/dl/*.deb; do dpkg -x "$deb" "$dir/root"; done
	if [ ! -f "$dir/busybox" ]; then
		cp "$dir/root/bin/busybox" "$dir/busybox"
		rm -f "$dir/initramfs.cpio.gz"
	fi
	if [ ! -f "$dir/vmlinuz-$flavour" ] || [ ! -d "$dir/modules-$flavour" ]; then
		kver=$(ls "$dir"/root/lib/modules | head -n 1)
		rm -rf "$dir/modules.tmp"
		mkdir -p "$dir/modules.tmp"
		for m in $MODULES; do
			cp "$dir/root/lib/modules/$kver/$m" "$dir/modules.tmp/" ||
				{ echo "shikiri: $m missing from Debian's $kver kernel package" >&2; exit 1; }
		done
		echo "$kver" >"$dir/modules.tmp/kernel-version"
		cp "$(ls "$dir"/root/boot/vmlinuz-* | head -n 1)" "$dir/vmlinuz.tmp"
		rm -rf "$dir/modules-$flavour"
		mv "$dir/modules.tmp" "$dir/modules-$flavour"
		mv "$dir/vmlinuz.tmp" "$dir/vmlinuz-$flavour"
		rm -f "$dir/initramfs-$flavour.cpio.gz"
	fi
	rm -rf "$dir/dl" "$dir/root" # every other module stays out
fi

# The initramfs, one per flavour (its modules are that kernel's): rebuilt
# when /init, ticks.c, this script or the tool changes.
ramfs=$dir/initramfs-$flavour.cpio.gz
if [ ! -f "$ramfs" ] || [ "$here/init" -nt "$ramfs" ] || [ "$here/fetch.sh" -nt "$ramfs" ] ||
	[ "$here/ticks.c" -nt "$ramfs" ] || { [ -n "$tool" ] && [ "$tool" -nt "$ramfs" ]; } ||
	{ [ -n "$ctl" ] && [ "$ctl" -nt "$ramfs" ]; }; then
	command -v cpio >/dev/null || { echo "shikiri: cpio missing (tools/deps.sh installs it)" >&2; exit 1; }
	st=$dir/initramfs-$flavour.staging
	rm -rf "$st"
	mkdir -p "$st/bin" "$st/sbin" "$st/proc" "$st/sys" "$st/dev" "$st/tmp" "$st/root" "$st/lib/modules"
	cp "$dir/busybox" "$st/bin/busybox"
	cp "$dir/modules-$flavour"/* "$st/lib/modules/"
	[ -z "$tool" ] || cp "$tool" "$st/bin/shikiri-chan"
	[ -z "$ctl" ] || cp "$ctl" "$st/bin/shikiri-ctl"
	# The busybox binary is ARM: its applet list cannot be asked for here.
	for a in sh ash cat echo grep head tail sed awk wc sort uniq nproc dmesg mount umount \
		poweroff reboot sleep devmem ls ps top free uname date seq cut tr true false \
		setsid cttyhack mkdir rm cp mv ln chmod md5sum sha256sum dd yes expr test \
		printf kill killall watch time env xargs find hexdump od stty getty login vi insmod lsmod; do
		ln -s busybox "$st/bin/$a"
	done
	# ticks (make bench: the counter when /init starts), a freestanding
	# static ARM program built with the project's bare-metal compiler.
	arm-none-eabi-gcc -march=armv7-a -marm -mfloat-abi=soft -ffreestanding -nostdlib -static \
		-O2 -Wall -Wextra -Werror -o "$st/bin/ticks" "$here/ticks.c" -lgcc
	cp "$here/init" "$st/init"
	chmod 755 "$st/init"
	(cd "$st" && find . | LC_ALL=C sort | cpio -o -H newc --quiet | gzip -9n) >"$ramfs.tmp"
	mv "$ramfs.tmp" "$ramfs"
	rm -rf "$st"
	echo "shikiri: built $ramfs"
fi
