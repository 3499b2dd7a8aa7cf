#!/usr/bin/python3
"""Monitor instructions per world switch, the TrustZone mode's shared layout.

Reads QEMU's execution trace of the monitor's PCs (tools/bench/tz_shared.sh:
`-singlestep -d exec,int,nochain -dfilter <monitor range>`, one "Trace"
line per executed monitor instruction) as a stream from a FIFO, and counts
the instructions of each monitor entry up to its exception return:

  Normal -> Secure   an FIQ taken to Monitor mode that returns into the
                     Secure world (its timer's Group 0 interrupt while the
                     Normal world ran)
  Secure -> Normal   an SMC that returns into the Normal world from a
                     Secure caller (the RTOS's idle yield)

Which world an exception return enters is told by its PC: the Secure
partition's RAM (SECURE=lo-hi, hex) or not. The first switch of each kind
(the yield that starts the Normal world, a first FIQ) takes C's slow path
and is listed apart; the figures are the median and the maximum of the
rest. When icount re-executes an I/O instruction QEMU logs
"cpu_io_recompile: rewound" and the instruction appears twice: such lines
are subtracted.

  tz_shared.py TRACE SECURE SAMPLES

Stops after SAMPLES switches of each kind. Prints one JSON object.
"""
import json
import statistics
import sys


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    lo, hi = (int(x, 16) for x in sys.argv[2].split('-'))
    want = int(sys.argv[3])
    to_s, to_ns, other = [], [], 0
    kind = None          # 'fiq' / 'smc' while inside a monitor entry
    count = 0
    world_secure = True  # the Secure world runs first
    with open(sys.argv[1], errors='replace') as stream:
        for line in stream:
            if line.startswith('Trace '):
                if kind:
                    count += 1
            elif line.startswith('cpu_io_recompile'):
                if kind:
                    count -= 1
            elif line.startswith('Taking exception'):
                if '[FIQ]' in line:
                    kind = 'fiq'
                elif '[Secure Monitor Call]' in line:
                    kind = 'smc'
                else:
                    kind = None  # the worlds' own exceptions (not traced)
                count = 0
            elif line.startswith('Exception return from AArch32 mon'):
                try:
                    pc = int(line.split('PC ')[1].split()[0], 16)
                except (IndexError, ValueError):
                    kind = None
                    continue
                secure = lo <= pc < hi
                if kind == 'fiq' and secure and not world_secure:
                    to_s.append(count)
                elif kind == 'smc' and not secure and world_secure:
                    to_ns.append(count)
                elif kind:
                    other += 1
                world_secure = secure
                kind = None
                if len(to_s) > want and len(to_ns) > want:
                    break

    def figures(xs):
        rest = xs[1:]  # the first one: C's slow path
        return {'first': xs[0] if xs else None,
                'median': int(statistics.median(rest)) if rest else None,
                'max': max(rest) if rest else None, 'samples': len(rest)}

    s, n = figures(to_s), figures(to_ns)
    print(json.dumps({'switch_ns_to_s': s['median'], 'switch_s_to_ns': n['median'],
                      'switch_ns_to_s_max': s['max'], 'switch_s_to_ns_max': n['max'],
                      'switch_ns_to_s_first': s['first'],
                      'switch_s_to_ns_first': n['first'],
                      'samples': min(s['samples'], n['samples']),
                      'other_monitor_entries': other,
                      'complete': s['samples'] >= want and n['samples'] >= want}))


if __name__ == '__main__':
    main()
