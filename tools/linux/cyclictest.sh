#!/bin/sh
# make bench (metric 9): Debian's cyclictest for the Linux guest. Fetches
# rt-tests:armhf and the shared libraries cyclictest needs with apt (like
# fetch.sh fetches the kernel: apt-get download, no root, into the cache
# DIR), builds an overlay archive with
#   /bin/cyclictest, /lib/ld-linux-armhf.so.3 and, in /lib/arm-linux-gnueabihf,
#   every library in cyclictest's NEEDED closure (checked with readelf)
# and writes OUT = BASE followed by the overlay. The kernel unpacks
# concatenated initramfs archives one after the other, so OUT is BASE's
# busybox initramfs with cyclictest added; /init runs it with
# shikiri.test=cyclictest. Cached in DIR:
#   DIR/cyclictest-overlay.cpio.gz   the overlay
#   DIR/cyclictest-version           rt-tests' Debian version
# Nothing here is committed. Exits non-zero with one "shikiri:" line when
# something cannot be fetched (make bench then skips the metric).
# usage: cyclictest.sh DIR BASE OUT
set -eu
dir=${1:?usage: cyclictest.sh DIR BASE OUT}
base=${2:?usage: cyclictest.sh DIR BASE OUT}
out=${3:?usage: cyclictest.sh DIR BASE OUT}
here=$(cd "$(dirname "$0")" && pwd)
# rt-tests' Depends (dpkg-deb -I): libc6, libnuma1 and python3 (for its
# Python tools only; cyclictest is C). libc6 Depends on libgcc-s1, which glibc
# only dlopens for pthread_cancel/pthread_exit unwinding: cyclictest uses
# neither, and the NEEDED check below would catch a direct need.
PKGS="rt-tests:armhf libnuma1:armhf libc6:armhf"
LIBDIR=lib/arm-linux-gnueabihf
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
overlay=$dir/cyclictest-overlay.cpio.gz

if [ ! -f "$overlay" ] || [ -n "$(find "$here/cyclictest.sh" -newer "$overlay")" ]; then
	if ! dpkg --print-foreign-architectures | grep -qx armhf; then
		if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
		echo "shikiri: enabling Debian's armhf packages (dpkg --add-architecture armhf)"
		if ! $SUDO dpkg --add-architecture armhf; then
			echo "shikiri: cannot add the armhf architecture" >&2
			exit 1
		fi
		$SUDO apt-get update -qq >/dev/null 2>&1 || true
	fi
	command -v readelf >/dev/null || { echo "shikiri: readelf missing (binutils)" >&2; exit 1; }
	command -v cpio >/dev/null ||
		{ echo "shikiri: cpio missing (tools/deps.sh installs it)" >&2; exit 1; }
	work=$dir/cyclictest.tmp
	rm -rf "$work"
	mkdir -p "$work/dl" "$work/root" "$work/st/bin" "$work/st/$LIBDIR"
	chmod 777 "$work/dl" # apt's _apt user writes there
	echo "shikiri: downloading $PKGS (apt-get download)"
	# shellcheck disable=SC2086
	(
		cd "$work/dl" || exit 1
		apt-get download -qq $PKGS 2>&1 | grep -v '^W: Download is performed unsandboxed'
	) || true
	for p in $PKGS; do
		ls "$work/dl/${p%%:*}"_*.deb >/dev/null 2>&1 ||
			{ echo "shikiri: apt-get download of $p failed" >&2; rm -rf "$work"; exit 1; }
	done
	for deb in "$work"/dl/*.deb; do dpkg -x "$deb" "$work/root"; done
	root=$work/root
	[ -f "$root/usr/bin/cyclictest" ] ||
		{ echo "shikiri: rt-tests has no /usr/bin/cyclictest" >&2; rm -rf "$work"; exit 1; }
	cp "$root/usr/bin/cyclictest" "$work/st/bin/cyclictest"
	# The dynamic loader cyclictest asks for, at the path it asks for.
	interp=$(readelf -l "$root/usr/bin/cyclictest" | sed -n 's/.*program interpreter: \(.*\)\]/\1/p')
	if [ -z "$interp" ] || [ ! -e "$root$interp" ]; then
		echo "shikiri: cyclictest's loader \"$interp\" is not in the packages" >&2
		rm -rf "$work"
		exit 1
	fi
	mkdir -p "$work/st$(dirname "$interp")"
	cp -L "$root$interp" "$work/st$interp"
	# The NEEDED closure, breadth first (bounded: glibc's libraries and
	# libnuma are a handful).
	todo="$root/usr/bin/cyclictest"
	done_libs=" $(basename "$interp") "
	n=0
	while [ -n "$todo" ] && [ $n -lt 32 ]; do
		n=$((n + 1))
		next=""
		for f in $todo; do
			for lib in $(readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
				case "$done_libs" in *" $lib "*) continue ;; esac
				done_libs="$done_libs$lib "
				src=""
				for d in "$root/$LIBDIR" "$root/usr/$LIBDIR"; do
					[ -e "$d/$lib" ] && src=$d/$lib && break
				done
				if [ -z "$src" ]; then
					echo "shikiri: $lib (needed by $(basename "$f")) is not in $PKGS" >&2
					rm -rf "$work"
					exit 1
				fi
				cp -L "$src" "$work/st/$LIBDIR/$lib"
				next="$next $src"
			done
		done
		todo=$next
	done
	dpkg-deb -f "$work"/dl/rt-tests_*.deb Version >"$work/version"
	(cd "$work/st" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0 | gzip -9n) \
		>"$overlay.tmp"
	mv "$overlay.tmp" "$overlay"
	mv "$work/version" "$dir/cyclictest-version"
	echo "shikiri: built $overlay (rt-tests $(cat "$dir/cyclictest-version"):$done_libs)"
	rm -rf "$work"
fi

# OUT: rewritten only when it changes (the build regenerates when it is newer).
[ -f "$base" ] || { echo "shikiri: $base missing" >&2; exit 1; }
cat "$base" "$overlay" >"$out.tmp"
if cmp -s "$out.tmp" "$out"; then
	rm -f "$out.tmp"
else
	mv "$out.tmp" "$out"
fi
