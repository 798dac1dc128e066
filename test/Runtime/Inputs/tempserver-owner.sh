#!/usr/bin/env bash
# tempserver-owner.sh MODE JSON OUT
#
# The owner of a schemac-tempserver, for tempserver.test.
#
#   tempserver-owner.sh use|kill JSON OUT | schemac-tempserver > JSON
#     This script holds the write end of the tool's stdin. It waits for the
#     tool's line in JSON, then
#       use:  connects to the server, writes what it sees to OUT, and exits:
#             the pipe closes the ordinary way;
#       kill: dies by SIGKILL, as an owner that is killed outright.
#
#   tempserver-owner.sh SIGNAL JSON OUT     (INT, TERM, HUP)
#     Starts the tool itself, its stdin from a FIFO that this script keeps
#     open, sends it SIGNAL once it has reported, and writes its exit status
#     to OUT.
set -euo pipefail
mode=$1 json=$2 out=$3

wait_for_line() {
  for _ in $(seq 600); do # 60 seconds at most
    [[ -s $json ]] && return
    sleep 0.1
  done
  echo "no line from schemac-tempserver in $json" >&2
  exit 1
}

field() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
    "$json" "$1"
}

case $mode in
  use)
    wait_for_line
    host=$(field host)
    if [[ -S $host/.s.PGSQL.$(field port) ]]; then echo socket > "$out"; fi
    "$(field bin_dir)/psql" -X -At -d "$(field conninfo) dbname=postgres" \
      -c "select current_user, current_setting('listen_addresses') = ''" \
      >> "$out"
    ;;
  kill)
    wait_for_line
    kill -KILL $$
    ;;
  INT | TERM | HUP)
    fifo=$out.fifo
    rm -f "$fifo"
    mkfifo "$fifo"
    # The child blocks opening the FIFO until this script opens its write
    # end; $! is the tool itself.
    schemac-tempserver < "$fifo" > "$json" &
    tool=$!
    exec 3> "$fifo"
    wait_for_line
    kill -"$mode" "$tool"
    status=0
    wait "$tool" || status=$?
    echo "status $status" > "$out"
    exec 3>&-
    rm -f "$fifo"
    ;;
  *)
    echo "usage: tempserver-owner.sh use|kill|INT|TERM|HUP JSON OUT" >&2
    exit 2
    ;;
esac
