#!/usr/bin/env bash
# Two processes writing at once lose nothing: two CLI writers each log N doses into the same
# SQLite journal in parallel (busy_timeout makes the second wait for the first's transaction).
# Every command must succeed and all 2 x N entries, each exactly once, must be there.
#   usage: journal_writers.sh PATH/TO/speciosa [N]
set -euo pipefail
speciosa=$1
n=${2:-200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPECIOSA_DB=$work/journal.db
"$speciosa" person add Ana --tz UTC >/dev/null

writer() {  # NAME: logs N doses with notes NAME-1..NAME-N; prints a line per failed command
  for i in $(seq 1 "$n"); do
    "$speciosa" log dose 1g --product leaf-generic --note "$1-$i" >/dev/null 2>"$work/err-$1" \
      || echo "$1-$i failed: $(cat "$work/err-$1")"
  done
}
writer one >"$work/failed-one" &
writer two >"$work/failed-two" &
wait
failed=$(cat "$work/failed-one" "$work/failed-two")
[[ -z $failed ]] || { echo "FAIL: writes failed: $failed" >&2; exit 1; }
"$speciosa" export --format json >"$work/export.json"
python3 - "$work/export.json" "$n" <<'PY'
import collections, json, sys
notes = collections.Counter(d["note"] for d in json.load(open(sys.argv[1]))["doses"])
n = int(sys.argv[2])
want = {f"{w}-{i}" for w in ("one", "two") for i in range(1, n + 1)}
missing, doubled = want - set(notes), [k for k, c in notes.items() if c > 1]
assert not missing and not doubled and len(notes) == 2 * n, (sorted(missing)[:5], doubled[:5], len(notes))
print(f"two writers: {2 * n} entries written in parallel, all present once")
PY
check=$(sqlite3 "$SPECIOSA_DB" "PRAGMA integrity_check")
[[ $check == ok ]] || { echo "FAIL: integrity_check: $check" >&2; exit 1; }
