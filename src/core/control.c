// SPDX-License-Identifier: MIT
/*
 * Control rights at run time (docs/control.md): the emulated control page
 * of a controller VM, the control hypercalls, and the state-change
 * interrupt. Only what ctl_configs[] grants exists: a controller names
 * target VMs by their index, every index is checked against its own
 * configuration, and nothing of a target is ever mapped into it (the page
 * is emulated; a restart restores the target's pristine copies on the
 * target's own cores). A system with no control right has no controller,
 * and its hypervisor need not link this file (the weak no-ops in vm.c,
 * mmio.c and hypercall.c stand in).
 */
#include "console.h"
#include "control.h"
#include "hypercall.h"
#include "irq.h"
#include "lib.h"
#include "mmio.h"
#include "pcpu.h"
#include "psci.h"
#include "vm.h"
#include "arch/trap_frame.h"

/* Per controller VM (index = its VM index): its configuration, its
 * vCPUs' last command results, its state-change interrupt. */
struct ctl_vm {
	const struct ctl_config *cfg;
	uint32_t status[CONFIG_MAX_VCPUS_PER_VM];
};
static struct ctl_vm ctls[CONFIG_MAX_VMS];

static const struct ctl_config *ctl_of(const struct vm *vm)
{
	return vm->id < CONFIG_MAX_VMS ? ctls[vm->id].cfg : NULL;
}

/* The target slot of VM index t for controller c, or -1. */
static int slot_of(const struct ctl_config *c, uint32_t t)
{
	for (uint32_t s = 0; s < c->nr_targets && s < CTL_MAX_TARGETS; s++)
		if (c->t[s].vm == t)
			return (int)s;
	return -1;
}

/* Refused: counted in the caller's life (its refused accesses), and its
 * first refusal said on the console. */
static void refuse(struct vm *vm, const char *what, uint32_t arg)
{
	if (__atomic_fetch_add(&vm->life.refused, 1u, __ATOMIC_RELAXED) == 0)
		pr_info("vm %s: refused control %s (0x%08x); further refusals are counted",
			vm->cfg->name, what, arg);
}

/* In line in control_word_read: the register a controller polls
 * (docs/performance.md "Restart and control"). */
static inline __attribute__((always_inline)) uint32_t state_now(const struct vm *t)
{
	if (t->state == VM_RUNNING) {
		const struct vcpu *p = t->vcpus;
		uint32_t n = t->cfg->nr_vcpus;

		if (n > CONFIG_MAX_VCPUS_PER_VM)
			n = CONFIG_MAX_VCPUS_PER_VM;
		for (; n; n--, p++)
			if (p->job.kind == VCPU_JOB_RESTORE)
				return CTL_STATE_RESTARTING;
		return CTL_STATE_RUNNING;
	}
	if (t->state == VM_RESETTING || t->life.restart_pending)
		return CTL_STATE_RESTARTING;
	return CTL_STATE_STOPPED;
}

static uint32_t state_of(const struct vm *t)
{
	return state_now(t);
}

static uint32_t sched_sum(const struct vm *t, bool misses)
{
	uint32_t sum = 0;

	for (uint32_t n = 0; n < t->cfg->nr_vcpus && n < CONFIG_MAX_VCPUS_PER_VM; n++)
		sum += misses ? t->vcpus[n].se.misses : t->vcpus[n].se.overruns;
	return sum;
}

static uint32_t entries_of(const struct vm *t, uint32_t n)
{
	if (n >= t->cfg->nr_vcpus || n >= CONFIG_MAX_VCPUS_PER_VM)
		return 0;
	return pcpu_trap_count(&pcpus[t->vcpus[n].pcpu], TRAP_TOTAL);
}

/* A byte-string register: word off of s (len bytes), little-endian. */
static uint32_t str_word(const char *s, uint32_t len, uint32_t off)
{
	uint32_t w = 0;

	for (uint32_t i = 0; i < 4u && off + i < len; i++)
		w |= (uint32_t)(uint8_t)s[off + i] << (8u * i);
	return w;
}

/* Register off (word aligned, < CTL_SLOT_SIZE) of target slot s: the
 * polled ones (state, counters) first, by one switch (a read's path,
 * docs/performance.md "Restart and control"), the arrays after. */
