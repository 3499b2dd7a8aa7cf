#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Run a command as on a bare Debian 12 that has only what tools/deps.sh installs.

    tests/bare-debian.py [--rw DIR]... -- COMMAND [ARG]...

A developer's machine holds packages a user's lacks: a Recommends that
`apt-get install --no-install-recommends` leaves out once broke every QEMU run
for new users (the virtio NIC ROM of ipxe-qemu) while every test passed here.
This wrapper runs COMMAND in a private mount namespace whose root is an
overlay of the real one in which every file of every installed package is
hidden (an overlayfs whiteout) unless the package is

  - in tools/deps.sh's base and check lists (what `make check` installs before
    it enters this view) or build-essential, or
  - essential, or of priority required/important (a Debian 12 base system), or
  - a dependency (Depends/Pre-Depends, recursively) of one of those.

/usr/local and /opt (nothing of Debian's) are hidden too, and PATH is reset
to Debian's default. The view is consistent: a hidden package is absent from
dpkg's database too (its status entry and info files are gone), so dpkg and
apt inside see what a machine that never installed it would show, not an
installed package whose files are missing. tools/deps.sh refuses to install
anything inside the view (SHIKIRI_BARE=1). Writes to the --rw directories (the source tree and the
build directory), /tmp, /dev, /proc and /sys go to the real ones; any other
write is discarded with the namespace.

It needs root and overlayfs (CI and the development machines have both).
Without them it says so on stderr and runs COMMAND unchanged; exit status 3
then only with --require.
"""
import ctypes
import os
import re
import shlex
import stat
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRCTREE = os.path.dirname(HERE)
BASE_ROOTS = ['build-essential']
INFO = '/var/lib/dpkg/info'
PATH = '/usr/sbin:/usr/bin:/sbin:/bin'
MS_BIND, MS_REC, MS_PRIVATE = 0x1000, 0x4000, 0x40000


def deps_packages():
    """The packages make check installs: tools/deps.sh's base="..." and check="..." lists."""
    with open(os.path.join(SRCTREE, 'tools', 'deps.sh')) as f:
        text = f.read()
    names = []
    for var in ('base', 'check'):
        m = re.search(r'^' + var + r'="([^"$]*)"', text, re.M)
        if not m:
            sys.exit(f'bare-debian: no {var}="..." line in tools/deps.sh')
        names += m.group(1).split()
    return names


def installed():
    fmt = '${Package}\t${Status}\t${Priority}\t${Essential}\t${Pre-Depends}, ${Depends}\t${Provides}\n'
    out = subprocess.run(['dpkg-query', '-W', '-f=' + fmt], check=True,
                         capture_output=True, text=True).stdout
    pkgs, provides = {}, {}
    for line in out.splitlines():
        name, status, prio, ess, deps, prov = line.split('\t')
        if not status.endswith(' installed'):
            continue
        pkgs[name] = (prio, ess == 'yes', deps)
        for p in prov.split(','):
            p = p.strip().split(' ')[0].split(':')[0]
            if p:
                provides.setdefault(p, []).append(name)
    return pkgs, provides


def kept_packages(pkgs, provides):
    roots = set(deps_packages()) | set(BASE_ROOTS)
    roots |= {n for n, (prio, ess, _) in pkgs.items() if ess or prio in ('required', 'important')}
    keep, todo = set(), [r for r in roots if r in pkgs]
    while todo:
        p = todo.pop()
        if p in keep:
            continue
        keep.add(p)
        for group in pkgs[p][2].split(','):
            alts = [a.strip().split(' ')[0].split(':')[0] for a in group.split('|')]
            cands = [a for a in alts if a in pkgs] + [q for a in alts for q in provides.get(a, [])]
            # One installed alternative satisfies the dependency, as apt would pick.
            if cands and not any(c in keep for c in cands):
                todo.append(cands[0])
    return keep


def files_of(names):
    """Files dpkg installed for these packages (read from its database directly:
    one `dpkg -L` per package would take most of the set-up time)."""
    lists = {}
    for entry in os.listdir(INFO):
        if entry.endswith('.list'):
            lists.setdefault(entry[:-5].split(':')[0], []).append(entry)
    files = set()
    for name in names:
        for entry in lists.get(name, []):
            with open(os.path.join(INFO, entry), errors='replace') as f:
                files.update(line.rstrip('\n') for line in f if line.startswith('/'))
    return files


_real_dirs = {}


def real_path(path):
    """The path with its directories resolved (/lib -> /usr/lib), the last part kept."""
    d, base = os.path.split(path)
    if d not in _real_dirs:
        _real_dirs[d] = os.path.realpath(d)
    return os.path.join(_real_dirs[d], base)


def hidden_files():
    pkgs, provides = installed()
    keep = kept_packages(pkgs, provides)
    kept = {real_path(f) for f in files_of(keep)}
    listed = {real_path(f) for f in files_of(set(pkgs) - keep)}
    # dpkg lists directories too: a path that is the parent of another is one
    # (hiding it would hide whatever else lives there).
    parents = {os.path.dirname(f) for f in listed | kept}
    hide = listed - kept - parents
    return hide, set(pkgs) - keep


libc = ctypes.CDLL(None, use_errno=True)


def mount(src, target, fstype, flags=0, data=''):
    if libc.mount(src.encode(), target.encode(), fstype.encode() if fstype else None,
                  ctypes.c_ulong(flags), data.encode() if data else None) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f'mount {src} on {target}: {os.strerror(err)}')


