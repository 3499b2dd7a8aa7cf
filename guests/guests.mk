# Test guests: bare-metal images for the shikiri partitions.
#
# Included by the top Makefile, which provides O (absolute build dir),
# srctree (absolute repo root), Q ("@" or empty) and CROSS_COMPILE.  Also
# usable on its own:
#   make -f guests/guests.mk O=/tmp/g srctree=$PWD guests
#
# Builds $(SHARED_O)/guests/<name>.elf and .bin for each name in GUEST_NAMES
# (from guests/<name>/*.c); objects go to $(SHARED_O)/guests/obj/.  SHARED_O
# (default: O) is where the configuration-independent parts of a build go:
# nothing here reads the configuration, so builds of several configurations
# can share one set of guests (docs/make-targets.md).  Variables are
# GUEST_-prefixed so the includer's CC/CFLAGS (for the hypervisor) are left alone.

# Do not let the first rule in here become the includer's default goal.
GUEST_SAVED_DEFAULT_GOAL := $(.DEFAULT_GOAL)

srctree ?= $(CURDIR)
O ?= $(srctree)/build
Q ?= @
CROSS_COMPILE ?= arm-none-eabi-

GUEST_CC      := $(CROSS_COMPILE)gcc
GUEST_OBJCOPY := $(CROSS_COMPILE)objcopy

GUEST_SRC := $(srctree)/guests
GUEST_OUT := $(or $(SHARED_O),$(O))/guests
GUEST_OBJ := $(GUEST_OUT)/obj
GUEST_LDS := $(GUEST_SRC)/lib/guest.ld

GUEST_NAMES := hello smp fault_ram fault_mmio fault_exec hvc spin \
	timer storm hostile victim sgi reset prio echo

# Per-guest knobs: GUEST_SRCDIR_<name> is the directory under guests/ whose
# .c files make the guest (default: <name>), GUEST_CFLAGS_<name> is added
# when compiling them.  Together they build one source several ways.
GUEST_SRCDIR_storm := timer
GUEST_CFLAGS_storm := -DN=3000 -DPERIOD=2000

# PSCI races on two vCPUs (tests/qemu/race_*): race ends with the SYSTEM_OFF /
# SYSTEM_RESET duel, race_seq with the sequenced end; steady is spin made long
# enough to outlive them.
GUEST_NAMES += race race_seq steady cp15 cp15_user gicdir mmio_edge
GUEST_SRCDIR_cp15_user := cp15
GUEST_CFLAGS_cp15_user := -DUSER_C15
GUEST_SRCDIR_race_seq := race
GUEST_CFLAGS_race_seq := -DFINAL=1
GUEST_SRCDIR_steady := spin
GUEST_CFLAGS_steady := -DTICKS=60u

# `make bench` (tools/bench/): the bench_* guests run bare and in partitions.
# BENCH_PERIODS timer periods of 10000 ticks; bench_storm is storm running
# 10% longer than that (2000-tick periods), as the interference load.
BENCH_PERIODS ?= 10000
GUEST_NAMES += bench_timer bench_traps bench_boot bench_memory bench_storm
GUEST_CFLAGS_bench_timer := -DBENCH_PERIODS=$(BENCH_PERIODS)u
GUEST_SRCDIR_bench_storm := timer
GUEST_CFLAGS_bench_storm := -DN='(11u * $(BENCH_PERIODS)u / 2u)' -DPERIOD=2000
# bench_hog: CPU-bound beside bench_timer on a shared core, until 10 % after
# the timer guest's BENCH_PERIODS periods of 10000 ticks.
GUEST_NAMES += bench_hog
GUEST_SRCDIR_bench_hog := hog
GUEST_CFLAGS_bench_hog := -DEND_TICKS='(11000u * $(BENCH_PERIODS)u)'

