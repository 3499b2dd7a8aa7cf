/* This VM's device addresses, read from its DTB before main() (board.c). */
#ifndef GUEST_BOARD_H
#define GUEST_BOARD_H

#include <stdint.h>

extern uint32_t guest_gicd_base;
extern uint32_t guest_gicc_base;
extern uint32_t guest_uart_base; /* the emulated PL011 (or the passed-through UART) */
/* 1: the stdout-path UART is a Cadence UART ("xlnx,xuartps", the Zynq's),
 * passed through; 0: a PL011 */
extern uint32_t guest_uart_cdns;

/* Read the addresses from the DTB at dtb (0: keep the QEMU virt ones). */
void guest_board_init(uint32_t dtb);

#endif
