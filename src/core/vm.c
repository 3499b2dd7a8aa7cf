// SPDX-License-Identifier: MIT
/* VM lifecycle: bind configuration to state, start from the image, stop. */
#include <stdarg.h>

#include "colour.h"
#include "console.h"
#include "irq.h"
#include "lib.h"
#include "pcpu.h"
#include "platform_ops.h"
#include "psci.h"
#include "run_loop.h"
#include "uart.h"
#include "vm.h"
#include "arch/cpu.h"

struct vm vms[CONFIG_MAX_VMS];

spinlock_t vm_state_lock;
/* VMs not STOPPED (a resetting VM counts), plus one while booting. */
static uint32_t vms_live;

COLD void vm_init_all(void)
{
	ASSERT(vm_config_count <= CONFIG_MAX_VMS);
	for (uint32_t i = 0; i < vm_config_count && i < CONFIG_MAX_VMS; i++) {
		const struct vm_config *cfg = &vm_configs[i];
		struct vm *vm = &vms[i];

		vm->cfg = cfg;
		vm->id = i;
		for (uint32_t n = 0; n < vm_nr_vcpus(cfg) && n < CONFIG_MAX_VCPUS_PER_VM; n++) {
			struct vcpu *v = &vm->vcpus[n];
			uint32_t core = cfg->vcpu_pcpu[n];

			ASSERT(core < CONFIG_NR_CPUS);
			v->vm = vm;
			v->id = n;
			v->pcpu = core; /* pcpus[core].vcpu: once it runs there */
			pcpus[core].own = v; /* run_loop_init: NULL if shared */
		}
		mmio_setup(vm);
	}
}

/* The region holding [ipa, ipa + len), writable ones only unless rom_ok. */
static const struct vm_mem_config *vm_mem_find(const struct vm_config *cfg, uint32_t ipa,
					       uint32_t len, bool rom_ok)
{
	for (uint32_t i = 0; i < cfg->nr_mem && i < VM_MAX_MEM; i++) {
		const struct vm_mem_config *m = &cfg->mem[i];

		if (range_contains(m->ipa, m->size, ipa, len) &&
		    (rom_ok || !(m->flags & VM_MEM_READ_ONLY)))
			return m;
	}
	return NULL;
}

const struct vm_mem_config *vm_main_ram(const struct vm_config *cfg)
{
	for (uint32_t i = 0; i < cfg->nr_mem && i < VM_MAX_MEM; i++)
		if (!(cfg->mem[i].flags & VM_MEM_READ_ONLY))
			return &cfg->mem[i];
	return NULL;
}

static void *mem_ptr(const struct vm_mem_config *m, uint32_t ipa)
{
	return (void *)(uintptr_t)(m->pa + (ipa - m->ipa));
}

bool vm_ram_write(const struct vm *vm, uint32_t ipa, uint32_t room, const void *src, uint32_t n)
{
	/* Never ROM: what the hypervisor writes for a guest, the guest could not. */
	const struct vm_mem_config *m = vm_mem_find(vm->cfg, ipa, room, false);
	void *dst;

	if (!m || n > room)
		return false;
#ifdef CONFIG_CACHE_COLOURING
	/* scattered frames: the range may cross from one to another */
	if (m->flags & VM_MEM_COLOURED) {
		colour_copy(vm->cfg, ipa, src, n);
		return true;
	}
#endif
	dst = mem_ptr(m, ipa);
	memcpy(dst, src, n);
	cache_clean_range(dst, n);
	return true;
}

/*
 * Put one blob at IPA ipa, from src. An image may go into ROM too: the
 * hypervisor writes it through its own map. A blob that the boot loader
 * already put there (src is its destination: shikiri.elf, the FIT) costs
 * nothing; only the packed shikiri.bin and a reset copy.
 */
