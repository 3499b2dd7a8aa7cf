// SPDX-License-Identifier: MIT
/*
 * GICv2 distributor emulation, one handler per register group.
 *
 * Ownership: SPIs per the VM's IRQ bitmap; PPIs the VM has on its own cores
 * (not the hypervisor's maintenance and timer PPIs); SGIs are virtual for
 * srt/be VMs (the physical ones carry hypervisor IPIs there) and physical for
 * hrt VMs, whose cores are entirely theirs; the console's interrupt is a
 * purely virtual one for VMs with a vUART. Bits of other IRQs read as zero
 * and ignore writes; such attempts are counted and reported once per VM.
 */
#include "console.h"
#include "arch/gic.h"
#include "pcpu.h"
#include "arch/vgicd.h"
#include "vm.h"

/* Four arguments, all in registers: the dispatch is a tail call. A
 * handler shared by several groups tells them apart by off. */
typedef bool (*vgicd_read_fn)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val);
typedef bool (*vgicd_write_fn)(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val);

/* Every handler has the same signature (table-driven); most use only part
 * of it. */
#define HANDLER_ARG __attribute__((unused))
#define VGICD_READ(name)                                                            \
	static bool name(struct vcpu *v HANDLER_ARG, uint32_t off HANDLER_ARG, \
			 uint32_t size HANDLER_ARG, uint32_t *val)
#define VGICD_WRITE(name)                                                           \
	static bool name(struct vcpu *v HANDLER_ARG, uint32_t off HANDLER_ARG, \
			 uint32_t size HANDLER_ARG, uint32_t val HANDLER_ARG)

/* The bit-per-IRQ groups are 0x80 bytes each, at 0x80-aligned offsets. */
#define BITS_GROUP(off) ((off) & ~0x7fu)
#define BITS_WORD(off) (((off) & 0x7fu) / 4u)

struct vgicd_reg {
	const char *name;
	vgicd_read_fn read;
	vgicd_write_fn write;
	bool bytes_ok; /* byte access allowed (GICv2: priority, targets, SGI pending) */
};

static bool vm_is_hrt(const struct vm *vm)
{
	return vm_level_hrt(vm->cfg);
}

/* Does the VM own hardware interrupt id (as a physical pass-through)? */
static bool owns_hw(const struct vcpu *v, uint32_t id)
{
	const struct vm *vm = v->vm;

	if (id >= GIC_MAX_IRQS)
		return false;
	if (id < GIC_NR_SGIS)
		return vm_is_hrt(vm); /* hrt: physical SGIs are the guest's own */
	if (id == GIC_MAINT_IRQ || id == GIC_HYP_TIMER_IRQ)
		return false;
	return (vm->cfg->irq_bitmap[id / 32] & BIT(id % 32)) != 0;
}

static bool virtual_sgi(const struct vcpu *v, uint32_t id)
{
	return id < GIC_NR_SGIS && !vm_is_hrt(v->vm);
}

/* The vUART's receive interrupt: same ID as the board console's, but never
 * the physical one (that is the hypervisor's). */
static bool uart_vspi(const struct vcpu *v, uint32_t id)
{
	return v->vm->cfg->console == VM_CONSOLE_VUART && id == board_config.uart_irq;
}

/* Purely virtual SPIs: the vUART's (channel doorbells are physical SPIs
 * the VM owns, in its irq_bitmap). */
static uint32_t vspi_word(const struct vcpu *v, uint32_t word)
{
	uint32_t bits = 0;

	if (uart_vspi(v, board_config.uart_irq) && board_config.uart_irq / 32u == word)
		bits |= BIT(board_config.uart_irq % 32u);
	return bits;
}

static bool virtual_spi(const struct vcpu *v, uint32_t id)
{
	return id >= GIC_FIRST_SPI && id < GIC_MAX_IRQS &&
	       (vspi_word(v, id / 32u) & BIT(id % 32u)) != 0;
}

static const struct vgicd_reg *vgicd_group(uint32_t off);

