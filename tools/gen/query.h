/* SPDX-License-Identifier: MIT */
/* query.c: lookups on the system DT and the data model shared by the phases. */
#ifndef GEN_QUERY_H
#define GEN_QUERY_H

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

/* The region holding [ipa, ipa + len), or NULL. */
const struct region *vm_region_at(const struct vm *vm, uint64_t ipa, uint64_t len);

/* The channel ends of VM vm, in channel order: *chan and *end of the n-th,
 * false past the last. */
bool vm_chan_end(const struct gen *g, uint32_t vm, uint32_t n, uint32_t *chan, uint32_t *end);

/* Image load's staging region of controller VM vm (place_control.c): true
 * and its IPA, PA and size if it has one (placed). */
bool ctl_staging(const struct gen *g, uint32_t vm, uint64_t *ipa, uint64_t *pa, uint64_t *size);

/* "VM "x"" or "VM "x" region "y"": who owns region r of vm, into buf. */
const char *owner_name(const struct vm *vm, const struct region *r, char *buf, size_t len);

/*
 * A VM's blobs: the image, its DTB and its initrd. Each goes to the PA of
 * its IPA as a load segment of its own; check_loadable() (build_stage2.c)
 * has checked that each lies inside one of the VM's memory regions.
 */
enum { BLOB_IMAGE, BLOB_DTB, BLOB_INITRD, NR_BLOBS };

struct blob {
	bool present;
	uint64_t ipa, size, pa;
};

/* The VM's blobs into b[NR_BLOBS]; false if one is not inside the VM's memory. */
bool vm_blobs(const struct vm *vm, struct blob *b);

/* VM vm's control page and interrupt (0: none) if it is a controller
 * (the guest DT's control node). */
bool control_of_vm(const struct gen *g, uint32_t vm, uint64_t *page, uint32_t *irq);

#endif
