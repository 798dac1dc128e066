"""Prints an --emit=ir document with the orders that carry no meaning
made canonical, for comparing an IR with the IR of its --emit=schema
output: tables and enums grouped by schema (the schema source has one block
per schema) and a table's constraints grouped by kind (the SQL lists them
by kind). Within a group the order is kept."""

import json
import sys

with open(sys.argv[1]) as f:
    ir = json.load(f)
for key in ('enums', 'tables'):
    ir[key].sort(key=lambda o: o['schema'])
for table in ir['tables']:
    table['constraints'].sort(key=lambda c: c['kind'])
json.dump(ir, sys.stdout, indent=2)
print()