/* A refused access to IRQ id through the register at off. */
COLD static NOINLINE void refuse(struct vcpu *v, uint32_t off, uint32_t id)
{
	struct vm *vm = v->vm;
	const struct vgicd_reg *r = vgicd_group(off);

	/* Expected, not an error: Linux's GIC driver, for one, initialises
	 * every line the distributor has. So the first refusal is a debug
	 * line and kept for the console's status command; the count goes into
	 * the VM's stop report. */
	if (vm->arch.vgicd.refused++ == 0) {
		vm->arch.vgicd.first_refused_reg = r->name;
		vm->arch.vgicd.first_refused_irq = id;
		pr_debug("vm %s: refused GICD %s access for IRQ %u (not its own); further refusals are counted",
			 vm->cfg->name, r->name, id);
	}
}

/* Bit-per-IRQ registers: the owned hardware IRQs of one 32-IRQ word
 * (word < IRQ_BITMAP_WORDS), made once from the generator's ownership
 * bitmap (vgicd_setup): the hot case, enable, disable, pending. */
_Static_assert(IRQ_BITMAP_WORDS == 0x80 / 4, "a bit group's words are the bitmap's");

static uint32_t owned_word(const struct vcpu *v, uint32_t word)
{
	return v->vm->arch.vgicd.owned[word];
}

/* ICFGR (2 bits per IRQ, word access): mask of the fields whose IRQ the VM
 * owns; refused writes are reported through `attempt`. */
static COLD uint32_t cfg_owned_mask(struct vcpu *v, uint32_t off, uint32_t attempt, bool hw_only)
{
	uint32_t first = (off - GICD_ICFGR) * 4u;
	uint32_t mask = 0;

	for (uint32_t i = 0; i < 16u; i++) {
		uint32_t id = first + i;
		uint32_t f = 3u << (i * 2u);

		if (owns_hw(v, id) || (!hw_only && virtual_sgi(v, id)))
			mask |= f;
		else if ((attempt & f) && !virtual_spi(v, id))
			refuse(v, off, id);
	}
	return mask;
}

VGICD_READ(reg_raz)
{
	*val = 0;
	return true;
}

VGICD_WRITE(reg_wi)
{
	return true;
}

VGICD_READ(ctlr_read)
{
	*val = v->vm->arch.vgicd.ctlr;
	return true;
}

VGICD_WRITE(ctlr_write)
{
	/* The physical distributor stays on; per-IRQ enables do the gating. */
	v->vm->arch.vgicd.ctlr = val & 3u;
	return true;
}

VGICD_READ(typer_read)
{
	*val = v->vm->arch.vgicd.typer; /* made once (vgicd_setup) */
	return true;
}

VGICD_READ(iidr_read)
{
	*val = gicd_read(GICD_IIDR);
	return true;
}

/* ISENABLER/ICENABLER, ISPENDR/ICPENDR, ISACTIVER/ICACTIVER: physical bits
 * of owned IRQs. srt/be SGIs read as enabled (GICv2 SGIs always are). */
VGICD_READ(bits_read)
{
	uint32_t word = BITS_WORD(off), group = BITS_GROUP(off);
	uint32_t mask = owned_word(v, word);
	uint32_t phys = mask ? gicd_read(off) & mask : 0;

	uint32_t vspi = board_config.uart_irq;
	bool enable = group == GICD_ISENABLER || group == GICD_ICENABLER;

	if (enable && word == 0 && !vm_is_hrt(v->vm))
		phys |= 0xffffu;
	if (enable && word == vspi / 32 && uart_vspi(v, vspi) && v->vm->vuart.irq_enabled)
		phys |= BIT(vspi % 32);
	*val = phys;
	return true;
}

/* Enable/disable of the vUART interrupt, the one virtual SPI. */
static void vspi_enable_write(struct vcpu *v, uint32_t off, uint32_t val)
{
	uint32_t id = board_config.uart_irq;
	struct vm *vm = v->vm;

	if (BITS_WORD(off) != id / 32 || !uart_vspi(v, id) || !(val & BIT(id % 32)))
		return;
	if (BITS_GROUP(off) == GICD_ISENABLER) {
		vm->vuart.irq_enabled = true;
		vuart_update_irq(vm);
	} else if (BITS_GROUP(off) == GICD_ICENABLER) {
		vm->vuart.irq_enabled = false;
	}
}

