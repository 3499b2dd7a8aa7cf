/* SPDX-License-Identifier: MIT */
/* A virtual machine (partition): static configuration plus run-time state. */
#ifndef SHIKIRI_VM_H
#define SHIKIRI_VM_H

#include "chan.h"
#include "feature.h"
#include "mmio.h"
#include "spinlock.h"
#include "types.h"
#include "vcpu.h"
#include "vmconfig.h"
#include "vuart.h"
#include "arch/vm.h"

/*
 * VM life cycle; every transition happens under vm_state_lock:
 *   STOPPED -> RUNNING      boot (vm_start_all)
 *   RUNNING -> RESETTING    the first SYSTEM_RESET (a second one, or one of
 *                           a VM no longer running, parks its caller)
 *   RESETTING -> RUNNING    the reset completes (its other vCPUs are OFF)
 *   RUNNING|RESETTING -> STOPPED   SYSTEM_OFF, last CPU_OFF, a fault, a
 *                           controller's stop or restart; once
 *   STOPPED -> RUNNING      a controller's restart, once all its vCPUs are
 *                           OFF (control.c: vCPU 0 then restores it)
 * (A restart policy's restart is RUNNING -> RESETTING -> RUNNING, as
 * SYSTEM_RESET.) Without a controller's restart a STOPPED VM never runs
 * again, and a vCPU of a VM that is not RUNNING never runs a trap handler:
 * it parks at its next hypervisor entry.
 */
enum vm_state {
	VM_STOPPED = 0,
	VM_RUNNING,
	VM_RESETTING, /* its vCPUs are being stopped for a restart */
};

/* Why a VM last stopped or restarted (the control page's REASON code). */
enum vm_why {
	VM_WHY_NONE = 0,
	VM_WHY_FAULT,	 /* a guest fault (vm_fault) */
	VM_WHY_OFF,	 /* PSCI SYSTEM_OFF */
	VM_WHY_RESET,	 /* PSCI SYSTEM_RESET */
	VM_WHY_CPU_OFF,	 /* its last vCPU off (PSCI CPU_OFF) */
	VM_WHY_LIMIT,	 /* a restart refused by its restart-limit */
	VM_WHY_COMMAND,	 /* a controller's command */
	VM_WHY_OTHER,	 /* boot failures and the rest */
};

#define VM_REASON_MAX 128u /* the control page's REASON: 0x80..0xff of a slot */

/* Its life under the restart policy, and what a controller observes
 * (vm_life.c, control.c). Written under vm_state_lock, read without it. */
struct vm_life {
	uint32_t restarts;	 /* restarts done (policy, SYSTEM_RESET, command) */
	uint32_t faults;	 /* guest faults (restarted or not) */
	uint32_t why;		 /* enum vm_why of the last stop or restart */
	uint32_t in_window;	 /* restarts in the current restart-limit window */
	uint64_t window_start;	 /* counter value at the window's first restart */
	volatile uint32_t seq;	 /* +1 at every state change (control page) */
	volatile uint32_t restart_pending; /* a controller's restart waits for its vCPUs to park */
	uint32_t refused;	 /* refused control accesses of this VM (control.c) */
	char reason[VM_REASON_MAX]; /* the last stop's or restart's console text */
};

struct vm {
	spinlock_t lock; /* vUART; first, as ldrex takes no offset (vuart_tx) */
	const struct vm_config *cfg;
	uint32_t id;
	volatile uint32_t state;
	/* Before the vCPUs: short offsets for the trap path. */
	struct mmio_table mmio;
	struct vuart vuart;
	struct vm_arch arch; /* the emulated interrupt controller (arch's) */
	struct vcpu vcpus[CONFIG_MAX_VCPUS_PER_VM];
	uint32_t ram_flushes; /* set/way sweeps emulated (cp15.c) */
	struct vm_chan chan;  /* channel doorbells (chan.c) */
	struct vm_life life;  /* restarts, faults, last reason (vm_life.c) */
#if FEATURE_LOAD
	/* The pristine image a restart restores (load.c): NULL until a
	 * controller loads one, then a slot of the hypervisor's (switched
	 * under vm_state_lock, never while a restore of it is under way). */
	const uint8_t *image;
	uint32_t image_size;
	uint32_t image_slot; /* 0: cfg->image, 1 + n: ctl_load_target.slot_pa[n] */
#endif
};

extern struct vm vms[CONFIG_MAX_VMS];
/* Guards every VM's state, every vCPU's power state and the count of live
 * VMs (the machine powers off when it reaches zero). A leaf lock. */
extern spinlock_t vm_state_lock;

/* Arch hooks (arch/armv7/vgicd.c). Once per VM before it first runs:
 * the emulated interrupt controller's state and its MMIO windows
 * (mmio_add, before any other device's: the trap path tries the first
 * window on a page of its own before the table). Its interrupts back to
 * their boot state (VM start, reset and stop). The stop report's and the
 * status command's lines about accesses it refused. */
