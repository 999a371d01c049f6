#!/usr/bin/env bash
# Durability: a writer is killed with SIGKILL over and over, mid-write. Every entry whose
# command returned 0 must be present, and the database must open and pass quick_check after each
# kill and integrity_check at the end.
# With SPECIOSA_TEST_PG_URL set (scripts/pg-throwaway) the same runs against PostgreSQL.
#   usage: journal_sigkill.sh PATH/TO/speciosa [ROUNDS]
set -euo pipefail
speciosa=$1
rounds=${2:-25}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPECIOSA_DB=${SPECIOSA_TEST_PG_URL:-$work/journal.db}
"$speciosa" person add Ana --tz UTC >/dev/null

# Each acknowledged write appends its number to acked (only after exit status 0).
writer() {
  local i=$1
  while true; do
    if "$speciosa" log checkin --anxiety $((i % 11)) --mood 5 --note "n$i" >/dev/null 2>&1; then
      echo "n$i" >>"$work/acked"
    fi
    i=$((i + 1))
  done
}
: >"$work/acked"
for round in $(seq 1 "$rounds"); do
  setsid bash -c "$(declare -f writer); speciosa='$speciosa' work='$work' writer $((round * 100000))" &
  pid=$!
  sleep "0.$((RANDOM % 4 + 1))$((RANDOM % 10))"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid"
  wait "$pid" 2>/dev/null || true
  # After every kill the journal opens and its pages are sound (PostgreSQL checks its own).
  if [[ -z ${SPECIOSA_TEST_PG_URL:-} ]]; then
    quick=$(sqlite3 "$SPECIOSA_DB" "PRAGMA quick_check")
    [[ $quick == ok ]] || { echo "FAIL: quick_check after kill $round: $quick" >&2; exit 1; }
  fi
done

acked=$(sort -u "$work/acked" | wc -l)
((acked > 0)) || { echo "FAIL: no write was acknowledged" >&2; exit 1; }
"$speciosa" export --format json >"$work/export.json"
missing=$(python3 - "$work/export.json" "$work/acked" <<'PY'
import json, sys
notes = {c["note"] for c in json.load(open(sys.argv[1]))["checkins"]}
acked = {line.strip() for line in open(sys.argv[2]) if line.strip()}
print(len(acked - notes))
PY
)
[[ $missing == 0 ]] || { echo "FAIL: $missing acknowledged entries are missing" >&2; exit 1; }
if [[ -z ${SPECIOSA_TEST_PG_URL:-} ]]; then
  check=$(sqlite3 "$SPECIOSA_DB" "PRAGMA integrity_check")
  [[ $check == ok ]] || { echo "FAIL: integrity_check: $check" >&2; exit 1; }
fi
echo "sigkill durability: $acked acknowledged entries over $rounds kills, all present; integrity ok"
