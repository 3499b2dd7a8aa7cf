/* SPDX-License-Identifier: MIT */
#include "stage2.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dt.h"
#include "query.h"
#include "util.h"

/* One contiguous IPA -> PA mapping before it is cut into descriptors. */
struct mapping {
	uint64_t ipa, pa, size;
	bool device;
	bool ro; /* a read-only region: no stage-2 write permission */
	bool xn; /* never executable: channel memory another VM writes */
};

uint64_t s2_entry_size(uint32_t level)
{
	return level == 1 ? SZ_1G : level == 2 ? SZ_2M : SZ_4K;
}

uint64_t s2_entry_ipa(const struct s2_table *t, uint32_t idx)
{
	if (t->level == 1)
		return (uint64_t)idx * SZ_1G;
	if (t->level == 2)
		return (uint64_t)t->i1 * SZ_1G + (uint64_t)idx * SZ_2M;
	return (uint64_t)t->i1 * SZ_1G + (uint64_t)t->i2 * SZ_2M + (uint64_t)idx * SZ_4K;
}

void s2_table_name(uint32_t vm, const struct s2_table *t, char *buf, unsigned long len)
{
	if (t->level == 1)
		snprintf(buf, len, "vm%u_s2_l1", vm);
	else if (t->level == 2)
		snprintf(buf, len, "vm%u_s2_l2_%u", vm, t->i1);
	else
		snprintf(buf, len, "vm%u_s2_l3_%u_%u", vm, t->i1, t->i2);
}

static uint32_t new_table(struct s2 *s2, uint32_t level, uint32_t i1, uint32_t i2)
{
	struct s2_table *t;
	uint32_t i;

	s2->t = xrealloc(s2->t, (s2->nr_t + 1) * sizeof(*s2->t));
	t = &s2->t[s2->nr_t];
	memset(t, 0, sizeof(*t));
	t->level = level;
	t->i1 = i1;
	t->i2 = i2;
	t->nr = level == 1 ? S2_L1_ENTRIES : S2_ENTRIES;
	for (i = 0; i < S2_ENTRIES; i++)
		t->child[i] = -1;
	return s2->nr_t++;
}

/* The next-level table under entry idx of table ti, created on first use; -1 on a block there. */
static int next_table(struct s2 *s2, uint32_t ti, uint32_t idx)
{
	uint32_t level = s2->t[ti].level, i1 = s2->t[ti].i1;
	uint32_t nt;

	if (s2->t[ti].child[idx] >= 0)
		return s2->t[ti].child[idx];
	if (s2->t[ti].desc[idx] != 0)
		return -1;
	/* new_table() may move s2->t: index, never hold pointers across it */
	nt = level == 1 ? new_table(s2, 2, idx, 0) : new_table(s2, 3, i1, idx);
	s2->t[ti].desc[idx] = S2_TABLE_OR_PAGE;
	s2->t[ti].child[idx] = (int)nt;
	return (int)nt;
}

static uint64_t leaf(uint64_t pa, uint32_t level, const struct mapping *m)
{
	uint64_t d = (pa & S2_OA_MASK) | (m->ro ? S2_AP_RO : S2_AP_RW) | S2_AF;

	d |= level == 3 ? S2_TABLE_OR_PAGE : S2_VALID_BLOCK;
	if (m->device)
		d |= S2_MEMATTR_DEVICE | S2_XN;
	else
		d |= S2_MEMATTR_NORMAL | S2_SH_INNER | (m->xn ? S2_XN : 0);
	return d;
}

/* The largest descriptor both addresses and the remaining size allow. */
static uint32_t pick_level(uint64_t ipa, uint64_t pa, uint64_t left)
{
	if (ipa % SZ_1G == 0 && pa % SZ_1G == 0 && left >= SZ_1G)
		return 1;
	if (ipa % SZ_2M == 0 && pa % SZ_2M == 0 && left >= SZ_2M)
		return 2;
	return 3;
}

static int map_one(struct vm *vm, struct s2 *s2, const struct mapping *m)
{
	uint64_t ipa = m->ipa, pa = m->pa, left = m->size;

	while (left > 0) {
		uint32_t level = pick_level(ipa, pa, left);
		int t = 0;
		uint32_t idx;

		if (level >= 2)
			t = next_table(s2, 0, (uint32_t)(ipa >> 30));
		if (level == 3 && t >= 0)
			t = next_table(s2, (uint32_t)t, (uint32_t)(ipa >> 21) & 511u);
		if (t < 0)
			return -1;
		idx = (uint32_t)(ipa / s2_entry_size(level)) & (level == 1 ? 3u : 511u);
		if (s2->t[t].desc[idx] != 0)
			return -1;
		s2->t[t].desc[idx] = leaf(pa, level, m);
		vm->nr_desc[level - 1]++;
		ipa += s2_entry_size(level);
		pa += s2_entry_size(level);
		left -= s2_entry_size(level);
	}
	return 0;
}

