// SPDX-License-Identifier: MIT
/*
 * The TrustZone mode (ARCH_ARMV7_TZ, docs/trustzone.md): shikiri as the
 * Secure monitor of a Cortex-A9, which has no Hyp mode and no stage 2.
 * Core's partitions become worlds: an hrt partition runs in Secure SVC and
 * owns its cores outright (its interrupts are Group 0, taken on its own
 * vectors: no monitor entry), every other partition runs in the Non-secure
 * world and enters the monitor only by SMC (PSCI and shikiri's calls, core's
 * tables) or by the monitor's own kick (a Group 0 SGI, SCR.FIQ = 1).
 *
 * Nothing is emulated: the GIC's Security Extensions give each world its
 * own group (the Non-secure side cannot see or change Group 0), so the
 * vCPU injection hooks have nothing to do, and without stage 2 no access
 * traps (the MMIO registry stays empty).
 *
 * The shared layout (docs/trustzone.md): one core runs the Secure hrt
 * partition and the Normal-world partition. The Secure world runs when it
 * has work; its idle hook's yield SMC (TZ_YIELD) hands the core to the
 * Normal world, and a Group 0 interrupt while the Normal world runs (FIQ,
 * SCR.FIQ = 1) takes it back. monitor.S switches on those two paths
 * without C; this file starts the worlds, takes the slow cases (the first
 * yield, the monitor's kick, a world that stops) and resumes the other
 * world when one stops. Core sees a dedicated core (no scheduler): the
 * Secure vCPU preempts by hardware.
 */
#include "console.h"
#include "hypercall.h"
#include "irq.h"
#include "lib.h"
#include "pcpu.h"
#include "platform_ops.h"
#include "psci.h"
#include "uart.h"
#include "vm.h"
#include "arch/cpu.h"
#include "arch/tz_gic.h"
#include "arch/tz_soc.h"
#include "arch/tz_world.h"
#include "platform.h"

/* The monitor's kick: a Group 0 SGI (a Non-secure GICD_SGIR write cannot
 * raise it). IDs 0-7 stay the partitions'. */
#define TZ_IPI 15u
/* Group 0 priorities lie in the upper half (the Non-secure side's writes
 * land in 0x80-0xff): the kick above everything. */
#define TZ_PRIO_IPI    0x00u
#define TZ_PRIO_GROUP0 0x40u
#define TZ_PRIO_GROUP1 0xa0u

/* A9 private region (CBAR): global timer, SCU's Non-secure access control. */
#define A9_GT		      0x200u
#define A9_GT_CTRL	      0x08u
#define A9_SCU_SNSAC	      0x54u
#define A9_SNSAC_TIMERS(core) BIT(4u + (core)) /* its private timer, watchdog */

uint32_t tz_pcpu_ptr[TZ_MAX_CORES];
/* Per core: the Secure SVC stack, and at its top the frame the monitor
 * saves a world into (SP_mon). Not cleared at boot. */
uint8_t tz_stacks[CONFIG_NR_CPUS][CONFIG_HYP_STACK_SIZE]
    __attribute__((aligned(8), section(".noinit")));
extern volatile uint32_t tz_pen[TZ_MAX_CORES];

void tz_world_enter(struct trap_frame *f, uint32_t scr) NORETURN;
void tz_secure_enter(uint32_t entry, uint32_t r0, uint32_t r1, uint32_t r2) NORETURN;
void tz_ns_sysregs(uint32_t sctlr, uint32_t vbar);
void tz_smc(struct trap_frame *f);
void tz_fiq(struct trap_frame *f);
NORETURN void tz_to_normal(struct trap_frame *live);
NORETURN void tz_to_secure(struct trap_frame *live);
NORETURN void tz_ctx_enter(struct trap_frame *live, struct tz_ctx *c, uint32_t scr);
NORETURN void tz_exception(uint32_t kind, uint32_t pc, uint32_t spsr);
NORETURN void tz_wrong_mode(uint32_t cpsr);

