/*
 * The executive: scheduler, tick-less timer, semaphores, event flags.
 * See rtos.h for the API and README.md for the design.
 *
 * All kernel state is touched with IRQs masked (CPSR.I), which is the only
 * lock: there is one vCPU, and interrupt handlers run masked too.
 */
#include "guest.h"
#include "gic.h"
#include "irq.h"
#include "systimer.h"
#include "rtos.h"

#define VTIMER_PRIORITY	0x80u
#define STACK_PAINT	0x5a5aa5a5u

struct rtos_task {
	uint32_t *sp;		/* saved sp; offset 0 (used by the switch) */
	const char *name;
	uint32_t prio;
	uint32_t in_use;
	uint64_t wake;		/* absolute CNTVCT, valid while timed */
	uint64_t release;	/* last periodic release */
	uint32_t period;
	uint32_t overruns;
	volatile uint32_t *wait_mask;	/* waiter set of the object, or 0 */
	int32_t wait_result;
	uint32_t ev_mask, ev_opts, ev_got;
};

static struct rtos_task tasks[RTOS_MAX_TASKS];
static uint64_t stacks[RTOS_MAX_TASKS][RTOS_STACK_SIZE / 8];

static struct rtos_task *volatile current;
static volatile uint32_t ready;		/* bit p: task p can run */
static volatile uint32_t timed;		/* bit p: task p has a wake time */
static volatile uint32_t in_irq;
static struct rtos_stats stats;
static uint32_t *boot_sp;		/* main's context, never resumed */

/* For the vectors below: the handlers that stop the VM need a stack. */
uint64_t rtos_exc_stack[128];

/* ---- assembly: vectors, IRQ entry/exit, context switch ---- */
void rtos_ctx_switch(uint32_t **save_sp, uint32_t *new_sp);
void rtos_task_entry(void);
extern char rtos_vectors[];

__asm__(
"	.syntax	unified\n"
"	.arm\n"
"	.text\n"
/*
 * void rtos_ctx_switch(uint32_t **save_sp, uint32_t *new_sp), IRQs masked.
 * Saves the callee-saved registers and lr on the current stack (r3 only
 * pads the frame to 10 words), stores sp, switches to new_sp and returns
 * into the other task.  Every task that is not running has such a frame
 * on top of its stack, including a preempted one: there it sits above the
 * IRQ frame, and returning from the switch resumes the IRQ exit path.
 */
"	.global	rtos_ctx_switch\n"
"	.type	rtos_ctx_switch, %function\n"
"rtos_ctx_switch:\n"
"	push	{r3-r11, lr}\n"
"	str	sp, [r0]\n"
"	mov	sp, r1\n"
"	pop	{r3-r11, lr}\n"
"	bx	lr\n"
"	.size	rtos_ctx_switch, . - rtos_ctx_switch\n"
/* First run of a task: its initial frame holds r4 = fn, r5 = arg. */
"	.global	rtos_task_entry\n"
"	.type	rtos_task_entry, %function\n"
"rtos_task_entry:\n"
"	mov	r0, r5\n"
"	cpsie	if\n"
"	blx	r4\n"
"	bl	rtos_task_exit\n"
"	.size	rtos_task_entry, . - rtos_task_entry\n"
/*
 * IRQ: move to SVC and save the interrupted context on the task's own SVC
 * stack (srsdb: lr_irq and spsr_irq; then r0-r3, r12, lr_svc), realign sp
 * to 8 bytes for C, dispatch, maybe switch tasks, and return with rfe.
 * IRQs stay masked throughout (no nesting).
 */
"	.align	5\n"
"	.global	rtos_vectors\n"
"rtos_vectors:\n"
"	b	rtos_exc_reset\n"
"	b	rtos_exc_undef\n"
"	b	rtos_exc_svc\n"
"	b	rtos_exc_pabt\n"
"	b	rtos_exc_dabt\n"
"	b	rtos_exc_unused\n"
"	b	rtos_irq_entry\n"
"	b	rtos_irq_entry\n"	/* FIQ: Group 0 in the Secure world (TrustZone mode) */

"rtos_irq_entry:\n"
"	sub	lr, lr, #4\n"
"	srsdb	sp!, #0x13\n"
"	cps	#0x13\n"
"	push	{r0-r3, r12, lr}\n"
"	and	r1, sp, #4\n"
"	sub	sp, sp, r1\n"
"	push	{r1, r2}\n"
"	bl	rtos_irq_handler\n"
"	pop	{r1, r2}\n"
"	add	sp, sp, r1\n"
"	pop	{r0-r3, r12, lr}\n"
"	rfeia	sp!\n"
/* Anything else is fatal: report like the runtime does (exception.c). */
"	.macro	rtos_exc, label, kind, lr_offset\n"
"\\label:\n"
"	mov	r0, #\\kind\n"
"	sub	r1, lr, #\\lr_offset\n"
"	b	rtos_exc_common\n"
"	.endm\n"
"	rtos_exc rtos_exc_reset, 0, 0\n"
"	rtos_exc rtos_exc_undef, 1, 4\n"
"	rtos_exc rtos_exc_svc, 2, 4\n"
"	rtos_exc rtos_exc_pabt, 3, 4\n"
"	rtos_exc rtos_exc_dabt, 4, 8\n"
"	rtos_exc rtos_exc_unused, 5, 0\n"
"	rtos_exc rtos_exc_fiq, 7, 4\n"
"rtos_exc_common:\n"
"	mrs	r2, spsr\n"
"	ldr	sp, =rtos_exc_stack + 1024\n"
"	bl	guest_exception\n"
"1:	wfi\n"
"	b	1b\n"
"	.ltorg\n"
);

