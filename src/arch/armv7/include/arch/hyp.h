/* SPDX-License-Identifier: MIT */
/* Hyp-mode register fields (ARM ARM B4.1.62 HCR, B4.1.67 HSR, B4.1.159 VTCR). */
#ifndef ARCH_HYP_H
#define ARCH_HYP_H

#include "types.h"

#define HCR_VM BIT(0)    /* stage-2 translation */
#define HCR_SWIO BIT(1)  /* set/way invalidate -> clean+invalidate */
#define HCR_FMO BIT(3)   /* physical FIQ to Hyp, virtual FIQ to guest */
#define HCR_IMO BIT(4)   /* physical IRQ to Hyp, virtual IRQ to guest */
#define HCR_AMO BIT(5)   /* async abort to Hyp */
#define HCR_TSC BIT(19)  /* trap SMC: guest PSCI goes through us */
#define HCR_TIDCP BIT(20) /* trap IMPLEMENTATION DEFINED CP15 (c9-c11 reserved, c15) */
#define HCR_TAC BIT(21)  /* trap ACTLR */
#define HCR_TSW BIT(22)  /* trap data cache maintenance by set/way */

#define HSR_EC_SHIFT 26
#define HSR_IL BIT(25)
#define HSR_ISS_MASK 0x01ffffffu

enum hsr_ec {
	HSR_EC_UNKNOWN = 0x00,
	HSR_EC_WFI_WFE = 0x01,
	HSR_EC_CP15_32 = 0x03,
	HSR_EC_CP15_64 = 0x04,
	HSR_EC_CP14_MR = 0x05,
	HSR_EC_CP14_LS = 0x06,
	HSR_EC_HCPTR = 0x07,
	HSR_EC_CP10_ID = 0x08,
	HSR_EC_BXJ = 0x0a,
	HSR_EC_CP14_64 = 0x0c,
	HSR_EC_SVC_HYP = 0x11,
	HSR_EC_HVC = 0x12,
	HSR_EC_SMC = 0x13,
	HSR_EC_IABT_LOW = 0x20,
	HSR_EC_IABT_HYP = 0x21,
	HSR_EC_DABT_LOW = 0x24,
	HSR_EC_DABT_HYP = 0x25,
	HSR_EC_MAX = 0x3f,
};

/* Data abort ISS (EC 0x24) */
#define HSR_DABT_ISV BIT(24)
#define HSR_DABT_SAS(iss) (((iss) >> 22) & 3u)
#define HSR_DABT_SAS_MASK (3u << 22)
#define HSR_DABT_SAS_WORD (2u << 22)
#define HSR_DABT_SSE BIT(21)
#define HSR_DABT_SRT(iss) (((iss) >> 16) & 0xfu)
#define HSR_DABT_SRT_HIGH BIT(19) /* SRT >= 8 */
#define HSR_DABT_WNR BIT(6)
#define HSR_DABT_DFSC(iss) ((iss)&0x3fu)

/* Stage 2: 32-bit IPA (T0SZ 0), walk from level 1, inner shareable, WB-WA walks. */
#define VTCR_VALUE 0x80003540u
#define VTTBR_VMID_SHIFT 48

/* Hyp stage 1: T0SZ 0, inner shareable, WB-WA walks; bit 31 is RES1. */
#define HTCR_VALUE 0x80003500u
#define HSCTLR_M BIT(0)
#define HSCTLR_A BIT(1)
#define HSCTLR_C BIT(2)
#define HSCTLR_I BIT(12)
#define HSCTLR_WXN BIT(19)

/* Guest entry: SVC mode, A/I/F masked (as a reset would leave it). */
#define PSR_MODE_MASK 0x1fu
#define PSR_MODE_USR 0x10u
#define PSR_MODE_FIQ 0x11u
#define PSR_MODE_IRQ 0x12u
#define PSR_MODE_SVC 0x13u
#define PSR_MODE_ABT 0x17u
#define PSR_MODE_HYP 0x1au
#define PSR_MODE_UND 0x1bu
#define PSR_MODE_SYS 0x1fu
#define PSR_T BIT(5)
#define GUEST_ENTRY_PSR 0x1d3u

/* Guest SCTLR after a (virtual) reset: MMU, caches off; RES1 bits set. */
#define GUEST_SCTLR_RESET 0x00c50078u

#endif
