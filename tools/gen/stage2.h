/* SPDX-License-Identifier: MIT */
/*
 * Stage-2 translation tables (LPAE, 4 KiB granule, 32-bit IPA: VTCR.T0SZ = 0,
 * SL0 = 1, so the walk starts at a level-1 table of 4 entries).
 */
#ifndef GEN_STAGE2_H
#define GEN_STAGE2_H

#include <stdbool.h>
#include <stdint.h>

#include "gen.h"

#define S2_L1_ENTRIES 4u
#define S2_ENTRIES 512u

/* Descriptor bits (ARM ARM B3.6.2, stage-2 attributes). */
#define S2_VALID_BLOCK 0x1ull          /* levels 1, 2 */
#define S2_TABLE_OR_PAGE 0x3ull        /* table at levels 1, 2; page at level 3 */
#define S2_MEMATTR_NORMAL (0xfull << 2) /* outer + inner write-back */
#define S2_MEMATTR_DEVICE (0x1ull << 2) /* Device-nGnRE */
#define S2_AP_RO (0x1ull << 6)       /* HAP = 01: read-only */
#define S2_AP_RW (0x3ull << 6)
#define S2_SH_INNER (0x3ull << 8)
#define S2_AF (1ull << 10)
#define S2_XN (1ull << 54)
#define S2_OA_MASK 0x000000fffffff000ull /* output address bits [39:12] */

struct s2_table {
	uint32_t level;   /* 1, 2 or 3 */
	uint32_t i1, i2;  /* level-1 index (levels 2, 3), level-2 index (level 3) */
	uint32_t nr;      /* S2_L1_ENTRIES or S2_ENTRIES */
	uint64_t desc[S2_ENTRIES];
	int child[S2_ENTRIES]; /* table descriptors: index into s2.t, else -1 */
};

struct s2 {
	struct s2_table *t; /* t[0] is the level-1 root */
	uint32_t nr_t;
};

/*
 * Build the tables for one VM: RAM, the GIC CPU interface window and the
 * passed-through device windows. Fills vm->nr_desc. Returns -1 (after
 * reporting) if two mappings collide, which validation should have caught.
 */
int s2_build(struct gen *g, struct vm *vm, struct s2 *s2);
void s2_free(struct s2 *s2);

/* Table name in the generated C, e.g. "vm0_s2_l2_1". */
void s2_table_name(uint32_t vm, const struct s2_table *t, char *buf, unsigned long len);

/* Size an entry of a table at this level covers. */
uint64_t s2_entry_size(uint32_t level);

/* First IPA an entry covers. */
uint64_t s2_entry_ipa(const struct s2_table *t, uint32_t idx);

#endif
