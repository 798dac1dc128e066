#!/usr/bin/env python3
"""Times `schemac inspect` on a database of generated tables, against
`pg_dump --schema-only` of the same database measured in the same run.

The benchmark generator's schema (bench/gen_schema.py, N tables) is
compiled and loaded into a temporary PostgreSQL server (schemac's embedded
server, through utils/pgtemp.py and schemac-tempserver, as in run.py);
then each tool reads the whole database --repeat times, output discarded.
Reported: best wall time and peak RSS of each, and schemac/pg_dump. schemac
reads the catalog with a fixed number of queries, then prints and compiles
the source it read; both are in the time.

    python3 bench/inspect_bench.py [--tables 5000] [--repeat 3] [--schemac PATH]
"""

import argparse
import os
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import run  # noqa: E402  (bench/run.py: schema_file())
import pgtemp  # noqa: E402  (on the path run.py sets: the temporary server)
from diff_bench import best  # noqa: E402  (best wall time, largest RSS)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--schemas", type=int, default=4)
    ap.add_argument("--schemac", default=os.path.join(ROOT, "build", "bin",
                                                       "schemac"))
    ap.add_argument("--cache-dir", default=os.path.join(ROOT, "build", "bench"))
    args = ap.parse_args()

    schema = run.schema_file(args.cache_dir, args.tables, args.seed,
                             args.schemas)
    server = pgtemp.TempPostgres(run.tempserver_tool(args.schemac))
    try:
        server.start()
    except pgtemp.PostgresUnavailable as e:
        sys.exit("the PostgreSQL server could not be started: %s" % e)
    version = server.version
    # The server's binaries: pg_dump of the same version.
    pg_dump = os.path.join(server.bin_dir, "pg_dump")
    try:
        with tempfile.TemporaryDirectory() as tmp:
            sql = os.path.join(tmp, "schema.sql")
            run.measure([args.schemac, "compile", schema, "-o", sql])
            print("loading %d tables" % args.tables, file=sys.stderr)
            server.create_database("bench", template="template0")
            server.load("bench", sql)
            conninfo = server.conninfo + " dbname=bench"
            print("inspecting (%d runs each)" % args.repeat, file=sys.stderr)
            dump = best([pg_dump, "--schema-only", "-f", os.devnull,
                         "-d", conninfo], args.repeat)
            ours = best([args.schemac, "inspect", conninfo, "-o", os.devnull],
                        args.repeat)
    finally:
        server.stop()
    print("tables  schemac inspect  peak RSS   pg_dump --schema-only  peak RSS   ratio")
    print("%6d  %13.3f s  %5.0f MB  %19.3f s  %5.0f MB  %5.2f"
          % (args.tables, ours[0], ours[1] / 2**20, dump[0], dump[1] / 2**20,
             ours[0] / dump[0]))
    print("reference: pg_dump %s of the same database, same run"
          % version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
