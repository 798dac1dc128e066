"""A temporary PostgreSQL server for one run, removed afterwards.

Shared by the lit test harness (test/lit.cfg.py) and the benchmark
(bench/run.py). Python 3 standard library only.

    import pgtemp
    server = pgtemp.TempPostgres(dir_prefix='myrun-pg-')
    try:
        server.start()                  # raises pgtemp.PostgresUnavailable
    except pgtemp.PostgresUnavailable as e:
        ...                             # skip, or fail
    server.create_database('db1')
    subprocess.run(server.psql_cmd('db1') + ['-c', 'select 1'],
                   env=pgtemp.pg_env())
    server.stop()                       # also run at exit; safe to repeat

What start() does:

- finds the server binaries: the bin_dir given, else `pg_config --bindir`,
  else the newest /usr/lib/postgresql/*/bin (find_pg_bindir);
- initdb into a fresh private directory (superuser `postgres`, trust
  authentication, UTF8, C locale, --no-sync) and starts the server with
  pg_ctl, listening on a unix socket in that directory only (no TCP, so the
  port only names the socket file and cannot clash with another server),
  with fsync, synchronous_commit and full_page_writes off plus any settings
  the caller adds;
- as root (the server refuses to run as root) runs initdb and pg_ctl as the
  `postgres` user through runuser, in a directory chowned to that user;
- keeps the socket path short: it must fit in 107 bytes, so the directory is
  made in /tmp when $TMPDIR is long (and always as root, so that `postgres`
  can reach it);
- runs every tool without the caller's PG* environment variables (pg_env), so
  a developer's PGDATA, PGHOST, PGOPTIONS... cannot redirect it;
- checks that it can connect, and reads the server version.

Cleanup: stop() (`pg_ctl stop -m immediate`, then a short wait for the
postmaster itself to exit, then the directory is removed) is registered with
atexit before anything is created, and start() calls it itself when it fails
part way. It does nothing in a forked child (lit's workers fork from the
process that started the server): only the process that started the server
stops it. A detached watchdog process covers the death of that process
without atexit handlers (SIGKILL, a ctest timeout): it notices that it has
been reparented, or that its stdin pipe reached EOF with nothing written, and
then stops the server and removes the directory. On a normal stop() it is
told so and just exits. exit_on_signals() makes SIGTERM and SIGHUP end a
script through SystemExit, so that its `finally` blocks and atexit run.
"""

import atexit
import glob
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time

__all__ = ['PostgresUnavailable', 'TempPostgres', 'find_pg_bindir', 'pg_env',
           'process_alive', 'exit_on_signals']

# The superuser initdb creates, and the user every connection is made as.
SUPERUSER = 'postgres'

# Server settings used unless the caller overrides them: speed over
# durability, since the cluster is thrown away anyway.
DEFAULT_SETTINGS = {
    'fsync': 'off',
    'synchronous_commit': 'off',
    'full_page_writes': 'off',
}

# Set by TempPostgres itself (unix socket in the private directory, no TCP).
_FIXED_SETTINGS = ('listen_addresses', 'unix_socket_directories', 'port')

_SERVER_TOOLS = ('initdb', 'pg_ctl', 'postgres')


class PostgresUnavailable(Exception):
    """The temporary server could not be started (no binaries, no
    `postgres` user to run it as root, initdb or pg_ctl failed, no
    connection...). The message says why."""


def pg_env():
    """The environment without PG* variables: the server and its tools must
    not pick up a developer's PGDATA, PGHOST, PGOPTIONS and so on."""
    return {k: v for k, v in os.environ.items() if not k.startswith('PG')}


def _has_server_tools(d):
    return bool(d) and all(os.access(os.path.join(d, t), os.X_OK)
                           for t in _SERVER_TOOLS)


def find_pg_bindir():
    """Directory of the server binaries: `pg_config --bindir`, else the newest
    /usr/lib/postgresql/*/bin. None when neither has initdb, pg_ctl and
    postgres."""
    pg_config = shutil.which('pg_config')
    if pg_config:
        try:
            d = subprocess.run([pg_config, '--bindir'], env=pg_env(),
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL,
                               timeout=30).stdout.decode().strip()
        except (OSError, subprocess.TimeoutExpired):
            d = ''
        if _has_server_tools(d):
            return d

    def version(d):   # /usr/lib/postgresql/15/bin -> (15,); 9.6 -> (9, 6)
        v = os.path.basename(os.path.dirname(d))
        return tuple(int(x) for x in re.findall(r'\d+', v))
    for d in sorted(glob.glob('/usr/lib/postgresql/*/bin'), key=version,
                    reverse=True):
        if _has_server_tools(d):
            return d
    return None


