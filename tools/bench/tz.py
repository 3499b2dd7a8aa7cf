#!/usr/bin/python3
"""make bench's TrustZone section (tools/bench/tz.sh runs it, docs/performance.md).

  tz.py trace TRACE ELF   count QEMU's execution trace of the monitor (a FIFO:
                          -singlestep -d exec,int,nochain -dfilter <monitor>)
                          over the RTOS's measurement on core 0: from its
                          first FIQ after its first call (its name, an SMC)
                          to its next SMC (the RTOS of
                          tz_rtos_bench makes none while it measures). Per
                          core: monitor instructions, monitor entries (an
                          instruction at a vector of MVBAR, tz_monitor_vectors
                          in ELF, or of the monitor's own Secure VBAR) by
                          vector, exceptions taken; and the instructions
                          of the monitor on each core from the RTOS's first
                          call on. Prints one JSON object;
                          stops reading at the end of the window.
  tz.py report OUT SRCTREE PERIODS [alone]
                          turns OUT/logs/tz_* into "trustzone" in
                          OUT/results.json and the section of OUT/report.md
                          (appended; "alone", for BENCH_ONLY=tz: both files
                          hold this section only). Exit 1 on errors.

Under -icount shift=4,sleep=off an instruction is 16 ns of virtual time; the
RTOS's clock here is the A9 global timer at 100 MHz, so its latencies are in
ticks of 10 ns (1.6 ticks per instruction), not instructions.
"""
import collections
import datetime
import json
import os
import re
import subprocess
import sys

import report  # strip_comments: the size section's SLOC counter (report.py)

VECTORS = {0x00: 'reset', 0x04: 'undef', 0x08: 'smc', 0x0c: 'pabt', 0x10: 'dabt',
           0x14: 'unused', 0x18: 'irq', 0x1c: 'fiq'}


