"""A temporary PostgreSQL server for one run, removed afterwards.

The client side, for Python, of schemac's own embedded server: the lit test
harness (test/lit.cfg.py) and the benchmarks (bench/run.py,
bench/inspect_bench.py) use it. The server itself is started, stopped and
removed by the C++ component that `schemac --dev-db` and the unit tests use
(runtime/TempServer), run as a process of its own by the tool
`schemac-tempserver` (tools/schemac-tempserver), so that there is one
implementation of the server's lifecycle. Python 3 standard library only.

    import pgtemp
    server = pgtemp.TempPostgres('build/bin/schemac-tempserver')
    try:
        server.start()                  # raises pgtemp.PostgresUnavailable
    except pgtemp.PostgresUnavailable as e:
        ...                             # skip, or fail
    server.create_database('db1')
    subprocess.run(server.psql_cmd('db1') + ['-c', 'select 1'],
                   env=pgtemp.pg_env())
    server.stop()                       # also run at exit; safe to repeat

What the tool does (see runtime/TempServer.h): finds the server binaries
(`pg_config --bindir`, else the newest /usr/lib/postgresql/*/bin), runs
initdb into a fresh private directory under /tmp (as the `postgres` user when
run as root), starts the server listening on a unix socket in that directory
only, and prints one line of JSON saying where it is. It keeps the server
until its standard input reaches end of file, then stops it and removes the
directory; SIGINT, SIGTERM and SIGHUP remove it too.

start() runs the tool with a pipe as its standard input and reads that line;
stop() closes the pipe and waits for the tool to finish (registered with
atexit, and safe to repeat). Only this process holds the pipe's write end, so
when it ends in any way, SIGKILL and a ctest timeout included, the pipe
closes and the tool removes the server: nothing else watches over it. A
forked child (lit's workers fork from the process that started the server)
closes its inherited copy of the pipe right after the fork, and its stop()
does nothing: only the process that started the server stops it.

Every tool, the server's included, runs without the caller's PG* environment
variables (pg_env), so a developer's PGDATA, PGHOST, PGOPTIONS... cannot
redirect it.
"""

import atexit
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
import weakref

__all__ = ['PostgresUnavailable', 'TempPostgres', 'pg_env']


class PostgresUnavailable(Exception):
    """The temporary server could not be started (no tool, no server
    binaries, no `postgres` user to run it as root, initdb or pg_ctl
    failed...), or a command on it failed. The message says why."""


def pg_env():
    """The environment without PG* variables: the server and its tools must
    not pick up a developer's PGDATA, PGHOST, PGOPTIONS and so on."""
    return {k: v for k, v in os.environ.items() if not k.startswith('PG')}


# Servers started in this process; a forked child lets go of their pipes.
_servers = weakref.WeakSet()


def _release_in_child():
    for server in list(_servers):
        server._release_pipe()


os.register_at_fork(after_in_child=_release_in_child)


