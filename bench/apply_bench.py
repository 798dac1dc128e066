#!/usr/bin/env python3
"""Times `schemac migrate apply` of a migration directory into a fresh
database, against psql running the same statements, measured in the same run.

    python3 bench/apply_bench.py [--sizes 1000,5000] [--repeat 3]
                                 [--migrations K|auto] [--schemac PATH]
                                 [--json OUT]

For each size N, the benchmark generator's schema (bench/gen_schema.py, N
tables, cached under build/bench/ as for run.py) becomes a migration
directory: `schemac migrate new initial --dir D SCHEMA`, one migration
creating everything; with --migrations K, K migrations, each adding the next
group of the schema's blocks (`schema s0 { ... }`...). By default (auto),
one migration, or the fewest that create at most 2000 tables each: a
migration is one transaction, and one creating some 2900 tables overflows
PostgreSQL's lock table (see AUTO_TABLES_PER_MIGRATION). Writing the
directory is not timed. One temporary PostgreSQL server (schemac's embedded
server, through utils/pgtemp.py and schemac-tempserver, as in run.py) serves
every run. --repeat times, in turn:

- apply: `schemac migrate apply --dir D --db "CONNINFO dbname=X"` into a
  freshly created database: wall time, and the schemac process's peak RSS
  and CPU time (os.wait4, through run.measure);
- check: `schemac migrate status` on that database must say `0 pending`
  (timed, for information), or the script stops with its output;
- reference: the same statements as a script, written once by
  `schemac migrate apply --dir D --sql S` (not timed), run by
  `psql -X -q -v ON_ERROR_STOP=1 -f S` into another fresh database (wall
  time, as run.py's reference: run.load_once).

`schemac migrate verify --dir D` (offline) is timed too, for information.
Reported per size: the best wall time of each, apply/psql (the applier's
overhead over psql running the same script), and the applier's largest peak
RSS. Only the Python standard library is used.
"""

import argparse
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import run  # noqa: E402  (bench/run.py: schema_file(), measure(), load_once())
import pgtemp  # noqa: E402  (on the path run.py sets: the temporary server)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# --- The migration directory -------------------------------------------------

def block_ends(text):
    """Offsets just past each top-level `schema sN { ... }` block of a
    generated schema (gen_schema.py writes one per schema, in order; every
    reference points into the same block or an earlier one, so any leading
    run of blocks is a schema of its own)."""
    return [m.end() for m in re.finditer(r"^schema \w+ \{\n.*?^\}\n", text,
                                         re.M | re.S)]


# A migration runs in one transaction, which holds a lock on every table,
# index, sequence... it creates until it commits. PostgreSQL's lock table has
# room for about max_locks_per_transaction x max_connections (64 x 100 by
# default) of them: one transaction creating some 2 900 of the generator's
# tables runs out of it ("out of shared memory"), whoever sends the
# statements. --migrations auto keeps each migration to at most this many.
AUTO_TABLES_PER_MIGRATION = 2000


def auto_count(tables, blocks):
    """The fewest migrations, each a run of whole blocks, none with more
    than AUTO_TABLES_PER_MIGRATION tables (blocks hold tables/blocks each);
    every block on its own when even that is too many."""
    for count in range(1, blocks + 1):
        if math.ceil(blocks / count) * tables / blocks \
                <= AUTO_TABLES_PER_MIGRATION:
            return count
    return blocks


def write_migrations(schemac, schema, directory, tables, count, tmp):
    """Writes the migration directory: one migration `initial` for the whole
    schema, or `count` migrations (None: auto_count's), the i-th adding the
    next group of the schema's blocks. Returns the seconds `migrate new`
    took, all told."""
    with open(schema, encoding="utf-8") as f:
        text = f.read()
    ends = block_ends(text)
    if count is None:
        count = auto_count(tables, len(ends))
    if count == 1:
        return run.measure([schemac, "migrate", "new", "initial", "--dir",
                            directory, schema])[0]
    if count > len(ends):
        raise RuntimeError("--migrations %d: the schema has only %d blocks "
                           "(--schemas)" % (count, len(ends)))
    seconds = 0.0
    for i in range(1, count + 1):
        part = os.path.join(tmp, "part_%d.schema" % i)
        with open(part, "w", encoding="utf-8") as f:
            f.write(text[:ends[math.ceil(i * len(ends) / count) - 1]])
        seconds += run.measure([schemac, "migrate", "new", "part_%d" % i,
                                "--dir", directory, part])[0]
    return seconds


