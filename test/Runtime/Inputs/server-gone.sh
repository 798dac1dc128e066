#!/usr/bin/env bash
# server-gone.sh JSON
#
# Whether the server that schemac-tempserver described in JSON is gone: its
# directory removed and no process running on its data directory (the
# postmaster may take a moment to exit after its pid file is gone).
set -euo pipefail
dir=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["dir"])' "$1")
[[ $dir == /tmp/schemac-pg-* ]] || { echo "unexpected directory '$dir'"; exit 1; }
# "[d]ata" matches the postmaster's command line but not grep's own.
pattern="${dir}/[d]ata"
for _ in $(seq 100); do
  grep -qsa -- "$pattern" /proc/[0-9]*/cmdline || break
  sleep 0.1
done
if [[ -e $dir ]]; then
  echo "directory $dir left behind"
elif grep -lsa -- "$pattern" /proc/[0-9]*/cmdline; then
  echo "server processes left on $dir"
else
  echo "directory removed, no server process left"
fi