static void vm_load(const struct vm *vm, uint32_t ipa, const uint8_t *src, uint32_t size)
{
	const struct vm_mem_config *m = vm_mem_find(vm->cfg, ipa, size, true);
	void *dst;

	ASSERT(m != NULL); /* the generator checked that the blob fits one region */
#ifdef CONFIG_CACHE_COLOURING
	/* always a copy: the blob is in the hypervisor image, the RAM in frames */
	if (m->flags & VM_MEM_COLOURED) {
		colour_copy(vm->cfg, ipa, src, size);
		return;
	}
#endif
	dst = mem_ptr(m, ipa);
	if (dst == (const void *)src)
		return;
	memcpy(dst, src, size);
	cache_clean_range(dst, size);
}

/* At boot: the image, DTB and initrd where the boot loader put them. */
static void vm_load_images(const struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;

	vm_load(vm, cfg->load_ipa, cfg->image_load, cfg->image_size);
	if (cfg->dtb_load)
		vm_load(vm, cfg->dtb_ipa, cfg->dtb_load, cfg->dtb_size);
	if (cfg->initrd_load)
		vm_load(vm, cfg->initrd_ipa, cfg->initrd_load, cfg->initrd_size);
	icache_invalidate_all();
}

/*
 * Chunked jobs (vcpu.h, docs/scheduling.md "Hypervisor work for a VM"):
 * work whose length grows with a VM's memory or image, done for one of its
 * vCPUs VCPU_JOB_CHUNK bytes at a time. Between chunks, a shared core stops
 * as soon as an interrupt is pending (a budget's or slice's end, a
 * neighbour's timer): the vCPU goes back to the guest side, the interrupt
 * is taken, the scheduler may switch, and the job goes on from its cursor
 * at the vCPU's next entry. Its time is the vCPU's, charged as such. A
 * dedicated core has nobody to give way to and does the job in one go.
 */
static bool job_preempt(void)
{
	return pcpu_this()->shared && cpu_arch_irq_pending();
}

/* One chunk of a job over n parts of vm, part i being len(cfg, i) bytes;
 * work(vm, i, off, bytes) does it. Advances the cursor j; true when all is
 * done (and nothing was left to do). */
static bool job_step(struct vcpu_job *j, uint32_t n,
		     uint32_t (*len)(const struct vm_config *, uint32_t),
		     void (*work)(const struct vm *, uint32_t, uint32_t, uint32_t),
		     const struct vm *vm)
{
	/* Empty parts take no chunk (at most n of them in a row). */
	while (j->part < n && j->off >= len(vm->cfg, j->part)) {
		j->part++;
		j->off = 0;
	}
	if (j->part >= n)
		return true;
	uint32_t left = len(vm->cfg, j->part) - j->off;
	uint32_t chunk = left < VCPU_JOB_CHUNK ? left : VCPU_JOB_CHUNK;

	work(vm, j->part, j->off, chunk);
	j->off += chunk;
	return false;
}

/* Set/way sweep: every region, the guest's own memory, ROM included. */
static uint32_t mem_len(const struct vm_config *cfg, uint32_t i)
{
	return cfg->mem[i].size;
}

static void mem_clean(const struct vm *vm, uint32_t i, uint32_t off, uint32_t n)
{
#ifdef CONFIG_CACHE_COLOURING
	if (vm->cfg->mem[i].flags & VM_MEM_COLOURED) {
		colour_clean_invalidate(vm->cfg, vm->cfg->mem[i].ipa + off, n);
		return;
	}
#endif
	cache_clean_invalidate_range((const void *)(uintptr_t)(vm->cfg->mem[i].pa + off), n);
}

bool vm_ram_sweep(struct vcpu *v, uint32_t pc)
{
	struct vcpu_job *j = &v->job;
	uint32_t n = v->vm->cfg->nr_mem < VM_MAX_MEM ? v->vm->cfg->nr_mem : VM_MAX_MEM;

	/* Another op than the one the job was started for (the guest did
	 * something else meanwhile, e.g. in an interrupt handler): a sweep of
	 * its own, from the start, as every op must see all of its memory
	 * cleaned after it was issued. */
	if (j->kind != VCPU_JOB_SWEEP || j->pc != pc)
		*j = (struct vcpu_job){.kind = VCPU_JOB_SWEEP, .pc = pc};
	/* At most size / chunk steps per region: bounded by the VM's memory. */
	while (!job_step(j, n, mem_len, mem_clean, v->vm)) {
		if (job_preempt())
			return false;
	}
	j->kind = VCPU_JOB_NONE;
	v->vm->ram_flushes++;
	return true;
}

