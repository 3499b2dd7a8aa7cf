#!/bin/sh
# Install the Debian packages the build and tests need, if any is missing.
# Says what it installs; does nothing (quietly) when everything is there.
set -e
pkgs="gcc make cppcheck cpio gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm u-boot-qemu device-tree-compiler libfdt-dev python3 python3-kconfiglib $*"
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
