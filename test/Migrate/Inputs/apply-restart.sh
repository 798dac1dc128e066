#!/usr/bin/env bash
# apply-restart.sh SCHEMAC OUT ORIGINAL SLOW SCHEMA
#
# The scenario of test/Migrate/apply-restart.test, run on a server of its
# own by with-private-server.py (it restarts and stops the server): for a
# fast restart (pg_ctl restart -m fast: sessions ended, a checkpoint) and a
# crash restart (-m immediate: every process killed, crash recovery at
# start), `migrate apply` of directory SLOW, whose 0002 waits in pg_sleep,
# is started on a fresh database, the server restarted while 0002 runs,
# then the database read (status, version table, catalog), and the job
# finished with directory ORIGINAL (--no-wait: the lock must be free) and
# checked against SCHEMA with drift. Then apply with the server stopped.
# Each step's output goes to a file in OUT, for FileCheck.
set -uo pipefail
schemac=$1 out=$2 original=$3 slow=$4 schema=$5
here=$(dirname "$0")
read -ra psql <<< "$PRIVATE_PSQL"
read -ra pg_ctl <<< "$PRIVATE_PG_CTL"

for mode in fast immediate; do
  db=restart_$mode conn="$PRIVATE_CONNINFO dbname=restart_$mode"
  # The scratch server does not wait for WAL to reach the disk at commit
  # (synchronous_commit off), so a crash may lose the last commits, 0001
  # with them; a production server waits. The database asks for it.
  "${psql[@]}" -d postgres -c "CREATE DATABASE $db" \
    -c "ALTER DATABASE $db SET synchronous_commit = on"
  "$schemac" migrate apply --dir "$slow" --db "$conn" \
    > "$out/$mode.out" 2> "$out/$mode.err" &
  applier=$!
  bash "$here/terminate-applier.sh" --wait-only $applier $db "${psql[@]}" \
    > "$out/$mode.rc"
  "${pg_ctl[@]}" -m $mode restart > "$out/$mode.pg_ctl" 2>&1 ||
    echo "pg_ctl restart failed" >> "$out/$mode.rc"
  wait $applier
  echo "exit $?" >> "$out/$mode.rc"
  "$schemac" migrate status --dir "$original" --db "$conn" \
    > "$out/$mode.status" 2>&1
  "${psql[@]}" -d $db -tA \
    -c "SELECT 'versions: ' || string_agg(version, ',' ORDER BY version) FROM schemac_migrations" \
    -f "$here/faults-catalog.sql" > "$out/$mode.catalog" 2>&1
  "$schemac" migrate apply --no-wait --dir "$original" --db "$conn" \
    > "$out/$mode.rerun" 2>&1
  "$schemac" drift --db "$conn" "$schema" >> "$out/$mode.rerun" 2>&1
done

# The server is down when apply starts.
"${pg_ctl[@]}" -m fast stop > "$out/down.pg_ctl" 2>&1
"$schemac" migrate apply --dir "$original" \
  --db "$PRIVATE_CONNINFO dbname=restart_fast" > "$out/down.err" 2>&1
echo "exit $?" >> "$out/down.err"
"${pg_ctl[@]}" start >> "$out/down.pg_ctl" 2>&1