/* Reset restore (reset = "restart"): the pristine copies of the image, DTB
 * and initrd (parts 0, 1, 2; an absent one is empty). */
static uint32_t blob_len(const struct vm_config *cfg, uint32_t i)
{
#if FEATURE_LOAD
	/* a loaded image (load.c): the VM's index is its configuration's */
	if (i == 0 && vms[cfg->id].image)
		return vms[cfg->id].image_size;
#endif
	if (i == 0)
		return cfg->image_size;
	if (i == 1)
		return cfg->dtb ? cfg->dtb_size : 0;
	return cfg->initrd ? cfg->initrd_size : 0;
}

static void blob_copy(const struct vm *vm, uint32_t i, uint32_t off, uint32_t n)
{
	const struct vm_config *cfg = vm->cfg;
	uint32_t ipa = i == 0 ? cfg->load_ipa : i == 1 ? cfg->dtb_ipa : cfg->initrd_ipa;
	const uint8_t *src = i == 0 ? cfg->image : i == 1 ? cfg->dtb : cfg->initrd;

#if FEATURE_LOAD
	if (i == 0 && vm->image)
		src = vm->image;
#endif

	/* vm_load of the chunk: the generator checked that the blob fits. */
	vm_load(vm, ipa + off, src + off, n);
}

/* The VM-start line: its main RAM, where it is (a coloured VM: which
 * frames, as its PA is no one address). */
COLD static void vm_print_ram(const struct vm_config *cfg, const struct vm_mem_config *ram)
{
	const char *level = cfg->level == VM_LEVEL_HRT	 ? "hrt"
			    : cfg->level == VM_LEVEL_SRT ? "srt"
							 : "be";

#ifdef CONFIG_CACHE_COLOURING
	if (ram->flags & VM_MEM_COLOURED) {
		char names[COLOUR_NAMES_MAX];

		colour_names(cfg, names, sizeof(names));
		pr_info(
		    "vm %s: %s, %u vCPU(s), RAM IPA 0x%08x (%u MiB) in %u frames of cache colours "
		    "%s of %u, entry 0x%08x",
		    cfg->name, level, vm_nr_vcpus(cfg), ram->ipa, ram->size >> 20,
		    ram->size / PAGE_SIZE, names, cfg->nr_colours, cfg->entry_ipa);
		return;
	}
#endif
	pr_info("vm %s: %s, %u vCPU(s), RAM IPA 0x%08x -> PA 0x%08x (%u MiB), entry 0x%08x",
		cfg->name, level, vm_nr_vcpus(cfg), ram->ipa, ram->pa, ram->size >> 20,
		cfg->entry_ipa);
}

/* Start one VM at boot (vm_start_all holds a reference meanwhile). */
static void vm_start(struct vm *vm)
{
	const struct vm_config *cfg = vm->cfg;
	const struct vm_mem_config *ram = vm_main_ram(cfg);
	int32_t ret;

	vm_arch_reset(vm);
	vm_load_images(vm);

	ASSERT(ram != NULL); /* the generator requires a writable region */
	vm_print_ram(cfg, ram);
	for (uint32_t i = 0; i < cfg->nr_mem && i < VM_MAX_MEM; i++) {
		const struct vm_mem_config *m = &cfg->mem[i];
		const char *kind = (m->flags & VM_MEM_READ_ONLY) ? "ROM" : "RAM";

		if (m == ram)
			continue;
#ifdef CONFIG_CACHE_COLOURING
		if (m->flags & VM_MEM_COLOURED) {
			pr_info("vm %s: %s IPA 0x%08x (%u KiB) in %u frames of its colours",
				cfg->name, kind, m->ipa, m->size >> 10, m->size / PAGE_SIZE);
			continue;
		}
#endif
		pr_info("vm %s: %s IPA 0x%08x -> PA 0x%08x (%u KiB)", cfg->name, kind, m->ipa,
			m->pa, m->size >> 10);
	}
	spin_lock(&vm_state_lock);
	vm->state = VM_RUNNING;
	vms_live++;
	ret = vcpu_request_on_locked(&vm->vcpus[0], cfg->entry_ipa, 0, true);
	spin_unlock(&vm_state_lock);
	if (ret == PSCI_SUCCESS)
		ret = vcpu_wake_core(&vm->vcpus[0]);
	if (ret != PSCI_SUCCESS)
		vm_stop(vm, "could not power on its boot core");
}

