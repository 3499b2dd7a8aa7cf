// SPDX-License-Identifier: MIT
/*
 * Image load (docs/control.md "Image load"): a controller with the load
 * right over a VM puts an image in its staging region (mapped into it only)
 * and asks for it with the load command. The hypervisor copies the staged
 * bytes into the target's free pristine slot (RAM no VM maps) and checks
 * the COPY, never the staging region (which the controller may go on
 * writing from another vCPU): its length, its SHA-256 if the controller
 * gave one, its format (an ELF is flattened in place to the raw image a
 * restore copies, its segments inside the target's room and its entry the
 * target's). Only then, under vm_state_lock and in the same critical
 * section as the restart that follows (control.c), does the copy become
 * the target's pristine image. A target has two slots: a load writes the
 * one its restores do not read, so a fault and restart of the target
 * during the copy restores the image it had, complete. A refusal leaves
 * the target as it was, running its image, with the reason in the
 * caller's STATUS and LOAD_TEXT.
 *
 * The copy is a chunked job of the controller's calling vCPU
 * (VCPU_JOB_LOAD): on a shared core it stops after any chunk once an
 * interrupt is pending, and the trapping instruction (the CMD store or the
 * hvc) runs again to go on. Linked only when a system grants load
 * (FEATURE_LOAD).
 */
#include "console.h"
#include "control.h"
#include "lib.h"
#include "pcpu.h"
#include "sha256.h"
#include "vm.h"
#include "arch/cpu.h"
#include "arch/hyp.h"
#include "arch/sysregs.h"
#include "arch/trap_frame.h"

#define LOAD_TEXT_MAX 128u
/* Refusals said on the console, per controller; the rest are counted
 * (LOAD_REFUSED): a controller must not flood the console. */
#define LOAD_SAID_MAX 16u
#define ELF_MAX_SEGS  8u

/* Per controller VM (index = its VM index). */
struct ctl_load {
	const struct ctl_load_config *cfg; /* NULL: not a loader (looked up once) */
	bool looked_up;
	/* the registers the next load takes */
	uint32_t len, flags;
	uint32_t want[SHA256_LEN / 4];
	uint32_t done, refused;
	char text[LOAD_TEXT_MAX];
	/* the load in progress: its vCPU (whose job.kind is VCPU_JOB_LOAD
	 * while it lasts), target slot, parameters taken at its start */
	struct vcpu *owner;
	uint32_t t, slot, jlen, jflags;
	uint32_t jwant[SHA256_LEN / 4];
	uint32_t off;
	uint32_t entries; /* hypervisor entries it took (> 1: preempted) */
	struct sha256 sha;
};
static struct ctl_load loads[CONFIG_MAX_VMS];

static struct ctl_load *load_of(const struct vm *vm)
{
	struct ctl_load *l;

	if (vm->id >= CONFIG_MAX_VMS)
		return NULL;
	l = &loads[vm->id];
	if (!l->looked_up) {
		for (uint32_t i = 0; i < ctl_load_config_count; i++)
			if (ctl_load_configs[i].vm == vm->id)
				l->cfg = &ctl_load_configs[i];
		l->looked_up = true;
	}
	return l->cfg ? l : NULL;
}

/* control.c's RESTARTING (with vm_state_lock held): being reset or
 * restored, or stopped with a controller's restart pending. */
static bool restarting(const struct vm *t)
{
	if (t->state == VM_RESETTING || t->life.restart_pending)
		return true;
	for (uint32_t n = 0; n < t->cfg->nr_vcpus && n < CONFIG_MAX_VCPUS_PER_VM; n++)
		if (t->vcpus[n].job.kind == VCPU_JOB_RESTORE)
			return true;
	return false;
}

static int target_of(const struct ctl_load_config *c, uint32_t vm)
{
	for (uint32_t k = 0; k < c->nr_targets && k < CTL_MAX_TARGETS; k++)
		if (c->t[k].vm == vm)
			return (int)k;
	return -1;
}

static uint8_t *slot_ptr(const struct ctl_load *l, uint32_t t, uint32_t slot)
{
	return (uint8_t *)(uintptr_t)l->cfg->t[t].slot_pa[slot & 1u];
}

static bool preempt(void)
{
	return pcpu_this()->shared && cpu_arch_irq_pending();
}

void load_again(struct trap_frame *f)
{
	/* the CMD store (already skipped) or the hvc (ELR after it) */
	f->elr -= (read_hsr() & HSR_IL) ? 4u : 2u;
}

static uint32_t rd32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint32_t rd16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