# Shared cores (tests/qemu/sched_*): hog is CPU-bound up to an absolute
# counter value; the timer guest is the periodic partner.
# hog_long and timer_linger (tests/qemu/sched_edf) then sleep and stop one
# after the other, 2M ticks apart in VM order (guests/lib/linger.c).
GUEST_NAMES += hog hog_long timer_linger timer_rt_long
# Hostile neighbours (tests/qemu/sched_setway_*, sched_reset_*): a set/way
# flood, and a SYSTEM_RESET flood with a 4 MiB image.
GUEST_NAMES += setway resetter
GUEST_SRCDIR_timer_rt_long := timer
GUEST_CFLAGS_timer_rt_long := -DPERIOD=84000u -DLINGER_BASE=80000000u -DLINGER_TICKS=2000000u
GUEST_SRCDIR_hog_long := hog
GUEST_CFLAGS_hog_long := -DEND_TICKS=80000000u -DLINGER_TICKS=2000000u
GUEST_SRCDIR_timer_linger := timer
GUEST_CFLAGS_timer_linger := -DLINGER_BASE=80000000u -DLINGER_TICKS=2000000u

# bench_timer_late: bench_timer that starts measuring at counter tick
# BENCH_START_TICKS (5.5e9 = 88 s of virtual time), once the Linux VM beside
# it has booted (~3.5e9 ticks) and runs its load.
BENCH_START_TICKS ?= 5500000000
GUEST_NAMES += bench_timer_late
GUEST_SRCDIR_bench_timer_late := bench_timer
GUEST_CFLAGS_bench_timer_late := -DBENCH_PERIODS=$(BENCH_PERIODS)u -DBENCH_START_TICKS=$(BENCH_START_TICKS)ull

# The real-time executive and its latency benchmark (guests/rtos/README.md).
GUEST_NAMES += rtos rtos_forever
GUEST_CFLAGS_rtos := -DTOTAL_PERIODS=5000 -DREPORT_EVERY=1000
# rtos_forever (the default system): one line every 31,250 periods of 320 us,
# i.e. every 10 s of guest time, so that the Linux shell beside it stays usable.
# `make run` has no icount (Debian's SMP kernel hangs under it), so the
# counter is QEMU's host time and the lines say so.
GUEST_SRCDIR_rtos_forever := rtos
GUEST_CFLAGS_rtos_forever := -DTOTAL_PERIODS=0 -DREPORT_EVERY=31250 -DEMULATED_TIME=1
# rtos_long: long enough (25,000 periods, ~8 s) to run beside Linux's boot and load.
GUEST_NAMES += rtos_long
GUEST_SRCDIR_rtos_long := rtos
GUEST_CFLAGS_rtos_long := -DTOTAL_PERIODS=25000 -DREPORT_EVERY=5000
# rtos_ctl: an srt control task sharing a core with Linux (test linux_shared):
# 10 ms periods (625,000 ticks at 62.5 MHz) for 120 s, a report every 20 s:
# under icount that outlasts Linux's boot and load.
GUEST_NAMES += rtos_ctl
GUEST_SRCDIR_rtos_ctl := rtos
GUEST_CFLAGS_rtos_ctl := -DPERIOD=625000u -DTOTAL_PERIODS=12000 -DREPORT_EVERY=2000

# rtos_fault: faults on purpose after 2 reports of 1,000 periods (test
# restart_policy): the restart policy brings it back, its period resumes.
GUEST_NAMES += rtos_fault
GUEST_SRCDIR_rtos_fault := rtos
GUEST_CFLAGS_rtos_fault := -DTOTAL_PERIODS=0 -DREPORT_EVERY=1000 -DFAULT_AFTER_REPORTS=2u

