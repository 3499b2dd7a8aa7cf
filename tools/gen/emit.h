/* SPDX-License-Identifier: MIT */
/* emit_common.c: what the emit_*.c files write the same way. Emit phase only. */
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include <stdint.h>

#include "gen.h"
#include "query.h"
#include "util.h"

extern const char *const level_name[3];   /* "hrt", "srt", "be" by VM_LEVEL_* */
extern const char *const console_name[3]; /* "vuart", ... by VM_CONSOLE_* */
extern const char *const blob_name[NR_BLOBS]; /* "image", "dtb", "initrd" */

/*
 * A string from the inputs inside a C or assembler comment, quoted and
 * escaped so that no input can end the comment (emit_common.c says how).
 */
void comment_str(struct sbuf *sb, const char *s);
/* The VM's cores, "0,1,3". */
void core_list(struct sbuf *sb, const struct vm *vm);
/* The SPIs (IDs >= 32) of a bitmap as ranges, "33<sep>48-50"; `none` if empty. */
void sb_spi_ranges(struct sbuf *sb, const uint32_t *bm, const char *sep, const char *none);
/* The VM's passed-through devices by path, comma-separated ("-": none). */
void dev_list(const struct gen *g, struct sbuf *sb, const struct vm *vm);

/*
 * The VM's blobs have copies in the hypervisor image (.rodata.vm_images):
 * reset = "restart" (the pristine copies), or a coloured VM (whose RAM is
 * scattered frames: boot copies each blob into them from there, no loader
 * puts it in place).
 */
static inline bool blobs_in_image(const struct vm *vm)
{
	return vm->reset != VM_RESET_HALT || vm->colours != 0;
}

#endif
