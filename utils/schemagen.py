#!/usr/bin/env python3
"""Seeded random schemas in schemac's language, and random changes to them.

For the round-trip property test (utils/roundtrip_property.py): a chain of
schemas S0, S1, S2, ... where S0 is generated and each next one is its
predecessor with one to four random mutations. Every schema is meant to
compile with no error (warnings are fine); mutations may be destructive.

    python3 utils/schemagen.py --seed 1 --chain 0 --steps 5 -o DIR
        writes DIR/s0.schema ... DIR/s5.schema

    import schemagen
    for text in schemagen.chain(seed=1, chain=0, steps=5): ...

The output depends only on (seed, chain, step): the same arguments give the
same bytes, whatever else ran before (each chain has its own random.Random).

What is generated: schemas (public and s1..), extensions (citext, pgcrypto,
hstore), enums (plain, quoted and empty labels lists), tables, columns of
every type family (integers, numeric(p,s), real, text, varchar(n), char(n),
citext, boolean, date, time, timestamp, timestamptz(3), uuid, json, jsonb,
bytea, inet, hstore, arrays, enums and enum arrays), identity and serial
columns, defaults, stored generated columns, NOT NULL, collations, primary
keys (column and composite), unique constraints (NULLS NOT DISTINCT too),
checks (column and table level, named or not, over enum labels too),
foreign keys (column and table level, composite, cross-schema, ON
DELETE/UPDATE actions, DEFERRABLE [INITIALLY DEFERRED]), indexes (unique,
partial, expression, hash/gin/brin methods, opclasses, INCLUDE, DESC, NULLS
FIRST/LAST, WITH), table and column comments, a naming convention, and
quoted odd names (spaces, quotes, capitals, non-ASCII).

Mutations: add or drop each kind of object, rename tables, columns and enums
(@renamed_from), move tables and enums to another schema, type changes
(castable and not), nullability, defaults, identity, collation, comments,
enum labels added, removed and reordered, constraint and index changes and
renames, the naming convention switched on or off.

Left out on purpose (documented limits, docs/databases.md § Known limits and
docs/language.md): defaults and checks with timestamptz, interval or
non-empty jsonb literals (PostgreSQL re-renders them), `now()` written as
`current_timestamp` on one side only, `%(constraint_name)s` naming templates
(they need every constraint named), and domains, views, functions and the
other objects the language does not have.
"""

import argparse
import copy
import os
import random
import re
import sys

# --------------------------------------------------------------------- types

# key -> (spellings, canonical name, family). The canonical name is what
# schemac's IR holds (format_type()), so two columns with equal canonical
# names may be joined by a foreign key.
BUILTINS = {
    'smallint': (['smallint', 'int2'], 'smallint', 'int'),
    'integer': (['integer', 'int', 'int4'], 'integer', 'int'),
    'bigint': (['bigint', 'int8'], 'bigint', 'int'),
    'numeric': (['numeric', 'decimal'], 'numeric', 'num'),
    'numeric(10,2)': (['numeric(10, 2)', 'decimal(10,2)'], 'numeric(10,2)', 'num'),
    'numeric(12,4)': (['numeric(12, 4)'], 'numeric(12,4)', 'num'),
    'real': (['real', 'float4'], 'real', 'num'),
    'double': (['double precision', 'float8'], 'double precision', 'num'),
    'text': (['text'], 'text', 'text'),
    'varchar(20)': (['varchar(20)', 'character varying(20)'],
                    'character varying(20)', 'text'),
    'varchar(100)': (['varchar(100)'], 'character varying(100)', 'text'),
    'varchar': (['varchar'], 'character varying', 'text'),
    'char(4)': (['char(4)', 'character(4)'], 'character(4)', 'char'),
    'citext': (['citext'], 'citext', 'text'),
    'boolean': (['boolean', 'bool'], 'boolean', 'bool'),
    'date': (['date'], 'date', 'date'),
    'time': (['time'], 'time without time zone', 'time'),
    'timestamp': (['timestamp'], 'timestamp without time zone', 'ts'),
    'timestamptz': (['timestamptz', 'timestamp with time zone'],
                    'timestamp with time zone', 'ts'),
    'timestamptz(3)': (['timestamptz(3)', 'timestamp(3) with time zone'],
                       'timestamp(3) with time zone', 'ts'),
    'uuid': (['uuid'], 'uuid', 'uuid'),
    'json': (['json'], 'json', 'json'),
    'jsonb': (['jsonb'], 'jsonb', 'jsonb'),
    'bytea': (['bytea'], 'bytea', 'bytea'),
    'inet': (['inet'], 'inet', 'inet'),
    'hstore': (['hstore'], 'hstore', 'hstore'),
    'text[]': (['text[]'], 'text[]', 'textarr'),
    'integer[]': (['integer[]', 'int[]'], 'integer[]', 'intarr'),
}

# Types that need an extension declared.
TYPE_EXTENSION = {'citext': 'citext', 'hstore': 'hstore'}
EXTENSIONS = ['citext', 'hstore', 'pgcrypto']

# Defaults by family, written as SQL expressions. No timestamptz or interval
# literals: PostgreSQL re-renders them (a documented limit).
DEFAULTS = {
    'int': ['0', '1', '-1', '42'],
    'num': ['0', '1.5', '-2.25'],
    'text': ["''", "'x'", "'it''s'"],
    'char': ["'ab'"],
    'bool': ['true', 'false'],
    'date': ['current_date', "'2020-01-02'"],
    'ts': ['now()'],
    'uuid': ['gen_random_uuid()'],
    'jsonb': ["'{}'"],
    'textarr': ["'{}'"],
    'intarr': ["'{}'"],
    'inet': ["'127.0.0.1'"],
}

# Check expressions by family: (template, ...) with {0} the column.
CHECKS = {
    'int': ['{0} > 0', '{0} >= -100', '{0} <> 7', '{0} in (1, 2, 3)'],
    'num': ['{0} > 0', '{0} < 1000'],
    'text': ['length({0}) > 0', "{0} <> ''", "{0} like 'a%'",
             "{0} in ('a', 'b')"],
    'bool': ['{0} is not false'],
    'date': ["{0} > '2000-01-01'"],
    'textarr': ['cardinality({0}) <= 10'],
}
PAIR_CHECKS = {'int': ['{0} < {1}', '{0} is null or {0} <> {1}']}

