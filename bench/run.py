#!/usr/bin/env python3
"""Time `schemac compile` on generated schemas of growing size.

    python3 bench/run.py [--schemac build/bin/schemac] [--sizes 1000,10000,20000]
                         [--repeat 3] [--seed 1] [--schemas 4] [--json OUT]
                         [--no-pg]

For each size N, bench/gen_schema.py writes a schema of N tables (cached under
build/bench/, regenerated when the generator changes), and the compiler runs
`schemac compile FILE -o /dev/null` --repeat times. Reported per size: the
best wall time (the least disturbed run; the first run also pays for a cold
page cache), the peak RSS of the compiler process (from os.wait4, so it is the
child's own figure and not a maximum over every child this script ever had),
and seconds per 1000 tables. The last line compares the two largest sizes:
a compiler that scales linearly takes about twice as long for twice the tables.

Reference (speed figures are reported as ratios against a reference measured
in the same run): the script starts a temporary PostgreSQL server of its own
(schemac's embedded server, through utils/pgtemp.py and schemac-tempserver,
the one beside --schemac or else build/bin's: initdb into a temporary
directory, unix socket only, fsync off), and for each size loads the SQL that
schemac produced for that schema with `psql -X -q -v ON_ERROR_STOP=1 -f FILE`,
--repeat times, each time into a freshly created database. Reported: the best load time ("pg load s") and
schemac's best time divided by it ("schemac/pg"). The server is stopped and
its directory removed when the script ends, however it ends. When the server
cannot be started (no server binaries, no schemac-tempserver...) the
reference is skipped with a note; --no-pg skips it on purpose.

Only the Python standard library is used.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(ROOT, "utils"))
sys.dont_write_bytecode = True   # no __pycache__ in the source tree

import gen_schema  # noqa: E402  (after the path is set)
import pgtemp      # noqa: E402  (utils/pgtemp.py: the temporary server)


def schema_file(cache_dir, tables, seed, schemas):
    """Path of the generated schema for these parameters, generating it if the
    cached copy is missing or older than the generator."""
    path = os.path.join(cache_dir, "tables-%d-seed%d-schemas%d.schema"
                        % (tables, seed, schemas))
    generator = os.path.abspath(gen_schema.__file__)
    if (os.path.exists(path)
            and os.path.getmtime(path) >= os.path.getmtime(generator)):
        return path
    print("generating %d tables -> %s" % (tables, path), file=sys.stderr)
    gen_schema.main(["--tables", str(tables), "--seed", str(seed),
                     "--schemas", str(schemas), "-o", path + ".tmp"])
    os.replace(path + ".tmp", path)    # never leave a half-written cache entry
    return path


def file_stats(path):
    with open(path, "rb") as f:
        data = f.read()
    return len(data), data.count(b"\n")


def first_lines(err, cmd, returncode):
    """The error for a failed child whose stderr went to the file `err`."""
    err.seek(0)
    lines = err.read().decode("utf-8", "replace").splitlines()
    detail = "\n".join(lines[:20])
    if len(lines) > 20:
        detail += "\n... (%d more lines)" % (len(lines) - 20)
    return RuntimeError("%s exited with %d:\n%s"
                        % (" ".join(cmd), returncode, detail))


def measure(cmd, ok_codes=(0,)):
    """One run of cmd. Returns (wall seconds, peak RSS in bytes, user s,
    sys s); raises when it exits with a code not in ok_codes.

    The child's stderr goes to a temporary file rather than a pipe: a
    compiler that prints many diagnostics would block on a full pipe that
    nobody reads while we wait for it."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=err)
        # os.wait4 gives the resource usage of exactly this child.
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped
        if proc.returncode not in ok_codes:
            raise first_lines(err, cmd, proc.returncode)
    # ru_maxrss is in kilobytes on Linux (bytes on macOS).
    scale = 1 if platform.system() == "Darwin" else 1024
    return wall, usage.ru_maxrss * scale, usage.ru_utime, usage.ru_stime


