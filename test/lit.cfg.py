# -*- Python -*-
# lit configuration for schemac. Run it through the generated site config:
#   python3 /usr/lib/llvm-14/build/utils/lit/lit.py -sv build/test
# (or `cmake --build build --target check-schemac`, or ctest).
#
# RUN lines run in bash (execute_external), so `$(...)`, `&&` and pipes work.
#
# Substitutions: %schemac, %psql, %pg_host, %pg_port, %pg_conninfo,
# %pg_fresh_db, %pg_db. Features: `postgres` (the shared server below is
# running), `root` (the tests run as root: file permissions do not apply).
#
# Runtime tests: one PostgreSQL server is started for the whole lit run (a
# temporary cluster, unix socket only, removed at exit). Each test makes its
# own database, named from a hash of its %t, and reads the name back:
#
#   REQUIRES: postgres
#   RUN: %pg_fresh_db %t > %t.dbname
#   RUN: %psql -d "$(cat %t.dbname)" -c 'select 1' | FileCheck %s
#   RUN: %schemac ... --db "%pg_conninfo dbname=$(cat %t.dbname)"
#
# %pg_db is shorthand for $(cat %t.dbname), usable after the %pg_fresh_db line:
#   RUN: %psql -d %pg_db -f %t.sql
#
# No PG* environment variables are set for the tests: always pass %psql's
# connection options or %pg_conninfo, so a test never reaches a server it did
# not name (and schemac's own embedded server is not masked by libpq's
# environment defaults).
#
# When the server cannot be started, lit warns and the `postgres` tests are
# UNSUPPORTED; with CI set in the environment that is a fatal error instead.

import atexit
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

import lit.formats

config.name = 'schemac'

if not hasattr(config, 'schemac_obj_root'):
    lit_config.fatal('run lit on the build tree (build/test), whose generated '
                     'lit.site.cfg.py sets the paths, not on test/')

config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.schema', '.test']
config.excludes = ['Inputs', 'unit', 'CMakeLists.txt', 'lit.cfg.py',
                   'lit.site.cfg.py.in']
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = config.schemac_obj_root

for tools_dir in (config.llvm_tools_dir, config.schemac_tools_dir):
    if tools_dir:
        config.environment['PATH'] = os.pathsep.join(
            [tools_dir, config.environment.get('PATH', '')])

config.environment['FILECHECK_OPTS'] = '--enable-var-scope'

config.substitutions.append(
    ('%schemac', shlex.quote(os.path.join(config.schemac_tools_dir, 'schemac'))))

if hasattr(os, 'geteuid') and os.geteuid() == 0:
    config.available_features.add('root')


# --- PostgreSQL -------------------------------------------------------------

class PostgresUnavailable(Exception):
    pass


# Run by a detached watchdog process: when lit dies without running its
# atexit handlers (SIGKILL, ctest timeout), the watchdog is reparented (or the
# pipe from lit reaches EOF with nothing written) and it stops the server and
# removes its files. On a normal exit lit writes a byte first and the watchdog
# just exits.
_WATCHDOG = r'''
import json, os, select, shutil, subprocess, sys
args = json.loads(sys.argv[1])
while os.getppid() == args['lit_pid']:
    if select.select([sys.stdin], [], [], 1.0)[0]:
        if os.read(sys.stdin.fileno(), 1):
            sys.exit(0)
        break
subprocess.run(args['stop'], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
               stderr=subprocess.DEVNULL, cwd='/')
shutil.rmtree(args['dir'], ignore_errors=True)
'''


def _pg_env():
    # The server and its tools must not pick up a developer's PG* settings.
    return {k: v for k, v in os.environ.items() if not k.startswith('PG')}


def _run(cmd, cwd, what, timeout=120):
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=_pg_env(),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise PostgresUnavailable('%s: %s' % (what, e))
    if proc.returncode != 0:
        out = proc.stdout.decode('utf-8', 'replace').strip()
        raise PostgresUnavailable('%s failed (exit %d): %s'
                                  % (what, proc.returncode, out[-2000:]))


