#!/usr/bin/env python3
"""Fails when a diagnostic of frontend/Diagnostics.def appears in no test.

A diagnostic counts as covered when the longest fixed part of its message
(the text between its {N} placeholders) occurs in a file under test/, where
tests expect messages (expected-error {{...}}, CHECK lines, unit tests).
"""
import os
import re
import sys


def fixed_part(fmt):
    parts = re.split(r"\{\d+\}", fmt)
    return max(parts, key=len).strip(" '")


def main(def_file, test_dir):
    diags = re.findall(r'^DIAG\((\w+),\s*\w+,\s*"[^"]*",\s*"((?:[^"\\]|\\.)*)"\)',
                       open(def_file, encoding="utf-8").read(), re.M)
    corpus = []
    for root, _, files in os.walk(test_dir):
        if "Output" in root.split(os.sep):
            continue
        for name in files:
            if name.endswith((".schema", ".test", ".cpp", ".sql")):
                with open(os.path.join(root, name), encoding="utf-8",
                          errors="replace") as f:
                    corpus.append(f.read())
    text = "\n".join(corpus)
    missing = [(name, fmt) for name, fmt in diags
               if fixed_part(fmt.replace('\\"', '"')) not in text]
    for name, fmt in missing:
        print("not covered by any test: %s: %s" % (name, fmt))
    print("%d of %d diagnostics covered" % (len(diags) - len(missing), len(diags)))
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
