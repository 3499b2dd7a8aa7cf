/* SPDX-License-Identifier: MIT */
/* A physical core's arch state in the TrustZone mode (struct pcpu.arch). */
#ifndef ARCH_PCPU_H
#define ARCH_PCPU_H

#include "types.h"

struct pcpu_arch {
	uint32_t world; /* enum tz_world of the partition this core runs (tz.h) */
};

#endif
