/* SPDX-License-Identifier: MIT */
/*
 * The static system configuration: what tools/gen derives from the board and
 * partition device trees and emits as const C data into $(O)/gen/vmconfig.c.
 *
 * This header is the contract between the generator and the hypervisor. The
 * hypervisor never allocates; it only reads these tables. The generator
 * includes this header when it is compiled for the host too (for sizes and
 * constants), so keep it free of target-only constructs.
 */
#ifndef SHIKIRI_VMCONFIG_H
#define SHIKIRI_VMCONFIG_H

#include <stddef.h>
#include <stdint.h>

#define VM_NAME_MAX 16u          /* including the terminating NUL */
#define GIC_MAX_IRQS 1024u       /* GICv2 interrupt ID space (0..1019 usable) */
#define IRQ_BITMAP_WORDS (GIC_MAX_IRQS / 32u)
#define PAGE_SIZE 4096u

/* Real-time level of a VM (partition property rt-level). */
enum vm_level {
	VM_LEVEL_HRT = 0, /* owns its cores; physical GICC; IRQs never trap */
	VM_LEVEL_SRT = 1, /* vGIC (GICV + list registers) */
	VM_LEVEL_BE = 2,  /* like srt, lowest precedence when cores are shared */
};

/* Where a VM's console goes (partition property console). */
enum vm_console {
	VM_CONSOLE_VUART = 0,       /* emulated PL011, lines prefixed "[name] " */
	VM_CONSOLE_PASSTHROUGH = 1, /* the board UART is mapped into the VM */
	VM_CONSOLE_NONE = 2,        /* no UART at all: accesses fault */
};

/* What PSCI SYSTEM_RESET does to a VM (partition property reset). */
enum vm_reset {
	VM_RESET_RESTART = 0, /* restart from the pristine copies the hypervisor image keeps */
	VM_RESET_HALT = 1,    /* no pristine copies: the VM stops */
};

#define VM_MAX_MEM 8u            /* memory regions per VM */
#define VM_MEM_READ_ONLY 0x1u    /* ROM to the guest: stage 2 maps it without write */
/* Cache colouring (CONFIG_CACHE_COLOURING): the region is 4 KiB frames of
 * the VM's colours, scattered in PA; pa is 0 and its stage-2 tables are the
 * only IPA -> PA map (src/core/colour.c walks them). */
#define VM_MEM_COLOURED 0x2u

/*
 * One contiguous guest memory region: guest-physical (IPA) -> physical (PA)
 * (contiguous in PA too, unless VM_MEM_COLOURED).
 * A VM has RAM and, optionally, read-only regions (flash for firmware that is
 * linked at a fixed address); the hypervisor loads images into either.
 */
struct vm_mem_config {
	uint32_t ipa;
	uint32_t pa;
	uint32_t size;
	uint32_t flags; /* VM_MEM_* */
};

/* A scheduling policy (sched.h): the generator names one per shared core. */
struct sched_ops;

/* A VM's scheduling parameters (partition properties), in microseconds of
 * the generic timer; they matter only on shared cores, and only the ones
 * the core's scheduler uses are checked (the rest are 0). */
struct vm_sched_config {
	uint32_t priority;  /* fp: 1..255, larger runs first */
	uint32_t period_us; /* edf: period = relative deadline */
	uint32_t budget_us; /* edf: 0 < budget_us <= period_us */
	uint32_t slice_us;  /* rr: time slice */
};

/*
 * Inter-VM channels (/partitions/channels, docs/channels.md): shared memory
 * mapped into every VM on the channel, and per VM an emulated doorbell page
 * whose RING register raises the doorbell interrupt of every other VM on it.
 */
#define CHAN_MAX_VMS 8u          /* VMs on one channel */
#define VM_MAX_CHANNELS 8u       /* channels one VM is on */
#define CHAN_END_READ_ONLY 0x1u  /* this VM maps the memory without write */

/* One VM's side of a channel. */
struct chan_end_config {
	uint32_t vm;           /* VM index */
	uint32_t ipa;          /* the shared memory in that VM's IPA space */
	uint32_t doorbell_ipa; /* its doorbell page (4 KiB, emulated) */
	uint32_t irq;          /* its doorbell interrupt: a physical SPI the VM owns
				* (in its irq_bitmap), raised with GICD_ISPENDR */
	uint32_t flags;        /* CHAN_END_* */
};

struct chan_config {
	const char *name;   /* the channel node's name */
	uint32_t pa;        /* shared memory: physical base, 4 KiB aligned */
	uint32_t size;      /* bytes, a multiple of 4 KiB */
	uint32_t nr_ends;   /* 2..CHAN_MAX_VMS; end i is the VM's index on the channel */
	struct chan_end_config ends[CHAN_MAX_VMS];
};

/* A VM's place on a channel: chan_configs[chan].ends[end]. */
struct vm_chan_ref {
	uint16_t chan;
	uint16_t end;
};