static inline volatile uint32_t *a9_reg(uint32_t off)
{
	return (volatile uint32_t *)(uintptr_t)((read_cbar() & 0xffffe000u) + off);
}

static bool core_secure(uint32_t index)
{
	int32_t vm = pcpu_configs[index].vm;

	return vm >= 0 && vm_configs[vm].level == VM_LEVEL_HRT;
}

/* The shared layout: two vCPUs and no scheduler (the generator's tz_pair):
 * vcpus[0] the Secure one, vcpus[1] the Normal world's. */
static bool core_shared(uint32_t index)
{
	return pcpu_configs[index].nr_vcpus == 2u && !pcpu_configs[index].sched_ops;
}

static struct vcpu *shared_vcpu(uint32_t index, uint32_t k)
{
	const struct pcpu_vcpu *pv = &pcpu_configs[index].vcpus[k];

	return &vms[pv->vm].vcpus[pv->vcpu];
}

static struct tz_worlds *worlds(uint32_t index)
{
	return (struct tz_worlds *)(void *)(cpu_arch_frame(index) + 1);
}

static inline uint32_t read_cpacr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c1, c0, 2" : "=r"(v));
	return v;
}

/* ---- CPU ---------------------------------------------------------------- */

void cpu_halt(void)
{
	__asm__ volatile("cpsid aif" ::: "memory");
	for (;;)
		wfi();
}

/* A shared core's Group 0 SGIs and PPIs: SGIs 8-15 (the Secure world's and
 * the monitor's kick) and the global timer (PPI 11, ID 27: the Secure
 * RTOS's clock); SGIs 0-7 and every other PPI (the private timer, PPI 13)
 * are the Normal world's. */
#define TZ_SHARED_GROUP0 (0x0000ff00u | BIT(27))

void cpu_arch_init(uint32_t index)
{
	bool shared = core_shared(index);
	bool secure = core_secure(index) && !shared;
	struct tz_worlds *w = worlds(index);
	uint32_t group1 = secure ? 0u : shared ? ~TZ_SHARED_GROUP0 : ~BIT(TZ_IPI);

	/* The world contexts (.noinit): no world to resume yet. */
	memset(w, 0, sizeof(*w));
	w->gicc = (uint32_t)(uintptr_t)tz_gicc_reg(0);
	/* The Non-secure world may use VFP/NEON and set ACTLR.SMP. */
	write_nsacr(NSACR_CP10 | NSACR_CP11 | NSACR_NS_SMP);
	/* This core's banked GIC state: a secure core's SGIs and PPIs are all
	 * Group 0 (its partition's timer among them); a Non-secure core's all
	 * Group 1 but the monitor's kick; a shared core's split. */
	*tz_gicd_reg(TZ_GICD_IGROUPR) = group1;
	for (uint32_t id = 0; id < IRQ_FIRST_SPI; id++)
		((volatile uint8_t *)tz_gicd_reg(TZ_GICD_IPRIORITYR))[id] =
		    (uint8_t)((group1 & BIT(id)) ? TZ_PRIO_GROUP1 : TZ_PRIO_GROUP0);
	((volatile uint8_t *)tz_gicd_reg(TZ_GICD_IPRIORITYR))[TZ_IPI] = TZ_PRIO_IPI;
	*tz_gicd_reg(TZ_GICD_ISENABLER) = BIT(TZ_IPI);
	*tz_gicc_reg(TZ_GICC_PMR) = 0xffu;
	*tz_gicc_reg(TZ_GICC_CTLR) = TZ_GICC_CTLR_GRP0 | TZ_GICC_CTLR_GRP1 | TZ_GICC_CTLR_FIQEN;
	if (index == 0) {
		/* The counter of cpu_arch_counter (and the secure RTOS's clock):
		 * started once; the Non-secure world is not let near it. */
		*a9_reg(A9_GT + A9_GT_CTRL) |= 1u;
	}
	if (!secure) /* this core's private timer is its (Normal) world's */
		*a9_reg(A9_SCU_SNSAC) |= A9_SNSAC_TIMERS(pcpu_configs[index].mpidr & 3u);
	isb();
}

