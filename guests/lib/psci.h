/*
 * PSCI client.  shikiri emulates PSCI behind smc #0, which is the default
 * conduit; psci_conduit can be switched to hvc #0 (e.g. QEMU's built-in PSCI
 * when running a guest bare, or a hypervisor that only answers hvc).
 */
#ifndef GUEST_PSCI_H
#define GUEST_PSCI_H

#include <stdint.h>

#define PSCI_VERSION		0x84000000u
#define PSCI_CPU_OFF		0x84000002u
#define PSCI_CPU_ON		0x84000003u
#define PSCI_AFFINITY_INFO	0x84000004u
#define PSCI_SYSTEM_OFF		0x84000008u
#define PSCI_SYSTEM_RESET	0x84000009u

#define PSCI_RET_SUCCESS		0
#define PSCI_RET_NOT_SUPPORTED		(-1)
#define PSCI_RET_INVALID_PARAMS		(-2)
#define PSCI_RET_DENIED			(-3)
#define PSCI_RET_ALREADY_ON		(-4)
#define PSCI_RET_ON_PENDING		(-5)

enum psci_conduit { PSCI_CONDUIT_SMC, PSCI_CONDUIT_HVC };

/* Conduit used by all psci_* calls below; defaults to smc. */
extern volatile enum psci_conduit psci_conduit;

int32_t psci_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t psci_smc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);
int32_t psci_hvc_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3);

uint32_t psci_version(void);
/* Start vCPU `mpidr` running fn(arg) on its own stack (see start.S). */
int32_t psci_cpu_on(uint32_t mpidr, void (*fn)(uint32_t), uint32_t arg);
/* Plain CPU_ON: the target enters `entry` with r0 = context_id. */
int32_t psci_cpu_on_raw(uint32_t mpidr, uint32_t entry, uint32_t context_id);
int32_t psci_cpu_off(void);	/* returns only on failure */
int32_t psci_affinity_info(uint32_t mpidr, uint32_t level);
__attribute__((noreturn)) void psci_system_off(void);
int32_t psci_system_reset(void);	/* returns only on failure */

#endif