static uint32_t slot_read(const struct ctl_config *c, uint32_t s, uint32_t off)
{
	const struct vm *t = &vms[c->t[s].vm];

	switch (off) {
	case CTL_VM:
		return c->t[s].vm;
	case CTL_RIGHTS:
		return c->t[s].rights;
	case CTL_STATE:
		return state_of(t);
	case CTL_WHY:
		return t->life.why;
	case CTL_SEQ:
		return t->life.seq;
	case CTL_RESTARTS:
		return t->life.restarts;
	case CTL_FAULTS:
		return t->life.faults;
	case CTL_REFUSED:
		return t->chan.refused + vm_arch_refused(t) + t->life.refused;
	case CTL_DOORBELLS:
		return t->chan.rings;
	case CTL_MISSES:
		return sched_sum(t, true);
	case CTL_OVERRUNS:
		return sched_sum(t, false);
	default:
		break;
	}
	if (off >= CTL_REASON)
		return str_word(t->life.reason, VM_REASON_MAX, off - CTL_REASON);
	if (off >= CTL_NAME)
		return str_word(t->cfg->name, VM_NAME_MAX, off - CTL_NAME);
	if (off >= CTL_ENTRIES)
		return entries_of(t, (off - CTL_ENTRIES) / 4u);
	return 0;
}

/*
 * Start the restore of t, whose restart a controller asked for, once every
 * vCPU of it is off: vCPU 0 is started at an address stage 2 never maps
 * (the VM's first emulated window), so its first instruction traps into
 * the chunked restore (trap_iabt -> vm_reset_continue) on its own core,
 * which then starts vCPU 0 at its entry. With vm_state_lock held; true:
 * wake vCPU 0's core.
 */
/* life.restart_pending: 0, or RESTART_STOPPING while the command's stop
 * is being reported (vm_stopped resets the VM's interrupt controller: the
 * restore must not start before that), then RESTART_WAIT_OFF. */
#define RESTART_STOPPING 2u
#define RESTART_WAIT_OFF 1u

static bool restart_if_off_locked(struct vm *t)
{
	struct vcpu *boot = &t->vcpus[0];

	if (t->life.restart_pending != RESTART_WAIT_OFF || t->state != VM_STOPPED)
		return false;
	for (uint32_t n = 0; n < t->cfg->nr_vcpus && n < CONFIG_MAX_VCPUS_PER_VM; n++)
		if (t->vcpus[n].state != VCPU_OFF)
			return false;
	t->life.restart_pending = 0;
	t->state = VM_RUNNING; /* with the live reference the command took */
	boot->job = (struct vcpu_job){.kind = VCPU_JOB_RESTORE};
	t->life.why = VM_WHY_COMMAND;
	return vcpu_request_on_locked(boot, t->mmio.r[0].base, 0, true) == PSCI_SUCCESS;
}

void control_vcpu_off(struct vm *vm)
{
	bool wake;

	if (!vm->life.restart_pending)
		return;
	spin_lock(&vm_state_lock);
	wake = restart_if_off_locked(vm);
	spin_unlock(&vm_state_lock);
	if (wake && vcpu_wake_core(&vm->vcpus[0]) != PSCI_SUCCESS)
		vm_stop(vm, "restart by a controller: could not power on vCPU 0");
}

/*
 * A command of controller vm on target VM index t. Decided under
 * vm_state_lock, so racing commands (two vCPUs of the controller, two
 * controllers) and the target's own resets and faults give one outcome:
 * a stop always wins; a restart while one is in progress is BUSY; never a
 * wait on the target.
 */
