#!/usr/bin/python3
"""Channel figures for make bench (tools/bench/run.sh; docs/channels.md).

  chan.py trace TRACE RINGS N    count hypervisor instructions in QEMU's trace
                                 (-singlestep -d exec,int,nochain, filtered to
                                 the hypervisor) from the first doorbell ring
                                 to the end of the Nth: RINGS is a comma list
                                 of the RING registers' addresses (hex) as the
                                 guests see them (HDFAR of the trapped write);
                                 prints one JSON object
  chan.py report OUT             read OUT/logs/chan_*.log and the traces,
                                 append the "Channels" section to
                                 OUT/report.md, write OUT/chan.json, print a
                                 summary; exit 1 on a missing or bad figure

A ring's instructions are those of the hypervisor entry whose data abort has
the RING address, from "Taking exception" to the exception return on that
core. Everything else the hypervisor executes on any core between the first
and the last ring (the delivery into the peer: kick SGI, list register,
and whatever else ran meanwhile) is counted as "other"; instructions per
doorbell = (ring + other) / rings, an upper bound on what one doorbell costs.
"""
import collections
import json
import os
import re
import sys


def trace(stream, rings, n):
    """RINGS: comma list of RING register addresses (a trapped write whose
    HDFAR is one is a ring) and of hvc@PC items (an hvc entry whose
    exception return goes to PC is a ring: the doorbell hypercall)."""
    addrs, hvc_pcs = set(), set()
    for a in rings.split(','):
        if a.startswith('hvc@'):
            hvc_pcs.add(int(a[4:], 16))
        else:
            addrs.add(int(a, 16))
    kind = {}  # cpu -> 'ring' | 'hvc' | 'other' for the entry it is in
    cur = collections.Counter()  # cpu -> instructions of that entry so far
    counts = collections.Counter()
    per_ring = []
    seen = 0
    cpu = None
    exc_cpu = None
    done = False
    for line in stream:
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            if cpu in kind:
                cur[cpu] += 1
            elif seen:
                counts['other'] += 1  # hypervisor code outside a guest entry
        elif line.startswith('cpu_io_recompile'):
            if cpu in kind:
                cur[cpu] -= 1
            elif seen:
                counts['other'] -= 1
        elif line.startswith('Taking exception'):
            exc_cpu = line.rsplit(' ', 1)[-1].strip()
            kind[exc_cpu] = 'other'
            cur[exc_cpu] = 0
        elif line.startswith('...with ESR 0x12/'):
            kind[exc_cpu] = 'hvc'
        elif line.startswith('...with HDFAR') and int(line.split()[-1], 16) in addrs:
            kind[exc_cpu] = 'ring'
        elif line.startswith('Exception return from AArch32 hyp'):
            k = kind.pop(cpu, 'other')
            pc = int(line.rsplit(' ', 1)[-1], 16)
            if k == 'ring' or (k == 'hvc' and pc in hvc_pcs):
                seen += 1
                counts['ring'] += cur[cpu]
                per_ring.append(cur[cpu])
                if len(per_ring) >= n:
                    done = True
                    break
            elif seen:
                counts['other'] += cur[cpu]
    rings_done = len(per_ring)
    total = counts['ring'] + counts['other']
    return {'complete': done, 'rings': rings_done,
            'ring_instructions': counts['ring'], 'other_instructions': counts['other'],
            'ring_min': min(per_ring) if per_ring else None,
            'ring_avg': round(counts['ring'] / rings_done, 1) if rings_done else None,
            'ring_max': max(per_ring) if per_ring else None,
            'per_doorbell': round(total / rings_done, 1) if rings_done else None}


RT_RE = re.compile(r'^\[(?P<vm>[^\]]+)\] rtos: channel \S+: (?P<n>\d+) round trips of (?P<of>\d+), '
                   r'in order and intact; bad (?P<bad>\d+), timeouts (?P<to>\d+); round trip '
                   r'min (?P<min>\d+) avg (?P<avg>\d+) max (?P<max>\d+) ticks$')


def round_trips(out, name, errors):
    path = os.path.join(out, 'logs', name + '.log')
    try:
        with open(path, errors='replace') as f:
            for line in f:
                m = RT_RE.match(line.rstrip('\n'))
                if m:
                    d = {k: int(v) for k, v in m.groupdict().items() if k != 'vm'}
                    if d['n'] != d['of'] or d['bad'] or d['to']:
                        errors.append(f'{name}: {line.strip()}')
                    return d
    except OSError:
        pass
    errors.append(f'{name}: no round-trip line')
    return None


def read_json(path, errors, name):
    try:
        with open(path) as f:
            res = json.load(f)
    except (OSError, ValueError):
        errors.append(f'{name}: no trace result')
        return None
    if not res.get('complete'):
        errors.append(f'{name}: the trace ended early ({res.get("rings")} rings)')
    return res