struct vm_config {
	const char *name;    /* partition node name */
	uint32_t id;         /* index in vm_configs[]; VMID = id + 1 */
	uint32_t level;      /* enum vm_level */
	uint32_t console;    /* enum vm_console */
	uint32_t nr_vcpus;   /* 1..CONFIG_MAX_VCPUS_PER_VM */
	/* vCPU n runs on physical core vcpu_pcpu[n] (index into pcpu_configs). */
	uint8_t vcpu_pcpu[CONFIG_MAX_VCPUS_PER_VM];
	/* Memory regions, disjoint in IPA and PA; at least one is writable. */
	uint32_t nr_mem;
	struct vm_mem_config mem[VM_MAX_MEM];
	/*
	 * Guest image, device tree blob and initrd (dtb/initrd: 0/NULL when
	 * none). Each *_load points where the boot loader put that blob: in
	 * shikiri.elf and the FIT each one is its own load segment at the PA
	 * of its IPA, so *_load is that PA and boot copies nothing; in the
	 * packed shikiri.bin (one blob: bootz, raw -kernel) they lie in the
	 * hypervisor image and boot copies them once. image, dtb and initrd
	 * are the pristine copies in the hypervisor image that SYSTEM_RESET
	 * restores (reset = VM_RESET_RESTART); all NULL with VM_RESET_HALT.
	 * The image may go to a read-only region; the DTB (r2 of the boot
	 * vCPU, Linux boot protocol) and the initrd go to writable ones.
	 */
	uint32_t reset; /* enum vm_reset */
	const uint8_t *image;
	const uint8_t *image_load;
	uint32_t image_size;
	uint32_t load_ipa;
	uint32_t entry_ipa;
	const uint8_t *dtb;
	const uint8_t *dtb_load;
	uint32_t dtb_size;
	uint32_t dtb_ipa;
	const uint8_t *initrd;
	const uint8_t *initrd_load;
	uint32_t initrd_size;
	uint32_t initrd_ipa;
	/* Stage-2 root: level-1 table of 4 LPAE descriptors (32-bit IPA space,
	 * VTCR.T0SZ = 0, SL0 = 1), 64-bit little-endian entries. */
	const void *s2_root;
	/* Bit n set: GIC interrupt ID n belongs to this VM (SPIs it owns plus
	 * the PPIs every VM has on its own cores: timers). */
	uint32_t irq_bitmap[IRQ_BITMAP_WORDS];
	struct vm_sched_config sched;
	/* The channels this VM is on, in channel order. */
	uint32_t nr_chans;
	struct vm_chan_ref chans[VM_MAX_CHANNELS];
#ifdef CONFIG_CACHE_COLOURING
	/* Its L2 colours (bit n: colour n; 0: not coloured) of nr_colours, the
	 * board's (for the console; the tables are what the hardware uses). */
	uint64_t colours;
	uint32_t nr_colours;
#endif
};

/*
 * Restart policy (partition properties reset, on-fault, on-system-off,
 * restart-limit; docs/partition-binding.md "Restart policy"): what an event
 * of the VM does. A restart restores the pristine copies (reset =
 * "restart") on the VM's own cores, as SYSTEM_RESET does; with a limit, the
 * restart that would be the (limit + 1)-th within window_ms stops the VM
 * instead. One entry per VM in vm_policies[].
 */
enum vm_on_event {
	VM_ON_STOP = 0,
	VM_ON_RESTART = 1,
};

struct vm_policy {
	uint8_t on_fault; /* enum vm_on_event: a guest fault (vm_fault) */
	uint8_t on_off;	  /* PSCI SYSTEM_OFF */
	uint8_t on_reset; /* PSCI SYSTEM_RESET (VM_ON_RESTART iff reset = "restart") */
	uint8_t pad;
	uint32_t limit;	    /* restarts per window, 0: no limit */
	uint32_t window_ms; /* the window, with a limit */
};

/*
 * Control rights (/partitions/control in the system file, docs/control.md):
 * a controller VM may observe, stop/restart, or load an image into the VMs
 * it names, each right separately, through its emulated control page (and
 * the control hypercalls). No right exists that is not in ctl_configs[].
 */
#define CTL_RIGHT_OBSERVE 0x1u /* state and counters */
#define CTL_RIGHT_RESTART 0x2u /* stop, restart (implies observe) */
#define CTL_RIGHT_LOAD 0x4u    /* load a staged image (implies observe) */
#define CTL_MAX_TARGETS 8u     /* VMs one controller names */

struct ctl_target {
	uint32_t vm;	 /* VM index */
	uint32_t rights; /* CTL_RIGHT_* */
};

struct ctl_config {
	uint32_t vm;	   /* the controller's VM index */
	uint32_t page_ipa; /* its control page (4 KiB, emulated) */
	uint32_t irq;	   /* its state-change interrupt (an SPI it owns), 0: none */
	uint32_t nr_targets;
	struct ctl_target t[CTL_MAX_TARGETS];
};

