# Lines of 200, 255, 256, 257 and 600 characters reach the console whole (the
# vUART's line buffer holds 256; a longer line goes out in parts that join up
# when nobody writes in between). A 300-character line cut after 256 by a
# hypervisor line continues on a line of its own marked "[long]+ ".
DEFCONFIG=tests/qemu/vuart_lines/defconfig
check() {
	expect_exit 0
	abc=abcdefghijklmnopqrstuvwxyz
	pattern() { # letters a..z repeated, $2 of them from offset $1
		printf '%s' "$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc$abc" |
			cut -c "$(($1 + 1))-$(($1 + $2))"
	}
	for n in 200 255 256 257 600; do
		expect_line "^\[long\] $(pattern 0 "$n")\$"
	done
	expect_count 6 '^\[long\] [a-z]+$'
	# The cut line: its first 256, the hypervisor's line, then the rest.
	cut_at=$(grep -n '^shikiri: vm long: refused GICD ISENABLER access for IRQ 40' "$log" | cut -d: -f1)
	[ -n "$cut_at" ] || fail "no hypervisor line in the middle"
	[ -n "$cut_at" ] && {
		sed -n "$((cut_at - 1))p" "$log" | grep -qx "\[long\] $(pattern 0 256)" ||
			fail "line before the cut: $(sed -n "$((cut_at - 1))p" "$log" | cut -c1-40)"
		sed -n "$((cut_at + 1))p" "$log" | grep -qx "\[long\]+ $(pattern 256 44)" ||
			fail "line after the cut: $(sed -n "$((cut_at + 1))p" "$log")"
	}
	expect_line '^\[long\] longline: done$'
	expect_no_line 'PANIC|assertion|exception'
}
