/* SPDX-License-Identifier: MIT */
/*
 * Hypervisor image layout; preprocessed with autoconf.h, twice:
 * - shikiri.elf (and the FIT): every guest blob is a load segment of its
 *   own at its physical address ($(O)/gen/images-placed.ld), so the loader
 *   puts it there and boot copies nothing;
 * - with IMAGES_PACKED, shikiri-packed.elf, the source of shikiri.bin (one
 *   blob, for loaders that take one: bootz, raw -kernel): the blobs are
 *   inside the image ($(O)/gen/images-packed.ld) and boot copies them once.
 * VMs with reset = "restart" keep pristine copies in .rodata either way.
 */
OUTPUT_FORMAT("elf32-littlearm")
OUTPUT_ARCH(arm)
ENTRY(_start)

SECTIONS
{
	. = CONFIG_HYP_LOAD_ADDR;
	__image_start = .;

	.text : {
		KEEP(*(.text.boot))
		*(.text .text.*)
	}

	.rodata : ALIGN(4096) {
		KEEP(*(.rodata.s2))		/* generated stage-2 tables */
		*(.rodata .rodata.*)
		KEEP(*(.rodata.vm_images))	/* pristine guest images (incbin) */
	}
#ifdef IMAGES_PACKED
#include "images-packed.ld"
#endif

	.data : ALIGN(8) {
		*(.data .data.*)
		. = ALIGN(8);
	}
	__data_end = .;			/* end of what a loader puts in memory */

	.bss (NOLOAD) : ALIGN(64) {
		__bss_start = .;
		*(.bss .bss.* COMMON)
		. = ALIGN(8);
		__bss_end = .;
	}

	.noinit (NOLOAD) : ALIGN(64) {	/* not cleared at boot: the Hyp stacks */
		*(.noinit)
	}
	__image_end = .;
#ifndef IMAGES_PACKED
#include "images-placed.ld"
#endif

	/DISCARD/ : {
		*(.ARM.exidx*) *(.ARM.extab*) *(.comment) *(.note*)
	}
}

ASSERT(CONFIG_HYP_LOAD_ADDR >= CONFIG_HYP_BASE, "load address below the hypervisor region")
ASSERT(__image_end <= CONFIG_HYP_BASE + CONFIG_HYP_SIZE,
       "hypervisor image (with guest images) larger than CONFIG_HYP_SIZE")
