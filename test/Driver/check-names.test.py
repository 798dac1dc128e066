import re, sys
diags = open(sys.argv[1], encoding="utf-8").read()
checks = open(sys.argv[2], encoding="utf-8").read()
used = set(re.findall(r'^DIAG\(\w+,\s*\w+,\s*"([^"]+)"', diags, re.M))
declared = set(re.findall(r'^CHECK\(([\w-]+),', checks, re.M))
bad = sorted(used - declared)
unused = sorted(declared - used)
for name in bad:
    print("diagnostic uses an undeclared check:", name)
for name in unused:
    print("check has no diagnostic:", name)
if not bad and not unused:
    print("all %d check names match" % len(declared))
