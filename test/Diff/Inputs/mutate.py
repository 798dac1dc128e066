#!/usr/bin/env python3
"""Deterministic random mutations of a schema made by bench/gen_schema.py.

    mutate.py --seed S [--count N] IN.schema > OUT.schema

Applies N (default 4) mutations, picked with random.Random(S), each one a
change `schemac diff` can plan and PostgreSQL can apply to empty tables: add a
column, drop a column nothing else names, widen a type, add an index, drop an
index, add an enum label, set or drop not null, change a default, add a check,
rename a table or a column with @renamed_from. The first line of the output
lists what was done. Same input and seed, same output.
"""

import argparse
import random
import re
import sys


class Table:
    def __init__(self, name, start, end):
        self.name, self.start, self.end = name, start, end   # lines [start, end]


def parse(lines):
    """Tables (name, first line, closing line) and enum lines."""
    tables, enums = [], []
    for i, line in enumerate(lines):
        m = re.match(r'  table (\w+) \{$', line)
        if m:
            end = next(j for j in range(i + 1, len(lines)) if lines[j] == '  }')
            tables.append(Table(m.group(1), i, end))
        elif re.match(r'  enum \w+ \{.*\}$', line):
            enums.append(i)
    return tables, enums


def columns(lines, t):
    """(line index, column name) of the table's columns."""
    out = []
    for i in range(t.start + 1, t.end):
        m = re.match(r'    (\w+)\s+\S', lines[i])
        if m and m.group(1) not in ('index', 'unique', 'check', 'comment',
                                    'foreign', 'primary'):
            out.append((i, m.group(1)))
    return out


def body(lines, t):
    return '\n'.join(lines[t.start + 1:t.end])


def mentioned_once(lines, t, name):
    """Whether nothing in the file but the column's own line names it."""
    return len(re.findall(r'\b%s\b' % re.escape(name), body(lines, t))) == 1


def plain_columns(lines, t):
    """Columns that are no key, reference nothing and are named nowhere else."""
    return [(i, c) for i, c in columns(lines, t)
            if c != 'id' and 'references' not in lines[i]
            and 'primary key' not in lines[i] and mentioned_once(lines, t, c)]


def add_column(lines, tables, enums, rnd, n):
    t = rnd.choice(tables)
    col = 'added_%d' % n
    kind = rnd.choice(['text', 'integer not null default 7',
                       'timestamptz default now()', 'boolean not null default false'])
    lines.insert(columns(lines, t)[-1][0] + 1, '    %s %s;' % (col, kind))
    return 'add column %s.%s' % (t.name, col)


def drop_column(lines, tables, enums, rnd, n):
    cands = [(t, i, c) for t in tables for i, c in plain_columns(lines, t)]
    t, i, c = rnd.choice(cands)
    del lines[i]
    return 'drop column %s.%s' % (t.name, c)


def widen_type(lines, tables, enums, rnd, n):
    cands = []
    for t in tables:
        for i, c in plain_columns(lines, t):
            if re.search(r'\s(varchar\(\d+\)|integer)\b', lines[i]) and 'collate' not in lines[i]:
                cands.append((t, i, c))
    t, i, c = rnd.choice(cands)
    old = lines[i]
    lines[i] = re.sub(r'varchar\((\d+)\)', lambda m: 'varchar(%d)' % (2 * int(m.group(1))),
                      old, count=1)
    if lines[i] == old:
        lines[i] = re.sub(r'\binteger\b', 'bigint', old, count=1)
    return 'widen type of %s.%s' % (t.name, c)


def add_index(lines, tables, enums, rnd, n):
    cands = [(t, c) for t in tables for i, c in plain_columns(lines, t)
             if 'jsonb' not in lines[i]]
    t, c = rnd.choice(cands)
    lines.insert(t.end, '    index added_%d_idx (%s);' % (n, c))
    return 'add index on %s.%s' % (t.name, c)