def ping_re(label):
    """shikiri-chan ping's summary line for channel label."""
    return re.compile(r'^\[linux\] ping ' + label + r': (?P<n>\d+) round trips, (?P<ok>\d+) in order '
                      r'and intact, (?P<bad>\d+) bad, \d+ other messages skipped, (?P<db>\d+) '
                      r'doorbells; min (?P<min>\d+) avg (?P<avg>\d+) max (?P<max>\d+) us$')


LX_RE = ping_re('rtlog')
# shikiri-chan loopback: the same ping between two processes of the Linux VM
# (the Linux in-guest baseline; "doorbells" are its pipe wake-ups).
LOOP_RE = ping_re('loopback')
LAT_RE = re.compile(r'^\[linux\] rtlog: seq \d+: .*hyp irq entries (?P<e>\d+)$')
TICKS_PER_US = 62.5  # CNTFRQ of QEMU virt: Linux's clock_gettime counts the same ticks


def linux_round_trips(out, errors):
    """RTOS <-> Linux (full runs only: logs/chan_linux.log): shikiri-chan ping's
    round trips, in microseconds of Linux's CLOCK_MONOTONIC (the arch timer,
    62.5 ticks per microsecond), and the RTOS core's hypervisor IRQ entries
    from the reports Linux read."""
    path = os.path.join(out, 'logs', 'chan_linux.log')
    if not os.path.exists(path):
        return None
    d, loop, entries = None, None, []
    with open(path, errors='replace') as f:
        for line in f:
            line = line.rstrip('\n')
            m = LX_RE.match(line)
            if m:
                d = {k: int(v) for k, v in m.groupdict().items()}
            m = LOOP_RE.match(line)
            if m:
                loop = {k: int(v) for k, v in m.groupdict().items()}
            m = LAT_RE.match(line)
            if m:
                entries.append(int(m.group('e')))
    if not d or d['n'] != d['ok'] or d['bad']:
        errors.append(f'chan_linux: no clean ping line in {path}')
        return None
    if not loop or loop['n'] != loop['ok'] or loop['bad']:
        errors.append(f'chan_linux: no clean loopback line in {path}')
        loop = None
    for r in (d, loop):
        for k in ('min', 'avg', 'max'):
            if r:
                r[k + '_ticks'] = round(r[k] * TICKS_PER_US)
    d['rtos_hyp_irq_entries'] = max(entries) if entries else None
    d['loopback'] = loop
    return d


PAIRS = [('chan_srt_srt', 'srt <-> srt (cores 0, 1)'),
         ('chan_hrt_srt', 'hrt <-> srt (cores 0, 1; hrt doorbell = physical SPI)')]