# Index expressions by family.
INDEX_EXPRS = {'text': ['lower({0})', 'upper({0})'], 'int': ['({0} + 1)'],
               'jsonb': ["({0} ->> 'k')"]}
# Partial index predicates by family.
PREDICATES = {'int': ['{0} > 0'], 'bool': ['{0}', 'not {0}', '{0} = true']}
# Generated column expressions: family of source -> (template, result type).
GENERATED = {'int': [('{0} * 2', 'bigint'), ('{0} + 1', 'integer')],
             'num': [('{0} * 2', 'numeric')],
             'text': [('lower({0})', 'text'), ("{0} || 'x'", 'text')]}

# Families a btree (unique constraint, primary key, plain index) can take.
BTREE = {'int', 'num', 'text', 'char', 'bool', 'date', 'time', 'ts', 'uuid',
         'jsonb', 'bytea', 'inet', 'textarr', 'intarr', 'enum'}

# Type changes are drawn among these (castable ones mostly; the others are
# schemac's "impossible" changes, a drop and an add).
CHANGE_TARGETS = ['smallint', 'integer', 'bigint', 'numeric', 'numeric(10,2)',
                  'real', 'double', 'text', 'varchar(20)', 'varchar(100)',
                  'char(4)', 'boolean', 'date', 'timestamptz', 'timestamp',
                  'time', 'jsonb', 'json', 'uuid', 'text[]', 'integer[]']


class Type:
    """A column type: a builtin key, or an enum (by object), maybe an
    array of it."""

    def __init__(self, key=None, enum=None, array=False):
        self.key, self.enum, self.array = key, enum, array

    def family(self):
        if self.enum is not None:
            return 'enumarr' if self.array else 'enum'
        return BUILTINS[self.key][2]

    def canonical(self):
        if self.enum is not None:
            return self.enum.qualified() + ('[]' if self.array else '')
        return BUILTINS[self.key][1]


# --------------------------------------------------------------------- names

def quote_ident(name):
    if re.fullmatch(r'[a-z_][a-z0-9_]*', name):
        return name
    return '"%s"' % name.replace('"', '""')


def quote_text(text):
    return "'%s'" % text.replace("'", "''")


ODD_FORMS = ['Mixed%d', 'with space %d', 'quo"te%d', "it's %d", 'ü%d',
             'UPPER%d']


# --------------------------------------------------------------------- model

class Expr:
    """An SQL expression over columns: a template with {0}, {1}... for the
    columns (Column objects, so renames follow) and the enum labels it
    names (so removing one drops it)."""

    def __init__(self, template, cols, labels=()):
        self.template, self.cols, self.labels = template, list(cols), list(labels)

    def render(self):
        if not self.cols:           # a constant: '{}' is no placeholder
            return self.template
        return self.template.format(*[quote_ident(c.name) for c in self.cols])


class Column:
    def __init__(self, name, type_):
        self.name, self.type = name, type_
        self.spelling = None        # the builtin spelling used
        self.not_null = False
        self.default = None         # Expr or None
        self.identity = None        # 'always' | 'by default'
        self.serial = None          # 'serial' | 'bigserial' | 'smallserial'
        self.generated = None       # Expr
        self.collate = False
        self.comment = None
        self.orig = None            # name at the start of this mutation step


class Key:
    """A primary key or unique constraint."""

    def __init__(self, cols, name=None, column_level=False, nnd=False):
        self.cols, self.name = list(cols), name
        self.column_level, self.nnd = column_level, nnd


class Check:
    def __init__(self, expr, name=None, column_level=False):
        self.expr, self.name, self.column_level = expr, name, column_level


class ForeignKey:
    def __init__(self, cols, target, target_cols, name=None):
        self.cols, self.target, self.target_cols = list(cols), target, target_cols
        self.name = name
        self.column_level = False
        self.on_delete = self.on_update = None
        self.deferrable = None      # None | 'deferrable' | 'deferrable initially deferred'
        self.explicit_target_cols = True


class Index:
    def __init__(self, elems, name=None):
        self.elems = elems          # [(Column or Expr, opclass, desc, nulls)]
        self.name = name
        self.unique = False
        self.method = None
        self.include = []
        self.where = None
        self.with_ = None


class Enum:
    def __init__(self, schema, name, labels):
        self.schema, self.name, self.labels = schema, name, list(labels)
        self.orig = None

    def qualified(self):
        return '%s.%s' % (self.schema, self.name)


class Table:
    def __init__(self, schema, name):
        self.schema, self.name = schema, name
        self.columns = []
        self.pk = None
        self.uniques, self.checks, self.fks, self.indexes = [], [], [], []
        self.comment = None
        self.orig = None


class Model:
    def __init__(self):
        self.counter = 0
        self.schemas = ['public']
        self.extensions = set()
        self.enums, self.tables = [], []
        self.naming = None          # dict kind -> template

    def fresh(self, prefix):
        self.counter += 1
        return '%s%d' % (prefix, self.counter)


# --------------------------------------------------------------------- generator

