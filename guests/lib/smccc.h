/*
 * SMC Calling Convention transport: function id in r0, arguments in r1..r3,
 * results in r0..r3.  hvc #0 reaches the hypervisor, smc #0 the (emulated)
 * firmware; both are plain calls from the guest's point of view.
 */
#ifndef GUEST_SMCCC_H
#define GUEST_SMCCC_H

#include <stdint.h>

#define SMCCC_NOT_SUPPORTED	0xffffffffu

struct smccc_res {
	uint32_t a0, a1, a2, a3;
};

/*
 * r12 is listed as clobbered although SMCCC preserves it: it costs nothing
 * and makes us robust against a callee that treats it as scratch.
 */
#define SMCCC_CALL(insn, fid, x1, x2, x3)					\
	({									\
		register uint32_t r0 __asm__("r0") = (fid);			\
		register uint32_t r1 __asm__("r1") = (x1);			\
		register uint32_t r2 __asm__("r2") = (x2);			\
		register uint32_t r3 __asm__("r3") = (x3);			\
		__asm__ volatile(insn						\
				 : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3)	\
				 :						\
				 : "r12", "memory");				\
		(struct smccc_res){ r0, r1, r2, r3 };				\
	})

static inline struct smccc_res smccc_hvc(uint32_t fid, uint32_t a1,
					 uint32_t a2, uint32_t a3)
{
	/* .arch_extension virt: the Cortex-A9 build (hvc.c calls it only on a
	 * core with the Virtualization Extensions) */
	return SMCCC_CALL(".arch_extension virt\n\thvc #0", fid, a1, a2, a3);
}

static inline struct smccc_res smccc_smc(uint32_t fid, uint32_t a1,
					 uint32_t a2, uint32_t a3)
{
	/* The assembler needs the Security Extensions enabled to accept smc. */
	return SMCCC_CALL(".arch_extension sec\n\tsmc #0", fid, a1, a2, a3);
}

#endif
