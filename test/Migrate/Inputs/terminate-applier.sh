#!/usr/bin/env bash
# terminate-applier.sh [--wait-only] PID DBNAME PSQL [PSQL-OPTION...]
#
# For the fault tests of `migrate apply`: waits until the applier's session
# in database DBNAME (application_name 'schemac migrate') is inside
# pg_sleep, which a test's migration calls where it wants the fault, then
# ends that session with pg_terminate_backend, as an operator would, and
# prints `terminated`; with --wait-only, it prints `in pg_sleep` and leaves
# the session be (the caller brings the fault). It polls every 0.1 s, for
# at most 60 s; when the applier (process PID) ends first, or the time is
# up, it says so, kills the applier if still running (so that the test
# cannot hang) and exits 1.
set -uo pipefail
action="pg_terminate_backend(pid)" done=terminated
if [[ ${1-} == --wait-only ]]; then
  action=true done="in pg_sleep"
  shift
fi
(($# >= 3)) || { echo "usage: terminate-applier.sh [--wait-only] PID DBNAME PSQL..." >&2; exit 2; }
pid=$1 db=$2
shift 2
query="SELECT $action FROM pg_stat_activity
       WHERE datname = '$db' AND application_name = 'schemac migrate'
         AND wait_event = 'PgSleep'"
for _ in $(seq 600); do
  ended=$("$@" -d postgres -tA -c "$query")
  if [[ $ended == t* ]]; then
    echo "$done"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the applier ended before its session reached pg_sleep" >&2
    exit 1
  fi
  sleep 0.1
done
echo "no applier session in pg_sleep after 60 s" >&2
kill "$pid" 2>/dev/null
exit 1
