# The TrustZone mode (ARCH_ARMV7_TZ): what the Makefile needs of this arch.
# ARCH_CPU: the compiler's -mcpu; ARCH_CORE_OUT: core files this mode does
# not link (boot_check.c says "not Hyp": tz.c says what this mode needs).
ARCH_CPU := cortex-a9
ARCH_CORE_OUT := src/core/boot_check.c
