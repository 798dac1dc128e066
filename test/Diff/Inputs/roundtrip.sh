#!/usr/bin/env bash
# Round trip of schema pairs on PostgreSQL: compile A, apply diff A B, compare with compile B; apply --down, compare with A.
#
#   roundtrip.sh SCHEMAC WORKDIR DBPREFIX PAIRDIR... -- PSQL [PSQL ARGS...]
#
# Each PAIRDIR holds a.schema and b.schema. DBPREFIX names the databases the
# script makes (DBPREFIX_N_a, _b, _m for the Nth pair, dropped after it) on
# the server PSQL reaches. Pairs run $ROUNDTRIP_JOBS (default 4) at a time.
# A migration runs as schemac's applier will: in one transaction, except the
# steps marked `-- schemac:no-transaction`, which run alone outside it.
# Databases are compared with list-objects.sql and list-extra.sql, sorted
# (so column order does not count). A PAIRDIR with a file XFAIL (saying which
# bug) is expected to fail, and counts as failed if it passes. Prints one line
# per pair, then "N passed, M failed" (and the expected failures); exits 1
# when a pair failed, with what differed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
schemac=$1 work=$2 prefix=$3
shift 3
pairs=()
while (($#)) && [[ $1 != -- ]]; do pairs+=("$1"); shift; done
shift # --
psql=("$@" -X -q -v ON_ERROR_STOP=1)
mkdir -p "$work"

# The statements of a migration file, wrapped in transactions as above.
transactional() {
  awk 'BEGIN { print "BEGIN;" }
       /^-- schemac:no-transaction$/ { print "COMMIT;"; alone = 1 }
       /^$/ && alone { print "BEGIN;"; alone = 0 }
       { print }
       END { if (alone) print "BEGIN;"; print "COMMIT;" }' "$1"
}

drop_db() {
  "${psql[@]}" -d postgres -c "SET client_min_messages = warning" \
    -c "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)"
}

fresh_db() { drop_db "$1" && "${psql[@]}" -d postgres -c "CREATE DATABASE \"$1\""; }

list() {
  { "${psql[@]}" -d "$1" -At -f "$here/../../Runtime/Inputs/list-objects.sql"
    "${psql[@]}" -d "$1" -At -f "$here/list-extra.sql"; } | LC_ALL=C sort
}

# run_pair DIR WORK DB: 0 when the round trip holds; otherwise says why.
run_pair() {
  local a=$1/a.schema b=$1/b.schema w=$2 db=$3
  mkdir -p "$w"
  "$schemac" compile "$a" -o "$w/a.sql" || { echo "compile A failed"; return 1; }
  "$schemac" compile "$b" -o "$w/b.sql" || { echo "compile B failed"; return 1; }
  "$schemac" diff --allow-destructive --from "$a" --to "$b" -o "$w/up.sql" ||
    { echo "diff A B failed"; return 1; }
  "$schemac" diff --allow-destructive --down --from "$a" --to "$b" \
    -o "$w/down.sql" || { echo "diff --down A B failed"; return 1; }
  transactional "$w/up.sql" > "$w/up.tx.sql"
  transactional "$w/down.sql" > "$w/down.tx.sql"

  local side
  for side in a b; do
    fresh_db "${db}_$side" &&
      "${psql[@]}" -d "${db}_$side" -f "$w/$side.sql" &&
      list "${db}_$side" > "$w/$side.out" ||
      { echo "loading $side.sql failed"; return 1; }
  done
  fresh_db "${db}_m" && "${psql[@]}" -d "${db}_m" -f "$w/a.sql" ||
    { echo "loading a.sql failed"; return 1; }
  "${psql[@]}" -d "${db}_m" -f "$w/up.tx.sql" ||
    { echo "applying up.sql failed:"; cat "$w/up.sql"; return 1; }
  list "${db}_m" > "$w/up.out"
  diff -u "$w/b.out" "$w/up.out" > "$w/up.diff" ||
    { echo "A + up differs from B:"; cat "$w/up.diff"; return 1; }
  "${psql[@]}" -d "${db}_m" -f "$w/down.tx.sql" ||
    { echo "applying down.sql failed:"; cat "$w/down.sql"; return 1; }
  list "${db}_m" > "$w/down.out"
  diff -u "$w/a.out" "$w/down.out" > "$w/down.diff" ||
    { echo "A + up + down differs from A:"; cat "$w/down.diff"; return 1; }
}

# run_one N DIR: runs the Nth pair; leaves PASS/FAIL/XFAIL/XPASS in
# WORK/N-NAME/result and what went wrong in WORK/N-NAME/log.
run_one() {
  local w=$work/$1-$(basename "$2") status
  mkdir -p "$w"
  if run_pair "$2" "$w" "${prefix}_$1" > "$w/log" 2>&1; then status=PASS
  else status=FAIL; fi
  for side in a b m; do drop_db "${prefix}_$1_$side" >> "$w/log" 2>&1; done
  if [[ -e $2/XFAIL ]]; then
    [[ $status == PASS ]] && status=XPASS || status=XFAIL
  fi
  echo "$status" > "$w/result"
}

for i in "${!pairs[@]}"; do
  run_one "$i" "${pairs[$i]}" &
  while (($(jobs -rp | wc -l) >= ${ROUNDTRIP_JOBS:-4})); do wait -n; done
done
wait

passed=0 failed=0 xfailed=0
for i in "${!pairs[@]}"; do
  name=$(basename "${pairs[$i]}") w=$work/$i-$(basename "${pairs[$i]}")
  status=$(cat "$w/result" 2>/dev/null || echo FAIL)
  echo "$status $name"
  case $status in
    PASS) passed=$((passed + 1)) ;;
    XFAIL) xfailed=$((xfailed + 1)) ;;
    *) failed=$((failed + 1)) ;;
  esac
done
for i in "${!pairs[@]}"; do
  name=$(basename "${pairs[$i]}") w=$work/$i-$(basename "${pairs[$i]}")
  case $(cat "$w/result" 2>/dev/null) in
    FAIL) printf '\n=== %s (%s)\n' "$name" "${pairs[$i]}"; cat "$w/log" ;;
    XPASS) printf '\n=== %s passed, but is marked XFAIL: %s\n' "$name" \
             "$(cat "${pairs[$i]}/XFAIL")" ;;
  esac
done
echo "$passed passed, $failed failed, $xfailed expected failures"
((failed == 0))
