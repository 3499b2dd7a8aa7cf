// SPDX-License-Identifier: MIT
/* The run loop of shared cores (run_loop.h). */
#include "pcpu.h"
#include "run_loop.h"
#include "vm.h"

void sched_run_wake(struct vcpu *v)
{
	UNUSED(v);
}

void sched_run_kicked(struct pcpu *c)
{
	UNUSED(c);
}

void sched_run_timer(struct pcpu *c)
{
	UNUSED(c);
}
