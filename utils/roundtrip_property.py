#!/usr/bin/env python3
"""Round-trip property test of schemac on a real PostgreSQL.

    python3 utils/roundtrip_property.py [--seed S] [--pairs N] [--jobs J]
        [--schemac build/bin/schemac] [--conninfo CI --psql PSQL] [--keep]
    python3 utils/roundtrip_property.py --nightly [--budget SECONDS]
    python3 utils/roundtrip_property.py --seed S --pair N      # one pair

Schemas come from utils/schemagen.py in chains: S0 is generated, and each
S(i+1) is S(i) with random mutations. Pair N is (A, B) = (S(j), S(j+1)) of
chain N // L at step j = N % L (L = --chain-length). One database per chain
follows it, so each pair starts from the database its predecessor left,
which must equal A. For each pair, on the server:

  compile      B compiles with no error (else the generator is wrong)
  diff B B     `schemac diff --from B --to B` has no changes
  up           `diff --from A --to B` runs (no-transaction steps alone,
               the rest in transactions, as migrate apply does)
  up = B       `inspect DB`, compiled, diffs empty against B (when not,
               `drift --db DB B` says whether the database or inspect is
               wrong), and the catalog (objects, columns, constraints,
               indexes, comments, column order aside) equals that of a
               database made by `compile B`
  down = A     `diff --down --from A --to B` runs; the catalog equals A's
               (`drift --db DB A` is shown when not)
  up again     the up migration runs again and gives B's catalog

A is written without the @renamed_from of the step that made it (as a
migration directory's snapshot), B with those of its own step.

The first failure stops its chain; the run goes on with the other chains.
For each failure it prints the seed, the pair, the check, and the command
that runs that one pair again (replaying its chain's up migrations up to
it), and saves A.schema, B.schema, the SQL and the output under the failure
directory (--failures, default ./roundtrip-failures). The last line is the
summary: `N pairs passed, seed S` or `N pairs passed, M failed, seed S`;
the exit code is 1 when a pair failed.

The server is a temporary one of its own (utils/pgtemp.py with
schemac-tempserver next to --schemac), or the one --conninfo names (a libpq
conninfo without dbname; the role must be able to create databases), with
--psql the psql command to reach it. Python 3 standard library only.
"""

import argparse
import multiprocessing
import os
import random
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pgtemp  # noqa: E402
import schemagen  # noqa: E402

LIST_SQL = [os.path.join(ROOT, 'test', 'Runtime', 'Inputs', 'list-objects.sql'),
            os.path.join(ROOT, 'test', 'Diff', 'Inputs', 'list-extra.sql')]


RESET_SQL = """\
SET client_min_messages = warning;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT nspname FROM pg_namespace
           WHERE nspname !~ '^(pg_|information_schema$)' LOOP
    EXECUTE format('DROP SCHEMA %I CASCADE', r.nspname);
  END LOOP;
  FOR r IN SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' LOOP
    EXECUTE format('DROP EXTENSION %I CASCADE', r.extname);
  END LOOP;
END $$;
CREATE SCHEMA public;
RESET client_min_messages;
"""


class CheckFailed(Exception):
    """One check of a pair failed: `check` names it, `detail` says how."""

    def __init__(self, check, detail):
        super().__init__('%s: %s' % (check, detail))
        self.check, self.detail = check, detail


# --------------------------------------------------------------------- tools

