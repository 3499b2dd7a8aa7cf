/* SPDX-License-Identifier: MIT */
/* ARM PL011 UART: the register offsets used by the driver (drivers/pl011.c,
 * through uart.h) and by the emulated PL011 every vUART VM sees (vuart.c). */
#ifndef SHIKIRI_PL011_H
#define SHIKIRI_PL011_H

#include "types.h"

#define UART_DR 0x000
#define UART_RSR 0x004
#define UART_FR 0x018
#define UART_ILPR 0x020
#define UART_IBRD 0x024
#define UART_FBRD 0x028
#define UART_LCR_H 0x02c
#define UART_CR 0x030
#define UART_IFLS 0x034
#define UART_IMSC 0x038
#define UART_RIS 0x03c
#define UART_MIS 0x040
#define UART_ICR 0x044
#define UART_DMACR 0x048
#define UART_PERIPHID0 0xfe0

#define UART_LCR_H_FEN BIT(4) /* FIFOs enabled */

#define UART_FR_BUSY BIT(3)
#define UART_FR_RXFE BIT(4)
#define UART_FR_TXFF BIT(5)
#define UART_FR_TXFE BIT(7)

#endif
