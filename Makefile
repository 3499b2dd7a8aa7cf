# shikiri top-level Makefile.
#
#   make run                      build the default system and boot it in QEMU
#   make check                    build and run every test
#   make bench                    benchmarks vs bare metal: $(O)/bench/report.md
#   make fuzz                     fuzz the generator (libFuzzer, >= 100000 runs)
#   make <name>_defconfig         start a configuration from configs/<name>_defconfig
#   make menuconfig               edit it
#   make linux                    fetch the Debian kernel + build the initramfs
#   make [all]                    build $(O)/shikiri.elf and $(O)/shikiri.bin
#   O=dir  build directory (default: build)      V=1  show commands
#   QEMU_EXTRA='...'  extra options for make run
#   LINUX_FLAVOUR=armmp-lpae|armmp|rt-armmp  Debian kernel (CONFIG_LINUX_FLAVOUR)
#
# The build needs Debian packages; every entry point installs the missing ones
# (tools/deps.sh says what it installs).

srctree := $(CURDIR)
O ?= build
override O := $(abspath $(O))
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
noconfig_goals := %defconfig menuconfig savedefconfig deps clean distclean help check bench fuzz
config_goals := $(filter-out $(noconfig_goals),$(if $(MAKECMDGOALS),$(MAKECMDGOALS),all))

# --- Debian packages -------------------------------------------------------
ifneq ($(SHIKIRI_DEPS_DONE),1)
$(shell $(srctree)/tools/deps.sh >&2)
export SHIKIRI_DEPS_DONE := 1
endif
deps:
	$(Q)$(srctree)/tools/deps.sh

# --- Configuration ---------------------------------------------------------
KCONF = cd $(srctree) && $(PYTHON) -m

%_defconfig: configs/%_defconfig
	$(Q)mkdir -p $(O)
	$(Q)$(KCONF) defconfig --kconfig Kconfig $(srctree)/$< >/dev/null
	@echo "  CONFIG  $(O)/.config from $<"

defconfig:
	$(Q)mkdir -p $(O)
	$(Q)$(KCONF) defconfig --kconfig Kconfig $(abspath $(DEFCONFIG)) >/dev/null
	@echo "  CONFIG  $(O)/.config from $(DEFCONFIG)"

menuconfig:
	$(Q)mkdir -p $(O)
	$(Q)test -f $(KCONFIG_CONFIG) || $(KCONF) defconfig --kconfig Kconfig $(abspath $(DEFCONFIG)) >/dev/null
	$(Q)$(KCONF) menuconfig Kconfig

savedefconfig: $(KCONFIG_CONFIG)
	$(Q)$(KCONF) savedefconfig --kconfig Kconfig --out $(O)/defconfig
	@echo "  SAVE    $(O)/defconfig"

$(KCONFIG_CONFIG):
	$(Q)mkdir -p $(O)
	$(Q)$(KCONF) defconfig --kconfig Kconfig $(abspath $(DEFCONFIG)) >/dev/null
	@echo "  CONFIG  $(O)/.config from $(DEFCONFIG)"

ifneq ($(config_goals),)
-include $(KCONFIG_CONFIG)
endif