def up_files(directory):
    return sorted(os.path.join(directory, name)
                  for name in os.listdir(directory)
                  if name.endswith(".up.sql"))


def count_statements(directory):
    """(statements, bytes) of the up files. migrate new writes one statement
    per step, ending with the `;` that ends its last line; comment lines
    (the header, `-- schemac:no-transaction`) are not statements."""
    statements = size = 0
    for path in up_files(directory):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        size += len(text.encode("utf-8"))
        statements += sum(1 for line in text.splitlines()
                          if line.rstrip().endswith(";")
                          and not line.lstrip().startswith("--"))
    return statements, size


# --- Runs --------------------------------------------------------------------

def status_check(schemac, directory, conninfo, migrations):
    """Times `schemac migrate status` on an applied database and checks that
    it reports every migration applied and `0 pending`; raises otherwise."""
    cmd = [schemac, "migrate", "status", "--dir", directory, "--db", conninfo]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    out = proc.stdout.decode("utf-8", "replace")
    last = out.strip().splitlines()[-1] if out.strip() else ""
    if (proc.returncode != 0 or not re.search(r"\b0 pending\b", last)
            or not re.search(r"\b%d applied\b" % migrations, last)):
        raise RuntimeError("after apply, %s exited with %d and did not report "
                           "%d applied, 0 pending:\n%s"
                           % (" ".join(cmd), proc.returncode, migrations,
                              "\n".join(out.splitlines()[-20:])))
    return wall


def bench_size(args, schemac, server, tables, tmp):
    schema = run.schema_file(args.cache_dir, tables, args.seed, args.schemas)
    directory = os.path.join(tmp, "migrations-%d" % tables)
    print("writing the migration directory of %d tables" % tables,
          file=sys.stderr)
    new_seconds = write_migrations(schemac, schema, directory, tables,
                                   args.migrations, tmp)
    statements, up_bytes = count_statements(directory)
    script = os.path.join(tmp, "apply-%d.sql" % tables)
    run.measure([schemac, "migrate", "apply", "--dir", directory,
                 "--sql", script])

    applies, statuses, loads = [], [], []
    for i in range(args.repeat):
        print("%d tables, run %d of %d: apply, status, psql"
              % (tables, i + 1, args.repeat), file=sys.stderr)
        dbname = "apply_%d_%d" % (tables, i)
        server.create_database(dbname, template="template0")
        conninfo = server.conninfo + " dbname=" + dbname
        applies.append(run.measure([schemac, "migrate", "apply", "--dir",
                                    directory, "--db", conninfo]))
        statuses.append(status_check(schemac, directory, conninfo,
                                     len(up_files(directory))))
        server.drop_database(dbname)
        loads.append(run.load_once(server, script, "psql_%d_%d" % (tables, i)))
    verifies = [run.measure([schemac, "migrate", "verify", "--dir",
                             directory])[:2] for _ in range(args.repeat)]

    apply_best = min(r[0] for r in applies)
    psql_best = min(loads)
    return {
        "tables": tables,
        "schema": schema,
        "migrations": len(up_files(directory)),
        "statements": statements,
        "up_bytes": up_bytes,
        "script_bytes": os.path.getsize(script),
        "new_seconds": new_seconds,
        "apply_best_seconds": apply_best,
        # As run.py: the largest over the runs, so that a spike shows.
        "apply_peak_rss_bytes": max(r[1] for r in applies),
        "apply_runs": [{"seconds": w, "peak_rss_bytes": rss,
                        "user_seconds": u, "system_seconds": s}
                       for w, rss, u, s in applies],
        "psql_best_seconds": psql_best,
        "psql_runs": [{"seconds": w} for w in loads],
        "apply_over_psql": apply_best / psql_best,
        "status_best_seconds": min(statuses),
        "status_runs": [{"seconds": w} for w in statuses],
        "verify_best_seconds": min(w for w, _ in verifies),
        "verify_peak_rss_bytes": max(rss for _, rss in verifies),
        "verify_runs": [{"seconds": w, "peak_rss_bytes": rss}
                        for w, rss in verifies],
    }