class Tools:
    """Runs schemac and psql for one worker, in its own work directory."""

    def __init__(self, opts, work):
        self.schemac = opts['schemac']
        self.psql = opts['psql']
        self.conninfo = opts['conninfo']
        self.work = work
        # Empties a database in the session that loads it: cheaper than
        # dropping and creating one per pair.
        self.reset_sql = os.path.join(work, 'reset.sql')
        write(self.reset_sql, RESET_SQL)

    def run(self, check, argv, ok=(0,)):
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=pgtemp.pg_env(), timeout=300)
        out = proc.stdout.decode('utf-8', 'replace')
        err = proc.stderr.decode('utf-8', 'replace')
        if proc.returncode not in ok:
            raise CheckFailed(check, '%s\nexit %d\n%s%s' % (
                ' '.join(shlex.quote(a) for a in argv), proc.returncode,
                out[-6000:], err[-6000:]))
        return proc.returncode, out

    def db(self, name):
        return '%s dbname=%s' % (self.conninfo, name)

    def psql_args(self, dbname):
        return self.psql + ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d',
                            self.db(dbname)]

    def sql(self, check, dbname, *files):
        """Runs the files in one psql session; returns what it printed."""
        args = self.psql_args(dbname) + ['-A', '-t']
        for f in files:
            args += ['-f', f]
        return self.run(check, args)[1]

    def fresh_db(self, name):
        self.run('create database', self.psql_args('postgres') + [
            '-c', 'SET client_min_messages = warning',
            '-c', 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name,
            '-c', 'CREATE DATABASE "%s"' % name])

    def drop_db(self, name):
        self.run('drop database', self.psql_args('postgres') + [
            '-c', 'SET client_min_messages = warning',
            '-c', 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % name])

    def catalog(self, check, dbname, *before):
        """Runs `before` (SQL files), then lists the database's objects,
        sorted, in one psql session."""
        return self.session(check, [(check, dbname, list(before))])[check]

    def session(self, check, steps):
        """Runs steps (label, database, SQL files) in one psql process,
        connecting to each step's database, and lists the database after
        each: returns label -> sorted catalog. One process per pair, not
        one per step, since starting processes is what costs. A failure
        names the step it happened in."""
        script = []
        for label, dbname, files in steps:
            script.append("\\connect '%s'" % self.db(dbname))
            script.append('\\echo @@step %s' % label)
            script += ['\\i %s' % f for f in files]
            script.append('\\echo @@list %s' % label)
            script += ['\\i %s' % f for f in LIST_SQL]
        path = os.path.join(self.work, 'session.psql')
        write(path, '\n'.join(script) + '\n')
        argv = self.psql_args(steps[0][1]) + ['-A', '-t', '-f', path]
        proc = subprocess.run(argv, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=pgtemp.pg_env(), timeout=600)
        out = proc.stdout.decode('utf-8', 'replace')
        lists, current, where = {}, None, steps[0][0]
        for line in out.splitlines():
            if line.startswith('@@step '):
                where, current = line[7:], None
            elif line.startswith('@@list '):
                current = lists.setdefault(line[7:], [])
            elif current is not None:
                current.append(line)
        if proc.returncode != 0:
            raise CheckFailed(where, 'psql exit %d\n%s' % (
                proc.returncode, proc.stderr.decode('utf-8', 'replace')[-6000:]))
        return {k: '\n'.join(sorted(v)) for k, v in lists.items()}

    def schemac_run(self, check, *args, ok=(0,)):
        return self.run(check, [self.schemac] + list(args), ok=ok)


def transactional(sql_text):
    """The migration as migrate apply runs it: steps marked
    `-- schemac:no-transaction` alone, the others in transactions."""
    out, alone = ['BEGIN;'], False
    for line in sql_text.splitlines():
        if line == '-- schemac:no-transaction':
            out.append('COMMIT;')
            alone = True
        elif line == '' and alone:
            out.append('BEGIN;')
            alone = False
        out.append(line)
    if alone:
        out.append('BEGIN;')
    out.append('COMMIT;')
    return '\n'.join(out) + '\n'


def write(path, text):
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def catalog_diff(expected, actual):
    import difflib
    return '\n'.join(difflib.unified_diff(expected.splitlines(),
                                          actual.splitlines(), 'expected',
                                          'database', lineterm='', n=1))


# --------------------------------------------------------------------- a pair

def check_pair(tools, db, refdb, d, a, b, cat_a):
    """Runs every check of the pair (a, b): files in d, the database db
    equal to a, cat_a its catalog. Returns B's catalog; raises CheckFailed."""
    S = tools.schemac_run
    fa, fb = os.path.join(d, 'A.schema'), os.path.join(d, 'B.schema')
    write(fa, a)
    write(fb, b)
    p = lambda name: os.path.join(d, name)  # noqa: E731

    S('compile B', 'compile', fb, '-o', p('B.sql'))
    _, out = S('diff B B', 'diff', '--from', fb, '--to', fb, '--exit-code')
    if out.strip() != '-- Generated by schemac.':
        raise CheckFailed('diff B B', 'not empty:\n' + out)
    S('diff A B', 'diff', '--allow-destructive', '--from', fa, '--to', fb,
      '-o', p('up.sql'))
    S('diff --down A B', 'diff', '--allow-destructive', '--down', '--from', fa,
      '--to', fb, '-o', p('down.sql'))
    for name in ('up', 'down'):
        with open(p(name + '.sql'), encoding='utf-8') as f:
            write(p(name + '.tx.sql'), transactional(f.read()))

    cats = tools.session('apply up', [
        ('load B.sql into an empty database', refdb,
         [tools.reset_sql, p('B.sql')]),
        ('apply up', db, [p('up.tx.sql')])])
    cat_b, cat = cats['load B.sql into an empty database'], cats['apply up']
    write(p('B.catalog'), cat_b)
    write(p('up.catalog'), cat)
    # inspect -> compile -> diff against B, which fails too when the
    # database differs from B; drift then tells which of the two it is.
    S('inspect', 'inspect', tools.db(db), '-o', p('inspected.schema'))
    code, out = S('inspect -> compile', 'diff', '--from', p('inspected.schema'),
                  '--to', fb, '--exit-code', '--format=report', ok=(0, 1))
    if code != 0:
        drift(tools, 'up = B (drift)', db, fb)
        raise CheckFailed('inspect -> compile = B', out)
    if cat != cat_b:
        raise CheckFailed('up = B (catalog)', catalog_diff(cat_b, cat))

    cats = tools.session('apply down', [
        ('apply down', db, [p('down.tx.sql')]),
        ('apply up again', db, [p('up.tx.sql')])])
    cat = cats['apply down']
    write(p('down.catalog'), cat)
    if cat != cat_a:
        drift(tools, 'down = A (drift)', db, fa)
        raise CheckFailed('down = A (catalog)', catalog_diff(cat_a, cat))
    cat = cats['apply up again']
    if cat != cat_b:
        raise CheckFailed('up again = B (catalog)', catalog_diff(cat_b, cat))
    return cat_b


