#!/bin/sh
# Static checks: cppcheck over the hypervisor (with the default config's
# sizes) and over the generator. One PASS/FAIL line each.
set -u
: "${SRCTREE:=$(pwd)}" "${O:=$SRCTREE/build}"
cd "$SRCTREE" || exit 2
mkdir -p "$O/tests/lint"

run_cppcheck() {
	name=$1
	shift
	log=$O/tests/lint/$name.log
	if cppcheck --enable=warning,style,performance,portability --error-exitcode=1 -q \
		--inline-suppr --std=c11 "$@" >"$log" 2>&1; then
		echo "PASS lint/$name"
	else
		echo "FAIL lint/$name: $(head -n 1 "$log") (log: $log)"
	fi
}

run_cppcheck cppcheck-src -D__GNUC__ -DCONFIG_NR_CPUS=4 -DCONFIG_MAX_VMS=4 \
	-DCONFIG_MAX_VCPUS_PER_VM=4 -DCONFIG_MAX_VCPUS_PER_PCPU=4 -DCONFIG_HYP_STACK_SIZE=8192 -DCONFIG_LOG_LEVEL=2 \
	-DCONFIG_HYP_CONSOLE=1 -DCONFIG_ASSERTS=1 \
	-Isrc/include -Isrc/arch/armv7/include -Isrc/platform/qemu-virt src
run_cppcheck cppcheck-gen -Isrc/include -DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 -DCONFIG_MAX_VCPUS_PER_PCPU=8 tools/gen
# The channel code outside the hypervisor: the ring library, the guests' DT
# reader and channel task, the Linux tool (docs/channels.md).
run_cppcheck cppcheck-chan -D__arm__ -Iguests/include -Iguests/lib -Itools/chan \
	tools/chan guests/lib/chan_dt.c guests/rtos/chan.c tests/unit/chan_test.c
# The core/arch boundary (docs/architecture.md, "Layers"): src/core and the
# core headers name no interrupt-controller symbol and read no arch field.
if /usr/bin/python3 tests/lint/layers.py "$SRCTREE" >"$O/tests/lint/layers.log" 2>&1; then
	echo "PASS lint/layers"
else
	echo "FAIL lint/layers: $(head -n 1 "$O/tests/lint/layers.log") (log: $O/tests/lint/layers.log)"
fi
# The guests' copy of the hypercall IDs (guests/lib/hvc.h) names every call
# the hypervisor answers (src/include/hypercall.h) with the same value, and
# SHIKIRI_HC_LAST is the last: a hostile guest's "unknown IDs" skip exactly
# those (guests/tz_hostile).
why=$(/usr/bin/python3 - <<'PYEOF'
import re
def ids(path):
    return {m.group(1): int(m.group(2), 16) for m in re.finditer(
        r'^#define\s+(SHIKIRI_HC_[A-Z_]+)\s+(0x[0-9a-fA-F]+)u', open(path).read(), re.M)}
hyp, guest = ids('src/include/hypercall.h'), ids('guests/lib/hvc.h')
calls = {k: v for k, v in hyp.items() if 0x86000000 <= v <= 0x860000ff}
bad = [f'{k} 0x{v:08x}: guests/lib/hvc.h has {guest.get(k)}' for k, v in calls.items() if guest.get(k) != v]
m = re.search(r'#define\s+SHIKIRI_HC_LAST\s+(SHIKIRI_HC_[A-Z_]+)', open('guests/lib/hvc.h').read())
if not m or guest.get(m.group(1)) != max(calls.values()):
    bad.append('SHIKIRI_HC_LAST is not the last call')
print('; '.join(bad))
PYEOF
)
if [ -z "$why" ]; then
	echo "PASS lint/hypercall_ids"
else
	echo "FAIL lint/hypercall_ids: $why"
fi
