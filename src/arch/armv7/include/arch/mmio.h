/* SPDX-License-Identifier: MIT */
/*
 * A trapped data access as the core's MMIO entry sees it (mmio_trap.h), and
 * the in-line hooks it performs it with: the stage-2 data abort syndrome
 * (HSR) and the trap frame stay here, so core never decodes an ARM
 * register. All in line: the trap path (traps.c, trap_dabt) is a hot path.
 */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include "pcpu.h"
#include "types.h"
#include "arch/hyp.h"
#include "arch/trap_frame.h"
#include "arch/vgicd.h"

struct pcpu;
struct vcpu;

/* One access with a valid syndrome whose transfer register is in the frame
 * (f->r[rt]). */
struct mmio_arch_access {
	struct trap_frame *f;
	uint32_t hsr;
	uint32_t rt;
};

static inline void skip_instruction(struct trap_frame *f, uint32_t hsr)
{
	uint32_t elr = f->elr + 4u;

	if (!(hsr & HSR_IL))
		elr -= 2u; /* a 16-bit Thumb instruction */
	f->elr = elr;
}

static inline uint32_t dabt_size(uint32_t hsr)
{
	return 1u << HSR_DABT_SAS(hsr);
}

/* A write narrower than a word: its bytes. */
static inline uint32_t dabt_narrow(uint32_t val, uint32_t hsr)
{
	uint32_t size = dabt_size(hsr);

	return size < 4 ? val & ((1u << (size * 8)) - 1u) : val;
}

/* A read narrower than a word: zero- or (LDRSB, LDRSH) sign-extended. */
static inline uint32_t dabt_extend(uint32_t val, uint32_t size, uint32_t hsr)
{
	uint32_t bits = size * 8u;

	val &= (1u << bits) - 1u;
	if ((hsr & HSR_DABT_SSE) && (val & (1u << (bits - 1u))))
		val |= ~((1u << bits) - 1u);
	return val;
}

/* Out of line (traps.c): the device refused the access; a read narrower
 * than a word to extend. */
NORETURN void dabt_refused_on(const struct pcpu *c, uint32_t hsr);
void dabt_extend_on(const struct pcpu *c, uint32_t hsr);

/*
 * The first window of every VM's table is arch's: the distributor, which
 * vm_arch_mmio_setup registers before any other (every guest's hot
 * window). The trap entry (mmio_trap.h) counts it as MMIO_ARCH_FIRST_CAUSE
 * and calls its handlers through these, directly: no load of a handler
 * on the hot path. Every other window's handlers come from the table.
 */
#define MMIO_ARCH_FIRST_CAUSE TRAP_GICD
static inline bool mmio_arch_first_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	return vgicd_vcpu_read(v, off, size, val);
}

static inline bool mmio_arch_first_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	return vgicd_vcpu_write(v, off, size, val);
}

/* A write of any valid size (not the reserved SAS 3): its low byte is
 * the value of a byte-wide register. */
static inline bool mmio_arch_byte_write(struct mmio_arch_access a)
{
	return (a.hsr & HSR_DABT_WNR) && (a.hsr & HSR_DABT_SAS_MASK) != HSR_DABT_SAS_MASK;
}

/* A read of a whole word. */
static inline bool mmio_arch_word_read(struct mmio_arch_access a)
{
	return (a.hsr & (HSR_DABT_WNR | HSR_DABT_SAS_MASK)) == HSR_DABT_SAS_WORD;
}

/* The device refused access a (ELR has moved on): the VM stops. */
static inline NORETURN void mmio_arch_refused(const struct pcpu *c, struct mmio_arch_access a)
{
	dabt_refused_on(c, a.hsr);
}

/* The transfer register's frame slot. */
static inline uint32_t *mmio_arch_reg(struct mmio_arch_access a)
{
	return &a.f->r[a.rt];
}

/* The access is done (or is about to be): the guest goes on past it. */
static inline void mmio_arch_done(struct mmio_arch_access a)
{
	skip_instruction(a.f, a.hsr);
}

/*
 * Perform the access at offset off with a device's handlers for vCPU v,
 * running on core c (this one): ELR moves past the instruction first, and
 * a read goes straight into the frame slot, so that nothing but the core
 * and the syndrome stays live across the handler. A refusal stops the VM.
 */
static inline __attribute__((always_inline)) void
mmio_arch_access(const struct pcpu *c, struct vcpu *v, struct mmio_arch_access a, uint32_t off,
		 bool (*read)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val),
		 bool (*write)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val))
{
	uint32_t hsr = a.hsr;
	uint32_t *reg = mmio_arch_reg(a);

	skip_instruction(a.f, hsr);
	if (hsr & HSR_DABT_WNR) {
		uint32_t val = *reg;

		if (HSR_DABT_SAS(hsr) != 2u) /* not a word */
			val = dabt_narrow(val, hsr);
		if (!write(v, off, dabt_size(hsr), val))
			dabt_refused_on(c, hsr);
		return;
	}
	if (!read(v, off, dabt_size(hsr), reg))
		dabt_refused_on(c, hsr);
	if (HSR_DABT_SAS(hsr) != 2u) /* not a word */
		dabt_extend_on(c, hsr);
}

#endif