def run_once(schemac, path, out=os.devnull):
    """One compile: measure()'s figures."""
    return measure([schemac, "compile", path, "-o", out])


def bench_size(schemac, path, tables, repeat):
    size, lines = file_stats(path)
    runs = [run_once(schemac, path) for _ in range(repeat)]
    best = min(r[0] for r in runs)
    return {
        "tables": tables,
        "file": path,
        "bytes": size,
        "lines": lines,
        "best_seconds": best,
        # The peak RSS of one compile barely varies between runs; report the
        # largest so that a spike is not hidden.
        "peak_rss_bytes": max(r[1] for r in runs),
        "seconds_per_1000_tables": best / tables * 1000,
        "runs": [{"seconds": w, "peak_rss_bytes": rss,
                  "user_seconds": u, "system_seconds": s}
                 for w, rss, u, s in runs],
    }


# --- Reference: PostgreSQL creating the same schema -------------------------

def load_once(server, sql_path, dbname):
    """Create `dbname`, time `psql -f sql_path` into it, drop it again.
    Only the load is timed."""
    server.create_database(dbname, template="template0")
    cmd = server.psql_cmd(dbname) + ["-f", sql_path]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=server.dir, env=pgtemp.pg_env(),
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=err)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            raise first_lines(err, cmd, proc.returncode)
    server.drop_database(dbname)
    return wall


def bench_pg_load(server, schemac, path, tables, repeat):
    """Compile `path` once more (untimed) to a file, and time loading that SQL
    into a fresh database `repeat` times. The file goes in the server's
    directory, which is removed with the server however the script ends."""
    sql_path = os.path.join(server.dir, "tables-%d.sql" % tables)
    run_once(schemac, path, sql_path)
    runs = [load_once(server, sql_path, "load_%d_%d" % (tables, i))
            for i in range(repeat)]
    size = os.path.getsize(sql_path)
    os.remove(sql_path)
    return {"sql_bytes": size, "pg_load_best_seconds": min(runs),
            "pg_load_runs": [{"seconds": w} for w in runs]}


def print_table(results, with_pg):
    header = ("tables", "size MB", "lines", "best s", "peak RSS MB", "s/1000 tables")
    rows = [(str(r["tables"]), "%.2f" % (r["bytes"] / 1e6), str(r["lines"]),
             "%.3f" % r["best_seconds"], "%.1f" % (r["peak_rss_bytes"] / 2**20),
             "%.4f" % r["seconds_per_1000_tables"]) for r in results]
    if with_pg:
        header += ("pg load s", "schemac/pg")
        rows = [row + ("%.3f" % r["pg_load_best_seconds"],
                       "%.3f" % r["schemac_over_pg"])
                for row, r in zip(rows, results)]
    widths = [max(len(h), *(len(row[i]) for row in rows))
              for i, h in enumerate(header)]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths)))


def scaling(results):
    """Time ratio of the two largest sizes, beside their size ratio."""
    if len(results) < 2:
        return None
    small, large = sorted(results, key=lambda r: r["tables"])[-2:]
    return {
        "small": small["tables"],
        "large": large["tables"],
        "time_ratio": large["best_seconds"] / small["best_seconds"],
        "size_ratio": large["tables"] / small["tables"],
    }