class Gen:
    """Generation and mutation of a Model with one random.Random."""

    def __init__(self, rng):
        self.r = rng

    def chance(self, p):
        return self.r.random() < p

    def name(self, m, prefix, odd=0.08):
        base = m.fresh(prefix)
        if self.chance(odd):
            return self.r.choice(ODD_FORMS) % m.counter
        return base

    # ------------------------------------------------------------ objects

    def new_enum(self, m, schema=None):
        labels = []
        for _ in range(self.r.choice([0, 1, 2, 3, 3, 4])):
            labels.append(self.label(m))
        e = Enum(schema or self.r.choice(m.schemas), self.name(m, 'e'), labels)
        m.enums.append(e)
        return e

    def label(self, m):
        n = m.fresh('l')
        return self.r.choice([n, n, n, n + ' x', "it's " + n, n.upper()])

    def pick_type(self, m, t):
        r = self.r
        if m.enums and self.chance(0.12):
            return Type(enum=r.choice(m.enums), array=self.chance(0.2))
        keys = list(BUILTINS)
        key = r.choice(keys)
        if key in TYPE_EXTENSION:
            m.extensions.add(TYPE_EXTENSION[key])
        return Type(key)

    def new_column(self, m, t, plain=False):
        c = Column(self.name(m, 'c'), self.pick_type(m, t))
        if c.type.key:
            c.spelling = self.r.choice(BUILTINS[c.type.key][0])
        fam = c.type.family()
        if plain:
            return c
        roll = self.r.random()
        if fam == 'int' and not c.type.array and roll < 0.1:
            c.identity = self.r.choice(['always', 'by default'])
            c.not_null = self.chance(0.5)
        elif fam == 'int' and roll < 0.16:
            c.serial = {'smallint': 'smallserial', 'integer': 'serial',
                        'bigint': 'bigserial'}[c.type.key]
        else:
            c.not_null = self.chance(0.35)
            self.set_default(m, c)
        if fam in ('text',) and c.type.key != 'citext' and self.chance(0.15):
            c.collate = True
        if self.chance(0.1):
            c.comment = self.comment_text(m)
        return c

    def set_default(self, m, c):
        fam = c.type.family()
        if c.identity or c.serial or c.generated:
            return
        c.default = None
        if fam == 'enum' and c.type.enum.labels and self.chance(0.6):
            lab = self.r.choice(c.type.enum.labels)
            c.default = Expr(quote_text(lab), [], [(c.type.enum, lab)])
        elif fam in DEFAULTS and self.chance(0.5):
            c.default = Expr(self.r.choice(DEFAULTS[fam]), [])

    def comment_text(self, m):
        return self.r.choice(['note %d' % m.counter, "it's %d" % m.counter,
                              'two\nlines', 'back\\slash'])

    def new_table(self, m, schema=None):
        r = self.r
        t = Table(schema or r.choice(m.schemas), self.name(m, 't', 0.05))
        for _ in range(r.randint(1, 6)):
            t.columns.append(self.new_column(m, t))
        if self.chance(0.8):
            self.add_pk(m, t)
        for _ in range(r.choice([0, 0, 1, 2])):
            self.add_unique(m, t)
        for _ in range(r.choice([0, 0, 1, 2])):
            self.add_check(m, t)
        for _ in range(r.choice([0, 1, 1, 2])):
            self.add_index(m, t)
        if self.chance(0.15):
            self.add_generated(m, t)
        if self.chance(0.2):
            t.comment = self.comment_text(m)
        m.tables.append(t)
        return t

    def keyable(self, t):
        return [c for c in t.columns if c.type.family() in BTREE
                and not c.generated and not c.type.array]

    def add_pk(self, m, t):
        if t.pk:
            return
        cols = self.keyable(t)
        if not cols:
            c = Column(self.name(m, 'c'), Type('integer'))
            c.spelling = 'integer'
            t.columns.append(c)
            cols = [c]
        n = 1 if self.chance(0.7) else min(2, len(cols))
        chosen = self.r.sample(cols, n)
        for c in chosen:
            c.not_null = c.not_null or self.chance(0.5)
        t.pk = Key(chosen, name=self.maybe_name(m, 'pk'),
                   column_level=False)
        if n == 1 and t.pk.name is None and self.chance(0.6):
            t.pk.column_level = True

    def maybe_name(self, m, prefix):
        return m.fresh(prefix + '_') if self.chance(0.3) else None

    def add_unique(self, m, t):
        cols = self.keyable(t)
        if not cols:
            return
        n = min(len(cols), self.r.choice([1, 1, 2]))
        chosen = self.r.sample(cols, n)
        sig = [c.name for c in chosen]
        for k in t.uniques + ([t.pk] if t.pk else []):
            if sorted(c.name for c in k.cols) == sorted(sig):
                return          # one constraint per column set
        k = Key(chosen, self.maybe_name(m, 'uq'), nnd=self.chance(0.2))
        if n == 1 and k.name is None and self.chance(0.5):
            k.column_level = True
        t.uniques.append(k)

    def check_expr(self, t):
        r = self.r
        cands = [c for c in t.columns if not c.generated]
        enum_cols = [c for c in cands if c.type.family() == 'enum'
                     and c.type.enum.labels]
        if enum_cols and self.chance(0.3):
            c = r.choice(enum_cols)
            lab = r.choice(c.type.enum.labels)
            return Expr('{0} <> ' + quote_text(lab).replace('{', '{{')
                        .replace('}', '}}'), [c], [(c.type.enum, lab)])
        ints = [c for c in cands if c.type.family() == 'int']
        if len(ints) >= 2 and self.chance(0.3):
            a, b = r.sample(ints, 2)
            return Expr(r.choice(PAIR_CHECKS['int']), [a, b])
        opts = [c for c in cands if c.type.family() in CHECKS]
        if not opts:
            return None
        c = r.choice(opts)
        return Expr(r.choice(CHECKS[c.type.family()]), [c])

    def add_check(self, m, t):
        e = self.check_expr(t)
        if e is None:
            return
        ck = Check(e, self.maybe_name(m, 'ck'))
        ck.column_level = len(e.cols) == 1 and self.chance(0.5)
        t.checks.append(ck)

    def add_index(self, m, t):
        r = self.r
        cols = [c for c in t.columns if not c.generated]
        if not cols:
            return
        c = r.choice(cols)
        fam = c.type.family()
        ix = Index([], self.maybe_name(m, 'ix'))
        if fam == 'jsonb' and self.chance(0.6):
            ix.method = 'gin'
            ix.elems = [(c, r.choice([None, 'jsonb_path_ops']), False, None)]
        elif fam in ('textarr', 'intarr') and self.chance(0.6):
            ix.method = 'gin'
            ix.elems = [(c, None, False, None)]
        elif fam in INDEX_EXPRS and self.chance(0.3):
            ix.elems = [(Expr(r.choice(INDEX_EXPRS[fam]), [c]), None,
                         self.chance(0.2), None)]
        elif fam not in BTREE:
            return
        elif fam in ('int', 'ts', 'date') and self.chance(0.1):
            ix.method = 'brin'
            ix.elems = [(c, None, False, None)]
        elif fam in ('int', 'text', 'uuid') and self.chance(0.1):
            ix.method = 'hash'
            ix.elems = [(c, None, False, None)]
        else:
            more = [x for x in cols if x is not c
                    and x.type.family() in BTREE]
            elems = [c] + r.sample(more, min(r.choice([0, 0, 1]),
                                             len(cols) - 1, len(more)))
            ix.elems = []
            for e in elems:
                if e.type.family() not in BTREE:
                    continue
                opclass = ('text_pattern_ops' if e.type.key == 'text'
                           and self.chance(0.2) else None)
                ix.elems.append((e, opclass, self.chance(0.3),
                                 r.choice([None, None, 'first', 'last'])))
            ix.unique = self.chance(0.2)
            others = [x for x in cols if x not in elems
                      and x.type.family() in BTREE]
            if others and self.chance(0.15):
                ix.include = [r.choice(others)]
        if ix.method in (None, 'btree', 'hash') and self.chance(0.1):
            ix.with_ = 'fillfactor = %d' % r.choice([70, 90])
        preds = [x for x in cols if x.type.family() in PREDICATES]
        if self.chance(0.2):
            if preds and self.chance(0.5):
                p = r.choice(preds)
                ix.where = Expr(r.choice(PREDICATES[p.type.family()]), [p])
            else:
                ix.where = Expr('{0} is not null', [r.choice(cols)])
        t.indexes.append(ix)

    def add_generated(self, m, t):
        srcs = [c for c in t.columns if c.type.family() in GENERATED
                and not c.generated and not c.type.array
                and c.type.key != 'citext']
        if not srcs:
            return
        s = self.r.choice(srcs)
        tmpl, key = self.r.choice(GENERATED[s.type.family()])
        c = Column(self.name(m, 'g'), Type(key))
        c.spelling = key
        c.generated = Expr(tmpl, [s])
        t.columns.append(c)

    def add_fk(self, m, t):
        """A foreign key from t (new columns, or existing ones of the right
        types) to the primary key or a unique constraint of some table."""
        r = self.r
        targets = []
        for u in m.tables:
            for k in ([u.pk] if u.pk else []) + [k for k in u.uniques]:
                targets.append((u, k))
        if not targets:
            return
        u, k = r.choice(targets)
        cols = []
        for tc in k.cols:
            match = [c for c in t.columns if c.type.canonical()
                     == tc.type.canonical() and not c.generated
                     and c not in cols and not c.identity and not c.serial]
            if match and self.chance(0.4):
                cols.append(r.choice(match))
            else:
                c = Column(self.name(m, 'c'), copy.copy(tc.type))
                c.spelling = tc.spelling if tc.type.key else None
                if tc.serial:
                    c.type = Type({'serial': 'integer', 'bigserial': 'bigint',
                                   'smallserial': 'smallint'}[tc.serial])
                    c.spelling = c.type.key
                c.not_null = self.chance(0.4)
                t.columns.append(c)
                cols.append(c)
        fk = ForeignKey(cols, u, k.cols if (k is not u.pk or self.chance(0.5))
                        else None, self.maybe_name(m, 'fk'))
        fk.explicit_target_cols = fk.target_cols is not None
        if fk.target_cols is None:
            fk.target_cols = list(k.cols)
        fk.column_level = len(cols) == 1 and fk.name is None and self.chance(0.5)
        actions = ['cascade', 'restrict', 'no action', 'set default']
        if not any(c.not_null for c in cols):
            actions.append('set null')
        if self.chance(0.4):
            fk.on_delete = r.choice(actions)
        if self.chance(0.2):
            fk.on_update = r.choice(['cascade', 'restrict'])
        if self.chance(0.15):
            fk.deferrable = r.choice(['deferrable',
                                      'deferrable initially deferred'])
        t.fks.append(fk)

    def generate(self, m):
        r = self.r
        for _ in range(r.randint(0, 2)):
            m.schemas.append(self.name(m, 's', 0.1))
        for e in EXTENSIONS:
            if self.chance(0.2):
                m.extensions.add(e)
        for _ in range(r.randint(0, 3)):
            self.new_enum(m)
        for _ in range(r.randint(1, 5)):
            self.new_table(m)
        for _ in range(r.randint(0, 4)):
            self.add_fk(m, r.choice(m.tables))
        if self.chance(0.2):
            self.toggle_naming(m)
        repair(m)

    # ------------------------------------------------------------ mutations

    def toggle_naming(self, m):
        if m.naming:
            m.naming = None
            return 'naming off'
        kinds = {'pk': 'pk_%(table_name)s',
                 'fk': 'fk_%(table_name)s_%(column_0_N_name)s',
                 'uq': 'uq_%(table_name)s_%(column_0_N_name)s'}
        chosen = self.r.sample(sorted(kinds), self.r.randint(1, 3))
        m.naming = {k: kinds[k] for k in chosen}
        return 'naming on'

    def mutate(self, m):
        """One random mutation; returns what it did (for the log)."""
        muts = [
            (3, self.m_add_table), (2, self.m_drop_table),
            (2, self.m_rename_table), (1, self.m_move_table),
            (4, self.m_add_column), (3, self.m_drop_column),
            (3, self.m_rename_column), (4, self.m_change_type),
            (3, self.m_nullability), (3, self.m_default),
            (1, self.m_identity), (1, self.m_collate), (2, self.m_comment),
            (2, self.m_add_enum), (1, self.m_drop_enum),
            (1, self.m_rename_enum), (1, self.m_move_enum),
            (2, self.m_add_label), (2, self.m_remove_label),
            (1, self.m_reorder_labels),
            (2, self.m_pk), (2, self.m_unique), (2, self.m_check),
            (3, self.m_fk), (1, self.m_fk_actions), (3, self.m_index),
            (2, self.m_rename_constraint), (1, self.m_generated),
            (1, self.m_schema), (1, self.m_extension), (1, self.m_naming),
        ]
        fns = [f for w, f in muts for _ in range(w)]
        for _ in range(20):
            what = self.r.choice(fns)(m)
            if what:
                return what
        return 'nothing'

    def table(self, m):
        return self.r.choice(m.tables) if m.tables else None

    def m_add_table(self, m):
        t = self.new_table(m)
        if self.chance(0.5):
            self.add_fk(m, t)
        return 'add table %s' % t.name

    def m_drop_table(self, m):
        t = self.table(m)
        if not t or len(m.tables) < 2:
            return None
        m.tables.remove(t)
        return 'drop table %s' % t.name

    def m_rename_table(self, m):
        t = self.table(m)
        if not t:
            return None
        old, t.name = t.name, self.name(m, 't', 0.05)
        return 'rename table %s to %s' % (old, t.name)

    def m_move_table(self, m):
        t = self.table(m)
        others = [s for s in m.schemas if t and s != t.schema]
        if not others:
            return None
        t.schema = self.r.choice(others)
        if self.chance(0.3):
            t.name = self.name(m, 't', 0.05)
        return 'move table %s to %s' % (t.name, t.schema)

    def m_add_column(self, m):
        t = self.table(m)
        if not t:
            return None
        c = self.new_column(m, t)
        t.columns.insert(self.r.randint(0, len(t.columns)), c)
        return 'add column %s.%s' % (t.name, c.name)

    def column(self, m, pred=lambda c: True):
        cands = [(t, c) for t in m.tables for c in t.columns if pred(c)]
        return self.r.choice(cands) if cands else (None, None)

    def m_drop_column(self, m):
        t, c = self.column(m)
        if not t:
            return None
        t.columns.remove(c)
        return 'drop column %s.%s' % (t.name, c.name)

    def m_rename_column(self, m):
        t, c = self.column(m)
        if not t:
            return None
        old, c.name = c.name, self.name(m, 'c')
        return 'rename column %s.%s to %s' % (t.name, old, c.name)

    def m_change_type(self, m):
        t, c = self.column(m, lambda c: not c.serial and not c.generated)
        if not t:
            return None
        old = c.type.canonical()
        if c.identity:
            key = self.r.choice(['smallint', 'integer', 'bigint'])
            c.type, c.spelling = Type(key), key
        elif m.enums and self.chance(0.15):
            c.type = Type(enum=self.r.choice(m.enums), array=c.type.array
                          and self.chance(0.7))
            c.spelling = None
        else:
            key = self.r.choice(CHANGE_TARGETS)
            c.type, c.spelling = Type(key), self.r.choice(BUILTINS[key][0])
        if c.default is not None or self.chance(0.3):
            self.set_default(m, c)
        if c.collate and c.type.family() != 'text':
            c.collate = False
        follow_key_type(m, t, c)
        return 'type %s.%s %s -> %s' % (t.name, c.name, old,
                                        c.type.canonical())

    def m_nullability(self, m):
        t, c = self.column(m, lambda c: not c.serial)
        if not t:
            return None
        c.not_null = not c.not_null
        return 'nullability %s.%s' % (t.name, c.name)

    def m_default(self, m):
        t, c = self.column(m, lambda c: not (c.serial or c.identity
                                             or c.generated))
        if not t:
            return None
        self.set_default(m, c)
        return 'default %s.%s' % (t.name, c.name)

    def m_identity(self, m):
        t, c = self.column(m, lambda c: c.type.family() == 'int'
                           and not c.type.array and not c.serial
                           and not c.generated)
        if not t:
            return None
        if c.identity:
            c.identity = self.r.choice([None, 'always', 'by default'])
        else:
            c.identity = self.r.choice(['always', 'by default'])
            c.default = None
        return 'identity %s.%s %s' % (t.name, c.name, c.identity)

    def m_collate(self, m):
        t, c = self.column(m, lambda c: c.type.family() == 'text'
                           and c.type.key != 'citext' and not c.type.array)
        if not t:
            return None
        c.collate = not c.collate
        return 'collate %s.%s' % (t.name, c.name)

    def m_comment(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.columns and self.chance(0.5):
            c = self.r.choice(t.columns)
            c.comment = None if c.comment else self.comment_text(m)
            return 'comment %s.%s' % (t.name, c.name)
        t.comment = None if t.comment and self.chance(0.5) else \
            self.comment_text(m)
        return 'comment %s' % t.name

    def m_add_enum(self, m):
        e = self.new_enum(m)
        t, c = self.column(m, lambda c: not (c.serial or c.identity
                                             or c.generated))
        if t and self.chance(0.7):
            c.type, c.spelling = Type(enum=e), None
            self.set_default(m, c)
            c.collate = False
            follow_key_type(m, t, c)
        return 'add enum %s' % e.name

    def m_drop_enum(self, m):
        if not m.enums:
            return None
        e = self.r.choice(m.enums)
        m.enums.remove(e)
        return 'drop enum %s' % e.name

    def m_rename_enum(self, m):
        if not m.enums:
            return None
        e = self.r.choice(m.enums)
        old, e.name = e.name, self.name(m, 'e')
        return 'rename enum %s to %s' % (old, e.name)

    def m_move_enum(self, m):
        if not m.enums or len(m.schemas) < 2:
            return None
        e = self.r.choice(m.enums)
        e.schema = self.r.choice([s for s in m.schemas if s != e.schema])
        return 'move enum %s to %s' % (e.name, e.schema)

    def m_add_label(self, m):
        if not m.enums:
            return None
        e = self.r.choice(m.enums)
        for _ in range(self.r.randint(1, 2)):
            e.labels.insert(self.r.randint(0, len(e.labels)), self.label(m))
        return 'add label to %s' % e.name

    def m_remove_label(self, m):
        cands = [e for e in m.enums if e.labels]
        if not cands:
            return None
        e = self.r.choice(cands)
        e.labels.remove(self.r.choice(e.labels))
        return 'remove label from %s' % e.name

    def m_reorder_labels(self, m):
        cands = [e for e in m.enums if len(e.labels) >= 2]
        if not cands:
            return None
        e = self.r.choice(cands)
        before = list(e.labels)
        while e.labels == before:
            self.r.shuffle(e.labels)
        return 'reorder labels of %s' % e.name

    def m_pk(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.pk and self.chance(0.6):
            t.pk = None
            return 'drop primary key of %s' % t.name
        t.pk = None
        self.add_pk(m, t)
        return 'primary key of %s' % t.name

    def m_unique(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.uniques and self.chance(0.4):
            k = self.r.choice(t.uniques)
            if self.chance(0.5):
                t.uniques.remove(k)
            else:
                k.nnd = not k.nnd
            return 'unique of %s' % t.name
        self.add_unique(m, t)
        return 'add unique to %s' % t.name

    def m_check(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.checks and self.chance(0.4):
            t.checks.remove(self.r.choice(t.checks))
            return 'drop check of %s' % t.name
        self.add_check(m, t)
        return 'add check to %s' % t.name

    def m_fk(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.fks and self.chance(0.4):
            t.fks.remove(self.r.choice(t.fks))
            return 'drop foreign key of %s' % t.name
        self.add_fk(m, t)
        return 'add foreign key to %s' % t.name

    def m_fk_actions(self, m):
        fks = [fk for t in m.tables for fk in t.fks]
        if not fks:
            return None
        fk = self.r.choice(fks)
        fk.on_delete = self.r.choice([None, 'cascade', 'restrict'])
        fk.on_update = self.r.choice([None, 'cascade'])
        fk.deferrable = self.r.choice([None, 'deferrable',
                                       'deferrable initially deferred'])
        return 'foreign key actions'

    def m_index(self, m):
        t = self.table(m)
        if not t:
            return None
        if t.indexes and self.chance(0.5):
            ix = self.r.choice(t.indexes)
            if self.chance(0.5):
                t.indexes.remove(ix)
                return 'drop index of %s' % t.name
            ix.elems = [(e, o, not d, n) if ix.method is None else (e, o, d, n)
                        for e, o, d, n in ix.elems]
            return 'change index of %s' % t.name
        self.add_index(m, t)
        return 'add index to %s' % t.name

    def m_rename_constraint(self, m):
        t = self.table(m)
        if not t:
            return None
        items = ([t.pk] if t.pk else []) + t.uniques + t.checks + t.fks + \
            t.indexes
        if not items:
            return None
        it = self.r.choice(items)
        it.name = None if it.name and self.chance(0.4) else m.fresh('n_')
        if it.name:
            it.column_level = False
        return 'rename constraint of %s' % t.name

    def m_generated(self, m):
        t, c = self.column(m, lambda c: c.generated is not None)
        if t and self.chance(0.5):
            src = c.generated.cols[0]
            tmpl, _ = self.r.choice(GENERATED[src.type.family()])
            c.generated = Expr(tmpl, [src])
            return 'generated expression %s.%s' % (t.name, c.name)
        t = self.table(m)
        if not t:
            return None
        self.add_generated(m, t)
        return 'add generated column to %s' % t.name

    def m_schema(self, m):
        if len(m.schemas) > 1 and self.chance(0.4):
            s = self.r.choice(m.schemas[1:])
            m.schemas.remove(s)
            m.tables = [t for t in m.tables if t.schema != s]
            m.enums = [e for e in m.enums if e.schema != s]
            if not m.tables:
                self.new_table(m)
            return 'drop schema %s' % s
        s = self.name(m, 's', 0.1)
        m.schemas.append(s)
        if self.chance(0.5):
            self.new_table(m, s)
        return 'add schema %s' % s

    def m_extension(self, m):
        e = self.r.choice(EXTENSIONS)
        if e in m.extensions:
            m.extensions.discard(e)
        else:
            m.extensions.add(e)
        return 'extension %s' % e

    def m_naming(self, m):
        return self.toggle_naming(m)


def follow_key_type(m, t, c):
    """A key column's type changed: the foreign key columns that reference
    it follow (one level; repair() drops what still mismatches)."""
    for u in m.tables:
        for fk in u.fks:
            if fk.target is t and c in fk.target_cols:
                src = fk.cols[fk.target_cols.index(c)]
                if src.identity and c.type.family() != 'int' or src.serial \
                        or src.generated:
                    continue
                src.type, src.spelling = copy.copy(c.type), c.spelling
                src.default = None
                if src.collate and src.type.family() != 'text':
                    src.collate = False


# --------------------------------------------------------------------- repair

def repair(m):
    """Drops what a mutation left invalid, until nothing changes: objects
    naming dropped columns, tables, enums or labels, foreign keys whose
    target is no longer a key of the same types, types whose extension is
    gone, and so on. Keeps the schema compiling."""
    for _ in range(10):
        if not _repair_once(m):
            return


def _repair_once(m):
    changed = False
    enum_ids = {id(e) for e in m.enums}
    table_ids = {id(t) for t in m.tables}
    live_labels = {(id(e), lab) for e in m.enums for lab in e.labels}

    def expr_ok(expr, cols):
        return expr is None or (all(c in cols for c in expr.cols) and all(
            (id(e), lab) in live_labels for e, lab in expr.labels))

    for e in m.enums:
        if e.schema not in m.schemas:
            e.schema = 'public'
            changed = True
    for t in m.tables:
        if t.schema not in m.schemas:
            t.schema = 'public'
            changed = True
        for c in t.columns:
            if c.type.enum is not None and id(c.type.enum) not in enum_ids:
                c.type, c.spelling, c.default = Type('text'), 'text', None
                changed = True
            ext = TYPE_EXTENSION.get(c.type.key)
            if ext and ext not in m.extensions:
                c.type, c.spelling, c.default = Type('text'), 'text', None
                changed = True
            if c.default is not None and not expr_ok(c.default, []):
                c.default = None
                changed = True
            if c.collate and (c.type.family() != 'text'
                              or c.type.key == 'citext'):
                c.collate = False
                changed = True
        cols = t.columns
        # Generated columns: their source must exist with the family the
        # expression was made for.
        for c in list(cols):
            if c.generated is not None:
                src = c.generated.cols[0]
                ok = src in cols and not src.generated and any(
                    tmpl == c.generated.template
                    for tmpl, _ in GENERATED.get(src.type.family(), [])) \
                    and src.type.key != 'citext' and not src.type.array
                if not ok:
                    cols.remove(c)
                    changed = True
        if t.pk and (not all(c in cols for c in t.pk.cols) or not all(
                c.type.family() in BTREE and not c.type.array
                and not c.generated for c in t.pk.cols)):
            t.pk = None
            changed = True
        for k in list(t.uniques):
            if not all(c in cols and c.type.family() in BTREE
                       and not c.type.array for c in k.cols):
                t.uniques.remove(k)
                changed = True
        for ck in list(t.checks):
            if not expr_ok(ck.expr, cols) or not _families_ok(ck.expr):
                t.checks.remove(ck)
                changed = True
        for ix in list(t.indexes):
            if not _index_ok(ix, cols):
                t.indexes.remove(ix)
                changed = True
        if not _dedupe_keys(t):
            changed = True
    for t in m.tables:
        for fk in list(t.fks):
            u = fk.target
            keys = ([u.pk] if u.pk else []) + u.uniques
            ok = (id(u) in table_ids and all(c in t.columns for c in fk.cols)
                  and any(set(map(id, k.cols)) == set(map(id, fk.target_cols))
                          for k in keys)
                  and all(a.type.canonical() == b.type.canonical()
                          for a, b in zip(fk.cols, fk.target_cols))
                  and not any(c.generated for c in fk.cols))
            if ok and fk.on_delete == 'set null' and any(
                    c.not_null or c in (t.pk.cols if t.pk else [])
                    for c in fk.cols):
                fk.on_delete = None
                changed = True
            if ok and fk.on_delete == 'set default' and any(
                    c.not_null and c.default is None for c in fk.cols):
                fk.on_delete = None
                changed = True
            if not ok:
                t.fks.remove(fk)
                changed = True
            elif not fk.explicit_target_cols and (
                    not u.pk or list(map(id, u.pk.cols))
                    != list(map(id, fk.target_cols))):
                fk.explicit_target_cols = True
                changed = True
    if m.naming and not _naming_ok(m):
        m.naming = None
        changed = True
    return changed


def _families_ok(expr):
    """Whether a check still fits its columns' families."""
    t = expr.template
    fams = [c.type.family() for c in expr.cols]
    if len(fams) == 2:
        return t in PAIR_CHECKS['int'] and fams == ['int', 'int']
    if expr.labels:
        return fams[0] == 'enum' and expr.labels[0][0] is expr.cols[0].type.enum
    return t in CHECKS.get(fams[0], [])


def _index_ok(ix, cols):
    for e, opclass, _, _ in ix.elems:
        if isinstance(e, Expr):
            if not all(c in cols for c in e.cols):
                return False
            fam = e.cols[0].type.family()
            if e.template not in INDEX_EXPRS.get(fam, []) or \
                    e.cols[0].type.key == 'citext' or e.cols[0].type.array \
                    and fam != 'textarr':
                return False
        else:
            if e not in cols:
                return False
            fam = e.type.family()
            if ix.method == 'gin':
                if fam not in ('jsonb', 'textarr', 'intarr'):
                    return False
                if opclass and fam != 'jsonb':
                    return False
            elif ix.method == 'brin':
                if fam not in ('int', 'ts', 'date') or e.type.array:
                    return False
            elif ix.method == 'hash':
                if fam not in ('int', 'text', 'uuid') or e.type.array:
                    return False
            elif fam not in BTREE or opclass and e.type.key != 'text':
                return False
    if not ix.elems:
        return False
    if ix.include and not all(c in cols and c.type.family() in BTREE
                              for c in ix.include):
        return False
    if ix.where is not None:
        c = ix.where.cols[0]
        if c not in cols:
            return False
        if ix.where.template != '{0} is not null' and \
                ix.where.template not in PREDICATES.get(c.type.family(), []):
            return False
    return True


def _dedupe_keys(t):
    """One unique constraint per column set (as in add_unique), none equal
    to the primary key's. Returns False when it removed one."""
    seen = [frozenset(map(id, t.pk.cols))] if t.pk else []
    ok = True
    for k in list(t.uniques):
        s = frozenset(map(id, k.cols))
        if s in seen:
            t.uniques.remove(k)
            ok = False
        else:
            seen.append(s)
    return ok


def _naming_ok(m):
    """The templates never add numeric suffixes: two foreign keys of one
    table with the same columns would get one name (an error)."""
    if 'fk' in m.naming:
        for t in m.tables:
            sigs = [tuple(c.name for c in fk.cols) for fk in t.fks
                    if fk.name is None]
            if len(sigs) != len(set(sigs)):
                return False
    return True


# --------------------------------------------------------------------- render

_annotate = True


def render(m, annotate=True):
    """The schema's text; with annotate, the @renamed_from of this step's
    renames and moves."""
    global _annotate
    _annotate = annotate
    out = ['// Generated by utils/schemagen.py.']
    for e in sorted(m.extensions):
        out.append('extension %s;' % e)
    if m.naming:
        out.append('naming {')
        for k in sorted(m.naming):
            out.append('  %s = %s;' % (k, quote_text(m.naming[k])))
        out.append('}')
    for s in m.schemas:
        if s != 'public':
            out.append('schema %s { }' % quote_ident(s))
    for e in m.enums:
        out.extend(render_enum(e))
    for t in m.tables:
        out.extend(render_table(m, t))
    return '\n'.join(out) + '\n'


def _rename_note(obj, schema):
    """@renamed_from for an object renamed or moved in this step."""
    if obj.orig is None or not _annotate:
        return []
    oschema, oname = obj.orig
    if (oschema, oname) == (schema, obj.name):
        return []
    if oschema == schema:
        return ['@renamed_from(%s)' % quote_text(oname)]
    return ['@renamed_from(%s)' % quote_text('%s.%s' % (oschema, oname))]


def render_enum(e):
    note = ''.join(n + ' ' for n in _rename_note(e, e.schema))
    labels = ', '.join(quote_text(lab) for lab in e.labels)
    decl = '%senum %s { %s }' % (note, quote_ident(e.name), labels)
    if e.schema != 'public':
        decl = 'schema %s { %s }' % (quote_ident(e.schema), decl)
    return [decl]


def type_ref(t, ty, spelling):
    if ty.enum is not None:
        e = ty.enum
        name = (quote_ident(e.name) if e.schema == t.schema else
                '%s.%s' % (quote_ident(e.schema), quote_ident(e.name)))
        return name + ('[]' if ty.array else '')
    return spelling or BUILTINS[ty.key][0][0]


def table_ref(t, u):
    if u.schema == t.schema:
        return quote_ident(u.name)
    return '%s.%s' % (quote_ident(u.schema), quote_ident(u.name))


def cols_list(cols):
    return '(%s)' % ', '.join(quote_ident(c.name) for c in cols)


def fk_tail(t, fk):
    s = 'references %s' % table_ref(t, fk.target)
    if fk.explicit_target_cols:
        s += ' ' + cols_list(fk.target_cols)
    if fk.on_delete:
        s += ' on delete ' + fk.on_delete
    if fk.on_update:
        s += ' on update ' + fk.on_update
    if fk.deferrable:
        s += ' ' + fk.deferrable
    return s


def render_table(m, t):
    qname = quote_ident(t.name)
    if t.schema != 'public':
        qname = '%s.%s' % (quote_ident(t.schema), qname)
    lines = _rename_note(t, t.schema)
    lines.append('table %s {' % qname)
    for c in t.columns:
        if _annotate and c.orig is not None and c.orig != c.name:
            lines.append('  @renamed_from(%s)' % quote_text(c.orig))
        parts = [quote_ident(c.name),
                 c.serial if c.serial else type_ref(t, c.type, c.spelling)]
        if c.not_null and not c.serial:
            parts.append('not null')
        if c.identity:
            parts.append('generated %s as identity' % c.identity)
        if c.generated is not None:
            parts.append('generated always as (%s) stored'
                         % c.generated.render())
        if c.default is not None:
            parts.append('default ' + c.default.render())
        if c.collate:
            parts.append('collate "C"')
        if t.pk and t.pk.column_level and t.pk.cols[0] is c:
            parts.append('primary key')
        for k in t.uniques:
            if k.column_level and k.cols[0] is c:
                parts.append('unique' + (' nulls not distinct' if k.nnd
                                         else ''))
        for ck in t.checks:
            if ck.column_level and ck.expr.cols[0] is c:
                parts.append('check %s(%s)' % (
                    quote_ident(ck.name) + ' ' if ck.name else '',
                    ck.expr.render()))
        for fk in t.fks:
            if fk.column_level and fk.cols[0] is c:
                parts.append(fk_tail(t, fk))
        if c.comment is not None:
            parts.append('comment ' + quote_text(c.comment))
        lines.append('  %s;' % ' '.join(parts))

    def named(kw, name):
        return kw + (' ' + quote_ident(name) if name else '')

    if t.pk and not t.pk.column_level:
        lines.append('  %s %s;' % (named('primary key', t.pk.name),
                                   cols_list(t.pk.cols)))
    for k in t.uniques:
        if not k.column_level:
            lines.append('  %s %s%s;' % (
                named('unique', k.name) if k.name else 'unique',
                cols_list(k.cols), ' nulls not distinct' if k.nnd else ''))
    for ck in t.checks:
        if not ck.column_level:
            lines.append('  %s (%s);' % (named('check', ck.name),
                                         ck.expr.render()))
    for fk in t.fks:
        if not fk.column_level:
            lines.append('  %s %s %s;' % (named('foreign key', fk.name),
                                          cols_list(fk.cols), fk_tail(t, fk)))
    for ix in t.indexes:
        lines.append('  ' + render_index(ix) + ';')
    if t.comment is not None:
        lines.append('  comment %s;' % quote_text(t.comment))
    lines.append('}')
    return lines


def render_index(ix):
    elems = []
    for e, opclass, desc, nulls in ix.elems:
        s = '(%s)' % e.render() if isinstance(e, Expr) else quote_ident(e.name)
        if opclass:
            s += ' ' + opclass
        if desc:
            s += ' desc'
        if nulls:
            s += ' nulls ' + nulls
        elems.append(s)
    s = ('unique index' if ix.unique else 'index')
    if ix.name:
        s += ' ' + quote_ident(ix.name)
    s += ' (%s)' % ', '.join(elems)
    if ix.method:
        s += ' using ' + ix.method
    if ix.include:
        s += ' include ' + cols_list(ix.include)
    if ix.with_:
        s += ' with (%s)' % ix.with_
    if ix.where is not None:
        s += ' where (%s)' % ix.where.render()
    return s


# --------------------------------------------------------------------- chains

def _start_step(m):
    """Forgets the renames of the previous step: every object's current
    name becomes the name @renamed_from refers to."""
    for e in m.enums:
        e.orig = (e.schema, e.name)
    for t in m.tables:
        t.orig = (t.schema, t.name)
        for c in t.columns:
            c.orig = c.name


def chain(seed, chain_index, steps, log=None):
    """Yields S0..S<steps> of one chain, each as a pair (plain, annotated):
    the text without @renamed_from, and the text with the @renamed_from of
    the renames that made it from its predecessor. The round trip diffs
    plain S(j) to annotated S(j+1), as a migration directory's snapshot
    (which keeps no @renamed_from) to the next schema. `log`, a list, gets
    one line per step saying which mutations made it."""
    rng = random.Random('%s/%s' % (seed, chain_index))
    g = Gen(rng)
    m = Model()
    g.generate(m)
    text = render(m)
    yield text, text
    for _ in range(steps):
        m = copy.deepcopy(m)
        _start_step(m)
        done = []
        for _ in range(rng.choice([1, 1, 2, 2, 3, 4])):
            done.append(g.mutate(m))
            repair(m)
        if log is not None:
            log.append('; '.join(done))
        yield render(m, annotate=False), render(m)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--seed', default='1')
    p.add_argument('--chain', type=int, default=0)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('-o', '--output', required=True, help='output directory')
    args = p.parse_args(argv)
    os.makedirs(args.output, exist_ok=True)
    log = []
    for i, (_, text) in enumerate(chain(args.seed, args.chain, args.steps,
                                        log)):
        with open(os.path.join(args.output, 's%d.schema' % i), 'w',
                  encoding='utf-8') as f:
            if i:
                f.write('// mutations: %s\n' % log[i - 1])
            f.write(text)


if __name__ == '__main__':
    sys.exit(main())