static uint32_t read_ctr(void)
{
	uint32_t v;

	__asm__ volatile("mrc p15, 0, %0, c0, c0, 1" : "=r"(v));
	return v;
}

void cache_clean_range(const void *start, size_t len)
{
	uint32_t line = 4u << ((read_ctr() >> 16) & 0xfu);
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(line - 1u);
	uintptr_t end = (uintptr_t)start + len;

	dsb();
	for (; a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c10, 1" : : "r"(a) : "memory"); /* DCCMVAC */
	dsb();
}

void cache_clean_invalidate_range(const void *start, size_t len)
{
	uint32_t line = 4u << ((read_ctr() >> 16) & 0xfu);
	uintptr_t a = (uintptr_t)start & ~(uintptr_t)(line - 1u);
	uintptr_t end = (uintptr_t)start + len;

	dsb();
	for (; a < end; a += line)
		__asm__ volatile("mcr p15, 0, %0, c7, c14, 1" : : "r"(a) : "memory"); /* DCCIMVAC */
	dsb();
}

void icache_invalidate_all(void)
{
	__asm__ volatile("mcr p15, 0, %0, c7, c1, 0\n" /* ICIALLUIS */
			 "mcr p15, 0, %0, c7, c1, 6\n" /* BPIALLIS */
			 :
			 : "r"(0)
			 : "memory");
	dsb();
	isb();
}

void cpu_arch_shared_init(void)
{
}

/* Acknowledge what is pending for the monitor (Secure reads: Group 0 first;
 * a Group 1 interrupt reads 1022 and stays the Non-secure world's). Only
 * the kick is the monitor's; anything else is completed and dropped. */
static bool monitor_irq(struct pcpu *c)
{
	uint32_t iar = *tz_gicc_reg(TZ_GICC_IAR);
	uint32_t id = iar & 0x3ffu;

	if (id >= 1020u)
		return false;
	if (id == TZ_IPI)
		irq_handle(c, id);
	else /* a stopped world's (its timer's PPI): nobody takes it now, and
	      * a level still asserted would wake this core's wfi forever.
	      * Off until its owner, started again, enables it (GICD_ICENABLER
	      * is banked per core for PPIs). Only Group 0 is acknowledged here
	      * (GICC_CTLR.AckCtl = 0): never the Normal world's. */
		*tz_gicd_reg(TZ_GICD_ICENABLER + (id / 32u) * 4u) = BIT(id % 32u);
	*tz_gicc_reg(TZ_GICC_EOIR) = iar;
	return true;
}

void cpu_arch_wait_irq(uint32_t max)
{
	cpu_arch_wait_kick(max);
}

static void shared_resume(struct pcpu *c);

void cpu_arch_wait_kick(uint32_t max)
{
	struct pcpu *c = pcpu_this();

	if (core_shared(c->id))
		shared_resume(c); /* returns when neither world has anything */
	dsb();
	wfi();
	for (uint32_t i = 0; i < max; i++)
		if (!monitor_irq(c))
			break;
}

uint64_t cpu_arch_counter(void)
{
	const volatile uint32_t *gt = a9_reg(A9_GT);
	uint32_t hi, lo;

	/* the high word again until it did not move under the low one */
	for (uint32_t i = 0; i < 4u; i++) {
		hi = gt[1];
		lo = gt[0];
		if (gt[1] == hi)
			break;
	}
	return ((uint64_t)hi << 32) | lo;
}

uint32_t cpu_arch_counter_hz(void)
{
	return PLATFORM_GTIMER_HZ;
}

void htimer_arch_program(uint64_t when);
void htimer_arch_program(uint64_t when)
{
	UNUSED(when); /* no monitor timer: nothing is emulated, nothing to flush */
}

void tz_exception(uint32_t kind, uint32_t pc, uint32_t spsr)
{
	static const char *const kinds[] = {"reset", "undefined instruction", "SVC",
					    "prefetch abort", "data abort"};

	panic("PANIC: %s in the monitor at 0x%08x (SPSR 0x%08x)", kinds[kind < 5u ? kind : 0], pc,
	      spsr);
}

static void raw_line(const char *s)
{
	size_t n = strnlen(s, 200);

	for (size_t i = 0; i < n; i++)
		uart_console_putc(s[i]);
	uart_console_putc('\r');
	uart_console_putc('\n');
}

void tz_wrong_mode(uint32_t cpsr)
{
#if defined(CONFIG_HYP_CONSOLE)
	char line[96];

	uart_console_init();
	snprintf(line, sizeof(line),
		 "shikiri: entered in mode 0x%02x (CPSR 0x%08x), not Secure SVC (0x13):",
		 cpsr & 0x1fu, cpsr);
	raw_line(line);
	raw_line("shikiri: the boot loader must start it in the Secure world; stopping here");
#else
	UNUSED(cpsr);
#endif
	cpu_halt();
}

/* ---- Firmware: the monitor is the firmware ------------------------------ */

/* CPU_ON releases a core from the boot pen (start.S) with its index; the
 * machine's power is the platform's. Nothing else is asked of anybody. */
int32_t psci_fw_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	uint32_t aff = a1 & 0xffu;

	UNUSED(a2);
	if (fid == PSCI_CPU_ON) {
		if (aff >= TZ_MAX_CORES || a3 >= CONFIG_NR_CPUS)
			return PSCI_INVALID_PARAMETERS;
		if (tz_pen[aff] != 0)
			return PSCI_ALREADY_ON;
		tz_pen[aff] = a3 + 1u;
		dsb_sy();
		sev();
		return PSCI_SUCCESS;
	}
	if (fid == PSCI_SYSTEM_OFF)
		platform_power_off();
	return PSCI_NOT_SUPPORTED;
}