def drift(tools, check, db, schema):
    code, out = tools.schemac_run(check, 'drift', '--db', tools.db(db), schema,
                                  ok=(0, 1))
    if code != 0:
        raise CheckFailed(check, out)


# --------------------------------------------------------------------- chains

def chain_schemas(seed, chain, steps):
    """[(plain, annotated)] for S0..S<steps>, and the mutations of each
    step."""
    log = []
    texts = list(schemagen.chain(seed, chain, steps, log))
    return texts, log


def run_chain(job):
    """Runs the pairs [first, last) of one chain. Returns (chain, passed,
    failure or None)."""
    opts, chain, first, last, only = job
    L = opts['chain_length']
    try:
        texts, log = chain_schemas(opts['seed'], chain, last - chain * L)
    except Exception:  # a bug of the generator: the chain's first pair fails
        import traceback
        return chain, 0, {'pair': first, 'check': 'generate the schemas',
                          'detail': traceback.format_exc(), 'dir': '-',
                          'mutations': '-'}
    work = tempfile.mkdtemp(prefix='chain%d-' % chain, dir=opts['work'])
    tools = Tools(opts, work)
    tag = '%d_%d' % (os.getpid(), chain)
    db, refdb = 'prop_%s' % tag, 'prop_%s_ref' % tag
    passed, failure = 0, None
    try:
        tools.fresh_db(db)
        tools.fresh_db(refdb)
        s0 = os.path.join(work, 'S0.schema')
        write(s0, texts[0][0])
        tools.schemac_run('compile S0', 'compile', s0, '-o', s0 + '.sql')
        cat = tools.catalog('load S0', db, s0 + '.sql')
        for n in range(first, last):
            j = n - chain * L
            d = os.path.join(work, 'pair%d' % n)
            os.makedirs(d)
            if only is not None and n != only:
                # Replaying towards the one pair asked for: up only.
                cat = replay_up(tools, db, d, texts[j][0], texts[j + 1][1])
                continue
            try:
                cat = check_pair(tools, db, refdb, d, texts[j][0],
                                 texts[j + 1][1], cat)
                passed += 1
            except CheckFailed as e:
                failure = save_failure(opts, n, e, d, log[j])
                break
            if not opts['keep']:
                shutil.rmtree(d)
    except CheckFailed as e:
        failure = save_failure(opts, first, e, work, '(chain set-up)')
    finally:
        if not (failure and opts['keep']):
            for name in (db, refdb):
                try:
                    tools.drop_db(name)
                except CheckFailed:
                    pass
        if not opts['keep']:
            shutil.rmtree(work, ignore_errors=True)
    return chain, passed, failure


def replay_up(tools, db, d, a, b):
    fa, fb = os.path.join(d, 'A.schema'), os.path.join(d, 'B.schema')
    write(fa, a)
    write(fb, b)
    up = os.path.join(d, 'up.sql')
    tools.schemac_run('replay: diff A B', 'diff', '--allow-destructive',
                      '--from', fa, '--to', fb, '-o', up)
    with open(up, encoding='utf-8') as f:
        write(up + '.tx', transactional(f.read()))
    return tools.catalog('replay: apply up', db, up + '.tx')


def save_failure(opts, n, err, d, mutations):
    dest = os.path.join(opts['failures'], 'seed%s-pair%d' % (opts['seed'], n))
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(d, dest)
    write(os.path.join(dest, 'output.txt'), '%s\n\n%s\n' % (err.check,
                                                            err.detail))
    return {'pair': n, 'check': err.check, 'detail': err.detail,
            'dir': dest, 'mutations': mutations}