unquote = $(subst ",,$(1))
BOARD_DTS := $(call unquote,$(CONFIG_BOARD_DTS))
PARTITIONS := $(call unquote,$(CONFIG_PARTITIONS))
PLATFORM := $(call unquote,$(CONFIG_PLATFORM))

AUTOCONF := $(O)/include/generated/autoconf.h
$(AUTOCONF): $(KCONFIG_CONFIG) Kconfig
	$(Q)mkdir -p $(dir $@)
	$(Q)cd $(srctree) && $(PYTHON) -m genconfig --header-path $@.tmp Kconfig
	$(Q)if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; echo "  GEN     $@"; fi

# --- Guests ------------------------------------------------------------------
include guests/guests.mk

# --- Generator -----------------------------------------------------------------
GEN := $(O)/tools/shikiri-gen
GEN_SRCS := $(wildcard tools/gen/*.c)
$(GEN): $(GEN_SRCS) $(wildcard tools/gen/*.h) src/include/vmconfig.h
	$(Q)mkdir -p $(dir $@)
	@echo "  HOSTCC  $@"
	$(Q)$(HOSTCC) -O2 -std=gnu11 -Wall -Wextra -Werror -Isrc/include \
		-DCONFIG_NR_CPUS=8 -DCONFIG_MAX_VCPUS_PER_VM=8 -o $@ $(GEN_SRCS) -lfdt

GENDIR := $(O)/gen
GEN_STAMP := $(GENDIR)/.stamp
-include $(GENDIR)/deps.mk

# The generator rewrites an output only when its content changes, so the stamp
# (not the outputs' mtimes) tells make that it ran.
$(GEN_STAMP): $(GEN) $(KCONFIG_CONFIG) $(BOARD_DTS) $(PARTITIONS) | guests
	@echo "  GEN     $(GENDIR) from $(BOARD_DTS) $(PARTITIONS)"
	$(Q)mkdir -p $(GENDIR)
	$(Q)$(GEN) --out $(GENDIR) --objtree $(O) --srctree $(srctree) \
		--nr-cpus $(CONFIG_NR_CPUS) --max-vms $(CONFIG_MAX_VMS) \
		--max-vcpus $(CONFIG_MAX_VCPUS_PER_VM) \
		--hyp-base $(CONFIG_HYP_BASE) --hyp-size $(CONFIG_HYP_SIZE) \
		--board $(BOARD_DTS) $(PARTITIONS)
$(GENDIR)/vmconfig.c $(GENDIR)/images.S: $(GEN_STAMP) ;

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
# Rewritten only when the flavour changes, so that a change takes effect.
LINUX_FLAVOUR_STAMP := $(O)/.linux-flavour
$(LINUX_FLAVOUR_STAMP): FORCE
	$(Q)mkdir -p $(O)
	$(Q)echo "$(LINUX_FLAVOUR)" | cmp -s - $@ || echo "$(LINUX_FLAVOUR)" >$@
# $(O)/linux holds this build's copy of its flavour's zImage (a copy, not a
# link: the image's timestamp must change with the flavour).
$(LINUX_FILES) &: tools/linux/fetch.sh tools/linux/init $(LINUX_FLAVOUR_STAMP)
	$(Q)tools/linux/fetch.sh $(LINUX_DIR) $(LINUX_FLAVOUR)
	$(Q)if [ -L $(O)/linux ]; then rm -f $(O)/linux; fi
	$(Q)mkdir -p $(O)/linux
	$(Q)if [ "$(abspath $(LINUX_DIR))" != "$(O)/linux" ]; then \
		ln -sfn $(abspath $(LINUX_DIR))/initramfs.cpio.gz $(O)/linux/initramfs.cpio.gz; fi
	$(Q)cp $(LINUX_DIR)/vmlinuz-$(LINUX_FLAVOUR) $(O)/linux/vmlinuz.tmp
	$(Q)mv $(O)/linux/vmlinuz.tmp $(O)/linux/vmlinuz
	$(Q)touch $(LINUX_FILES)
	@echo "  LINUX   $(O)/linux/vmlinuz: Debian's $(LINUX_FLAVOUR) kernel"
linux: $(LINUX_FILES)

# --- Hypervisor ------------------------------------------------------------------
HYP_DIRS := src/core src/lib src/drivers src/arch/armv7 src/platform/$(PLATFORM)
HYP_SRCS := $(filter-out %.ld.S,$(foreach d,$(HYP_DIRS),$(wildcard $(d)/*.c $(d)/*.S)))
HYP_OBJS := $(patsubst %,$(O)/obj/%.o,$(basename $(HYP_SRCS))) \
	$(GENDIR)/vmconfig.o $(GENDIR)/images.o

HYP_CFLAGS := -mcpu=cortex-a15 -marm -mfloat-abi=soft -ffreestanding -fno-builtin \
	-fno-common -fno-strict-aliasing -fno-pic -std=c11 -O2 -g \
	-Wall -Wextra -Werror -Wshadow -Wundef -Wstrict-prototypes \
	-include $(AUTOCONF) -Isrc/include -Isrc/arch/armv7/include \
	-Isrc/platform/$(PLATFORM)
HYP_ASFLAGS := $(HYP_CFLAGS) -D__ASSEMBLY__
LDSCRIPT := $(O)/obj/shikiri.ld

$(O)/obj/%.o: %.c $(AUTOCONF)
	$(Q)mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(HYP_CFLAGS) -MMD -MP -c -o $@ $<
$(O)/obj/%.o: %.S $(AUTOCONF)
	$(Q)mkdir -p $(dir $@)
	@echo "  AS      $<"
	$(Q)$(CC) $(HYP_ASFLAGS) -MMD -MP -c -o $@ $<
$(GENDIR)/%.o: $(GENDIR)/%.c $(AUTOCONF)
	@echo "  CC      $<"
	$(Q)$(CC) $(HYP_CFLAGS) -MMD -MP -c -o $@ $<
$(GENDIR)/%.o: $(GENDIR)/%.S $(AUTOCONF)
	@echo "  AS      $<"
	$(Q)$(CC) $(HYP_ASFLAGS) -c -o $@ $<
$(LDSCRIPT): src/arch/armv7/shikiri.ld.S $(AUTOCONF)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) -E -P -x c $(HYP_ASFLAGS) -o $@ $<

-include $(HYP_OBJS:.o=.d)

$(O)/shikiri.elf: $(HYP_OBJS) $(LDSCRIPT)
	@echo "  LD      $@"
	$(Q)$(CC) -nostdlib -Wl,--gc-sections -Wl,-T,$(LDSCRIPT) -Wl,-Map,$(O)/shikiri.map \
		-o $@ $(HYP_OBJS) -lgcc
$(O)/shikiri.bin: $(O)/shikiri.elf
	@echo "  OBJCOPY $@"
	$(Q)$(OBJCOPY) -O binary $< $@

all: $(O)/shikiri.elf $(O)/shikiri.bin
	@$(CROSS_COMPILE)size $(O)/shikiri.elf | sed 's/^/  /'

# --- Running -------------------------------------------------------------------
QEMU_CMD = $(QEMU) -M virt,virtualization=on -cpu cortex-a15 -smp $(CONFIG_NR_CPUS) -nic none \
	-m $(call unquote,$(CONFIG_QEMU_MEMORY)) -nographic -kernel $(O)/shikiri.elf $(QEMU_EXTRA)
run: all
	@echo "  RUN     $(QEMU_CMD)"
	@echo "          (Ctrl-A X quits QEMU; Ctrl-] moves console input, docs/console.md)"
	$(Q)$(QEMU_CMD)

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
	@sed -n '2,16p' Makefile | sed 's/^# \{0,1\}//'

.PHONY: all run check bench fuzz linux deps defconfig menuconfig savedefconfig clean distclean help FORCE