void psci_fw_init(void)
{
	pr_info("TrustZone mode: secure partitions in Secure SVC, the others in the Non-secure "
		"world; GICD_TYPER 0x%08x",
		*tz_gicd_reg(TZ_GICD_TYPER));
	tz_soc_init(); /* the SoC's TrustZone registers, before any world runs */
}

void psci_fw_report(uint32_t fid, int32_t ret)
{
	pr_err("core power call 0x%08x failed (%d)", fid, ret);
}

void psci_fw_system_off(void)
{
	platform_power_off();
}

/* ---- Interrupts ----------------------------------------------------------- */

/*
 * Every SPI's group from its owner: an hrt partition's is Group 0 (Secure,
 * FIQ, routed to its core), a Non-secure partition's Group 1 (routed to its
 * first core; that world may enable, route and prioritise it itself). One
 * no partition owns is Group 0 and disabled: the Non-secure world cannot
 * touch it. Then both groups on.
 */
void irq_arch_init(void)
{
	uint32_t nr = irq_arch_nr_ids();

	*tz_gicd_reg(TZ_GICD_CTLR) = 0;
	for (uint32_t id = IRQ_FIRST_SPI; id < nr && id < GIC_MAX_IRQS; id++) {
		int32_t vm = irq_spi_owner(id);
		bool group1 = vm >= 0 && vm_configs[vm].level != VM_LEVEL_HRT;
		uint32_t core = vm >= 0 ? pcpu_configs[vm_configs[vm].vcpu_pcpu[0]].mpidr & 3u : 0u;
		volatile uint32_t *grp = tz_gicd_reg(TZ_GICD_IGROUPR + (id / 32u) * 4u);

		*tz_gicd_reg(TZ_GICD_ICENABLER + (id / 32u) * 4u) = BIT(id % 32u);
		*grp = group1 ? (*grp | BIT(id % 32u)) : (*grp & ~BIT(id % 32u));
		((volatile uint8_t *)tz_gicd_reg(TZ_GICD_IPRIORITYR))[id] =
		    (uint8_t)(group1 ? TZ_PRIO_GROUP1 : TZ_PRIO_GROUP0);
		((volatile uint8_t *)tz_gicd_reg(TZ_GICD_ITARGETSR))[id] =
		    (uint8_t)(vm >= 0 ? BIT(core) : 0u);
	}
	*tz_gicd_reg(TZ_GICD_CTLR) = 3u; /* EnableGrp0 | EnableGrp1 */
}

