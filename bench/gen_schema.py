#!/usr/bin/env python3
"""Generate a large, realistic schema in schemac's language, for benchmarks.

    python3 bench/gen_schema.py --tables 20000 [--seed 1] [--schemas 4] [-o OUT.schema]

The output is meant to cost the compiler what a real schema of that size
costs, not to be a stress test of odd corners: every table has a primary key,
5-15 columns of the common types, a few foreign keys, defaults, unique and
check constraints, indexes and comments, in the proportions of application
schemas. It is also meant to compile cleanly, so that a benchmark times the
compiler and not the printing of thousands of diagnostics:

- every name is a valid unquoted identifier and unique where PostgreSQL needs it;
- a foreign key column has exactly the type of the referenced primary key;
- every foreign key column leads some index or unique constraint
  (no fk-missing-index), and no two indexes or unique constraints of a table
  start with the same column, so none is a prefix of another (no redundant-index);
- every enum is used, and no two enums have the same labels (no unused-enum,
  no near-duplicate-enum);
- an unnamed check refers to one column, and each column has at most one, so
  PostgreSQL's default names (t_col_check) never collide;
- references only point backwards in the file: to earlier tables of the same
  schema or to tables of a schema whose block comes earlier. A resolver that
  works in one pass or over the whole file sees the same schema.

The output depends only on the arguments: the same seed gives the same bytes.
"""

import argparse
import random
import sys
from dataclasses import dataclass, field
from typing import List, Optional

# ---------------------------------------------------------------- vocabulary

# Table names are NOUN_NNNNN; the number keeps them unique and the noun keeps
# them readable. Nouns are short so that PostgreSQL's derived names
# (table_fkcolumn_othercolumn_idx) stay under 63 bytes.
NOUNS = [
    "account", "address", "article", "asset", "booking", "campaign", "cart",
    "category", "channel", "comment", "contact", "contract", "coupon",
    "customer", "delivery", "device", "discount", "document", "employee",
    "event", "feature", "invoice", "item", "job", "ledger", "lead", "license",
    "location", "message", "note", "offer", "order", "package", "payment",
    "period", "permit", "plan", "policy", "product", "project", "quote",
    "receipt", "refund", "region", "report", "request", "review", "route",
    "schedule", "segment", "session", "shipment", "site", "sku", "supplier",
    "survey", "task", "team", "ticket", "tier", "token", "transfer", "trip",
    "vendor", "visit", "voucher", "warehouse", "webhook", "widget",
]

# Labels of enums. None is an expression keyword (true, null, end, ...), so
# they could all be written bare; some are written quoted anyway, and the
# ones with '-' or ' ' must be.
ENUM_LABELS = [
    "draft", "pending", "active", "paused", "suspended", "archived", "closed",
    "open", "approved", "rejected", "cancelled", "expired", "failed",
    "completed", "queued", "running", "scheduled", "shipped", "delivered",
    "returned", "low", "medium", "high", "critical", "bronze", "silver",
    "gold", "platinum", "internal", "external", "on-hold", "in review",
    "partially-paid", "written off",
]

# Column names of an enum column; kept out of COLUMN_POOL so they never clash.
ENUM_COLUMN_NAMES = ["status", "kind", "state", "level", "stage"]

# (name, kind) of the ordinary columns a table draws from. The kind decides
# the type and which defaults, checks and indexes make sense.
COLUMN_POOL = [
    ("name", "text"), ("description", "text"), ("notes", "text"),
    ("summary", "text"), ("source", "text"),
    ("title", "varchar"), ("email", "varchar"), ("code", "code"),
    ("slug", "code"), ("phone", "varchar"), ("locale", "varchar"),
    ("country_code", "code"),
    ("quantity", "count"), ("attempts", "count"), ("priority", "int"),
    ("sort_order", "int"), ("version", "count"),
    ("view_count", "bigcount"), ("size_bytes", "bigcount"),
    ("sequence_no", "bigint"),
    ("external_ref", "uuid"), ("correlation_id", "uuid"),
    ("is_active", "bool"), ("is_archived", "bool"), ("is_public", "bool"),
    ("is_verified", "bool"),
    ("updated_at", "ts"), ("deleted_at", "ts"), ("published_at", "ts"),
    ("expires_at", "ts"), ("started_at", "ts"), ("ended_at", "ts"),
    ("amount", "money"), ("price", "money"), ("weight", "measure"),
    ("rate", "ratio"), ("score", "measure"),
    ("metadata", "json"), ("settings", "json"), ("attributes", "json"),
    ("payload", "json"),
    ("due_date", "date"), ("valid_from", "date"), ("valid_until", "date"),
    ("birth_date", "date"),
]

