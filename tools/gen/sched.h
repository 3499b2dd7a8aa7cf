/* SPDX-License-Identifier: MIT */
/* sched_rules.c: the schedulers the generator knows, shared by the phases. */
#ifndef GEN_SCHED_H
#define GEN_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gen.h"
#include "util.h"

/*
 * Times are microseconds of the generic timer. The lower bound keeps every
 * value at least 10 ticks at any counter frequency from 1 MHz, and far from
 * a core that does nothing but switch; the upper bound keeps us * CNTFRQ
 * (CNTFRQ is a 32-bit register) below 2^56, so the hypervisor's 64-bit
 * conversion cannot overflow, and catches a value written in ns or ticks.
 */
#define SCHED_US_MIN 10u
#define SCHED_US_MAX 10000000u /* 10 s */
#define SCHED_PRIO_MIN 1u
#define SCHED_PRIO_MAX 255u

_Static_assert((uint64_t)SCHED_US_MAX * 0xffffffffull < (1ull << 56), "us * CNTFRQ fits 64 bits");

/* The sched-* property of each parameter (SP_*). */
extern const char *const param_prop[SP_NR];

/* A scheduler the generator has rules for: what it is, what it needs. */
struct sched_rules {
	const char *name;
	const char *what;
	uint32_t needs; /* bit SP_* for each parameter every VM on its core must give */
};

/* The rules for name, or NULL. */
const struct sched_rules *rules_of(const char *name);
/* sched is non-NULL and equals name. */
bool is_sched(const char *sched, const char *name);
/* What a scheduler is, for comments ("fixed priority"), or NULL when the
 * generator has no rules for it. */
const char *sched_what(const char *name);
/* What the scheduler uses of the VM's parameters: "priority 10" (emit_c.c,
 * emit_summary.c). */
void sched_params(struct sbuf *sb, const struct vm *vm, const char *name);
/* Is name one of the --sched-enabled names (CONFIG_SCHED_<NAME>=y)? */
bool sched_built_in(const struct gen *g, const char *name);
/* name if the hypervisor is built with it, else NULL with the reason in why[]. */
const char *sched_resolve(const struct gen *g, const char *name, char *why, size_t len);
/* "hrt", "srt" or "be". */
const char *level_str(uint32_t level);
/* The DT path of core c's cpu node. */
const char *core_path(const struct gen *g, uint32_t c, char *buf, size_t len);

#endif
