// SPDX-License-Identifier: MIT
/*
 * A VM's console: the PL011 registers a driver touches, emulated. Output is
 * gathered into lines so each reaches the shared console whole, prefixed with
 * the VM's name (a line longer than VUART_LINE_MAX goes out in parts that
 * continue each other, docs/console.md). Transmit is always ready. Input (the
 * console's receive side, given to one VM at a time) fills a FIFO the guest
 * reads through UARTDR, with the receive interrupt emulated as a purely
 * virtual interrupt.
 */
#include "console.h"
#include "htimer.h"
#include "lib.h"
#include "pcpu.h"
#include "pl011.h"
#include "vm.h"
#include "vuart_trap.h"
#include "arch/cpu.h"

/* PL011 r1p5 peripheral and PrimeCell IDs (0xfe0..0xffc): Linux's AMBA bus
 * matches the driver by them. */
static const uint8_t pl011_ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};

_Static_assert(VM_NAME_MAX + 3u <= CONSOLE_PREFIX_MAX, "a VM's prefix fits");

COLD void vuart_setup(struct vm *vm)
{
	struct vuart *u = &vm->vuart;
	size_t n = strnlen(vm->cfg->name, VM_NAME_MAX - 1u);

	u->prefix[0] = '[';
	memcpy(u->prefix + 1, vm->cfg->name, n);
	memcpy(u->prefix + 1 + n, "] ", 3);
	u->prefix_len = (uint32_t)n + 3u;
}

/* Write what the line buffer holds (vm->lock held). Without CONSOLE_END the
 * line stays open on the console: a prompt, or the first VUART_LINE_MAX
 * characters of a longer line, which the next part continues. */
static void vuart_emit(struct vm *vm, uint32_t flags)
{
	struct vuart *u = &vm->vuart;

	console_put(u->prefix, u->prefix_len, u->line, u->len,
		    flags | (u->cont ? CONSOLE_CONT : 0u));
	u->len = 0;
	u->cont = (flags & CONSOLE_END) == 0;
}

void vuart_flush(struct vm *vm)
{
	if (vm->vuart.len || vm->vuart.cont)
		vuart_emit(vm, CONSOLE_END);
}

/*
 * Output that stops without a newline (a shell prompt) is written after
 * this much silence. The hypervisor timer (CNTHP) of the writing core
 * measures it; hrt cores take no hypervisor interrupts, so there it waits
 * for the newline. Each character only stamps the time: the timer is set
 * when a core's first unfinished line starts and stopped when the last one
 * ends; at its expiry, a line written to since waits for the rest of its
 * silence.
 */
#define VUART_IDLE_FLUSH_HZ 50u
/* Only an srt/be VM's lines wait for the timer (vuart_idle_stamp): in a
 * system of hrt VMs (no FEATURE_INJECT) no core's vuart_flush_vms is ever
 * set, and the code that reads it folds away. */
#define VUART_IDLE_FLUSH FEATURE_INJECT

static uint64_t vuart_idle_ticks(void)
{
	return cpu_arch_counter_hz() / VUART_IDLE_FLUSH_HZ;
}

static void vuart_idle_stamp(struct vm *vm)
{
	struct pcpu *c;

	if (vm_level_hrt(vm->cfg))
		return;
	vm->vuart.last_tx = cpu_arch_counter();
	/* The VMs that wrote on this core since its last flush: on a shared
	 * core that can be more than one. The timer runs while any waits. */
	c = pcpu_this();
	if (c->vuart_flush_vms & BIT(vm->id))
		return;
	if (!c->vuart_flush_vms)
		htimer_set(HTIMER_VUART, vm->vuart.last_tx + vuart_idle_ticks());
	c->vuart_flush_vms |= BIT(vm->id);
}

/* The VM's line went out whole: this core's timer need not wait for it. */
static void vuart_idle_cancel(const struct vm *vm)
{
	struct pcpu *c = pcpu_this();

	if (!VUART_IDLE_FLUSH || !(c->vuart_flush_vms & BIT(vm->id)))
		return;
	c->vuart_flush_vms &= ~BIT(vm->id);
	if (!c->vuart_flush_vms)
		htimer_set(HTIMER_VUART, HTIMER_NEVER);
}

COLD void vuart_idle_flush_core(struct pcpu *c)
{
	uint64_t now = cpu_arch_counter(), idle = vuart_idle_ticks(), next = HTIMER_NEVER;
	uint32_t vmask = VUART_IDLE_FLUSH ? c->vuart_flush_vms : 0;

	while (vmask) {
		uint32_t id = (uint32_t)__builtin_ctz(vmask);
		struct vm *vm = &vms[id];

		vmask &= vmask - 1u;
		spin_lock(&vm->lock);
		if (vm->vuart.len && now - vm->vuart.last_tx < idle) {
			/* Written to since: not silent long enough yet. */
			if (vm->vuart.last_tx + idle < next)
				next = vm->vuart.last_tx + idle;
		} else {
			if (vm->vuart.len)
				vuart_emit(vm, 0);
			c->vuart_flush_vms &= ~BIT(id);
		}
		spin_unlock(&vm->lock);
	}
	if (next != HTIMER_NEVER)
		htimer_set(HTIMER_VUART, next);
}