VARCHAR_LENGTHS = {"title": 200, "email": 320, "phone": 32, "locale": 16}
CODE_LENGTHS = {"code": 32, "slug": 64, "country_code": 2}

# Column comments; one has a quote, which is doubled in the output.
COLUMN_COMMENTS = [
    "Set by the application, never by triggers",
    "The client's own value; not validated",
    "Kept for reporting only",
]

# Pairs (earlier, later) that get a named check when a table has both.
ORDERED_PAIRS = [("started_at", "ended_at"), ("valid_from", "valid_until")]

# Kinds a plain btree index suits.
SCALAR_KINDS = ("ts", "date", "int", "bigint", "count", "bigcount", "code",
                "varchar", "uuid", "money", "measure", "enum")

# Columns a short human-readable description would name; used for INCLUDE and
# expression indexes.
LABEL_COLUMNS = ["name", "title", "email", "code", "slug"]


# ---------------------------------------------------------------- model

@dataclass
class Enum:
    schema: int
    name: str
    labels: List[str]          # as written: bare, or with their quotes
    values: List[str]          # the label values themselves


@dataclass
class Column:
    name: str
    type: str
    clauses: List[str] = field(default_factory=list)
    kind: str = ""             # COLUMN_POOL kind, "pk", "fk" or "enum"
    nullable: bool = True


@dataclass
class Table:
    index: int                 # position in generation order
    schema: int
    name: str
    pk_type: str = ""          # the type a foreign key to this table must have
    columns: List[Column] = field(default_factory=list)
    items: List[str] = field(default_factory=list)   # table items, rendered
    comment: Optional[str] = None
    # Leading columns of the primary key, unique constraints and indexes:
    # kept distinct so that nothing is a prefix of something else.
    leads: List[str] = field(default_factory=list)

    def column(self, name):
        for c in self.columns:
            if c.name == name:
                return c
        return None


def schema_name(k):
    return "s%d" % k


def ref_name(from_schema, table_or_enum):
    """How a table or enum is written from inside schema from_schema."""
    if table_or_enum.schema == from_schema:
        return table_or_enum.name
    return "%s.%s" % (schema_name(table_or_enum.schema), table_or_enum.name)


def sql_string(text):
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------- generator

