/* SPDX-License-Identifier: MIT */
/*
 * The SoC's TrustZone registers (tz_soc.c): what makes the Secure
 * partitions' RAM and devices secure-only on silicon (the Zynq-7000's SLCR
 * and security_mod2), from the generator's table. Linked only for a board
 * that has such registers (FEATURE_TZ_SOC, features.mk); on others (QEMU's
 * vexpress-a9) the call is nothing.
 */
#ifndef ARCH_TZ_SOC_H
#define ARCH_TZ_SOC_H

#include "feature.h"

#if FEATURE_TZ_SOC
/* Boot core, once, before any world runs. */
void tz_soc_init(void);
#else
static inline void tz_soc_init(void)
{
}
#endif

#endif
