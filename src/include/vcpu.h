/* SPDX-License-Identifier: MIT */
/* A virtual CPU: pinned to one physical core for its whole life. */
#ifndef SHIKIRI_VCPU_H
#define SHIKIRI_VCPU_H

#include "sched.h"
#include "types.h"
#include "arch/vcpu_ctx.h"

struct vm;
struct pcpu;
struct trap_frame;

/*
 * Hypervisor work for a vCPU whose length depends on its VM (its RAM, its
 * image), done in chunks of VCPU_JOB_CHUNK bytes with a preemption point
 * between them (vm.c, docs/scheduling.md "Hypervisor work for a VM"): on a
 * shared core the job stops as soon as an interrupt is pending, the vCPU
 * goes back to its trapping instruction (or, for a restore, to a context
 * that traps at once) and the next entry continues from the cursor. So it
 * runs, and is charged, in this vCPU's own time, and no entry does more than
 * one chunk once an interrupt is waiting.
 */
enum vcpu_job_kind {
	VCPU_JOB_NONE = 0,
	VCPU_JOB_SWEEP,	  /* set/way: clean+invalidate of the VM's memory (cp15.c) */
	VCPU_JOB_RESTORE, /* SYSTEM_RESET: the pristine images copied back (vm_reset) */
	VCPU_JOB_LOAD,	  /* a controller's image load: staging copied to a slot (load.c) */
};
#define VCPU_JOB_CHUNK (16u * 1024u)

struct vcpu_job {
	uint32_t kind; /* enum vcpu_job_kind */
	uint32_t pc;   /* SWEEP: the instruction whose op it completes */
	uint32_t part; /* memory region (SWEEP) or blob (RESTORE) in progress */
	uint32_t off;  /* bytes of it done */
};

enum vcpu_state {
	VCPU_OFF = 0,
	VCPU_ON_PENDING, /* CPU_ON accepted, its core is coming up */
	VCPU_ON,
};

struct vcpu {
	struct vm *vm;
	uint32_t id;   /* index inside the VM; the guest's MPIDR.Aff0 */
	uint32_t pcpu; /* physical core index */
	volatile uint32_t state;
	/* Where the next power-on enters the guest, and its r0. */
	uint32_t entry;
	uint32_t context;
	bool boot; /* boot vCPU: Linux boot registers (r1 = ~0, r2 = DTB) */
	/* The interrupt controller's per-vCPU state (srt/be) and, on a shared
	 * core only, its architectural state while it does not run (arch's). */
	struct vcpu_arch arch;
	/* On a shared core only: its scheduling state and how often it was
	 * switched in. */
	struct sched_entity se;
	uint32_t switches;
	uint32_t fpu_loads; /* lazy VFP/NEON switches into it (shared cores) */
	struct vcpu_job job; /* chunked hypervisor work in progress for it */
};

/* Power state: every transition happens under vm_state_lock (vm.h).
 *   OFF -> ON_PENDING   CPU_ON, VM start or reset (vcpu_request_on_locked)
 *   ON_PENDING -> ON    its core enters the guest, if the VM still runs (vcpu_claim)
 *   ON_PENDING -> OFF   the VM stopped or is resetting meanwhile, or the firmware
 *                       refused to start the core
 *   ON -> OFF           CPU_OFF, a reset, or the core parks (vcpu_park)
 * A core is powered on at the first start of one of its vCPUs and never off
 * again: with nothing to run it waits in WFI inside Hyp. */

/* PSCI CPU_ON from the guest: start v at entry with r0 = context if its VM is
 * running and v is OFF; kicks (or first powers on) its core. Returns a PSCI
 * code. */
int32_t vcpu_power_on(struct vcpu *v, uint32_t entry, uint32_t context);
/* With vm_state_lock held: OFF -> ON_PENDING with this entry (PSCI code). */
int32_t vcpu_request_on_locked(struct vcpu *v, uint32_t entry, uint32_t context, bool boot);
/* After a successful request: make v's core look (a kick), or power it on
 * the first time (firmware CPU_ON), unless it is the calling core, which
 * enters v itself. On failure v goes back OFF. */
int32_t vcpu_wake_core(struct vcpu *v);
/* v's core is about to enter it: ON_PENDING -> ON if its VM is running;
 * false (and v OFF) otherwise: the core must wait on instead. */
bool vcpu_claim(struct vcpu *v);
/* This core has come up (hyp_cpu_main): say so, then run its vCPUs, or wait
 * for one to be started. */
NORETURN void vcpu_core_up(struct pcpu *c);
/* A dedicated core's vCPU stops running (CPU_OFF, before it is reported
 * OFF): ready the core to start it again. Nothing on a shared core. */
void vcpu_quiesce(void);
/* This core's vCPU (if any) is done: a shared core goes on with the others,
 * a dedicated one waits in Hyp until its vCPU is started again. */
