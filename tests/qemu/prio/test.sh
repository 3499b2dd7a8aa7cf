# Six SPIs pending at once on one srt vCPU (more than its 4 list registers):
# all are delivered, most urgent priority first.
DEFCONFIG=tests/qemu/prio/defconfig
check() {
	expect_exit 0
	expect_line '^\[prio\] prio: order 51 49 53 52 50 48$'
	expect_line '^\[prio\] prio: 6/6 delivered$'
	expect_no_line 'PANIC|assertion|exception'
}
