#!/bin/sh
# Build shikiri-gen standalone: tools/gen/build.sh OUT  (OUT: output binary path)
# The top-level Makefile does the same with its own flags.
set -e
out=${1:?usage: tools/gen/build.sh OUT}
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
mkdir -p "$(dirname "$out")"
${HOSTCC:-gcc} -O2 -std=gnu11 -Wall -Wextra -Werror -I"$src/src/include" \
	-DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 -DCONFIG_MAX_VCPUS_PER_PCPU=8 \
	${GEN_EXTRA_CFLAGS:-} -o "$out" "$here"/*.c -lfdt
