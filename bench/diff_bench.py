#!/usr/bin/env python3
"""Times `schemac diff` between two large schemas that differ in 1% of
their tables, against compiling both sides measured in the same run.

The second schema is the first with every 100th table changed: a column
added. What diff costs beyond compiling both sides is the planner's own
time; its memory is compared with compiling one side.

    python3 bench/diff_bench.py [--tables 10000] [--repeat 3] [--schemac PATH]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import run  # noqa: E402  (bench/run.py: measure())

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(cmd):
    """(wall seconds, peak RSS bytes) of one run of cmd; diff --exit-code
    says 1 for "changes"."""
    try:
        return run.measure(cmd, ok_codes=(0, 1))[:2]
    except RuntimeError as e:
        sys.exit(str(e))


def mutate(text, every=100):
    """Adds a column to every `every`-th table."""
    out, count = [], 0
    for line in text.splitlines(keepends=True):
        out.append(line)
        if re.match(r"\s*table \w+ \{\s*$", line):
            count += 1
            if count % every == 0:
                out.append("    bench_added_%d text;\n" % count)
    return "".join(out), count // every


def best(cmd, repeat):
    runs = [measure(cmd) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--schemac", default=os.path.join(ROOT, "build", "bin",
                                                       "schemac"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        a = os.path.join(tmp, "a.schema")
        b = os.path.join(tmp, "b.schema")
        subprocess.run([sys.executable, os.path.join(ROOT, "bench",
                                                      "gen_schema.py"),
                        "--tables", str(args.tables), "--seed",
                        str(args.seed), "-o", a], check=True)
        with open(a) as f:
            text = f.read()
        changed, n = mutate(text)
        with open(b, "w") as f:
            f.write(changed)

        compile_a, rss_a = best([args.schemac, "compile", a, "-o", os.devnull],
                                args.repeat)
        compile_b, rss_b = best([args.schemac, "compile", b, "-o", os.devnull],
                                args.repeat)
        diff, rss_diff = best([args.schemac, "diff", "--from", a, "--to", b,
                               "-o", os.devnull], args.repeat)

    both = compile_a + compile_b
    print("tables: %d, changed: %d (every 100th gains a column)"
          % (args.tables, n))
    print("compile A %.3f s, compile B %.3f s (reference: both %.3f s)"
          % (compile_a, compile_b, both))
    print("diff A B  %.3f s  = both compiles + %.3f s (%.2fx both)"
          % (diff, diff - both, diff / both))
    print("peak RSS: diff %.0f MB, compile one side %.0f MB (%.2fx)"
          % (rss_diff / 2**20, max(rss_a, rss_b) / 2**20,
             rss_diff / max(rss_a, rss_b)))


if __name__ == "__main__":
    main()