# --------------------------------------------------------------------- main

def jobs_for(opts, pairs, only=None):
    L = opts['chain_length']
    if only is not None:
        c = only // L
        return [(opts, c, c * L, only + 1, only)]
    out = []
    for c in range((pairs + L - 1) // L):
        out.append((opts, c, c * L, min(pairs, (c + 1) * L), None))
    return out


def parse_args(argv):
    p = argparse.ArgumentParser(
        description=__doc__.split('\n\n')[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--seed', help='random seed (default 1; --nightly: random)')
    p.add_argument('--pairs', type=int, default=500,
                   help='number of pairs (default 500)')
    p.add_argument('--pair', type=int,
                   help='run only this pair (replaying its chain up to it)')
    p.add_argument('--chain-length', type=int, default=25,
                   help='pairs per chain, one database each (default 25)')
    p.add_argument('--jobs', type=int, default=2, help='worker processes')
    p.add_argument('--nightly', action='store_true',
                   help='a random seed and many pairs, for --budget seconds')
    p.add_argument('--budget', type=float, default=3600,
                   help='with --nightly: seconds to run (default 3600)')
    p.add_argument('--schemac', default=os.path.join(ROOT, 'build', 'bin',
                                                     'schemac'))
    p.add_argument('--conninfo', help='a server to use (conninfo without '
                   'dbname); default: a temporary one')
    p.add_argument('--psql', help='psql command for --conninfo')
    p.add_argument('--failures', default='roundtrip-failures',
                   help='where failing pairs are saved')
    p.add_argument('--keep', action='store_true',
                   help='keep every work file and a failed chain database')
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    seed = args.seed or (str(random.SystemRandom().randrange(10 ** 9))
                         if args.nightly else '1')
    pairs = 10 ** 7 if args.nightly else args.pairs
    deadline = time.monotonic() + args.budget if args.nightly else None
    schemac = os.path.abspath(args.schemac)

    server = None
    if args.conninfo:
        conninfo = args.conninfo
        psql = shlex.split(args.psql) if args.psql else ['psql']
    else:
        server = pgtemp.TempPostgres(os.path.join(os.path.dirname(schemac),
                                                  'schemac-tempserver'))
        try:
            server.start()
        except pgtemp.PostgresUnavailable as e:
            sys.exit('roundtrip_property: no PostgreSQL: %s' % e)
        conninfo, psql = server.conninfo, [server.psql]

    work = tempfile.mkdtemp(prefix='schemac-roundtrip-')
    opts = {'seed': seed, 'chain_length': args.chain_length,
            'schemac': schemac, 'psql': psql, 'conninfo': conninfo,
            'work': work, 'keep': args.keep,
            'failures': os.path.abspath(args.failures)}
    print('seed %s, %s, %d worker(s)' % (
        seed, 'pair %d' % args.pair if args.pair is not None else
        ('nightly, %d s' % args.budget if args.nightly
         else '%d pairs' % pairs), args.jobs), flush=True)
    start = time.monotonic()
    passed, failures = 0, []
    jobs = jobs_for(opts, pairs, args.pair)
    try:
        with multiprocessing.Pool(args.jobs) as pool:
            for chain, ok, failure in pool.imap_unordered(run_chain, jobs):
                passed += ok
                if failure:
                    failures.append(failure)
                    report(failure, seed, args)
                if deadline and time.monotonic() > deadline:
                    pool.terminate()
                    break
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        if server:
            server.stop()
    elapsed = time.monotonic() - start
    if failures:
        print('%d pairs passed, %d failed, seed %s (%.0f s)' % (
            passed, len(failures), seed, elapsed))
        return 1
    print('%d pairs passed, seed %s' % (passed, seed))
    print('(%.0f s)' % elapsed)
    return 0


def report(f, seed, args):
    here = os.path.relpath(__file__)
    cmd = 'python3 %s --seed %s --pair %d --schemac %s' % (
        os.path.abspath(__file__) if here.startswith('..') else here, seed,
        f['pair'], os.path.abspath(args.schemac))
    if args.chain_length != 25:
        cmd += ' --chain-length %d' % args.chain_length
    print('FAIL seed %s pair %d: %s\n  mutations: %s\n  saved in %s\n'
          '  reproduce: %s\n%s\n' % (
              seed, f['pair'], f['check'], f['mutations'], f['dir'], cmd,
              '\n'.join('  | ' + line for line in
                        f['detail'].splitlines()[:60])), flush=True)


if __name__ == '__main__':
    sys.exit(main())
