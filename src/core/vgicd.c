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
#include "gic.h"
#include "pcpu.h"
#include "vgicd.h"
#include "vm.h"

struct vgicd_reg;
typedef bool (*vgicd_read_fn)(struct vcpu *v, const struct vgicd_reg *r, uint32_t off,
			      uint32_t size, uint32_t *val);
typedef bool (*vgicd_write_fn)(struct vcpu *v, const struct vgicd_reg *r, uint32_t off,
			       uint32_t size, uint32_t val);

/* Every handler has the same signature (table-driven); most use only part
 * of it. */
#define HANDLER_ARG __attribute__((unused))
#define VGICD_READ(name)                                                                \
	static bool name(struct vcpu *v HANDLER_ARG, const struct vgicd_reg *r HANDLER_ARG, \
			 uint32_t off HANDLER_ARG, uint32_t size HANDLER_ARG, uint32_t *val)
#define VGICD_WRITE(name)                                                               \
	static bool name(struct vcpu *v HANDLER_ARG, const struct vgicd_reg *r HANDLER_ARG, \
			 uint32_t off HANDLER_ARG, uint32_t size HANDLER_ARG, uint32_t val HANDLER_ARG)

struct vgicd_reg {
	uint16_t base;  /* first byte offset of the group */
	uint16_t end;   /* one past its last byte */
	uint8_t bits;   /* bits per interrupt (0: not a per-IRQ register) */
	bool bytes_ok;  /* byte access allowed (GICv2: priority, targets, SGI pending) */
	const char *name;
	vgicd_read_fn read;
	vgicd_write_fn write;
};

