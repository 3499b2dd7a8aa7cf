/* Thin wrappers around the shikiri hypercalls; see hvc.h for the ABI. */
#include "hvc.h"
#include "cpu.h"

/* shikiri's calls: HVC to the hypervisor; SMC to the monitor on an
 * A9-class core (the TrustZone mode), where HVC is undefined. */
static struct smccc_res hc_smccc(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	if (cpu_is_a9_class())
		return smccc_smc(fid, a1, a2, a3);
	return smccc_hvc(fid, a1, a2, a3);
}
#define smccc_hvc hc_smccc

struct smccc_res hc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	return smccc_hvc(fid, a1, a2, a3);
}

uint32_t hc_version(void)
{
	return smccc_hvc(SHIKIRI_HC_VERSION, 0, 0, 0).a0;
}

int32_t hc_vm_info(struct hc_vm_info *out)
{
	struct smccc_res r = smccc_hvc(SHIKIRI_HC_VM_INFO, 0, 0, 0);

	out->vm_id = r.a1;
	out->vcpu = r.a2;
	out->pcore = r.a3;
	return (int32_t)r.a0;
}

int32_t hc_vm_name(char *buf, uint32_t len)
{
	/* With the MMU off a pointer is the buffer's IPA. */
	return (int32_t)smccc_hvc(SHIKIRI_HC_VM_NAME, (uint32_t)(uintptr_t)buf,
				  len, 0).a0;
}

int32_t hc_mem_info(uint32_t *base, uint32_t *size)
{
	struct smccc_res r = smccc_hvc(SHIKIRI_HC_MEM_INFO, 0, 0, 0);

	*base = r.a1;
	*size = r.a2;
	return (int32_t)r.a0;
}

uint32_t hc_trap_count(uint32_t cause)
{
	return smccc_hvc(SHIKIRI_HC_TRAP_COUNT, cause, 0, 0).a0;
}