/* The monitor takes no device interrupt (a core is its world's): a
 * hypervisor-owned SPI (the console's receive line) stays off. */
void irq_arch_route(uint32_t id, uint32_t core_mask)
{
	UNUSED(id);
	UNUSED(core_mask);
}

void irq_arch_kick(uint32_t core_mask)
{
	uint32_t targets = 0;

	for (uint32_t n = 0; n < CONFIG_NR_CPUS; n++)
		if (core_mask & BIT(n))
			targets |= BIT(pcpu_configs[n].mpidr & 3u);
	dsb();
	/* a Secure write with NSATT = 0: the SGI is raised as Group 0 */
	*tz_gicd_reg(TZ_GICD_SGIR) = (targets << 16) | TZ_IPI;
}

uint32_t irq_arch_ipi_id(void)
{
	return TZ_IPI;
}

/* No monitor timer: an ID the GIC never delivers. */
uint32_t irq_arch_timer_id(void)
{
	return 1023u;
}

/* ---- vCPUs: a world per core ---------------------------------------------- */

struct trap_frame *cpu_arch_frame(uint32_t n)
{
	return (struct trap_frame *)(void *)(tz_stacks[n] + CONFIG_HYP_STACK_SIZE - TZ_TOP_RESERVE);
}

/* Each world takes its own interrupts from the GIC: nothing is injected. */
void vcpu_arch_inject_hw(struct vcpu *v, uint32_t id)
{
	UNUSED(v);
	UNUSED(id);
}

void vcpu_arch_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src)
{
	UNUSED(target);
	UNUSED(sgi);
	UNUSED(src);
}

void vcpu_arch_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio, bool report_eoi)
{
	UNUSED(target);
	UNUSED(id);
	UNUSED(prio);
	UNUSED(report_eoi);
}

void vcpu_arch_pend_hw(struct vcpu *target, uint32_t id)
{
	UNUSED(target);
	UNUSED(id);
}

void vcpu_arch_flush(struct vcpu *v)
{
	UNUSED(v);
}

/* A shared core's vCPU that goes off: its world is not resumed again (a
 * restart starts it afresh). */
static void shared_forget(const struct vcpu *v)
{
	struct tz_worlds *w;

	if (!v || !core_shared(v->pcpu))
		return;
	w = worlds(v->pcpu);
	if (v == shared_vcpu(v->pcpu, 0)) {
		w->s_live = 0;
		/* Its SGIs and PPIs (its timer) off on this core (banked: this is
		 * v's core, parking itself): a pending level interrupt would
		 * otherwise take the Normal world into the monitor for good. */
		*tz_gicd_reg(TZ_GICD_ICENABLER) = TZ_SHARED_GROUP0 & ~BIT(TZ_IPI);
	} else {
		w->ns_live = 0;
	}
}

void vcpu_arch_park(struct vcpu *v)
{
	shared_forget(v);
}

void vcpu_arch_park_final(const struct vcpu *v)
{
	shared_forget(v);
}

/* A Non-secure world's start: its banked CP15 state at reset values (MMU,
 * caches off, low vectors), then SVC with IRQs and aborts masked (F: see
 * below) and Linux's boot registers for the boot vCPU. SCR: Non-secure;
 * FIQs (Group 0: the monitor's kick, never the world's) to Monitor mode;
 * FW = AW = 0, so the world can mask neither FIQs nor asynchronous aborts. */