class Generator:
    def __init__(self, tables, seed, schemas):
        self.n = tables
        self.rng = random.Random(seed)
        self.k = schemas
        self.width = max(5, len(str(tables - 1)))
        self.tables: List[Table] = []
        self.enums: List[Enum] = []
        self.by_schema: List[List[Table]] = [[] for _ in range(schemas)]
        self.enums_by_schema: List[List[Enum]] = [[] for _ in range(schemas)]
        self.label_sets = set()

    # -------------------------------------------------------------- enums

    def new_enum(self, schema):
        rng = self.rng
        j = len(self.enums)
        suffix = rng.choice(ENUM_COLUMN_NAMES)
        name = "%s_%s_%04d" % (rng.choice(NOUNS), suffix, j)
        # Distinct label sets: two enums with the same labels draw the
        # near-duplicate-enum warning.
        while True:
            values = rng.sample(ENUM_LABELS, rng.randint(3, 6))
            key = tuple(sorted(values))
            if key not in self.label_sets:
                self.label_sets.add(key)
                break
        labels = []
        for v in values:
            if not v.replace("_", "").isalpha():
                labels.append(rng.choice([sql_string(v), '"%s"' % v]))
            elif rng.random() < 0.15:
                labels.append('"%s"' % v)
            else:
                labels.append(v)
        e = Enum(schema, name, labels, values)
        self.enums.append(e)
        self.enums_by_schema[schema].append(e)
        return e

    def visible_enums(self, schema):
        """Enums a table in this schema may use without a forward reference."""
        out = []
        for s in range(schema + 1):
            out.extend(self.enums_by_schema[s])
        return out

    # -------------------------------------------------------------- columns

    def primary_key(self, t):
        rng = self.rng
        r = rng.random()
        if r < 0.35:
            t.pk_type = "bigint"
            clauses = ["primary key", "generated always as identity"]
        elif r < 0.50:
            t.pk_type = "integer"
            clauses = ["primary key", "generated by default as identity"]
        elif r < 0.80:
            t.pk_type = "uuid"
            clauses = ["primary key", "default gen_random_uuid()"]
        elif r < 0.95:
            t.pk_type = "bigint"
            return Column("id", "bigserial", ["primary key"], "pk", False)
        else:
            t.pk_type = "integer"
            return Column("id", "serial", ["primary key"], "pk", False)
        return Column("id", t.pk_type, clauses, "pk", False)

    def pool_column(self, name, kind):
        """A column of COLUMN_POOL with the clauses its kind usually has."""
        rng = self.rng
        c = Column(name, "", [], kind)
        if kind == "text":
            c.type = "text"
            if name == "name" or rng.random() < 0.3:
                c.clauses.append("not null")
                if rng.random() < 0.3:
                    c.clauses.append("check (length(%s) > 0)" % name)
        elif kind == "varchar":
            c.type = "varchar(%d)" % VARCHAR_LENGTHS[name]
            if rng.random() < 0.5:
                c.clauses.append("not null")
        elif kind == "code":
            c.type = "varchar(%d)" % CODE_LENGTHS[name]
            c.clauses.append("not null")
            if rng.random() < 0.5:
                c.clauses.append('collate "C"')
            if name == "country_code":
                c.clauses.append("check (%s = upper(%s))" % (name, name))
        elif kind in ("count", "bigcount"):
            c.type = "integer" if kind == "count" else "bigint"
            c.clauses += ["not null", "default 0"]
            if rng.random() < 0.4:
                c.clauses.append("check (%s >= 0)" % name)
        elif kind in ("int", "bigint"):
            c.type = "integer" if kind == "int" else "bigint"
            if rng.random() < 0.5:
                c.clauses += ["not null", "default %d" % rng.choice([0, 1, 100])]
        elif kind == "uuid":
            c.type = "uuid"
            if rng.random() < 0.5:
                c.clauses += ["not null", "default gen_random_uuid()"]
        elif kind == "bool":
            c.type = "boolean"
            c.clauses += ["not null", "default %s" % rng.choice(["false", "true"])]
        elif kind == "ts":
            c.type = "timestamptz"
        elif kind == "money":
            c.type = "numeric(12,2)"
            c.clauses.append("not null")
            if rng.random() < 0.5:
                c.clauses.append("default 0")
            if rng.random() < 0.5:
                c.clauses.append("check (%s >= 0)" % name)
        elif kind == "measure":
            c.type = "numeric(10,3)"
        elif kind == "ratio":
            c.type = "numeric(5,4)"
            c.clauses.append("check (%s >= 0 and %s <= 1)" % (name, name))
        elif kind == "json":
            c.type = "jsonb"
            if rng.random() < 0.7:
                c.clauses += ["not null", "default '{}'"]
        elif kind == "date":
            c.type = "date"
        else:
            raise AssertionError(kind)
        c.nullable = "not null" not in c.clauses
        if rng.random() < 0.05:
            c.clauses.append("comment %s" % sql_string(rng.choice(COLUMN_COMMENTS)))
        return c

    def enum_column(self, t, e):
        name = e.name.split("_")[-2]          # noun_SUFFIX_nnnn
        if t.column(name) is not None:
            name += "_2"
        return Column(name, ref_name(t.schema, e),
                      ["not null", "default %s" % sql_string(e.values[0])],
                      "enum", False)

    # -------------------------------------------------------------- foreign keys

    def pick_targets(self, t):
        """0-3 distinct earlier tables, mostly of the same schema."""
        rng = self.rng
        count = rng.choices([0, 1, 2, 3], weights=[25, 40, 25, 10])[0]
        targets = []
        for _ in range(count * 3):             # a few tries for distinct ones
            if len(targets) == count:
                break
            if self.by_schema[t.schema] and rng.random() < 0.7:
                pool = self.by_schema[t.schema]
            else:
                # Only schemas whose block comes no later than this one.
                s = rng.randint(0, t.schema)
                pool = self.by_schema[s]
            if not pool:
                continue
            # Half the references go to one of the last 50 tables of the
            # pool, the rest anywhere: real schemas cluster.
            if rng.random() < 0.5:
                target = pool[rng.randrange(max(0, len(pool) - 50), len(pool))]
            else:
                target = rng.choice(pool)
            if target not in targets:
                targets.append(target)
        return targets

    def foreign_key(self, t, target):
        """Adds the column for a reference to target; returns its name."""
        rng = self.rng
        name = target.name + "_id"
        not_null = rng.random() < 0.6
        clauses = ["not null"] if not_null else []
        actions = (["on delete cascade", "on delete restrict", ""] if not_null
                   else ["on delete set null", ""])
        action = rng.choice(actions)
        if rng.random() < 0.1:
            action = (action + " on update cascade").strip()
        if rng.random() < 0.05:
            action = (action + " deferrable initially deferred").strip()
        target_ref = ref_name(t.schema, target)
        if rng.random() < 0.2:
            # Table-level form; the column itself is plain.
            item = "foreign key (%s) references %s (id)" % (name, target_ref)
            t.items.append((item + " " + action).strip())
        else:
            ref = "references " + target_ref
            if rng.random() < 0.5:
                ref += " (id)"                 # same as leaving it out
            clauses.append((ref + " " + action).strip())
        t.columns.append(Column(name, target.pk_type, clauses, "fk", not not_null))
        return name

    # -------------------------------------------------------------- table items

    def unique_constraints(self, t, fk_cols):
        """Some unique constraints; returns FK columns they cover."""
        rng = self.rng
        covered = []
        candidates = [c for c in t.columns
                      if c.kind in ("code", "varchar", "uuid", "text")
                      and c.name not in ("description", "notes", "summary")]
        if not candidates or rng.random() > 0.35:
            return covered
        c = rng.choice(candidates)
        if fk_cols and rng.random() < 0.4:
            # The typical "name unique within its parent".
            lead = fk_cols[0]
            t.items.append("unique (%s, %s)" % (lead, c.name))
            t.leads.append(lead)
            covered.append(lead)
        elif rng.random() < 0.5:
            c.clauses.append("unique")
            t.leads.append(c.name)
        else:
            t.items.append("unique (%s)" % c.name)
            t.leads.append(c.name)
        return covered

    def checks(self, t):
        rng = self.rng
        # Named checks over two columns.
        for a, b in ORDERED_PAIRS:
            if t.column(a) and t.column(b) and rng.random() < 0.8:
                t.items.append("check %s_after_%s (%s is null or %s >= %s)"
                               % (b, a, b, b, a))
        # An unnamed table-level check on a column that has none yet.
        if rng.random() < 0.15:
            for c in t.columns:
                if c.kind == "json" and not any(x.startswith("check") for x in c.clauses):
                    test = "jsonb_typeof(%s) = 'object'" % c.name
                    if c.nullable:
                        test = "%s is null or %s" % (c.name, test)
                    t.items.append("check (%s)" % test)
                    break

    def index_element_for_fk(self, t, col):
        rng = self.rng
        r = rng.random()
        if r < 0.3 and t.column("created_at"):
            order = " desc nulls last" if rng.random() < 0.2 else " desc"
            return "index (%s, created_at%s)" % (col, order)
        if r < 0.4:
            label = next((c for c in LABEL_COLUMNS if t.column(c)), None)
            if label:
                return "index (%s) include (%s)" % (col, label)
        return "index (%s)" % col

    def indexes(self, t, uncovered_fks):
        rng = self.rng
        target = rng.randint(1, 3)
        out = []
        # Every FK column leads an index, so deletes of the parent stay cheap.
        for col in uncovered_fks:
            out.append(self.index_element_for_fk(t, col))
            t.leads.append(col)

        extras = []
        for c in t.columns:
            if c.name in t.leads or c.kind in ("pk", "fk"):
                continue
            if c.kind == "json":
                extras.append((c.name, "index (%s jsonb_path_ops) using gin" % c.name
                               if rng.random() < 0.6 else
                               "index (%s) using gin" % c.name))
            elif c.kind == "enum" and t.column("created_at"):
                extras.append((c.name, "index (%s, created_at desc)" % c.name))
            elif c.kind == "ts" and c.nullable and c.name != "deleted_at":
                pred = ("deleted_at is null" if t.column("deleted_at")
                        else "%s is not null" % c.name)
                extras.append((c.name, "index (%s) where (%s)" % (c.name, pred)))
            elif c.kind == "code" and t.column("deleted_at"):
                extras.append((c.name, "unique index (%s) where (deleted_at is null)"
                               % c.name))
            elif c.name in ("email", "name", "title"):
                # Expression indexes get explicit names: PostgreSQL's default
                # for them is not derived from column names.
                extras.append(("lower(%s)" % c.name,
                               "index %s_lower_%s_idx ((lower(%s)))"
                               % (t.name, c.name, c.name)))
            elif c.kind == "bool" and t.column("created_at"):
                extras.append(("created_at",
                               "index (created_at desc) where (%s = true)" % c.name))
        rng.shuffle(extras)
        for lead, item in extras:
            if len(out) >= target:
                break
            if lead in t.leads:
                continue
            if rng.random() < 0.05 and "using gin" not in item:
                # Tables updated in place leave room on index pages. The
                # clause goes before any WHERE, as in SQL.
                head, sep, pred = item.partition(" where ")
                item = head + " with (fillfactor = 90)" + sep + pred
            out.append(item)
            t.leads.append(lead)
        if not out:
            # Nothing above fitted: index a plain scalar column, so every
            # table has at least one index of its own.
            for c in t.columns:
                if c.name not in t.leads and c.kind in SCALAR_KINDS:
                    out.append("index (%s)" % c.name)
                    t.leads.append(c.name)
                    break
        t.items.extend(out)

    # -------------------------------------------------------------- tables

    def table(self, i):
        rng = self.rng
        schema = i % self.k
        t = Table(i, schema, "%s_%0*d" % (rng.choice(NOUNS), self.width, i))
        t.columns.append(self.primary_key(t))
        t.leads.append("id")

        fk_cols = [self.foreign_key(t, target) for target in self.pick_targets(t)]

        # About one enum per 20 tables; a new enum is used at once, so none
        # is unused. Other tables reuse an existing one now and then.
        uses = []
        if i % 20 == 0:
            uses.append(self.new_enum(schema))
        visible = self.visible_enums(schema)
        if visible and rng.random() < 0.25:
            e = rng.choice(visible)
            if e not in uses:
                uses.append(e)
        for e in uses:
            t.columns.append(self.enum_column(t, e))

        # Fill up to 5-15 columns; created_at is almost always there.
        total = rng.randint(5, 15)
        if rng.random() < 0.9:
            t.columns.append(Column("created_at", "timestamptz",
                                    ["not null", "default now()"], "ts", False))
        room = max(0, total - len(t.columns))
        for name, kind in rng.sample(COLUMN_POOL, min(room, len(COLUMN_POOL))):
            t.columns.append(self.pool_column(name, kind))

        covered = self.unique_constraints(t, fk_cols)
        self.checks(t)
        self.indexes(t, [c for c in fk_cols if c not in covered])
        if rng.random() < 0.3:
            t.comment = "%s records (generated table %d)" % (
                t.name.rsplit("_", 1)[0].capitalize(), i)
        self.tables.append(t)
        self.by_schema[schema].append(t)

    def generate(self):
        for i in range(self.n):
            self.table(i)