def symbol(elf, name):
    try:
        out = subprocess.run(['arm-none-eabi-nm', elf], capture_output=True, text=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    for line in out.splitlines():
        p = line.split()
        if len(p) == 3 and p[2] == name:
            return int(p[0], 16)
    return None


def trace(stream, elf):
    tables = {'mvbar': symbol(elf, 'tz_monitor_vectors'),
              'secure_vbar': symbol(elf, 'tz_secure_vectors')}
    cores = collections.defaultdict(lambda: {'instructions': 0, 'rewinds': 0, 'since_call': 0,
                                             'entries': collections.Counter(),
                                             'exceptions': collections.Counter()})
    # called: the RTOS has made its first call (its name, in main), so it runs
    # on core 0; what the other cores run in the monitor from then on may
    # delay its first periods (QEMU runs the cores in turn).
    called = started = ended = False
    cpu = None
    for line in stream:
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            if called:
                cores[cpu]['since_call'] += 1
            if not started:
                continue
            c = cores[cpu]
            c['instructions'] += 1
            try:
                pc = int(line.split('[', 1)[1].split('/')[1], 16)
            except (IndexError, ValueError):
                continue
            for table, base in tables.items():
                if base is not None and base <= pc < base + 0x20:
                    c['entries'][f'{table} {VECTORS[(pc - base) & ~3]}'] += 1
        elif line.startswith('cpu_io_recompile') and cpu is not None:
            if called:
                cores[cpu]['since_call'] -= 1
            if started:
                cores[cpu]['rewinds'] += 1
        elif line.startswith('Taking exception'):
            m = re.match(r'^Taking exception \d+ \[([^\]]+)\] on CPU (\d+)', line)
            if not m:
                continue
            name, on = m.group(1), m.group(2)
            called = called or (on == '0' and name == 'Secure Monitor Call')
            if not started:
                # after its first call: a FIQ the monitor took on core 0 while
                # booting is not the RTOS's
                started = called and on == '0' and name == 'FIQ'
                if not started:
                    continue
            elif on == '0' and name == 'Secure Monitor Call':
                ended = True
                break
            cores[on]['exceptions'][name] += 1
    res = {'complete': started and ended and None not in tables.values(),
           'window': 'core 0: from the RTOS\'s first FIQ after its first call (an SMC: its name) '
                     'to its next SMC',
           'vector_tables': {k: (f'0x{v:08x}' if v is not None else None)
                             for k, v in tables.items()},
           'cores': {}}
    for n in sorted(cores):
        c = cores[n]
        res['cores'][n] = {'monitor_instructions': c['instructions'] - c['rewinds'],
                           'monitor_instructions_since_first_call': c['since_call'],
                           'monitor_entries': sum(c['entries'].values()),
                           'entries_by_vector': dict(c['entries']),
                           'exceptions': dict(c['exceptions'])}
    return res


# --- report ----------------------------------------------------------------

errors = []


def err(msg):
    errors.append(msg)


def read(out, name):
    try:
        with open(os.path.join(out, 'logs', name), encoding='utf-8', errors='replace') as f:
            return f.read()
    except OSError:
        return None


SUMMARY_RE = re.compile(r'^rtos: latency (\d+) periods: min (\d+) avg (\d+) max (\d+) ticks, '
                        r'overruns (\d+), hyp irq entries (\d+)$', re.M)


def rtos_run(out, name, periods):
    """The RTOS's figures from logs/NAME.log (tz_rtos_bench: one report)."""
    text = read(out, name + '.log')
    if text is None:
        err(f'{name}: no console log')
        return {}
    status = (read(out, name + '.status') or '').strip()
    if status != '0':
        err(f'{name}: QEMU exit status {status or "?"} (124: timeout; the system run: '
            '1 = the monitor\'s count of core 0 never came)')
    for line in text.splitlines():
        if re.search(r'PANIC|assertion|guest exception|FAILED', line):
            err(f'{name}: {line}')
    m = SUMMARY_RE.search(text)
    s = re.search(r'^rtos: latency sum (\d+) ticks over (\d+) periods$', text, re.M)
    if not m or not s:
        err(f'{name}: no RTOS latency report')
        return {}
    n = int(s.group(2))
    res = {'periods': n, 'min': int(m.group(2)), 'avg': round(int(s.group(1)) / n, 3) if n else None,
           'max': int(m.group(4)), 'overruns': int(m.group(5)),
           'hyp_irq_entries': int(m.group(6))}
    if n != periods:
        err(f'{name}: {n} periods measured, {periods} expected')
    at = re.search(r'^rtos: max at period (\d+)$', text, re.M)
    res['max_at_period'] = int(at.group(1)) if at else None
    ck = re.search(r'^rtos: worker checksum (0x[0-9a-f]+), sem takes (\d+)$', text, re.M)
    res['worker_checksum'] = ck.group(1) if ck else None
    if not re.search(r'^rtos: done$', text, re.M):
        err(f'{name}: no "rtos: done" line')
    e = re.search(r'^shikiri: vm rt: core 0 entries: (.*)$', text, re.M)
    if e:
        res['monitor_counts_core0'] = {k: int(v) for k, v in
                                       re.findall(r'(\w+) (\d+)', e.group(1))}
    return res


def ratio(a, b):
    return round(a / b, 3) if a is not None and b else None


def latency(out, periods):
    bare = rtos_run(out, 'tz_bare', periods)
    part = rtos_run(out, 'tz_dedicated', periods)
    if bare and part and bare.get('worker_checksum') != part.get('worker_checksum'):
        err('tz: the RTOS\'s worker checksum differs bare and in the Secure world')
    if part and 'monitor_counts_core0' not in part:
        err('tz_dedicated: no "shikiri: vm rt: core 0 entries" line')
    rows = collections.OrderedDict()
    for stat in ('min', 'avg', 'max'):
        b, p = bare.get(stat), part.get(stat)
        rows[stat] = {'bare': b, 'secure': p, 'ratio': ratio(p, b),
                      'difference': round(p - b, 3) if p is not None and b is not None else None}
    tr = {}
    text = read(out, 'tz_trace.trace.json')
    try:
        tr = json.loads(text) if text else {}
    except ValueError:
        tr = {}
    if not tr:
        err('tz_trace: no instruction-trace result')
    elif not tr.get('complete'):
        err('tz_trace: the instruction trace ended early (or the ELF lacks the vector symbols)')
    core0 = tr.get('cores', {}).get('0', {})
    return {'unit': 'ticks of the A9 global timer (100 MHz: 10 ns of virtual time; under '
                    'icount shift=4 an instruction is 16 ns = 1.6 ticks), from the release '
                    'time to the RTOS task\'s first counter read',
            'bare': bare, 'secure': part, 'rows': rows, 'trace': tr,
            'monitor_entries_core0': core0.get('monitor_entries'),
            'monitor_instructions_core0': core0.get('monitor_instructions'),
            'fiqs_core0': core0.get('exceptions', {}).get('FIQ')}


SHARED_KEYS = ('switch_ns_to_s', 'switch_s_to_ns', 'deadline_misses')


def shared(out):
    """The shared layout's figures, from tools/bench/tz_shared.sh only."""
    absent = read(out, 'tz_shared.absent')
    if absent is not None:
        return {'measured': False, 'why': 'not measured (shared layout absent: '
                                          'tools/bench/tz_shared.sh does not exist)'}
    res = {'measured': True}
    status = (read(out, 'tz_shared.status') or '').strip()
    text = read(out, 'tz_shared.json') or ''
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if status != '0':
        err(f'tz_shared: tools/bench/tz_shared.sh exit status {status or "?"} '
            '(logs/tz_shared.stderr)')
    if not isinstance(data, dict):
        err('tz_shared: tools/bench/tz_shared.sh printed no JSON object (logs/tz_shared.json)')
        data = {}
    res['script'] = data
    for k in SHARED_KEYS:
        v = data.get(k)
        # a count: a finite number, not negative (json takes NaN and Infinity)
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 <= v < float('inf'):
            err(f'tz_shared: no count "{k}" (a number >= 0) in what tools/bench/tz_shared.sh '
                f'printed: {json.dumps(v)}')
            v = None
        res[k] = v
    return res


def text_of(out, system):
    """.text of the system's hypervisor: the ELF's less the generated
    objects' (as report.py's size table), and the part the TrustZone arch
    objects bring into it (from the link map: sections kept by the link)."""
    d = os.path.join(out, 'sys', system)

    def sect(path):
        try:
            txt = subprocess.run(['arm-none-eabi-size', '-A', path], capture_output=True,
                                 text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            err(f'tz size: cannot read {path}')
            return {}
        return {p[0]: int(p[1]) for p in (l.split() for l in txt.splitlines())
                if len(p) >= 2 and p[0].startswith('.') and p[1].isdigit()}
    text = sect(os.path.join(d, 'shikiri.elf')).get('.text')
    gen = sum(sect(os.path.join(d, 'gen', o)).get('.text', 0) for o in ('vmconfig.o', 'images.o'))
    per_obj = collections.Counter()
    pending = False
    try:
        with open(os.path.join(d, 'shikiri.map'), errors='replace') as f:
            for line in f:
                line = line.rstrip('\n')
                if re.match(r'^ \.text(\.\S+)?$', line):
                    pending = True
                    continue
                m = re.match(r'^ (\.text(?:\.\S+)?)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S+\.o)$',
                             line)
                if m and (m.group(1) or pending) and int(m.group(2), 16):
                    per_obj[m.group(4)] += int(m.group(3), 16)
                pending = False
    except OSError:
        err(f'tz size: no {system}/shikiri.map')
    arch = {os.path.basename(k): v for k, v in per_obj.items() if '/src/arch/armv7-tz/' in k}
    if not arch:
        err('tz size: no armv7-tz object in the link map')
    return {'text': text - gen if text is not None else None,
            'arch_text': sum(arch.values()) if arch else None, 'arch_text_by_object': arch}


def sloc(srctree):
    """Non-blank, non-comment lines of src/arch/armv7-tz/** (report.py's counter)."""
    per_file = collections.OrderedDict()
    top = os.path.join(srctree, 'src', 'arch', 'armv7-tz')
    for root, _, files in sorted(os.walk(top)):
        for fn in sorted(files):
            if not fn.endswith(('.c', '.h', '.S')):
                continue
            path = os.path.join(root, fn)
            with open(path, errors='replace') as f:
                lines = report.strip_comments(f.read(), fn.endswith('.S'))
            per_file[os.path.relpath(path, top)] = sum(1 for l in lines if l.strip())
    if not per_file:
        err('tz size: no source under src/arch/armv7-tz')
    return {'total': sum(per_file.values()), 'by_file': per_file}


GOALS = {'latency_ratio': 1.0, 'monitor_entries_core0': 0, 'switch_instructions': 150,
         'deadline_misses': 0, 'sloc': 1500, 'text': 16 * 1024}


def results(out, srctree, periods):
    return collections.OrderedDict([
        ('machine', '-M vexpress-a9,secure=on -cpu cortex-a9 -m 1G, -icount shift=4,sleep=off '
                    '(bare: -smp 1; the system: -smp 2)'),
        ('periods', periods), ('goals', GOALS),
        ('dedicated', latency(out, periods)),
        ('shared', shared(out)),
        ('size', dict(text_of(out, 'tz_dedicated'), sloc=sloc(srctree),
                      system='tests/bench/configs/tz_dedicated_defconfig')),
    ])


def fmt(v):
    return report.fmt(v)


def section(r):
    d, s, z = r['dedicated'], r['shared'], r['size']
    L = ['## TrustZone mode (Cortex-A9)\n']
    L.append(
        'The TrustZone mode (docs/trustzone.md) on `-M vexpress-a9,secure=on -cpu cortex-a9` '
        'under the same `-icount shift=4,sleep=off`. The Secure RTOS (`guests/rtos` built as '
        f'`tz_rtos_bench`: {fmt(r["periods"])} periods of 20,000 ticks, one report at the end, '
        'so it makes no call of its own while it measures) runs **bare** (`-smp 1`, the very '
        'ELF whose `.bin` the system embeds, started by `tools/bench/tz_bare.S`: MVBAR and the '
        'monitor\'s boot registers, nothing else) and **in the Secure world** on core 0 of the '
        'dedicated layout (`tests/bench/configs/tz_dedicated_defconfig`), beside a Normal-world '
        'partition on core 1 that only sleeps in `wfi` (QEMU runs the cores in turn on one '
        'icount clock: a busy core 1 would delay core 0\'s interrupts by its turn, whatever '
        f'the monitor does). Latency: {d["unit"]}; its interrupt is the global timer\'s, '
        'Group 0, taken as FIQ on the RTOS\'s own vectors.\n')
    rows = [[stat, fmt(x['bare']), fmt(x['secure']), report.fmt_ratio(x['ratio']),
             fmt(x['difference'])] for stat, x in d['rows'].items()]
    L.append(report.table(['RTOS interrupt latency (ticks)', 'bare', 'Secure world, dedicated '
                           'core', 'ratio', 'difference'], rows) + '\n')
    tr = d['trace']
    c0 = tr.get('cores', {}).get('0', {})
    c1 = tr.get('cores', {}).get('1', {})
    mc = d['secure'].get('monitor_counts_core0', {})
    P = [
        f'**Monitor entries on core 0** while the RTOS measures ({tr.get("window", "n/a")}), '
        'from QEMU\'s execution trace of the monitor (`-singlestep -d exec,int,nochain '
        '-dfilter` on the monitor\'s addresses; an entry is an instruction at a vector of '
        f'MVBAR or of the monitor\'s Secure VBAR): **{fmt(c0.get("monitor_entries"))}**, '
        f'{fmt(c0.get("monitor_instructions"))} monitor instructions, against '
        f'{fmt(c0.get("exceptions", {}).get("FIQ"))} FIQ exceptions the RTOS took on its own vectors (an interrupt that '
        'ends its wfi it handles in place, with no exception: guests/rtos/README.md). '
        f'The monitor\'s counter for the whole run agrees: core 0 entries `irq '
        f'{fmt(mc.get("irq"))}`, `smc {fmt(mc.get("smc"))}` (the RTOS\'s own calls, outside the window: its name '
        'at start, its trap counter and SYSTEM_OFF at the end; `tz_rtos_bench` is built without the shared layout\'s '
        'idle yield, whose first call, one SMC answered NOT_SUPPORTED on a dedicated core, the RTOS of the tests '
        'makes once).']
    b, p = d['bare'], d['secure']
    P.append(f' Core 1 ran {fmt(c1.get("monitor_instructions"))} monitor instructions in the '
             f'window, and {fmt(c1.get("monitor_instructions_since_first_call"))} from the RTOS\'s '
             'first call (its name, before its first period) on: its boot into the Normal world')
    if p.get('max_at_period') == 1 and c1.get('monitor_instructions_since_first_call'):
        P.append(', which QEMU runs in core 1\'s turn while the RTOS\'s first period is due: '
                 'the largest latency in the Secure world is that of period 1 (bare: period '
                 f'{fmt(b.get("max_at_period"))}); core 0 itself ran '
                 f'{fmt(c0.get("monitor_instructions_since_first_call"))} monitor instructions '
                 'from its first call to the window\'s end, that call\'s own')
    elif p.get('max_at_period') is not None:
        P.append(f'; the largest latency in the Secure world is at period '
                 f'{fmt(p["max_at_period"])} (bare: period {fmt(b.get("max_at_period"))})')
    P.append('. The global timer ticks every 10 ns and an instruction takes 16 ns, so a '
             'difference below 1.6 ticks is less than one instruction: where in an '
             'instruction\'s 16 ns the deadline falls.')
    L.append(''.join(P) + '\n')
    L.append('The shared layout (one core: the RTOS\'s idle SMC yields to the Normal world, a '
             'Group 0 FIQ while the Normal world runs switches back), from '
             '`tools/bench/tz_shared.sh`:\n')
    if not s['measured']:
        rows = [['world switch normal→secure, monitor instructions', s['why'], '≤ 150'],
                ['world switch secure→normal, monitor instructions', s['why'], '≤ 150'],
                ['RTOS deadline misses, shared core, Linux booting and loaded', s['why'], '0']]
    else:
        rows = [['world switch normal→secure, monitor instructions',
                 fmt(s.get('switch_ns_to_s')), '≤ 150'],
                ['world switch secure→normal, monitor instructions',
                 fmt(s.get('switch_s_to_ns')), '≤ 150'],
                ['RTOS deadline misses, shared core, Linux booting and loaded',
                 fmt(s.get('deadline_misses')), '0']]
        extra = {k: v for k, v in s.get('script', {}).items() if k not in SHARED_KEYS}
        if extra:
            rows += [[f'`{k}` (tz_shared.sh)', fmt(v) if isinstance(v, (int, float)) else
                      f'`{json.dumps(v)}`', ''] for k, v in extra.items()]
    L.append(report.table(['measure', 'figure', 'goal'], rows) + '\n')
    sl = z['sloc']
    L.append('**Size of the TrustZone mode.** Source lines of `src/arch/armv7-tz/` '
             '(non-blank, non-comment, the size section\'s counter): '
             + ', '.join(f'`{f}` {fmt(n)}' for f, n in sl['by_file'].items())
             + f'; **{fmt(sl["total"])}** in all (goal ≤ 1,500). `.text` of the TrustZone-mode '
             f'hypervisor (the `tz_dedicated` system, generated tables and images apart): '
             f'**{fmt(z["text"])}** bytes (goal ≤ 16,384), of which the arch objects bring '
             f'{fmt(z["arch_text"])} ('
             + ', '.join(f'`{o}` {fmt(n)}' for o, n in sorted(z['arch_text_by_object'].items()))
             + '); the rest is core, drivers and lib, shared with the VE mode.\n')
    return L


def summary_line(r):
    d, s, z = r['dedicated'], r['shared'], r['size']
    sh = (f'switches ns->s {fmt(s.get("switch_ns_to_s"))} / s->ns {fmt(s.get("switch_s_to_ns"))}'
          f' instructions, deadline misses {fmt(s.get("deadline_misses"))}'
          if s['measured'] else 'shared layout not measured (tools/bench/tz_shared.sh absent)')
    return (f'TrustZone: RTOS latency avg Secure/bare '
            f'{report.fmt_ratio(d["rows"]["avg"]["ratio"])}, monitor entries on its core '
            f'{fmt(d["monitor_entries_core0"])}; {sh}; {fmt(z["sloc"]["total"])} SLOC, .text '
            f'{fmt(z["text"])} bytes')


def write(out, srctree, periods, alone):
    r = results(out, srctree, periods)
    r['errors'] = errors
    rpath = os.path.join(out, 'results.json')
    if alone:
        full = collections.OrderedDict(method={
            'qemu': 'see trustzone.machine', 'icount': '-icount shift=4,sleep=off',
            'only': 'BENCH_ONLY=tz',
            'date': datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')})
    else:
        try:
            with open(rpath) as f:
                full = json.load(f, object_pairs_hook=collections.OrderedDict)
        except (OSError, ValueError) as e:
            print(f'bench: tz: no results.json to add the section to ({e})', file=sys.stderr)
            return 1
    full['trustzone'] = r
    with open(rpath + '.tmp', 'w') as f:
        json.dump(full, f, indent=1)
        f.write('\n')
    os.replace(rpath + '.tmp', rpath)
    L = section(r)
    if errors:
        L.append('Errors: ' + '; '.join(errors) + '\n')
    with open(os.path.join(out, 'report.md'), 'w' if alone else 'a') as f:
        if alone:
            f.write('# shikiri benchmark report (BENCH_ONLY=tz)\n\n')
        else:
            f.write('\n')
        f.write('\n'.join(L) + '\n')
    print('\n' + summary_line(r))
    for e in errors:
        print('bench: tz: ' + e, file=sys.stderr)
    return 1 if errors else 0


def main(argv):
    if len(argv) == 4 and argv[1] == 'trace':
        with open(argv[2], errors='replace') as stream:
            print(json.dumps(trace(stream, argv[3])))
        return 0
    if len(argv) in (5, 6) and argv[1] == 'report' and argv[5:] in ([], ['alone']):
        return write(argv[2], argv[3], int(argv[4]), len(argv) == 6)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
