# Debian's kernel as the only VM, on one core (1 vCPU, be: timer through the
# list registers), plain QEMU (no icount), running a busybox CPU load: it must
# reach its end marker (it used to freeze in the idle loop, its timer
# interrupt never waking it).
DEFCONFIG=tests/qemu/linux_alone/defconfig
TIMEOUT=240
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: nproc 1$'
	expect_line '^\[linux\] linux: alone done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_line '^shikiri: all VMs stopped, powering off$'
	expect_no_line 'PANIC|assertion|Kernel panic|Oops|rcu_sched self-detected|rcu: INFO'
}