def print_table(results):
    header = ("tables", "migrations", "statements", "apply s", "cpu s",
              "psql s", "apply/psql", "peak MB", "status s", "verify s")
    rows = []
    for r in results:
        fastest = min(r["apply_runs"], key=lambda x: x["seconds"])
        rows.append((str(r["tables"]), str(r["migrations"]),
                     str(r["statements"]), "%.3f" % r["apply_best_seconds"],
                     "%.3f" % (fastest["user_seconds"]
                               + fastest["system_seconds"]),
                     "%.3f" % r["psql_best_seconds"],
                     "%.2f" % r["apply_over_psql"],
                     "%.1f" % (r["apply_peak_rss_bytes"] / 2**20),
                     "%.3f" % r["status_best_seconds"],
                     "%.3f" % r["verify_best_seconds"]))
    widths = [max(len(h), *(len(row[i]) for row in rows))
              for i, h in enumerate(header)]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))


def parse_migrations(text):
    if text == "auto":
        return None
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected a number or auto")


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--schemac", default=os.path.join(ROOT, "build", "bin",
                                                      "schemac"),
                   help="the schemac to time (default: build/bin/schemac)")
    p.add_argument("--sizes", type=run.parse_sizes, default=[1000, 5000],
                   help="table counts, comma-separated (default 1000,5000)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per size; the best wall time counts (default 3)")
    p.add_argument("--migrations", type=parse_migrations, default=None,
                   metavar="K|auto",
                   help="migrations the schema is split into, at most "
                        "--schemas; auto (the default): one, or the fewest "
                        "with at most %d tables each"
                        % AUTO_TABLES_PER_MIGRATION)
    p.add_argument("--seed", type=int, default=1,
                   help="generator seed (default 1)")
    p.add_argument("--schemas", type=int, default=4,
                   help="schemas the tables are spread over (default 4)")
    p.add_argument("--cache-dir", default=os.path.join(ROOT, "build", "bench"),
                   help="where generated schemas are kept "
                        "(default build/bench)")
    p.add_argument("--json", metavar="OUT",
                   help="also write the results as JSON")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if (args.migrations is not None
            and not 1 <= args.migrations <= args.schemas):
        p.error("--migrations must be between 1 and --schemas (%d)"
                % args.schemas)
    schemac = os.path.abspath(args.schemac)
    if not os.access(schemac, os.X_OK):
        p.error("no executable schemac at %s (build it first, or pass "
                "--schemac)" % schemac)
    os.makedirs(args.cache_dir, exist_ok=True)
    # schemac, like the server's tools, must not pick up a developer's PGHOST,
    # PGOPTIONS...: every child gets the environment without PG* variables.
    env = pgtemp.pg_env()
    os.environ.clear()
    os.environ.update(env)

    server = pgtemp.TempPostgres(run.tempserver_tool(schemac))
    print("starting a temporary PostgreSQL server", file=sys.stderr)
    try:
        server.start()
    except pgtemp.PostgresUnavailable as e:
        sys.exit("the PostgreSQL server could not be started: %s" % e)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = [bench_size(args, schemac, server, tables, tmp)
                       for tables in sorted(set(args.sizes))]
        version, bin_dir = server.version, server.bin_dir
    except (RuntimeError, pgtemp.PostgresUnavailable) as e:
        print("error: %s" % e, file=sys.stderr)
        if "out of shared memory" in str(e):
            # See AUTO_TABLES_PER_MIGRATION.
            print("note: a migration runs in one transaction, and this one "
                  "creates more objects than PostgreSQL's lock table holds "
                  "(max_locks_per_transaction); split it with --migrations "
                  "K, or use smaller --sizes", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        server.stop()

    print_table(results)
    print("reference: psql -f of the script `schemac migrate apply --sql` "
          "writes, PostgreSQL %s, same run" % version)
    if args.json:
        report = {
            "schemac": schemac,
            "seed": args.seed,
            "schemas": args.schemas,
            "repeat": args.repeat,
            "host": {"machine": platform.machine(),
                     "system": platform.system(),
                     "python": platform.python_version(),
                     "cpus": os.cpu_count()},
            "reference": {"what": "psql -X -q -v ON_ERROR_STOP=1 -f S into a "
                                  "freshly created database, S written by "
                                  "schemac migrate apply --dir D --sql S",
                          "postgres_version": version,
                          "bindir": bin_dir, "psql": server.psql},
            "results": results,
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