static uint32_t command(struct vm *vm, uint32_t t, uint32_t cmd)
{
	const struct ctl_config *c = ctl_of(vm);
	int s = c ? slot_of(c, t) : -1;
	struct vm *target;
	bool stopped = false, wake = false, cancelled = false;
	uint32_t ret = CTL_OK;

	if (cmd != CTL_CMD_STOP && cmd != CTL_CMD_RESTART && cmd != CTL_CMD_LOAD) {
		refuse(vm, "command", cmd);
		return CTL_ERR_INVALID;
	}
	if (s < 0 || (cmd != CTL_CMD_LOAD && !(c->t[s].rights & CTL_RIGHT_RESTART)) ||
	    (cmd == CTL_CMD_LOAD && !(c->t[s].rights & CTL_RIGHT_LOAD))) {
		refuse(vm, "command for VM", t);
		return CTL_ERR_RIGHT;
	}
#if FEATURE_LOAD
	/* the copy and its checks, outside the lock (chunked) */
	if (cmd == CTL_CMD_LOAD) {
		ret = load_prepare(vm, &vms[c->t[s].vm]);
		if (ret != CTL_OK)
			return ret;
	}
#define VERB(cmd) ((cmd) == CTL_CMD_STOP ? "stop" : (cmd) == CTL_CMD_LOAD ? "load" : "restart")
#else
	if (cmd == CTL_CMD_LOAD)
		return CTL_ERR_UNSUPPORTED;
#define VERB(cmd) ((cmd) == CTL_CMD_STOP ? "stop" : "restart")
#endif
	target = &vms[c->t[s].vm];
	spin_lock(&vm_state_lock);
	if (cmd == CTL_CMD_STOP) {
		/* A stop wins over a restart in progress: one still waiting
		 * for the target's vCPUs to park is cancelled. */
		cancelled = target->life.restart_pending != 0;
		target->life.restart_pending = 0; /* its live reference goes below */
		stopped = vm_stop_locked(target);
		if (!stopped && !cancelled)
			ret = CTL_ERR_STATE;
		if (cancelled && !stopped)
			target->life.why = VM_WHY_COMMAND;
	} else if (state_of(target) == CTL_STATE_RESTARTING) {
		ret = CTL_ERR_BUSY;
	} else {
#if FEATURE_LOAD
		/* In the same critical section as the restart: no restore of
		 * the old image can start in between (a restore under way
		 * makes it RESTARTING, above). */
		if (cmd == CTL_CMD_LOAD)
			load_switch_locked(vm, target);
		snprintf(target->life.reason, sizeof(target->life.reason), "%s by %s",
			 cmd == CTL_CMD_LOAD ? "load" : "restart", vm->cfg->name);
#else
		snprintf(target->life.reason, sizeof(target->life.reason), "restart by %s",
			 vm->cfg->name);
#endif
		/* Stop it (its vCPUs park at their next entry on their own
		 * cores), then the restore starts once they are all off. */
		stopped = vm_stop_locked(target);
		target->life.restart_pending = stopped ? RESTART_STOPPING : RESTART_WAIT_OFF;
		vm_live_get_locked(); /* the machine stays on till it runs again */
		wake = restart_if_off_locked(target);
	}
	if (stopped)
		target->life.why = VM_WHY_COMMAND;
	spin_unlock(&vm_state_lock);
	if (cancelled && !stopped) {
		pr_info("vm %s: restart cancelled: stop by %s", target->cfg->name, vm->cfg->name);
		vm_life_changed(target, "stop by controller (restart cancelled)");
	}
	if (cancelled)
		vm_live_put(); /* the cancelled restart's reference */
	if (stopped) {
		char reason[48];

		snprintf(reason, sizeof(reason), "%s by %s", VERB(cmd), vm->cfg->name);
		vm_stopped(target, reason);
		spin_lock(&vm_state_lock);
		if (target->life.restart_pending == RESTART_STOPPING)
			target->life.restart_pending = RESTART_WAIT_OFF;
		wake = restart_if_off_locked(target);
		spin_unlock(&vm_state_lock);
	}
	if (wake && vcpu_wake_core(&target->vcpus[0]) != PSCI_SUCCESS)
		vm_stop(target, "restart by a controller: could not power on vCPU 0");
#if FEATURE_LOAD
	if (cmd == CTL_CMD_LOAD)
		load_outcome(vm, target, ret);
#endif
	return ret;
}

/* A state change of target: every running controller observing it gets
 * its interrupt (one GICD_ISPENDR store; the GIC's latch coalesces). */
void control_notify(struct vm *target)
{
	for (uint32_t i = 0; i < ctl_config_count; i++) {
		const struct ctl_config *c = &ctl_configs[i];

		if (c->irq < 32u || c->vm >= vm_config_count || c->vm >= CONFIG_MAX_VMS ||
		    slot_of(c, target->id) < 0 || !vm_running(&vms[c->vm]))
			continue;
		dsb();
		irq_arch_spi_raise(irq_arch_spi(c->irq));
	}
}

/* ---- the control page ---- */

bool control_page_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	const struct ctl_config *c = ctl_of(v->vm);
	/* A target's slot first, the usual read; huge below the slots. */
	uint32_t slot = (off - CTL_SLOT_BASE) / CTL_SLOT_SIZE;

	if (size != 4u || !IS_ALIGNED(off, 4u) || !c)
		return false;
	if (slot < c->nr_targets && slot < CTL_MAX_TARGETS) {
		*val = slot_read(c, slot, off % CTL_SLOT_SIZE);
		return true;
	}
#if FEATURE_LOAD
	if (load_page_read(v->vm, off, val))
		return true;
#endif
	switch (off) {
	case CTL_REG_ID:
		*val = CTL_MAGIC;
		break;
	case CTL_REG_INFO:
		*val = c->nr_targets | (CTL_VERSION << 8);
		break;
	case CTL_REG_STATUS:
		*val = ctls[v->vm->id].status[v->id % CONFIG_MAX_VCPUS_PER_VM];
		break;
	case CTL_REG_SEQ: {
		uint32_t sum = 0;

		for (uint32_t s = 0; s < c->nr_targets && s < CTL_MAX_TARGETS; s++)
			sum += vms[c->t[s].vm].life.seq;
		*val = sum;
		break;
	}
	default:
		*val = 0;
	}
	return true;
}

