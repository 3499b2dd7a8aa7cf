#!/usr/bin/python3
"""Count hypervisor instructions in QEMU's execution trace (tools/bench/run.sh).

QEMU runs with `-singlestep -d exec,int,nochain -dfilter <hypervisor range>`,
so every executed hypervisor instruction is one "Trace <cpu>: ..." line
(guest code is outside the filter and not logged).  When icount makes QEMU
re-execute an I/O instruction, it logs "cpu_io_recompile: rewound ..." and
the instruction appears twice: those lines are subtracted.  The trace is
read as a stream (from a FIFO), so it is never stored.

  trace_count.py boot TRACE SUMMARY [ELF]
                                      hypervisor instructions before each VM's
                                      first instruction (first exception return
                                      to the guest on its boot core), and the
                                      boot work: on each core, what it ran
                                      before its own first guest entry (not
                                      the trapped guest accesses of VMs that
                                      already run), with the functions it went
                                      to (symbols from ELF); stops reading
                                      when every VM has started
  trace_count.py fault TRACE IPA      instructions on core 0 from the stage-2
                                      data abort at IPA (hex) until that core
                                      parks: its first instruction of the wait
                                      in Hyp for its vCPU (cpu_arch_wait_kick,
                                      by QEMU's symbol name; not counted)
  trace_count.py restart TRACE IPA ENTRY ELF
                                      a restart policy's path: instructions on
                                      the core that took the stage-2 data
                                      abort at IPA (hex) until its exception
                                      return to ENTRY (hex: the restarted VM's
                                      first instruction), with those inside
                                      the pristine-copy work (blob_copy and
                                      what it calls: the image and DTB copy
                                      and its cache clean) apart, the
                                      functions they went to (symbols from
                                      ELF), and the other cores' meanwhile
  trace_count.py reads TRACE IPA N    a controller's status reads: per
                                      hypervisor entry (exception to its
                                      return, on its core), the instructions
                                      of each trapped load at IPA (hex: a
                                      control-page register) and of each
                                      hypercall (ESR class 0x12) from the
                                      first load on; stops after N loads

Prints one JSON object.
"""
import bisect
import collections
import json
import re
import subprocess
import sys


class Symbols:
    """PC -> function name from the ELF's symbol table (arm-none-eabi-nm)."""

    def __init__(self, elf):
        self.addrs, self.names = [], []
        if not elf:
            return
        try:
            out = subprocess.run(['arm-none-eabi-nm', '-n', elf], capture_output=True,
                                 text=True, check=True).stdout
        except (OSError, subprocess.CalledProcessError):
            return
        for line in out.splitlines():
            p = line.split()
            if len(p) == 3 and p[1] in 'tTwW':
                self.addrs.append(int(p[0], 16))
                self.names.append(p[2])

    def name(self, line):
        if not self.addrs:
            return '?'
        try:
            pc = int(line.split('[', 1)[1].split('/')[1], 16)
        except (IndexError, ValueError):
            return '?'
        i = bisect.bisect_right(self.addrs, pc) - 1
        return self.names[i] if i >= 0 else '?'


def boot(stream, summary, elf=None):
    # First core of each VM, from the generator's summary.txt.
    vms = {}
    with open(summary) as f:
        for line in f:
            m = re.match(r'^\d+\s+(\S+)\s+(?:hrt|srt|be)\s+(\d+)', line)
            if m:
                vms[m.group(2)] = m.group(1)
    syms = Symbols(elf)
    total = 0
    per_cpu = collections.Counter()
    rewinds = collections.Counter()
    entered = set()           # cores that have entered a guest once
    funcs = collections.Counter()
    cpu = None
    started = {}
    for line in stream:
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            total += 1
            per_cpu[cpu] += 1
            if cpu not in entered:
                funcs[syms.name(line)] += 1
        elif line.startswith('cpu_io_recompile'):
            rewinds[cpu] += 1
        elif line.startswith('Exception return from AArch32 hyp to svc'):
            if cpu not in entered:
                entered.add(cpu)
                per_cpu['work ' + cpu] = per_cpu[cpu] - rewinds[cpu]
            if cpu in vms and vms[cpu] not in started:
                started[vms[cpu]] = {
                    'core': int(cpu), 'entry': line.split()[-1],
                    'all_cores': total - sum(rewinds.values()),
                    'own_core': per_cpu[cpu] - rewinds[cpu]}
                if len(started) == len(vms):
                    break
    work = sum(v for k, v in per_cpu.items() if k.startswith('work '))
    return {'vms': started, 'complete': len(started) == len(vms) and len(vms) > 0,
            'boot_work': work,
            'boot_work_per_core': {k[5:]: v for k, v in sorted(per_cpu.items())
                                   if k.startswith('work ')},
            'top_functions': [{'function': f, 'instructions': c}
                              for f, c in funcs.most_common(8)]}


# The parked core's wait (src/arch/armv7/cpu.c): the end of the fault path.
PARK_WAIT = 'cpu_arch_wait_kick'


