/* SPDX-License-Identifier: MIT */
/*
 * The physical GICv2 as the hypervisor drives it: the distributor is the
 * hypervisor's (guests reach it only through vgicd), each core's CPU
 * interface belongs to the hypervisor on srt/be cores and to the guest on
 * hrt cores, and GICH (list registers) carries virtual interrupts to srt/be.
 */
#ifndef SHIKIRI_GIC_H
#define SHIKIRI_GIC_H

#include "types.h"
#include "vmconfig.h"

#define GICD_CTLR 0x000
#define GICD_TYPER 0x004
#define GICD_IIDR 0x008
#define GICD_IGROUPR 0x080
#define GICD_ISENABLER 0x100
#define GICD_ICENABLER 0x180
#define GICD_ISPENDR 0x200
#define GICD_ICPENDR 0x280
#define GICD_ISACTIVER 0x300
#define GICD_ICACTIVER 0x380
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR 0x800
#define GICD_ICFGR 0xc00
#define GICD_SGIR 0xf00
#define GICD_CPENDSGIR 0xf10
#define GICD_SPENDSGIR 0xf20

#define GICC_CTLR 0x000
#define GICC_PMR 0x004
#define GICC_IAR 0x00c
#define GICC_EOIR 0x010
#define GICC_DIR 0x1000

#define GIC_NR_SGIS 16u
#define GIC_FIRST_SPI 32u
#define GIC_SPURIOUS 1020u
#define GIC_DEFAULT_PRIO 0xa0u

/* Interrupts the hypervisor keeps for itself: never a VM's. */
#define GIC_MAINT_IRQ 25u   /* GICH maintenance, PPI 9 */
#define GIC_HYP_TIMER_IRQ 26u /* CNTHP, PPI 10: vUART idle flush on srt/be cores */
#define GIC_HYP_IPI 15u     /* SGI between hypervisor instances (srt/be cores only) */
/* Their banked priority: above any a guest leaves at its default, so that a
 * core waiting for its vCPU (GIC_WAIT_PMR) is woken by them alone; a
 * guest's interrupts meanwhile stay pending in the distributor, as for a
 * core that is off, and reach the vCPU once it runs. */
#define GIC_HYP_PRIO 0x00u
#define GIC_WAIT_PMR 0x10u
#define GIC_PMR_ALL 0xffu

/* irq_arch_init (irq.h): distributor setup and SPI routing from the VM
 * configuration (boot core). */
/* Banked (SGI/PPI) and CPU-interface setup for this core, the hypervisor's,
 * with priority mask pmr: GIC_PMR_ALL, or GIC_WAIT_PMR on a core that waits
 * in Hyp for its vCPU (only the hypervisor's interrupts wake it). */
void gic_cpu_init(uint32_t pmr);
/* Then an hrt vCPU starts there: the physical CPU interface is its own,
 * quiet (an srt/be vCPU's start just opens the mask: GIC_PMR_ALL). */
void gic_cpu_to_guest(void);
/* Acknowledge one physical IRQ taken in Hyp on core c (this one) and
 * deliver it: to c's running vCPU if it is its own, else through
 * irq_handle(); false if none was pending. */
struct pcpu;
bool gic_handle_irq(struct pcpu *c);
/* The same on a core waiting in Hyp for its vCPU to be started; false also
 * after the hypervisor IPI (a kick: the core looks at its vCPU first). */
bool gic_handle_irq_waiting(struct pcpu *c);
/* Deactivate interrupt id on this core's CPU interface (EOImode = 1). */
void gic_deactivate(uint32_t id);
/* Send SGI id to the cores in core_mask (bit n = pcpu n). */
void gic_send_sgi(uint32_t id, uint32_t core_mask);
/* The GICD_ISPENDR word of SPI id (< GIC_MAX_IRQS): channel rings
 * (chan.c) raise their doorbells through it directly. */
volatile uint32_t *gic_ispendr(uint32_t id);

/* Raw distributor access for vgicd (all validation happens there). */
uint32_t gicd_read(uint32_t off);
void gicd_write(uint32_t off, uint32_t val);
uint8_t gicd_read8(uint32_t off);
void gicd_write8(uint32_t off, uint8_t val);
/* Read-modify-write of a distributor word under the distributor lock. */
void gicd_update(uint32_t off, uint32_t mask, uint32_t val);

#endif