/* Bits of a write that are not the VM's hardware interrupts: its virtual
 * SPI (the vUART's) and refusals (rare, so out of the common path). */
static NOINLINE COLD void bits_write_other(struct vcpu *v, uint32_t off, uint32_t val, uint32_t mask)
{
	uint32_t foreign = val & ~mask & ~vspi_word(v, BITS_WORD(off));

	if (foreign)
		refuse(v, off, BITS_WORD(off) * 32u + (uint32_t)__builtin_ctz(foreign));
	vspi_enable_write(v, off, val);
}

/* Word accesses only (no byte access to these registers): the owned bits
 * are one mask, written to the physical distributor in one store. */
VGICD_WRITE(bits_write)
{
	uint32_t mask = owned_word(v, BITS_WORD(off));

	/* Set/clear registers: writing the owned bits alone leaves others alone. */
	/* The common write is the VM's hardware bits alone: the hints keep
	 * that path straight (without them GCC lays the store out of line
	 * and it pays a branch back: make bench's GICD write 103, not 102). */
	if (__builtin_expect((val & mask) != 0u, 1))
		gicd_write(off, val & mask);
	if (__builtin_expect((val & ~mask) != 0u, 0))
		bits_write_other(v, off, val, mask);
	return true;
}

/* Byte-per-IRQ registers of srt/be virtual SGIs live in the vCPU's state. */
COLD VGICD_READ(prio_read)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - GICD_IPRIORITYR + i;
		uint32_t b = 0;

		if (virtual_sgi(v, id))
			b = v->arch.vgic.sgi_prio[id];
		else if (uart_vspi(v, id))
			b = v->vm->vuart.irq_prio;
		else if (owns_hw(v, id))
			b = gicd_read8(off + i);
		out |= b << (8 * i);
	}
	*val = out;
	return true;
}

COLD VGICD_WRITE(prio_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - GICD_IPRIORITYR + i;
		uint8_t b = (uint8_t)(val >> (8 * i));

		if (virtual_sgi(v, id))
			v->arch.vgic.sgi_prio[id] = b;
		else if (uart_vspi(v, id))
			v->vm->vuart.irq_prio = b;
		else if (owns_hw(v, id))
			gicd_write8(off + i, b);
		else
			refuse(v, off, id);
	}
	return true;
}

/* vCPU mask <-> physical core mask, through the VM's vCPU-to-core map. */
static uint32_t vcpus_to_cores(const struct vm *vm, uint32_t vmask)
{
	uint32_t cores = 0;

	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++)
		if (vmask & BIT(n))
			cores |= BIT(vm->cfg->vcpu_pcpu[n]);
	return cores;
}

static uint32_t cores_to_vcpus(const struct vm *vm, uint32_t cores)
{
	uint32_t vmask = 0;

	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++)
		if (cores & BIT(vm->cfg->vcpu_pcpu[n]))
			vmask |= BIT(n);
	return vmask;
}

COLD VGICD_READ(targets_read)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - GICD_ITARGETSR + i;
		uint32_t b = 0;

		if (id < GIC_FIRST_SPI)
			b = BIT(v->id); /* banked: "this CPU" */
		else if (virtual_spi(v, id))
			b = BIT(0); /* delivered to vCPU 0 */
		else if (owns_hw(v, id))
			b = cores_to_vcpus(v->vm, gicd_read8(off + i));
		out |= b << (8 * i);
	}
	*val = out;
	return true;
}

COLD VGICD_WRITE(targets_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - GICD_ITARGETSR + i;
		uint8_t b = (uint8_t)(val >> (8 * i));

		if (id < GIC_FIRST_SPI)
			continue; /* read-only for SGIs and PPIs */
		if (owns_hw(v, id))
			gicd_write8(off + i, (uint8_t)vcpus_to_cores(v->vm, b));
		else if (b && !virtual_spi(v, id))
			refuse(v, off, id);
	}
	return true;
}