# Control rights (tests/qemu/control_hostile, docs/control.md): boss is a
# hostile controller with the restart right over rt, nobody has no right;
# rtos_chatty reports every 250 periods (so a stop takes effect at once).
GUEST_NAMES += boss nobody rtos_chatty
GUEST_SRCDIR_nobody := boss
GUEST_CFLAGS_nobody := -DNOBODY=1
# watcher: an observe-only controller of quiet, which never traps
# (tests/qemu/control_observe).
GUEST_NAMES += watcher quiet
GUEST_SRCDIR_watcher := boss
GUEST_CFLAGS_watcher := -DWATCHER=1
GUEST_SRCDIR_rtos_chatty := rtos
GUEST_CFLAGS_rtos_chatty := -DTOTAL_PERIODS=0 -DREPORT_EVERY=250
# Image load (tests/qemu/control_load, docs/control.md): loader stages
# rtos_v2 (another banner; it faults on purpose after 4 reports of 250
# periods, so that its restart shows what a restart restores) and loads it
# into rt, with every refusal first.
# hog_forever shares the loader's core (rr), so that its load job is
# preempted and goes on at its next entry.
GUEST_NAMES += loader rtos_v2 hog_forever
GUEST_CFLAGS_loader := -I$(srctree)/src/include
GUEST_SRCDIR_hog_forever := hog
GUEST_CFLAGS_hog_forever := -DEND_TICKS=0xf0000000u
GUEST_SRCDIR_rtos_v2 := rtos
GUEST_CFLAGS_rtos_v2 := -DTOTAL_PERIODS=0 -DREPORT_EVERY=250 -DFAULT_AFTER_REPORTS=4u \
	-DBANNER='" v2"'

# Channels (docs/channels.md): rtos_pp is the RTOS pinging (side 0) or
# answering (side 1) 1,000 round trips over its first channel, then off.
# Its bench task runs every 32 ms only (PERIOD), so that the round trips and
# make bench's instruction counts see little else.
GUEST_NAMES += rtos_pp
GUEST_SRCDIR_rtos_pp := rtos
GUEST_CFLAGS_rtos_pp := -DTOTAL_PERIODS=0 -DREPORT_EVERY=100000 -DCHAN_PINGS=1000u \
	-DPERIOD=2000000u
# rtos_chanlx: the default system's RTOS for make bench's RTOS <-> Linux
# round trips under icount, where QEMU runs the cores in turn: 32 ms periods
# (20 ms ones overrun while Linux boots, and the channel task below them
# starves), a LAT report every 10 periods.
GUEST_NAMES += rtos_chanlx
GUEST_SRCDIR_rtos_chanlx := rtos
GUEST_CFLAGS_rtos_chanlx := -DTOTAL_PERIODS=0 -DREPORT_EVERY=100000 -DPERIOD=2000000u \
	-DCHAN_EVERY=10u
# rtos_loop: the same 1,000 round trips between two tasks of one RTOS, over a
# ring in its own RAM (the in-guest baseline of make bench).
GUEST_NAMES += rtos_loop
GUEST_SRCDIR_rtos_loop := rtos
GUEST_CFLAGS_rtos_loop := -DTOTAL_PERIODS=0 -DREPORT_EVERY=100000 -DCHAN_PINGS=1000u \
	-DPERIOD=2000000u -DCHAN_LOOPBACK=1

# Console load and edge cases (guests/console/main.c; tests console_flood and
# vuart_lines).
GUEST_NAMES += flood ticker longline