def drop_index(lines, tables, enums, rnd, n):
    cands = [(t, i) for t in tables for i in range(t.start, t.end)
             if re.match(r'    index \(\w+\)', lines[i])]
    t, i = rnd.choice(cands)
    text = lines.pop(i).strip().rstrip(';')
    return 'drop %s of %s' % (text, t.name)


def add_enum_label(lines, tables, enums, rnd, n):
    i = rnd.choice(enums)
    m = re.match(r'(  enum \w+ \{ )(.*)( \})$', lines[i])
    labels = m.group(2).split(', ')
    pos = rnd.randrange(len(labels) + 1)
    labels.insert(pos, 'added_%d' % n)
    lines[i] = m.group(1) + ', '.join(labels) + m.group(3)
    return 'add enum label at %d: %s' % (pos, lines[i].split('{')[0].strip())


def toggle_not_null(lines, tables, enums, rnd, n):
    t = rnd.choice(tables)
    i, c = rnd.choice(plain_columns(lines, t))
    if ' not null' in lines[i]:
        lines[i] = lines[i].replace(' not null', '', 1)
        return 'drop not null on %s.%s' % (t.name, c)
    lines[i] = re.sub(r'^(    \w+\s+[\w(),\[\]]+)', r'\1 not null', lines[i])
    return 'set not null on %s.%s' % (t.name, c)


def change_default(lines, tables, enums, rnd, n):
    cands = [(t, i, c) for t in tables for i, c in columns(lines, t)
             if re.search(r'default (true|false|\d+)\b', lines[i])]
    t, i, c = rnd.choice(cands)
    def other(m):
        v = m.group(1)
        return 'default ' + ({'true': 'false', 'false': 'true'}[v]
                             if v in ('true', 'false') else str(int(v) + 1))
    lines[i] = re.sub(r'default (true|false|\d+)\b', other, lines[i], count=1)
    return 'change default of %s.%s' % (t.name, c)


def add_check(lines, tables, enums, rnd, n):
    t = rnd.choice(tables)
    lines.insert(t.end, '    check added_%d (id is not null);' % n)
    return 'add check to %s' % t.name


def rename_table(lines, tables, enums, rnd, n):
    # Not a table with a serial column: see serial-table-rename.test.
    cands = [t for t in tables if 'serial' not in body(lines, t)]
    t = rnd.choice(cands)
    new = t.name.replace('_', '_renamed_', 1)
    for i, line in enumerate(lines):
        lines[i] = re.sub(r'\b%s\b' % t.name, new, line)
    lines[t.start] = '  @renamed_from("%s")\n%s' % (t.name, lines[t.start])
    return 'rename table %s to %s' % (t.name, new)


def rename_column(lines, tables, enums, rnd, n):
    t = rnd.choice(tables)
    i, c = rnd.choice(plain_columns(lines, t))
    lines[i] = re.sub(r'^    %s\b' % c, '    @renamed_from("%s") %s_renamed' % (c, c), lines[i])
    return 'rename column %s.%s' % (t.name, c)


MUTATIONS = [add_column, drop_column, widen_type, add_index, drop_index,
             add_enum_label, toggle_not_null, change_default, add_check,
             rename_table, rename_column]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--seed', type=int, required=True)
    ap.add_argument('--count', type=int, default=4)
    ap.add_argument('input')
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    lines = open(args.input).read().split('\n')
    done = []
    for n, mutation in enumerate(rnd.sample(MUTATIONS, args.count)):
        tables, enums = parse(lines)
        if mutation is add_enum_label and not enums:
            mutation = add_column
        done.append(mutation(lines, tables, enums, rnd, n))
        lines = '\n'.join(lines).split('\n')   # renames insert a line
    sys.stdout.write('// mutate.py --seed %d: %s\n' % (args.seed, '; '.join(done)))
    sys.stdout.write('\n'.join(lines))


if __name__ == '__main__':
    main()
