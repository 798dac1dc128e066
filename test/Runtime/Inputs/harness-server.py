"""harness-server.py

Which process keeps the lit run's server alive, for postgres-harness.test.
Finds the schemac-tempserver among the children of this test's ancestors
(lit's main process started it), and prints who holds the write end of its
stdin: that must be lit's main process alone, not its
forked workers, so that the server goes when lit does, however lit ends.
Linux only (/proc).
"""

import os
import sys


def ppid(pid):
    with open('/proc/%d/stat' % pid) as f:
        return int(f.read().rpartition(')')[2].split()[1])


def comm(pid):
    with open('/proc/%d/comm' % pid) as f:
        return f.read().strip()


def pids():
    return [int(p) for p in os.listdir('/proc') if p.isdigit()]


def write_ends(inode):
    """Pids holding pipe `inode` open for writing."""
    holders = set()
    for pid in pids():
        try:
            for fd in os.listdir('/proc/%d/fd' % pid):
                if os.readlink('/proc/%d/fd/%s' % (pid, fd)) != inode:
                    continue
                with open('/proc/%d/fdinfo/%s' % (pid, fd)) as f:
                    flags = next(int(line.split()[1], 8) for line in f
                                 if line.startswith('flags:'))
                if flags & os.O_ACCMODE != os.O_RDONLY:
                    holders.add(pid)
        except OSError:
            continue   # gone meanwhile, or not ours
    return holders


def main():
    ancestors = []
    pid = os.getpid()
    while pid > 1:
        pid = ppid(pid)
        ancestors.append(pid)
    children = {}
    for pid in pids():
        try:
            children.setdefault(ppid(pid), []).append(pid)
        except OSError:
            continue
    for owner in ancestors:
        for tool in children.get(owner, []):
            # comm is cut to 15 characters.
            if not 'schemac-tempserver'.startswith(comm(tool)):
                continue
            inode = os.readlink('/proc/%d/fd/0' % tool)
            writers = write_ends(inode)
            print('schemac-tempserver %d: stdin %s' % (tool, inode.split(':')[0]))
            print('writers: %s' % ', '.join(
                'the lit process' if w == owner else
                'lit worker %d' % w if ppid(w) == owner else
                'process %d (%s)' % (w, comm(w)) for w in sorted(writers)))
            return 0
    print('no schemac-tempserver among the children of %s' % ancestors)
    return 1


if __name__ == '__main__':
    sys.exit(main())