void vm_arch_mmio_setup(struct vm *vm);
void vm_arch_reset(struct vm *vm);
void vm_arch_report(const struct vm *vm);
void vm_arch_status(const struct vm *vm);
uint32_t vm_arch_refused(const struct vm *vm);

/* Bind every configured VM to its vCPUs and cores (boot core, once). */
void vm_init_all(void);
/* Load every VM's image from its pristine copy and power on its vCPU 0. */
void vm_start_all(void);
/* Stop the VM: one console line with the reason; powers the machine off when
 * it was the last VM running. Its cores park at their next hypervisor entry.
 * Stopping a stopped VM does nothing. */
void vm_stop(struct vm *vm, const char *reason);
/* vm_stop in two halves, for callers that decide under vm_state_lock: the
 * transition (false if the VM was stopped already), then, without the lock,
 * the report and the power-off if it was the last live VM. */
bool vm_stop_locked(struct vm *vm);
void vm_stopped(struct vm *vm, const char *reason);
/* PSCI SYSTEM_RESET: restart the caller's VM alone from its pristine image.
 * Returns only when the restore (a chunked job of the caller) was
 * preempted: the caller's context then traps back into it (vm_reset_continue). */
void vm_reset(struct vcpu *caller);
/* One line per vCPU on a shared core: switches, preemptions, overruns,
 * deadline misses (the stop report and the console's status command;
 * run_loop.c, nothing without shared cores). */
#if FEATURE_SHARED_CORES
void vm_print_sched_stats(const struct vm *vm);
#else
static inline void vm_print_sched_stats(const struct vm *vm)
{
	UNUSED(vm);
}
#endif
/* A guest error of the calling core's vCPU v: the VM stops (and this core
 * parks), or, with on-fault = "restart", restarts from its pristine copies
 * on this core. Never returns. */
NORETURN void vm_fault(struct vcpu *v, const char *fmt, ...) PRINTF_FMT(2, 3);
/* reason: VM_REASON_MAX bytes, zero past its text (vm_fault's). */
NORETURN void vm_fault_policy(struct vcpu *v, const char *reason);
/* PSCI SYSTEM_OFF from v under the policy (on-system-off): stop, or a
 * restart as SYSTEM_RESET's; returns only when that restore was preempted. */
void vm_system_off(struct vcpu *v);
/* A state change of vm (a stop: reason is its line; a restart: NULL):
 * recorded, and its controllers told (control_notify). */
void vm_life_changed(struct vm *vm, const char *reason);
void control_notify(struct vm *vm);
/* One of vm's vCPUs went OFF (control.c: a pending restart may start). */
void control_vcpu_off(struct vm *vm);
/* Live references (the machine powers off when none is left): one more,
 * with vm_state_lock held (a restart a controller asked for holds one while
 * it waits for the target's vCPUs, so that the machine stays on); one less
 * (without the lock; may power off). */
void vm_live_get_locked(void);
void vm_live_put(void);
/* Clean and invalidate v's VM's memory from the data caches to the point of
 * coherency, by address (a guest's set/way maintenance at pc, emulated), as
 * a chunked job of v (vcpu.h). True: done, the instruction retires; false:
 * preempted, the instruction must run again (it continues the job). */
bool vm_ram_sweep(struct vcpu *v, uint32_t pc);
/* The next chunks of v's SYSTEM_RESET restore (v traps back into it, from
 * the context vcpu_arch_job_context gave it); returns only when preempted. */
void vm_reset_continue(struct vcpu *v);
/* Write n bytes from src at IPA ipa, cleaned to the point of coherency, if
 * all of [ipa, ipa + room) lies in one writable region of the VM (never its
 * ROM) and n <= room; false (nothing written) otherwise. A coloured region
 * is written frame by frame: no guest range is ever one hypervisor pointer. */
bool vm_ram_write(const struct vm *vm, uint32_t ipa, uint32_t room, const void *src, uint32_t n);
/* The VM's first writable region (its main RAM), NULL if it has none. */
const struct vm_mem_config *vm_main_ram(const struct vm_config *cfg);

static inline bool vm_running(const struct vm *vm)
{
	return vm->state == VM_RUNNING;
}

/* An hrt VM. Without FEATURE_INJECT every VM of the system is one (an srt
 * or be VM brings the list registers: features.h), so the test is a
 * constant and the other levels' paths fold away; with it, the same test as
 * ever. */
static inline bool vm_level_hrt(const struct vm_config *cfg)
{
	return !FEATURE_INJECT || cfg->level == VM_LEVEL_HRT;
}

/* The VM's number of vCPUs: a constant 1 where every VM has one
 * (FEATURE_ONE_VCPU), so that the loops over them fold. A macro: elsewhere
 * the very expression it replaces (an inline function made GCC order some
 * compares' operands differently). */
#if FEATURE_ONE_VCPU
#define vm_nr_vcpus(cfg) ((void)(cfg), 1u)
#else
#define vm_nr_vcpus(cfg) ((cfg)->nr_vcpus)
#endif

#endif
