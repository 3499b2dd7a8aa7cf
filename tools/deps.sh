#!/bin/sh
# Install the Debian packages the build and tests need, if any is missing.
# Says what it installs; does nothing (quietly) when everything is there.
#   tools/deps.sh            the packages every build and `make check` need
#   tools/deps.sh PKG...     those plus PKG..., which must be in `optional`
# Installs with --no-install-recommends: nothing may rely on a Recommends.
# tests/bare-debian.py reads the two lists below: `make check` runs with every
# other package hidden.
set -e
base="gcc make cppcheck cpio gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm u-boot-qemu device-tree-compiler libfdt-dev python3 python3-kconfiglib"
# Installed on demand by the targets that need them (make bench: gnuplot-nox;
# make fuzz: clang and its libFuzzer runtime, a Recommends of clang-14 only;
# make fit: u-boot-tools; make sdimage: mtools; make map: graphviz).
optional="gnuplot-nox clang libclang-rt-14-dev u-boot-tools mtools graphviz"
for p in "$@"; do
	case " $optional " in
	*" $p "*) ;;
	*) echo "tools/deps.sh: $p is not in its optional list" >&2; exit 2 ;;
	esac
done
pkgs="$base $*"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "shikiri: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null || echo "shikiri: apt-get update failed; trying the install anyway"
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
echo "shikiri: installed:$missing"
