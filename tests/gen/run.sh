#!/bin/sh
# Tests for tools/gen (shikiri-gen). Prints one line per case:
#   PASS gen/<case>   or   FAIL gen/<case>: <why>
# and exits 0 either way (the top-level runner counts the lines).
#
# Environment: SRCTREE (default: this repo), O (build root, default
# $SRCTREE/build). Runs from SRCTREE so messages carry relative paths.
#
# A case is a directory tests/gen/cases/<name>/ with partition fragments
# *.dts (given in name order), optionally:
#   board.dtsi   replaces dts/boards/qemu-virt.dtsi
#   args         extra generator options (override the defaults below)
#   expect       exact expected stderr: the generator must exit 1 and
#                write no vmconfig.c (@OBJ@ and @SRC@ are substituted)
#   check        shell snippet run after a successful generation, with
#                $out (output dir), $case (case dir) and run_gen/fail
#                available; it reports a failure with `fail "why"`
#   expect_fail  with check: the generator is expected to exit 1

SRCTREE=${SRCTREE:-$(cd "$(dirname "$0")/../.." && pwd)}
O=${O:-$SRCTREE/build}
cd "$SRCTREE" || exit 0

T=$O/tests/gen
GEN=$T/shikiri-gen
GEN_ASAN=$T/shikiri-gen-asan
GEN_FUZZ=$T/fuzz-gen-driver
OBJ=$T/obj
DEFAULT_ARGS="--nr-cpus 4 --max-vms 4 --max-vcpus 4 --max-vcpus-per-pcpu 4 --sched-default fp
	--sched-enabled fp,edf,rr --hyp-base 0x40000000 --hyp-size 0x200000"

mkdir -p "$T" "$OBJ/guests"

