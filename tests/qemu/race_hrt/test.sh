# The PSCI races of race_srt on an hrt VM, whose vCPUs the hypervisor cannot
# kick (they park at their next trap), ending with the sequence that used to
# power the machine off: vCPU 1 calls SYSTEM_OFF (the VM stops), then vCPU 0,
# still running, calls SYSTEM_RESET. That call must not act: no reset after
# the stop, the running count stays exact, and the independent VM finishes
# before the machine powers off.
DEFCONFIG=tests/qemu/race_hrt/defconfig
TIMEOUT=240
check() {
	expect_exit 0
	expect_count 24 '^\[race\] race: life [0-9]+: '
	expect_line '^\[race\] race: life 23: '
	expect_count 8 '^\[race\] race: life [0-9]+ storm ok$'
	expect_count 24 '^shikiri: vm race: reset \(system-reset by vcpu [01]\)$'
	expect_line '^\[race\] race: final sequenced$'
	expect_count 1 '^shikiri: vm race stopped'
	expect_line '^shikiri: vm race stopped: system-off$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
	expect_line '^\[steady\] spin: tick 60$'
	expect_before '^shikiri: vm race stopped' '^\[steady\] bye from steady$'
	expect_before '^\[steady\] bye from steady$' '^shikiri: all VMs stopped'
	expect_count 1 '^shikiri: all VMs stopped'
}