# Channels (guests/chan/main.c; tests chan_flood and chan_isolation): the
# test channel is at IPA 0x50000000 with its doorbell page at 0x50100000 in
# every VM on it; chan_peer's doorbell is SPI 41 (virtual, srt), chan_rt's
# SPI 42 (physical, hrt). chan_touch_* are not on the channel.
GUEST_NAMES += chan_ringer chan_writer chan_peer chan_rt chan_ro_writer chan_touch_pa chan_touch_db
GUEST_SRCDIR_chan_ringer := chan
GUEST_CFLAGS_chan_ringer := -DROLE=0
# chan_writer: 1000 rings, then 2 s more (chan_isolation's others stop meanwhile)
GUEST_SRCDIR_chan_writer := chan
GUEST_CFLAGS_chan_writer := -DROLE=0 -DMAX_RINGS=1000u -DLINGER=125000000u
GUEST_SRCDIR_chan_peer := chan
GUEST_CFLAGS_chan_peer := -DROLE=1 -DIRQ=41
GUEST_SRCDIR_chan_rt := chan
GUEST_CFLAGS_chan_rt := -DROLE=1 -DIRQ=42
GUEST_SRCDIR_chan_ro_writer := chan
GUEST_CFLAGS_chan_ro_writer := -DROLE=2 -DIRQ=41
GUEST_SRCDIR_chan_touch_pa := chan
GUEST_CFLAGS_chan_touch_pa := -DROLE=3 -DTOUCH=0x48000000u
GUEST_SRCDIR_chan_touch_db := chan
GUEST_CFLAGS_chan_touch_db := -DROLE=3 -DTOUCH=0x50100008u
GUEST_SRCDIR_flood := console
GUEST_CFLAGS_flood := -DMODE=0
GUEST_SRCDIR_ticker := console
GUEST_CFLAGS_ticker := -DMODE=1
GUEST_SRCDIR_longline := console
GUEST_CFLAGS_longline := -DMODE=2

# Firmware linked at 0 in a read-only flash region, RAM at 0x40000000
# (tests/qemu/rom_firmware); GUEST_LDS_<name> replaces the link map.
GUEST_NAMES += romfw romfw_write
GUEST_LDS_romfw := $(GUEST_SRC)/romfw/romfw.ld
GUEST_SRCDIR_romfw_write := romfw
GUEST_LDS_romfw_write := $(GUEST_SRC)/romfw/romfw.ld
GUEST_CFLAGS_romfw_write := -DWRITE_ROM

# blobcheck: prints the CRC-32 of its initrd (tests/qemu/opi_uboot_fdt: what
# U-Boot's bootm leaves of a FIT loadable).
GUEST_NAMES += blobcheck
# blobcheck_mem: and its DTB's, then its memory, across a reset
# (tests/qemu/colour_mem: a cache-coloured VM's frames).
GUEST_NAMES += blobcheck_mem
GUEST_SRCDIR_blobcheck_mem := blobcheck
GUEST_CFLAGS_blobcheck_mem := -DMEMCHECK

