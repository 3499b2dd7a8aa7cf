# The Virtualization Extensions mode (ARCH_ARMV7_VE): what the Makefile needs
# of this arch. ARCH_CPU: the compiler's -mcpu; ARCH_CORE_OUT: core files
# this mode does not link.
ARCH_CPU := cortex-a15
ARCH_CORE_OUT :=