COLD VGICD_READ(cfg_read)
{
	uint32_t mask = cfg_owned_mask(v, off, 0, false);

	*val = off == GICD_ICFGR ? 0xaaaaaaaau : gicd_read(off) & mask;
	return true;
}

COLD VGICD_WRITE(cfg_write)
{
	uint32_t mask;

	if (off == GICD_ICFGR)
		return true; /* SGIs: fixed edge */
	/* Fields of other IRQs read as 0: writing that 0 back (a guest's
	 * read-modify-write of a word it shares with another VM's SPI, e.g. a
	 * neighbouring channel doorbell) is no attempt to change them. */
	mask = cfg_owned_mask(v, off, val, true);
	gicd_update(off, mask, val);
	return true;
}

static void send_sgi(struct vcpu *v, uint32_t sgi, uint32_t vmask)
{
	struct vm *vm = v->vm;

	vmask &= BIT(vm_nr_vcpus(vm->cfg)) - 1u;
	if (vm_is_hrt(vm)) {
		/* Its cores are its own: a physical SGI, no hypervisor at the
		 * receiving end. */
		uint32_t cores = vcpus_to_cores(vm, vmask);

		if (cores)
			gic_send_sgi(sgi, cores);
		return;
	}
	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++)
		if ((vmask & BIT(n)) && vm->vcpus[n].state == VCPU_ON)
			vcpu_inject_sgi(&vm->vcpus[n], sgi, v->id);
}

COLD VGICD_WRITE(sgir_write)
{
	uint32_t filter = (val >> 24) & 3u;
	uint32_t list = (val >> 16) & 0xffu;
	uint32_t all = BIT(vm_nr_vcpus(v->vm->cfg)) - 1u;
	uint32_t targets;

	if (filter == 1)
		targets = all & ~BIT(v->id);
	else if (filter == 2)
		targets = BIT(v->id);
	else if (filter == 0)
		targets = list;
	else
		return true; /* reserved filter: ignored, as the GIC does */
	if (filter == 0 && (list & ~all))
		refuse(v, off, val & 0xfu);
	send_sgi(v, val & 0xfu, targets & all);
	return true;
}

/* CPENDSGIR/SPENDSGIR: byte per SGI, bit per source CPU. */
COLD VGICD_WRITE(sgi_pend_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t sgi = (off & 0xfu) + i;
		uint32_t srcs = (val >> (8 * i)) & 0xffu & (BIT(vm_nr_vcpus(v->vm->cfg)) - 1u);

		if (!srcs)
			continue;
		if (vm_is_hrt(v->vm)) {
			gicd_write8(off + i, (uint8_t)vcpus_to_cores(v->vm, srcs));
		} else if ((off & ~0xfu) == GICD_SPENDSGIR) {
			for (uint32_t s = 0; s < vm_nr_vcpus(v->vm->cfg); s++)
				if (srcs & BIT(s))
					vcpu_inject_sgi(v, sgi, s);
		}
		/* srt CPENDSGIR: an SGI already in a list register cannot be
		 * recalled; one still in the pending set is rare enough to let
		 * it be delivered. */
	}
	return true;
}

enum {
	REG_RESERVED, /* 0: what the register map holds unless told otherwise */
	REG_CTLR, REG_TYPER, REG_IIDR, REG_IGROUPR, REG_ISENABLER, REG_ICENABLER, REG_ISPENDR,
	REG_ICPENDR, REG_ISACTIVER, REG_ICACTIVER, REG_IPRIORITYR, REG_ITARGETSR, REG_ICFGR,
	REG_SGIR, REG_CPENDSGIR, REG_SPENDSGIR, REG_NR,
};

