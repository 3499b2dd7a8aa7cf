/* SPDX-License-Identifier: MIT */
#ifndef GEN_BOARD_H
#define GEN_BOARD_H

#include <stdbool.h>
#include <stdint.h>

#include "gen.h"

/*
 * GIC interrupt IDs of the SPIs a node raises ("interrupts" through its
 * interrupt parent, or "interrupts-extended"), lines wired to other
 * controllers and PPIs skipped. Returns the count or -1 (reported).
 */
int board_spis(struct gen *g, int node, uint32_t *out, int max);

/* A node a partition may pass through (see docs/partition-binding.md). */
bool board_is_device(struct gen *g, int node);

#endif
