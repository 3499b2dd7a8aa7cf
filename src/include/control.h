/* SPDX-License-Identifier: MIT */
/*
 * The control page and control hypercalls (docs/control.md): a VM granted
 * rights in /partitions/control observes, stops and restarts the VMs it
 * names. Register offsets and codes are the guest ABI.
 */
#ifndef SHIKIRI_CONTROL_H
#define SHIKIRI_CONTROL_H

#include "types.h"

#define CTL_MAGIC 0x5348434cu /* "SHCL" */
#define CTL_VERSION 1u

/* Page-wide registers. */
#define CTL_REG_ID 0x000     /* RO CTL_MAGIC */
#define CTL_REG_INFO 0x004   /* RO [7:0] targets, [15:8] version */
#define CTL_REG_STATUS 0x008 /* RO the calling vCPU's last command result */
#define CTL_REG_SEQ 0x00c    /* RO sum of the targets' state changes */
/* Image load (docs/control.md "Image load"), page-wide: what the next load
 * command takes, and the outcome of the last one. */
#define CTL_REG_LOAD_LEN 0x010	   /* RW bytes staged */
#define CTL_REG_LOAD_FLAGS 0x014   /* RW CTL_LOAD_* */
#define CTL_REG_LOAD_MAX 0x018	   /* RO the largest image (staging size); 0: no load right */
#define CTL_REG_LOAD_STAGING 0x01c /* RO the staging region's IPA */
#define CTL_REG_LOAD_SHA256 0x020  /* RW 8 words: digest byte 4i + j in bits 8j..8j+7 of word i */
#define CTL_REG_LOAD_DONE 0x040	   /* RO loads accepted */
#define CTL_REG_LOAD_REFUSED 0x044 /* RO loads refused */
#define CTL_REG_LOAD_TEXT 0x080	   /* RO the last load's outcome, 128 bytes, NUL-terminated */
#define CTL_LOAD_SHA256 0x1u	   /* LOAD_FLAGS: check the copy against LOAD_SHA256 */
#define CTL_SLOT_BASE 0x100u /* target slot s at CTL_SLOT_BASE + s * CTL_SLOT_SIZE */
#define CTL_SLOT_SIZE 0x100u

/* Per-target slot registers. */
#define CTL_VM 0x00	   /* RO VM index */
#define CTL_RIGHTS 0x04	   /* RO CTL_RIGHT_* */
#define CTL_STATE 0x08	   /* RO enum ctl_state */
#define CTL_WHY 0x0c	   /* RO enum vm_why of the last stop or restart */
#define CTL_SEQ 0x10	   /* RO its state changes */
#define CTL_RESTARTS 0x14  /* RO */
#define CTL_FAULTS 0x18	   /* RO */
#define CTL_REFUSED 0x1c   /* RO refused accesses (doorbells, interrupt controller) */
#define CTL_DOORBELLS 0x20 /* RO doorbell rings it sent */
#define CTL_MISSES 0x24	   /* RO deadline misses (its vCPUs on shared cores) */
#define CTL_OVERRUNS 0x28  /* RO budget overruns (the same) */
#define CTL_CMD 0x30	   /* WO enum ctl_cmd; result in CTL_REG_STATUS */
#define CTL_ENTRIES 0x40   /* RO hypervisor entries of the core of vCPU n at 0x40 + 4n (n < 8) */
#define CTL_NAME 0x60	   /* RO its name, 16 bytes */
#define CTL_REASON 0x80	   /* RO the last stop's or restart's text, 128 bytes, NUL-terminated */

enum ctl_state {
	CTL_STATE_STOPPED = 0,
	CTL_STATE_RUNNING = 1,
	CTL_STATE_RESTARTING = 2, /* being reset, restored, or stopped with a restart pending */
};

enum ctl_cmd {
	CTL_CMD_NONE = 0,
	CTL_CMD_STOP = 1,
	CTL_CMD_RESTART = 2,
	CTL_CMD_LOAD = 3, /* the staged image (LOAD_LEN bytes): check a copy, restart into it */
};

/* Command results (CTL_REG_STATUS, and r0 of SHIKIRI_HC_CTL_CMD). */
#define CTL_OK 0u
#define CTL_ERR_RIGHT 1u	/* no such target, or no right for that command */
#define CTL_ERR_BUSY 2u		/* a restart of it is in progress */
#define CTL_ERR_INVALID 3u	/* unknown command */
#define CTL_ERR_STATE 4u	/* stop of a stopped VM */
#define CTL_ERR_UNSUPPORTED 5u	/* load: no load right in this system */
#define CTL_ERR_TOO_LARGE 6u	/* load: LOAD_LEN or the image's extent past the staging size */
#define CTL_ERR_TRUNCATED 7u	/* load: empty, or an ELF whose headers or data end past LOAD_LEN */
#define CTL_ERR_HASH 8u		/* load: the copy's SHA-256 is not LOAD_SHA256 */
#define CTL_ERR_FORMAT 9u	/* load: an ELF the target cannot run (class, machine, entry, segments) */
/* Internal: a load preempted on a shared core; the instruction runs again. */
#define CTL_AGAIN 0xffffffffu

struct vm;
struct vcpu;
struct trap_frame;

/* The VM's control page window, if it is a controller (mmio_setup). */
void control_mmio_setup(struct vm *vm);
/* A read of its control page by v (the device's handler), and a word read
 * (the trap path's in line, mmio_trap.h). False: refused (not a word). */
bool control_page_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val);
bool control_word_read(struct vcpu *v, uint32_t off, uint32_t *val);
/* One of vm's vCPUs went OFF (its core parks it): a restart a controller
 * asked for starts once all are off. */
void control_vcpu_off(struct vm *vm);
/* Hypercall handlers (hypercall.c's table). */
void hc_ctl_read(struct vcpu *v, struct trap_frame *f);
void hc_ctl_cmd(struct vcpu *v, struct trap_frame *f);

/* Image load (load.c, FEATURE_LOAD; control.c's command()): copy the
 * staged image of controller vm into target's free slot and check the copy
 * (CTL_OK: ready, CTL_AGAIN: preempted, else refused); with vm_state_lock
 * held, make the checked copy target's pristine image; the outcome in the
 * page's load registers. The page's load registers (off < CTL_SLOT_BASE). */
uint32_t load_prepare(struct vm *vm, struct vm *target);
void load_switch_locked(struct vm *vm, struct vm *target);
void load_outcome(struct vm *vm, struct vm *target, uint32_t ret);
bool load_page_read(struct vm *vm, uint32_t off, uint32_t *val);
bool load_page_write(struct vm *vm, uint32_t off, uint32_t val);
/* A load preempted: the trapping instruction (page store or hvc) runs again. */
void load_again(struct trap_frame *f);

#endif