/*
 * The copy at img (len bytes, room bytes of slot) as the raw image a
 * restore puts at the target's load address: as is, or an ELF's PT_LOAD
 * segments moved down in place to their offsets from the load address
 * (each must not start past its own file offset, in address order: the
 * move then never overwrites bytes still to be read), gaps and .bss
 * zeroed. *size: the raw image's length. Refusal text in why.
 */
static uint32_t flatten(const struct vm *t, uint8_t *img, uint32_t len, uint32_t room,
			uint32_t *size, char *why, uint32_t wlen)
{
	struct {
		uint32_t off, dst, filesz, memsz;
	} seg[ELF_MAX_SEGS];
	uint32_t phoff, phnum, n = 0, end = 0, load = t->cfg->load_ipa;

	*size = len;
	if (len < 4 || img[0] != 0x7f || img[1] != 'E' || img[2] != 'L' || img[3] != 'F')
		return CTL_OK; /* raw: at the load address, as is */
	if (len < 52u) {
		snprintf(why, wlen, "truncated: ELF header needs 52 bytes, %u staged", len);
		return CTL_ERR_TRUNCATED;
	}
	if (img[4] != 1 || img[5] != 1 || rd16(img + 16) != 2 || rd16(img + 18) != 40 ||
	    rd16(img + 42) != 32u) {
		snprintf(why, wlen, "bad ELF: not a 32-bit little-endian ARM executable");
		return CTL_ERR_FORMAT;
	}
	if (rd32(img + 24) != t->cfg->entry_ipa) {
		snprintf(why, wlen, "bad ELF: entry 0x%08x is not %s's entry 0x%08x",
			 rd32(img + 24), t->cfg->name, t->cfg->entry_ipa);
		return CTL_ERR_FORMAT;
	}
	phoff = rd32(img + 28);
	phnum = rd16(img + 44);
	if (phnum == 0 || phnum > 64u) {
		snprintf(why, wlen, "bad ELF: %u program headers", phnum);
		return CTL_ERR_FORMAT;
	}
	if (phoff > len || phnum * 32u > len - phoff) {
		snprintf(why, wlen, "truncated: program headers end past %u bytes", len);
		return CTL_ERR_TRUNCATED;
	}
	for (uint32_t i = 0; i < phnum; i++) {
		const uint8_t *ph = img + phoff + 32u * i;
		uint32_t off = rd32(ph + 4), pa = rd32(ph + 12), fs = rd32(ph + 16),
			 ms = rd32(ph + 20);

		if (rd32(ph) != 1u || ms == 0) /* PT_LOAD with memory only */
			continue;
		if (n == ELF_MAX_SEGS) {
			snprintf(why, wlen, "bad ELF: more than %u loadable segments",
				 ELF_MAX_SEGS);
			return CTL_ERR_FORMAT;
		}
		if (fs > ms || pa < load || pa - load < end) {
			snprintf(why, wlen,
				 "bad ELF: segment at 0x%08x below the load address 0x%08x, "
				 "overlapping or out of order",
				 pa, load);
			return CTL_ERR_FORMAT;
		}
		if (pa - load > room || ms > room - (pa - load)) {
			snprintf(why, wlen,
				 "too large: segment 0x%08x..+0x%x past the room of 0x%x bytes", pa,
				 ms, room);
			return CTL_ERR_TOO_LARGE;
		}
		if (off > len || fs > len - off) {
			snprintf(why, wlen, "truncated: segment data ends past %u bytes", len);
			return CTL_ERR_TRUNCATED;
		}
		if (pa - load > off) {
			snprintf(why, wlen,
				 "bad ELF: segment at 0x%08x lies past its file offset 0x%x", pa,
				 off);
			return CTL_ERR_FORMAT;
		}
		seg[n].off = off;
		seg[n].dst = pa - load;
		seg[n].filesz = fs;
		seg[n].memsz = ms;
		end = seg[n].dst + ms;
		n++;
	}
	if (n == 0) {
		snprintf(why, wlen, "bad ELF: no loadable segment");
		return CTL_ERR_FORMAT;
	}
	/* In address order, each moved down (dst <= off): it never reaches
	 * bytes of a later segment (dst + memsz <= next dst <= next off). */
	end = 0;
	for (uint32_t i = 0; i < n; i++) {
		memset(img + end, 0, seg[i].dst - end);
		/* forward: the destination is never above the source */
		for (uint32_t b = 0; b < seg[i].filesz; b++)
			img[seg[i].dst + b] = img[seg[i].off + b];
		memset(img + seg[i].dst + seg[i].filesz, 0, seg[i].memsz - seg[i].filesz);
		end = seg[i].dst + seg[i].memsz;
	}
	*size = end;
	return CTL_OK;
}