#define NS_SCTLR_RESET 0x00c50078u
#define NS_SCR	       (SCR_NS | SCR_FIQ)

static NORETURN void enter_normal(struct pcpu *c, struct vcpu *v)
{
	struct trap_frame *f = cpu_arch_frame(c->id);

	memset(f, 0, sizeof(*f));
	if (v->boot) {
		f->r[1] = 0xffffffffu;
		f->r[2] = v->vm->cfg->dtb_ipa;
	} else {
		f->r[0] = v->context;
	}
	f->elr = v->entry;
	/* F clear: with SCR.FW = 0 the world cannot set it, so the monitor's
	 * FIQs (its kick) always reach it; A stays as entered (SCR.AW = 0). */
	f->spsr = PSR_MODE_SVC | PSR_A | PSR_I;
	tz_ns_sysregs(NS_SCTLR_RESET, 0);
	tz_world_enter(f, NS_SCR);
}

/* The secure partition's start: this core is its for good (SCR = 0: its
 * interrupts go to its own vectors, never to the monitor). */
static NORETURN void enter_secure(struct vcpu *v)
{
	write_scr(0);
	isb();
	if (v->boot)
		tz_secure_enter(v->entry, 0, 0xffffffffu, v->vm->cfg->dtb_ipa);
	tz_secure_enter(v->entry, v->context, 0, 0);
}

/* ---- The shared layout ------------------------------------------------------ */

static void gicc_grp1(bool on)
{
	volatile uint32_t *ctlr = tz_gicc_reg(TZ_GICC_CTLR);

	*ctlr = on ? (*ctlr | TZ_GICC_CTLR_GRP1) : (*ctlr & ~TZ_GICC_CTLR_GRP1);
}

/* A fresh context for v at its entry (SVC, I and A masked; F too for the
 * Secure world, which unmasks it itself): Linux's boot registers for a
 * boot vCPU, else the CPU_ON context id. Every banked register zero (the
 * world sets its own stacks), CPACR at its reset value for the Normal
 * world (Linux enables VFP itself), as it is for the Secure one. */
static void ctx_init(struct tz_ctx *x, const struct vcpu *v, bool secure)
{
	memset(x, 0, sizeof(*x));
	if (v->boot) {
		x->f.r[1] = 0xffffffffu;
		x->f.r[2] = v->vm->cfg->dtb_ipa;
	} else {
		x->f.r[0] = v->context;
	}
	x->f.elr = v->entry;
	x->f.spsr = PSR_MODE_SVC | PSR_A | PSR_I | (secure ? PSR_F : 0u);
	x->cpacr = secure ? read_cpacr() : 0u;
	x->gicc_ctlr = TZ_GICC_CTLR_GRP1;
}

/* The Normal world's start on a shared core: claimed, its context fresh,
 * its banked SCTLR and VBAR at reset. False if it is not to start. */
static bool shared_ns_start(struct tz_worlds *w, struct vcpu *ns)
{
	if (w->ns_live)
		return true;
	if (ns->state != VCPU_ON_PENDING || !vcpu_claim(ns))
		return false;
	ns->arch.secure = 0;
	ctx_init(&w->ns, ns, false);
	tz_ns_sysregs(NS_SCTLR_RESET, 0);
	w->ns_live = 1;
	return true;
}

static NORETURN void shared_enter(struct pcpu *c, struct vcpu *v, bool secure)
{
	struct tz_worlds *w = worlds(c->id);

	c->vcpu = v;
	c->arch.world = secure;
	gicc_grp1(!secure && (w->ns.gicc_ctlr & TZ_GICC_CTLR_GRP1));
	tz_ctx_enter(cpu_arch_frame(c->id), secure ? &w->s : &w->ns, secure ? 0u : NS_SCR);
}

