#!/usr/bin/env python3
"""The core/arch boundary (docs/architecture.md, "Layers"): core code names
no interrupt-controller symbol and reads no arch field.

Core is src/core/*.c and src/include/*.h, less src/include/vmconfig.h (the
generator's contract, shared by every layer). In its code (comments and
string literals do not count):
  1. no identifier with a `_`-separated part gic, vgic, gicd, gicc, gich,
     ... (case-insensitive: GICD_TYPER, gic_init, vgic_flush, chan_gic_lines),
     and no #include of such a header, except ALLOWED;
  2. no member of an embedded arch struct: `arch.` or `arch->` (core may pass
     &x->arch to a hook, never look inside).
Prints one line per violation (file:line: what) and exits 1 if any.
Usage: layers.py SRCTREE
"""
import os
import re
import sys

# vmconfig.h's (the generator contract) and the trap-cause ABI (pcpu.h).
ALLOWED = {'GIC_MAX_IRQS', 'TRAP_GICD'}
PART = re.compile(r'^v?gic[a-z0-9]*$', re.I)
IDENT = re.compile(r'\b[A-Za-z_][A-Za-z0-9_]*\b')
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
ARCH_MEMBER = re.compile(r'\barch\s*(\.|->)\s*[A-Za-z_]')
# Comments and string/char literals, blanked with their newlines kept.
LEXEMES = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def blank(m):
    return re.sub(r'[^\n]', ' ', m.group(0))


def names_gic(name):
    return name not in ALLOWED and any(PART.match(p) for p in name.split('_') if p)


def check(path, rel):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    bad = []
    for n, line in enumerate(text.split('\n'), 1):
        m = INCLUDE.match(line)
        if m and any(names_gic(p) for p in re.split(r'[/._]', m.group(1))):
            bad.append(f'{rel}:{n}: includes {m.group(1)}')
    code = LEXEMES.sub(blank, text)
    for n, line in enumerate(code.split('\n'), 1):
        if INCLUDE.match(line):
            continue
        for name in sorted(set(IDENT.findall(line))):
            if names_gic(name):
                bad.append(f'{rel}:{n}: names {name}')
        if ARCH_MEMBER.search(line):
            bad.append(f'{rel}:{n}: reads an arch field: {line.strip()}')
    return bad


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    files = []
    for d, ext in (('src/core', '.c'), ('src/include', '.h')):
        for name in sorted(os.listdir(os.path.join(root, d))):
            if name.endswith(ext) and name != 'vmconfig.h':
                files.append(os.path.join(d, name))
    bad = []
    for rel in files:
        bad += check(os.path.join(root, rel), rel)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