static uint32_t refuse(struct ctl_load *l, struct vcpu *v, uint32_t ret, const char *fmt,
		       const char *name)
{
	if (v && v->job.kind == VCPU_JOB_LOAD)
		v->job.kind = VCPU_JOB_NONE;
	snprintf(l->text, sizeof(l->text), fmt, name);
	l->refused++;
	return ret;
}

static uint32_t prepare(struct vm *vm, struct vm *target)
{
	struct ctl_load *l = load_of(vm);
	struct vcpu *v = vcpu_current();
	uint8_t *img;
	uint8_t digest[SHA256_LEN];
	char why[96];
	uint32_t ret, size;
	int t;

	if (!l || !v || v->vm != vm)
		return CTL_ERR_UNSUPPORTED;
	t = target_of(l->cfg, target->id);
	if (t < 0)
		return CTL_ERR_RIGHT; /* the generator gave it no slots */
	spin_lock(&vm_state_lock);
	if (l->owner && l->owner != v && l->owner->job.kind == VCPU_JOB_LOAD) {
		spin_unlock(&vm_state_lock);
		return refuse(l, NULL, CTL_ERR_BUSY, "busy: another vCPU of %s is loading",
			      vm->cfg->name);
	}
	if (l->owner != v || v->job.kind != VCPU_JOB_LOAD || l->t != (uint32_t)t) {
		/* the target restarting: BUSY now rather than after a copy
		 * (the switch checks again) */
		if (restarting(target)) {
			spin_unlock(&vm_state_lock);
			return refuse(l, NULL, CTL_ERR_BUSY,
				      "busy: %s is restarting; its image unchanged",
				      target->cfg->name);
		}
		/* a new load: its parameters now, and the slot the target's
		 * restores do not read */
		l->owner = v;
		l->t = (uint32_t)t;
		l->slot = target->image_slot == 1u ? 1u : 0u;
		l->jlen = l->len;
		l->jflags = l->flags;
		memcpy(l->jwant, l->want, sizeof(l->jwant));
		l->off = 0;
		l->entries = 0;
		sha256_init(&l->sha);
		v->job = (struct vcpu_job){.kind = VCPU_JOB_LOAD};
	}
	l->entries++;
	spin_unlock(&vm_state_lock);
	if (l->jlen == 0)
		return refuse(l, v, CTL_ERR_TRUNCATED, "truncated: LOAD_LEN is 0 (%s)",
			      target->cfg->name);
	if (l->jlen > l->cfg->size) {
		v->job.kind = VCPU_JOB_NONE;
		snprintf(l->text, sizeof(l->text), "too large: %u bytes, at most %u", l->jlen,
			 l->cfg->size);
		l->refused++;
		return CTL_ERR_TOO_LARGE;
	}
	img = slot_ptr(l, (uint32_t)t, l->slot);
	/* At most size / chunk steps: bounded by the staging size. */
	while (l->off < l->jlen) {
		const uint8_t *src = (const uint8_t *)(uintptr_t)(l->cfg->staging_pa + l->off);
		uint32_t n = l->jlen - l->off < VCPU_JOB_CHUNK ? l->jlen - l->off : VCPU_JOB_CHUNK;

		/* the controller's stores may bypass the caches (Linux maps
		 * /dev/mem uncached): what memory holds, not a stale line */
		cache_clean_invalidate_range(src, n);
		memcpy(img + l->off, src, n);
		/* the hash of the copy, which no guest can reach */
		sha256_update(&l->sha, img + l->off, n);
		l->off += n;
		if (l->off < l->jlen && preempt())
			return CTL_AGAIN;
	}
	/* The job stays this vCPU's until its outcome (load_outcome, or a
	 * refusal below): another vCPU of the controller is BUSY meanwhile
	 * and cannot write this slot under the checks and the switch. */
	sha256_final(&l->sha, digest);
	if (l->jflags & CTL_LOAD_SHA256) {
		for (uint32_t i = 0; i < SHA256_LEN; i++)
			if (digest[i] != (uint8_t)(l->jwant[i / 4] >> (8u * (i % 4)))) {
				snprintf(l->text, sizeof(l->text),
					 "wrong hash: the %u bytes copied hash to "
					 "%02x%02x%02x%02x..., not %02x%02x%02x%02x...",
					 l->jlen, digest[0], digest[1], digest[2], digest[3],
					 l->jwant[0] & 0xffu, (l->jwant[0] >> 8) & 0xffu,
					 (l->jwant[0] >> 16) & 0xffu, l->jwant[0] >> 24);
				l->refused++;
				return CTL_ERR_HASH;
			}
	}
	ret = flatten(target, img, l->jlen, l->cfg->size, &size, why, sizeof(why));
	if (ret != CTL_OK) {
		snprintf(l->text, sizeof(l->text), "%s", why);
		l->refused++;
		return ret;
	}
	l->jlen = size; /* the raw image's length, for the switch */
	cache_clean_range(img, size);
	return CTL_OK;
}

