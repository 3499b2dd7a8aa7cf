# tests/qemu/smp on a Cortex-A7 (the LS1021A's and the H3's core) on virt:
# PSCI CPU_ON, vGIC list registers and an SMP guest. QEMU_CPU=cortex-a7
# runs every virt test this way.
. ./tests/qemu/smp/test.sh
CPU=cortex-a7
EXPECT_MIDR=0x410fc07
