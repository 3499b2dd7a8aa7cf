/*
 * A small fixed-priority preemptive real-time executive for one vCPU.
 * See guests/rtos/README.md for the design; in short:
 *
 * - up to RTOS_MAX_TASKS tasks, one per priority 0..RTOS_MAX_TASKS-1,
 *   0 most urgent; the least urgent priority belongs to the idle task;
 * - static TCBs and stacks, no allocator; tasks run in SVC mode;
 * - tick-less time on the virtual timer: CNTV_CVAL holds the earliest
 *   pending wake-up, times are absolute CNTVCT values (ticks);
 * - preemption on IRQ exit when an interrupt readied a more urgent task.
 *
 * Functions that may block (sem_take, event_wait with a timeout, the
 * sleeps, task_wait_next_period) are for tasks only.  sem_give, event_set
 * and event_clear may also be called from interrupt handlers (handlers
 * registered with irq_set_handler(), which run with IRQs masked).
 */
#ifndef RTOS_H
#define RTOS_H

#include <stdint.h>

#ifndef RTOS_MAX_TASKS
#define RTOS_MAX_TASKS		8u	/* <= 32: the ready set is one word */
#endif
#ifndef RTOS_STACK_SIZE
#define RTOS_STACK_SIZE		4096u	/* bytes per task, multiple of 8 */
#endif
#define RTOS_IDLE_PRIO		(RTOS_MAX_TASKS - 1u)

#define RTOS_FOREVER		0xffffffffu	/* timeout: no time limit */
#define RTOS_OK			0
#define RTOS_ETIMEDOUT		(-1)

typedef void (*rtos_task_fn)(void *arg);

/* Counting semaphore; initialise with RTOS_SEM_INIT(n) or sem_init(). */
struct rtos_sem {
	volatile uint32_t count;
	volatile uint32_t waiters;	/* bit p: task of priority p waits */
};
#define RTOS_SEM_INIT(n)	{ (n), 0 }

/* Event flags: 32 bits a task can wait for (any or all of a mask). */
struct rtos_event {
	volatile uint32_t flags;
	volatile uint32_t waiters;
};
#define RTOS_EVENT_INIT		{ 0, 0 }
#define EVENT_ANY		0u	/* wake when any bit of the mask is set */
#define EVENT_ALL		1u	/* ... when all of them are */
#define EVENT_CLEAR		2u	/* consume the bits that satisfied the wait */

/* Counters for the report (all since rtos_start). */
struct rtos_stats {
	uint32_t switches;	/* context switches */
	uint32_t preemptions;	/* a non-idle task switched out on IRQ exit */
	uint32_t idle_wfi;	/* wfi executed by the idle task */
	uint32_t timer_irqs;	/* virtual timer interrupts handled */
};

/* Once, from main with IRQs masked: vectors, GIC, virtual timer. */
void rtos_init(void);
/*
 * Static task at a free priority < RTOS_IDLE_PRIO.  Returns 0, or -1 if
 * the priority is taken or out of range.  Before rtos_start() only.
 */
int task_create(const char *name, uint32_t prio, rtos_task_fn fn, void *arg);
/* Creates the idle task and runs the most urgent task; never returns. */
__attribute__((noreturn)) void rtos_start(void);

uint64_t rtos_now(void);		/* CNTVCT */
uint32_t rtos_self_prio(void);
void rtos_get_stats(struct rtos_stats *out);
/* Bytes of the task's stack ever used (stack painted at creation). */
uint32_t task_stack_used(uint32_t prio);

void task_sleep(uint32_t ticks);
void task_sleep_until(uint64_t when);
/* Make the caller periodic; the first release is one period from now. */
void task_set_period(uint32_t period);
/*
 * Block until the next release (previous release + period, absolute, so
 * lateness does not drift the schedule) and return that release time.
 * If it has already passed, returns at once and counts an overrun.
 */
uint64_t task_wait_next_period(void);
uint32_t task_overruns(void);

void sem_init(struct rtos_sem *s, uint32_t count);
/* RTOS_OK, or RTOS_ETIMEDOUT (at once if timeout is 0 and count is 0). */
int sem_take(struct rtos_sem *s, uint32_t timeout);
void sem_give(struct rtos_sem *s);
/* sem_give for interrupt handlers only (IRQs masked already): no mask to
 * save and restore, no switch (the interrupt's exit path switches). */
void sem_give_from_irq(struct rtos_sem *s);

/* Returns the flags that satisfied the wait, or 0 on timeout. */
uint32_t event_wait(struct rtos_event *e, uint32_t mask, uint32_t opts,
		    uint32_t timeout);
void event_set(struct rtos_event *e, uint32_t bits);
void event_clear(struct rtos_event *e, uint32_t bits);

#endif