# (Re)build when any generator source is newer than the binary.
need_build() {
	[ -x "$1" ] || return 0
	[ -n "$(find tools/gen tests/gen/fuzz src/include/vmconfig.h -newer "$1" 2>/dev/null | head -n 1)" ]
}
# The three builds are independent (each one compiler run): the two
# sanitizer ones go in the background beside the plain one.
# Sanitizer build for the robustness case; optional.
if need_build "$GEN_ASAN"; then
	{ GEN_EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -g -O1" \
		tools/gen/build.sh "$GEN_ASAN" >"$T/build-asan.log" 2>&1 || rm -f "$GEN_ASAN"; } &
fi
# The fuzz target with its own mutator, under ASan/UBSan (case fuzz).
if need_build "$GEN_FUZZ"; then
	{ tests/gen/fuzz/build.sh "$GEN_FUZZ" >"$T/build-fuzz.log" 2>&1 || rm -f "$GEN_FUZZ"; } &
fi
if need_build "$GEN" && ! tools/gen/build.sh "$GEN" >"$T/build.log" 2>&1; then
	wait
	echo "FAIL gen/build: tools/gen/build.sh failed (see $T/build.log)"
	exit 0
fi
wait

# Fake guest images: small fits anything, big is 8 KiB + 1.
head -c 1000 /dev/zero | tr '\0' 'a' >"$OBJ/guests/small.bin"
head -c 8193 /dev/zero | tr '\0' 'b' >"$OBJ/guests/big.bin"
# Fake initramfs: 5000 bytes.
head -c 5000 /dev/zero | tr '\0' 'c' >"$OBJ/guests/initrd.img"
# Names that would end a C comment; a binary file (NUL bytes) for overlays.
mkdir -p "$OBJ/guests/x*" "$OBJ/guests/*"
cp "$OBJ/guests/small.bin" "$OBJ/guests/x*/y.bin"
cp "$OBJ/guests/initrd.img" "$OBJ/guests/*/i.img"
printf '\000\001\002\377/ { };\n' >"$OBJ/guests/binary.bin"

# run_gen OUTDIR [options...]: generate for the current $case into OUTDIR;
# stderr goes to OUTDIR.err. Returns the generator's status.
run_gen() {
	_o=$1
	shift
	_board=dts/boards/qemu-virt.dtsi
	[ -f "$case/board.dtsi" ] && _board=$case/board.dtsi
	_args=
	[ -f "$case/args" ] && _args=$(cat "$case/args")
	mkdir -p "$_o"
	# shellcheck disable=SC2086
	"$GEN" --out "$_o" --objtree "$OBJ" --srctree "$SRCTREE" $DEFAULT_ARGS $_args "$@" \
		--board "$_board" $(ls "$case"/*.dts 2>/dev/null | sort) 2>"$_o.err"
}

fail() {
	echo "$*" >>"$out.why"
}

# row VM: the VM's line of summary.txt
row() {
	awk -v n="$1" '$2 == n' "$out/summary.txt"
}

# counts VM: "1G 2M 4K" descriptor counts, e.g. "0 16 2"
counts() {
	row "$1" | awk '{ print $(NF-5), $(NF-4), $(NF-3) }'
}

# pa VM: the RAM's physical base from summary.txt
pa() {
	row "$1" | awk '{ print $7 }'
}

# dts FILE: a generated DTB decompiled (dtc must accept it)
dts() {
	dtc -I dtb -O dts "$1" 2>/dev/null || fail "dtc cannot decompile $1"
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got \"$2\", want \"$3\""
}

# compiles DIR NR_CPUS: vmconfig.c builds for the target
compiles() {
	if ! command -v arm-none-eabi-gcc >/dev/null; then
		fail "arm-none-eabi-gcc not installed"
		return
	fi
	# a coloured VM's colours are vm_config fields only with the option
	_colour=
	grep -q VM_MEM_COLOURED "$1/vmconfig.c" && _colour=-DCONFIG_CACHE_COLOURING=1
	# shellcheck disable=SC2086
	arm-none-eabi-gcc -c -std=c11 -Wall -Wextra -Werror -I src/include $_colour \
		-DCONFIG_NR_CPUS="${2:-4}" -DCONFIG_MAX_VCPUS_PER_VM=4 -DCONFIG_MAX_VCPUS_PER_PCPU=4 -DCONFIG_MAX_VMS=4 \
		-o "$1/vmconfig.o" "$1/vmconfig.c" 2>"$1/cc.err" ||
		fail "vmconfig.c does not compile: $(head -n 2 "$1/cc.err" | tr '\n' ' ')"
	arm-none-eabi-gcc -c -o "$1/images.o" "$1/images.S" 2>"$1/as.err" ||
		fail "images.S does not assemble: $(head -n 2 "$1/as.err" | tr '\n' ' ')"
}

run_case() {
	name=$1
	case=tests/gen/cases/$name
	out=$T/out/$name
	rm -rf "$out" "$out.err" "$out.why"
	run_gen "$out"
	status=$?
	if [ -f "$case/expect" ]; then
		sed -e "s|@OBJ@|$OBJ|g" -e "s|@SRC@|$SRCTREE|g" "$case/expect" >"$out.expect"
		if [ $status -ne 1 ]; then
			fail "exit status $status, expected 1"
		elif [ -n "$(ls -A "$out")" ]; then
			fail "files written despite errors: $(ls -A "$out" | tr '\n' ' ')"
		elif ! cmp -s "$out.expect" "$out.err"; then
			fail "stderr differs: $(diff "$out.expect" "$out.err" | grep '^[<>]' | head -n 4 | tr '\n' ' ')"
		fi
	elif [ -f "$case/check" ]; then
		if [ -f "$case/expect_fail" ] && [ $status -ne 1 ]; then
			fail "exit status $status, expected 1"
		elif [ ! -f "$case/expect_fail" ] && [ $status -ne 0 ]; then
			fail "generator failed ($status): $(head -n 3 "$out.err" | tr '\n' ' ')"
		else
			. "./$case/check"
		fi
	else
		fail "no expect or check file"
	fi
	if [ -s "$out.why" ]; then
		echo "FAIL gen/$name: $(head -n 1 "$out.why")"
	else
		echo "PASS gen/$name"
	fi
}

# The pipeline's structure (tools/gen/README.md, "Pipeline"), and that
# the check fails on a phase calling another (a check file using a place
# function, injected into its symbol table).
sh tests/gen/pipeline.sh "$T/pipeline"
case $(PIPELINE_NAME=pipeline_selftest PIPELINE_EXTRA="check_vm.c U place_find" \
	sh tests/gen/pipeline.sh "$T/pipeline") in
"FAIL gen/pipeline_selftest: check file check_vm.c uses place_find of place_ram.c"*)
	echo "PASS gen/pipeline_selftest" ;;
*) echo "FAIL gen/pipeline_selftest: an injected call from check_vm.c to place_find was not refused" ;;
esac

for d in tests/gen/cases/*/; do
	n=$(basename "$d")
	# a case's own failure must not stop the others
	( run_case "$n" )
done
exit 0