def _start_postgres(bin_dir):
    """Starts the shared server; returns (socket dir, port, psql path)."""
    initdb = os.path.join(bin_dir, 'initdb')
    pg_ctl = os.path.join(bin_dir, 'pg_ctl')
    for tool in (initdb, pg_ctl, os.path.join(bin_dir, 'postgres')):
        if not os.access(tool, os.X_OK):
            raise PostgresUnavailable('%s not found' % tool)
    psql = os.path.join(bin_dir, 'psql')
    if not os.access(psql, os.X_OK):
        psql = shutil.which('psql')
        if not psql:
            raise PostgresUnavailable('psql not found')

    # The server refuses to run as root: run it as `postgres` then.
    as_root = os.geteuid() == 0
    prefix = []
    if as_root:
        import pwd
        try:
            pw = pwd.getpwnam('postgres')
        except KeyError:
            raise PostgresUnavailable('running as root and there is no '
                                      '`postgres` user to run the server as')
        runuser = shutil.which('runuser')
        if not runuser:
            raise PostgresUnavailable('running as root and runuser not found')
        prefix = [runuser, '-u', 'postgres', '--']

    # A short path: the socket path (dir + "/.s.PGSQL.<port>") must fit in
    # 107 bytes. As root, /tmp so that `postgres` can reach the directory.
    base = tempfile.gettempdir()
    if as_root or len(base) > 60:
        base = '/tmp'
    tmp_dir = tempfile.mkdtemp(prefix='schemac-lit-pg-', dir=base)
    data_dir = os.path.join(tmp_dir, 'data')
    log_file = os.path.join(tmp_dir, 'postgres.log')
    stop_cmd = prefix + [pg_ctl, '-D', data_dir, '-m', 'immediate', '-w',
                         'stop']
    parent_pid = os.getpid()
    watchdog = None

    def stop():
        if os.getpid() != parent_pid:  # a forked lit worker
            return
        if os.path.exists(os.path.join(data_dir, 'postmaster.pid')):
            try:
                subprocess.run(stop_cmd, cwd=tmp_dir, env=_pg_env(),
                               stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=60)
            except (OSError, subprocess.TimeoutExpired):
                pass
        shutil.rmtree(tmp_dir, ignore_errors=True)
        if watchdog:
            try:
                watchdog.stdin.write(b'done')
                watchdog.stdin.close()
                watchdog.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                pass

    # Registered first: whatever fails below, the directory goes at exit.
    atexit.register(stop)

    if as_root:
        os.chown(tmp_dir, pw.pw_uid, pw.pw_gid)
    os.chmod(tmp_dir, 0o700)

    watchdog = subprocess.Popen(
        [sys.executable, '-c', _WATCHDOG,
         json.dumps({'stop': stop_cmd, 'dir': tmp_dir,
                     'lit_pid': parent_pid})],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, cwd='/', start_new_session=True)

    _run(prefix + [initdb, '-D', data_dir, '-A', 'trust', '-U', 'postgres',
                   '--no-sync', '-E', 'UTF8', '--locale=C'],
         tmp_dir, 'initdb')

    # Unix socket only, in the private directory; the port only names the
    # socket file, so it cannot clash with another server.
    port = 54000 + os.getpid() % 1000
    options = ' '.join([
        "-c listen_addresses=''",
        '-c unix_socket_directories=%s' % shlex.quote(tmp_dir),
        '-c port=%d' % port,
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
    ])
    try:
        _run(prefix + [pg_ctl, '-D', data_dir, '-l', log_file, '-w',
                       '-t', '60', '-o', options, 'start'],
             tmp_dir, 'pg_ctl start')
    except PostgresUnavailable as e:
        try:
            with open(log_file, encoding='utf-8', errors='replace') as f:
                log = f.read()[-2000:]
        except OSError:
            log = ''
        raise PostgresUnavailable('%s\nserver log:\n%s' % (e, log))

    _run([psql, '-X', '-q', '-h', tmp_dir, '-p', str(port), '-U', 'postgres',
          '-d', 'postgres', '-c', 'select 1'],
         tmp_dir, 'connecting to the test server')
    return tmp_dir, port, psql


def _is_ci():
    return os.environ.get('CI', '').lower() not in ('', '0', 'false', 'no')


pg_bin_dir = getattr(config, 'pg_bin_dir', '')
try:
    if not pg_bin_dir:
        raise PostgresUnavailable('no PostgreSQL server binaries were found '
                                  'at configure time (SCHEMAC_PG_BINDIR)')
    pg_host, pg_port, psql = _start_postgres(pg_bin_dir)
except PostgresUnavailable as e:
    message = 'PostgreSQL test server unavailable: %s' % e
    if _is_ci():
        lit_config.fatal(message + '\n(CI is set: the runtime tests must run)')
    lit_config.warning(message + '\n(tests that REQUIRE postgres are skipped)')
else:
    config.available_features.add('postgres')
    conn = '-h %s -p %d -U postgres' % (shlex.quote(pg_host), pg_port)
    config.substitutions.extend([
        ('%psql', '%s -X -v ON_ERROR_STOP=1 %s' % (shlex.quote(psql), conn)),
        ('%pg_fresh_db', '%s --psql %s %s' % (
            shlex.quote(os.path.join(config.schemac_src_root, 'utils', 'lit',
                                     'pg-fresh-db')),
            shlex.quote(psql), conn)),
        # %t is expanded after these, so %pg_db names this test's database.
        ('%pg_db', '$(cat %t.dbname)'),
        ('%pg_host', shlex.quote(pg_host)),
        ('%pg_port', str(pg_port)),
        ('%pg_conninfo', 'host=%s port=%d user=postgres' % (pg_host, pg_port)),
    ])
