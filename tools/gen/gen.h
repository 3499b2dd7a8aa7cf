/* SPDX-License-Identifier: MIT */
/*
 * shikiri-gen: shared data model. The board and partition device trees are
 * read once into these structures (parse_*.c); the checks, placement, the
 * builds (run lists, guest DTBs, stage-2 tables) and emission then work on
 * them, never on raw DT bytes. Every phase reads and writes only this.
 *
 * All addresses are kept in uint64_t with exclusive ends so that a range
 * ending at 4 GiB, or a hostile size, can never wrap.
 */
#ifndef GEN_GEN_H
#define GEN_GEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "annot.h"
/* Constants and enums shared with the hypervisor (never its struct sizes:
 * the host's pointers are not the target's). */
#include "vmconfig.h"

#define GEN_MAX_CPUS 256   /* vcpu_pcpu[] holds uint8_t core indices */
#define GEN_MAX_VMS 255    /* VMID = id + 1 must fit 8 bits */
#define GEN_MAX_MEM 16     /* board memory ranges */
#define GEN_MAX_DEVS 64    /* passed-through devices per VM */
#define GEN_MAX_WINS 256   /* device reg windows per VM */
#define GEN_MAX_REGIONS VM_MAX_MEM /* memory regions per VM */
#define GEN_MAX_SPIS 988   /* SPIs 32..1019 */
#define GEN_NR_IRQS GIC_MAX_IRQS
#define GEN_NAME_MAX (VM_NAME_MAX - 1)
/* vCPUs on one core: the generator is built with the Kconfig maximum, and
 * --max-vcpus-per-pcpu (the configured value) may only lower it. */
#define GEN_MAX_PCPU_VCPUS CONFIG_MAX_VCPUS_PER_PCPU
#define GEN_MAX_CHANNELS 64 /* /partitions/channels entries */
#define GEN_MAX_CHAN_VMS CHAN_MAX_VMS /* VMs on one channel */
#define GEN_MAX_COLOURS 64 /* cache colours: a uint64_t bitmap (256 KiB ways) */

#define GEN_LEVEL_HRT VM_LEVEL_HRT
#define GEN_LEVEL_SRT VM_LEVEL_SRT
#define GEN_LEVEL_BE VM_LEVEL_BE

#define GEN_CONSOLE_VUART VM_CONSOLE_VUART
#define GEN_CONSOLE_PASSTHROUGH VM_CONSOLE_PASSTHROUGH
#define GEN_CONSOLE_NONE VM_CONSOLE_NONE

/* [start, end) */
struct range {
	uint64_t start;
	uint64_t end;
};

struct options {
	const char *out;
	const char *objtree;
	const char *srctree;
	const char *board;
	const char **parts;
	int nr_parts;
	uint32_t nr_cpus;
	uint32_t max_vms;
	uint32_t max_vcpus;
	uint64_t hyp_base;
	uint64_t hyp_size;
	const char *dtb;       /* hidden: use this dtb, skip dtc */
	const char *annotated; /* hidden: annotated dts for --dtb */
	const char *board_dtb; /* hidden: the board alone, for --dtb */
	uint32_t max_pcpu_vcpus; /* --max-vcpus-per-pcpu */
	/* --sched-default NAME ("": none) and --sched-enabled "fp,edf,rr": the
	 * schedulers the hypervisor is built with (CONFIG_SCHED_*), names only
	 * (a-z 0-9 _: the generated code names sched_<name>_ops) */
	const char *sched_default;
	const char *sched_enabled;
	/* --platform NAME, --platform-compatible STRING: the board DT's root
	 * compatible must list STRING (check_platform.c); not checked without */
	const char *platform;
	const char *platform_compatible;
	/* --arch armv7-tz: the TrustZone mode (tz.c); default armv7, the
	 * Virtualization Extensions */
	bool tz;
	bool quiet;            /* count errors without printing them (fuzzing) */
	bool no_dtc;           /* never run dtc (fuzzing): overlays are refused */
	bool colouring;        /* --cache-colouring (CONFIG_CACHE_COLOURING) */
};

