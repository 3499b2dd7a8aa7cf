#!/bin/sh
# Install the Debian packages the build and tests need, if any is missing.
# Says what it installs; does nothing (quietly) when everything is there.
#   tools/deps.sh            the packages every build needs (base)
#   tools/deps.sh --check    those plus what `make check` needs (check)
#   tools/deps.sh PKG...     base plus PKG..., each in `check` or `optional`
# Installs with --no-install-recommends: nothing may rely on a Recommends.
#
# tests/run.sh installs base + check *before* it enters its bare-Debian view
# (tests/bare-debian.py), which keeps exactly these two lists (and Debian's
# base system) and hides everything else, dpkg's record included. Inside that
# view (SHIKIRI_BARE=1) this script never installs anything: a package
# installed there would land in a throw-away overlay over a package database
# that does not match the files (how gnuplot once failed for every new user
# while it passed on a developer's machine). A test that needs a package
# names it in `check`.
set -e
base="gcc make cppcheck cpio gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm u-boot-qemu device-tree-compiler libfdt-dev python3 python3-kconfiglib"
# make check: the bench smoke run draws its plots (gnuplot-nox), the boot
# tests build FITs and card images (u-boot-tools, mtools), the map test draws
# the partitioning (graphviz). Outside make check the targets that need them
# install them on demand.
check="gnuplot-nox u-boot-tools mtools graphviz"
# make fuzz only: clang and its libFuzzer runtime (a Recommends of clang-14).
optional="clang libclang-rt-14-dev"
pkgs="$base"
for p in "$@"; do
	case "$p" in
	--check) pkgs="$pkgs $check"; continue ;;
	esac
	case " $check $optional " in
	*" $p "*) pkgs="$pkgs $p" ;;
	*) echo "tools/deps.sh: $p is in neither its check nor its optional list" >&2; exit 2 ;;
	esac
done
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "${SHIKIRI_BARE:-0}" = 1 ]; then
	echo "shikiri: missing Debian packages:$missing; nothing installs packages inside make check's" \
		"bare-Debian view: name them in tools/deps.sh's check list (installed before the view)" >&2
	exit 1
fi
echo "shikiri: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || echo "shikiri: apt-get update failed; trying the install anyway"
# shellcheck disable=SC2086
# Another apt (an unattended upgrade, a second build) may hold the lock: wait for it.
$SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends $missing >/dev/null
echo "shikiri: installed:$missing"
