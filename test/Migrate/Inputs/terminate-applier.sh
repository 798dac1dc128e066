#!/usr/bin/env bash
# terminate-applier.sh [--wait-only] [--lock-waiter] PID DBNAME PSQL [PSQL-OPTION...]
#
# For the fault tests of `migrate apply`: waits until the applier's session
# in database DBNAME (application_name 'schemac migrate') is inside
# pg_sleep, which a test's migration calls where it wants the fault, then
# ends that session with pg_terminate_backend, as an operator would, and
# prints `terminated`. With --wait-only, it prints `in pg_sleep` and leaves
# the session be (the caller brings the fault); with --lock-waiter, it
# waits instead for an applier that waits for the migration lock, and
# prints `waiting for the lock`. It polls every 0.1 s, for at most 60 s;
# when the applier (process PID) ends first, or the time is up, it says
# so, kills the applier if still running (so that the test cannot hang)
# and exits 1.
set -uo pipefail
action="pg_terminate_backend(pid)" done=terminated
wait_event="wait_event = 'PgSleep'" what="its session reached pg_sleep"
while (($#)); do
  case $1 in
    --wait-only) action=true done="in pg_sleep"; shift ;;
    --lock-waiter)
      action=true done="waiting for the lock" what="it waited for the lock"
      wait_event="wait_event_type = 'Lock' AND wait_event = 'advisory'"
      shift ;;
    *) break ;;
  esac
done
(($# >= 3)) || { echo "usage: terminate-applier.sh [--wait-only] [--lock-waiter] PID DBNAME PSQL..." >&2; exit 2; }
pid=$1 db=$2
shift 2
query="SELECT $action FROM pg_stat_activity
       WHERE datname = '$db' AND application_name = 'schemac migrate'
         AND $wait_event"
for _ in $(seq 600); do
  ended=$("$@" -d postgres -tA -c "$query")
  if [[ $ended == t* ]]; then
    echo "$done"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the applier ended before $what" >&2
    exit 1
  fi
  sleep 0.1
done
echo "60 s passed, and not $what" >&2
kill "$pid" 2>/dev/null
exit 1
