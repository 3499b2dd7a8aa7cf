#!/usr/bin/python3
# The menuconfig flow without a terminal: kconfiglib's own API, used the way
# menuconfig uses it (load .config, change a value, write_config), then
# loaded again the way the next make does (olddefconfig, genconfig). Each
# check prints nothing when it holds, or one line saying what is wrong; the
# caller (tests/config/run.sh) turns that into PASS/FAIL.
#
#   platform.py follows DIR    every configs/*_defconfig switched to every
#                              platform: the platform-derived values follow
#   platform.py override DIR   a board DT or hypervisor address set by hand
#                              (BOARD_DTS_CUSTOM, HYP_ADDRS_CUSTOM) stays
#   platform.py minimal DIR    savedefconfig of each configs/*_defconfig
#                              gives back that file (and its platform)
import glob
import os
import sys

import kconfiglib

# What each platform's build needs (docs/kconfig.md, docs/boards/): its
# board DT, the hypervisor region and image at the base of its RAM, the FIT
# above them, and no more cores than the board has.
PLATFORMS = {
    "PLATFORM_QEMU_VIRT": dict(PLATFORM="qemu-virt", BOARD_DTS="dts/boards/qemu-virt.dtsi",
                               HYP_BASE="0x40000000", HYP_LOAD_ADDR="0x40400000",
                               FIT_LOAD_ADDR="0x44100000", cores=8, ARCH="armv7"),
    "PLATFORM_ORANGEPI_PC": dict(PLATFORM="orangepi-pc", BOARD_DTS="dts/boards/orangepi-pc.dtsi",
                                 HYP_BASE="0x40000000", HYP_LOAD_ADDR="0x40400000",
                                 FIT_LOAD_ADDR="0x44100000", cores=4, ARCH="armv7"),
    "PLATFORM_LS1021A_TWR": dict(PLATFORM="ls1021a-twr", BOARD_DTS="dts/boards/ls1021a-twr.dtsi",
                                 HYP_BASE="0x80000000", HYP_LOAD_ADDR="0x80400000",
                                 FIT_LOAD_ADDR="0xa0000000", cores=2, ARCH="armv7"),
    # the TrustZone mode's platform (ARCH_ARMV7_TZ)
    "PLATFORM_VEXPRESS_A9": dict(PLATFORM="vexpress-a9", BOARD_DTS="dts/boards/vexpress-a9.dtsi",
                                 HYP_BASE="0x60000000", HYP_LOAD_ADDR="0x60400000",
                                 FIT_LOAD_ADDR="0x64100000", cores=4, ARCH="armv7-tz"),
    "PLATFORM_ZC702": dict(PLATFORM="zc702", BOARD_DTS="dts/boards/zc702.dtsi",
                           HYP_BASE="0x00000000", HYP_LOAD_ADDR="0x00400000",
                           FIT_LOAD_ADDR="0x20000000", cores=2, ARCH="armv7-tz"),
}

problems = []


def kconf(config):
    os.environ["KCONFIG_CONFIG"] = config
    k = kconfiglib.Kconfig("Kconfig", warn_to_stderr=False)
    return k


def defconfig(defconfig_file, config):
    # what `make <name>_defconfig` does (python3 -m defconfig)
    k = kconf(config)
    k.load_config(defconfig_file)
    k.write_config(config)


def menuconfig_set(config, assignments):
    # menuconfig: load .config, change values, save .config
    k = kconf(config)
    k.load_config(config)
    for name, value in assignments:
        sym = k.syms[name] if name in k.syms else None
        if sym is None:
            problems.append("%s: no such Kconfig symbol" % name)
            return
        if sym.type in (kconfiglib.BOOL, kconfiglib.TRISTATE):
            value = {"y": 2, "n": 0}[value]
        if not sym.set_value(value):
            problems.append("%s: kconfiglib refused %s" % (name, value))
    k.write_config(config)


def values(config):
    # the next make: olddefconfig, then the Makefile reads .config
    k = kconf(config)
    k.load_config(config)
    k.write_config(config)
    out = {}
    with open(config) as f:
        for line in f:
            if line.startswith("CONFIG_") and "=" in line:
                name, val = line.rstrip("\n").split("=", 1)
                out[name[len("CONFIG_"):]] = val.strip('"')
    return out


