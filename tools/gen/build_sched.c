/* SPDX-License-Identifier: MIT */
/*
 * Build phase: each core's run list (VM order, then vCPU order) and the
 * checks between the VMs that share a core: no hrt VM, at most
 * --max-vcpus-per-pcpu vCPUs, a built-in scheduler, the parameters it
 * needs, distinct fp priorities and an EDF utilisation of at most 1.
 * docs/partition-binding.md ("Shared cores") is the binding.
 */
#include <libfdt.h>
#include <stdio.h>
#include <string.h>

#include "dt.h"
#include "sched.h"
#include "util.h"


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
		g->pcpu[c].tz_shared = false;
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

/*
 * The TrustZone mode's shared layout (docs/trustzone.md): exactly one
 * single-core Secure (hrt) partition and the one Normal-world partition,
 * whose only core it is, on one core. The hrt partition preempts by
 * hardware (its Group 0 interrupts take the core back from the Normal
 * world), so the core has no scheduler; the monitor switches worlds. The
 * Secure partition's vCPU goes first in the core's list (pcpu_configs.vm:
 * the core's owner). True when the core is such a pair (errors reported).
 */
static bool tz_pair(struct gen *g, uint32_t c, struct pcpu *p)
{
	char path[1024];
	uint32_t k, hrt = 0, h = 0;

	if (!g->opt.tz)
		return false;
	for (k = 0; k < p->nr; k++)
		if (g->vms[p->v[k].vm].level == GEN_LEVEL_HRT) {
			hrt++;
			h = k;
		}
	if (hrt != 1 || p->nr != 2)
		return false; /* two hrt VMs: check_hrt says why; two Normal: check_tz */
	const struct vm *s = &g->vms[p->v[h].vm], *n = &g->vms[p->v[1u - h].vm];

	if (s->nr_vcpus != 1) {
		report(g, s->node, "cpus",
		       "VM \"%s\" (hrt) shares core %u (%s) with the Normal world (VM \"%s\"), so "
		       "it must have that one core only: the shared layout switches one Secure "
		       "vCPU and one Normal-world vCPU on one core (docs/trustzone.md)",
		       s->name, c, core_path(g, c, path, sizeof(path)), n->name);
		return true;
	}
	if (n->nr_vcpus != 1) {
		report(g, n->node, "cpus",
		       "VM \"%s\" lists core %u (%s), the Secure VM \"%s\"'s, and other cores: a "
		       "Normal-world partition on the shared core must have that core only "
		       "(docs/trustzone.md)",
		       n->name, c, core_path(g, c, path, sizeof(path)), s->name);
		return true;
	}
	if (h != 0) {
		uint8_t vm = p->v[0].vm, vcpu = p->v[0].vcpu;

		p->v[0] = p->v[1];
		p->v[1].vm = vm;
		p->v[1].vcpu = vcpu;
	}
	p->tz_shared = true;
	return true;
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
		if (p->nr <= 1 || p->nr > g->opt.max_pcpu_vcpus || tz_pair(g, c, p) ||
		    !check_hrt(g, c, p))
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
