/* SPDX-License-Identifier: MIT */
/*
 * QEMU virt platform facts that are not in the board DT: they are about the
 * machine model, not the board (the RAM map and devices come from the
 * generated board_config).
 */
#ifndef PLATFORM_H
#define PLATFORM_H

/* QEMU 7.2's GICv2 model: a guest EOI through a list register with the HW
 * bit deactivates the physical interrupt but re-evaluates only the virtual
 * CPU interface, so an interrupt that became pending again while active
 * (a level-triggered timer re-asserting, a second edge) is not signalled
 * to the core until some other GIC event happens; a lone core then sleeps
 * in WFI for ever. Hardware interrupts are delivered without the HW bit
 * and deactivated by the hypervisor on the guest's EOI (docs/interrupts.md). */
#define PLATFORM_GIC_LR_HW_BROKEN 1

#endif
