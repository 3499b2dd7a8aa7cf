/*
 * echo: reads console input through its (emulated) PL011 with the receive
 * interrupt, and prints each line it gets back as "echo: <line>". Stops after
 * LINES lines, or after TIMEOUT ticks without them.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "timer.h"

#define UART_DR		0x000u
#define UART_FR		0x018u
#define UART_IMSC	0x038u
#define UART_FR_RXFE	(1u << 4)
#define UART_RX_IRQ	33u		/* SPI 1 on the QEMU virt board */
#define LINES		2u
#define TIMEOUT		625000000u	/* ticks: 10 s at 62.5 MHz */

static volatile char line[80];
static volatile uint32_t len, lines_done, irqs;
static volatile char done_lines[LINES][80];

static inline uint32_t uart_reg(uint32_t off)
{
	return *(volatile uint32_t *)(UART_BASE + off);
}

/* Drain the receive FIFO; keep complete lines for main to print. */
static void uart_irq(uint32_t iar)
{
	(void)iar;
	irqs++;
	while (!(uart_reg(UART_FR) & UART_FR_RXFE)) {
		char c = (char)(uart_reg(UART_DR) & 0xffu);

		if (c == '\r' || c == '\n') {
			if (len && lines_done < LINES) {
				for (uint32_t i = 0; i < len; i++)
					done_lines[lines_done][i] = line[i];
				done_lines[lines_done][len] = '\0';
				lines_done++;
			}
			len = 0;
		} else if (len < sizeof(line) - 1) {
			line[len++] = c;
		}
	}
}

/* The physical timer ends the wait at the timeout: wfi needs an interrupt. */
static void timeout_irq(uint32_t iar)
{
	(void)iar;
	timer_phys_disable();
}

int main(void)
{
	uint64_t end = timer_virt_count() + TIMEOUT;
	uint32_t printed = 0;

	irq_set_handler(UART_RX_IRQ, uart_irq);
	irq_set_handler(TIMER_PHYS_PPI, timeout_irq);
	gicd_enable();
	gicd_set_priority(UART_RX_IRQ, 0x80);
	gicd_set_priority(TIMER_PHYS_PPI, 0xc0);
	gicd_enable_irq(UART_RX_IRQ);
	gicd_enable_irq(TIMER_PHYS_PPI);
	gicc_init();
	*(volatile uint32_t *)(UART_BASE + UART_IMSC) = (1u << 4) | (1u << 6); /* RX, RX timeout */
	printf("echo: ready\n");
	/* Sleep in wfi between lines (on a shared core the others run
	 * meanwhile); the physical timer, armed at the timeout, ends it. */
	timer_phys_arm_at(timer_phys_count() + TIMEOUT);
	irq_disable_local();
	while (printed < LINES && timer_virt_count() < end) {
		if (printed < lines_done) {
			irq_enable_local();
			printf("echo: %s\n", (const char *)done_lines[printed]);
			printed++;
			irq_disable_local();
			continue;
		}
		wait_for_irq();
	}
	timer_phys_disable();
	printf("echo: %lu lines, %lu receive interrupts\n", printed, irqs);
	printf("bye from %s\n", guest_name());
	psci_system_off();
}
