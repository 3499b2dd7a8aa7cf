/* SPDX-License-Identifier: MIT */
/* A physical core: which vCPU it runs and why the hypervisor was entered. */
#ifndef SHIKIRI_PCPU_H
#define SHIKIRI_PCPU_H

#include "types.h"
#include "arch/sysregs.h"

/* Causes of hypervisor entry, counted per core. The numbering is ABI: guests
 * read the counters with SHIKIRI_HC_TRAP_COUNT(cause). */
enum trap_cause {
	TRAP_IRQ = 0,   /* physical IRQ taken in Hyp */
	TRAP_FIQ = 1,
	TRAP_GICD = 2,  /* emulated GIC distributor access */
	TRAP_VUART = 3, /* emulated PL011 access */
	TRAP_HVC = 4,   /* hypercall or PSCI over HVC */
	TRAP_SMC = 5,   /* PSCI over SMC */
	TRAP_ABORT = 6, /* stage-2 abort that is not an emulated device (a fault) */
	TRAP_WFI = 7,
	TRAP_OTHER = 8, /* anything else (always a fault) */
	TRAP_SYSREG = 9, /* trapped CP15 access: set/way, ACTLR, IMPLEMENTATION DEFINED */
	TRAP_DOORBELL = 10, /* emulated channel doorbell page access */
	TRAP_NR,
	TRAP_TOTAL = 15, /* pseudo-cause: the sum of all */
};

struct vcpu;

struct pcpu {
	uint32_t id;          /* index in pcpu_configs[] */
	struct vcpu *vcpu;    /* the vCPU this core runs, or NULL */
	uint32_t trap_count[TRAP_NR];
};

extern struct pcpu pcpus[CONFIG_NR_CPUS];

static inline struct pcpu *pcpu_this(void)
{
	return (struct pcpu *)(uintptr_t)read_htpidr();
}

static inline void pcpu_count(enum trap_cause cause)
{
	pcpu_this()->trap_count[cause]++;
}

uint32_t pcpu_trap_count(const struct pcpu *c, uint32_t cause);

#endif