void guest_exception(uint32_t kind, uint32_t pc, uint32_t spsr);
void rtos_irq_handler(void);
void rtos_task_exit(void);

/* ---- helpers ---- */
static inline uint32_t irq_save(void)
{
	uint32_t cpsr;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid if" : "=r"(cpsr) :: "memory");
	return cpsr;
}

static inline void irq_restore(uint32_t cpsr)
{
	if (!(cpsr & 0x80u))
		__asm__ volatile("cpsie if" ::: "memory");
}

static inline uint32_t lowest_bit(uint32_t m)
{
	return (uint32_t)__builtin_ctz(m);
}

#define IDLE_BIT	(1u << RTOS_IDLE_PRIO)

/*
 * irq_dispatch() (guests/lib/irq.c) in line, for both interrupt paths
 * below: acknowledge one interrupt, run its handler, EOI; nothing for a
 * spurious ID (1020..1023).  An interrupt without a handler is disabled,
 * so a level-triggered source nobody services cannot starve the tasks.
 */
static __attribute__((noinline)) void unhandled(uint32_t id)
{
	irq_unhandled_count++;
	gicd_disable_irq(id);
}

static inline __attribute__((always_inline)) void dispatch(void)
{
	uint32_t iar = gicc_read32(GICC_IAR);
	uint32_t id = GICC_IAR_ID(iar);
	irq_handler_t fn;

	if (id >= 1020u)
		return;
	fn = id < IRQ_MAX_HANDLERS ? irq_handlers[id] : 0;
	if (fn)
		fn(iar);
	else
		unhandled(id);
	gicc_write32(GICC_EOIR, iar);
}

/*
 * IRQs masked, task context, and no task but idle is ready (the caller
 * checked): the caller blocked (or returned) and nothing else can run.  Wait here, on the blocked task's own
 * stack, and run the handlers of the interrupts that end the wait in line
 * (acknowledge, handler, EOI: irq_dispatch) instead of taking the IRQ
 * exception in the idle task.  That saves the exception entry and exit and
 * the switch to idle and back, and when the interrupt readies the task
 * that waited (its doorbell, its timeout) there is no switch at all.  wfi
 * wakes on a pending interrupt even while CPSR.I masks it, so none is
 * slept through; a wake-up with nothing to acknowledge (IAR spurious) just
 * waits again.  The idle task runs only when no task is there to wait in.
 */
