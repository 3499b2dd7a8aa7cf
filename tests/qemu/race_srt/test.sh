# PSCI races on the two vCPUs of an srt VM (guests/race), 24 lives: double
# SYSTEM_RESET, CPU_ON storms against CPU_OFF, a reset from vCPU 1 while
# vCPU 0 keeps trapping, and at the end SYSTEM_OFF on vCPU 1 against
# SYSTEM_RESET on vCPU 0. Every life resets exactly once, every accepted
# CPU_ON starts vCPU 1 exactly once, the VM stops once, and the independent
# VM beside it finishes before the machine powers off.
DEFCONFIG=tests/qemu/race_srt/defconfig
TIMEOUT=240
check() {
	expect_exit 0
	expect_count 24 '^\[race\] race: life [0-9]+: '
	expect_line '^\[race\] race: life 23: '
	expect_count 8 '^\[race\] race: life [0-9]+ storm ok$'
	expect_line '^\[race\] race: final duel$'
	n=$(grep -Ec '^shikiri: vm race: reset \(system-reset by vcpu [01]\)$' "$log")
	# The duel resets at most once more (then the sequenced end runs).
	[ "$n" -eq 24 ] || [ "$n" -eq 25 ] || fail "$n resets, expected 24 or 25"
	if [ "$n" -eq 25 ]; then expect_line '^\[race\] race: final sequenced$'; fi
	expect_count 1 '^shikiri: vm race stopped'
	expect_line '^shikiri: vm race stopped: system-off$'
	expect_no_line 'ERROR|PANIC|assertion|exception'
	# The other VM was still running when the race VM stopped, and finished.
	expect_line '^\[steady\] spin: tick 60$'
	expect_before '^shikiri: vm race stopped' '^\[steady\] bye from steady$'
	expect_before '^\[steady\] bye from steady$' '^shikiri: all VMs stopped'
	expect_count 1 '^shikiri: all VMs stopped'
}