def whiteout(upper, path):
    dst = upper + path
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    os.mknod(dst, stat.S_IFCHR | 0o000, os.makedev(0, 0))


def opaque_dir(upper, path):
    dst = upper + path
    os.makedirs(dst, exist_ok=True)
    os.setxattr(dst, 'trusted.overlay.opaque', b'y')


STATUS = '/var/lib/dpkg/status'


def forget_packages(upper, names):
    """dpkg's database in the view without the hidden packages: their status
    entries dropped (dpkg-query then says "no packages found", apt plans to
    install them with everything they need) and their info files whited out."""
    with open(STATUS, errors='replace') as f:
        stanzas = f.read().split('\n\n')
    kept = []
    for st in stanzas:
        m = re.search(r'^Package: (\S+)', st, re.M)
        if m and m.group(1) in names:
            continue
        kept.append(st)
    os.makedirs(upper + os.path.dirname(STATUS), exist_ok=True)
    with open(upper + STATUS, 'w') as f:
        f.write('\n\n'.join(kept))
    for entry in os.listdir(INFO):
        if entry.rsplit('.', 1)[0].split(':')[0] in names:
            whiteout(upper, os.path.join(INFO, entry))


def enter(rw_dirs):
    """In a fresh mount namespace (unshare -m): build the overlay and chroot."""
    hide, hidden_pkgs = hidden_files()
    nhidden = len(hidden_pkgs)
    mount('none', '/', None, MS_REC | MS_PRIVATE)
    top = tempfile.mkdtemp(prefix='bare-debian.')
    mount('bare-debian', top, 'tmpfs', 0, 'mode=0755')
    upper, work, root = top + '/upper', top + '/work', top + '/root'
    for d in (upper, work, root):
        os.mkdir(d)
    for path in hide:
        whiteout(upper, path)
    forget_packages(upper, hidden_pkgs)
    for d in ('/usr/local', '/opt'):
        if os.path.isdir(d):
            opaque_dir(upper, d)
    mount('overlay', root, 'overlay', 0, f'lowerdir=/,upperdir={upper},workdir={work}')
    for d in ['/proc', '/sys', '/dev', '/tmp'] + rw_dirs:
        os.makedirs(root + d, exist_ok=True)
        mount(d, root + d, None, MS_BIND | MS_REC)
    cwd = os.getcwd()
    os.chroot(root)
    os.chdir(cwd)
    return len(hide), nhidden


def main():
    args = sys.argv[1:]
    rw, require = [], False
    while args and args[0] != '--':
        if args[0] == '--rw' and len(args) > 1:
            rw.append(os.path.realpath(args[1]))
            args = args[2:]
        elif args[0] == '--require':
            require, args = True, args[1:]
        else:
            sys.exit(__doc__)
    cmd = args[1:]
    if not cmd:
        sys.exit(__doc__)
    if os.environ.get('SHIKIRI_BARE_INNER') == '1':
        try:
            nfiles, npkgs = enter(rw)
        except OSError as e:
            print(f'bare-debian: cannot build the bare view ({e})', file=sys.stderr)
            open(os.environ['SHIKIRI_BARE_FAILED'], 'w').close()
            sys.exit(3)
        print(f'bare-debian: {npkgs} packages beyond tools/deps.sh --check and the base system hidden '
              f'({nfiles} files), /usr/local and /opt hidden', file=sys.stderr)
        env = dict(os.environ, PATH=PATH, SHIKIRI_BARE='1')
        del env['SHIKIRI_BARE_INNER'], env['SHIKIRI_BARE_FAILED']
        os.execvpe(cmd[0], cmd, env)
    reason = None
    if os.geteuid() != 0:
        reason = 'not root'
    elif subprocess.run(['unshare', '-m', 'true'], capture_output=True).returncode != 0:
        reason = 'no mount namespaces here'
    if reason is None:
        inner = [sys.executable, os.path.abspath(__file__)]
        for d in rw:
            inner += ['--rw', d]
        flag = tempfile.mktemp(prefix='bare-debian.failed.')
        env = dict(os.environ, SHIKIRI_BARE_INNER='1', SHIKIRI_BARE_FAILED=flag)
        st = subprocess.run(['unshare', '-m', '--'] + inner + ['--'] + cmd, env=env).returncode
        if not os.path.exists(flag):
            sys.exit(st)
        os.unlink(flag)
        reason = 'the overlay could not be built'
    print(f'bare-debian: {reason}: running on the full machine: {shlex.join(cmd)}', file=sys.stderr)
    if require:
        sys.exit(3)
    os.execvp(cmd[0], cmd)


if __name__ == '__main__':
    main()
