#!/bin/sh
# The generator's structure (tools/gen/README.md, "Pipeline"), checked on
# the symbols its object files define and use, so that it cannot drift:
#
#   roles   every tools/gen/*.c is in the README's file table; a file named
#           parse_, check_, place_, build_ or emit_ belongs to that phase,
#           main.c and process.c are the driver, the rest is support
#   calls   a phase file uses only support files and files of its own
#           phase; support files use no phase and no driver file; main.c
#           uses no phase file (process.c is the only caller of phases)
#   cycles  no cycle among the files (who uses whom), none among the
#           headers (who includes whom)
#   order   the phase functions gen_process() calls, in the order it calls
#           them, are the README's step table, row by row
#
# Usage: tests/gen/pipeline.sh OBJDIR (prints PASS/FAIL gen/pipeline...).
# PIPELINE_EXTRA="file.c U symbol" adds a line to the symbol table: the
# self-test (gen/pipeline_selftest) injects a forbidden use with it and
# expects a failure. Run from the source tree.

OBJDIR=${1:?usage: tests/gen/pipeline.sh OBJDIR}
name=${PIPELINE_NAME:-pipeline}
G=tools/gen
mkdir -p "$OBJDIR"
syms=$OBJDIR/syms.txt
why=$OBJDIR/$name.why
: >"$why"

fail() {
	echo "$*" >>"$why"
}

# One object per file (-O0: only the symbols matter), rebuilt when older
# than any generator source or header.
for c in "$G"/*.c; do
	o=$OBJDIR/$(basename "$c" .c).o
	if [ ! -f "$o" ] || [ -n "$(find $G src/include/vmconfig.h -newer "$o" 2>/dev/null | head -n 1)" ]; then
		${HOSTCC:-gcc} -c -O0 -std=gnu11 -Isrc/include -DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 \
			-DCONFIG_MAX_VCPUS_PER_PCPU=8 -o "$o" "$c" 2>"$OBJDIR/cc.err" ||
			{ echo "FAIL gen/$name: $c does not compile (see $OBJDIR/cc.err)"; exit 0; }
	fi
done
# "file.c D|U symbol": what each file defines and what it uses
for c in "$G"/*.c; do
	f=$(basename "$c")
	nm "$OBJDIR/${f%.c}.o" | awk -v f="$f" '$1 == "U" { print f, "U", $2; next }
		NF == 3 && $2 ~ /^[TDRBC]$/ { print f, "D", $3 }'
done >"$syms"
[ -n "${PIPELINE_EXTRA:-}" ] && echo "$PIPELINE_EXTRA" >>"$syms"

role() {
	case $1 in
	main.c | process.c) echo driver ;;
	parse_* | check_* | place_* | build_* | emit_*) echo "${1%%_*}" ;;
	*) echo support ;;
	esac
}

# roles: the README's file table lists every file, and nothing else
# shellcheck disable=SC2016 # the backquotes are the README's
listed=$(sed -n 's/^| `\([a-z0-9_]*\.c\)` |.*/\1/p' "$G/README.md" | sort)
present=$(for c in "$G"/*.c; do basename "$c"; done | sort)
[ "$listed" = "$present" ] ||
	fail "README file table and tools/gen/*.c differ: $(echo "$listed" | tr '\n' ' ') vs $(echo "$present" | tr '\n' ' ')"

# edges "user definer" (a file using a symbol another file defines)
edges=$OBJDIR/edges.txt
awk '$2 == "D" { def[$3] = $1 } $2 == "U" { use[NR] = $1 " " $3 }
	END { for (i in use) { split(use[i], u, " "); if ((u[2] in def) && def[u[2]] != u[1])
		print u[1], def[u[2]], u[2] } }' "$syms" | sort -u >"$edges"

# calls
while read -r user definer sym; do
	ru=$(role "$user")
	rd=$(role "$definer")
	case $ru in
	driver)
		[ "$user" = main.c ] && [ "$rd" != support ] && [ "$definer" != process.c ] &&
			fail "main.c uses $sym of $definer (only process.c calls the phases)"
		;;
	support)
		[ "$rd" != support ] && fail "support file $user uses $sym of $definer ($rd)"
		;;
	*)
		[ "$rd" != support ] && [ "$rd" != "$ru" ] &&
			fail "$ru file $user uses $sym of $definer ($rd): phases do not call each other"
		;;
	esac
done <"$edges"

# cycles: repeatedly drop files that use none of the files left, or that
# none of them uses; what stays is on a cycle (or between two)
cyc=$(awk '{ e[$1 " " $2] = 1; n[$1] = 1; n[$2] = 1 }
	END { do { ch = 0; for (a in n) { out = 0; inn = 0; for (k in e) { split(k, p, " ");
		if (p[1] == a && (p[2] in n) && p[2] != a) out = 1
		if (p[2] == a && (p[1] in n) && p[1] != a) inn = 1 }
		if (!out || !inn) { delete n[a]; ch = 1 } } } while (ch); for (a in n) printf "%s ", a }' "$edges")
[ -n "$cyc" ] && fail "files that use each other (a cycle): $cyc"
hcyc=$(for f in "$G"/*.h; do
	sed -n 's/^#include "\([a-z0-9_]*\.h\)".*/\1/p' "$f" | while read -r h; do
		[ -f "$G/$h" ] && echo "$(basename "$f") $h"
	done
done | awk '{ e[$1 " " $2] = 1; n[$1] = 1; n[$2] = 1 }
	END { do { ch = 0; for (a in n) { out = 0; inn = 0; for (k in e) { split(k, p, " ");
		if (p[1] == a && (p[2] in n)) out = 1
		if (p[2] == a && (p[1] in n)) inn = 1 }
		if (!out || !inn) { delete n[a]; ch = 1 } } } while (ch); for (a in n) printf "%s ", a }')
[ -n "$hcyc" ] && fail "headers that include each other (a cycle): $hcyc"

# order: gen_process()'s calls of phase functions against the README's steps
phase_fns=$(awk '$2 == "D" { print $1, $3 }' "$syms" | while read -r f s; do
	[ "$(role "$f")" != support ] && [ "$(role "$f")" != driver ] && echo "$s"
done | sort -u)
called=$(sed -n '/^void gen_process(/,/^}/p' $G/process.c | grep -o '[a-z_0-9]*(' | tr -d '(' |
	grep -x -F "$phase_fns")
# shellcheck disable=SC2016 # the backquotes are the README's
steps=$(sed -n '/^## Pipeline/,/^## /p' "$G/README.md" | sed -n 's/^| [0-9]* | `\([a-z_0-9]*\)()`.*/\1/p')
[ -n "$called" ] || fail "gen_process() calls no phase function"
[ "$called" = "$steps" ] ||
	fail "gen_process() calls $(echo "$called" | tr '\n' ' ')but the README's steps are $(echo "$steps" | tr '\n' ' ')"

if [ -s "$why" ]; then
	echo "FAIL gen/$name: $(head -n 1 "$why")"
else
	echo "PASS gen/$name"
fi
