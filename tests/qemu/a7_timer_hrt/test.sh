# tests/qemu/timer_hrt on a Cortex-A7 on virt: an hrt guest owning the
# physical GIC CPU interface, 1,000 timer interrupts, zero hypervisor entries.
. ./tests/qemu/timer_hrt/test.sh
CPU=cortex-a7
EXPECT_MIDR=0x410fc07
