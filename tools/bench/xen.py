#!/usr/bin/env python3
"""make bench's peer: a bench guest as a Xen 4.17 dom0less domU.

  xen.py prepare VIRT_DTB GUEST_BIN CPUS OUTDIR NAME
      VIRT_DTB is QEMU's own device tree (-M virt,...,dumpdtb=), GUEST_BIN the
      very .bin the shikiri systems embed. Writes OUTDIR/NAME.img (the image
      padded to the end address its zImage header gives, as Xen wants) and
      OUTDIR/NAME.dtb (QEMU's DT with Xen's command line and the domU1 node
      under /chosen), and prints the image's load address for QEMU's
      -device loader.

  xen.py report OUT
      After tools/bench/report.py: reads OUT/logs/xen_*.log (tools/bench/xen.sh)
      and OUT/results.json, adds "xen_peer" to results.json, appends the
      "Peer: Xen 4.17" section to OUT/report.md, plots OUT/xen_peer.png and
      prints the peer's summary. Exit status 1 when the peer ran but failed.

Method and figures: docs/performance.md ("Peer: Xen 4.17").
"""
import json
import os
import re
import struct
import subprocess
import sys

import gnuplot  # tools/bench/gnuplot.py, beside this file

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


# The domU's console through Xen: "(XEN) DOM1: bench: ..."; anything before
# "bench: " goes.
BENCH_LINE = re.compile(r"DOM1: bench: ([a-z_-]+)(.*)$")
XEN_VERSION = re.compile(r"Xen version (\S+) \(Debian ([^)]+)\)")
TRAP_OPS = [  # bench_traps' operations: (op, label)
    ("hvc_version", "hypercall round trip (shikiri: hvc SHIKIRI_HC_VERSION; Xen: hvc #0xEA1 xen_version)"),
    ("psci_version", "PSCI VERSION (shikiri: smc; Xen and bare: hvc)"),
    ("gicd_read", "GICD read (GICD_TYPER)"),
    ("gicd_write", "GICD write (GICD_ISENABLER0)"),
    ("vuart_fr_read", "UART read UARTFR (shikiri vUART; Xen vpl011)"),
    ("vuart_write", "UART write UARTDR (line-buffered by both)"),
]


def num(v):
    try:
        return int(v)
    except (TypeError, ValueError):
        return None


def read_run(out, name, errors):
    """(Xen version, records) of logs/NAME.log; records are (kind, {k: v})."""
    path = os.path.join(out, "logs", name + ".log")
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
        status = open(os.path.join(out, "logs", name + ".status")).read().strip()
    except OSError:
        errors.append(f"{name}: no console log")
        return None, []
    if status != "0":
        errors.append(f"{name}: the domU did not print \"bench: done\" (timeout?)")
    version, recs = None, []
    for line in lines:
        m = XEN_VERSION.search(line)
        if m and version is None:
            version = f"{m.group(1)} (Debian {m.group(2)})"
        m = BENCH_LINE.search(line)
        if m:
            recs.append((m.group(1), dict(t.split("=", 1) for t in m.group(2).split() if "=" in t)))
        if re.search(r"trap-error|timer-lost|period [0-9]+ lost|guest exception", line) and \
                "cpu_on" not in line:
            errors.append(f"{name}: {line}")
    envs = {kv.get("env") for k, kv in recs if k in ("timer", "traps")}
    if recs and envs != {"xen"}:
        errors.append(f"{name}: the guest did not see Xen (env {sorted(e or '?' for e in envs)})")
    return version, recs


def xen_timer(recs, errors):
    res = {"hist": {}}
    for kind, kv in recs:
        if kind == "timer":
            d, s = num(kv.get("delivered")), num(kv.get("sum"))
            res.update(periods=num(kv.get("periods")), delivered=d, min=num(kv.get("min")),
                       max=num(kv.get("max")), avg=round(s / d, 3) if d and s is not None else None)
        elif kind == "timer-hist":
            res["hist"][kv.get("lat")] = num(kv.get("count"))
    if res.get("avg") is None:
        errors.append("xen_timer: no timer result")
    elif res["delivered"] != res["periods"]:
        errors.append(f"xen_timer: {res['delivered']}/{res['periods']} periods delivered")
    return res


def xen_traps(recs, errors):
    ops = {}
    for kind, kv in recs:
        n, t = num(kv.get("n")), num(kv.get("ticks"))
        if kind == "trap" and n and t is not None:
            ops[kv.get("op")] = round(t / n, 3)
    for op, _ in TRAP_OPS:
        if op not in ops:
            errors.append(f"xen_traps: no result for {op}")
    return ops


