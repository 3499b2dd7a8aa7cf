#!/bin/sh
# The bare-Debian guard itself (tests/bare-debian.py): the suites run in a
# view of the machine without anything tools/deps.sh does not install. Its
# proof that the view is bare: QEMU's default NIC, whose ROM only the
# Recommends ipxe-qemu brings, cannot start there, while the command line
# the project uses (-nic none) boots. Run by tests/run.sh inside that view.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
QEMU=${QEMU:-qemu-system-arm}
dir=$O/tests/bare
mkdir -p "$dir"

if [ "${SHIKIRI_BARE:-0}" != 1 ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "SKIP bare/view: not root, so the suites ran on the full machine"
	else
		echo "FAIL bare/view: tests/run.sh did not run the suites in the bare-Debian view"
	fi
	exit 0
fi

# A minimal bare-metal image: QEMU must load it and run; it never stops on
# its own, so a timeout (124) is the good outcome.
printf '\376\377\377\352' >"$dir/loop.bin" # b . (ARM, little-endian)
run() {
	timeout 5 "$QEMU" -M virt,virtualization=on -cpu cortex-a15 "$@" -m 64M -display none \
		-monitor none -serial none -kernel "$dir/loop.bin" </dev/null >"$dir/qemu.log" 2>&1
}

run -nic none
st=$?
if [ "$st" -eq 124 ]; then
	echo "PASS bare/qemu_nic_none"
else
	echo "FAIL bare/qemu_nic_none: QEMU exit status $st: $(head -c 300 "$dir/qemu.log")"
fi

run
st=$?
if [ "$st" -ne 124 ] && grep -q 'efi-virtio.rom' "$dir/qemu.log"; then
	echo "PASS bare/view_lacks_nic_rom"
else
	echo "FAIL bare/view_lacks_nic_rom: QEMU with its default NIC ran (status $st): the view is not bare"
fi

# Nothing outside Debian's packages is visible: /usr/local, /opt are empty,
# PATH is Debian's default.
if [ -z "$(ls -A /usr/local /opt 2>/dev/null | grep -v ':$' | grep -v '^$')" ] &&
	[ "$PATH" = /usr/sbin:/usr/bin:/sbin:/bin ]; then
	echo "PASS bare/no_local_tools"
else
	echo "FAIL bare/no_local_tools: /usr/local or /opt not empty, or PATH=$PATH"
fi