/* The trap path's in-line word read (mmio_trap.h): a target's slot
 * register straight away, its STATE (what a controller polls) in line,
 * the rest as any read. */
bool control_word_read(struct vcpu *v, uint32_t off, uint32_t *val)
{
	/* Reached only through the VM's ctl_page, which control_mmio_setup
	 * sets after cfg, for a VM index in range: c is set. */
	const struct ctl_config *c = ctls[v->vm->id % CONFIG_MAX_VMS].cfg;
	uint32_t slot = (off - CTL_SLOT_BASE) / CTL_SLOT_SIZE;

	if (IS_ALIGNED(off, 4u) && slot < c->nr_targets && slot < CTL_MAX_TARGETS) {
		*val = off % CTL_SLOT_SIZE == CTL_STATE ? state_now(&vms[c->t[slot].vm])
							: slot_read(c, slot, off % CTL_SLOT_SIZE);
		return true;
	}
	return control_page_read(v, off, 4u, val);
}

static bool page_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	const struct ctl_config *c = ctl_of(v->vm);
	uint32_t s;

	if (size != 4u || !IS_ALIGNED(off, 4u) || !c)
		return false;
	s = (off - CTL_SLOT_BASE) / CTL_SLOT_SIZE;
	if (off >= CTL_SLOT_BASE && (off - CTL_SLOT_BASE) % CTL_SLOT_SIZE == CTL_CMD &&
	    s < c->nr_targets && s < CTL_MAX_TARGETS) {
		uint32_t r = command(v->vm, c->t[s].vm, val);

#if FEATURE_LOAD
		if (r == CTL_AGAIN) {
			load_again(cpu_arch_frame(v->pcpu));
			return true;
		}
#endif
		ctls[v->vm->id].status[v->id % CONFIG_MAX_VCPUS_PER_VM] = r;
		return true;
	}
#if FEATURE_LOAD
	if (load_page_write(v->vm, off, val))
		return true;
#endif
	refuse(v->vm, "page write at", off); /* read-only or unknown: ignored */
	return true;
}

static const struct mmio_device ctl_device = {
	.name = "control page",
	.cause = TRAP_DOORBELL,
	.vcpu_read = control_page_read,
	.vcpu_write = page_write,
};

void control_mmio_setup(struct vm *vm)
{
	for (uint32_t i = 0; i < ctl_config_count; i++) {
		const struct ctl_config *c = &ctl_configs[i];

		if (c->vm != vm->id || vm->id >= CONFIG_MAX_VMS)
			continue;
		ctls[vm->id].cfg = c;
		mmio_add(vm, c->page_ipa, PAGE_SIZE, &ctl_device);
		/* Its word reads (the state and counters a controller polls)
		 * in line in the trap path, before the table's search. */
		if (IS_ALIGNED(c->page_ipa, PAGE_SIZE))
			vm->mmio.ctl_page = c->page_ipa >> 12;
		/* srt/be: its interrupt is a doorbell (one entry, no EOI
		 * maintenance), as a channel's */
		if (c->irq >= 32u && vm->cfg->level != VM_LEVEL_HRT)
			irq_set_doorbell(vm->id, c->irq);
	}
}

/* ---- the hypercalls ---- */

/* (r1 target VM index, r2 slot register offset) -> r0 0 or -2, r1 value. */
void hc_ctl_read(struct vcpu *v, struct trap_frame *f)
{
	const struct ctl_config *c = ctl_of(v->vm);
	int s = c ? slot_of(c, f->r[1]) : -1;
	uint32_t off = f->r[2];

	if (s < 0 || off >= CTL_SLOT_SIZE || !IS_ALIGNED(off, 4u)) {
		refuse(v->vm, "read for VM", f->r[1]);
		f->r[0] = SMCCC_INVALID_PARAMETER;
		return;
	}
	f->r[1] = slot_read(c, (uint32_t)s, off);
	f->r[0] = 0;
}

/* (r1 target VM index, r2 enum ctl_cmd) -> r0 CTL_OK or CTL_ERR_*. */
void hc_ctl_cmd(struct vcpu *v, struct trap_frame *f)
{
	uint32_t r = command(v->vm, f->r[1], f->r[2]);

#if FEATURE_LOAD
	if (r == CTL_AGAIN) {
		load_again(f);
		return;
	}
#endif
	f->r[0] = r;
}