# ---------------------------------------------------------------- output

def render_table(t, out):
    out.append("  table %s {" % t.name)
    width = max(len(c.name) for c in t.columns)
    for c in t.columns:
        parts = [c.name.ljust(width), c.type] + c.clauses
        out.append("    " + " ".join(parts) + ";")
    if t.items:
        out.append("")
        for item in t.items:
            out.append("    %s;" % item)
    if t.comment:
        out.append('    comment "%s";' % t.comment)   # no quotes in it
    out.append("  }")


def render(gen, args):
    out = [
        "// Generated by bench/gen_schema.py --tables %d --seed %d --schemas %d."
        % (args.tables, args.seed, args.schemas),
        "// %d tables, %d enums. Do not edit; regenerate." % (len(gen.tables), len(gen.enums)),
    ]
    for s in range(gen.k):
        out.append("")
        out.append("schema %s {" % schema_name(s))
        for e in gen.enums_by_schema[s]:
            out.append("  enum %s { %s }" % (e.name, ", ".join(e.labels)))
        for t in gen.by_schema[s]:
            out.append("")
            render_table(t, out)
        out.append("}")
    return "\n".join(out) + "\n"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tables", type=int, required=True, help="number of tables")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    p.add_argument("--schemas", type=int, default=4,
                   help="number of schemas s0..sK-1 (default 4)")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    args = p.parse_args(argv)
    if args.tables < 1 or args.schemas < 1:
        p.error("--tables and --schemas must be at least 1")

    gen = Generator(args.tables, args.seed, args.schemas)
    gen.generate()
    text = render(gen, args)
    if args.output and args.output != "-":
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
