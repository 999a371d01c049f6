#!/usr/bin/env bash
# Load test of `speciosa serve` with wrk on loopback, bounded in time (SECONDS_PER_SCENARIO,
# default 10 s each). A temporary SQLite journal with one person and a year of doses; then
#   read:  GET /api/v1/people/{pid}/history?days=30 and /timeline?days=7 (when present)
#   log:   POST /api/v1/people/{pid}/doses
# Prints requests/s, p99 latency and non-2xx counts per scenario. Goal: >= 2,000 read
# requests/s on 2 cores, no errors. Not part of `make test` (timings are not assertions).
#
# usage: bench/load/run.sh [PATH/TO/speciosa]
set -euo pipefail

program=${1:-build/bin/speciosa}
seconds=${SECONDS_PER_SCENARIO:-10}
here=$(cd "$(dirname "$0")" && pwd)
command -v wrk >/dev/null || { echo "run.sh: wrk is missing (scripts/bootstrap installs it)" >&2; exit 2; }

tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$program" --db "$tmp/journal.db" serve --port 0 >"$tmp/out" 2>"$tmp/log" &
server_pid=$!
for _ in $(seq 100); do grep -q "http://" "$tmp/out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/out")
[[ -n $port ]] || { echo "run.sh: the server did not start" >&2; cat "$tmp/log" >&2; exit 1; }

# Session, CSRF token, one person and a year of history (4 doses and 2 check-ins a day).
eval "$(python3 "$here/seed.py" "$port")"

export SESSION CSRF PID
summary() {  # scenario name, wrk output
  local rps p99 bad
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$2")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$2")
  errors=$(awk '/Socket errors/ {print}' <<<"$2")
  printf '%-28s %10s req/s   p99 %8s   non-2xx %s %s\n' "$1" "$rps" "$p99" "${bad:-0}" "$errors"
}
run() {  # name, script, path
  summary "$1" "$(wrk -t2 -c16 -d"${seconds}s" --latency -s "$here/$2" "http://127.0.0.1:$port$3")"
}
echo "speciosa serve load test: ${seconds}s per scenario, 2 threads, 16 connections, SQLite"
run "read history (30 days)" get.lua "/api/v1/people/$PID/history?days=30"
if python3 "$here/seed.py" "$port" --has-route timeline; then
  run "read timeline (7 days)" get.lua "/api/v1/people/$PID/timeline?days=7"
fi
run "log doses" post_dose.lua "/api/v1/people/$PID/doses"