def rnd(v):
    return None if v is None else round(v, 3)


def row(label, bare, shikiri, xen):
    def sub(a, b):
        return None if a is None or b is None else rnd(a - b)

    def div(a, b):
        return None if a is None or b is None or b == 0 else round(a / b, 3)
    sh, xh = sub(shikiri, bare), sub(xen, bare)
    return {"label": label, "bare": bare, "shikiri": shikiri, "xen": xen,
            "shikiri_ratio": div(shikiri, bare), "xen_ratio": div(xen, bare),
            "shikiri_hyp_instructions": sh, "xen_hyp_instructions": xh,
            "shikiri_over_xen": div(shikiri, xen), "shikiri_over_xen_hyp": div(sh, xh)}


def fmt(v):
    if v is None:
        return "n/a"
    v = round(v, 2) + 0.0
    return f"{int(v):,}" if v == int(v) else f"{v:,.2f}"


def fmt_ratio(v):
    return "n/a" if v is None else f"{v:.2f}x"


def plot(res, results, out, errors):
    """xen_peer.png and xen_latency.png; a plot gnuplot cannot draw goes to errors."""
    pdir = os.path.join(out, "plot")
    os.makedirs(pdir, exist_ok=True)
    dat = os.path.join(pdir, "xen_peer.dat")
    with open(dat, "w") as f:
        for key, r in res["rows"].items():
            if r["shikiri_hyp_instructions"] is not None and r["xen_hyp_instructions"] is not None:
                f.write(f'"{key}" {max(r["shikiri_hyp_instructions"], 1)} '
                        f'{max(r["xen_hyp_instructions"], 1)}\n')
    made = gnuplot.draw(out, "xen_peer", 'set termoption noenhanced\n'
                        'set title "Hypervisor instructions per operation: shikiri vs Xen 4.17 '
                        '(dom0less, vwfi=native), QEMU icount"\n'
                        'set style data histograms\nset style histogram clustered gap 1\n'
                        'set style fill solid 0.7\nset logscale y\nset yrange [1:*]\nset grid ytics\n'
                        'set xtics rotate by -30\nset bmargin 6\nset key top left\n'
                        'set ylabel "instructions over bare (log)"\n'
                        f'plot "{dat}" using 2:xtic(1) title "shikiri", "" using 3 title "Xen 4.17"\n',
                        errors)
    # The latency histograms: bare, shikiri's srt VM, the Xen domU.
    series = [("bare", results["timer_latency"]["runs"]["bare"]["hist"]),
              ("shikiri srt VM", results["timer_latency"]["runs"]["srt"]["hist"]),
              ("Xen 4.17 domU", res["timer_run"]["hist"])]
    hi = max([int(k) for _, h in series for k in h if k != "over"] + [1])
    body = ('set termoption noenhanced\n'
            f'set multiplot layout {len(series)},1 title '
            '"Timer wake-up latency: bare, shikiri, Xen 4.17 (QEMU icount)"\n'
            f'set logscale y\nset yrange [0.5:*]\nset xrange [0:{int(hi * 1.05) + 5}]\n'
            'set grid\nset ylabel "periods"\nset style fill solid 0.7\nset boxwidth 1\n'
            'set key top right\n')
    for i, (label, hist) in enumerate(series):
        dat = os.path.join(pdir, f"xen_latency_{i}.dat")
        with open(dat, "w") as f:
            for lat, c in sorted((int(k), v) for k, v in hist.items() if k != "over"):
                f.write(f"{lat} {c}\n")
        if i == len(series) - 1:
            body += 'set xlabel "latency (ticks = instructions)"\n'
        body += f'plot "{dat}" using 1:2 with boxes lc {i + 1} title "{label}"\n'
    return made + gnuplot.draw(out, "xen_latency", body + "unset multiplot\n", errors)


