// SPDX-License-Identifier: MIT
/*
 * Calls into the firmware's PSCI with smc from Hyp: QEMU's built-in PSCI
 * (virt, orangepi-pc with a raw image) or a boot loader's secure monitor
 * (U-Boot on the H3 or the LS1021A). Such a monitor may implement only
 * part of PSCI (U-Boot's H3 build answers CPU_ON but returns NOT_SUPPORTED
 * for PSCI_VERSION), so the hypervisor asks what it can, uses what is
 * there, and says on the console what is missing when it needs it.
 */
#include "console.h"
#include "psci.h"

int32_t psci_fw_call(uint32_t fid, uint32_t a1, uint32_t a2, uint32_t a3)
{
	register uint32_t r0 __asm__("r0") = fid;
	register uint32_t r1 __asm__("r1") = a1;
	register uint32_t r2 __asm__("r2") = a2;
	register uint32_t r3 __asm__("r3") = a3;

	__asm__ volatile(".arch_extension sec\n\tsmc #0"
			 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)
			 :
			 : "memory");
	return (int32_t)r0;
}

static const struct {
	uint32_t fid;
	const char *name;
	const char *without; /* what the hypervisor cannot do without it */
} fw_needed[] = {
	{ PSCI_CPU_ON, "CPU_ON", "cores other than the boot core cannot start" },
	{ PSCI_SYSTEM_OFF, "SYSTEM_OFF", "the board stays on when the last VM stops" },
};

COLD void psci_fw_report(uint32_t fid, int32_t ret)
{
	for (uint32_t i = 0; i < sizeof(fw_needed) / sizeof(fw_needed[0]); i++)
		if (fw_needed[i].fid == fid)
			pr_err("firmware PSCI %s failed (%d%s): %s", fw_needed[i].name, ret,
			       ret == PSCI_NOT_SUPPORTED ? ", not supported" : "", fw_needed[i].without);
}

COLD void psci_fw_init(void)
{
	int32_t v = psci_fw_call(PSCI_VERSION, 0, 0, 0);

	if (v == PSCI_NOT_SUPPORTED) {
		pr_info("firmware PSCI: no PSCI_VERSION (a PSCI 0.1 monitor); using CPU_ON and "
			"SYSTEM_OFF at their PSCI 0.2 IDs");
		return;
	}
	if (v < 0) {
		pr_warn("firmware PSCI: PSCI_VERSION returned %d", v);
		return;
	}
	pr_info("firmware PSCI %u.%u", (uint32_t)v >> 16, (uint32_t)v & 0xffffu);
	if ((uint32_t)v < 0x00010000u)
		return; /* PSCI_FEATURES arrived with 1.0 */
	for (uint32_t i = 0; i < sizeof(fw_needed) / sizeof(fw_needed[0]); i++) {
		int32_t f = psci_fw_call(PSCI_FEATURES, fw_needed[i].fid, 0, 0);

		if (f < 0)
			pr_warn("firmware PSCI has no %s: %s", fw_needed[i].name, fw_needed[i].without);
	}
}

void psci_fw_system_off(void)
{
	int32_t ret = psci_fw_call(PSCI_SYSTEM_OFF, 0, 0, 0);

	psci_fw_report(PSCI_SYSTEM_OFF, ret);
}