struct board {
	uint32_t nr_cores;               /* cores that exist (<= --nr-cpus) */
	int cpu_node[GEN_MAX_CPUS];
	uint32_t mpidr[GEN_MAX_CPUS];
	uint32_t nr_mem;
	struct range mem[GEN_MAX_MEM];
	int mem_node[GEN_MAX_MEM];
	/* RAM no VM, channel or hypervisor may take: /reserved-memory children
	 * and /memreserve/ entries (node 0: a /memreserve/ entry) */
	uint32_t nr_resv;
	struct range resv[GEN_MAX_MEM];
	int resv_node[GEN_MAX_MEM];
	int gic_node;
	/* each GIC window as declared, 4 KiB aligned and at least what the
	 * hypervisor uses of it, its end rounded up to a page */
	struct range gicd, gicc, gich, gicv;
	int uart_node;
	uint64_t uart_pa;
	struct range uart; /* the console's pages: its reg[0] page-rounded */
	uint32_t uart_irq;
	uint32_t uart_type;              /* enum board_uart_type */
	uint32_t uart_reg_shift, uart_reg_io_width;
	uint32_t ram_gib_mask;           /* GiBs holding board memory (Hyp map) */
	uint64_t ram_base, ram_size;     /* the memory range holding the hypervisor */
	/* the level-2 cache's geometry, read only when a VM is coloured
	 * (parse_colour.c): colour n = PA bits [12, 12 + log2(nr_colours)) */
	int llc_node;                    /* -1: none found (yet) */
	uint32_t llc_size, llc_sets, llc_line, llc_ways;
	uint32_t nr_colours;             /* way size / 4 KiB; 0: not read or invalid */
	/* the TrustZone mode (check_tz.c): no memory node declares a security
	 * granule (shikiri,tz-granule), so nothing makes Secure RAM secure-only */
	bool tz_unenforced;
};

/*
 * One guest memory region: the single "memory = <ipa size>" form, or one
 * child of "memory-regions". A read-only region is ROM to the guest (the
 * hypervisor still loads an image into it at every start).
 */
struct region {
	char name[GEN_NAME_MAX + 1];
	bool single;           /* the "memory" property form */
	int node;              /* node holding its properties */
	const char *prop;      /* its <ipa size> property: "memory" or "reg" */
	uint64_t ipa, size, pa;
	bool has_phys, direct_map, placed, read_only;
	/* a coloured VM's region (place_colour.c): the PA >> 12 of each of its
	 * size / 4 KiB pages, in IPA order; pa is then unused (0) */
	uint32_t *frames;
};

/* A passed-through MMIO window, already rounded out to 4 KiB pages. */
struct window {
	int node;
	struct range r;
};

/*
 * A VM's scheduling parameters (sched-* properties, microseconds). `given`
 * has bit n set for parameter n present and in range; `used` for the ones a
 * scheduler of one of the VM's shared cores needs (only those are emitted).
 */
enum { SP_PRIORITY, SP_PERIOD, SP_BUDGET, SP_SLICE, SP_NR };
struct vm_sched {
	uint32_t val[SP_NR];
	uint32_t given, used;
	bool ok;     /* every sched-* property present is well-formed */
	bool shared; /* on a shared core with a scheduler */
};

/* One VM's side of a channel (a subnode of the channel, named after the VM). */
struct chan_end {
	int node;
	int vm;           /* index into gen.vms, -1 if unknown */
	bool ro;          /* access = "ro": stage 2 without write */
	uint64_t ipa;     /* the shared memory in this VM's IPA space */
	uint64_t doorbell; /* its emulated doorbell page */
	uint32_t irq;     /* its doorbell interrupt ID (an SPI) */
	bool ok;          /* parsed and checked without error */
};

/* /partitions/channels/<name>: shared memory plus doorbells (parse_chan.c, place_chan.c). */
struct channel {
	int node;
	char name[GEN_NAME_MAX + 1];
	uint64_t size, pa;
	bool has_pa, placed, ok;
	bool size_ok;     /* size valid: the ends can be checked */
	uint32_t nr_ends;
	struct chan_end end[GEN_MAX_CHAN_VMS];
};

