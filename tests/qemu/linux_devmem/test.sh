# Linux reads the RT VM's RAM (PA 0x42000000; Linux is direct-mapped, so
# that is the same address in its physical view) with busybox devmem: the
# access is outside its stage-2 map, so the hypervisor stops the Linux VM with
# one line; the RT guest is unaffected and finishes.
DEFCONFIG=tests/qemu/linux_devmem/defconfig
TIMEOUT=400
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: reading 0x42000000$'
	expect_line '^shikiri: vm linux stopped: core [23]: stage-2 data abort \(read\) at IPA 0x42000000, pc 0x[0-9a-f]{8}$'
	expect_no_line 'ERROR still running'
	expect_line '^\[rt\] rtos: done$'
	expect_line '^\[rt\] rtos: latency [0-9]+ periods: .*, hyp irq entries 0$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_no_line 'PANIC|assertion'
}
