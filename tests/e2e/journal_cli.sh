#!/usr/bin/env bash
# End-to-end journal CLI: contracts from DESIGN.md, rejected input writes nothing, import/export
# round trip, FHIR codes, two writers at once.   usage: journal_cli.sh PATH/TO/speciosa
# The journal is a fresh SQLite file, or the PostgreSQL database in $SPECIOSA_TEST_PG_URL
# (run through scripts/pg-throwaway) so both backends pass the same script.
set -euo pipefail
speciosa=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/e2e_lib.sh"
export SPECIOSA_DB=${SPECIOSA_TEST_PG_URL:-$work/journal.db}
# expect CODE CMD...: runs the command, checks its exit code.
expect() {
  local want=$1; shift
  local got=0
  "$@" >"$work/out" 2>"$work/err" || got=$?
  [[ $got == "$want" ]] || fail "exit $got (wanted $want): $* :: $(cat "$work/err")"
}
count_entries() {
  "$speciosa" export --format json | python3 -c \
    'import json,sys; d=json.load(sys.stdin); print(len(d["doses"])+len(d["checkins"])+len(d["side_effects"]))'
}

expect 2 "$speciosa" history --json   # no person yet
expect 0 "$speciosa" person add Ana --weight 61 --tz America/New_York --jurisdiction US-AL
expect 0 "$speciosa" person add Ben --tz Europe/Berlin
expect 0 "$speciosa" person use Ana
expect 0 "$speciosa" person show --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["name"]=="Ana" and d["tz"]=="America/New_York", d' "$work/out" \
  || fail "person show --json"
expect 2 "$speciosa" person use Anna
grep -q "Ana" "$work/err" || fail "person use suggests the closest name"

expect 2 "$speciosa" log dose 2g   # no earlier dose to take the product from
expect 0 "$speciosa" log dose 2g --product leaf-generic --at "2026-11-20 08:30"
expect 0 "$speciosa" log checkin --anxiety 6 --mood 4 --energy 5 --sleep 7.5 --at "2026-11-20 09:00"
expect 0 "$speciosa" log gad7 0 1 2 1 0 3 1 --at "2026-11-20 09:05"
expect 0 "$speciosa" log withdrawal restless=2 yawning=1 --at "2026-11-20 09:10"
expect 0 "$speciosa" log effect nausea --severity 2 --at "2026-11-20 10:00"
expect 0 "$speciosa" meds add sertraline --dose "50 mg daily"
before=$(count_entries)

# Rejected input: exit 2, one line on stderr naming the field, nothing on stdout, nothing written.
for bad in "log dose 2g --product leaf-generik" "log dose -2g --product leaf-generic" \
           "log dose 200g --product leaf-generic" "log dose 2 --product leaf-generic" \
           "log dose 2g --product leaf-generic --at 2026-13-01T08:00" \
           "log dose 2g --product leaf-generic --at 2099-01-01T08:00" \
           "log dose 2g --product leaf-generic --at 2026-03-08T02:30" \
           "log checkin --anxiety 11 --mood 4" "log checkin --anxiety 5 --mood -1" \
           "log gad7 0 1 2 1 0 3" "log gad7 0 1 2 1 0 3 4" "log withdrawal sneezing=2" \
           "log effect nausea --severity 5" "person add Cy --tz Mars/Olympus" \
           "history --days 0" "edit 9999 --note x" "delete 1"; do
  # shellcheck disable=SC2086
  expect 2 "$speciosa" $bad </dev/null
  [[ ! -s $work/out ]] || fail "stdout not empty for: $bad"
  [[ $(wc -l <"$work/err") == 1 ]] || fail "not one error line for: $bad :: $(cat "$work/err")"
done
grep -q "leaf-generic" <("$speciosa" log dose 2g --product leaf-generik 2>&1) || fail "unknown product suggests the closest id"
[[ $(count_entries) == "$before" ]] || fail "a rejected command wrote something"
: >"$work/plain-file"
expect 2 "$speciosa" --db "$work/plain-file/x.db" history
grep -q -- "--db" "$work/err" || fail "unwritable path does not name --db: $(cat "$work/err")"
# Each error names its field.
while IFS='|' read -r field cmd; do
  # shellcheck disable=SC2086
  expect 2 "$speciosa" $cmd </dev/null
  grep -q -- "$field" "$work/err" || fail "error for '$cmd' does not name $field: $(cat "$work/err")"