# The TrustZone mode (vexpress-a9, docs/trustzone.md): no stage 2, so a
# guest runs at its physical address and is linked there
# (GUEST_LDFLAGS_<name>); the same sources run on the Cortex-A9 (the
# generic timer and HVC are chosen at run time: guests/lib/systimer.c,
# hvc.c). tz_rtos is the secure RTOS (0x62000000), tz_hello a bare
# Non-secure guest (0x68000000).
# They are built for the Cortex-A9 (GUEST_A9_<name> = y: no integer divide
# instruction, which -mcpu=cortex-a15 would emit), with a runtime of their own.
GUEST_NAMES += tz_rtos tz_rtos_forever tz_hello
GUEST_A9_tz_rtos := y
GUEST_A9_tz_rtos_forever := y
GUEST_SRCDIR_tz_rtos_forever := rtos
# one line every 50,000 periods of 200 us (10 s at the global timer's 100 MHz)
GUEST_CFLAGS_tz_rtos_forever := -DTOTAL_PERIODS=0 -DREPORT_EVERY=50000 -DEMULATED_TIME=1
GUEST_LDFLAGS_tz_rtos_forever := -Wl,--defsym=GUEST_BASE=0x62000000
# tz_rtos_light: the RTOS with a light worker (128 bytes per CRC round, about a
# tenth of the core under icount) and a report every 5,000 periods, for the
# shared layout's deadline run with Linux under icount (tools/bench/tz_shared.sh)
GUEST_NAMES += tz_rtos_light
GUEST_A9_tz_rtos_light := y
GUEST_SRCDIR_tz_rtos_light := rtos
GUEST_CFLAGS_tz_rtos_light := -DTOTAL_PERIODS=0 -DREPORT_EVERY=5000 -DWORK_BYTES=128
GUEST_LDFLAGS_tz_rtos_light := -Wl,--defsym=GUEST_BASE=0x62000000
# tz_rtos_shared: the shipped shared layout's RTOS (dts/partitions/tz-rtos-shared.dts,
# configs/vexpress_a9_tz_shared_defconfig): the light worker, so that the
# Normal world on its core gets most of it, forever, reports as tz_rtos_forever
GUEST_NAMES += tz_rtos_shared
GUEST_A9_tz_rtos_shared := y
GUEST_SRCDIR_tz_rtos_shared := rtos
GUEST_CFLAGS_tz_rtos_shared := -DTOTAL_PERIODS=0 -DREPORT_EVERY=50000 -DEMULATED_TIME=1 -DWORK_BYTES=128
GUEST_LDFLAGS_tz_rtos_shared := -Wl,--defsym=GUEST_BASE=0x62000000
GUEST_A9_tz_hello := y
GUEST_SRCDIR_tz_rtos := rtos
GUEST_CFLAGS_tz_rtos := -DTOTAL_PERIODS=2000 -DREPORT_EVERY=500
GUEST_LDFLAGS_tz_rtos := -Wl,--defsym=GUEST_BASE=0x62000000
GUEST_SRCDIR_tz_hello := hello
GUEST_LDFLAGS_tz_hello := -Wl,--defsym=GUEST_BASE=0x68000000
# make bench's TrustZone section (tools/bench/tz.sh): the RTOS of BENCH_PERIODS
# periods that reports once, at its end (no shikiri call of its own while it
# measures), and a Normal-world partition that only sleeps in wfi (quiet).
GUEST_NAMES += tz_rtos_bench tz_quiet
GUEST_A9_tz_rtos_bench := y
GUEST_SRCDIR_tz_rtos_bench := rtos
GUEST_CFLAGS_tz_rtos_bench := -DTOTAL_PERIODS=$(BENCH_PERIODS)u -DREPORT_EVERY=$(BENCH_PERIODS)u -DRTOS_NO_TZ_YIELD
GUEST_LDFLAGS_tz_rtos_bench := -Wl,--defsym=GUEST_BASE=0x62000000
GUEST_A9_tz_quiet := y
GUEST_SRCDIR_tz_quiet := quiet
GUEST_LDFLAGS_tz_quiet := -Wl,--defsym=GUEST_BASE=0x68000000
# tz_regs: a Normal-world partition checking that the shared layout's world
# switch keeps its banked registers (tests/qemu/tz_shared_regs)
GUEST_NAMES += tz_regs
GUEST_A9_tz_regs := y
GUEST_LDFLAGS_tz_regs := -Wl,--defsym=GUEST_BASE=0x68000000
# tz_hostile: a Normal-world partition attacking the Secure world
# (tests/qemu/tz_hostile)
GUEST_NAMES += tz_hostile
GUEST_A9_tz_hostile := y
GUEST_LDFLAGS_tz_hostile := -Wl,--defsym=GUEST_BASE=0x68000000
# zc702_rtos: the secure RTOS of the ZC702's default system
# (dts/partitions/zc702-rtos.dts), in DDR segment 1 (0x04000000); its period
# of 200 us at the A9 global timer's 333.33 MHz (CPU_3x2x of the ZC702's
# 666.67 MHz CPU clock). Built and checked here, run on the board only.
GUEST_NAMES += zc702_rtos
GUEST_A9_zc702_rtos := y
GUEST_SRCDIR_zc702_rtos := rtos
GUEST_CFLAGS_zc702_rtos := -DTOTAL_PERIODS=0 -DREPORT_EVERY=50000 -DPERIOD=66667u
GUEST_LDFLAGS_zc702_rtos := -Wl,--defsym=GUEST_BASE=0x04000000