def follows(d):
    for src in sorted(glob.glob("configs/*_defconfig")):
        for choice, want in PLATFORMS.items():
            config = os.path.join(d, "%s-%s.config" % (os.path.basename(src), want["PLATFORM"]))
            defconfig(src, config)
            menuconfig_set(config, [(choice, "y")])
            v = values(config)
            what = "%s -> %s" % (os.path.basename(src), want["PLATFORM"])
            # ARCH: the platform implies the mode (VE or TrustZone)
            for name in ("PLATFORM", "BOARD_DTS", "HYP_BASE", "HYP_LOAD_ADDR", "FIT_LOAD_ADDR", "ARCH"):
                if v.get(name) != want[name]:
                    problems.append("%s: CONFIG_%s=%s, want %s" % (what, name, v.get(name), want[name]))
            cpus = int(v.get("NR_CPUS", "0"))
            if not 1 <= cpus <= want["cores"]:
                problems.append("%s: CONFIG_NR_CPUS=%d, the board has %d cores" % (what, cpus, want["cores"]))


def override(d):
    config = os.path.join(d, "override.config")
    defconfig("configs/orangepi_pc_defconfig", config)
    menuconfig_set(config, [("BOARD_DTS_CUSTOM", "y"), ("BOARD_DTS", "dts/boards/mine.dtsi"),
                            ("HYP_ADDRS_CUSTOM", "y"), ("HYP_BASE", "0x7e000000"),
                            ("HYP_LOAD_ADDR", "0x7e400000"), ("FIT_LOAD_ADDR", "0x50000000")])
    menuconfig_set(config, [("PLATFORM_LS1021A_TWR", "y")])
    v = values(config)
    for name, want in (("PLATFORM", "ls1021a-twr"), ("BOARD_DTS", "dts/boards/mine.dtsi"),
                       ("HYP_BASE", "0x7e000000"), ("HYP_LOAD_ADDR", "0x7e400000"),
                       ("FIT_LOAD_ADDR", "0x50000000")):
        if v.get(name) != want:
            problems.append("set by hand, then LS1021A: CONFIG_%s=%s, want %s" % (name, v.get(name), want))
    # turning the override off gives the platform's values back
    menuconfig_set(config, [("BOARD_DTS_CUSTOM", "n"), ("HYP_ADDRS_CUSTOM", "n")])
    v = values(config)
    want = PLATFORMS["PLATFORM_LS1021A_TWR"]
    for name in ("BOARD_DTS", "HYP_BASE", "HYP_LOAD_ADDR", "FIT_LOAD_ADDR"):
        if v.get(name) != want[name]:
            problems.append("override off again: CONFIG_%s=%s, want %s" % (name, v.get(name), want[name]))


def minimal(d):
    for src in sorted(glob.glob("configs/*_defconfig")):
        config = os.path.join(d, os.path.basename(src) + ".config")
        defconfig(src, config)
        k = kconf(config)
        k.load_config(config)
        out = config + ".min"
        k.write_min_config(out)
        # the platform choice is stated even when it is the default one
        with open(src) as f:
            want = sorted(l for l in f if l.startswith("CONFIG_") and
                          not (l.startswith("CONFIG_PLATFORM_") and l.endswith("=y\n")))
        with open(out) as f:
            got = sorted(l for l in f if l.startswith("CONFIG_") and
                         not (l.startswith("CONFIG_PLATFORM_") and l.endswith("=y\n")))
        if got != want:
            extra = [l.strip() for l in want if l not in got]
            lacks = [l.strip() for l in got if l not in want]
            problems.append("%s is not what savedefconfig writes: %s%s" % (
                src, "redundant " + ", ".join(extra) if extra else "",
                ("; " if extra and lacks else "") + ("lacks " + ", ".join(lacks) if lacks else "")))


def main():
    what, d = sys.argv[1], sys.argv[2]
    os.makedirs(d, exist_ok=True)
    {"follows": follows, "override": override, "minimal": minimal}[what](d)
    for p in problems[:3]:
        print(p)
    if len(problems) > 3:
        print("... %d problems in all" % len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
