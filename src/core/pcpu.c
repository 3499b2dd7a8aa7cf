// SPDX-License-Identifier: MIT
/* Per-core state and counters. */
#include "pcpu.h"

struct pcpu pcpus[CONFIG_NR_CPUS];

uint32_t pcpu_trap_count(const struct pcpu *c, uint32_t cause)
{
	uint32_t sum = 0;

	if (cause < TRAP_NR)
		return c->trap_count[cause];
	if (cause != TRAP_TOTAL)
		return 0;
	for (uint32_t i = 0; i < TRAP_NR; i++)
		sum += c->trap_count[i];
	return sum;
}
