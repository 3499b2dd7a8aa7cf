/* SPDX-License-Identifier: MIT */
/*
 * mmio_trap.h's in-line hooks in the TrustZone mode: without stage 2 no
 * access of a guest traps, so nothing calls them; they exist so that core's
 * MMIO registry (mmio.c) builds unchanged. A partition's table stays empty
 * (vm_arch_mmio_setup registers nothing, and there is no vUART).
 */
#ifndef ARCH_MMIO_H
#define ARCH_MMIO_H

#include "pcpu.h"
#include "types.h"
#include "arch/trap_frame.h"

struct pcpu;
struct vcpu;

struct mmio_arch_access {
	struct trap_frame *f;
	uint32_t rt;
};

#define MMIO_ARCH_FIRST_CAUSE TRAP_GICD
static inline bool mmio_arch_first_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	UNUSED(v);
	UNUSED(off);
	UNUSED(size);
	*val = 0;
	return false;
}

static inline bool mmio_arch_first_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	UNUSED(v);
	UNUSED(off);
	UNUSED(size);
	UNUSED(val);
	return false;
}

static inline bool mmio_arch_byte_write(struct mmio_arch_access a)
{
	UNUSED(a);
	return false;
}

static inline bool mmio_arch_word_read(struct mmio_arch_access a)
{
	UNUSED(a);
	return false;
}

static inline void mmio_arch_refused(const struct pcpu *c, struct mmio_arch_access a)
{
	UNUSED(c);
	UNUSED(a);
}

static inline uint32_t *mmio_arch_reg(struct mmio_arch_access a)
{
	return &a.f->r[a.rt];
}

static inline void mmio_arch_done(struct mmio_arch_access a)
{
	UNUSED(a);
}

static inline void
mmio_arch_access(const struct pcpu *c, struct vcpu *v, struct mmio_arch_access a, uint32_t off,
		 bool (*read)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val),
		 bool (*write)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val))
{
	UNUSED(c);
	UNUSED(v);
	UNUSED(a);
	UNUSED(off);
	UNUSED(read);
	UNUSED(write);
}

#endif