def process_alive(pid):
    """Whether process `pid` still runs (a zombie does not count)."""
    try:
        with open('/proc/%d/stat' % pid) as f:
            return f.read().rpartition(')')[2].split()[0] not in ('Z', 'X')
    except FileNotFoundError:
        return False
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        pass
    return True


def exit_on_signals(signals=(signal.SIGTERM, signal.SIGHUP)):
    """Make these signals end the program through SystemExit (status
    128 + signal), so that `finally` blocks and atexit handlers, and with
    them TempPostgres.stop(), run. For scripts; call it from the main
    thread."""
    for sig in signals:
        signal.signal(sig, lambda signum, frame: sys.exit(128 + signum))


def _postmaster_pid(data_dir):
    try:
        with open(os.path.join(data_dir, 'postmaster.pid')) as f:
            return int(f.readline())
    except (OSError, ValueError):
        return None


def _wait_gone(pid, seconds):
    deadline = time.monotonic() + seconds
    while pid and process_alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)


def _quote_conninfo(value):
    value = str(value)
    if value and not re.search(r"[\s'\\]", value):
        return value
    return "'%s'" % value.replace('\\', '\\\\').replace("'", "\\'")


# Run by the detached watchdog process (see the module docstring). Its stdin
# is a pipe from the owner: a byte written means "stopped normally, exit";
# EOF with nothing written, or a new parent, means the owner died.
_WATCHDOG = r'''
import json, os, select, shutil, subprocess, sys, time
args = json.loads(sys.argv[1])
while os.getppid() == args['owner_pid']:
    if select.select([sys.stdin], [], [], 1.0)[0]:
        if os.read(sys.stdin.fileno(), 1):
            sys.exit(0)
        break
try:
    with open(os.path.join(args['data_dir'], 'postmaster.pid')) as f:
        postmaster = int(f.readline())
except (OSError, ValueError):
    postmaster = None
try:
    subprocess.run(args['stop'], stdin=subprocess.DEVNULL,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   cwd='/', timeout=60)
except (OSError, subprocess.TimeoutExpired):
    pass
deadline = time.monotonic() + 10
while postmaster and time.monotonic() < deadline:
    try:
        with open('/proc/%d/stat' % postmaster) as f:
            if f.read().rpartition(')')[2].split()[0] in ('Z', 'X'):
                break
    except OSError:
        break
    time.sleep(0.05)
shutil.rmtree(args['dir'], ignore_errors=True)
'''