void vm_live_get_locked(void)
{
	vms_live++;
}

/* With vm_state_lock held: one live VM less; true when none is left. */
static bool vms_put_locked(void)
{
	ASSERT(vms_live > 0);
	return --vms_live == 0;
}

COLD static NORETURN void vms_all_stopped(void)
{
	pr_info("all VMs stopped, powering off");
	uart_console_drain(); /* the line above must reach the wire first */
	platform_power_off();
}

void vm_live_put(void)
{
	bool last;

	spin_lock(&vm_state_lock);
	last = vms_put_locked();
	spin_unlock(&vm_state_lock);
	if (last)
		vms_all_stopped();
}

COLD void vm_start_all(void)
{
	bool last;

	/* The boot reference: a VM that stops before the last one has been
	 * started must not power the machine off. */
	spin_lock(&vm_state_lock);
	vms_live = 1;
	spin_unlock(&vm_state_lock);
	for (uint32_t i = 0; i < vm_config_count && i < CONFIG_MAX_VMS; i++)
		vm_start(&vms[i]);
	spin_lock(&vm_state_lock);
	last = vms_put_locked();
	spin_unlock(&vm_state_lock);
	if (last)
		vms_all_stopped();
}

COLD static void vm_print_trap_stats(const struct vm *vm)
{
#if defined(CONFIG_TRAP_STATS_AT_STOP)
	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++) {
		const struct pcpu *c = &pcpus[vm->vcpus[n].pcpu];

		pr_info("vm %s: core %u entries: irq %u gicd %u vuart %u hvc %u smc %u abort %u "
			"other %u sysreg %u doorbell %u",
			vm->cfg->name, c->id, c->trap_count[TRAP_IRQ], c->trap_count[TRAP_GICD],
			c->trap_count[TRAP_VUART], c->trap_count[TRAP_HVC], c->trap_count[TRAP_SMC],
			c->trap_count[TRAP_ABORT], c->trap_count[TRAP_OTHER],
			c->trap_count[TRAP_SYSREG], c->trap_count[TRAP_DOORBELL]);
	}
	vm_print_sched_stats(vm);
#else
	UNUSED(vm);
#endif
}

/* Make the VM's other vCPUs enter the hypervisor so that they notice the VM
 * is no longer running. hrt cores take no hypervisor interrupt: they notice
 * at their next trap. */
static void vm_kick_others(const struct vm *vm)
{
	uint32_t self = pcpu_this()->id;
	uint32_t cores = 0;

	if (vm_level_hrt(vm->cfg))
		return;
	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++)
		if (vm->vcpus[n].state != VCPU_OFF && vm->vcpus[n].pcpu != self)
			cores |= BIT(vm->vcpus[n].pcpu);
	irq_kick(cores);
	/* Its vCPUs waiting for their turn on this (shared) core leave now. */
	sched_run_kicked(pcpu_this());
}

bool vm_stop_locked(struct vm *vm)
{
	if (vm->state == VM_STOPPED)
		return false;
	/* RUNNING or RESETTING: a stop always wins over a reset in progress
	 * (the resetting vCPU sees it and parks). */
	vm->state = VM_STOPPED;
	return true;
}

/*
 * The stop report of a VM, then its live reference dropped. The reference
 * goes only after the report, so that when two VMs stop at once on two
 * cores the one that powers the machine off is the last to finish its
 * report, not the last to stop: no report is cut off mid-way.
 */
