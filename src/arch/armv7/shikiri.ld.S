/* SPDX-License-Identifier: MIT */
/* Hypervisor image layout; preprocessed with autoconf.h. */
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
		KEEP(*(.rodata.vm_images))	/* guest images (incbin) */
	}

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
	__image_end = .;

	/DISCARD/ : {
		*(.ARM.exidx*) *(.ARM.extab*) *(.comment) *(.note*)
	}
}

ASSERT(CONFIG_HYP_LOAD_ADDR >= CONFIG_HYP_BASE, "load address below the hypervisor region")
ASSERT(__image_end <= CONFIG_HYP_BASE + CONFIG_HYP_SIZE,
       "hypervisor image (with guest images) larger than CONFIG_HYP_SIZE")
