#!/usr/bin/env python3
"""make bench's peer: a bench guest as a Xen 4.17 dom0less domU.

  xen.py prepare VIRT_DTB GUEST_BIN CPUS OUTDIR NAME
      VIRT_DTB is QEMU's own device tree (-M virt,...,dumpdtb=), GUEST_BIN the
      very .bin the shikiri systems embed. Writes OUTDIR/NAME.img (the image
      padded to the end address its zImage header gives, as Xen wants) and
      OUTDIR/NAME.dtb (QEMU's DT with Xen's command line and the domU1 node
      under /chosen), and prints the image's load address for QEMU's
      -device loader.

  xen.py parse LOG
      Prints a Xen run's console (QEMU's serial log) as JSON: the domU's
      "bench: ..." lines (Xen prefixes them) and Xen's version line.

Method and figures: docs/performance.md ("Peer: Xen 4.17").
"""
import json
import os
import re
import struct
import subprocess
import sys

# Where QEMU's loader puts the domU image: far above the RAM QEMU loads Xen
# and its DTB into (0x40000000 + a few MiB), below where Xen relocates itself
# (the top of RAM).
MODULE_ADDR = 0x50000000
ZIMAGE_MAGIC = 0x016F2818
# Xen's command line: the console on QEMU's PL011; vwfi=native lets the
# guest's wfi sleep on the core, as under shikiri (Xen's default traps it and
# schedules); bootscrub=0 skips scrubbing 1 GiB under icount (boot time only).
XEN_BOOTARGS = "console=dtuart dtuart=/pl011@9000000 vwfi=native bootscrub=0"
DOMU_KIB = 0x10000  # 64 MiB, at the domU's IPA 0x40000000


def die(msg):
    print(f"xen.py: {msg}", file=sys.stderr)
    sys.exit(1)


def padded_image(path):
    """The image padded to its zImage header's end address, and that size."""
    data = open(path, "rb").read()
    if len(data) < 0x30:
        die(f"{path}: too short for a zImage header")
    magic, start, end = struct.unpack_from("<III", data, 0x24)
    if magic != ZIMAGE_MAGIC or end <= start or end - start < len(data) or end - start > (16 << 20):
        die(f"{path}: no usable zImage header (magic {magic:#x}, {start:#x}..{end:#x})")
    return data + bytes(end - start - len(data)), end - start


def dom0less_dts(virt_dts, size, cpus):
    """QEMU's DT source with Xen's /chosen: its command line and one domU."""
    out = []
    in_chosen = False
    done = False
    for line in virt_dts.splitlines():
        s = line.strip()
        if s == "chosen {":
            in_chosen = True
        elif in_chosen and s.startswith(("rng-seed", "kaslr-seed")):
            continue  # random per run: the run would not be byte-identical
        elif in_chosen and s == "};":
            out += [
                f'\t\txen,xen-bootargs = "{XEN_BOOTARGS}";',
                "\t\t#address-cells = <1>;",
                "\t\t#size-cells = <1>;",
                "\t\tdomU1 {",
                '\t\t\tcompatible = "xen,domain";',
                "\t\t\t#address-cells = <1>;",
                "\t\t\t#size-cells = <1>;",
                f"\t\t\tmemory = <0 {DOMU_KIB:#x}>;",
                f"\t\t\tcpus = <{cpus}>;",
                "\t\t\tvpl011;",
                f"\t\t\tmodule@{MODULE_ADDR:x} {{",
                '\t\t\t\tcompatible = "multiboot,kernel", "multiboot,module";',
                f"\t\t\t\treg = <{MODULE_ADDR:#x} {size:#x}>;",
                "\t\t\t};",
                "\t\t};",
            ]
            in_chosen = False
            done = True
        out.append(line)
    if not done:
        die("QEMU's device tree has no /chosen node")
    return "\n".join(out) + "\n"


def dtc(args, data):
    r = subprocess.run(["dtc", "-q"] + args, input=data, capture_output=True)
    if r.returncode:
        die(f"dtc {' '.join(args)}: {r.stderr.decode(errors='replace').strip()}")
    return r.stdout


def prepare(virt_dtb, guest_bin, cpus, outdir, name):
    if not cpus.isdigit() or not 1 <= int(cpus) <= 4:
        die(f"cpus {cpus!r}: 1 to 4")
    img, size = padded_image(guest_bin)
    dts = dom0less_dts(dtc(["-I", "dtb", "-O", "dts"], open(virt_dtb, "rb").read()).decode(), size, cpus)
    dtb = dtc(["-I", "dts", "-O", "dtb"], dts.encode())
    os.makedirs(outdir, exist_ok=True)
    for suffix, data in ((".img", img), (".dts", dts.encode()), (".dtb", dtb)):
        with open(os.path.join(outdir, name + suffix + ".tmp"), "wb") as f:
            f.write(data)
        os.replace(os.path.join(outdir, name + suffix + ".tmp"), os.path.join(outdir, name + suffix))
    print(f"{MODULE_ADDR:#x}")


# The domU's console through Xen: "(XEN) DOM1: bench: ..." (the prefix may
# differ, so anything before "bench: " goes).
BENCH_LINE = re.compile(r"(?:^|\s)(bench: .*)$")
XEN_VERSION = re.compile(r"Xen version (\S+)")


def parse(log):
    lines, version = [], None
    for line in open(log, errors="replace"):
        line = line.rstrip("\r\n")
        m = XEN_VERSION.search(line)
        if m and version is None:
            version = m.group(1)
        m = BENCH_LINE.search(line)
        if m and "DOM" in line[: m.start(1)]:
            lines.append(m.group(1))
    json.dump({"xen_version": version, "lines": lines}, sys.stdout)
    print()


def main(argv):
    if len(argv) == 7 and argv[1] == "prepare":
        prepare(*argv[2:])
    elif len(argv) == 3 and argv[1] == "parse":
        parse(argv[2])
    else:
        die(__doc__.strip().splitlines()[2].strip() + " | parse LOG")


if __name__ == "__main__":
    main(sys.argv)
