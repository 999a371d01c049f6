#!/usr/bin/env bash
# Storage faults on SQLite: a full disk, a read-only file, a read-only directory and a corrupt
# file each give a clear error and leave what was committed intact (or the file untouched).
# Works as root and not: the full disk is a 512 KiB tmpfs mounted in a private user+mount
# namespace (unshare -rm), and the read-only cases run as an unprivileged user in a user
# namespace (unshare --map-user), where file permissions hold even for root.
#   usage: storage_faults.sh PATH/TO/speciosa
set -euo pipefail
speciosa=$(realpath "$1")
work=$(mktemp -d)
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
export TZ=UTC

# Runs speciosa; leaves its exit status in $status and stderr in $work/err.
run() {
  status=0
  "$@" >"$work/out" 2>"$work/err" || status=$?
}
expect_error() {  # expect_error WHAT PATTERN: a non-zero exit (1 or 2) and a message matching PATTERN
  [[ $status == 1 || $status == 2 ]] || fail "$1: exit status $status (want 1 or 2)"
  grep -Eqi "$2" "$work/err" || fail "$1: message '$(cat "$work/err")' does not say /$2/"
}
unprivileged() { unshare --map-user=1000 --map-group=1000 "$@"; }
journal_with_entries() {  # journal_with_entries DB: Ana with three check-ins
  SPECIOSA_DB=$1 "$speciosa" person add Ana --tz UTC >/dev/null
  for i in 1 2 3; do
    SPECIOSA_DB=$1 "$speciosa" log checkin --anxiety $i --mood 5 --note "kept$i" >/dev/null
  done
}

# --- full disk --------------------------------------------------------------------------------
# Inside the namespace: commit entries, fill the disk, try a write and an import too big for
# the space left, free the disk, and check that the journal is whole and writable.
cat >"$work/full_disk.sh" <<'INNER'
set -euo pipefail
speciosa=$1 work=$2
fail() { echo "FAIL: full disk: $*" >&2; exit 1; }
mnt=$work/disk
mkdir -p "$mnt"
mount -t tmpfs -o size=512k speciosa-full "$mnt"
export SPECIOSA_DB=$mnt/journal.db
"$speciosa" person add Ana --tz UTC >/dev/null
for i in 1 2 3; do "$speciosa" log checkin --anxiety $i --mood 5 --note "kept$i" >/dev/null; done
# Fill what is left (dd stops at ENOSPC).
dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null || true
status=0
"$speciosa" log checkin --anxiety 9 --mood 1 --note lost >/dev/null 2>"$work/err" || status=$?
[[ $status == 1 || $status == 2 ]] || fail "a write on a full disk exited $status"
grep -qi "full" "$work/err" || fail "message does not say the disk is full: $(cat "$work/err")"
# An import larger than the space left fails as a whole: none of it is kept.
rm "$mnt/filler"
dd if=/dev/zero of="$mnt/filler" bs=4k count=$(( $(df -k --output=avail "$mnt" | tail -1) / 4 - 24 )) 2>/dev/null
python3 - "$work/import.json" <<'PY'
import json, sys
checkins = [{"uid": f"bulk{i:05d}", "at": f"2026-0{1 + i // 2000}-{1 + (i // 80) % 25:02d}T{(i // 4) % 20:02d}:{i % 4 * 15:02d}:00Z",
             "anxiety": i % 11, "mood": 5, "note": "bulk " + "x" * 200} for i in range(3000)]
json.dump({"format": "speciosa-journal", "checkins": checkins}, open(sys.argv[1], "w"))
PY
status=0
"$speciosa" import "$work/import.json" >/dev/null 2>"$work/err" || status=$?
[[ $status == 1 || $status == 2 ]] || fail "an import too big for the disk exited $status"
grep -qi "full" "$work/err" || fail "import message does not say the disk is full: $(cat "$work/err")"
rm "$mnt/filler"
[[ $(sqlite3 "$SPECIOSA_DB" "PRAGMA integrity_check") == ok ]] || fail "integrity_check after the full disk"
notes=$("$speciosa" history --json | python3 -c 'import json,sys; print(" ".join(sorted(c["note"] for c in json.load(sys.stdin)["checkins"])))')
[[ $notes == "kept1 kept2 kept3" ]] || fail "after the full disk the check-ins are: $notes"
"$speciosa" log checkin --anxiety 2 --mood 6 --note after >/dev/null || fail "no write after space was freed"
echo "full disk: clear error, import rolled back, 3 committed entries intact, writable again"
INNER
unshare -rm bash "$work/full_disk.sh" "$speciosa" "$work"

# --- read-only file and read-only directory --------------------------------------------------
# read_only_case WHAT DIR TARGET MODE: a journal whose TARGET (in DIR) is chmod MODE refuses a
# write with a clear message, and the file stays byte-identical.
read_only_case() {
  local what=$1 dir=$work/$2 target=$3 mode=$4
  mkdir "$dir"
  local db=$dir/journal.db
  journal_with_entries "$db"
  chmod "$mode" "$dir/$target"
  local before
  before=$(sha256sum <"$db")
  run unprivileged env SPECIOSA_DB="$db" "$speciosa" log checkin --anxiety 9 --mood 1
  expect_error "$what" "read-?only|cannot write"
  [[ $(sha256sum <"$db") == "$before" ]] || fail "$what: the file changed"
  echo "$what: $(head -c 200 "$work/err")"
}
read_only_case "read-only file" rofile journal.db 444
read_only_case "read-only directory" rodir . 555

# --- corrupt file -----------------------------------------------------------------------------
mkdir "$work/corrupt"
db=$work/corrupt/journal.db
journal_with_entries "$db"
# Scribble over the second page (a table's b-tree) and keep the header, so SQLite opens it.
page=$(sqlite3 "$db" "PRAGMA page_size")
head -c "$page" /dev/urandom | dd of="$db" bs="$page" seek=1 conv=notrunc 2>/dev/null
before=$(sha256sum <"$db")
run env SPECIOSA_DB="$db" "$speciosa" history
expect_error "corrupt file" "damaged"
run env SPECIOSA_DB="$db" "$speciosa" log checkin --anxiety 9 --mood 1
expect_error "corrupt file (write)" "damaged"
[[ $(sha256sum <"$db") == "$before" ]] || fail "corrupt file: the file changed"
[[ -z $(ls "$work/corrupt" | grep -v '^journal.db$') ]] || fail "corrupt file: files appeared beside it"
echo "corrupt file: $(head -c 160 "$work/err")"
# Not a database at all.
echo "these are my notes, not a database" >"$work/corrupt/notes.txt"
before=$(sha256sum <"$work/corrupt/notes.txt")
run env SPECIOSA_DB="$work/corrupt/notes.txt" "$speciosa" history
expect_error "not a database" "damaged|not a database"
[[ $(sha256sum <"$work/corrupt/notes.txt") == "$before" ]] || fail "not a database: the file changed"
echo "storage faults: all clear errors, nothing damaged further"