static void say_refused(const struct vm *vm, const struct vm *target)
{
	const struct ctl_load *l = &loads[vm->id];

	if (l->refused <= LOAD_SAID_MAX)
		pr_info("vm %s: load of %s refused: %s%s", vm->cfg->name, target->cfg->name,
			l->text,
			l->refused == LOAD_SAID_MAX ? "; further refusals are counted" : "");
}

uint32_t load_prepare(struct vm *vm, struct vm *target)
{
	uint32_t ret = prepare(vm, target);
	struct vcpu *v = vcpu_current();

	if (ret != CTL_OK && ret != CTL_AGAIN && v && v->vm == vm && v->job.kind == VCPU_JOB_LOAD &&
	    loads[vm->id].owner == v)
		v->job.kind = VCPU_JOB_NONE;
	if (ret != CTL_OK && ret != CTL_AGAIN && ret != CTL_ERR_RIGHT && ret != CTL_ERR_UNSUPPORTED)
		say_refused(vm, target);
	return ret;
}

void load_switch_locked(struct vm *vm, struct vm *target)
{
	struct ctl_load *l = load_of(vm);

	if (!l)
		return;
	target->image = slot_ptr(l, l->t, l->slot);
	target->image_size = l->jlen;
	target->image_slot = 1u + l->slot;
}

void load_outcome(struct vm *vm, struct vm *target, uint32_t ret)
{
	struct ctl_load *l = load_of(vm);

	if (!l)
		return;
	if (l->owner && l->owner->job.kind == VCPU_JOB_LOAD)
		l->owner->job.kind = VCPU_JOB_NONE; /* the load is over */
	if (ret == CTL_ERR_BUSY) {
		snprintf(l->text, sizeof(l->text), "busy: %s is restarting; its image unchanged",
			 target->cfg->name);
		l->refused++;
		say_refused(vm, target);
		return;
	}
	if (ret != CTL_OK)
		return;
	l->done++;
	snprintf(l->text, sizeof(l->text), "loaded %u bytes into %s (slot %u); restarting", l->jlen,
		 target->cfg->name, l->slot);
	pr_info("vm %s: image of %u bytes loaded by %s (%u hypervisor entries); restarting",
		target->cfg->name, l->jlen, vm->cfg->name, l->entries);
}

/* A byte-string register: word off of s, little-endian. */
static uint32_t text_word(const char *s, uint32_t off)
{
	uint32_t w = 0;

	for (uint32_t i = 0; i < 4u && off + i < LOAD_TEXT_MAX; i++)
		w |= (uint32_t)(uint8_t)s[off + i] << (8u * i);
	return w;
}

bool load_page_read(struct vm *vm, uint32_t off, uint32_t *val)
{
	struct ctl_load *l;

	if (off < CTL_REG_LOAD_LEN || off >= CTL_SLOT_BASE)
		return false;
	l = load_of(vm);
	if (!l) {
		*val = 0;
		return true;
	}
	if (off >= CTL_REG_LOAD_TEXT)
		*val = text_word(l->text, off - CTL_REG_LOAD_TEXT);
	else if (off >= CTL_REG_LOAD_SHA256 && off < CTL_REG_LOAD_SHA256 + SHA256_LEN)
		*val = l->want[(off - CTL_REG_LOAD_SHA256) / 4u];
	else if (off == CTL_REG_LOAD_LEN)
		*val = l->len;
	else if (off == CTL_REG_LOAD_FLAGS)
		*val = l->flags;
	else if (off == CTL_REG_LOAD_MAX)
		*val = l->cfg->size;
	else if (off == CTL_REG_LOAD_STAGING)
		*val = l->cfg->staging_ipa;
	else if (off == CTL_REG_LOAD_DONE)
		*val = l->done;
	else if (off == CTL_REG_LOAD_REFUSED)
		*val = l->refused;
	else
		*val = 0;
	return true;
}

bool load_page_write(struct vm *vm, uint32_t off, uint32_t val)
{
	struct ctl_load *l = load_of(vm);

	/* A load in progress took its parameters at its start: these are
	 * the next one's. */
	if (!l)
		return false;
	if (off == CTL_REG_LOAD_LEN)
		l->len = val;
	else if (off == CTL_REG_LOAD_FLAGS)
		l->flags = val & CTL_LOAD_SHA256;
	else if (off >= CTL_REG_LOAD_SHA256 && off < CTL_REG_LOAD_SHA256 + SHA256_LEN)
		l->want[(off - CTL_REG_LOAD_SHA256) / 4u] = val;
	else
		return false;
	return true;
}
