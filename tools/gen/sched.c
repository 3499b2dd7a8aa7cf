/* SPDX-License-Identifier: MIT */
/*
 * Shared cores: the sched-* properties of a partition, the /partitions/cores
 * declarations of the system file, each core's run list (VM order, then vCPU
 * order) and the checks between the VMs that share a core: no hrt VM, at
 * most --max-vcpus-per-pcpu vCPUs, a built-in scheduler, the parameters it
 * needs, distinct fp priorities and an EDF utilisation of at most 1.
 * docs/partition-binding.md ("Shared cores") is the binding.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
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

static const char *const param_prop[SP_NR] = {
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
static const struct sched_rules {
	const char *name;
	const char *what;
	uint32_t needs;
} sched_rules[] = {
	{ "fp", "fixed priority", 1u << SP_PRIORITY },
	{ "edf", "earliest deadline first", 1u << SP_PERIOD | 1u << SP_BUDGET },
	{ "rr", "round robin", 1u << SP_SLICE },
};

static const struct sched_rules *rules_of(const char *name)
{
	size_t i;

	for (i = 0; name && i < ARRAY_SIZE(sched_rules); i++)
		if (strcmp(name, sched_rules[i].name) == 0)
			return &sched_rules[i];
	return NULL;
}

static bool is_sched(const char *sched, const char *name)
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
static bool sched_built_in(const struct gen *g, const char *name)
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
static const char *sched_resolve(const struct gen *g, const char *name, char *why, size_t len)
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

static const char *level_str(uint32_t level)
{
	return level == GEN_LEVEL_HRT ? "hrt" : level == GEN_LEVEL_SRT ? "srt" : "be";
}

static const char *core_path(const struct gen *g, uint32_t c, char *buf, size_t len)
{
	return node_path(g, g->board.cpu_node[c], buf, len);
}

/* ---- partition properties ---------------------------------------------- */

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

/* ---- run lists and the checks between the VMs of one core ------------------ */

/*
 * Exact utilisation test, sum(budget_i / period_i) <= 1, without floating
 * point: N = sum(budget_i * prod_{j != i} period_j) against D = prod(period_j)
 * in fixed-size multi-word integers (each factor adds at most one word).
 */
#define BN_WORDS (GEN_MAX_PCPU_VCPUS + 2)
struct bn {
	uint32_t w[BN_WORDS];
};

static void bn_set(struct bn *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->w[0] = v;
}

