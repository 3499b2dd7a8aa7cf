/* SPDX-License-Identifier: MIT */
/*
 * Cache colouring (CONFIG_CACHE_COLOURING, src/core/colour.c): a coloured
 * region (VM_MEM_COLOURED) is 4 KiB frames scattered in PA; the VM's
 * constant stage-2 tables are its only IPA -> PA map, so the hypervisor
 * reaches its memory one frame at a time through them.
 */
#ifndef SHIKIRI_COLOUR_H
#define SHIKIRI_COLOUR_H

#include "types.h"
#include "vmconfig.h"

/* Copy size bytes from src to IPA ipa of the VM, frame by frame, and clean
 * them to the point of coherency (the generator checked that it is its memory). */
void colour_copy(const struct vm_config *cfg, uint32_t ipa, const uint8_t *src, uint32_t size);
/* Clean and invalidate [ipa, ipa + n) of the VM, frame by frame. */
void colour_clean_invalidate(const struct vm_config *cfg, uint32_t ipa, uint32_t n);

/* The VM's colours as text, runs joined: "0-3 6 8-15" (64 colours at
 * most: COLOUR_NAMES_MAX bytes hold any set). */
#define COLOUR_NAMES_MAX 160u
void colour_names(const struct vm_config *cfg, char *buf, uint32_t size);

#endif