COLD void vm_stopped(struct vm *vm, const char *reason)
{
	bool last;

	vm_kick_others(vm);
	vm_arch_reset(vm); /* its devices must not interrupt parked cores */
	spin_lock(&vm->lock);
	vuart_flush(vm);
	spin_unlock(&vm->lock);
	pr_err("vm %s stopped: %s", vm->cfg->name, reason);
	vm_life_changed(vm, reason);
	vm_arch_report(vm);
	vm_print_trap_stats(vm);
	if (vm->ram_flushes)
		pr_info("vm %s: set/way sweeps emulated (clean+invalidate of its RAM): %u",
			vm->cfg->name, vm->ram_flushes);
	chan_report(vm);
	if (vm->life.refused)
		pr_info("vm %s: control: %u refused accesses", vm->cfg->name, vm->life.refused);
	spin_lock(&vm_state_lock);
	last = vms_put_locked();
	spin_unlock(&vm_state_lock);
	if (last)
		vms_all_stopped();
}

void vm_stop(struct vm *vm, const char *reason)
{
	bool stopped;

	spin_lock(&vm_state_lock);
	stopped = vm_stop_locked(vm);
	spin_unlock(&vm_state_lock);
	if (stopped)
		vm_stopped(vm, reason);
}

/* Bounded wait for the VM's other vCPUs to park (they see VM_RESETTING). */
#define RESET_WAIT_LOOPS 10000000u

static bool vm_wait_others_off(const struct vm *vm, const struct vcpu *self)
{
	for (uint32_t i = 0; i < RESET_WAIT_LOOPS; i++) {
		bool all_off = true;

		for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg); n++)
			if (&vm->vcpus[n] != self && vm->vcpus[n].state != VCPU_OFF)
				all_off = false;
		if (all_off)
			return true;
	}
	return false;
}

/*
 * Restart policy (docs/partition-binding.md "Restart policy"): with a
 * restart-limit, at most limit restarts within window_ms of the first one
 * counted in the window (a window starts at the first restart after the
 * previous one ended). Returns if the restart is counted and may go on;
 * else the VM stops, with event, sep and the limit as its reason, and the
 * caller parks.
 */
static void restart_limit(struct vm *vm, const char *event, const char *sep)
{
	const struct vm_policy *p = &vm_policies[vm->id];
	uint64_t now, win;
	bool ok = true;

	/* No VM of the system has a limit: no counting (features.h). */
	if (!FEATURE_RESTART_LIMIT || !p->limit)
		return;
	now = cpu_arch_counter();
	/* ticks per ms first: no 64-bit division (libgcc's) on this path */
	win = (uint64_t)p->window_ms * (cpu_arch_counter_hz() / 1000u);
	spin_lock(&vm_state_lock);
	if (vm->life.in_window == 0 || now - vm->life.window_start >= win) {
		vm->life.window_start = now;
		vm->life.in_window = 0;
	}
	if (vm->life.in_window >= p->limit)
		ok = false;
	else
		vm->life.in_window++;
	spin_unlock(&vm_state_lock);
	if (!ok) {
		char full[160];

		snprintf(full, sizeof(full), "%s%srestart limit reached (%u in %u ms)", event, sep,
			 p->limit, p->window_ms);
		vm->life.why = VM_WHY_LIMIT;
		vm_stop(vm, full);
		vcpu_park();
	}
}

/* The control page's observers (control.c): a no-op when no VM holds a
 * control right, so that such a system links none of it. */
__attribute__((weak)) void control_notify(struct vm *vm)
{
	UNUSED(vm);
}

__attribute__((weak)) void control_vcpu_off(struct vm *vm)
{
	UNUSED(vm);
}

void vm_life_changed(struct vm *vm, const char *reason)
{
	if (reason)
		snprintf(vm->life.reason, sizeof(vm->life.reason), "%s", reason);
	__atomic_fetch_add(&vm->life.seq, 1u, __ATOMIC_RELEASE);
	control_notify(vm);
}

static const char *const why_name[] = {
	[VM_WHY_NONE] = "start",       [VM_WHY_FAULT] = "fault",
	[VM_WHY_OFF] = "system-off",   [VM_WHY_RESET] = "system-reset",
	[VM_WHY_CPU_OFF] = "cpu-off",  [VM_WHY_LIMIT] = "restart limit",
	[VM_WHY_COMMAND] = "command",  [VM_WHY_OTHER] = "other",
};

static void vm_restart_from(struct vcpu *caller, const char *event);

