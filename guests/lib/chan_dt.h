/*
 * The inter-VM channels this VM is on, read from its DTB (r2 at boot):
 * every top-level node with compatible "shikiri,channel" (docs/channels.md).
 */
#ifndef GUEST_CHAN_DT_H
#define GUEST_CHAN_DT_H

#include <stdint.h>

#define GUEST_CHAN_MAX		4u
#define GUEST_CHAN_LABEL	32u

struct guest_chan {
	uint32_t doorbell;	/* reg[0]: doorbell page IPA (4 KiB) */
	uint32_t shm, size;	/* reg[1]: shared memory IPA and bytes */
	uint32_t irq;		/* GIC ID of this VM's doorbell interrupt (SPI) */
	uint32_t index, peers;	/* shikiri,index and shikiri,peers */
	uint32_t read_only;	/* shikiri,access = "ro" */
	char label[GUEST_CHAN_LABEL];	/* channel name, NUL-terminated */
};

/*
 * Fill out[0..max-1] with the channels in the DTB at dtb (0: the one the
 * VM booted with, r2) and return how many there are.  A node whose reg or
 * interrupts cannot be read (wrong length, above 4 GiB, not an SPI) is
 * skipped; so is everything when the DTB is missing or malformed.
 */
uint32_t guest_chan_find(const void *dtb, struct guest_chan *out, uint32_t max);

/* The channel called label among n found ones, or 0. */
const struct guest_chan *guest_chan_by_label(const struct guest_chan *c, uint32_t n,
					      const char *label);

#endif