/*
 * Image load (staging = <ipa max-size> in a controller's node, docs/control.md
 * "Image load"): the staging region the controller writes (mapped read-write
 * into it only) and, per VM it may load, two pristine slots of size bytes
 * that no VM maps. Only a system with a load right has entries; only such a
 * hypervisor (FEATURE_LOAD) reads them.
 */
struct ctl_load_target {
	uint32_t vm;	     /* VM index */
	uint32_t slot_pa[2]; /* its pristine slots */
};

struct ctl_load_config {
	uint32_t vm;	      /* the controller's VM index */
	uint32_t staging_ipa; /* in the controller */
	uint32_t staging_pa;
	uint32_t size; /* the staging region's and each slot's: the largest image */
	uint32_t nr_targets;
	struct ctl_load_target t[CTL_MAX_TARGETS];
};

/* One entry per physical core the board has (CONFIG_NR_CPUS). */
/* One vCPU placed on a physical core. */
struct pcpu_vcpu {
	uint8_t vm;   /* VM index */
	uint8_t vcpu; /* vCPU index inside that VM */
};

struct pcpu_config {
	uint32_t mpidr; /* affinity value (MPIDR[23:0]) of this core */
	int32_t vm;     /* VM of vcpus[0], or -1: no vCPU, the core stays off */
	int32_t vcpu;   /* vCPU index of vcpus[0] inside that VM, or -1 */
	/* Scheduler of the core: &sched_<name>_ops, <name> being its
	 * /partitions/cores scheduler = "<name>", else CONFIG_SCHED_DEFAULT.
	 * NULL exactly when nr_vcpus <= 1: the vCPU owns the core as before,
	 * with no tick and no added cost. */
	const struct sched_ops *sched_ops;
	uint32_t nr_vcpus; /* 0..CONFIG_MAX_VCPUS_PER_PCPU; > 1 only for srt/be */
	struct pcpu_vcpu vcpus[CONFIG_MAX_VCPUS_PER_PCPU];
};

/* Console UART register interface (board DT compatible of chosen/stdout-path). */
enum board_uart_type {
	BOARD_UART_PL011 = 0,   /* "arm,pl011" */
	BOARD_UART_NS16550 = 1, /* "ns16550a", "ns16550", "snps,dw-apb-uart", ... */
	BOARD_UART_CDNS = 2,    /* "xlnx,xuartps", "cdns,uart-r1p8": the Zynq's */
};

/* Board facts the hypervisor needs, taken from the board DT. */
struct board_config {
	uint32_t ram_base, ram_size;
	/* Bit n set: GiB n of the physical address space holds RAM (normal
	 * memory in the Hyp identity map); every other GiB is device memory. */
	uint32_t ram_gib_mask;
	uint32_t gicd_pa, gicc_pa, gich_pa, gicv_pa;
	uint32_t uart_pa;      /* hypervisor console (chosen/stdout-path) */
	uint32_t uart_irq;     /* its GIC interrupt ID */
	uint32_t uart_type;    /* enum board_uart_type */
	uint32_t uart_reg_shift;    /* 16550: register n at uart_pa + (n << shift) */
	uint32_t uart_reg_io_width; /* 16550: access width in bytes, 1 or 4 */
};

/*
 * TrustZone mode: the SoC's security registers as the partitions set them
 * (the generator's check_tz_soc.c; $(O)/gen/tz-soc.txt says what each bit
 * is for). The monitor writes them at boot, before any world runs
 * (src/arch/armv7-tz/tz_soc.c): the unlock key, each register, the lock
 * key; then it sends the secondary cores from the boot ROM to its pen.
 * Only on boards that have such registers (FEATURE_TZ_SOC).
 */
#define TZ_SOC_MAX_REGS 8
struct tz_soc_reg {
	uint32_t pa, val;
	uint32_t readback; /* 1: readable, checked after the write */
};
struct tz_soc_config {
	uint32_t unlock_pa, unlock_key, lock_pa, lock_key;
	uint32_t release_pa; /* 0: no boot ROM release word */
	uint32_t nr;
	struct tz_soc_reg reg[TZ_SOC_MAX_REGS];
};

extern const struct vm_config vm_configs[];
extern const uint32_t vm_config_count;
extern const struct chan_config chan_configs[];
extern const uint32_t chan_config_count;
extern const struct vm_policy vm_policies[];
extern const struct ctl_config ctl_configs[];
extern const uint32_t ctl_config_count;
extern const struct ctl_load_config ctl_load_configs[];
extern const uint32_t ctl_load_config_count;
extern const struct pcpu_config pcpu_configs[CONFIG_NR_CPUS];
extern const struct board_config board_config;
extern const struct tz_soc_config tz_soc_config;

#endif /* SHIKIRI_VMCONFIG_H */
