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

# The view is consistent: every package dpkg calls installed has its files
# (a package whose files are hidden must look absent, or apt trusts it: that
# is how an on-demand gnuplot install once broke make check for new users).
why=$(/usr/bin/python3 - <<'PYEOF'
import os, subprocess
out = subprocess.run(['dpkg-query', '-W', '-f=${Package}:${Architecture}\t${Status}\n'],
                     capture_output=True, text=True).stdout
div = subprocess.run(['dpkg-divert', '--list'], capture_output=True, text=True).stdout
diverted = {l.split()[2] for l in div.splitlines() if l.startswith('diversion of ')}
bad, pkgs = [], 0
for line in out.splitlines():
    name, status = line.split('\t')
    if not status.endswith(' installed'):
        continue
    pkgs += 1
    short, arch = name.split(':')
    for lst in (f'/var/lib/dpkg/info/{name}.list', f'/var/lib/dpkg/info/{short}.list'):
        if os.path.exists(lst):
            break
    else:
        bad.append(f'{short}: no file list')
        continue
    with open(lst, errors='replace') as f:
        files = [l.rstrip('\n') for l in f if l.startswith('/')]
    gone = [p for p in files if p not in diverted and not os.path.lexists(p)]
    if gone:
        bad.append(f'{short}: {len(gone)} of its files missing, e.g. {gone[0]}')
print(f'{pkgs} packages' if pkgs and not bad else '; '.join(bad[:5]) or 'dpkg lists nothing')
PYEOF
)
case "$why" in
*" packages") echo "PASS bare/dpkg_consistent" ;;
*) echo "FAIL bare/dpkg_consistent: installed per dpkg but hidden: $why" ;;
esac

# Nothing installs packages inside the view: a package the suite lacks is
# an error that names tools/deps.sh's check list, and apt is never run.
# clang (make fuzz only) is in no list the view keeps.
if tools/deps.sh --check >"$dir/deps-check.log" 2>&1; then
	echo "PASS bare/check_packages_present"
else
	echo "FAIL bare/check_packages_present: tools/deps.sh --check in the view: $(head -c 300 "$dir/deps-check.log")"
fi
if dpkg-query -W -f='${Status}' clang 2>/dev/null | grep -q "ok installed"; then
	echo "FAIL bare/optional_absent: clang (make fuzz only) is installed in the view"
elif tools/deps.sh clang >"$dir/deps-clang.log" 2>&1; then
	echo "FAIL bare/no_install_in_view: tools/deps.sh clang succeeded inside the view"
elif grep -q "nothing installs packages inside make check's" "$dir/deps-clang.log" &&
	! grep -q "installing" "$dir/deps-clang.log"; then
	echo "PASS bare/no_install_in_view"
else
	echo "FAIL bare/no_install_in_view: $(head -c 300 "$dir/deps-clang.log")"
fi
