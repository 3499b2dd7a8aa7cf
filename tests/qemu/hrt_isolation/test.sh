# An hrt VM next to an srt VM that takes a stream of its own interrupts
# (3,000 fast timer periods through list registers): the hrt core is never
# entered for an IRQ, the noisy core is entered for each of its own.
DEFCONFIG=tests/qemu/hrt_isolation/defconfig
check() {
	expect_exit 0
	expect_line '^\[rt\] timer: rt 1000/1000 periods'
	expect_line '^\[rt\] timer: hyp irq entries 0$'
	expect_line '^\[noisy\] timer: noisy 3000/3000 periods'
	expect_line '^\[noisy\] timer: hyp irq entries [0-9]{4,}$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'lost|PANIC|assertion|exception'
}