NORETURN void vcpu_park(void);
/* The calling core's vCPU (NULL on a core that runs none). */
struct vcpu *vcpu_current(void);

/*
 * Injection: make an interrupt pending for vCPU t and get it delivered. From
 * any core, whether t runs, waits for its turn, or is blocked in WFI: the
 * interrupt is kept in t's state and reaches it when it next runs; a
 * blocked t wakes up, and if it should preempt the vCPU running on its core
 * it does so at once (that core is kicked). Channels use vcpu_inject_virq.
 */
/* A virtual (emulated-device) interrupt id with priority prio; report_eoi:
 * the vGIC hears of its EOI (maintenance interrupt). No caller asks for that
 * since channel doorbells are physical SPIs (chan.c). */
void vcpu_inject_virq(struct vcpu *t, uint32_t id, uint32_t prio, bool report_eoi);
/* Virtual SGI sgi from vCPU index src of t's VM. */
void vcpu_inject_sgi(struct vcpu *t, uint32_t sgi, uint32_t src);
/* Hardware interrupt id, acknowledged on t's core (irq.c only). */
void vcpu_inject_hw(struct vcpu *t, uint32_t id);
/* Reserve the hypervisor IPI (boot core). */
void vcpu_init_irqs(void);

/* Arch hooks (arch/armv7/vcpu_arch.c, vcpu_ctx.c, vgic.c, vectors.S). */
/* Interrupt delivery to v's virtual CPU interface (vcpu_inject_* and
 * irq_handle are their only callers): hardware interrupt id, acknowledged
 * and still active, to v running on this core; pending in the software
 * state of target (any core, target running or not): SGI sgi from vCPU
 * index src, virtual (emulated-device) interrupt id with priority prio
 * (report_eoi: hear of its EOI), hardware interrupt id for a target that
 * does not run now; then move what is pending into v's interface (v runs
 * on this core). */
#ifndef VCPU_ARCH_INJECT_STUBS /* else in line, no-ops: no srt/be VM (feature.h) */
void vcpu_arch_inject_hw(struct vcpu *v, uint32_t id);
void vcpu_arch_pend_sgi(struct vcpu *target, uint32_t sgi, uint32_t src);
void vcpu_arch_pend_virq(struct vcpu *target, uint32_t id, uint32_t prio, bool report_eoi);
void vcpu_arch_pend_hw(struct vcpu *target, uint32_t id);
void vcpu_arch_flush(struct vcpu *v);
#endif
/* A dedicated core waits for v (NULL: a core with no vCPU): its guest's
 * timers off, the hypervisor's CPU interface (woken by the hypervisor's
 * interrupts only), and what v's start needs that does not depend on its
 * entry (Hyp configuration, SCTLR, TLB, an empty vGIC). _final: v's VM is
 * stopped, there is no next start to ready (the vGIC is only turned off). */
void vcpu_arch_park(struct vcpu *v);
void vcpu_arch_park_final(const struct vcpu *v);
/* Enter ON_PENDING v on its (dedicated, parked) core: claims it (vcpu_claim)
 * and does not return, unless the claim fails. */
void vcpu_arch_start(struct vcpu *v);
/* Enter the guest whose registers are in frame f (the core's own). */
NORETURN void vcpu_arch_run(struct trap_frame *f);
/* The trap frame of core n: the running vCPU's registers. */
struct trap_frame *cpu_arch_frame(uint32_t n);
/* Shared cores: take v's whole state out of the core (registers from f)
 * and put it back (registers into f); a fresh state for a vCPU starting at
 * its entry; when its saved timers fire (or UINT64_MAX); does it have an
 * interrupt pending (running: in the core; else in its saved state)? */
void vcpu_arch_save(struct vcpu *v, const struct trap_frame *f);
void vcpu_arch_restore(struct vcpu *v, struct trap_frame *f);
void vcpu_arch_ctx_reset(struct vcpu *v);
uint64_t vcpu_arch_timer_due(const struct vcpu *v);
bool vcpu_arch_pending(const struct vcpu *v, bool running, uint64_t now);
/* Make the trapped guest instruction an Undefined Instruction exception in
 * the guest (as if the hardware had refused it). */
void vcpu_arch_inject_undef(struct trap_frame *f, uint32_t hsr);
/* The running vCPU (registers in f) gives its guest context up to a
 * hypervisor job: MMU off, every exception masked, PC at ipa (which stage 2
 * must not map), so that each time it is entered it traps at once (stage-2
 * instruction abort) and the job goes on. */
void vcpu_arch_job_context(struct trap_frame *f, uint32_t ipa);
/* Read or write guest register n (0..14) of the mode it trapped from. */
bool vcpu_arch_reg_access(struct trap_frame *f, uint32_t n, uint32_t *val, bool write);

#endif