COLD void vm_reset(struct vcpu *caller)
{
	struct vm *vm = caller->vm;

	/* reset = "halt": nothing to restart from (its images were used). */
	if (vm->cfg->reset == VM_RESET_HALT) {
		vm->life.why = VM_WHY_RESET;
		vm_stop(vm, "system-reset (reset = \"halt\": no pristine copy)");
		vcpu_park();
	}
	restart_limit(vm, "system-reset", ": ");
	vm->life.why = VM_WHY_RESET;
	vm_restart_from(caller, NULL);
}

void vm_system_off(struct vcpu *v)
{
	struct vm *vm = v->vm;

	if (!FEATURE_RESTART_ON_OFF || vm_policies[vm->id].on_off != VM_ON_RESTART) {
		vm->life.why = VM_WHY_OFF;
		vm_stop(vm, "system-off");
		vcpu_park();
	}
	restart_limit(vm, "system-off", ": ");
	vm->life.why = VM_WHY_OFF;
	vm_restart_from(v, "system-off");
}

/* The restart of v's VM by v itself, from its pristine copies (SYSTEM_RESET,
 * or the policy's restart after a fault or SYSTEM_OFF, event its reason):
 * on v's own core; another core is only kicked if it runs another vCPU of
 * the VM (never an hrt core). Returns only when the restore was
 * preempted. */
static void vm_restart_from(struct vcpu *caller, const char *event)
{
	struct vm *vm = caller->vm;
	bool go;

	/* Without FEATURE_RESET no VM of the system restarts (no reset =
	 * "restart", no restart policy or right), and the restore below (with
	 * vm_reset_continue's) is not linked. */
	if (!FEATURE_RESET) {
		vm_stop(vm, "restart: no pristine copy in this system");
		vcpu_park();
	}
	/* RUNNING -> RESETTING: only one vCPU can win; a second SYSTEM_RESET,
	 * or one of a VM that was stopped meanwhile, parks its caller. */
	spin_lock(&vm_state_lock);
	go = vm->state == VM_RUNNING;
	if (go)
		vm->state = VM_RESETTING;
	spin_unlock(&vm_state_lock);
	if (!go)
		vcpu_park();

	vm_kick_others(vm);
	/* A policy's restart: one line for the event and the restart, said
	 * once it is sure to go on, with the number RESTARTS will say. One
	 * short line: it is most of the restart's path (docs/performance.md
	 * "Restart and control"). */
	if (event)
		pr_err("vm %s restarting: %s; restart %u", vm->cfg->name, event,
		       vm->life.restarts + 1u);
	if (!vm_wait_others_off(vm, caller))
		vm_fault(caller, "system-reset: other vCPUs did not stop");
	spin_lock(&vm->lock);
	vuart_flush(vm);
	spin_unlock(&vm->lock);
	vm_arch_reset(vm);
	/* Sweeps the parked vCPUs left unfinished are not the next life's. */
	for (uint32_t n = 0; n < vm_nr_vcpus(vm->cfg) && n < CONFIG_MAX_VCPUS_PER_VM; n++)
		vm->vcpus[n].job.kind = VCPU_JOB_NONE;

	/* RESETTING -> RUNNING, unless a vCPU that trapped just before the
	 * reset stopped the VM meanwhile. Only the caller is on, and from now
	 * on it can do nothing but the restore: it gives its guest context up
	 * (vcpu_arch_job_context: every entry traps at once, at the VM's first
	 * emulated device window, which stage 2 never maps), so no other vCPU
	 * can be powered on (CPU_ON needs a vCPU of the VM to ask). The VM
	 * counts as running, so that the caller can be preempted and resumed
	 * like any vCPU while its job lasts. */
	spin_lock(&vm_state_lock);
	go = vm->state == VM_RESETTING;
	if (go)
		vm->state = VM_RUNNING;
	spin_unlock(&vm_state_lock);
	if (!go)
		vcpu_park();
	caller->job = (struct vcpu_job){.kind = VCPU_JOB_RESTORE};
	vcpu_arch_job_context(cpu_arch_frame(caller->pcpu), vm->mmio.r[0].base);
	vm_reset_continue(caller);
}