/*
 * Nothing runs on the core (a world stopped, or at boot): the Secure world
 * first (started if it is to start, else resumed in its yield, which then
 * returns 1: nothing to run in the Normal world), else the Normal world.
 * Returns when neither is there (the core waits for a kick).
 */
static void shared_resume(struct pcpu *c)
{
	struct tz_worlds *w = worlds(c->id);
	struct vcpu *sec = shared_vcpu(c->id, 0), *ns = shared_vcpu(c->id, 1);

	if (!w->s_live && sec->state == VCPU_ON_PENDING && vcpu_claim(sec)) {
		sec->arch.secure = 1;
		ctx_init(&w->s, sec, true);
		w->s_live = 1;
		shared_enter(c, sec, true);
	}
	if (w->s_live) {
		w->s.f.r[0] = 1u;
		shared_enter(c, sec, true);
	}
	if (shared_ns_start(w, ns))
		shared_enter(c, ns, false);
}

/*
 * The Secure world's yield that monitor.S did not switch on: no Normal
 * world to resume. Start it if it is to start (its first yield, or after
 * a restart), else the yield returns 1 (wait yourself).
 */
static void shared_yield(struct pcpu *c, struct trap_frame *f)
{
	struct tz_worlds *w = worlds(c->id);
	struct vcpu *ns = shared_vcpu(c->id, 1);

	if (shared_ns_start(w, ns)) {
		c->vcpu = ns;
		c->arch.world = 0;
		tz_to_normal(f);
	}
	f->r[0] = 1u;
}

void vcpu_arch_start(struct vcpu *v)
{
	struct pcpu *c = pcpu_this();

	if (core_shared(c->id)) {
		/* Either world's start: the Secure world first; the Normal world
		 * at its first yield, or now if it waits in its yield. */
		shared_resume(c);
		return;
	}
	if (!vcpu_claim(v))
		return;
	v->arch.secure = v->vm->cfg->level == VM_LEVEL_HRT;
	c->arch.world = v->arch.secure;
	if (v->arch.secure)
		enter_secure(v);
	enter_normal(c, v);
}

void vcpu_arch_run(struct trap_frame *f)
{
	tz_world_enter(f, NS_SCR);
}

/* Shared cores (the shared layout): not built yet; the generator refuses
 * a core shared between partitions in this mode. */
void vcpu_arch_save(struct vcpu *v, const struct trap_frame *f)
{
	UNUSED(v);
	UNUSED(f);
}

void vcpu_arch_restore(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	UNUSED(f);
}

void vcpu_arch_ctx_reset(struct vcpu *v)
{
	UNUSED(v);
}

uint64_t vcpu_arch_timer_due(const struct vcpu *v)
{
	UNUSED(v);
	return UINT64_MAX;
}

bool vcpu_arch_pending(const struct vcpu *v, bool running, uint64_t now)
{
	UNUSED(v);
	UNUSED(running);
	UNUSED(now);
	return false;
}

void vcpu_arch_inject_undef(struct trap_frame *f, uint32_t hsr)
{
	UNUSED(f);
	UNUSED(hsr);
}

/* A reset's restore runs in one go on a dedicated core (vm.c): there is no
 * context to give up. */
void vcpu_arch_job_context(struct trap_frame *f, uint32_t ipa)
{
	UNUSED(f);
	UNUSED(ipa);
}

bool vcpu_arch_reg_access(struct trap_frame *f, uint32_t n, uint32_t *val, bool write)
{
	if (n >= 13u)
		return false;
	if (write)
		f->r[n] = *val;
	else
		*val = f->r[n];
	return true;
}

/* ---- VMs ------------------------------------------------------------------- */

void vm_arch_mmio_setup(struct vm *vm)
{
	UNUSED(vm); /* nothing is emulated */
}

/* A stopped or resetting partition's SPIs off and not pending, so that its
 * devices do not interrupt a core that waits for it. */