def fault(stream, ipa):
    marker = 'HDFAR 0x%x' % int(ipa, 16)
    count = rewinds = 0
    funcs = collections.Counter()
    started = done = False
    cpu = None
    for line in stream:
        if not started:
            started = marker in line
            continue
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            if cpu == '0':
                func = line.rsplit(']', 1)[-1].strip() or '?'
                if func == PARK_WAIT:
                    done = True
                    break
                count += 1
                funcs[func] += 1
        elif line.startswith('cpu_io_recompile') and cpu == '0':
            rewinds += 1
    return {'complete': started and done, 'instructions': count - rewinds,
            'top_functions': [{'function': f, 'instructions': c}
                              for f, c in funcs.most_common(6)]}


# The restore's per-chunk copy (src/core/vm.c, called by job_step through a
# pointer): everything from its first instruction until its caller runs
# again is the image/DTB copy (memcpy and the cache clean of those bytes).
COPY_FUNC = 'blob_copy'


def restart(stream, ipa, entry, elf):
    marker = 'HDFAR 0x%x' % int(ipa, 16)
    ret = 'Exception return from AArch32 hyp to svc PC 0x%x' % int(entry, 16)
    syms = Symbols(elf)
    count = copy = other = 0
    funcs = collections.Counter()
    started = done = False
    cpu = exc_cpu = core = None
    prev = caller = None      # caller: the function blob_copy returns to
    for line in stream:
        if line.startswith('Taking exception'):
            exc_cpu = line.rsplit(' ', 1)[-1].strip()
            continue
        if not started:
            if marker in line:
                started, core = True, exc_cpu
            elif line.startswith('Trace '):
                cpu = line[6:line.index(':')]
            continue
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            if cpu != core:
                other += 1
                continue
            func = syms.name(line)
            if caller is None and func == COPY_FUNC and prev != COPY_FUNC:
                caller = prev
            elif caller is not None and func == caller:
                caller = None
            count += 1
            copy += caller is not None
            funcs[func] += 1
            prev = func
        elif line.startswith('cpu_io_recompile'):
            # the re-executed I/O instruction was counted twice
            if cpu == core:
                count -= 1
                copy -= caller is not None
                funcs[prev] -= 1
            else:
                other -= 1
        elif line.startswith(ret) and cpu == core:
            done = True
            break
    return {'complete': started and done, 'core': None if core is None else int(core),
            'instructions': count, 'copy': copy, 'without_copy': count - copy,
            'other_cores': other,
            'top_functions': [{'function': f, 'instructions': c}
                              for f, c in funcs.most_common(12)]}


def stats(xs):
    return {'n': len(xs), 'min': min(xs) if xs else None, 'max': max(xs) if xs else None,
            'avg': round(sum(xs) / len(xs), 2) if xs else None}


def reads(stream, ipa, n):
    addr = int(ipa, 16)
    kind = {}                    # cpu -> 'page' | 'hvc' | 'other': the entry it is in
    cur = collections.Counter()  # cpu -> instructions of that entry so far
    per = {'page': [], 'hvc': []}
    cpu = exc_cpu = None
    for line in stream:
        if line.startswith('Trace '):
            cpu = line[6:line.index(':')]
            cur[cpu] += 1
        elif line.startswith('cpu_io_recompile'):
            cur[cpu] -= 1
        elif line.startswith('Taking exception'):
            exc_cpu = line.rsplit(' ', 1)[-1].strip()
            kind[exc_cpu] = 'other'
            cur[exc_cpu] = 0
        elif line.startswith('...with ESR 0x12/'):
            kind[exc_cpu] = 'hvc'
        elif line.startswith('...with HDFAR') and int(line.split()[-1], 16) == addr:
            kind[exc_cpu] = 'page'
        elif line.startswith('Exception return from AArch32 hyp'):
            k = kind.pop(cpu, 'other')
            if k == 'page' or (k == 'hvc' and per['page']):  # the reads' hypercalls
                per[k].append(cur[cpu])
                if len(per['page']) >= n:
                    break
    return {'complete': len(per['page']) >= n, 'page': stats(per['page']),
            'hvc': stats(per['hvc'])}


def main():
    if len(sys.argv) == 5 and sys.argv[1] == 'reads':
        with open(sys.argv[2], errors='replace') as stream:
            print(json.dumps(reads(stream, sys.argv[3], int(sys.argv[4]))))
        return 0
    if len(sys.argv) == 6 and sys.argv[1] == 'restart':
        with open(sys.argv[2], errors='replace') as stream:
            print(json.dumps(restart(stream, sys.argv[3], sys.argv[4], sys.argv[5])))
        return 0
    if len(sys.argv) not in (4, 5) or sys.argv[1] not in ('boot', 'fault'):
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[2], errors='replace') as stream:
        if sys.argv[1] == 'boot':
            res = boot(stream, sys.argv[3], sys.argv[4] if len(sys.argv) == 5 else None)
        else:
            res = fault(stream, sys.argv[3])
    print(json.dumps(res))
    return 0


if __name__ == '__main__':
    sys.exit(main())
