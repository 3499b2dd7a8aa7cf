/* SPDX-License-Identifier: MIT */
/* A physical core: which vCPU it runs and why the hypervisor was entered. */
#ifndef SHIKIRI_PCPU_H
#define SHIKIRI_PCPU_H

#include "htimer.h"
#include "sched.h"
#include "types.h"
#include "arch/pcpu.h"
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
	/* The vCPU this core runs, or NULL: while a dedicated core waits in
	 * Hyp for its one vCPU to be started, while a shared core idles. */
	struct vcpu *vcpu;
	struct vcpu *own; /* a dedicated core's one vCPU (NULL: none, or shared) */
	uint32_t trap_count[TRAP_NR];
	struct pcpu_arch arch; /* the interrupt controller's per-core state (arch's) */
	bool shared;        /* more than one vCPU: run_loop.c schedules them */
	/* Started, and in the hypervisor for good (never powered off again):
	 * a CPU_ON kicks it. Set once, followed by a barrier, before the core
	 * first looks at its vCPUs (vcpu_core_up). */
	volatile bool up;
	struct sched_core sched; /* shared: its scheduler's state */
	/* shared, CONFIG_TRAP_STATS_AT_STOP: direct vCPU-to-vCPU switches and
	 * their save + restore time in counter ticks (sum, maximum). */
	uint32_t switch_direct, switch_max;
	uint64_t switch_ticks;
	/* Only this core touches what follows. */
	uint64_t htimer[HTIMER_NR]; /* htimer.c: each slot's deadline */
	uint64_t htimer_armed;      /* what the hardware timer is set to */
	uint32_t vuart_flush_vms;   /* VMs whose vUART line waits for its idle flush */
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