void vm_arch_reset(struct vm *vm)
{
	uint32_t nr = irq_arch_nr_ids();

	for (uint32_t id = IRQ_FIRST_SPI; id < nr && id < GIC_MAX_IRQS; id++)
		if (irq_spi_owner(id) == (int32_t)vm->id) {
			*tz_gicd_reg(TZ_GICD_ICENABLER + (id / 32u) * 4u) = BIT(id % 32u);
			*tz_gicd_reg(TZ_GICD_ICPENDR + (id / 32u) * 4u) = BIT(id % 32u);
		}
}

void vm_arch_report(const struct vm *vm)
{
	UNUSED(vm);
}

void vm_arch_status(const struct vm *vm)
{
	UNUSED(vm);
}

uint32_t vm_arch_refused(const struct vm *vm)
{
	UNUSED(vm);
	return 0;
}

/* ---- Monitor entries ------------------------------------------------------- */

/*
 * SMC from a world (SMCCC, r0 = function ID): shikiri's calls, else core's
 * PSCI front end, which answers NOT_SUPPORTED for any other ID. A call
 * that stops its partition does not return (the core waits for a restart).
 */
void tz_smc(struct trap_frame *f)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = c->vcpu;
	uint32_t fid = f->r[0];
	bool shared = core_shared(c->id);

	if (shared) { /* the caller's world is the one SCR names */
		bool secure = !(read_scr() & SCR_NS);

		v = c->vcpu = shared_vcpu(c->id, secure ? 0u : 1u);
		if (secure && fid == TZ_YIELD) {
			shared_yield(c, f);
			return;
		}
	}
	c->trap_count[TRAP_SMC]++;
	if (!v || !vm_running(v->vm))
		vcpu_park();
	if (fid - SHIKIRI_HC_VERSION < HC_NR)
		hypercall_dispatch(v, f, fid - SHIKIRI_HC_VERSION);
	else
		psci_guest_call(v, f);
}

/*
 * A shared core's FIQ from the Normal world that monitor.S did not switch
 * on: the monitor's kick (acknowledged and handled here: only while
 * HPPIR names it, so a Secure interrupt is never acknowledged), or any
 * Group 0 interrupt once the Secure world has stopped (then nobody's:
 * dropped). Then, as on a dedicated core, a stopped world parks; a Group 0
 * interrupt still pending is the Secure world's: switch to it.
 */
static void shared_fiq(struct pcpu *c, struct trap_frame *f)
{
	struct tz_worlds *w = worlds(c->id);
	struct vcpu *v = c->vcpu = shared_vcpu(c->id, 1);
	uint32_t id = 1023u;

	for (uint32_t i = 0; i < 16u; i++) {
		id = *tz_gicc_reg(TZ_GICC_HPPIR) & 0x3ffu;
		if ((id != TZ_IPI && w->s_live) || !monitor_irq(c))
			break;
	}
	if (!vm_running(v->vm) || v->state != VCPU_ON)
		vcpu_park();
	if (w->s_live && id < 1020u) {
		c->vcpu = shared_vcpu(c->id, 0);
		c->arch.world = 1;
		tz_to_secure(f);
	}
}

/* FIQ (or IRQ) in Monitor mode: the monitor's kick while a Non-secure world
 * runs (a stop or restart of its partition from another core). */
void tz_fiq(struct trap_frame *f)
{
	struct pcpu *c = pcpu_this();
	struct vcpu *v = c->vcpu;

	/* counted as TRAP_IRQ, the cause the stop report and the guests'
	 * SHIKIRI_HC_TRAP_COUNT read for "interrupt entries" */
	c->trap_count[TRAP_IRQ]++;
	if (core_shared(c->id)) {
		shared_fiq(c, f);
		return;
	}
	for (uint32_t i = 0; i < 16u; i++)
		if (!monitor_irq(c))
			break;
	if (!v || !vm_running(v->vm) || v->state != VCPU_ON)
		vcpu_park();
}