static void bn_mul(struct bn *a, uint32_t m)
{
	uint64_t carry = 0;
	uint32_t i;

	for (i = 0; i < BN_WORDS; i++) {
		uint64_t t = (uint64_t)a->w[i] * m + carry;

		a->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
}

static void bn_add(struct bn *a, const struct bn *b)
{
	uint64_t carry = 0;
	uint32_t i;

	for (i = 0; i < BN_WORDS; i++) {
		uint64_t t = (uint64_t)a->w[i] + b->w[i] + carry;

		a->w[i] = (uint32_t)t;
		carry = t >> 32;
	}
}

static int bn_cmp(const struct bn *a, const struct bn *b)
{
	uint32_t i;

	for (i = BN_WORDS; i-- > 0;)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

static bool edf_fits(const struct gen *g, const struct pcpu *p)
{
	struct bn n, d, t;
	uint32_t i, j;

	bn_set(&n, 0);
	bn_set(&d, 1);
	for (i = 0; i < p->nr; i++) {
		const struct vm_sched *si = &g->vms[p->v[i].vm].sched;

		bn_mul(&d, si->val[SP_PERIOD]);
		bn_set(&t, si->val[SP_BUDGET]);
		for (j = 0; j < p->nr; j++)
			if (j != i)
				bn_mul(&t, g->vms[p->v[j].vm].sched.val[SP_PERIOD]);
		bn_add(&n, &t);
	}
	return bn_cmp(&n, &d) <= 0;
}

static void edf_refuse(struct gen *g, uint32_t c, const struct pcpu *p)
{
	const struct vm *last = &g->vms[p->v[p->nr - 1].vm];
	struct sbuf sb;
	char path[1024];
	uint32_t i;

	sb_init(&sb);
	for (i = 0; i < p->nr; i++) {
		const struct vm *vm = &g->vms[p->v[i].vm];
		uint32_t b = vm->sched.val[SP_BUDGET], t = vm->sched.val[SP_PERIOD];
		/* per mille, rounded down: only for the reader, the test is exact */
		uint64_t pm = (uint64_t)b * 1000u / t;

		sb_printf(&sb, "%s\"%s\" %u/%u us (%llu.%llu%%)", i ? ", " : "", vm->name, b, t,
			  (unsigned long long)(pm / 10), (unsigned long long)(pm % 10));
	}
	report(g, last->node, "sched-budget-us",
	       "core %u (%s): EDF utilisation exceeds 1 (100%%): %s", c,
	       core_path(g, c, path, sizeof(path)), sb.buf);
	sb_free(&sb);
}

/* The VMs already on core c before entry k, for messages: "a", "b" */
static void vm_names(const struct gen *g, const struct pcpu *p, uint32_t k, struct sbuf *sb)
{
	uint32_t i;

	for (i = 0; i < k && i < GEN_MAX_PCPU_VCPUS; i++)
		sb_printf(sb, "%s\"%s\"", i ? ", " : "", g->vms[p->v[i].vm].name);
}

/* Place every vCPU; the limit is checked as they arrive, on the VM that exceeds it. */
static void place_vcpus(struct gen *g)
{
	uint32_t i, n, c;
	char path[1024];

	for (c = 0; c < GEN_MAX_CPUS; c++) {
		g->pcpu[c].nr = 0;
		g->pcpu[c].sched = NULL;
	}
	for (i = 0; i < g->nr_vms; i++) {
		struct vm *vm = &g->vms[i];

		for (n = 0; n < vm->nr_vcpus; n++) {
			struct pcpu *p = &g->pcpu[vm->vcpu_pcpu[n]];

			c = vm->vcpu_pcpu[n];
			if (p->nr == g->opt.max_pcpu_vcpus) {
				struct sbuf sb;

				sb_init(&sb);
				vm_names(g, p, p->nr, &sb);
				report(g, vm->node, "cpus",
				       "core %u (%s) would run more than %u vCPUs (CONFIG_MAX_VCPUS_PER_PCPU); "
				       "already on it: %s",
				       c, core_path(g, c, path, sizeof(path)), g->opt.max_pcpu_vcpus, sb.buf);
				sb_free(&sb);
			}
			if (p->nr < g->opt.max_pcpu_vcpus) {
				p->v[p->nr].vm = (uint8_t)i;
				p->v[p->nr].vcpu = (uint8_t)n;
			}
			if (p->nr <= g->opt.max_pcpu_vcpus)
				p->nr++;
		}
	}
}

/* No hrt VM on a shared core: reported on the later VM, naming both. */
static bool check_hrt(struct gen *g, uint32_t c, const struct pcpu *p)
{
	char path[1024];
	uint32_t k, h;
	bool ok = true;

	for (k = 1; k < p->nr; k++) {
		const struct vm *vk = &g->vms[p->v[k].vm];

		for (h = 0; h < k && !(g->vms[p->v[h].vm].level == GEN_LEVEL_HRT ||
				       vk->level == GEN_LEVEL_HRT);
		     h++)
			;
		if (h == k)
			continue;
		report(g, vk->node, "cpus",
		       "core %u (%s) is listed by VM \"%s\" (%s) and VM \"%s\" (%s): an hrt VM's cores "
		       "are its own, only srt and be VMs share a core",
		       c, core_path(g, c, path, sizeof(path)), g->vms[p->v[h].vm].name,
		       level_str(g->vms[p->v[h].vm].level), vk->name, level_str(vk->level));
		ok = false;
	}
	return ok;
}

/* Every VM on the core gives what its scheduler needs; fp priorities differ. */
static bool check_params(struct gen *g, uint32_t c, struct pcpu *p)
{
	const struct sched_rules *rules = rules_of(p->sched);
	uint32_t need = rules ? rules->needs : 0, k, j, q;
	char path[1024];
	bool ok = true;

	for (k = 0; k < p->nr; k++) {
		struct vm *vm = &g->vms[p->v[k].vm];

		if (!vm->sched.ok) {
			ok = false; /* already reported */
			continue;
		}
		vm->sched.used |= rules ? need : vm->sched.given;
		vm->sched.shared = true;
		for (q = 0; q < SP_NR; q++) {
			if (!((need >> q) & 1u) || (vm->sched.given >> q) & 1u)
				continue;
			report(g, vm->node, NULL,
			       "missing property \"%s\": core %u (%s) is shared under the %s scheduler",
			       param_prop[q], c, core_path(g, c, path, sizeof(path)), p->sched);
			ok = false;
		}
	}
	if (!ok || !is_sched(p->sched, "fp"))
		return ok;
	/* equal priorities have no order between them: a busy VM would starve its twin */
	for (k = 1; k < p->nr; k++) {
		const struct vm *vk = &g->vms[p->v[k].vm];

		for (j = 0; j < k; j++) {
			const struct vm *vj = &g->vms[p->v[j].vm];

			if (vj->sched.val[SP_PRIORITY] != vk->sched.val[SP_PRIORITY])
				continue;
			report(g, vk->node, "sched-priority",
			       "sched-priority %u is also VM \"%s\"'s on core %u (%s): priorities on an fp "
			       "core must differ",
			       vk->sched.val[SP_PRIORITY], vj->name, c, core_path(g, c, path, sizeof(path)));
			ok = false;
			break;
		}
	}
	return ok;
}

void sched_assign(struct gen *g)
{
	char path[1024];
	uint32_t c;

	place_vcpus(g);
	for (c = 0; c < g->board.nr_cores; c++) {
		struct pcpu *p = &g->pcpu[c];
		const char *s;
		uint32_t k;

		/* a VM whose rt-level was refused has no level to check */
		for (k = 0; k < p->nr && k < g->opt.max_pcpu_vcpus && g->vms[p->v[k].vm].ok_level; k++)
			;
		if (k < p->nr)
			continue;
		if (p->nr <= 1 || p->nr > g->opt.max_pcpu_vcpus || !check_hrt(g, c, p))
			continue;
		if (p->entry >= 0) {
			if (!p->named)
				continue; /* the entry's scheduler was refused */
			s = p->named;
		} else if (!g->opt.sched_default || !g->opt.sched_default[0]) {
			report(g, g->vms[p->v[p->nr - 1].vm].node, "cpus",
			       "core %u (%s) is shared, but no /partitions/cores entry names its scheduler "
			       "and there is no default (CONFIG_SCHED_DEFAULT)",
			       c, core_path(g, c, path, sizeof(path)));
			continue;
		} else {
			char why[256];

			s = sched_resolve(g, g->opt.sched_default, why, sizeof(why));
			if (!s) {
				report(g, g->vms[p->v[p->nr - 1].vm].node, "cpus",
				       "core %u (%s) is shared under the default scheduler "
				       "(CONFIG_SCHED_DEFAULT), but %s",
				       c, core_path(g, c, path, sizeof(path)), why);
				continue;
			}
		}
		p->sched = s;
		if (check_params(g, c, p) && is_sched(s, "edf") && !edf_fits(g, p))
			edf_refuse(g, c, p);
	}
}