struct vm {
	int node;
	char name[GEN_NAME_MAX + 1];
	bool ok_level, ok_cpus, ok_mem, ok_image; /* property parsed without error */
	uint32_t level;
	uint32_t console;
	uint32_t reset;         /* enum vm_reset: the "reset" property */
	uint32_t nr_vcpus;
	uint8_t vcpu_pcpu[GEN_MAX_CPUS];
	uint32_t nr_regions;
	struct region region[GEN_MAX_REGIONS];
	uint64_t dtb_addr;      /* the dtb-address property */
	bool has_dtb_addr;
	const char *image;      /* as written in the partition */
	char *image_path;       /* absolute path of the file found */
	uint64_t image_size;
	uint64_t load, entry;
	bool has_load, has_entry;
	bool image_ok;          /* image found, load/entry/size checked */
	/* guest device tree (build_dtb.c, place_dtb.c) */
	const char *bootargs;   /* optional */
	const char *initrd;     /* as written, optional */
	char *initrd_path;
	uint64_t initrd_size;
	const char *overlay;    /* as written, optional */
	char *overlay_path;
	bool psci_hvc;          /* psci-method = "hvc" */
	bool linux_guest;       /* the "linux" property: zImage checks */
	bool ok_guest;          /* the guest DT properties parsed without error */
	uint8_t *dtb;           /* the generated blob, NULL if none */
	void *overlay_dtb;      /* the compiled overlay, between the DTB's two passes */
	uint32_t dtb_size;
	uint64_t dtb_ipa, initrd_ipa;
	uint32_t nr_devs;
	int dev_node[GEN_MAX_DEVS];
	uint32_t nr_irqs;           /* the "irqs" property */
	uint32_t irqs[GEN_NR_IRQS];
	uint32_t nr_wins;
	struct window win[GEN_MAX_WINS];
	uint32_t irq_bitmap[GEN_NR_IRQS / 32];
	/* stage-2 descriptor counts per level (1 GiB, 2 MiB, 4 KiB) */
	uint32_t nr_desc[3];
	struct vm_sched sched;
	/* cache-colours (parse_colour.c): bit n = colour n; 0 = uncoloured */
	uint64_t colours;
	bool colour_no_dma;     /* cache-colours-no-dma: its devices master no DMA */
};

/* One physical core: who runs on it (VM order, then vCPU order) and how. */
struct pcpu {
	int entry;      /* its /partitions/cores child, or -1 */
	const char *named; /* the entry's scheduler, NULL if no entry (or refused) */
	const char *sched; /* the scheduler it runs (a built-in name): NULL unless nr > 1 */
	uint32_t nr;    /* vCPUs placed on it (may exceed the limit: reported) */
	bool tz_shared; /* the TrustZone mode's shared layout: Secure vCPU first, no scheduler */
	struct {
		uint8_t vm, vcpu;
	} v[GEN_MAX_PCPU_VCPUS];
};

/*
 * check_tz_soc.c: the SoC's TrustZone registers as the partitions set them
 * (the Zynq-7000's SLCR and security_mod2), written by the monitor at boot
 * (tz_soc.c). soc NULL: the board has none shikiri writes.
 */
#define GEN_TZ_SOC_REGS 8
struct gen_tz_soc {
	const char *soc;
	uint32_t unlock_pa, unlock_key, lock_pa, lock_key;
	uint32_t release_pa; /* the secondary cores' boot ROM release word, 0: none */
	uint32_t nr;
	struct gen_tz_reg {
		uint32_t pa, val;
		bool readback;	  /* readable: the monitor checks what it wrote */
		const char *name; /* the TRM's */
		char what[400];	  /* which partition or device each bit is for */
	} reg[GEN_TZ_SOC_REGS];
};

struct gen {
	struct options opt;
	const void *fdt;
	const void *board_fdt;  /* the board compiled alone, NULL in test modes */
	struct annot annot;
	unsigned int errors;
	struct board board;
	uint32_t nr_vms;
	struct vm *vms;
	int cores_node;                /* /partitions/cores, or -1 */
	struct pcpu pcpu[GEN_MAX_CPUS]; /* filled by sched_assign() */
	int channels_node;      /* /partitions/channels, or -1 */
	uint32_t nr_chans;
	struct channel *chans;
	struct s2 *s2;          /* each VM's stage-2 tables (build_stage2.c) */
	struct gen_control *control; /* parse_control.c */
	struct gen_tz_soc tz_soc;    /* check_tz_soc.c */
	/* physical RAM the control rights hold (image load's staging and
	 * pristine slots, place_control.c): obstacles to every later placement */
	uint32_t nr_held;
	struct range *held;
};