static const struct vgicd_reg vgicd_regs[REG_NR] = {
	/* Reserved space and the identification registers: RAZ/WI. */
	[REG_RESERVED] = {"reserved", reg_raz, reg_wi, true},
	[REG_CTLR] = {"CTLR", ctlr_read, ctlr_write, false},
	[REG_TYPER] = {"TYPER", typer_read, reg_wi, false},
	[REG_IIDR] = {"IIDR", iidr_read, reg_wi, false},
	[REG_IGROUPR] = {"IGROUPR", reg_raz, reg_wi, false},
	[REG_ISENABLER] = {"ISENABLER", bits_read, bits_write, false},
	[REG_ICENABLER] = {"ICENABLER", bits_read, bits_write, false},
	[REG_ISPENDR] = {"ISPENDR", bits_read, bits_write, false},
	[REG_ICPENDR] = {"ICPENDR", bits_read, bits_write, false},
	[REG_ISACTIVER] = {"ISACTIVER", bits_read, bits_write, false},
	[REG_ICACTIVER] = {"ICACTIVER", bits_read, bits_write, false},
	[REG_IPRIORITYR] = {"IPRIORITYR", prio_read, prio_write, true},
	[REG_ITARGETSR] = {"ITARGETSR", targets_read, targets_write, true},
	[REG_ICFGR] = {"ICFGR", cfg_read, cfg_write, false},
	[REG_SGIR] = {"SGIR", reg_raz, sgir_write, false},
	[REG_CPENDSGIR] = {"CPENDSGIR", reg_raz, sgi_pend_write, true},
	[REG_SPENDSGIR] = {"SPENDSGIR", reg_raz, sgi_pend_write, true},
};

/*
 * The register group of each word of the distributor (off >> 2): one load
 * finds the handler of any offset, no search, no second step. Words not
 * listed are reserved space (REG_RESERVED, 0).
 */
#define W4(r) r, r, r, r
#define W32(r) W4(r), W4(r), W4(r), W4(r), W4(r), W4(r), W4(r), W4(r) /* a 0x80 group */
#define W256(r) W32(r), W32(r), W32(r), W32(r), W32(r), W32(r), W32(r), W32(r)

static const uint8_t vgicd_map[0x1000 / 4] = {
	[GICD_CTLR / 4] = REG_CTLR, REG_TYPER, REG_IIDR,
	[GICD_IGROUPR / 4] = W32(REG_IGROUPR),
	[GICD_ISENABLER / 4] = W32(REG_ISENABLER),
	[GICD_ICENABLER / 4] = W32(REG_ICENABLER),
	[GICD_ISPENDR / 4] = W32(REG_ISPENDR),
	[GICD_ICPENDR / 4] = W32(REG_ICPENDR),
	[GICD_ISACTIVER / 4] = W32(REG_ISACTIVER),
	[GICD_ICACTIVER / 4] = W32(REG_ICACTIVER),
	[GICD_IPRIORITYR / 4] = W256(REG_IPRIORITYR), /* 0x400-0x7ff */
	[GICD_ITARGETSR / 4] = W256(REG_ITARGETSR),   /* 0x800-0xbff */
	[GICD_ICFGR / 4] = W32(REG_ICFGR), W32(REG_ICFGR), /* 0xc00-0xcff */
	[GICD_SGIR / 4] = REG_SGIR,
	[GICD_CPENDSGIR / 4] = W4(REG_CPENDSGIR),
	[GICD_SPENDSGIR / 4] = W4(REG_SPENDSGIR),
};

_Static_assert(GICD_ICFGR == 0xc00 && GICD_ITARGETSR == 0x800 && GICD_IPRIORITYR == 0x400 &&
		       GICD_IGROUPR == 0x80 && GICD_ICACTIVER == 0x380 &&
		       GICD_CPENDSGIR == GICD_SGIR + 0x10 && GICD_SPENDSGIR == GICD_SGIR + 0x20,
	       "the distributor's register map");

/* The register group at off (< 0x1000). */
static inline const struct vgicd_reg *vgicd_group(uint32_t off)
{
	return &vgicd_regs[vgicd_map[off >> 2]];
}

/*
 * hrt VMs own their cores' physical CPU interface, but not its second page:
 * GICC_DIR deactivates any interrupt ID, and the active state of an SPI is
 * global, so a DIR of another VM's SPI would end that interrupt's active
 * state under its owner (docs/interrupts.md). The page is left unmapped;
 * a DIR of an interrupt the VM owns is done on this core's CPU interface,
 * others are refused. Guests with GICC_CTLR.EOImode = 0 never write it.
 */