static __attribute__((noinline)) void wait_ready(void)
{
	do {
		stats.idle_wfi++;
		/* a shared core of the TrustZone mode: yield instead. The first
		 * call asks the monitor (one SMC); a dedicated core answers
		 * NOT_SUPPORTED and it never asks again. RTOS_NO_TZ_YIELD (make
		 * bench's tz_rtos_bench, dedicated only) leaves the question out,
		 * so its measurement window has no SMC of the RTOS's in it. */
#ifndef RTOS_NO_TZ_YIELD
		if (!tz_yield())
#endif
			__asm__ volatile("dsb\n\twfi" ::: "memory");
		in_irq = 1;
		dispatch();
		in_irq = 0;
	} while (ready == IDLE_BIT);
}

/* IRQs masked.  Runs the most urgent ready task (the idle task is always ready). */
static void schedule(void)
{
	struct rtos_task *next = &tasks[lowest_bit(ready)];
	struct rtos_task *prev = current;

	if (next == prev)
		return;
	current = next;
	stats.switches++;
	rtos_ctx_switch(&prev->sp, next->sp);
}

/* CVAL := the earliest wake time, or the timer off if nobody waits. */
static void timer_program(void)
{
	uint32_t m = timed;
	uint64_t earliest = UINT64_MAX;

	if (!m) {
		systimer_off();
		return;
	}
	while (m) {
		uint32_t p = lowest_bit(m);

		m &= m - 1;
		if (tasks[p].wake < earliest)
			earliest = tasks[p].wake;
	}
	systimer_arm_at(earliest);
}

/* Make t ready with the given result; leaves timer reprogramming to the caller. */
static void wake(struct rtos_task *t, int32_t result)
{
	uint32_t bit = 1u << t->prio;

	timed &= ~bit;
	if (t->wait_mask) {
		*t->wait_mask &= ~bit;
		t->wait_mask = 0;
	}
	t->wait_result = result;
	ready |= bit;
}

/* A give/set readied t before its timeout: cancel the timeout. */
static inline __attribute__((always_inline)) void wake_by_object(struct rtos_task *t)
{
	uint32_t had_timeout = timed & (1u << t->prio);

	wake(t, RTOS_OK);
	if (had_timeout)
		timer_program();
}

/* Task context, IRQs masked: the caller stops until woken. */
static int32_t block(volatile uint32_t *wait_mask, uint32_t timeout)
{
	struct rtos_task *t = current;
	uint32_t bit = 1u << t->prio;

	ready &= ~bit;
	t->wait_mask = wait_mask;
	if (wait_mask)
		*wait_mask |= bit;
	if (timeout != RTOS_FOREVER) {
		t->wake = systimer_now() + timeout;
		timed |= bit;
		timer_program();
	}
	if (ready == IDLE_BIT)
		wait_ready();
	schedule();
	return t->wait_result;
}

static void block_until(uint64_t when)
{
	struct rtos_task *t = current;
	uint32_t bit = 1u << t->prio;

	ready &= ~bit;
	t->wait_mask = 0;
	t->wake = when;
	timed |= bit;
	timer_program();
	if (ready == IDLE_BIT)
		wait_ready();
	schedule();
}

/* After readying tasks: switch now unless in an IRQ (its exit switches). */
static void reschedule(void)
{
	if (!in_irq)
		schedule();
}

/* ---- interrupts ---- */
static void vtimer_irq(uint32_t iar)
{
	uint64_t now = systimer_now();
	uint32_t m = timed;

	(void)iar;
	systimer_ack();
	stats.timer_irqs++;
	while (m) {
		uint32_t p = lowest_bit(m);
		struct rtos_task *t = &tasks[p];

		m &= m - 1;
		if (t->wake <= now)
			/* On an object that is a timeout; a plain sleep just ends. */
			wake(t, t->wait_mask ? RTOS_ETIMEDOUT : RTOS_OK);
	}
	timer_program();	/* also drops the level interrupt */
}