class TempPostgres:
    """A temporary PostgreSQL server for this process; see the module
    docstring.

    tool: path of the schemac-tempserver executable.
    start_timeout: seconds to wait for the tool's line before giving up.
    """

    def __init__(self, tool, start_timeout=180):
        self.tool = tool
        self.start_timeout = start_timeout
        self._proc = None
        self._info = None
        self._psql = None
        self._version = None
        self._started = False
        self._owner_pid = os.getpid()

    # --- properties ----------------------------------------------------------

    def _get(self, key):
        return self._info[key] if self._info else None

    @property
    def bin_dir(self):
        """The server binaries' directory (psql and pg_dump match the
        server)."""
        return self._get('bin_dir')

    @property
    def dir(self):
        """The server's private directory (socket, data/, logs); None when
        not running. It is removed with the server, along with anything put
        there."""
        return self._get('dir')

    @property
    def socket_dir(self):
        """The directory of the unix socket: the host to connect to."""
        return self._get('host')

    host = socket_dir

    @property
    def port(self):
        """The port, which only names the socket file."""
        return self._get('port')

    @property
    def user(self):
        """The superuser every connection is made as."""
        return self._get('user')

    @property
    def psql(self):
        """Path of psql (the bin dir's, else the one on PATH)."""
        return self._psql

    @property
    def version(self):
        """The server's version (`show server_version`), asked once."""
        if self._version is None and self.running:
            self._version = self.sql('postgres', 'show server_version')
        return self._version

    @property
    def running(self):
        return self._proc is not None and self._proc.poll() is None

    @property
    def conn_args(self):
        """psql's connection options: ['-h', dir, '-p', port, '-U', user]."""
        return ['-h', self.host, '-p', str(self.port), '-U', self.user]

    @property
    def conninfo(self):
        """A libpq connection string without dbname: append
        ' dbname=NAME'."""
        return self._get('conninfo')

    # --- running psql --------------------------------------------------------

    def _run(self, cmd, what, timeout=120):
        """Runs cmd without PG* variables and returns its output; raises
        PostgresUnavailable when it fails."""
        try:
            proc = subprocess.run(cmd, cwd='/', env=pg_env(),
                                  stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, timeout=timeout)
        except (OSError, subprocess.TimeoutExpired) as e:
            raise PostgresUnavailable('%s: %s' % (what, e))
        text = proc.stdout.decode('utf-8', 'replace').strip()
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

    def load(self, dbname, path, timeout=3600):
        """Runs the SQL file `path` in `dbname` (psql -f). Raises
        PostgresUnavailable when it fails."""
        self._run(self.psql_cmd(dbname) + ['-f', path], 'psql -f %s' % path,
                  timeout=timeout)

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

    def start(self):
        """Starts the server; returns self. Raises PostgresUnavailable (the
        tool having removed whatever it made) when it cannot be started."""
        if os.getpid() != self._owner_pid:
            raise RuntimeError('TempPostgres.start() in a forked child')
        if self._started:
            raise RuntimeError('TempPostgres.start() called twice')
        self._started = True
        if not os.access(self.tool, os.X_OK):
            raise PostgresUnavailable('%s not found: build it first '
                                      '(cmake --build build)' % self.tool)
        # stderr goes to a file, not a pipe: nobody reads it while the
        # server runs, and a failure's message is read from it.
        with tempfile.TemporaryFile() as err:
            try:
                self._proc = subprocess.Popen(
                    [self.tool], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=err, cwd='/',
                    env=pg_env())
            except OSError as e:
                raise PostgresUnavailable('%s: %s' % (self.tool, e))
            _servers.add(self)
            atexit.register(self.stop)
            try:
                line = self._read_line()
                if not line:
                    err.seek(0)
                    raise PostgresUnavailable(self._failure(err.read()))
                self._info = json.loads(line)
            except BaseException:
                # Still starting (a timeout, an interrupt): its stdin is not
                # read yet, but SIGTERM removes what it has made.
                if self._proc.poll() is None:
                    self._proc.terminate()
                self.stop()
                raise
        self._proc.stdout.close()
        psql = os.path.join(self.bin_dir, 'psql')
        self._psql = psql if os.access(psql, os.X_OK) else shutil.which('psql')
        if not self._psql:
            self.stop()
            raise PostgresUnavailable('psql not found')
        return self

    def _read_line(self):
        """The tool's line; b'' when it exited without one. Raises
        PostgresUnavailable after start_timeout seconds."""
        fd = self._proc.stdout.fileno()
        deadline = time.monotonic() + self.start_timeout
        data = b''
        while not data.endswith(b'\n'):
            left = deadline - time.monotonic()
            if left <= 0:
                raise PostgresUnavailable(
                    '%s did not report a server within %d seconds'
                    % (self.tool, self.start_timeout))
            if select.select([fd], [], [], left)[0]:
                chunk = os.read(fd, 4096)
                if not chunk:
                    return b''
                data += chunk
        return data

    def _failure(self, stderr):
        try:
            status = self._proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            status = None
        text = stderr.decode('utf-8', 'replace').strip()
        prefix = 'schemac-tempserver: error: '
        if text.startswith(prefix):
            text = text[len(prefix):]
        return text or '%s exited with %s' % (self.tool, status)

    def _release_pipe(self):
        """In a forked child: close the inherited write end of the tool's
        stdin, so that the owner's end alone closes the pipe."""
        if self._proc is not None and os.getpid() != self._owner_pid:
            try:
                self._proc.stdin.close()
            except OSError:
                pass

    def stop(self):
        """Stops the server and removes its directory: closes the tool's
        stdin and waits for the tool. Safe to call more than once, and does
        nothing in a forked child of the process that started the server."""
        if os.getpid() != self._owner_pid or self._proc is None:
            return
        proc, self._proc = self._proc, None
        self._info = None
        self._version = None
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            # SIGTERM goes to the tool's interrupt handler, which removes the
            # server too.
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if not proc.stdout.closed:
            proc.stdout.close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()
        return False
