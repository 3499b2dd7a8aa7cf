/* SPDX-License-Identifier: MIT */
/* What each platform provides (src/platform/<name>/). */
#ifndef SHIKIRI_PLATFORM_OPS_H
#define SHIKIRI_PLATFORM_OPS_H

#include "types.h"

/* Power the whole machine off (QEMU: exit with status 0). */
NORETURN void platform_power_off(void);
/* Address the secondary cores enter at (PSCI CPU_ON). */
uint32_t platform_secondary_entry(void);

#endif
