/* SPDX-License-Identifier: MIT */
/* Orange Pi PC (H3) facts that are not in the board DT. */
#ifndef PLATFORM_H
#define PLATFORM_H

/* This platform also runs on QEMU's orangepi-pc, whose GIC-400 is the same
 * QEMU GICv2 model as virt's, with its list-register HW-bit bug
 * (src/platform/qemu-virt/platform.h). The workaround (no HW bit, the
 * hypervisor deactivates on the guest's EOI) is also correct on the real
 * GIC-400, at the cost of a maintenance interrupt per delivery: kept on
 * for the board too until it has been measured there. */
#define PLATFORM_GIC_LR_HW_BROKEN 1

#endif