/*
 * The phases' functions, by phase (file prefix). process.c calls them, in
 * the order of tools/gen/README.md ("Pipeline"); a phase calls only its
 * own phase's files and the support files, never another phase.
 */

/* ---- parse ---- */
/* parse_board.c: the board half of the system DT; 0, or -1 (reported). */
int board_load(struct gen *g);
/* parse_vm.c: per-VM property parsing (syntax and local checks). */
int partitions_load(struct gen *g);
/* parse_sched.c: the VM's sched-* properties (from parse_vm.c). */
void sched_parse_vm(struct gen *g, struct vm *vm);
/* parse_sched.c: /partitions/cores (from parse_vm.c, before the VMs). */
void sched_parse_cores(struct gen *g, int node);
/* parse_chan.c: parse and check every channel against the VMs (after validate()). */
void channels_load(struct gen *g);
/* parse_colour.c: each VM's cache-colours and, when one has them, the
 * board's level-2 cache geometry (after partitions_load()). */
void colours_load(struct gen *g);

/* ---- check ---- */
/* check_merge.c: the partition files changed nothing but their own VM nodes. */
void check_merge(struct gen *g);
/* check_platform.c: the board DT is one of the platform's
 * (--platform-compatible); 0, or -1 (reported). */
int platform_check(struct gen *g);
/* check_vm.c: cross-VM ownership, layout and image checks. */
void validate(struct gen *g);
/* check_tz.c: what TrustZone cannot give (--arch armv7-tz only). */
void tz_check(struct gen *g);
/* check_tz_soc.c, after placement: the SoC's TrustZone register values from
 * the partitions (g->tz_soc), and what they cannot express. */
void tz_soc_build(struct gen *g);
/*
 * check_vm.c: find an input file named in a partition like "image": an
 * absolute path as is, a relative one under OBJTREE, then SRCTREE.
 * Returns the absolute path (malloc'd) and its size, or NULL after
 * reporting "WHAT "name" not found ..." on prop.
 */
char *find_input(struct gen *g, struct vm *vm, const char *prop, const char *what,
		 const char *name, uint64_t *size);
/* check_colour.c: colour exclusivity, coloured VMs without direct-map or DMA. */
void colours_check(struct gen *g);
/* check_placed.c, after placement: device windows against every VM's memory. */
void validate_placed(struct gen *g);
/* check_placed.c, last: VM i has its DTB, and its image, DTB and initrd lie
 * in its own memory (the loader writes each at its PA unchecked). */
void check_loadable(struct gen *g, uint32_t i);

/* ---- place ---- */
/* place_chan.c: fixed-pa channels checked against board memory and fixed
 * regions, and marked placed (before place_ram(), which then avoids them). */
void channels_fixed(struct gen *g);
/* place_dtb.c: vm->dtb_ipa and initrd_ipa in the VM's RAM; false if they do
 * not fit (reported) or the image is not known. */
bool place_dtb(struct gen *g, struct vm *vm);
/* place_ram.c: a PA for every region without memory-phys/direct-map. */
void place_ram(struct gen *g);
/* place_ram.c: the lowest free board-RAM address for size bytes with
 * pa == ipa (mod block); false if none. Obstacles: the hypervisor, every
 * placed VM region and every placed channel. */
bool place_find(const struct gen *g, uint64_t ipa, uint64_t size, uint64_t block, uint64_t *pa);
/* place_chan.c: channels without pa in free board RAM (after place_ram()). */
void channels_place(struct gen *g);
/* place_colour.c: each coloured VM's regions as 4 KiB frames of its colours
 * in the board RAM everything else left free (after every other placement). */
void colours_place(struct gen *g);