/* From rtos_irq_entry, on the interrupted task's stack, IRQs masked. */
void rtos_irq_handler(void)
{
	struct rtos_task *prev = current;

	in_irq = 1;
	dispatch();
	in_irq = 0;
	if (&tasks[lowest_bit(ready)] != prev) {
		if (prev->prio != RTOS_IDLE_PRIO)
			stats.preemptions++;
		schedule();
	}
}

/* ---- tasks ---- */
static void idle_task(void *arg)
{
	(void)arg;
	for (;;) {
		/*
		 * Masked, then check, then wfi: an IRQ that readies a task
		 * after the check still ends the wfi (it wakes on a pending
		 * IRQ even while masked) and is taken at the cpsie inside
		 * wait_for_irq(), whose exit path switches to that task.
		 */
		irq_disable_local();
		if (ready == (1u << RTOS_IDLE_PRIO)) {
			stats.idle_wfi++;
			wait_for_irq();
		}
		irq_enable_local();
	}
}

static int create(const char *name, uint32_t prio, rtos_task_fn fn, void *arg)
{
	struct rtos_task *t;
	uint32_t *stack, *sp;

	if (prio >= RTOS_MAX_TASKS || tasks[prio].in_use)
		return -1;
	t = &tasks[prio];
	stack = (uint32_t *)stacks[prio];
	for (uint32_t i = 0; i < RTOS_STACK_SIZE / 4; i++)
		stack[i] = STACK_PAINT;
	/* The frame rtos_ctx_switch pops: r3, r4..r11, lr. */
	sp = stack + RTOS_STACK_SIZE / 4 - 10;
	for (uint32_t i = 0; i < 10; i++)
		sp[i] = 0;
	sp[1] = (uint32_t)(uintptr_t)fn;	/* r4 */
	sp[2] = (uint32_t)(uintptr_t)arg;	/* r5 */
	sp[9] = (uint32_t)(uintptr_t)rtos_task_entry;	/* lr */
	t->sp = sp;
	t->name = name;
	t->prio = prio;
	t->in_use = 1;
	ready |= 1u << prio;
	return 0;
}

int task_create(const char *name, uint32_t prio, rtos_task_fn fn, void *arg)
{
	if (prio >= RTOS_IDLE_PRIO)
		return -1;
	return create(name, prio, fn, arg);
}

/* A task function returned: it never runs again. */
void rtos_task_exit(void)
{
	irq_disable_local();
	ready &= ~(1u << current->prio);
	if (ready == IDLE_BIT)
		wait_ready();
	schedule();
	park();		/* not reached */
}

void rtos_init(void)
{
	irq_disable_local();
	__asm__ volatile("mcr p15, 0, %0, c12, c0, 0\n\tisb"
			 :: "r"(rtos_vectors) : "memory");	/* VBAR */
	systimer_init();
	systimer_off();
	irq_set_handler(SYSTIMER_PPI, vtimer_irq);
	gicd_enable();
	gicd_set_priority(SYSTIMER_PPI, VTIMER_PRIORITY);
	gicd_enable_irq(SYSTIMER_PPI);
	gicc_init();
}

void rtos_start(void)
{
	irq_disable_local();
	create("idle", RTOS_IDLE_PRIO, idle_task, 0);
	current = &tasks[lowest_bit(ready)];
	stats.switches++;
	rtos_ctx_switch(&boot_sp, current->sp);
	park();		/* not reached */
}

uint64_t rtos_now(void)
{
	return systimer_now();
}

uint32_t rtos_self_prio(void)
{
	return current->prio;
}

void rtos_get_stats(struct rtos_stats *out)
{
	uint32_t f = irq_save();

	*out = stats;
	irq_restore(f);
}

