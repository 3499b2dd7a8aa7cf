// SPDX-License-Identifier: MIT
/* shikiri hypercalls (see hypercall.h): one handler per function. */
#include "arch/cpu.h"
#include "arch/trap_frame.h"
#include "chan.h"
#include "control.h"
#include "hypercall.h"
#include "lib.h"
#include "pcpu.h"
#include "vm.h"

#define HC_BASE SHIKIRI_HC_VERSION
#define NAME_BUF_MAX 4096u

static void hc_version(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	f->r[0] = SHIKIRI_HC_VERSION_VALUE;
}

COLD static void hc_vm_info(struct vcpu *v, struct trap_frame *f)
{
	f->r[0] = 0;
	f->r[1] = v->vm->id;
	f->r[2] = v->id;
	f->r[3] = v->pcpu;
}

COLD static void hc_vm_name(struct vcpu *v, struct trap_frame *f)
{
	const char *name = v->vm->cfg->name;
	uint32_t buf = f->r[1], len = f->r[2];
	uint32_t n = (uint32_t)strnlen(name, VM_NAME_MAX - 1u);
	char out[VM_NAME_MAX];

	memcpy(out, name, n);
	out[n] = '\0';
	/* The whole buffer must be the VM's own RAM and hold the name + NUL. */
	if (len == 0 || len > NAME_BUF_MAX || len < n + 1u ||
	    !vm_ram_write(v->vm, buf, len, out, n + 1u)) {
		f->r[0] = SMCCC_INVALID_PARAMETER;
		return;
	}
	f->r[0] = n;
}

/* The main RAM (first writable region): where a guest may scribble. */
COLD static void hc_mem_info(struct vcpu *v, struct trap_frame *f)
{
	const struct vm_mem_config *ram = vm_main_ram(v->vm->cfg);

	f->r[0] = ram ? 0 : SMCCC_NOT_SUPPORTED;
	f->r[1] = ram ? ram->ipa : 0;
	f->r[2] = ram ? ram->size : 0;
}

static void hc_trap_count(struct vcpu *v, struct trap_frame *f)
{
	f->r[0] = pcpu_trap_count(&pcpus[v->pcpu], f->r[1]);
}

/* The control hypercalls without control.c (no VM holds a control right):
 * refused as for a VM without the right (control.h codes). */
__attribute__((weak)) void hc_ctl_read(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	f->r[0] = SMCCC_INVALID_PARAMETER;
}

__attribute__((weak)) void hc_ctl_cmd(struct vcpu *v, struct trap_frame *f)
{
	UNUSED(v);
	f->r[0] = CTL_ERR_RIGHT;
}

/* Every entry is set: hypercall_dispatch calls without a NULL test. */
const hc_handler_t hc_handlers[HC_NR] = {
	[SHIKIRI_HC_VERSION - HC_BASE] = hc_version,
	[SHIKIRI_HC_VM_INFO - HC_BASE] = hc_vm_info,
	[SHIKIRI_HC_VM_NAME - HC_BASE] = hc_vm_name,
	[SHIKIRI_HC_MEM_INFO - HC_BASE] = hc_mem_info,
	[SHIKIRI_HC_TRAP_COUNT - HC_BASE] = hc_trap_count,
	[SHIKIRI_HC_CHAN_RING - HC_BASE] = hc_chan_ring,
	[SHIKIRI_HC_CTL_READ - HC_BASE] = hc_ctl_read,
	[SHIKIRI_HC_CTL_CMD - HC_BASE] = hc_ctl_cmd,
};
_Static_assert(SHIKIRI_HC_CTL_CMD - HC_BASE == HC_NR - 1, "hc_handlers is full");