#define GICC_DIR_PAGE_OFF 0x0u /* GICC_DIR is the first register of the page */

bool vgicc_dir_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val)
{
	UNUSED(vm);
	UNUSED(off);
	if (size != 4)
		return false;
	*val = 0; /* write-only register, reserved space: RAZ */
	return true;
}

COLD bool vgicc_dir_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	struct vm *vm = v->vm;
	uint32_t id = val & 0x3ffu;

	if (size != 4)
		return false;
	if (off != GICC_DIR_PAGE_OFF || id >= GIC_SPURIOUS)
		return true; /* reserved space, spurious IDs: ignored, as the GIC does */
	if (!owns_hw(v, id)) {
		if (vm->arch.vgicd.refused++ == 0)
			pr_warn("vm %s: refused GICC_DIR write for IRQ %u (not its own); "
				"further refusals are counted", vm->cfg->name, id);
		return true;
	}
	gic_deactivate(val & 0x1fffu); /* keeps an SGI's source CPU field */
	return true;
}

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicc_dir_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)
{
	struct vcpu *v = vcpu_current();

	return v && v->vm == vm && vgicc_dir_vcpu_write(v, off, size, val);
}

/* The register group an access of size bytes at off may reach, or NULL.
 * The hot case, an aligned word, is two tests. */
static inline const struct vgicd_reg *vgicd_lookup(uint32_t off, uint32_t size)
{
	const struct vgicd_reg *r;

	if (off >= 0x1000u)
		return NULL;
	r = vgicd_group(off);
	if (size == 4 && IS_ALIGNED(off, 4u))
		return r;
	return size == 1 && r->bytes_ok ? r : NULL;
}

bool vgicd_vcpu_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	const struct vgicd_reg *r = vgicd_lookup(off, size);

	return r && r->read(v, off, size, val);
}

bool vgicd_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	const struct vgicd_reg *r = vgicd_lookup(off, size);

	return r && r->write(v, off, size, val);
}

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicd_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val)
{
	struct vcpu *v = vcpu_current();

	return v && v->vm == vm && vgicd_vcpu_read(v, off, size, val);
}

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicd_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)
{
	struct vcpu *v = vcpu_current();

	return v && v->vm == vm && vgicd_vcpu_write(v, off, size, val);
}

COLD void vgicd_setup(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	/* The real IRQ line count (IDs are physical), the VM's vCPU count, no
	 * security extensions. */
	vm->arch.vgicd.typer = (gicd_read(GICD_TYPER) & 0x1fu) | ((vm_nr_vcpus(cfg) - 1u) << 5);
	for (uint32_t w = 0; w < IRQ_BITMAP_WORDS; w++)
		vm->arch.vgicd.owned[w] = cfg->irq_bitmap[w];
	/* Never the hypervisor's PPIs; SGIs only for hrt VMs, whose cores'
	 * physical SGIs are their own (srt/be SGIs are virtual). */
	vm->arch.vgicd.owned[0] &= ~(BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ) | 0xffffu);
	if (vm_is_hrt(vm))
		vm->arch.vgicd.owned[0] |= 0xffffu;
}

COLD void vm_arch_reset(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	vm->arch.vgicd.ctlr = 0;
	vm->vuart.irq_enabled = false;
	vm->vuart.irq_prio = GIC_DEFAULT_PRIO;
	for (uint32_t id = GIC_FIRST_SPI; id < GIC_MAX_IRQS; id++) {
		if (!cfg->irq_bitmap[id / 32]) {
			id |= 31u; /* no SPI of this VM in the whole word */
			continue;
		}
		if (!(cfg->irq_bitmap[id / 32] & BIT(id % 32)))
			continue;
		gicd_write(GICD_ICENABLER + id / 8, BIT(id % 32));
		gicd_write(GICD_ICPENDR + id / 8, BIT(id % 32));
		gicd_write(GICD_ICACTIVER + id / 8, BIT(id % 32));
		gicd_write8(GICD_IPRIORITYR + id, GIC_DEFAULT_PRIO);
		gicd_write8(GICD_ITARGETSR + id, (uint8_t)BIT(cfg->vcpu_pcpu[0]));
	}
}

