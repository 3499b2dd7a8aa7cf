# A set/way flood beside an srt VM on a shared edf core (sched_setway_fp/hostile.sh):
# "hostile" (be, 64 MiB of RAM) issues the op that ends a cache sweep in a
# loop, each one a clean+invalidate of its whole RAM by the hypervisor
# (cp15.c), done in chunks with a preemption point between them. The
# victim's lateness stays within the bound of docs/scheduling.md.
# On QEMU's `max` CPU: its cortex-a15 model does not trap set/way (HCR.TSW).
# Bound (edf, equal periods): the neighbour's budget (15,625 ticks) + 8,000.
DEFCONFIG=tests/qemu/sched_setway_edf/defconfig
QEMU_ARGS="-cpu max -icount shift=4,sleep=off"
. ./tests/qemu/sched_setway_fp/hostile.sh
check() {
	expect_exit 0
	check_victim 24000
	expect_line '^\[hostile\] setway: hostile sweeps [1-9][0-9]*$'
	expect_line '^shikiri: vm hostile: set/way sweeps emulated \(clean\+invalidate of its RAM\): [1-9][0-9]*$'
}
