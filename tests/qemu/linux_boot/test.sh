# Debian's armhf kernel boots to userspace in its 2-core partition beside the
# hrt RTOS: it sees 2 CPUs, its own RAM only, none of the board's other
# devices; its guest DTB holds exactly its resources; poweroff -f stops only
# Linux; the RT guest finishes with zero hypervisor IRQ entries on its core.
DEFCONFIG=tests/qemu/linux_boot/defconfig
TIMEOUT=400
check() {
	expect_exit 0
	expect_line '^\[linux\] linux: userspace up$'
	expect_line '^\[linux\] linux: kernel [0-9.]+-[0-9]+-armmp-lpae $'
	expect_line '^\[linux\] linux: nproc 2$'
	expect_line '^\[linux\] linux: MemTotal: 2[0-9]{5} kB$'
	expect_line '^\[linux\] linux: dmesg pl031 0 pl061 0 virtio 0$'
	expect_no_line '^\[linux\] linux: dt nodes .*(pl031|pl061|virtio_mmio)'
	expect_line '^\[linux\] linux: done$'
	expect_line '^shikiri: vm linux stopped: system-off$'
	expect_line '^\[rt\] rtos: latency 5000 periods: .*, hyp irq entries 0$'
	expect_no_line '^\[rt\] rtos: .*hyp irq entries [1-9]'
	expect_line '^\[rt\] rtos: done$'
	expect_line '^shikiri: vm rt: core 0 entries: irq 0 '
	expect_no_line 'PANIC|assertion|Kernel panic|Oops'
	# The guest DTBs decompile and name only each VM's own resources.
	for n in 0 1; do
		dtc -I dtb -O dts -o "$dir/vm$n.dts" "$dir/gen/vm$n.dtb" 2>/dev/null ||
			fail "vm$n.dtb does not decompile"
	done
	grep -q 'reg = <0x48000000 0x10000000>' "$dir/vm1.dts" || fail "linux DTB: memory"
	[ "$(grep -c 'enable-method = "psci"' "$dir/vm1.dts")" -eq 2 ] || fail "linux DTB: 2 cpus"
	! grep -Eq 'pl031|pl061|virtio|0x42000000' "$dir/vm1.dts" || fail "linux DTB names another VM's resource"
	grep -q 'reg = <0x40000000 0x1000000>' "$dir/vm0.dts" || fail "rt DTB: memory"
	! grep -q '0x48000000' "$dir/vm0.dts" || fail "rt DTB names Linux's RAM"
}
