#!/bin/sh
# tests/gen/fuzz/build.sh OUT [libfuzzer]: the generator fuzz target under
# ASan/UBSan: with libFuzzer (clang, for make fuzz) or with driver.c (gcc,
# for the bounded run in make check). Run from the source tree.
set -e
out=${1:?usage: build.sh OUT [libfuzzer]}
srcs=$(ls tools/gen/*.c | grep -v '/main\.c$')
flags="-std=gnu11 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror
	-Isrc/include -Itools/gen -DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 -DCONFIG_MAX_VCPUS_PER_PCPU=8"
mkdir -p "$(dirname "$out")"
if [ "${2:-}" = libfuzzer ]; then
	# shellcheck disable=SC2086
	${FUZZ_CC:-clang} $flags -fsanitize=fuzzer -o "$out" tests/gen/fuzz/fuzz_gen.c $srcs -lfdt
else
	# shellcheck disable=SC2086
	${HOSTCC:-gcc} $flags -o "$out" tests/gen/fuzz/fuzz_gen.c tests/gen/fuzz/driver.c $srcs -lfdt
fi