def report(out):
    errors = []
    base = round_trips(out, 'chan_loop', errors)
    rows = []
    for name, what in PAIRS:
        rt = round_trips(out, name, errors)
        tr = read_json(os.path.join(out, 'logs', name + '.trace.json'), errors, name)
        row = {'system': name, 'what': what, 'round_trip': rt, 'trace': tr,
               'ratio': round(rt['avg'] / base['avg'], 2) if rt and base and base['avg'] else None}
        rows.append(row)
    lx = linux_round_trips(out, errors)
    lx_ratio = round(lx['avg_ticks'] / base['avg'], 2) if lx and base and base['avg'] else None
    # The same round trip against Linux's own: two processes of the Linux VM.
    loop = lx.get('loopback') if lx else None
    lx_loop_ratio = round(lx['avg_ticks'] / loop['avg_ticks'], 2) \
        if loop and loop['avg_ticks'] else None
    res = {'baseline': base, 'pairs': rows, 'linux': lx, 'linux_ratio': lx_ratio,
           'linux_loopback': loop, 'linux_loopback_ratio': lx_loop_ratio, 'errors': errors}
    with open(os.path.join(out, 'chan.json'), 'w') as f:
        json.dump(res, f, indent=1)
        f.write('\n')

    def f(v):
        return '–' if v is None else str(v)
    L = ['\n## Channels\n',
         'RTOS ↔ RTOS ping-pong over a channel (`guests/rtos` built as `rtos_pp`: 1,000 '
         'round trips of 32-byte messages, each checked; `docs/channels.md`), against the '
         'in-guest baseline `rtos_loop`: the same 1,000 round trips between two tasks of one '
         'RTOS (an `hrt` partition) through the same ring code, woken by a semaphore instead '
         'of a doorbell. Round trips in ticks (= instructions under icount) as the pinger '
         'measures them; hypervisor instructions from QEMU\'s trace between the first and the '
         'last of the 1,999 doorbells (the first of the 2,000 messages goes before the peer listens): "ring" is the trapped RING write on the ringer\'s core, '
         '"per doorbell" adds everything else the hypervisor executed meanwhile on any core '
         '(delivery into the peer included) and divides by the rings.\n',
         '| pair | round trip min / avg / max (ticks) | ratio to baseline (avg) | '
         'ring trap min / avg / max (instr.) | hypervisor instr. per doorbell |',
         '|---|---|---|---|---|']
    if base:
        L.append(f'| baseline: two tasks of one RTOS | {base["min"]} / {base["avg"]} / '
                 f'{base["max"]} | 1.00 | – | 0 |')
    for r in rows:
        rt, tr = r['round_trip'] or {}, r['trace'] or {}
        L.append(f'| {r["what"]} | {f(rt.get("min"))} / {f(rt.get("avg"))} / {f(rt.get("max"))} '
                 f'| {f(r["ratio"])} | {f(tr.get("ring_min"))} / {f(tr.get("ring_avg"))} / '
                 f'{f(tr.get("ring_max"))} | {f(tr.get("per_doorbell"))} |')
    if lx:
        L.append(f'| RTOS (hrt) <-> Linux userspace (`shikiri-chan ping rtlog 200`, RING writes) | '
                 f'{lx["min_ticks"]} / {lx["avg_ticks"]} / {lx["max_ticks"]} | {f(lx_ratio)} | '
                 f'not traced | not traced |')
        L.append('')
        L.append(f'RTOS <-> Linux: {lx["n"]} round trips, in microseconds of Linux\'s '
                 f'CLOCK_MONOTONIC ({lx["min"]} / {lx["avg"]} / {lx["max"]} us; 62.5 ticks each), '
                 f'{lx["db"]} doorbells taken by Linux; hypervisor IRQ entries on the RTOS core: '
                 f'{f(lx["rtos_hyp_irq_entries"])}.')
        L.append('')
        L.append('The ratio above is against the RTOS baseline, so it mostly measures Linux\'s own '
                 'wake-up path (evdev read, system calls, scheduling). Against the Linux in-guest '
                 'baseline (`shikiri-chan loopback 200`, right after the ping in the same run: the '
                 'same pings and checked pongs between two processes of the Linux VM, through the '
                 'same ring code in shared memory, each woken by a pipe instead of a doorbell):')
        L.append('')
        L.append('| RTOS <-> Linux against | baseline round trip min / avg / max (ticks) | '
                 'RTOS <-> Linux avg (ticks) | ratio (avg) |')
        L.append('|---|---|---|---|')
        if base:
            L.append(f'| RTOS baseline: two tasks of one RTOS | {base["min"]} / {base["avg"]} / '
                     f'{base["max"]} | {lx["avg_ticks"]} | {f(lx_ratio)} |')
        if loop:
            L.append(f'| Linux baseline: two processes of the Linux VM | {loop["min_ticks"]} / '
                     f'{loop["avg_ticks"]} / {loop["max_ticks"]} ({loop["min"]} / {loop["avg"]} / '
                     f'{loop["max"]} us, {loop["db"]} pipe wake-ups) | {lx["avg_ticks"]} | '
                     f'{f(lx_loop_ratio)} |')
        else:
            L.append(f'| Linux baseline: two processes of the Linux VM | – (no clean '
                     f'`ping loopback` line) | {lx["avg_ticks"]} | – |')
    else:
        L.append('')
        L.append('RTOS <-> Linux: full `make bench` only (a Linux boot under icount).')
    with open(os.path.join(out, 'report.md'), 'a') as fo:
        fo.write('\n'.join(L) + '\n')
    print()
    print('channels (ticks = instructions):')
    if base:
        print(f'  baseline (two tasks, one RTOS): round trip avg {base["avg"]}')
    for r in rows:
        rt, tr = r['round_trip'] or {}, r['trace'] or {}
        print(f'  {r["system"]}: round trip avg {f(rt.get("avg"))}, ratio {f(r["ratio"])}, '
              f'ring trap avg {f(tr.get("ring_avg"))}, per doorbell {f(tr.get("per_doorbell"))}')
    if lx:
        print(f'  chan_linux: round trip avg {lx["avg_ticks"]} ticks ({lx["avg"]} us), ratio {f(lx_ratio)}, '
              f'RTOS core hyp IRQ entries {f(lx["rtos_hyp_irq_entries"])}')
        print(f'  chan_linux vs Linux in-guest baseline (two processes): round trip avg '
              f'{f(loop["avg_ticks"] if loop else None)} ticks, ratio {f(lx_loop_ratio)}')
    for e in errors:
        print('bench: chan: ' + e, file=sys.stderr)
    return 1 if errors else 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == 'trace':
        with open(sys.argv[2], errors='replace') as stream:
            print(json.dumps(trace(stream, sys.argv[3], int(sys.argv[4]))))
        return 0
    if len(sys.argv) == 3 and sys.argv[1] == 'report':
        return report(sys.argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main())
