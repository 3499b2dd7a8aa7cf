# Unknown hypercalls get SMCCC NOT_SUPPORTED (-1), a name buffer outside the
# VM's RAM gets INVALID_PARAMETER (-2); the guest carries on.
DEFCONFIG=tests/qemu/hvc_unknown/defconfig
check() {
	expect_exit 0
	expect_line '^\[caller\] hvc: version 0x00010000$'
	expect_line '^\[caller\] hvc: unknown 0x86001234 -> -1$'
	expect_line '^\[caller\] hvc: unknown 0xc6000000 -> -1$'
	expect_line '^\[caller\] hvc: bad name buffer -> -2$'
	expect_line '^\[caller\] hvc: psci version 0x0*10000$'
	expect_line '^\[caller\] hvc: done$'
	expect_line '^shikiri: vm caller stopped: system-off$'
	expect_no_line 'PANIC|assertion|exception'
}
