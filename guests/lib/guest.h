/* Everything a test guest needs: include this one header. */
#ifndef GUEST_GUEST_H
#define GUEST_GUEST_H

#include <stdint.h>
#include <stdbool.h>
#include <stddef.h>
#include "cpu.h"
#include "hvc.h"
#include "psci.h"
#include "string.h"
#include "uart.h"

/* From guest.ld: end of the image including .bss and all vCPU stacks. */
extern char __image_end[];

/* r0..r2 at boot-vCPU entry (r2 = DTB IPA once the hypervisor passes one). */
extern uint32_t guest_boot_regs[3];

/* This VM's name (SHIKIRI_HC_VM_NAME), or "?" if the call fails. */
const char *guest_name(void);

int main(void);

#endif