/* ---- build ---- */
/* build_sched.c: run lists of every core and the checks between the VMs on one core. */
void sched_assign(struct gen *g);
/*
 * build_dtb.c: VM id's device tree blob in two passes around place_dtb():
 * build_dtb_size() sets vm->dtb_size (0, or -1 when there is no tree to
 * build: reported, or an earlier error), build_dtb() writes vm->dtb with
 * the initrd's address.
 */
int build_dtb_size(struct gen *g, uint32_t id);
void build_dtb(struct gen *g, uint32_t id);
/* build_stage2.c: VM i's stage-2 tables into g->s2[i] (allocated by the
 * caller for every VM); fills its nr_desc. */
void build_stage2(struct gen *g, uint32_t i);

/* ---- restart policies and control rights (docs/control.md) ---- */
/* parse_control.c: restart policies and /partitions/control, after the
 * channels (it checks against their windows and interrupts); freed by
 * gen_free. */
struct gen_control;
void control_load(struct gen *g);
void control_free(struct gen *g);
/* place_control.c: image load's staging regions and pristine slots in free
 * board RAM (after channels_place, before colours_place). */
void control_place(struct gen *g);
struct sbuf;
/* emit_control.c: vmconfig.c's control tables, the summary's lines. */
void control_emit(const struct gen *g, struct sbuf *sb);
void control_summary(const struct gen *g, struct sbuf *sb);

/* ---- emit: each output built in memory, written by gen_write() ---- */
struct sbuf;
void emit_vmconfig(const struct gen *g, struct sbuf *sb);  /* emit_c.c: vmconfig.c */
void emit_images(const struct gen *g, struct sbuf *sb);    /* emit_asm.c: images.S */
void emit_placed_ld(const struct gen *g, struct sbuf *sb); /* emit_ld.c: images-placed.ld */
void emit_packed_ld(const struct gen *g, struct sbuf *sb); /* emit_ld.c: images-packed.ld */
void emit_deps(const struct gen *g, struct sbuf *sb);      /* emit_deps.c: deps.mk */
void emit_summary(const struct gen *g, struct sbuf *sb);   /* emit_summary.c: summary.txt */
void emit_map(const struct gen *g, struct sbuf *sb);       /* emit_map.c: map.dot */
/* emit_features.c: what the hypervisor links: the summary's "features:"
 * block (appended), features.mk, features.h. */
void emit_features(const struct gen *g, struct sbuf *summary, struct sbuf *mk, struct sbuf *h);
/* emit_tz_soc.c: g->tz_soc as tz_soc_config (appended to vmconfig.c) and as
 * the commented table tz-soc.txt. */
void emit_tz_soc(const struct gen *g, struct sbuf *c, struct sbuf *txt);

/* vmconfig.c images.S deps.mk summary.txt map.dot images-placed.ld images-packed.ld
 * features.mk features.h */
#define GEN_NR_OUTPUTS 10

/* ---- process.c: the driver ---- */
/* A blob safe to read with libfdt (fdt_check_full); 0, or -1 after printing. */
int gen_check_blob(const struct gen *g, const char *what, const void *blob, size_t len);
/*
 * Every phase after loading g->fdt (and g->board_fdt), in order; errors in
 * g->errors. Without errors, out[GEN_NR_OUTPUTS] (initialised by the
 * caller) holds the outputs' text.
 */
void gen_process(struct gen *g, struct sbuf *out);
/* The outputs into --out (the VMs' DTBs first); 0 or -1 (reported). */
int gen_write(const struct gen *g, const struct sbuf *out);
/* Frees what the phases allocated (not the blobs). */
void gen_free(struct gen *g);

static inline struct range region_ipa(const struct region *r)
{
	return (struct range){ r->ipa, r->ipa + r->size };
}

static inline struct range region_pa(const struct region *r)
{
	return (struct range){ r->pa, r->pa + r->size };
}

static inline bool range_overlap(struct range a, struct range b)
{
	return a.start < b.end && b.start < a.end;
}

static inline void bitmap_set(uint32_t *bm, uint32_t bit)
{
	bm[bit / 32] |= 1u << (bit % 32);
}

static inline bool bitmap_test(const uint32_t *bm, uint32_t bit)
{
	return (bm[bit / 32] >> (bit % 32)) & 1u;
}

#endif