done <<'CASES'
at|log dose 2g --product leaf-generic --at 2099-01-01T08:00
--at|log dose 2g --product leaf-generic --at 2026-02-30T08:00
--at|log checkin --anxiety 5 --mood 5 --at yesterday
amount|log dose 0g --product leaf-generic
amount|log dose 80g --product leaf-generic
anxiety|log checkin --anxiety 11 --mood 4
gad7|log gad7 0 1 2 1 0 3 4
severity|log effect nausea --severity -1
product|log dose 2g --product no-such-product
CASES
[[ $(count_entries) == "$before" ]] || fail "a rejected command wrote something"
# A damaged journal file: exit 2 naming --db, and the file is byte for byte as it was.
if [[ -z ${SPECIOSA_TEST_PG_URL:-} ]]; then
  sqlite3 "$SPECIOSA_DB" ".backup '$work/damaged.db'"
  python3 -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(4096); f.write(bytes(i * 7 % 256 for i in range(12288)))' "$work/damaged.db"
  sum_before=$(sha256sum <"$work/damaged.db")
  expect 2 "$speciosa" --db "$work/damaged.db" log dose 2g --product leaf-generic
  grep -q -- "--db.*damaged" "$work/err" || fail "damaged journal error: $(cat "$work/err")"
  [[ $(sha256sum <"$work/damaged.db") == "$sum_before" ]] || fail "the damaged journal was modified"
fi

# history --json has the DESIGN.md shape.
expect 0 "$speciosa" history --days 36500 --json
python3 - "$work/out" <<'PY' || fail "history --json shape"
import json, sys
d = json.load(open(sys.argv[1]))
assert set(d) >= {"doses", "checkins"}, d.keys()
dose = d["doses"][0]
assert {"id", "at", "amount", "unit", "product"} <= set(dose), dose
assert dose["amount"] == 2 and dose["unit"] == "g" and dose["product"] == "leaf-generic", dose
assert dose["at"] == "2026-11-20T08:30:00-05:00", dose["at"]
c = d["checkins"][0]
assert {"id", "at", "anxiety", "mood"} <= set(c) and c["anxiety"] == 6 and c["mood"] == 4, c
assert d["checkins"][1]["gad7_score"] == 8
PY
expect 0 "$speciosa" history --days 36500 --format csv
head -1 "$work/out" | grep -q '^kind,id,uid,at,amount,unit,product' || fail "history csv header"

# Edit and delete.
dose_id=$("$speciosa" history --days 36500 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["doses"][0]["id"])')
expect 0 "$speciosa" edit "$dose_id" --amount 2.5 --at "2026-11-20 08:45"
expect 2 "$speciosa" edit "$dose_id" --severity 2
expect 0 "$speciosa" delete "$dose_id" --yes
expect 2 "$speciosa" delete "$dose_id" --yes
expect 0 "$speciosa" log dose 2g --product leaf-generic --at "2026-11-20 08:30"
expect 0 "$speciosa" log dose 1g --at "2026-11-20 12:00"   # product of the latest dose
expect 0 "$speciosa" history --days 36500 --json
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["doses"][1]["product"] == "leaf-generic"' "$work/out" \
  || fail "log dose without --product"

# Person isolation at the CLI: Ben sees none of Ana's entries, and cannot delete them.
expect 0 "$speciosa" person use Ben
expect 0 "$speciosa" history --days 36500 --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert not d["doses"] and not d["checkins"] and not d["side_effects"]' "$work/out" \
  || fail "Ben sees Ana's entries"
expect 2 "$speciosa" delete 2 --yes
expect 0 "$speciosa" person use Ana

# Every export format round-trips: export -> import into an empty journal (twice: the second adds
# nothing) -> export again -> identical but for the row ids, which are local to a database.
# JSON and FHIR name the person, who is added; CSV holds entries only, so the copy gets a person
# with the same zone first. Not on PostgreSQL's shared database: each copy needs its own file.
strip_ids() {  # FILE FORMAT: the export without row ids
  case $2 in
    csv) sed -E 's/^([a-z_]+),[0-9]+,/\1,,/' "$1" ;;
    json) python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))
for k in ("doses","checkins","side_effects"):
    for e in d[k]: e.pop("id")
