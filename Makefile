# shikiri top-level Makefile.
#
#   make run                      build the default system and boot it in QEMU
#   make check                    build and run every test
#   make bench                    benchmarks vs bare metal: $(O)/bench/report.md
#   make fuzz                     fuzz the generator (libFuzzer, >= 100000 runs)
#   make <name>_defconfig         start a configuration from configs/<name>_defconfig
#   make DEFCONFIG=x defconfig    the same from a name in configs/ or a path
#   make menuconfig               edit it
#   make linux                    fetch the Debian kernel + build the initramfs
#   make [all]                    build $(O)/shikiri.elf and $(O)/shikiri.bin
#   make fit                      $(O)/shikiri.itb + boot.scr for U-Boot
#   make sdimage                  $(O)/sdcard.img (FAT: FIT + boot.scr; U-Boot for orangepi-pc)
#   make run-sd                   boot that image in QEMU through U-Boot
#   make map                      draw the partitioning: $(O)/map.svg, map.png
#   O=dir  build directory (default: build)      V=1  show commands
#   SHARED_O=dir  where the configuration-independent parts go (guests,
#          generator, shikiri-chan; default: O), to share them between builds
#   QEMU_EXTRA='...'  extra options for make run
#   LINUX_FLAVOUR=armmp-lpae|armmp|rt-armmp  Debian kernel (CONFIG_LINUX_FLAVOUR)
#
# The build needs Debian packages; every entry point installs the missing ones
# (tools/deps.sh says what it installs).

srctree := $(CURDIR)
O ?= build
override O := $(abspath $(O))
# The parts of a build that no configuration option changes (the guests, the
# generator, shikiri-chan) go to SHARED_O, by default O itself. Builds of
# several configurations (the tests) point SHARED_O at one directory and build
# those parts once; $(O)/guests is then a link to $(SHARED_O)/guests, where the
# generator finds the images. docs/make-targets.md.
SHARED_O ?= $(O)
override SHARED_O := $(abspath $(SHARED_O))
V ?= 0
ifeq ($(V),1)
Q :=
else
Q := @
endif
export srctree O V Q

CROSS_COMPILE ?= arm-none-eabi-
CC := $(CROSS_COMPILE)gcc
OBJCOPY := $(CROSS_COMPILE)objcopy
HOSTCC ?= gcc
# Debian's python3-kconfiglib lives in the system interpreter's path, which a
# pyenv/venv python3 earlier in PATH would not see.
PYTHON := /usr/bin/python3
DTC ?= dtc
QEMU ?= qemu-system-arm
DEFCONFIG ?= configs/qemu_virt_defconfig
KCONFIG_CONFIG := $(O)/.config
export KCONFIG_CONFIG

.DEFAULT_GOAL := all
.SUFFIXES:
.DELETE_ON_ERROR:

# Goals that must work without a configuration.
noconfig_goals := %defconfig menuconfig savedefconfig deps clean distclean help check bench fuzz \
	shared
config_goals := $(filter-out $(noconfig_goals),$(if $(MAKECMDGOALS),$(MAKECMDGOALS),all))

# Builds run in parallel, one job per core, unless the command line says
# otherwise (its -jN wins over this). Not for check, bench and fuzz: their
# scripts run make themselves with the job counts they want.
ifneq ($(config_goals),)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 1)
endif

# --- Debian packages -------------------------------------------------------
ifneq ($(SHIKIRI_DEPS_DONE),1)
$(shell $(srctree)/tools/deps.sh >&2)
export SHIKIRI_DEPS_DONE := 1
endif
deps:
	$(Q)$(srctree)/tools/deps.sh

# $(O)/guests: the guests' own directory, or with SHARED_O a link to the
# shared one: made or removed while make reads this file, before it looks at
# anything in $(O) (make caches what a directory holds), and not under make -n.
ifneq ($(config_goals),)
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
ifeq ($(SHARED_O),$(O))
$(shell if [ -L $(O)/guests ]; then rm -f $(O)/guests; fi)
else
$(shell mkdir -p $(O) $(SHARED_O)/guests && if [ "$$(readlink $(O)/guests)" != $(SHARED_O)/guests ]; then \
	rm -rf $(O)/guests && ln -s $(SHARED_O)/guests $(O)/guests; fi)
endif
endif
endif

# --- Configuration ---------------------------------------------------------
KCONF = cd $(srctree) && $(PYTHON) -m
# defconfig with a check: an assignment Kconfig would ignore (a hidden
# prompt, an unknown symbol) stops it with FILE:LINE (tools/kconfig/defconfig.py).
DEFCONF = cd $(srctree) && $(PYTHON) tools/kconfig/defconfig.py Kconfig

