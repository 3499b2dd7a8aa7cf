// SPDX-License-Identifier: MIT
/* Calls into the firmware's PSCI with smc from Hyp (QEMU's built-in PSCI). */
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
