# A 2-vCPU srt guest starts its second vCPU (PSCI CPU_ON) and exchanges 100
# SGI round trips with it: virtual SGIs through list registers.
DEFCONFIG=tests/qemu/sgi_srt/defconfig
check() {
	expect_exit 0
	expect_line '^\[pair\] sgi: 100/100 round trips ok$'
	expect_line '^\[pair\] sgi: source ids ok$'
	expect_no_line 'PANIC|assertion|exception'
}
