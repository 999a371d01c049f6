#!/usr/bin/env bash
# Data rights: `person delete NAME --yes` removes every row of that person from every table,
# counted directly with sqlite3 / psql, and leaves the other person untouched. On SQLite none of
# their text is left in the database file or its WAL either (secure_delete + a truncating
# checkpoint; docs/journal_schema.md). With SPECIOSA_TEST_PG_URL set (scripts/pg-throwaway)
# the same runs against PostgreSQL.   usage: person_delete.sh PATH/TO/speciosa
set -euo pipefail
speciosa=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pg=${SPECIOSA_TEST_PG_URL:-}
export SPECIOSA_DB=${pg:-$work/journal.db}
fail() { echo "FAIL: $*" >&2; exit 1; }
sql() {
  if [[ -n $pg ]]; then psql -qAt -v ON_ERROR_STOP=1 "$pg" -c "$1"; else sqlite3 "$SPECIOSA_DB" "$1"; fi
}
run() { "$speciosa" "$@" >/dev/null || fail "speciosa $*"; }

# Text only Ana's entries hold, so finding it anywhere means something of hers survived.
secret=zebraquartz7731
# One row of Ana in every table that can hold one.
run person add Ana --tz Europe/Berlin --jurisdiction DE
run person edit --risk liver-disease
run meds add "${secret}med" --dose "50 mg daily"
run product add "${secret}tea" --kb leaf-generic --mg-content 1.6%
run log dose 2g --product leaf-generic --at "2026-11-20 08:30"
run log checkin --anxiety 6 --mood 4 --note "${secret}note" --at "2026-11-20 09:00"
run log withdrawal restless=2 yawning=1 --at "2026-11-20 09:10"
run log effect "${secret}effect" --severity 2 --at "2026-11-20 10:00"
# Ben stays; his rows must all be there afterwards.
run person add Ben --tz UTC
run log dose 3g --product leaf-generic --at "2026-11-21 08:30"
run log checkin --anxiety 3 --mood 6 --note "ben note" --at "2026-11-21 09:00"
run person use Ana

ana=$(sql "SELECT id FROM person WHERE name = 'Ana'")
[[ -n $ana ]] || fail "Ana is not in the person table"
entries=$(sql "SELECT id FROM entry WHERE person_id = $ana" | paste -sd, -)
[[ -n $entries ]] || fail "Ana has no entries"
count_ana() {
  sql "SELECT (SELECT count(*) FROM person WHERE id = $ana)
            + (SELECT count(*) FROM person_risk WHERE person_id = $ana)
            + (SELECT count(*) FROM medication WHERE person_id = $ana)
            + (SELECT count(*) FROM person_product WHERE person_id = $ana)
            + (SELECT count(*) FROM entry WHERE person_id = $ana)
            + (SELECT count(*) FROM dose WHERE entry_id IN ($entries))
            + (SELECT count(*) FROM checkin WHERE entry_id IN ($entries))
            + (SELECT count(*) FROM side_effect WHERE entry_id IN ($entries))
            + (SELECT count(*) FROM withdrawal_item WHERE entry_id IN ($entries))
            + (SELECT count(*) FROM setting WHERE value = '$ana')"
}
# Every table holds some of Ana's rows, so a count of 0 afterwards means something.
for table in person_risk medication person_product; do
  (($(sql "SELECT count(*) FROM $table WHERE person_id = $ana") > 0)) || fail "no row of Ana in $table"
done
for table in dose checkin side_effect withdrawal_item; do
  (($(sql "SELECT count(*) FROM $table WHERE entry_id IN ($entries)") > 0)) || fail "no row of Ana in $table"
done
before=$(count_ana)
ben_before=$("$speciosa" person use Ben >/dev/null && "$speciosa" export --format json)
run person use Ana
if [[ -z $pg ]]; then
  grep -aqs "$secret" "$SPECIOSA_DB"* || fail "the setup did not write Ana's text to the files"
fi

# Without --yes and without a terminal nothing is deleted (exit 2).
status=0
"$speciosa" person delete Ana </dev/null >/dev/null 2>"$work/err" || status=$?
[[ $status == 2 ]] || fail "person delete without --yes: exit $status (want 2)"
[[ $(count_ana) == "$before" ]] || fail "person delete without --yes changed rows"
run person delete Ana --yes

after=$(count_ana)
[[ $after == 0 ]] || fail "$after rows of Ana remain (of $before)"
ben_after=$("$speciosa" person use Ben >/dev/null && "$speciosa" export --format json)
[[ $ben_after == "$ben_before" ]] || fail "Ben's journal changed when Ana was deleted"
if [[ -z $pg ]]; then
  for f in "$SPECIOSA_DB"*; do
    ! grep -aq "$secret" "$f" || fail "Ana's text is still in $(basename "$f")"
  done
  [[ $(sqlite3 "$SPECIOSA_DB" "PRAGMA integrity_check") == ok ]] || fail "integrity_check"
fi
status=0
"$speciosa" person delete Ana --yes >/dev/null 2>&1 || status=$?
[[ $status == 2 ]] || fail "deleting Ana twice: exit $status (want 2, no such person)"
echo "person delete: $before rows of Ana before, 0 after; Ben unchanged${pg:+ (PostgreSQL)}"
