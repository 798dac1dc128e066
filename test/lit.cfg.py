# -*- Python -*-
# lit configuration for schemac. Run it through the generated site config:
#   python3 /usr/lib/llvm-14/build/utils/lit/lit.py -sv build/test
# (or `cmake --build build --target check-schemac`, or ctest).
#
# RUN lines run in bash (execute_external), so `$(...)`, `&&` and pipes work.
#
# Substitutions: %schemac, %psql, %pg_host, %pg_port, %pg_conninfo,
# %pg_fresh_db, %pg_db; for the CMake package's test (test/CMake): %cmake (the
# build's CMake), %cmake_generator (its generator) and %cmake_binary_dir (the
# build tree, for `%cmake --install`). Features: `postgres` (the shared server
# below is running), `root` (the tests run as root: file permissions do not
# apply).
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

import os
import shlex
import sys

import lit.formats

config.name = 'schemac'

if not hasattr(config, 'schemac_obj_root'):
    lit_config.fatal('run lit on the build tree (build/test), whose generated '
                     'lit.site.cfg.py sets the paths, not on test/')

config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.schema', '.test']
config.excludes = ['Inputs', 'unit', 'fuzz', 'CMakeLists.txt', 'lit.cfg.py',
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
# The longer names first: lit replaces in this order.
config.substitutions.extend([
    ('%cmake_generator', shlex.quote(config.cmake_generator)),
    ('%cmake_binary_dir', shlex.quote(config.schemac_binary_root)),
    ('%cmake', shlex.quote(config.cmake_command)),
])

if hasattr(os, 'geteuid') and os.geteuid() == 0:
    config.available_features.add('root')

# An AddressSanitizer build (utils/sanitize.sh) reserves terabytes of address
# space for its shadow memory: tests that cap the address space (ulimit -v)
# cannot run on it.
if '-fsanitize=address' in getattr(config, 'schemac_cxx_flags', ''):
    config.available_features.add('asan')


# --- PostgreSQL -------------------------------------------------------------

# The server is schemac's own embedded one (runtime/TempServer), run for the
# whole lit run by the schemac-tempserver tool through utils/pgtemp.py (shared
# with the benchmarks). The tool removes it when lit ends, however it ends:
# this process holds its stdin pipe. Lit's forked workers let go of their
# copy of that pipe, and only this process stops the server.
sys.path.insert(0, os.path.join(config.schemac_src_root, 'utils'))
_dont_write_bytecode = sys.dont_write_bytecode
sys.dont_write_bytecode = True   # no __pycache__ in the source tree
try:
    import pgtemp
finally:
    sys.dont_write_bytecode = _dont_write_bytecode


def _is_ci():
    return os.environ.get('CI', '').lower() not in ('', '0', 'false', 'no')


try:
    pg_server = pgtemp.TempPostgres(
        os.path.join(config.schemac_tools_dir, 'schemac-tempserver')).start()
except pgtemp.PostgresUnavailable as e:
    message = 'PostgreSQL test server unavailable: %s' % e
    if _is_ci():
        lit_config.fatal(message + '\n(CI is set: the runtime tests must run)')
    lit_config.warning(message + '\n(tests that REQUIRE postgres are skipped)')
else:
    config.available_features.add('postgres')
    psql = shlex.quote(pg_server.psql)
    conn = ' '.join(shlex.quote(a) for a in pg_server.conn_args)
    config.substitutions.extend([
        ('%psql', '%s -X -v ON_ERROR_STOP=1 %s' % (psql, conn)),
        ('%pg_fresh_db', '%s --psql %s %s' % (
            shlex.quote(os.path.join(config.schemac_src_root, 'utils', 'lit',
                                     'pg-fresh-db')),
            psql, conn)),
        # %t is expanded after these, so %pg_db names this test's database.
        ('%pg_db', '$(cat %t.dbname)'),
        ('%pg_host', shlex.quote(pg_server.socket_dir)),
        ('%pg_port', str(pg_server.port)),
        ('%pg_conninfo', pg_server.conninfo),
    ])