def parse_sizes(text):
    try:
        sizes = [int(s) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError("expected numbers separated by commas")
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive")
    return sizes


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--schemac", default=os.path.join(ROOT, "build", "bin", "schemac"),
                   help="the compiler to time (default: build/bin/schemac)")
    p.add_argument("--sizes", type=parse_sizes, default=[1000, 10000, 20000],
                   help="table counts, comma-separated (default 1000,10000,20000)")
    p.add_argument("--repeat", type=int, default=3,
                   help="runs per size; the best wall time counts (default 3)")
    p.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    p.add_argument("--schemas", type=int, default=4,
                   help="schemas the tables are spread over (default 4)")
    p.add_argument("--cache-dir", default=os.path.join(ROOT, "build", "bench"),
                   help="where generated schemas are kept (default build/bench)")
    p.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    p.add_argument("--no-pg", action="store_true",
                   help="skip the reference (loading the SQL into PostgreSQL)")
    args = p.parse_args(argv)
    if args.repeat < 1:
        p.error("--repeat must be at least 1")

    schemac = os.path.abspath(args.schemac)
    if not os.access(schemac, os.X_OK):
        p.error("no executable compiler at %s (build it first, or pass --schemac)"
                % schemac)
    os.makedirs(args.cache_dir, exist_ok=True)

    server = None
    try:
        server, skipped = start_reference(args)
        if skipped:
            print("note: no PostgreSQL reference: %s" % skipped, file=sys.stderr)
        return run(args, schemac, server, skipped)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    finally:
        if server:
            server.stop()


def start_reference(args):
    """(the PostgreSQL server for the reference, None), or (None, why not)."""
    if args.no_pg:
        return None, "skipped with --no-pg"
    server = pgtemp.TempPostgres(tempserver_tool(args.schemac))
    print("starting a temporary PostgreSQL server", file=sys.stderr)
    try:
        server.start()   # removes what it made when it fails
    except pgtemp.PostgresUnavailable as e:
        return None, "the server could not be started: %s" % e
    return server, None


def tempserver_tool(schemac):
    """schemac-tempserver, the embedded server: the one built beside the
    compiler, else this checkout's (it is not installed with schemac)."""
    beside = os.path.join(os.path.dirname(os.path.abspath(schemac)),
                          "schemac-tempserver")
    if os.access(beside, os.X_OK):
        return beside
    return os.path.join(ROOT, "build", "bin", "schemac-tempserver")


def run(args, schemac, server, skipped):
    results = []
    for tables in sorted(set(args.sizes)):
        path = schema_file(args.cache_dir, tables, args.seed, args.schemas)
        print("compiling %d tables (%d runs)" % (tables, args.repeat), file=sys.stderr)
        try:
            result = bench_size(schemac, path, tables, args.repeat)
        except RuntimeError as e:
            print("error: %s" % e, file=sys.stderr)
            return 1
        if server:
            print("loading the SQL of %d tables into PostgreSQL (%d runs)"
                  % (tables, args.repeat), file=sys.stderr)
            try:
                result.update(bench_pg_load(server, schemac, path, tables,
                                            args.repeat))
            except (RuntimeError, pgtemp.PostgresUnavailable) as e:
                print("error: loading the SQL into PostgreSQL: %s" % e,
                      file=sys.stderr)
                return 1
            result["schemac_over_pg"] = (result["best_seconds"]
                                         / result["pg_load_best_seconds"])
        else:
            result.update({"sql_bytes": None, "pg_load_best_seconds": None,
                           "pg_load_runs": None, "schemac_over_pg": None})
        results.append(result)

    print_table(results, server is not None)
    ratio = scaling(results)
    if ratio:
        print("time(%d)/time(%d) = %.2f  (linear scaling: %.2f)"
              % (ratio["large"], ratio["small"], ratio["time_ratio"], ratio["size_ratio"]))
    if server:
        print("reference: PostgreSQL %s creating the same schema "
              "(psql -f of schemac's output into a fresh database)" % server.version)
    else:
        print("reference: none (%s)" % skipped)

    if args.json:
        if server:
            reference = {"what": "psql -X -q -v ON_ERROR_STOP=1 -f OUT.sql "
                                 "into a freshly created database",
                         "postgres_version": server.version,
                         "bindir": server.bin_dir, "psql": server.psql,
                         "skipped": None}
        else:
            reference = {"skipped": skipped}
        report = {
            "schemac": schemac,
            "seed": args.seed,
            "schemas": args.schemas,
            "repeat": args.repeat,
            "host": {"machine": platform.machine(), "system": platform.system(),
                     "python": platform.python_version(), "cpus": os.cpu_count()},
            "reference": reference,
            "results": results,
            "scaling": ratio,
        }
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
            f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