print(json.dumps(d, sort_keys=True, indent=1))' "$1" ;;
    *) cat "$1" ;;
  esac
}
if [[ -z ${SPECIOSA_TEST_PG_URL:-} ]]; then
  for format in json csv fhir; do
    expect 0 "$speciosa" export --format "$format"
    cp "$work/out" "$work/export.$format"
    copy="$work/copy-$format.db"
    [[ $format != csv ]] || expect 0 "$speciosa" --db "$copy" person add Ana --tz America/New_York
    expect 0 "$speciosa" --db "$copy" import "$work/export.$format"
    grep -q "6 entries added, 0 already present" "$work/out" || fail "$format import: $(cat "$work/out")"
    expect 0 "$speciosa" --db "$copy" import "$work/export.$format"
    grep -q "0 entries added, 6 already present; 0 medications, 0 products added" "$work/out" \
      || fail "second $format import added something: $(cat "$work/out")"
    expect 0 "$speciosa" --db "$copy" export --format "$format"
    cp "$work/out" "$work/again.$format"
    diff <(strip_ids "$work/export.$format" "$format") <(strip_ids "$work/again.$format" "$format") >"$work/diff" \
      || fail "$format export -> import -> export differs: $(head -20 "$work/diff")"
  done
  # --format overrides detection; a file of one format read as another is rejected, nothing written.
  expect 0 "$speciosa" --db "$work/copy-forced.db" import --format fhir "$work/export.fhir"
  expect 2 "$speciosa" --db "$work/copy-csv.db" import --format csv "$work/export.json"
  expect 2 "$speciosa" --db "$work/copy-csv.db" import "$work/journal.db"
  echo '{"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": "urn:uuid:x", "resource": {"resourceType": "Condition"}}]}' >"$work/alien.json"
  expect 2 "$speciosa" --db "$work/copy-csv.db" import "$work/alien.json"
  grep -q "Condition" "$work/err" || fail "alien FHIR resource is not named: $(cat "$work/err")"
fi

# FHIR R4: the Bundle passes our checks of the R4 rules (fhir_r4_check.py), and a broken one fails them.
expect 0 "$speciosa" export --format fhir
cp "$work/out" "$work/bundle.json"
python3 "$here/fhir_r4_check.py" "$work/bundle.json" 1 >&2 || fail "FHIR bundle breaks R4 rules"
python3 - "$work/bundle.json" "$work/broken.json" <<'PY'
import json, sys
b = json.load(open(sys.argv[1]))
for e in b["entry"]:
    r = e["resource"]
    if r["resourceType"] == "Observation": r.pop("status"); r["effectiveDateTime"] = "2026-11-20 08:30"
    if r["resourceType"] == "MedicationStatement" and "dosage" in r and "doseAndRate" in r["dosage"][0]:
        r["dosage"][0]["doseAndRate"][0]["doseQuantity"]["code"] = "grams"
json.dump(b, open(sys.argv[2], "w"))
PY
broken=$(python3 "$here/fhir_r4_check.py" "$work/broken.json" | wc -l || true)
((broken >= 3)) || fail "the FHIR checker missed broken status, dateTime and UCUM code ($broken problems)"
python3 - "$work/bundle.json" <<'PY' || fail "FHIR bundle content"
import json, sys
b = json.load(open(sys.argv[1]))
res = [e["resource"] for e in b["entry"]]
total = [r for r in res if r["resourceType"] == "Observation" and any(c["code"] == "70274-6" for c in r["code"].get("coding", []))][0]
assert total["valueInteger"] == 8
PY

# Two processes writing at once lose nothing.
expect 0 "$speciosa" person add Writers --tz UTC
for w in 1 2; do
  (for i in $(seq 1 15); do "$speciosa" log checkin --anxiety 3 --mood 5 --note "w$w-$i" >/dev/null || echo lost; done) \
    >"$work/writer$w" 2>&1 &
done
wait
[[ ! -s $work/writer1 && ! -s $work/writer2 ]] || fail "a concurrent write failed: $(cat "$work"/writer?)"
expect 0 "$speciosa" history --json
python3 -c 'import json,sys; n=len(json.load(open(sys.argv[1]))["checkins"]); assert n == 30, n' "$work/out" \
  || fail "concurrent writers lost entries"

if ((failures > 0)); then echo "$failures failure(s)" >&2; exit 1; fi
echo "journal CLI end-to-end: ok"