# DEFCONFIG: a path (absolute, or relative to the source tree), or a name in
# configs/ with or without its _defconfig ending (orangepi_pc_defconfig,
# orangepi_pc). Expanded only by the rules that read it, so that an unknown
# one stops them with one line and the other goals do not care.
defconfig_file = $(or $(firstword $(foreach f,$(wildcard $(DEFCONFIG) configs/$(DEFCONFIG) \
	configs/$(DEFCONFIG)_defconfig),$(if $(wildcard $(f)/.),,$(f)))),$(error DEFCONFIG=$(DEFCONFIG): no such file (write a \
	path, e.g. DEFCONFIG=configs/qemu_virt_defconfig, or a name from configs/: \
	$(notdir $(wildcard configs/*_defconfig)))))

%_defconfig: configs/%_defconfig
	$(Q)mkdir -p $(O)
	$(Q)$(DEFCONF) $(srctree)/$<
	@echo "  CONFIG  $(O)/.config from $<"
# make <name>_defconfig without configs/<name>_defconfig: one line naming
# the ones there are (an existing file, having no prerequisite here, is
# never remade by this rule).
%_defconfig:
	$(error configs/$@ does not exist: the configurations are \
		$(notdir $(wildcard configs/*_defconfig)))

defconfig:
	$(Q)mkdir -p $(O)
	$(Q)$(DEFCONF) $(abspath $(defconfig_file))
	@echo "  CONFIG  $(O)/.config from $(defconfig_file)"

menuconfig:
	$(Q)mkdir -p $(O)
	$(Q)$(if $(wildcard $(KCONFIG_CONFIG)),,$(DEFCONF) $(abspath $(defconfig_file)))
	$(Q)$(KCONF) menuconfig Kconfig

savedefconfig: $(KCONFIG_CONFIG)
	$(Q)$(KCONF) savedefconfig --kconfig Kconfig --out $(O)/defconfig
	@echo "  SAVE    $(O)/defconfig"

# A .config older than Kconfig gets the new options' defaults (olddefconfig),
# so that make never reads a configuration that lacks an option.
$(KCONFIG_CONFIG): Kconfig
	$(Q)mkdir -p $(O)
	$(Q)$(if $(wildcard $@),\
		$(KCONF) olddefconfig Kconfig >/dev/null && touch $@ && \
		echo "  CONFIG  $@ updated for the current Kconfig (olddefconfig)",\
		$(DEFCONF) $(abspath $(defconfig_file)) && \
		echo "  CONFIG  $@ from $(defconfig_file)")

ifneq ($(config_goals),)
-include $(KCONFIG_CONFIG)
endif

unquote = $(subst ",,$(1))
BOARD_DTS := $(call unquote,$(CONFIG_BOARD_DTS))
PARTITIONS := $(call unquote,$(CONFIG_PARTITIONS))
SYSTEM_DTS := $(call unquote,$(CONFIG_SYSTEM_DTS))
PLATFORM := $(call unquote,$(CONFIG_PLATFORM))
# The generator refuses a board DT whose root compatible lacks this one.
PLATFORM_COMPATIBLE := $(call unquote,$(CONFIG_PLATFORM_COMPATIBLE))

# A configured file that does not exist: say which option names it, rather
# than make's "No rule to make target".
config_file_missing = $(foreach f,$(2),$(if $(wildcard $(f)),,\
  $(error $(KCONFIG_CONFIG): $(1) names $(f), which does not exist (make menuconfig to change it))))
ifneq ($(config_goals),)
$(call config_file_missing,CONFIG_BOARD_DTS,$(BOARD_DTS))
$(call config_file_missing,CONFIG_PARTITIONS,$(PARTITIONS))
$(call config_file_missing,CONFIG_SYSTEM_DTS,$(SYSTEM_DTS))
# CONFIG_BOARD_DTS names exactly one file (an empty one would make the first
# partition file the board: dtc's errors about the partitions)
$(if $(wildcard $(KCONFIG_CONFIG)),$(if $(filter 1,$(words $(BOARD_DTS))),,$(error $(KCONFIG_CONFIG): CONFIG_BOARD_DTS must name \
  one board DT, not "$(BOARD_DTS)" (make menuconfig to change it))))
endif

# Schedulers of shared cores (docs/scheduling.md): one per
# src/core/sched_<name>.c (sched.c is the glue), available when
# CONFIG_SCHED_<NAME>=y and linked when a shared core of the system runs it
# (FEATURE_SCHED, features.mk), so adding a scheduler is its file plus its
# Kconfig entry. SCHED_BUILT: their names; SCHED_ENABLED: the same, comma-separated,
# for the generator (--sched-enabled) with SCHED_DEFAULT (--sched-default);
# sched.c gets the linked ones as its registry (SCHED_BUILTIN).
SCHED_ALL := $(sort $(patsubst src/core/sched_%.c,%,$(wildcard src/core/sched_*.c)))
sched_on = $(filter y,$(CONFIG_SCHED_$(shell echo '$(1)' | tr a-z A-Z)))
SCHED_BUILT := $(strip $(foreach s,$(SCHED_ALL),$(if $(call sched_on,$(s)),$(s))))
SCHED_DEFAULT := $(call unquote,$(CONFIG_SCHED_DEFAULT))
sched_comma := ,
sched_empty :=
sched_space := $(sched_empty) $(sched_empty)
SCHED_ENABLED := $(subst $(sched_space),$(sched_comma),$(SCHED_BUILT))
# A default that names a scheduler not built in is a configuration error
# (checked once the configuration is current, not while make reads it).
SCHED_DEFAULT_BAD := $(and $(SCHED_BUILT),$(if $(filter $(SCHED_DEFAULT),$(SCHED_BUILT)),,bad))

AUTOCONF := $(O)/include/generated/autoconf.h
$(AUTOCONF): $(KCONFIG_CONFIG) Kconfig
	$(Q)$(if $(SCHED_DEFAULT_BAD),echo "Kconfig: SCHED_DEFAULT \"$(SCHED_DEFAULT)\" is not an enabled scheduler (enabled: $(SCHED_BUILT))" >&2; exit 1)
	$(Q)mkdir -p $(dir $@)
	$(Q)cd $(srctree) && $(PYTHON) -m genconfig --header-path $@.tmp Kconfig
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; echo "  GEN     $@"; fi

# --- Guests ------------------------------------------------------------------
include guests/guests.mk

# --- Generator -----------------------------------------------------------------
GEN := $(SHARED_O)/tools/shikiri-gen
GEN_SRCS := $(wildcard tools/gen/*.c)
$(GEN): $(GEN_SRCS) $(wildcard tools/gen/*.h) src/include/vmconfig.h
	$(Q)mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) -O2 -std=gnu11 -Wall -Wextra -Werror -Isrc/include \
		-DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 -DCONFIG_MAX_VCPUS_PER_PCPU=8 -o $@ $(GEN_SRCS) -lfdt

GENDIR := $(O)/gen
GEN_STAMP := $(GENDIR)/.stamp

# Schedulers of shared cores (docs/kconfig.md): SCHED_DEFAULT and
# SCHED_ENABLED ("fp,edf,rr") come with the Scheduling menu. A .config
# without CONFIG_SCHED_DEFAULT predates it: fp, with every scheduler.
ifeq ($(origin CONFIG_SCHED_DEFAULT),undefined)
GEN_SCHED := --sched-default fp --sched-enabled fp,edf,rr
else
GEN_SCHED := --sched-default "$(SCHED_DEFAULT)" --sched-enabled "$(SCHED_ENABLED)"
endif
-include $(GENDIR)/deps.mk

# The guest images the configured partitions name ("guests/<name>.bin" or
# .elf): a build makes only those, not every test guest (the tests build
# theirs with `make shared`). A name no guest rule makes is left to the
# generator, which reports the missing image with its file and line.
GUESTS_USED := $(filter $(GUEST_ELFS) $(GUEST_BINS),$(addprefix $(GUEST_OUT)/,$(sort \
	$(if $(PARTITIONS),$(shell sed -n 's|.*"guests/\([A-Za-z0-9_.-]*\)".*|\1|p' $(PARTITIONS) 2>/dev/null)))))

# The generator rewrites an output only when its content changes, so the stamp
# (not the outputs' mtimes) tells make that it ran.
$(GEN_STAMP): $(GEN) $(KCONFIG_CONFIG) $(BOARD_DTS) $(PARTITIONS) $(SYSTEM_DTS) | $(GUESTS_USED)
	@echo "  GEN     $(GENDIR) from $(BOARD_DTS) $(PARTITIONS) $(SYSTEM_DTS)"
	$(Q)mkdir -p $(GENDIR)
	$(Q)$(GEN) --out $(GENDIR) --objtree $(O) --srctree $(srctree) \
		--nr-cpus $(CONFIG_NR_CPUS) --max-vms $(CONFIG_MAX_VMS) \
		--max-vcpus $(CONFIG_MAX_VCPUS_PER_VM) \
		--max-vcpus-per-pcpu $(CONFIG_MAX_VCPUS_PER_PCPU) \
		$(GEN_SCHED) \
		$(if $(PLATFORM_COMPATIBLE),--platform "$(PLATFORM)" --platform-compatible "$(PLATFORM_COMPATIBLE)") \
		$(if $(filter armv7-tz,$(ARCH)),--arch armv7-tz) \
		--hyp-base $(CONFIG_HYP_BASE) --hyp-size $(CONFIG_HYP_SIZE) \
		$(if $(CONFIG_CACHE_COLOURING),--cache-colouring) \
		--board $(BOARD_DTS) $(PARTITIONS) $(SYSTEM_DTS)
$(GENDIR)/vmconfig.c $(GENDIR)/images.S $(GENDIR)/images-placed.ld $(GENDIR)/images-packed.ld: $(GEN_STAMP) ;

# What this system links (docs/architecture.md, "What a system links"): the
# generator decides from the partitions and writes features.mk (FEATURE_SCHED,
# FEATURE_CHAN, UART_DRIVER, ...; read here, for the source list) and
# features.h (FEATURE_* macros, given to every file). make remakes the
# fragment, running the generator, before it builds anything, and reads it
# again: a partition change that adds a channel or a shared core is picked up.
# Not before the configuration exists: make makes it first and reads this
# file again, then the fragment.
$(GENDIR)/features.mk $(GENDIR)/features.h: $(GEN_STAMP) ;
# An empty fragment stands in until the generator first runs, so that a
# generator error stops make with the generator's lines and make's one
# "Error 1" (a missing included file would add lines of make's own).
ifneq ($(config_goals),)
ifneq ($(wildcard $(KCONFIG_CONFIG)),)
ifeq ($(findstring n,$(firstword -$(MAKEFLAGS))),)
$(shell mkdir -p $(GENDIR) && { [ -f $(GENDIR)/features.mk ] || : >$(GENDIR)/features.mk; })
endif
include $(GENDIR)/features.mk
endif
endif

# --- Channel tool -------------------------------------------------------------
# shikiri-chan (tools/chan, docs/channels.md): a static Linux executable built
# by the same bare-metal cross compiler, with raw system calls and no libc,
# for the Linux guests' initramfs (/bin/shikiri-chan).
CHAN_TOOL := $(SHARED_O)/tools/shikiri-chan
CHAN_TOOL_CFLAGS := -march=armv7-a -marm -mfloat-abi=soft -mno-unaligned-access \
	-ffreestanding -fno-builtin -fno-stack-protector -fomit-frame-pointer -nostdlib -static \
	-O2 -std=c11 -Wall -Wextra -Werror -Iguests/include -Itools/chan
$(CHAN_TOOL): tools/chan/shikiri-chan.c tools/chan/sys.h tools/chan/tiny.h tools/chan/chan.ld \
		guests/include/shikiri_chan.h guests/include/shikiri_chan_msg.h
	$(Q)mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CHAN_TOOL_CFLAGS) -T tools/chan/chan.ld -Wl,--build-id=none -o $@ $< -lgcc
chan-tool: $(CHAN_TOOL)
# shikiri-ctl (tools/ctl, docs/control.md): the same kind of executable, for
# a Linux controller (/bin/shikiri-ctl).
CTL_TOOL := $(SHARED_O)/tools/shikiri-ctl
$(CTL_TOOL): tools/ctl/shikiri-ctl.c tools/chan/sys.h tools/chan/tiny.h tools/chan/chan.ld \
		src/lib/sha256.c src/include/sha256.h
	$(Q)mkdir -p $(dir $@)
	@echo "  CC      $@"
	$(Q)$(CC) $(CHAN_TOOL_CFLAGS) -Isrc/include -T tools/chan/chan.ld -Wl,--build-id=none -o $@ $< -lgcc
ctl-tool: $(CTL_TOOL)

# make shared: only the parts SHARED_O holds (no configuration needed).
shared: guests $(GEN) $(CHAN_TOOL) $(CTL_TOOL)
ifneq ($(SHARED_O),$(O))
# A guest named through the link (the generator's deps.mk does) is made where
# the link points, e.g. after the shared directory was removed.
$(O)/guests/%: $(SHARED_O)/guests/% ;
endif

# --- Linux guest ------------------------------------------------------------
# Partitions whose image or initrd is under "linux/" get Debian's armhf
# kernel (the flavour CONFIG_LINUX_FLAVOUR or LINUX_FLAVOUR= names) and a
# busybox initramfs, fetched with apt into the cache LINUX_DIR (default
# $(O)/linux; tests share one cache) and found by the generator as
# $(O)/linux/vmlinuz and $(O)/linux/initramfs.cpio.gz. Nothing downloaded is
# committed.
LINUX_DIR ?= $(O)/linux
LINUX_FLAVOUR ?= $(or $(call unquote,$(CONFIG_LINUX_FLAVOUR)),armmp-lpae)
LINUX_FILES := $(O)/linux/vmlinuz $(O)/linux/initramfs.cpio.gz
NEEDS_LINUX := $(if $(PARTITIONS),$(shell grep -l '"linux/' $(PARTITIONS) 2>/dev/null))
ifneq ($(NEEDS_LINUX),)
$(GEN_STAMP): $(LINUX_FILES)
endif
# linux/initramfs-load.cpio.gz (tests/qemu/linux_imgload, docs/control.md): the
# initramfs with a second cpio archive appended (the kernel unpacks both)
# holding /lib/shikiri/rtos_v2.elf, an RTOS build for shikiri-ctl load.
LINUX_LOAD_INITRD := $(O)/linux/initramfs-load.cpio.gz
ifneq ($(if $(PARTITIONS),$(shell grep -l 'linux/initramfs-load' $(PARTITIONS) 2>/dev/null)),)
$(GEN_STAMP): $(LINUX_LOAD_INITRD)
endif
$(LINUX_LOAD_INITRD): $(O)/linux/initramfs.cpio.gz $(SHARED_O)/guests/rtos_v2.elf
	$(Q)rm -rf $(O)/linux/load-extra && mkdir -p $(O)/linux/load-extra/lib/shikiri
	$(Q)cp $(SHARED_O)/guests/rtos_v2.elf $(O)/linux/load-extra/lib/shikiri/
	$(Q)cd $(O)/linux/load-extra && find lib | cpio -o -H newc --quiet | gzip -n >../load-extra.cpio.gz
	$(Q)cat $(O)/linux/initramfs.cpio.gz $(O)/linux/load-extra.cpio.gz >$@.tmp && mv $@.tmp $@
# Rewritten only when the flavour changes, so that a change takes effect.
LINUX_FLAVOUR_STAMP := $(O)/.linux-flavour
$(LINUX_FLAVOUR_STAMP): FORCE
	$(Q)mkdir -p $(O)
	$(Q)echo "$(LINUX_FLAVOUR)" | cmp -s - $@ || echo "$(LINUX_FLAVOUR)" >$@
# $(O)/linux holds this build's copies of its flavour's zImage and initramfs
# (copies, not links: their timestamps must change with the flavour).
$(LINUX_FILES) &: tools/linux/fetch.sh tools/linux/init tools/linux/ticks.c $(LINUX_FLAVOUR_STAMP) \
		$(CHAN_TOOL) $(CTL_TOOL)
	$(Q)tools/linux/fetch.sh $(LINUX_DIR) $(LINUX_FLAVOUR) $(CHAN_TOOL) $(CTL_TOOL)
	$(Q)if [ -L $(O)/linux ]; then rm -f $(O)/linux; fi
	$(Q)mkdir -p $(O)/linux
	$(Q)rm -f $(O)/linux/initramfs.cpio.gz
	$(Q)cp $(LINUX_DIR)/initramfs-$(LINUX_FLAVOUR).cpio.gz $(O)/linux/initramfs.tmp
	$(Q)mv $(O)/linux/initramfs.tmp $(O)/linux/initramfs.cpio.gz
	$(Q)cp $(LINUX_DIR)/vmlinuz-$(LINUX_FLAVOUR) $(O)/linux/vmlinuz.tmp
	$(Q)mv $(O)/linux/vmlinuz.tmp $(O)/linux/vmlinuz
	$(Q)touch $(LINUX_FILES)
	@echo "  LINUX   $(O)/linux/vmlinuz: Debian's $(LINUX_FLAVOUR) kernel"
linux: $(LINUX_FILES)

# --- Hypervisor ------------------------------------------------------------------
# The arch directory the platform's mode names (CONFIG_ARCH: armv7, the
# Virtualization Extensions; armv7-tz, the TrustZone monitor); its arch.mk
# gives ARCH_CPU and ARCH_CORE_OUT (core files that mode does not link).
ARCH := $(or $(call unquote,$(CONFIG_ARCH)),armv7)
include src/arch/$(ARCH)/arch.mk
HYP_DIRS := src/core src/lib src/drivers src/arch/$(ARCH) src/platform/$(PLATFORM)
# The optional pieces, one file each, named by file name in any of HYP_DIRS
# (an arch's own vcpu_ctx.c follows its feature too), left out unless
# features.mk asks for them: the schedulers the shared cores run (with none,
# the scheduling glue, the run loop and the vCPU context switch), channels,
# console input, one console UART driver, the vGIC list registers (no srt/be
# VM), the vUART.
feature_on = $(filter y,$(FEATURE_$(1)))
HYP_LEFT_OUT := $(foreach s,$(filter-out $(FEATURE_SCHED),$(SCHED_ALL)),%/sched_$(s).c) \
	$(if $(FEATURE_SCHED),,%/sched.c %/run_loop.c %/vcpu_ctx.c) \
	$(if $(call feature_on,CHAN),,%/chan.c) \
	$(if $(call feature_on,CONSOLE_INPUT),,%/console_input.c) \
	$(if $(call feature_on,INJECT),,%/vgic.c) \
	$(if $(call feature_on,VUART),,%/vuart.c) \
	$(if $(call feature_on,CONTROL),,%/control.c) \
	$(if $(call feature_on,LOAD),,%/load.c %/sha256.c) \
	$(if $(CONFIG_CACHE_COLOURING),,%/colour.c) \
	$(filter-out %/$(UART_DRIVER).c,%/pl011.c %/ns16550.c %/cdns_uart.c) \
	$(if $(call feature_on,TZ_SOC),,%/tz_soc.c)
HYP_SRCS := $(filter-out %.ld.S $(ARCH_CORE_OUT) $(HYP_LEFT_OUT),$(foreach d,$(HYP_DIRS),$(wildcard $(d)/*.c $(d)/*.S)))
HYP_OBJS := $(patsubst %,$(O)/obj/%.o,$(basename $(HYP_SRCS))) \
	$(GENDIR)/vmconfig.o $(GENDIR)/images.o

# -mtune=generic-armv7-a: the Cortex-A15 tuning splits every push/pop of a
# function's prologue into single stores; one push is one instruction, and the
# trap paths are counted in instructions (docs/performance.md).
HYP_CFLAGS := -mcpu=$(ARCH_CPU) -mtune=generic-armv7-a -marm -mfloat-abi=soft -ffreestanding -fno-builtin \
	-fno-common -fno-strict-aliasing -fno-pic -std=c11 -O2 -g \
	-Wall -Wextra -Werror -Wshadow -Wundef -Wstrict-prototypes -ffunction-sections \
	-Wa,-mimplicit-it=always -include $(AUTOCONF) -include $(GENDIR)/features.h -Isrc/include -Isrc/arch/$(ARCH)/include \
	-Isrc/platform/$(PLATFORM)
HYP_ASFLAGS := $(HYP_CFLAGS) -D__ASSEMBLY__
LDSCRIPT := $(O)/obj/shikiri.ld
LDSCRIPT_PACKED := $(O)/obj/shikiri-packed.ld

# Cold code, run at boot, to print a report or seldom (trapped CP15, a VM's
# start, stop, reset and fault), is Thumb-2 optimised for size, about a
# third smaller than ARM -O2; the trap and interrupt paths stay ARM -O2
# (their instruction counts, docs/performance.md). Functions of hot files
# that only boot runs are marked COLD (types.h), which does the same for
# them; a cold file's function on a measured path is ARM_CODE. Hyp mode
# takes exceptions in ARM state (HSCTLR.TE 0): the vectors stay ARM, and
# calls interwork (BLX, BX). -mimplicit-it=always: the inline assembly's
# conditional instructions (spinlock.h) get their IT blocks in Thumb (=thumb
# made GAS warn about ARM code of files that mix both).
HYP_COLD_SRCS := src/lib/printf.c src/core/main.c src/core/boot_check.c src/core/console_input.c \
	src/arch/armv7/mmu.c src/arch/armv7/cp15.c src/core/vm.c src/core/control.c src/core/colour.c \
	src/core/chan.c
# A system with nothing hot (FEATURE_ALL_COLD, features.mk: every VM hrt on
# a dedicated core, no channel) runs no measured path: all of it is cold.
ifeq ($(FEATURE_ALL_COLD),y)
HYP_COLD_SRCS := $(filter %.c,$(HYP_SRCS))
endif
$(patsubst %.c,$(O)/obj/%.o,$(HYP_COLD_SRCS)): HYP_CFLAGS += -Os -mthumb
# There the link is -flto, the generated tables with it (their constants
# fold into the code); not string.c, whose memcpy and memset the compiler's
# own calls (struct copies) must find after the LTO link.
HYP_LDFLAGS :=
ifeq ($(FEATURE_ALL_COLD),y)
$(patsubst %.c,$(O)/obj/%.o,$(filter-out src/lib/string.c,$(HYP_COLD_SRCS))) $(GENDIR)/vmconfig.o: \
	HYP_CFLAGS += -flto
$(GENDIR)/vmconfig.o: HYP_CFLAGS += -Os -mthumb
HYP_LDFLAGS := -flto -Os -mthumb -mcpu=$(ARCH_CPU) -mtune=generic-armv7-a -mfloat-abi=soft \
	-ffreestanding -fno-builtin -fno-common -fno-strict-aliasing -fno-pic -g -Wa,-mimplicit-it=always
endif

# The registry of built-in schedulers (src/core/sched.c): the ones this
# system's shared cores run.
$(O)/obj/src/core/sched.o: HYP_CFLAGS += -D'SCHED_BUILTIN=$(foreach s,$(FEATURE_SCHED),SCHED($(s)))'

# Every flag the hypervisor's objects are built with (and which files are
# cold), in one file rewritten only when that changes: every object depends
# on it, so moving a file to the cold list or changing a flag rebuilds them
# (make alone would keep an object built with the old flags).
HYP_FLAGS_FILE := $(O)/obj/.flags
HYP_FLAGS_TEXT = $(CC) $(HYP_CFLAGS) | $(HYP_COLD_SRCS)
$(HYP_FLAGS_FILE): FORCE
	$(Q)mkdir -p $(dir $@)
	$(Q)echo '$(subst ','\'',$(HYP_FLAGS_TEXT))' | cmp -s - $@ || \
		echo '$(subst ','\'',$(HYP_FLAGS_TEXT))' >$@

$(O)/obj/%.o: %.c $(AUTOCONF) $(GENDIR)/features.h $(HYP_FLAGS_FILE)
	$(Q)mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(HYP_CFLAGS) -MMD -MP -c -o $@ $<
$(O)/obj/%.o: %.S $(AUTOCONF) $(GENDIR)/features.h $(HYP_FLAGS_FILE)
	$(Q)mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(HYP_ASFLAGS) -MMD -MP -c -o $@ $<
$(GENDIR)/%.o: $(GENDIR)/%.c $(AUTOCONF) $(HYP_FLAGS_FILE)
	@echo "  CC      $<"
	$(Q)$(CC) $(HYP_CFLAGS) -MMD -MP -c -o $@ $<
$(GENDIR)/%.o: $(GENDIR)/%.S $(AUTOCONF)
	@echo "  AS      $<"
	$(Q)$(CC) $(HYP_ASFLAGS) -c -o $@ $<
# Two layouts of one image (src/arch/armv7/shikiri.ld.S): shikiri.elf with
# every guest blob at its physical address, and shikiri-packed.elf (whose raw
# copy is shikiri.bin) with the blobs inside the image.
$(LDSCRIPT): src/arch/$(ARCH)/shikiri.ld.S $(AUTOCONF) $(GENDIR)/images-placed.ld
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(HYP_ASFLAGS) -I$(GENDIR) -o $@ $<
$(LDSCRIPT_PACKED): src/arch/$(ARCH)/shikiri.ld.S $(AUTOCONF) $(GENDIR)/images-packed.ld
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(HYP_ASFLAGS) -DIMAGES_PACKED -I$(GENDIR) -o $@ $<

-include $(HYP_OBJS:.o=.d)

# features.mk: a change of the file list relinks even when no object changed.
$(O)/shikiri.elf: $(HYP_OBJS) $(LDSCRIPT) $(GENDIR)/features.mk
	@echo "  LD      $@"
	$(Q)$(CC) $(HYP_LDFLAGS) -nostdlib -Wl,--gc-sections -Wl,-T,$(LDSCRIPT) -Wl,-Map,$(O)/shikiri.map \
		-o $@ $(HYP_OBJS) -lgcc
$(O)/shikiri-packed.elf: $(HYP_OBJS) $(LDSCRIPT_PACKED) $(GENDIR)/features.mk
	@echo "  LD      $@"
	$(Q)$(CC) $(HYP_LDFLAGS) -nostdlib -Wl,--gc-sections -Wl,-T,$(LDSCRIPT_PACKED) -Wl,-Map,$(O)/shikiri-packed.map \
		-o $@ $(HYP_OBJS) -lgcc
$(O)/shikiri.bin: $(O)/shikiri-packed.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

all: $(O)/shikiri.elf $(O)/shikiri.bin
	@$(CROSS_COMPILE)size $(O)/shikiri.elf | sed 's/^/  /'
	@echo "  SUMMARY $(GENDIR)/summary.txt; picture: make map -> $(O)/map.svg, map.png"

# --- The partitioning as a picture ---------------------------------------------
# The generator writes $(GENDIR)/map.dot with the tables; graphviz (Debian's
# graphviz, installed by this target only) draws it.
$(O)/map.svg $(O)/map.png &: $(GEN_STAMP)
	$(Q)$(srctree)/tools/deps.sh graphviz
	@echo "  MAP     $(O)/map.svg $(O)/map.png"
	$(Q)dot -Tsvg $(GENDIR)/map.dot -o $(O)/map.svg
	$(Q)dot -Tpng $(GENDIR)/map.dot -o $(O)/map.png
map: $(O)/map.svg $(O)/map.png

# --- U-Boot boot files -----------------------------------------------------------
# make fit: $(O)/shikiri.itb (FIT: the hypervisor of shikiri.elf as the kernel,
# every guest blob as a loadable at its address) and $(O)/boot.scr (loads it
# from the partition it is on, bootm FIT_LOAD_ADDR#conf-1). make sdimage:
# $(O)/sdcard.img, an SD card / disk image with both on a FAT partition (and,
# for orangepi-pc, Debian's U-Boot at 8 KiB). docs/deployment.md.
FIT_FILES := $(O)/shikiri.itb $(O)/boot.scr
$(FIT_FILES) &: $(O)/shikiri.elf $(GENDIR)/vmconfig.c tools/boot/fit.sh
	$(Q)$(srctree)/tools/deps.sh u-boot-tools
	@echo "  FIT     $(O)/shikiri.itb + boot.scr (bootm $(CONFIG_FIT_LOAD_ADDR)#conf-1, guest blobs as loadables)"
	$(Q)OBJCOPY=$(OBJCOPY) READELF=$(CROSS_COMPILE)readelf \
		tools/boot/fit.sh $(O) $(O)/shikiri.elf $(CONFIG_HYP_LOAD_ADDR) $(CONFIG_FIT_LOAD_ADDR) \
		"$(PLATFORM): $(notdir $(PARTITIONS))" $(PLATFORM) $(GENDIR)/vmconfig.c
# fit and sdimage make all first, as docs/make-targets.md says (shikiri.bin
# too, which the FIT does not need but `bootz` does).
fit: all $(FIT_FILES)

# Debian's U-Boot (with SPL) that goes on the card, per platform ("-": none:
# QEMU virt's U-Boot is -bios, the LS1021A-TWR's lives in its flash).
SDIMAGE_SPL := -
ifeq ($(PLATFORM),orangepi-pc)
SDIMAGE_SPL := $(O)/u-boot/orangepi_plus-u-boot-sunxi-with-spl.bin
$(SDIMAGE_SPL): tools/boot/fetch-uboot.sh
	$(Q)tools/boot/fetch-uboot.sh u-boot-sunxi orangepi_plus u-boot-sunxi-with-spl.bin $@
endif
SDIMAGE_MIB ?= 64
$(O)/sdcard.img: $(FIT_FILES) tools/boot/sdimage.sh $(filter-out -,$(SDIMAGE_SPL))
	$(Q)$(srctree)/tools/deps.sh mtools
	@echo "  SDIMAGE $@ ($(SDIMAGE_MIB) MiB$(if $(filter -,$(SDIMAGE_SPL)),,; U-Boot at 8 KiB))"
	$(Q)tools/boot/sdimage.sh $@ $(SDIMAGE_MIB) $(SDIMAGE_SPL) $(FIT_FILES)
sdimage: all $(O)/sdcard.img

# --- Running -------------------------------------------------------------------
# make run: the image straight from QEMU (-kernel). make run-sd: the
# $(O)/sdcard.img of make sdimage through U-Boot, as a board boots.
QEMU_CPU ?= cortex-a15
UBOOT_QEMU := /usr/lib/u-boot/qemu_arm/u-boot.bin
ifeq ($(PLATFORM),orangepi-pc)
# The H3 machine: 4 x Cortex-A7 and 1 GiB are fixed. A raw image starts in
# non-secure Hyp with QEMU's PSCI; an ELF would start in secure SVC.
QEMU_BASE = $(QEMU) -M orangepi-pc -smp 4 -m 1G -nic none -nographic
QEMU_CMD = $(QEMU_BASE) -kernel $(O)/shikiri.bin $(QEMU_EXTRA)
QEMU_SD_CMD = $(QEMU_BASE) -drive if=sd,format=raw,file=$(O)/sdcard.img $(QEMU_EXTRA)
else ifeq ($(PLATFORM),vexpress-a9)
# The TrustZone stand-in: every core starts at the ELF's entry in Secure SVC.
# Two UARTs: the monitor's and the secure partition's (stdio), the Non-secure
# world's (a second terminal: QEMU_EXTRA='-serial pty', or see docs/trustzone.md).
QEMU_BASE = $(QEMU) -M vexpress-a9,secure=on -cpu cortex-a9 -smp $(CONFIG_NR_CPUS) -nic none \
	-m $(call unquote,$(CONFIG_QEMU_MEMORY)) -nographic
QEMU_CMD = $(QEMU_BASE) -kernel $(O)/shikiri.elf $(QEMU_EXTRA)
QEMU_SD_CMD = $(QEMU_CMD)
else
QEMU_BASE = $(QEMU) -M virt,virtualization=on -cpu $(QEMU_CPU) -smp $(CONFIG_NR_CPUS) -nic none \
	-m $(call unquote,$(CONFIG_QEMU_MEMORY)) -nographic
QEMU_CMD = $(QEMU_BASE) -kernel $(O)/shikiri.elf $(QEMU_EXTRA)
QEMU_SD_CMD = $(QEMU_BASE) -bios $(UBOOT_QEMU) \
	-drive if=none,format=raw,file=$(O)/sdcard.img,id=disk -device virtio-blk-device,drive=disk \
	$(QEMU_EXTRA)
endif
ifeq ($(PLATFORM),ls1021a-twr)
run run-sd:
	@echo "shikiri: QEMU has no LS1021A model: write $(O)/sdcard.img (make sdimage) to a card," \
		"or TFTP $(O)/shikiri.itb; see docs/boards/ls1021a-twr.md" >&2; false
else ifeq ($(PLATFORM),zc702)
run run-sd:
	@echo "shikiri: QEMU 7.2's xilinx-zynq-a9 has no EL3 (no TrustZone monitor): write" \
		"$(O)/sdcard.img (make sdimage) with Xilinx's BOOT.BIN to a card; see docs/boards/zc702.md" >&2; false
else
run: all
	@echo "  RUN     $(QEMU_CMD)"
	@echo "          (Ctrl-A X quits QEMU; Ctrl-] moves console input, docs/console.md)"
	$(Q)$(QEMU_CMD)
run-sd: all sdimage
	@echo "  RUN     $(QEMU_SD_CMD)"
	$(Q)$(QEMU_SD_CMD)
endif

# --- Tests -------------------------------------------------------------------
check:
	$(Q)tests/run.sh

# Benchmarks against bare metal (docs/performance.md).
bench:
	$(Q)tools/bench/run.sh

# The generator under libFuzzer + ASan/UBSan (docs/make-targets.md).
FUZZ_RUNS ?= 100000
fuzz:
	$(Q)FUZZ_RUNS=$(FUZZ_RUNS) tests/gen/fuzz/run.sh

clean:
	rm -rf $(O)/obj $(O)/gen $(O)/guests $(O)/tools $(O)/shikiri.* $(O)/include $(O)/tests $(O)/fuzz
distclean:
	rm -rf $(O)

help:
	@sed -n '2,20p' Makefile | sed 's/^# \{0,1\}//'

.PHONY: all run check bench fuzz linux chan-tool ctl-tool shared deps defconfig menuconfig savedefconfig clean distclean help FORCE \
	fit sdimage run-sd map