class TempPostgres:
    """A temporary PostgreSQL cluster for this process; see the module
    docstring.

    bin_dir: the server binaries; None to look for them (find_pg_bindir).
    dir_prefix: prefix of the temporary directory's name.
    settings: server settings added to (or overriding) DEFAULT_SETTINGS,
        e.g. {'max_connections': 200}. listen_addresses,
        unix_socket_directories and port are set by the class.
    port: the port, which only names the socket file; by default
        54000 + pid % 1000.
    """

    def __init__(self, bin_dir=None, dir_prefix='pgtemp-', settings=None,
                 port=None):
        self._bin_dir = bin_dir or None
        self.dir_prefix = dir_prefix
        self.settings = dict(DEFAULT_SETTINGS)
        for name, value in (settings or {}).items():
            if name in _FIXED_SETTINGS:
                raise ValueError('TempPostgres sets %s itself' % name)
            self.settings[name] = value
        self._port = port
        self._psql = None
        self._dir = None
        self._data_dir = None
        self._prefix = []
        self._stop_cmd = None
        self._watchdog = None
        self._version = None
        self._started = False
        self._owner_pid = os.getpid()

    # --- properties ----------------------------------------------------------

    @property
    def bin_dir(self):
        """The server binaries' directory (once start() has looked)."""
        return self._bin_dir

    @property
    def dir(self):
        """The private temporary directory (socket, data/, postgres.log),
        removed by stop(); None when not running."""
        return self._dir

    @property
    def socket_dir(self):
        """The directory of the unix socket: the host to connect to."""
        return self._dir

    host = socket_dir

    @property
    def data_dir(self):
        return self._data_dir

    @property
    def log_file(self):
        return self._dir and os.path.join(self._dir, 'postgres.log')

    @property
    def port(self):
        return self._port

    @property
    def user(self):
        return SUPERUSER

    @property
    def psql(self):
        """Path of psql (the bin dir's, else the one on PATH)."""
        return self._psql

    @property
    def version(self):
        """The server's version (`show server_version`)."""
        return self._version

    @property
    def running(self):
        return self._dir is not None and self._version is not None

    @property
    def conn_args(self):
        """psql's connection options: ['-h', dir, '-p', port, '-U', user]."""
        return ['-h', self._dir, '-p', str(self._port), '-U', SUPERUSER]

    @property
    def conninfo(self):
        """A libpq connection string without dbname: append
        ' dbname=NAME'."""
        return 'host=%s port=%s user=%s' % (_quote_conninfo(self._dir),
                                            self._port, SUPERUSER)

    # --- running tools -------------------------------------------------------

    def _run(self, cmd, what, timeout=120):
        """Runs cmd without PG* variables and returns its output; raises
        PostgresUnavailable when it fails. The output goes to a file, not a
        pipe: the server that pg_ctl starts must not inherit a pipe that we
        then wait on."""
        with tempfile.TemporaryFile() as out:
            try:
                proc = subprocess.run(cmd, cwd=self._dir or '/', env=pg_env(),
                                      stdin=subprocess.DEVNULL, stdout=out,
                                      stderr=subprocess.STDOUT,
                                      timeout=timeout)
            except (OSError, subprocess.TimeoutExpired) as e:
                raise PostgresUnavailable('%s: %s' % (what, e))
            out.seek(0)
            text = out.read().decode('utf-8', 'replace').strip()
        if proc.returncode != 0:
            raise PostgresUnavailable('%s failed (exit %d): %s'
                                      % (what, proc.returncode, text[-2000:]))
        return text

    def psql_cmd(self, dbname='postgres'):
        """psql with this server's connection options, no psqlrc and
        ON_ERROR_STOP, connected to `dbname`. Run it with env=pg_env()."""
        return ([self._psql, '-X', '-q', '-v', 'ON_ERROR_STOP=1']
                + self.conn_args + ['-d', dbname])

    def sql(self, dbname, command, timeout=120):
        """Runs one SQL command in `dbname`; returns its unaligned,
        tuples-only output. Raises PostgresUnavailable when it fails."""
        return self._run(self.psql_cmd(dbname) + ['-A', '-t', '-c', command],
                         'psql -c %r' % command, timeout=timeout)

    @staticmethod
    def quote_ident(name):
        return '"%s"' % name.replace('"', '""')

    def create_database(self, name, template=None):
        """Creates database `name` (from `template`, e.g. 'template0')."""
        command = 'create database %s' % self.quote_ident(name)
        if template:
            command += ' template %s' % self.quote_ident(template)
        self.sql('postgres', command)

    def drop_database(self, name, if_exists=False, force=False):
        """Drops database `name`; force also ends its sessions."""
        self.sql('postgres', 'drop database %s%s%s' % (
            'if exists ' if if_exists else '', self.quote_ident(name),
            ' with (force)' if force else ''))

    # --- start and stop ------------------------------------------------------

    def _find_tools(self):
        if not self._bin_dir:
            self._bin_dir = find_pg_bindir()
            if not self._bin_dir:
                raise PostgresUnavailable(
                    'no PostgreSQL server binaries found (pg_config --bindir, '
                    '/usr/lib/postgresql/*/bin)')
        for tool in _SERVER_TOOLS:
            path = os.path.join(self._bin_dir, tool)
            if not os.access(path, os.X_OK):
                raise PostgresUnavailable('%s not found' % path)
        psql = os.path.join(self._bin_dir, 'psql')
        if not os.access(psql, os.X_OK):
            psql = shutil.which('psql')
            if not psql:
                raise PostgresUnavailable('psql not found')
        self._psql = psql

    def start(self):
        """Starts the server; returns self. Raises PostgresUnavailable (after
        removing whatever it made) when the server cannot be started."""
        if os.getpid() != self._owner_pid:
            raise RuntimeError('TempPostgres.start() in a forked child')
        if self._started:
            raise RuntimeError('TempPostgres.start() called twice')
        self._started = True
        self._find_tools()

        # The server refuses to run as root: run it as `postgres` then.
        as_root = hasattr(os, 'geteuid') and os.geteuid() == 0
        pw = None
        if as_root:
            import pwd
            try:
                pw = pwd.getpwnam(SUPERUSER)
            except KeyError:
                raise PostgresUnavailable(
                    'running as root and there is no `%s` user to run the '
                    'server as' % SUPERUSER)
            runuser = shutil.which('runuser')
            if not runuser:
                raise PostgresUnavailable('running as root and runuser not '
                                          'found')
            self._prefix = [runuser, '-u', SUPERUSER, '--']

        # A short path: the socket path (dir + "/.s.PGSQL.<port>") must fit
        # in 107 bytes. As root, /tmp, so that `postgres` can reach the dir.
        base = tempfile.gettempdir()
        if as_root or len(base) > 60:
            base = '/tmp'
        # Registered before anything exists: whatever fails below, the
        # directory goes at exit.
        atexit.register(self.stop)
        self._dir = tempfile.mkdtemp(prefix=self.dir_prefix, dir=base)
        try:
            self._start(pw)
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self, pw):
        initdb = os.path.join(self._bin_dir, 'initdb')
        pg_ctl = os.path.join(self._bin_dir, 'pg_ctl')
        self._data_dir = os.path.join(self._dir, 'data')
        self._stop_cmd = self._prefix + [pg_ctl, '-D', self._data_dir,
                                         '-m', 'immediate', '-w', 'stop']
        if pw:
            os.chown(self._dir, pw.pw_uid, pw.pw_gid)
        os.chmod(self._dir, 0o700)

        self._watchdog = subprocess.Popen(
            [sys.executable, '-c', _WATCHDOG,
             json.dumps({'stop': self._stop_cmd, 'dir': self._dir,
                         'data_dir': self._data_dir,
                         'owner_pid': self._owner_pid})],
            env=pg_env(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, cwd='/', start_new_session=True)

        self._run(self._prefix + [initdb, '-D', self._data_dir, '-A', 'trust',
                                  '-U', SUPERUSER, '--no-sync', '-E', 'UTF8',
                                  '--locale=C'], 'initdb')

        # Unix socket only, in the private directory: the port only names
        # the socket file, so it cannot clash with another server. pg_ctl
        # passes -o to the server through the shell, hence the quoting.
        if self._port is None:
            self._port = 54000 + os.getpid() % 1000
        settings = {'listen_addresses': '',
                    'unix_socket_directories': self._dir,
                    'port': self._port}
        settings.update(self.settings)
        options = ' '.join('-c %s' % shlex.quote('%s=%s' % (name, value))
                           for name, value in settings.items())
        try:
            self._run(self._prefix + [pg_ctl, '-D', self._data_dir,
                                      '-l', self.log_file, '-w', '-t', '60',
                                      '-o', options, 'start'],
                      'pg_ctl start')
        except PostgresUnavailable as e:
            try:
                with open(self.log_file, encoding='utf-8',
                          errors='replace') as f:
                    log = f.read()[-2000:]
            except OSError:
                log = ''
            raise PostgresUnavailable('%s\nserver log:\n%s' % (e, log))

        try:
            self._version = self.sql('postgres', 'show server_version')
        except PostgresUnavailable as e:
            raise PostgresUnavailable('connecting to the server: %s' % e)

    def stop(self):
        """Stops the server and removes its directory. Safe to call more than
        once, and does nothing in a forked child of the process that started
        the server."""
        if os.getpid() != self._owner_pid or self._dir is None:
            return
        if self._data_dir and os.path.exists(
                os.path.join(self._data_dir, 'postmaster.pid')):
            postmaster = _postmaster_pid(self._data_dir)
            try:
                subprocess.run(self._stop_cmd, cwd='/', env=pg_env(),
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                pass
            # pg_ctl returns once the pid file is gone; wait (a little) for
            # the postmaster itself, so that no server process outlives us.
            _wait_gone(postmaster, 10)
        shutil.rmtree(self._dir, ignore_errors=True)
        self._dir = None
        self._version = None
        if self._watchdog:
            try:
                self._watchdog.stdin.write(b'done')
                self._watchdog.stdin.close()
                self._watchdog.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass
            self._watchdog = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False
