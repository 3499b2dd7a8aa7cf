# A VM floods its vUART (2,000 lines as fast as it can) beside one that
# prints a numbered line every 10 ms. The console lock is a ticket lock
# (docs/console.md): the quiet VM's lines all come out, whole and in order,
# while the flood is still going on; no line of either is cut or mixed.
DEFCONFIG=tests/qemu/console_flood/defconfig
TIMEOUT=120
check() {
	expect_exit 0
	# A line may come out in pieces, the later ones marked "[name]+ " (a
	# writer descheduled by a loaded host for 20 ms looks idle): join them
	# back to the line they continue, then check whole lines.
	awk '{
		if (match($0, /^\[[^]]+\]\+ /)) {
			name = substr($0, 2, RLENGTH - 4)
			if (name in last) { line[last[name]] = line[last[name]] substr($0, RLENGTH + 1); next }
		}
		line[++n] = $0
		if (match($0, /^\[[^]]+\] /)) last[substr($0, 2, RLENGTH - 3)] = n
	} END { for (i = 1; i <= n; i++) print line[i] }' "$log" >"$dir/console.joined"
	log=$dir/console.joined
	expect_line '^\[flood\] flood: done$'
	expect_line '^\[ticker\] tick: done$'
	# Every flood line whole: its number, then the 100 letters a..z, a..v.
	letters='abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuv'
	expect_count 2000 "^\[flood\] flood [0-9]{5} $letters\$"
	expect_count 2002 '^\[flood\] '
	# The ticker's 20 lines, complete and in order.
	seq=$(sed -n 's/^\[ticker\] tick \([0-9]*\)$/\1/p' "$log" | tr '\n' ' ')
	[ "$seq" = "$(seq 1 20 | tr '\n' ' ')" ] || fail "ticker lines: $seq"
	expect_count 22 '^\[ticker\] '
	# Nothing else on the console but the hypervisor's lines.
	expect_count 0 '^[^[s]|^s[^h]'
	# The quiet VM was not held back until the flood ended.
	expect_before '^\[ticker\] tick: done$' '^\[flood\] flood: done$'
	expect_no_line 'PANIC|assertion|exception|\]\+ '
}