# -mno-unaligned-access: with the MMU off every data access is
# Strongly-ordered, where unaligned accesses fault even with SCTLR.A = 0,
# so gcc must not use them for copies.  GUEST_EXTRA_CFLAGS is for one-off
# builds (e.g. -DGUEST_PSCI_DEFAULT_HVC to run a guest bare on QEMU).
GUEST_ARCH_FLAGS := -mcpu=cortex-a15 -marm -mfloat-abi=soft
GUEST_CFLAGS := $(GUEST_ARCH_FLAGS) -mno-unaligned-access -ffreestanding \
	-nostdlib -fno-builtin -O2 -std=c11 -Wall -Wextra -Werror -g \
	-I$(GUEST_SRC)/lib -I$(GUEST_SRC)/include -MMD -MP $(GUEST_EXTRA_CFLAGS)
GUEST_LDFLAGS := $(GUEST_ARCH_FLAGS) -nostdlib -Wl,--build-id=none

GUEST_LIB_C    := $(wildcard $(GUEST_SRC)/lib/*.c)
GUEST_LIB_S    := $(wildcard $(GUEST_SRC)/lib/*.S)
GUEST_LIB_OBJS := $(patsubst $(GUEST_SRC)/%,$(GUEST_OBJ)/%.o,$(basename $(GUEST_LIB_C) $(GUEST_LIB_S)))

GUEST_ELFS := $(GUEST_NAMES:%=$(GUEST_OUT)/%.elf)
GUEST_BINS := $(GUEST_NAMES:%=$(GUEST_OUT)/%.bin)

# "  CC      guests/obj/lib/uart.o" style lines when quiet.
guest_quiet = $(if $(Q),@echo "  $(1)$(patsubst $(dir $(GUEST_OUT))%,%,$@)")

# Every flag a guest is built with, in one file rewritten only when one of
# them changes (BENCH_PERIODS=, GUEST_EXTRA_CFLAGS=, another compiler...):
# every object depends on it, so a change rebuilds them (as a new guest
# or a changed one does) and a guests directory shared by several builds is
# never stale.
GUEST_FLAGS_FILE := $(GUEST_OUT)/.flags
GUEST_FLAGS_TEXT = $(GUEST_CC) $(GUEST_CFLAGS) $(GUEST_LDFLAGS) $(foreach g,$(GUEST_NAMES),\
	$(g):$(GUEST_SRCDIR_$(g)):$(GUEST_LDS_$(g)):$(GUEST_CFLAGS_$(g)):$(GUEST_LDFLAGS_$(g)))
$(GUEST_FLAGS_FILE): guest-flags-force
	@mkdir -p $(@D)
	$(Q)echo '$(subst ','\'',$(GUEST_FLAGS_TEXT))' | cmp -s - $@ || \
		echo '$(subst ','\'',$(GUEST_FLAGS_TEXT))' >$@
.PHONY: guest-flags-force
guest-flags-force:

.PHONY: guests
guests: $(GUEST_ELFS) $(GUEST_BINS)

# Every guest links all .c files in its source directory plus the runtime.
# Objects go to obj/<name>/ (not obj/<srcdir>/) so that guests sharing a
# source directory with different flags do not share objects.
define guest_template
GUEST_SRCDIR_$(1) ?= $(1)
GUEST_LDS_$(1) ?= $$(GUEST_LDS)
GUEST_OBJS_$(1) := $$(patsubst $$(GUEST_SRC)/$$(GUEST_SRCDIR_$(1))/%.c,$$(GUEST_OBJ)/$(1)/%.o,$$(wildcard $$(GUEST_SRC)/$$(GUEST_SRCDIR_$(1))/*.c))
GUEST_ALL_OBJS += $$(GUEST_OBJS_$(1))
GUEST_FLAGS_OF_$(1) := $$(if $$(GUEST_A9_$(1)),$$(GUEST_A9_CFLAGS),$$(GUEST_CFLAGS))
GUEST_LIB_OF_$(1) := $$(if $$(GUEST_A9_$(1)),$$(GUEST_LIB_A9_OBJS),$$(GUEST_LIB_OBJS))
$$(GUEST_OBJS_$(1)): $$(GUEST_OBJ)/$(1)/%.o: $$(GUEST_SRC)/$$(GUEST_SRCDIR_$(1))/%.c $$(GUEST_FLAGS_FILE)
	$$(call guest_quiet,CC      )
	@mkdir -p $$(@D)
	$$(Q)$$(GUEST_CC) $$(GUEST_FLAGS_OF_$(1)) $$(GUEST_CFLAGS_$(1)) -c -o $$@ $$<
$$(GUEST_OUT)/$(1).elf: $$(GUEST_OBJS_$(1)) $$(GUEST_LIB_OF_$(1)) $$(GUEST_LDS_$(1))
	$$(call guest_quiet,LD      )
	$$(Q)$$(GUEST_CC) $$(GUEST_LDFLAGS) $$(GUEST_LDFLAGS_$(1)) -T $$(GUEST_LDS_$(1)) -Wl,-Map=$$(GUEST_OBJ)/$(1).map \
		-o $$@ $$(GUEST_OBJS_$(1)) $$(GUEST_LIB_OF_$(1)) -lgcc
endef
# The Cortex-A9 runtime (GUEST_A9_<name>): the same sources, built apart.
GUEST_A9_CFLAGS := $(subst -mcpu=cortex-a15,-mcpu=cortex-a9,$(GUEST_CFLAGS))
GUEST_LIB_A9_OBJS := $(patsubst $(GUEST_SRC)/lib/%,$(GUEST_OBJ)/lib-a9/%.o,$(basename $(GUEST_LIB_C) $(GUEST_LIB_S)))
GUEST_ALL_OBJS := $(GUEST_LIB_OBJS) $(GUEST_LIB_A9_OBJS)
$(foreach g,$(GUEST_NAMES),$(eval $(call guest_template,$(g))))

$(GUEST_BINS): $(GUEST_OUT)/%.bin: $(GUEST_OUT)/%.elf
	$(call guest_quiet,OBJCOPY )
	$(Q)$(GUEST_OBJCOPY) -O binary $< $@

# Static pattern rules, so an includer's generic %.o rules cannot match.
# (Guest objects have theirs in guest_template.)
GUEST_C_OBJS := $(patsubst $(GUEST_SRC)/%.c,$(GUEST_OBJ)/%.o,$(GUEST_LIB_C))
GUEST_S_OBJS := $(patsubst $(GUEST_SRC)/%.S,$(GUEST_OBJ)/%.o,$(GUEST_LIB_S))

$(GUEST_C_OBJS): $(GUEST_OBJ)/%.o: $(GUEST_SRC)/%.c $(GUEST_FLAGS_FILE)
	$(call guest_quiet,CC      )
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<

$(GUEST_S_OBJS): $(GUEST_OBJ)/%.o: $(GUEST_SRC)/%.S $(GUEST_FLAGS_FILE)
	$(call guest_quiet,AS      )
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<

$(filter %.o,$(patsubst $(GUEST_SRC)/lib/%.c,$(GUEST_OBJ)/lib-a9/%.o,$(GUEST_LIB_C))): \
		$(GUEST_OBJ)/lib-a9/%.o: $(GUEST_SRC)/lib/%.c $(GUEST_FLAGS_FILE)
	$(call guest_quiet,CC      )
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_A9_CFLAGS) -c -o $@ $<

$(filter %.o,$(patsubst $(GUEST_SRC)/lib/%.S,$(GUEST_OBJ)/lib-a9/%.o,$(GUEST_LIB_S))): \
		$(GUEST_OBJ)/lib-a9/%.o: $(GUEST_SRC)/lib/%.S $(GUEST_FLAGS_FILE)
	$(call guest_quiet,AS      )
	@mkdir -p $(@D)
	$(Q)$(GUEST_CC) $(GUEST_A9_CFLAGS) -c -o $@ $<

-include $(GUEST_ALL_OBJS:.o=.d)

.DEFAULT_GOAL := $(GUEST_SAVED_DEFAULT_GOAL)