static int cmp_mapping(const void *a, const void *b)
{
	const struct mapping *x = a, *y = b;

	return x->ipa < y->ipa ? -1 : x->ipa > y->ipa;
}

int s2_build(struct gen *g, struct vm *vm, struct s2 *s2)
{
	const struct board *b = &g->board;
	struct mapping *m;
	uint32_t n = 0, i, out, ci, ei, nr_runs = 0;
	uint64_t f, sipa, spa, ssize;
	int ret = 0;

	/* a coloured region: one mapping per run of PA-contiguous frames */
	for (i = 0; i < vm->nr_regions; i++)
		for (f = 0; vm->region[i].frames && f < vm->region[i].size / SZ_4K; f++)
			if (f == 0 || vm->region[i].frames[f] != vm->region[i].frames[f - 1] + 1)
				nr_runs++;
	m = xcalloc(vm->nr_wins + vm->nr_regions + nr_runs + VM_MAX_CHANNELS + 2, sizeof(*m));

	memset(s2, 0, sizeof(*s2));
	memset(vm->nr_desc, 0, sizeof(vm->nr_desc));
	new_table(s2, 1, 0, 0);

	for (i = 0; i < vm->nr_regions; i++) {
		const struct region *r = &vm->region[i];

		if (!r->frames) {
			m[n++] = (struct mapping){ r->ipa, r->pa, r->size, false, r->read_only, false };
			continue;
		}
		for (f = 0; f < r->size / SZ_4K; f++) {
			if (f > 0 && r->frames[f] == r->frames[f - 1] + 1) {
				m[n - 1].size += SZ_4K;
				continue;
			}
			m[n++] = (struct mapping){ r->ipa + f * SZ_4K, (uint64_t)r->frames[f] << 12, SZ_4K,
						   false, r->read_only, false };
		}
	}
	/* channels: normal cacheable memory, no write for a read-only side, never
	 * executable; the doorbell page stays unmapped (emulated) */
	for (i = 0; i < VM_MAX_CHANNELS && vm_chan_end(g, (uint32_t)(vm - g->vms), i, &ci, &ei); i++)
		m[n++] = (struct mapping){ g->chans[ci].end[ei].ipa, g->chans[ci].pa, g->chans[ci].size,
					   false, g->chans[ci].end[ei].ro, true };
	/* image load's staging region (docs/control.md): normal memory the
	 * controller writes, never executable; only ever its own */
	if (ctl_staging(g, (uint32_t)(vm - g->vms), &sipa, &spa, &ssize))
		m[n++] = (struct mapping){ sipa, spa, ssize, false, false, true };
	/* the CPU interface: hardware GICC for hrt, the virtual one otherwise;
	 * for hrt only its first page: GICC_DIR (second page) is emulated */
	m[n++] = (struct mapping){ b->gicc.start, vm->level == GEN_LEVEL_HRT ? b->gicc.start : b->gicv.start,
				   vm->level == GEN_LEVEL_HRT ? SZ_4K : 2 * SZ_4K, true, false, true };
	for (i = 0; i < vm->nr_wins; i++)
		m[n++] = (struct mapping){ vm->win[i].r.start, vm->win[i].r.start,
					   vm->win[i].r.end - vm->win[i].r.start, true, false, true };
	qsort(m, n, sizeof(*m), cmp_mapping);

	/* merge windows that touch or repeat (devices sharing a page) */
	for (i = 1, out = 0; i < n; i++) {
		struct mapping *p = &m[out];

		if (m[i].ipa <= p->ipa + p->size && m[i].device == p->device && m[i].ro == p->ro &&
		    m[i].xn == p->xn &&
		    m[i].ipa - p->ipa == m[i].pa - p->pa) {
			if (m[i].ipa + m[i].size > p->ipa + p->size)
				p->size = m[i].ipa + m[i].size - p->ipa;
			continue;
		}
		if (m[i].ipa < p->ipa + p->size) {
			report(g, vm->node, NULL, "internal error: stage-2 mappings overlap at IPA 0x%08llx",
			       (unsigned long long)m[i].ipa);
			ret = -1;
		}
		m[++out] = m[i];
	}
	for (i = 0; ret == 0 && i <= out; i++) {
		if (map_one(vm, s2, &m[i]) != 0) {
			report(g, vm->node, NULL, "internal error: stage-2 descriptor collision at IPA 0x%08llx",
			       (unsigned long long)m[i].ipa);
			ret = -1;
		}
	}
	free(m);
	return ret;
}

void s2_free(struct s2 *s2)
{
	free(s2->t);
	s2->t = NULL;
	s2->nr_t = 0;
}