static bool vm_is_hrt(const struct vm *vm)
{
	return vm->cfg->level == VM_LEVEL_HRT;
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

static void refuse(struct vcpu *v, const struct vgicd_reg *r, uint32_t id)
{
	struct vm *vm = v->vm;

	/* Expected, not an error: Linux's GIC driver, for one, initialises
	 * every line the distributor has. So the first refusal is a debug
	 * line and kept for the console's status command; the count goes into
	 * the VM's stop report. */
	if (vm->vgicd.refused++ == 0) {
		vm->vgicd.first_refused_reg = r->name;
		vm->vgicd.first_refused_irq = id;
		pr_debug("vm %s: refused GICD %s access for IRQ %u (not its own); further refusals are counted",
			 vm->cfg->name, r->name, id);
	}
}

/* Mask of the fields (each r->bits wide) in a size-byte access at off whose
 * IRQ the VM owns; refused writes are reported through `attempt`. */
/* Bit-per-IRQ registers: the owned IRQs of one 32-IRQ word, straight from
 * the ownership bitmap (this is the hot case: enable/disable/pending). */
static uint32_t owned_word(const struct vcpu *v, uint32_t word)
{
	uint32_t mask;

	if (word >= IRQ_BITMAP_WORDS)
		return 0;
	mask = v->vm->cfg->irq_bitmap[word];
	if (word == 0) {
		mask &= ~(BIT(GIC_MAINT_IRQ) | BIT(GIC_HYP_TIMER_IRQ) | 0xffffu);
		if (vm_is_hrt(v->vm))
			mask |= 0xffffu; /* hrt: its cores' physical SGIs */
	}
	return mask;
}

static uint32_t owned_mask(struct vcpu *v, const struct vgicd_reg *r, uint32_t off, uint32_t size,
			   uint32_t attempt, bool hw_only)
{
	uint32_t first = (off - r->base) * 8u / r->bits;
	uint32_t n = size * 8u / r->bits;
	uint32_t field = r->bits == 32 ? 0xffffffffu : BIT(r->bits) - 1u;
	uint32_t mask = 0;

	if (r->bits == 1 && size == 4 && hw_only) {
		uint32_t foreign;

		mask = owned_word(v, first / 32u);
		foreign = attempt & ~mask & ~vspi_word(v, first / 32u);
		if (foreign)
			refuse(v, r, first + (uint32_t)__builtin_ctz(foreign));
		return mask;
	}

	for (uint32_t i = 0; i < n; i++) {
		uint32_t id = first + i;
		uint32_t f = field << (i * r->bits);

		if (owns_hw(v, id) || (!hw_only && virtual_sgi(v, id)))
			mask |= f;
		else if ((attempt & f) && !virtual_spi(v, id))
			refuse(v, r, id);
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
	*val = v->vm->vgicd.ctlr;
	return true;
}

VGICD_WRITE(ctlr_write)
{
	/* The physical distributor stays on; per-IRQ enables do the gating. */
	v->vm->vgicd.ctlr = val & 3u;
	return true;
}

VGICD_READ(typer_read)
{
	/* The real IRQ line count (IDs are physical), the VM's vCPU count,
	 * no security extensions. */
	*val = (gicd_read(GICD_TYPER) & 0x1fu) | ((v->vm->cfg->nr_vcpus - 1u) << 5);
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
	uint32_t mask = owned_mask(v, r, off, size, 0, true);
	uint32_t phys = mask ? gicd_read(off) & mask : 0;

	uint32_t vspi = board_config.uart_irq;
	bool enable = r->base == GICD_ISENABLER || r->base == GICD_ICENABLER;

	if (enable && off == r->base && !vm_is_hrt(v->vm))
		phys |= 0xffffu;
	if (enable && off - r->base == vspi / 32 * 4 && uart_vspi(v, vspi) && v->vm->vuart.irq_enabled)
		phys |= BIT(vspi % 32);
	*val = phys;
	return true;
}

/* Enable/disable of the vUART interrupt, the one virtual SPI. */
static void vspi_enable_write(struct vcpu *v, const struct vgicd_reg *r, uint32_t off, uint32_t val)
{
	uint32_t id = board_config.uart_irq;
	struct vm *vm = v->vm;

	if (off - r->base != id / 32 * 4 || !uart_vspi(v, id) || !(val & BIT(id % 32)))
		return;
	if (r->base == GICD_ISENABLER) {
		vm->vuart.irq_enabled = true;
		vuart_update_irq(vm);
	} else if (r->base == GICD_ICENABLER) {
		vm->vuart.irq_enabled = false;
	}
}

VGICD_WRITE(bits_write)
{
	uint32_t mask = owned_mask(v, r, off, size, val, true);

	/* Set/clear registers: writing the owned bits alone leaves others alone. */
	if (val & mask)
		gicd_write(off, val & mask);
	vspi_enable_write(v, r, off, val);
	return true;
}

/* Byte-per-IRQ registers of srt/be virtual SGIs live in the vCPU's state. */
VGICD_READ(prio_read)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - r->base + i;
		uint32_t b = 0;

		if (virtual_sgi(v, id))
			b = v->vgic.sgi_prio[id];
		else if (uart_vspi(v, id))
			b = v->vm->vuart.irq_prio;
		else if (owns_hw(v, id))
			b = gicd_read8(off + i);
		out |= b << (8 * i);
	}
	*val = out;
	return true;
}

VGICD_WRITE(prio_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - r->base + i;
		uint8_t b = (uint8_t)(val >> (8 * i));

		if (virtual_sgi(v, id))
			v->vgic.sgi_prio[id] = b;
		else if (uart_vspi(v, id))
			v->vm->vuart.irq_prio = b;
		else if (owns_hw(v, id))
			gicd_write8(off + i, b);
		else
			refuse(v, r, id);
	}
	return true;
}

/* vCPU mask <-> physical core mask, through the VM's vCPU-to-core map. */
static uint32_t vcpus_to_cores(const struct vm *vm, uint32_t vmask)
{
	uint32_t cores = 0;

	for (uint32_t n = 0; n < vm->cfg->nr_vcpus; n++)
		if (vmask & BIT(n))
			cores |= BIT(vm->cfg->vcpu_pcpu[n]);
	return cores;
}

static uint32_t cores_to_vcpus(const struct vm *vm, uint32_t cores)
{
	uint32_t vmask = 0;

	for (uint32_t n = 0; n < vm->cfg->nr_vcpus; n++)
		if (cores & BIT(vm->cfg->vcpu_pcpu[n]))
			vmask |= BIT(n);
	return vmask;
}