def report(out):
    errors = []
    rpath = os.path.join(out, "results.json")
    try:
        results = json.load(open(rpath))
    except (OSError, ValueError) as e:
        print(f"bench: xen: no results.json to add the peer to ({e})", file=sys.stderr)
        return 1
    skipped = None
    try:
        skipped = open(os.path.join(out, "logs", "xen.skipped")).read().strip()
    except OSError:
        pass
    L = ["\n## Peer: Xen 4.17\n"]
    if skipped:
        res = {"skipped": skipped}
        L.append(f"Not run: {skipped}.\n")
        print(f"\nXen peer: skipped ({skipped})")
    else:
        version, trecs = read_run(out, "xen_timer", errors)
        _, precs = read_run(out, "xen_traps", errors)
        xt = xen_timer(trecs, errors)
        xops = xen_traps(precs, errors)
        runs = results["timer_latency"]["runs"]
        rows = {}
        for stat in ("min", "avg", "max"):
            rows[f"timer_{stat}"] = row(f"timer latency {stat} (shikiri: srt VM; Xen: domU)",
                                        runs["bare"].get(stat), runs["srt"].get(stat), xt.get(stat))
        tp = results["trap_paths"]["rows"]
        for op, label in TRAP_OPS:
            rows[op] = row(label, tp[op]["bare"], tp[op]["hypervisor"], xops.get(op))
        res = {"xen": version, "settings": "dom0less domU1 (1 vCPU, 64 MiB, vpl011) on -smp 1; "
               f"Xen command line \"{XEN_BOOTARGS}\"", "rows": rows, "timer_run": xt}
        res["plots"] = plot(res, results, out, errors)
        a = rows["timer_avg"]
        h = rows["hvc_version"]
        L.append(f"The same bench guests (the very `.bin` files the shikiri systems embed) as a "
                 f"Xen {version or '4.17'} dom0less domU on the same QEMU with the same "
                 "`-icount shift=4,sleep=off`: one vCPU with 64 MiB on a one-core machine "
                 f"(`-smp 1`), Xen's command line `{XEN_BOOTARGS}` (`vwfi=native`: the guest's "
                 "`wfi` sleeps on the core, as under shikiri), its console on Xen's vpl011. "
                 "The guest finds Xen with Xen's version hypercall (`hvc #0xEA1`, r12 = 17) "
                 "and its devices in the DT Xen gives it. Bare and shikiri figures are sections 1 "
                 "and 2 (shikiri: the `srt` timer VM, every interrupt injected through a list "
                 "register; Xen: every interrupt taken by Xen and injected). The hypercall is "
                 "`SHIKIRI_HC_VERSION` under shikiri and Xen's `xen_version` under Xen. "
                 "PSCI CPU_ON is not compared: Xen 4.17 does not finish booting under icount "
                 "with `-smp 2`.\n")
        trows = [[r["label"], fmt(r["bare"]), fmt(r["shikiri"]), fmt(r["xen"]),
                  fmt_ratio(r["shikiri_ratio"]), fmt_ratio(r["xen_ratio"]),
                  fmt(r["shikiri_hyp_instructions"]), fmt(r["xen_hyp_instructions"]),
                  fmt_ratio(r["shikiri_over_xen_hyp"])] for r in rows.values()]
        L.append("| path (ticks = instructions) | bare | shikiri | Xen | shikiri/bare | Xen/bare | "
                 "shikiri − bare | Xen − bare | shikiri/Xen (hypervisor instructions) |")
        L.append("|---|---|---|---|---|---|---|---|---|")
        L += ["| " + " | ".join(r) + " |" for r in trows]
        L.append("")
        L.append(f"Timer interrupt injection: shikiri adds {fmt(a['shikiri_hyp_instructions'])} "
                 f"instructions, Xen {fmt(a['xen_hyp_instructions'])} "
                 f"(shikiri/Xen {fmt_ratio(a['shikiri_over_xen_hyp'])}); hypercall round trip: "
                 f"{fmt(h['shikiri_hyp_instructions'])} against {fmt(h['xen_hyp_instructions'])} "
                 f"({fmt_ratio(h['shikiri_over_xen_hyp'])}).\n")
        L += [f"![{p[:-4]}]({p})\n" for p in res["plots"]]
        print(f"\nXen peer ({version}), hypervisor instructions shikiri / Xen: timer injection "
              f"{fmt(a['shikiri_hyp_instructions'])} / {fmt(a['xen_hyp_instructions'])} "
              f"({fmt_ratio(a['shikiri_over_xen_hyp'])}), hypercall "
              f"{fmt(h['shikiri_hyp_instructions'])} / {fmt(h['xen_hyp_instructions'])} "
              f"({fmt_ratio(h['shikiri_over_xen_hyp'])})")
    res["errors"] = errors
    if errors:
        L.append("Errors: " + "; ".join(errors) + "\n")
    results["xen_peer"] = res
    with open(rpath + ".tmp", "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    os.replace(rpath + ".tmp", rpath)
    with open(os.path.join(out, "report.md"), "a") as f:
        f.write("\n".join(L) + "\n")
    for e in errors:
        print("bench: xen: " + e, file=sys.stderr)
    return 1 if errors else 0


def main(argv):
    if len(argv) == 7 and argv[1] == "prepare":
        prepare(*argv[2:])
        return 0
    if len(argv) == 3 and argv[1] == "report":
        return report(argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
