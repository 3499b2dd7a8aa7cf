#!/bin/sh
# make fuzz: the generator fuzz target (tests/gen/fuzz/fuzz_gen.c) under
# libFuzzer with ASan/UBSan, FUZZ_RUNS executions (default 100000), seeded
# from the documented examples and the tests/gen cases. The corpus it grows
# is kept in $O/fuzz/corpus; a crashing input is saved as $O/fuzz/crash-*.
# Needs clang and libclang-rt-14-dev (installed here if missing; make check
# does not need them).
set -eu
SRCTREE=${SRCTREE:-$(cd "$(dirname "$0")/../../.." && pwd)}
O=${O:-$SRCTREE/build}
RUNS=${FUZZ_RUNS:-100000}
cd "$SRCTREE"
tools/deps.sh clang libclang-rt-14-dev
F=$O/fuzz
mkdir -p "$F/corpus"
echo "  FUZZ    building $F/fuzz-gen (clang, libFuzzer, ASan/UBSan)"
tests/gen/fuzz/build.sh "$F/fuzz-gen" libfuzzer
echo "  FUZZ    seeds: $(tests/gen/fuzz/seeds.sh "$F") from dts/partitions and tests/gen/cases"
# the fake images the tests/gen cases name
mkdir -p "$F/obj/guests"
head -c 1000 /dev/zero | tr '\0' 'a' >"$F/obj/guests/small.bin"
head -c 5000 /dev/zero | tr '\0' 'c' >"$F/obj/guests/initrd.img"
SHIKIRI_FUZZ_BOARD=$F/board.dtb SHIKIRI_FUZZ_OBJTREE=$F/obj \
	"$F/fuzz-gen" -runs="$RUNS" -seed=1 -max_len=65536 -print_final_stats=1 \
	-artifact_prefix="$F/" "$F/corpus" "$F/seeds" 2>"$F/fuzz.log" || {
	tail -n 30 "$F/fuzz.log"
	echo "FUZZ FAILED: see $F/fuzz.log and $F/crash-*"
	exit 1
}
grep -E '^(Done|stat::number_of_executed_units)' "$F/fuzz.log"
echo "  FUZZ    done: no crash, no sanitizer report ($F/fuzz.log)"