COLD void vm_reset_continue(struct vcpu *caller)
{
	struct vm *vm = caller->vm;
	struct vcpu *boot = &vm->vcpus[0];
	bool go;
	int32_t ret = PSCI_SUCCESS;

	if (!FEATURE_RESET)
		return; /* no restore job ever starts (vm_reset) */
	ASSERT(caller->job.kind == VCPU_JOB_RESTORE && vm->cfg->image != NULL);
	/* At most size / chunk steps per blob: bounded by the VM's images. */
	while (!job_step(&caller->job, 3u, blob_len, blob_copy, vm)) {
		if (job_preempt())
			return; /* back to the job context, which traps at once */
	}
	caller->job.kind = VCPU_JOB_NONE;
	icache_invalidate_all();

	/* The caller off and vCPU 0 on, unless the VM was stopped meanwhile. */
	spin_lock(&vm_state_lock);
	go = vm->state == VM_RUNNING;
	if (go) {
		caller->state = VCPU_OFF;
		ret = vcpu_request_on_locked(boot, vm->cfg->entry_ipa, 0, true);
		vm->life.restarts++;
	}
	spin_unlock(&vm_state_lock);
	if (!go)
		vcpu_park();
	/* A policy's restart (fault, SYSTEM_OFF) said its line as it began. */
	if (vm->life.why == VM_WHY_RESET)
		pr_info("vm %s: reset (system-reset by vcpu %u)", vm->cfg->name, caller->id);
	else if (vm->life.why != VM_WHY_FAULT && vm->life.why != VM_WHY_OFF)
		pr_info("vm %s: restarted (%s), restart %u", vm->cfg->name,
			why_name[vm->life.why < ARRAY_SIZE(why_name) ? vm->life.why : VM_WHY_OTHER],
			vm->life.restarts);
	vm_life_changed(vm, NULL);
	if (ret == PSCI_SUCCESS)
		ret = vcpu_wake_core(boot);
	if (ret != PSCI_SUCCESS)
		vm_fault(caller, "system-reset: could not power on vCPU 0");
	vcpu_park(); /* the caller's core starts vCPU 0 itself if it is its own */
}

COLD void vm_fault(struct vcpu *v, const char *fmt, ...)
{
	/* Zero past the text: vm_fault_policy copies all of it, and it is
	 * the control page's REASON (no stack bytes for a controller). */
	char reason[VM_REASON_MAX] = {0};
	int n;
	va_list ap;

	n = snprintf(reason, sizeof(reason), "core %u: ", v->pcpu);
	if (n < 0 || (size_t)n >= sizeof(reason))
		n = 0;
	va_start(ap, fmt);
	vsnprintf(reason + n, sizeof(reason) - (size_t)n, fmt, ap);
	va_end(ap);
	vm_fault_policy(v, reason);
}

/*
 * A fault under the VM's restart policy (on-fault): stop, or restart from
 * the pristine copies on the faulting vCPU's own core, unless the
 * restart-limit is reached. Only a running VM restarts: a fault while it is
 * being reset or stopped (e.g. a reset's other vCPUs that did not stop)
 * stops it.
 */
void vm_fault_policy(struct vcpu *v, const char *reason)
{
	struct vm *vm = v->vm;

	__atomic_fetch_add(&vm->life.faults, 1u, __ATOMIC_RELAXED);
	vm->life.why = VM_WHY_FAULT;
	if (!FEATURE_RESTART_ON_FAULT || vm_policies[vm->id].on_fault != VM_ON_RESTART ||
	    vm->state != VM_RUNNING) {
		vm_stop(vm, reason);
		vcpu_park();
	}
	restart_limit(vm, reason, "; ");
	/* A copy of the whole buffer (word-wise), not its formatting: this
	 * is the restart's path (docs/performance.md "Restart and control"). */
	memcpy(vm->life.reason, reason, sizeof(vm->life.reason));
	vm_restart_from(v, reason);
	/* The restore was preempted: back to the job context, which traps
	 * into it again (vm_reset_continue). */
	hyp_exit(pcpu_this());
	vcpu_arch_run(cpu_arch_frame(v->pcpu));
}