void vuart_putc(struct vm *vm, char c)
{
	struct vuart *u = &vm->vuart;

	if (c == '\r')
		return;
	if (c == '\n') {
		vuart_flush(vm);
		vuart_idle_cancel(vm);
		return;
	}
	u->line[u->len++] = c;
	if (u->len == VUART_LINE_MAX) {
		vuart_emit(vm, 0); /* a longer line: the rest continues it */
		vuart_idle_cancel(vm);
	} else {
		vuart_idle_stamp(vm);
	}
}

#define UART_INT_RX BIT(4)
#define UART_INT_TX BIT(5)
#define UART_INT_RT BIT(6)

static uint32_t vuart_ris(const struct vuart *u)
{
	/* Transmit never fills up; receive asserts while input waits. */
	return UART_INT_TX | (u->rx_count ? UART_INT_RX | UART_INT_RT : 0u);
}

void vuart_update_irq(struct vm *vm)
{
	struct vuart *u = &vm->vuart;
	uint32_t mis = vuart_ris(u) & u->regs[UART_IMSC / 4] & (UART_INT_RX | UART_INT_RT);

	if (mis && u->irq_enabled && vm_running(vm))
		vcpu_inject_virq(&vm->vcpus[0], board_config.uart_irq, u->irq_prio, false);
}

void vuart_rx_push(struct vm *vm, char c)
{
	struct vuart *u = &vm->vuart;

	spin_lock(&vm->lock);
	if (u->rx_count < VUART_RX_MAX) {
		u->rx[(u->rx_head + u->rx_count) % VUART_RX_MAX] = c;
		u->rx_count++;
	}
	spin_unlock(&vm->lock);
}

static uint32_t vuart_rx_pop(struct vm *vm)
{
	struct vuart *u = &vm->vuart;
	uint32_t c = 0;

	spin_lock(&vm->lock);
	if (u->rx_count) {
		c = (uint8_t)u->rx[u->rx_head];
		u->rx_head = (u->rx_head + 1u) % VUART_RX_MAX;
		u->rx_count--;
	}
	spin_unlock(&vm->lock);
	return c;
}

/* Any access but a UARTFR word (vuart_read_at). */
static NOINLINE COLD bool vuart_read_other(struct vm *vm, uint32_t off, uint32_t *val)
{
	uint32_t reg = off & ~3u;
	uint32_t v;

	if (reg == UART_FR)
		v = vuart_fr(vm);
	else if (reg == UART_DR)
		v = vuart_rx_pop(vm);
	else if (reg == UART_RIS)
		v = vuart_ris(&vm->vuart);
	else if (reg == UART_MIS)
		v = vuart_ris(&vm->vuart) & vm->vuart.regs[UART_IMSC / 4];
	else if (reg >= UART_PERIPHID0)
		v = pl011_ids[(reg - UART_PERIPHID0) / 4];
	else if (reg < sizeof(vm->vuart.regs))
		v = vm->vuart.regs[reg / 4];
	else
		v = 0;
	*val = v >> ((off & 3u) * 8);
	return true;
}

/* UARTFR, the register a polling driver reads before every character,
 * first: no lock, no call. */
static inline __attribute__((always_inline)) bool vuart_read_at(struct vm *vm, uint32_t off,
								uint32_t size, uint32_t *val)
{
	if (size > 4)
		return false;
	if (off != UART_FR)
		return vuart_read_other(vm, off, val);
	*val = vuart_fr(vm);
	return true;
}

bool vuart_vcpu_read(struct vcpu *v, uint32_t off, uint32_t size, uint32_t *val)
{
	return vuart_read_at(v->vm, off, size, val);
}

/* The control registers: kept, read back, and IMSC acted on. */
static NOINLINE void vuart_write_reg(struct vm *vm, uint32_t reg, uint32_t val)
{
	if (reg < sizeof(vm->vuart.regs) && reg != UART_FR && reg != UART_ICR) {
		vm->vuart.regs[reg / 4] = val;
		if (reg == UART_IMSC)
			vuart_update_irq(vm); /* unmasking with input waiting */
	}
}

static inline __attribute__((always_inline)) bool vuart_write_at(struct vm *vm, uint32_t off,
								 uint32_t size, uint32_t val)
{
	if (size > 4)
		return false;
	if (off < UART_DR + 4u)
		vuart_tx(vm, val);
	else
		vuart_write_reg(vm, off & ~3u, val);
	return true; /* writes to read-only or reserved registers are ignored */
}

bool vuart_vcpu_write(struct vcpu *v, uint32_t off, uint32_t size, uint32_t val)
{
	return vuart_write_at(v->vm, off, size, val);
}
