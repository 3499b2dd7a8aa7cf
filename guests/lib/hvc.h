/* shikiri hypercalls (hvc #0, SMCCC vendor-specific hypervisor range). */
#ifndef GUEST_HVC_H
#define GUEST_HVC_H

#include <stdint.h>
#include "smccc.h"

#define SHIKIRI_HC_VERSION	0x86000000u
#define SHIKIRI_HC_VM_INFO	0x86000001u
#define SHIKIRI_HC_VM_NAME	0x86000002u
#define SHIKIRI_HC_MEM_INFO	0x86000003u
#define SHIKIRI_HC_TRAP_COUNT	0x86000004u
#define SHIKIRI_HC_CHAN_RING	0x86000005u
#define SHIKIRI_HC_CTL_READ	0x86000006u
#define SHIKIRI_HC_CTL_CMD	0x86000007u
/* The last call shikiri answers (src/include/hypercall.h): what a test of
 * unknown IDs skips. */
#define SHIKIRI_HC_LAST		SHIKIRI_HC_CTL_CMD

#define SHIKIRI_HC_E_INVAL	(-2)

struct hc_vm_info {
	uint32_t vm_id;
	uint32_t vcpu;	/* this vCPU's index within the VM */
	uint32_t pcore;	/* physical core it runs on */
};

/* Raw call, for probing ids and arguments the wrappers would not pass. */
struct smccc_res hc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);

uint32_t hc_version(void);
int32_t hc_vm_info(struct hc_vm_info *out);
/* Returns the name length or a negative error; buf gets a NUL-terminated name. */
int32_t hc_vm_name(char *buf, uint32_t len);
int32_t hc_mem_info(uint32_t *base, uint32_t *size);
uint32_t hc_trap_count(uint32_t cause);

/*
 * Ring the channel whose doorbell page (this VM's IPA: reg[0] of its DT
 * node) is doorbell, as a write to its RING register does (docs/channels.md).
 * 0, or SHIKIRI_HC_E_INVAL if that is not one of this VM's doorbell pages.
 * No barrier needed before it: the hypervisor's dsb on this core, before it
 * raises the peer's interrupt, completes this vCPU's earlier writes too.
 * Inline: it is the doorbell's fast path.
 */
static inline int32_t hc_chan_ring(uint32_t doorbell)
{
	return (int32_t)smccc_hvc(SHIKIRI_HC_CHAN_RING, doorbell, 0, 0).a0;
}

#endif
