#!/usr/bin/env python3
"""Runs a command with a PostgreSQL server of its own, for the tests that
stop or restart the server (the shared server of the lit run must stay up).

usage: with-private-server.py COMMAND [ARG...]

Starts a temporary server as the lit harness does (utils/pgtemp.py, with
schemac-tempserver from PATH), runs COMMAND with these in its environment,
then stops and removes the server, whatever COMMAND did; exits with
COMMAND's status:

  PRIVATE_CONNINFO  libpq conninfo without dbname: append ' dbname=NAME'
  PRIVATE_PSQL      psql with the server's options, no psqlrc, and
                    ON_ERROR_STOP (a command line: split it on spaces)
  PRIVATE_PG_CTL    pg_ctl on the server's data directory, with its log and
                    -w, run as the user that owns the server (`postgres`
                    when we are root): add `restart -m fast`, `stop`,
                    `start`. A restart keeps the server's options
                    (pg_ctl reads them back from postmaster.opts).
"""
import os
import shlex
import shutil
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                '..', '..', '..', 'utils'))
import pgtemp  # noqa: E402


def main():
    if len(sys.argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    tool = shutil.which('schemac-tempserver')
    if not tool:
        sys.stderr.write('with-private-server.py: no schemac-tempserver on '
                         'PATH\n')
        return 2
    with pgtemp.TempPostgres(tool) as server:
        pg_ctl = [os.path.join(server.bin_dir, 'pg_ctl'),
                  '-D', os.path.join(server.dir, 'data'),
                  '-l', os.path.join(server.dir, 'server.log'), '-w']
        if os.geteuid() == 0:
            pg_ctl = ['runuser', '-u', server.user, '--'] + pg_ctl
        env = pgtemp.pg_env()
        env['PRIVATE_CONNINFO'] = server.conninfo
        env['PRIVATE_PSQL'] = ' '.join(
            shlex.quote(a) for a in server.psql_cmd()[:-2])  # without -d
        env['PRIVATE_PG_CTL'] = ' '.join(shlex.quote(a) for a in pg_ctl)
        return subprocess.run(sys.argv[1:], env=env).returncode


if __name__ == '__main__':
    sys.exit(main())
