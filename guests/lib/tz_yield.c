// SPDX-License-Identifier: MIT
#include "tz_yield.h"
#include "cpu.h"
#include "smccc.h"

/* 0: not asked yet, 1: the monitor switches on it, -1: not here. */
static volatile int yield_state;
unsigned long tz_yields;

int tz_yield(void)
{
	struct smccc_res r;

	if (yield_state < 0)
		return 0;
	if (yield_state == 0 && !cpu_is_a9_class()) {
		yield_state = -1;
		return 0;
	}
	r = smccc_smc(TZ_YIELD, 0, 0, 0);
	if (r.a0 != 0 && r.a0 != 1) { /* NOT_SUPPORTED: a dedicated core */
		yield_state = -1;
		return 0;
	}
	yield_state = 1;
	if (r.a0 != 0)
		return 0; /* nothing to run in the Normal world */
	tz_yields++;
	return 1;
}