VGICD_READ(targets_read)
{
	uint32_t out = 0;

	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - r->base + i;
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

VGICD_WRITE(targets_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t id = off - r->base + i;
		uint8_t b = (uint8_t)(val >> (8 * i));

		if (id < GIC_FIRST_SPI)
			continue; /* read-only for SGIs and PPIs */
		if (owns_hw(v, id))
			gicd_write8(off + i, (uint8_t)vcpus_to_cores(v->vm, b));
		else if (b && !virtual_spi(v, id))
			refuse(v, r, id);
	}
	return true;
}

VGICD_READ(cfg_read)
{
	uint32_t mask = owned_mask(v, r, off, size, 0, false);

	*val = off == GICD_ICFGR ? 0xaaaaaaaau : gicd_read(off) & mask;
	return true;
}

VGICD_WRITE(cfg_write)
{
	uint32_t mask;

	if (off == GICD_ICFGR)
		return true; /* SGIs: fixed edge */
	/* Fields of other IRQs read as 0: writing that 0 back (a guest's
	 * read-modify-write of a word it shares with another VM's SPI, e.g. a
	 * neighbouring channel doorbell) is no attempt to change them. */
	mask = owned_mask(v, r, off, size, val, true);
	gicd_update(off, mask, val);
	return true;
}

static void send_sgi(struct vcpu *v, uint32_t sgi, uint32_t vmask)
{
	struct vm *vm = v->vm;

	vmask &= BIT(vm->cfg->nr_vcpus) - 1u;
	if (vm_is_hrt(vm)) {
		/* Its cores are its own: a physical SGI, no hypervisor at the
		 * receiving end. */
		uint32_t cores = vcpus_to_cores(vm, vmask);

		if (cores)
			gic_send_sgi(sgi, cores);
		return;
	}
	for (uint32_t n = 0; n < vm->cfg->nr_vcpus; n++)
		if ((vmask & BIT(n)) && vm->vcpus[n].state == VCPU_ON)
			vcpu_inject_sgi(&vm->vcpus[n], sgi, v->id);
}

VGICD_WRITE(sgir_write)
{
	uint32_t filter = (val >> 24) & 3u;
	uint32_t list = (val >> 16) & 0xffu;
	uint32_t all = BIT(v->vm->cfg->nr_vcpus) - 1u;
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
		refuse(v, r, val & 0xfu);
	send_sgi(v, val & 0xfu, targets & all);
	return true;
}

/* CPENDSGIR/SPENDSGIR: byte per SGI, bit per source CPU. */
VGICD_WRITE(sgi_pend_write)
{
	for (uint32_t i = 0; i < size; i++) {
		uint32_t sgi = off - r->base + i;
		uint32_t srcs = (val >> (8 * i)) & 0xffu & (BIT(v->vm->cfg->nr_vcpus) - 1u);

		if (!srcs)
			continue;
		if (vm_is_hrt(v->vm)) {
			gicd_write8(off + i, (uint8_t)vcpus_to_cores(v->vm, srcs));
		} else if (r->base == GICD_SPENDSGIR) {
			for (uint32_t s = 0; s < v->vm->cfg->nr_vcpus; s++)
				if (srcs & BIT(s))
					vcpu_inject_sgi(v, sgi, s);
		}
		/* srt CPENDSGIR: an SGI already in a list register cannot be
		 * recalled; one still in the pending set is rare enough to let
		 * it be delivered. */
	}
	return true;
}

