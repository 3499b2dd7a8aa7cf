# A SYSTEM_RESET flood beside an srt VM on a shared rr core
# (sched_setway_fp/hostile.sh): "hostile" (be, a 4 MiB image) resets itself in
# a loop, each reset a copy of its pristine image by the hypervisor (vm.c),
# done in chunks with a preemption point between them. The victim's lateness
# stays within the bound of docs/scheduling.md; every boot finds its image
# restored in full (first and last byte).
# Bound (rr): the neighbour's slice (6,250 ticks) + 8,000.
DEFCONFIG=tests/qemu/sched_reset_rr/defconfig
QEMU_ARGS="-icount shift=4,sleep=off"
. ./tests/qemu/sched_setway_fp/hostile.sh
check() {
	expect_exit 0
	check_victim 14500
	expect_line '^\[hostile\] resetter: hostile boots ([2-9]|[1-9][0-9]+)$'
	expect_line '^shikiri: vm hostile: reset \(system-reset by vcpu 0\)$'
}
