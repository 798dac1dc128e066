#!/usr/bin/env python3
"""Prints the SQL a revision file's upgrade() or downgrade() sends.

Runs the function against a stand-in for `alembic.op` (no Alembic or
SQLAlchemy needed) and undoes what SQLAlchemy's text() does to a string
given to op.execute(): it fails when text() would find a bind parameter, and
removes the backslash of an escaped colon as text() does. Statements run in
`op.get_context().autocommit_block()` are preceded by
`-- schemac:no-transaction`, as `schemac diff` marks them, so the output can
be compared with `schemac diff`.

usage: alembic-run-revision.py FILE upgrade|downgrade
"""
import contextlib
import re
import sys
import types

# sqlalchemy/sql/compiler.py: BIND_PARAMS and BIND_PARAMS_ESC (1.4, 2.0).
BIND_PARAMS = re.compile(r"(?<![:\w\$\x5c]):([\w\$]+)(?![:\w\$])", re.UNICODE)
BIND_PARAMS_ESC = re.compile(r"\x5c(:[\w\$]*)(?![:\w\$])", re.UNICODE)

statements = []
in_autocommit = False


class Context:
    @contextlib.contextmanager
    def autocommit_block(self):
        global in_autocommit
        in_autocommit = True
        yield
        in_autocommit = False


def execute(sql):
    bind = BIND_PARAMS.search(sql)
    if bind:
        sys.exit("text() would read a bind parameter %r in: %s"
                 % (bind.group(0), sql))
    sql = BIND_PARAMS_ESC.sub(lambda m: m.group(1), sql)
    mark = "-- schemac:no-transaction\n" if in_autocommit else ""
    statements.append(mark + sql + ";")


alembic = types.ModuleType("alembic")
alembic.op = types.SimpleNamespace(execute=execute, get_context=Context)
sys.modules["alembic"] = alembic

path, function = sys.argv[1], sys.argv[2]
module = {}
with open(path, encoding="utf-8") as f:
    exec(compile(f.read(), path, "exec"), module)
module[function]()
print("\n\n".join(statements))