static const struct vgicd_reg vgicd_regs[] = {
	{GICD_CTLR, GICD_CTLR + 4, 0, false, "CTLR", ctlr_read, ctlr_write},
	{GICD_TYPER, GICD_TYPER + 4, 0, false, "TYPER", typer_read, reg_wi},
	{GICD_IIDR, GICD_IIDR + 4, 0, false, "IIDR", iidr_read, reg_wi},
	{GICD_IGROUPR, GICD_IGROUPR + 0x80, 1, false, "IGROUPR", reg_raz, reg_wi},
	{GICD_ISENABLER, GICD_ISENABLER + 0x80, 1, false, "ISENABLER", bits_read, bits_write},
	{GICD_ICENABLER, GICD_ICENABLER + 0x80, 1, false, "ICENABLER", bits_read, bits_write},
	{GICD_ISPENDR, GICD_ISPENDR + 0x80, 1, false, "ISPENDR", bits_read, bits_write},
	{GICD_ICPENDR, GICD_ICPENDR + 0x80, 1, false, "ICPENDR", bits_read, bits_write},
	{GICD_ISACTIVER, GICD_ISACTIVER + 0x80, 1, false, "ISACTIVER", bits_read, bits_write},
	{GICD_ICACTIVER, GICD_ICACTIVER + 0x80, 1, false, "ICACTIVER", bits_read, bits_write},
	{GICD_IPRIORITYR, GICD_IPRIORITYR + 0x400, 8, true, "IPRIORITYR", prio_read, prio_write},
	{GICD_ITARGETSR, GICD_ITARGETSR + 0x400, 8, true, "ITARGETSR", targets_read, targets_write},
	{GICD_ICFGR, GICD_ICFGR + 0x100, 2, false, "ICFGR", cfg_read, cfg_write},
	{GICD_SGIR, GICD_SGIR + 4, 0, false, "SGIR", reg_raz, sgir_write},
	{GICD_CPENDSGIR, GICD_CPENDSGIR + 0x10, 8, true, "CPENDSGIR", reg_raz, sgi_pend_write},
	{GICD_SPENDSGIR, GICD_SPENDSGIR + 0x10, 8, true, "SPENDSGIR", reg_raz, sgi_pend_write},
};

/* The register group at off, NULL for a reserved offset; *bad is set when
 * the group exists but not with this access size or alignment. */
static const struct vgicd_reg *vgicd_find(uint32_t off, uint32_t size, bool *bad)
{
	*bad = !(size == 4 && IS_ALIGNED(off, 4u)) && size != 1;
	for (uint32_t i = 0; i < ARRAY_SIZE(vgicd_regs); i++) {
		const struct vgicd_reg *r = &vgicd_regs[i];

		if (off >= r->base && off < r->end) {
			*bad = size == 4 ? !IS_ALIGNED(off, 4u) : !(size == 1 && r->bytes_ok);
			return *bad ? NULL : r;
		}
	}
	return NULL;
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

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicc_dir_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)
{
	struct vcpu *v = vcpu_current();
	uint32_t id = val & 0x3ffu;

	if (!v || v->vm != vm || size != 4)
		return false;
	if (off != GICC_DIR_PAGE_OFF || id >= GIC_SPURIOUS)
		return true; /* reserved space, spurious IDs: ignored, as the GIC does */
	if (!owns_hw(v, id)) {
		if (vm->vgicd.refused++ == 0)
			pr_warn("vm %s: refused GICC_DIR write for IRQ %u (not its own); "
				"further refusals are counted", vm->cfg->name, id);
		return true;
	}
	gic_deactivate(val & 0x1fffu); /* keeps an SGI's source CPU field */
	return true;
}

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicd_read(struct vm *vm, uint32_t off, uint32_t size, uint32_t *val)
{
	bool bad;
	const struct vgicd_reg *r = vgicd_find(off, size, &bad);
	struct vcpu *v = vcpu_current();

	if (!v || v->vm != vm || bad)
		return false;
	if (!r) {
		*val = 0; /* reserved and identification registers read as zero */
		return true;
	}
	return r->read(v, r, off, size, val);
}

// cppcheck-suppress constParameter ; signature fixed by struct mmio_device
bool vgicd_write(struct vm *vm, uint32_t off, uint32_t size, uint32_t val)
{
	bool bad;
	const struct vgicd_reg *r = vgicd_find(off, size, &bad);
	struct vcpu *v = vcpu_current();

	if (!v || v->vm != vm || bad)
		return false;
	if (!r)
		return true; /* reserved: ignored */
	return r->write(v, r, off, size, val);
}

void vgicd_reset(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	vm->vgicd.ctlr = 0;
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