uint32_t task_stack_used(uint32_t prio)
{
	const uint32_t *stack = (const uint32_t *)stacks[prio];
	uint32_t i = 0;

	while (i < RTOS_STACK_SIZE / 4 && stack[i] == STACK_PAINT)
		i++;
	return RTOS_STACK_SIZE - 4 * i;
}

void task_sleep_until(uint64_t when)
{
	uint32_t f = irq_save();

	if (when > systimer_now())
		block_until(when);
	irq_restore(f);
}

void task_sleep(uint32_t ticks)
{
	task_sleep_until(systimer_now() + ticks);
}

void task_set_period(uint32_t period)
{
	uint32_t f = irq_save();

	current->period = period;
	current->release = systimer_now();
	irq_restore(f);
}

uint64_t task_wait_next_period(void)
{
	uint32_t f = irq_save();
	struct rtos_task *t = current;
	uint64_t release = t->release + t->period;

	t->release = release;
	if (release > systimer_now())
		block_until(release);
	else
		t->overruns++;
	irq_restore(f);
	return release;
}

uint32_t task_overruns(void)
{
	return current->overruns;
}

/* ---- semaphores ---- */
void sem_init(struct rtos_sem *s, uint32_t count)
{
	s->count = count;
	s->waiters = 0;
}

int sem_take(struct rtos_sem *s, uint32_t timeout)
{
	uint32_t f = irq_save();
	int r = RTOS_OK;

	if (s->count)
		s->count--;
	else if (timeout == 0)
		r = RTOS_ETIMEDOUT;
	else
		r = block(&s->waiters, timeout);	/* a give hands over directly */
	irq_restore(f);
	return r;
}

void sem_give(struct rtos_sem *s)
{
	uint32_t f = irq_save();

	if (s->waiters) {
		wake_by_object(&tasks[lowest_bit(s->waiters)]);
		reschedule();
	} else {
		s->count++;
	}
	irq_restore(f);
}

void sem_give_from_irq(struct rtos_sem *s)
{
	if (s->waiters)
		wake_by_object(&tasks[lowest_bit(s->waiters)]);
	else
		s->count++;
}

/* ---- event flags ---- */
static uint32_t event_match(uint32_t flags, uint32_t mask, uint32_t opts)
{
	uint32_t got = flags & mask;

	if (opts & EVENT_ALL)
		return got == mask ? got : 0;
	return got;
}

uint32_t event_wait(struct rtos_event *e, uint32_t mask, uint32_t opts,
		    uint32_t timeout)
{
	uint32_t f = irq_save();
	uint32_t got = event_match(e->flags, mask, opts);

	if (got) {
		if (opts & EVENT_CLEAR)
			e->flags &= ~got;
	} else if (timeout != 0) {
		current->ev_mask = mask;
		current->ev_opts = opts;
		current->ev_got = 0;
		if (block(&e->waiters, timeout) == RTOS_OK)
			got = current->ev_got;
	}
	irq_restore(f);
	return got;
}

void event_set(struct rtos_event *e, uint32_t bits)
{
	uint32_t f = irq_save();
	uint32_t m = e->waiters;
	bool woke = false;

	e->flags |= bits;
	/* Most urgent waiter first: with EVENT_CLEAR it consumes the bits. */
	while (m) {
		struct rtos_task *t = &tasks[lowest_bit(m)];
		uint32_t got = event_match(e->flags, t->ev_mask, t->ev_opts);

		m &= m - 1;
		if (!got)
			continue;
		if (t->ev_opts & EVENT_CLEAR)
			e->flags &= ~got;
		t->ev_got = got;
		wake_by_object(t);
		woke = true;
	}
	if (woke)
		reschedule();
	irq_restore(f);
}

void event_clear(struct rtos_event *e, uint32_t bits)
{
	uint32_t f = irq_save();

	e->flags &= ~bits;
	irq_restore(f);
}
