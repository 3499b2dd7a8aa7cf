# A guest tries to enable, retarget, pend and read another VM's SPI and to
# send SGIs to vCPUs it does not have: nothing reaches the victim, which
# finishes its run; the attempts are reported once and counted.
DEFCONFIG=tests/qemu/hostile/defconfig
check() {
	expect_exit 0
	expect_line '^\[hostile\] hostile: isenabler1 = 0x00020000$'
	expect_line '^\[hostile\] hostile: itargetsr48 = 0x00$'
	expect_line '^\[hostile\] hostile: done$'
	expect_count 1 '^shikiri: vm hostile: refused GICD [A-Z]+ access for IRQ 48 \(not its own\)'
	expect_line '^shikiri: vm hostile: [0-9]+ refused GICD accesses$'
	expect_line '^\[victim\] timer: victim 1000/1000 periods'
	expect_line '^\[victim\] victim: spi48 irqs 0$'
	expect_line '^\[victim\] bye from victim$'
	expect_no_line 'lost|PANIC|assertion|exception'
}
