/* SPDX-License-Identifier: MIT */
/*
 * Shared by the phases that deal with shared cores (parse_sched.c,
 * build_sched.c, emit_*.c): what the generator knows of each scheduler,
 * which ones the hypervisor is built with, and how their parameters read.
 * docs/partition-binding.md ("Shared cores") is the binding.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "sched.h"
#include "util.h"

const char *const param_prop[SP_NR] = {
	[SP_PRIORITY] = "sched-priority", [SP_PERIOD] = "sched-period-us",
	[SP_BUDGET] = "sched-budget-us", [SP_SLICE] = "sched-slice-us",
};

/*
 * What shikiri-gen knows of the schedulers that come with shikiri: what
 * each is (for the generated comments) and the parameters it needs from
 * every VM on its core; fp and edf also have checks between the VMs of a
 * core (check_params, edf_fits). Nothing else depends on a scheduler's
 * name: any name in --sched-enabled (CONFIG_SCHED_<NAME>=y, so a
 * src/core/sched_<name>.c exists) is accepted and emitted as
 * &sched_<name>_ops. A scheduler without rules here gets every sched-*
 * property its VMs give, and its allocate() refuses bad ones at boot
 * (docs/scheduling.md, "Adding a scheduler").
 */
static const struct sched_rules sched_rules[] = {
	{ "fp", "fixed priority", 1u << SP_PRIORITY },
	{ "edf", "earliest deadline first", 1u << SP_PERIOD | 1u << SP_BUDGET },
	{ "rr", "round robin", 1u << SP_SLICE },
};

const struct sched_rules *rules_of(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(sched_rules); i++)
		if (strcmp(name, sched_rules[i].name) == 0)
			return &sched_rules[i];
	return NULL;
}

bool is_sched(const char *sched, const char *name)
{
	return sched && strcmp(sched, name) == 0;
}

const char *sched_what(const char *name)
{
	const struct sched_rules *r = rules_of(name);

	return r ? r->what : NULL;
}

void sched_params(struct sbuf *sb, const struct vm *vm, const char *name)
{
	const struct vm_sched *s = &vm->sched;
	const char *sep = "";
	int k;

	if (is_sched(name, "fp")) {
		sb_printf(sb, "priority %u", s->val[SP_PRIORITY]);
	} else if (is_sched(name, "edf")) {
		sb_printf(sb, "budget %u us per %u us", s->val[SP_BUDGET], s->val[SP_PERIOD]);
	} else if (is_sched(name, "rr")) {
		sb_printf(sb, "slice %u us", s->val[SP_SLICE]);
	} else {
		/* no rules: what it gets is what the VM gives */
		for (k = 0; k < SP_NR; k++) {
			if ((s->used >> k) & 1u) {
				sb_printf(sb, "%s%s %u", sep, param_prop[k], s->val[k]);
				sep = ", ";
			}
		}
		if (!*sep)
			sb_add(sb, "no parameters");
	}
}

/* Is name one of the --sched-enabled names (CONFIG_SCHED_<NAME>=y)? */
bool sched_built_in(const struct gen *g, const char *name)
{
	const char *p = g->opt.sched_enabled;
	size_t n = strlen(name);

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);

		if (len == n && memcmp(p, name, n) == 0)
			return true;
		p = e ? e + 1 : NULL;
	}
	return false;
}

/*
 * A scheduler name as given when the hypervisor is built with it; else
 * NULL with the reason in why[]. The name is then one of --sched-enabled's,
 * which main.c checked are made of a-z 0-9 _ only: safe in a C identifier.
 */
const char *sched_resolve(const struct gen *g, const char *name, char *why, size_t len)
{
	const struct sched_rules *r = rules_of(name);

	if (sched_built_in(g, name))
		return name;
	if (r) {
		char config[64];
		size_t i;

		for (i = 0; r->name[i] && i + 1 < sizeof(config); i++)
			config[i] = (char)(r->name[i] >= 'a' && r->name[i] <= 'z' ? r->name[i] - 'a' + 'A'
										: r->name[i]);
		config[i] = '\0';
		snprintf(why, len, "scheduler \"%s\" is not built in (CONFIG_SCHED_%s is not set)", name,
			 config);
	} else {
		snprintf(why, len, "unknown scheduler \"%s\" (built in: %s)", name,
			 g->opt.sched_enabled && g->opt.sched_enabled[0] ? g->opt.sched_enabled : "none");
	}
	return NULL;
}

const char *level_str(uint32_t level)
{
	return level == GEN_LEVEL_HRT ? "hrt" : level == GEN_LEVEL_SRT ? "srt" : "be";
}

const char *core_path(const struct gen *g, uint32_t c, char *buf, size_t len)
{
	return node_path(g, g->board.cpu_node[c], buf, len);
}
