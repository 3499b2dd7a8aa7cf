/* SPDX-License-Identifier: MIT */
/*
 * Parse phase: the sched-* properties of a partition and the
 * /partitions/cores declarations of the system file, with their local
 * checks (docs/partition-binding.md, "Shared cores"). What they mean for
 * each core is build_sched.c's.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "sched.h"
#include "util.h"


void sched_parse_vm(struct gen *g, struct vm *vm)
{
	struct vm_sched *s = &vm->sched;
	int off, k;

	memset(s, 0, sizeof(*s));
	s->ok = true;
	/* a misspelt parameter would be absent, not wrong: refuse unknown ones */
	fdt_for_each_property_offset(off, g->fdt, vm->node) {
		const char *pn;
		int len;

		if (!fdt_getprop_by_offset(g->fdt, off, &pn, &len) || strncmp(pn, "sched-", 6) != 0)
			continue;
		for (k = 0; k < SP_NR && strcmp(pn, param_prop[k]) != 0; k++)
			;
		if (k == SP_NR) {
			report(g, vm->node, pn,
			       "unknown property \"%s\" (expected sched-priority, sched-period-us, "
			       "sched-budget-us or sched-slice-us)",
			       pn);
			s->ok = false;
		}
	}
	for (k = 0; k < SP_NR; k++) {
		uint32_t v = 0;
		int r = dt_u32(g, vm->node, param_prop[k], &v);
		uint32_t lo = k == SP_PRIORITY ? SCHED_PRIO_MIN : SCHED_US_MIN;
		uint32_t hi = k == SP_PRIORITY ? SCHED_PRIO_MAX : SCHED_US_MAX;

		if (r < 0)
			s->ok = false;
		if (r != 1)
			continue;
		if (v < lo || v > hi) {
			if (k == SP_PRIORITY)
				report(g, vm->node, param_prop[k], "%s %u is out of range (%u..%u)",
				       param_prop[k], v, lo, hi);
			else
				report(g, vm->node, param_prop[k],
				       "%s %u is out of range (%u..%u: 10 us to 10 s)", param_prop[k], v,
				       lo, hi);
			s->ok = false;
			continue;
		}
		s->val[k] = v;
		s->given |= 1u << k;
	}
	/* a budget is a share of a period: one without the other means nothing */
	if (((s->given >> SP_PERIOD) ^ (s->given >> SP_BUDGET)) & 1u) {
		bool budget = (s->given >> SP_BUDGET) & 1u;

		if (!dt_prop(g, vm->node, param_prop[budget ? SP_PERIOD : SP_BUDGET], &off)) {
			report(g, vm->node, param_prop[budget ? SP_BUDGET : SP_PERIOD],
			       "%s needs %s too", param_prop[budget ? SP_BUDGET : SP_PERIOD],
			       param_prop[budget ? SP_PERIOD : SP_BUDGET]);
			s->ok = false;
		}
	} else if ((s->given >> SP_PERIOD) & 1u && s->val[SP_BUDGET] > s->val[SP_PERIOD]) {
		report(g, vm->node, param_prop[SP_BUDGET], "sched-budget-us %u exceeds sched-period-us %u",
		       s->val[SP_BUDGET], s->val[SP_PERIOD]);
		s->ok = false;
	}
}

/* ---- /partitions/cores -------------------------------------------------- */

/* One core entry: cpu = <&cpuN>; scheduler = "fp" | "edf" | "rr" | any built-in name; */
static void parse_core_entry(struct gen *g, int node)
{
	static const char *const known[] = { "cpu", "scheduler", "phandle" };
	const struct board *b = &g->board;
	const char *s, *file;
	uint32_t ph = 0, c, line;
	const char *sched = NULL;
	int r, target;
	char path[1024];

	/* dtc merges same-named nodes: a second file could change the scheduler */
	if (annot_second(&g->annot, node_path(g, node, path, sizeof(path)), &file, &line))
		report(g, node, NULL, "core entry also defined at %s:%u", file, line);

	dt_known_props(g, node, known, ARRAY_SIZE(known),
		       "a core entry (expected cpu and scheduler)");
	if (fdt_first_subnode(g->fdt, node) >= 0)
		report(g, node, NULL, "a core entry has no subnodes");
	r = dt_string(g, node, "scheduler", &s);
	if (r == 0)
		report(g, node, NULL, "missing required property \"scheduler\"");
	if (r == 1) {
		char why[256];

		sched = sched_resolve(g, s, why, sizeof(why));
		if (!sched)
			report(g, node, "scheduler", "%s", why);
	}
	r = dt_u32(g, node, "cpu", &ph);
	if (r == 0)
		report(g, node, NULL, "missing required property \"cpu\"");
	if (r != 1)
		return;
	target = dt_phandle_node(g, ph);
	for (c = 0; c < b->nr_cores && (target < 0 || b->cpu_node[c] != target); c++)
		;
	if (c == b->nr_cores) {
		report(g, node, "cpu", "cpu does not refer to a board cpu node");
		return;
	}
	if (g->pcpu[c].entry >= 0) {
		char other[1024];

		report(g, node, "cpu", "core %u (%s) already has an entry (%s)", c,
		       core_path(g, c, path, sizeof(path)),
		       node_path(g, g->pcpu[c].entry, other, sizeof(other)));
		return;
	}
	g->pcpu[c].entry = node;
	/* an entry whose scheduler was refused: the core gets no default either */
	g->pcpu[c].named = sched;
}

void sched_parse_cores(struct gen *g, int node)
{
	int off, child;

	g->cores_node = node;
	fdt_for_each_property_offset(off, g->fdt, node) {
		const char *pn;
		int len;

		if (fdt_getprop_by_offset(g->fdt, off, &pn, &len) && strcmp(pn, "phandle") != 0)
			report(g, node, pn, "cores holds only core entries, no properties");
	}
	fdt_for_each_subnode(child, g->fdt, node) {
		parse_core_entry(g, child);
	}
}
