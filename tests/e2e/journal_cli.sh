#!/usr/bin/env bash
# End-to-end journal CLI: contracts from DESIGN.md, rejected input writes nothing, import/export
# round trip, FHIR codes, two writers at once.   usage: journal_cli.sh PATH/TO/speciosa
# The journal is a fresh SQLite file, or the PostgreSQL database in $SPECIOSA_TEST_PG_URL
# (run through scripts/pg-throwaway) so both backends pass the same script.
set -euo pipefail
speciosa=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SPECIOSA_DB=${SPECIOSA_TEST_PG_URL:-$work/journal.db}
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
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

# Export, import into a fresh journal twice: same content, no duplicates.
expect 0 "$speciosa" export --format json
cp "$work/out" "$work/export.json"
expect 0 "$speciosa" --db "$work/copy.db" import "$work/export.json"
expect 0 "$speciosa" --db "$work/copy.db" import "$work/export.json"
grep -q "0 entries added, 6 already present" "$work/out" || fail "second import added entries: $(cat "$work/out")"
expect 0 "$speciosa" --db "$work/copy.db" export --format json
python3 - "$work/export.json" "$work/out" <<'PY' || fail "import/export round trip differs"
import json, sys
def strip(d):
    for k in ("doses", "checkins", "side_effects"):
        for e in d[k]: e.pop("id")
    return d
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
assert a == b, (a, b)
PY
expect 2 "$speciosa" import "$work/journal.db"

# FHIR R4 Bundle with LOINC GAD-7 codes.
expect 0 "$speciosa" export --format fhir
python3 - "$work/out" <<'PY' || fail "FHIR bundle"
import json, sys
b = json.load(open(sys.argv[1]))
assert b["resourceType"] == "Bundle" and b["type"] == "collection"
res = [e["resource"] for e in b["entry"]]
assert all(e["fullUrl"].startswith("urn:uuid:") for e in b["entry"])
types = {r["resourceType"] for r in res}
assert types == {"Patient", "MedicationStatement", "Observation"}, types
codes = {c["code"] for r in res if r["resourceType"] == "Observation" for c in r["code"].get("coding", [])}
want = {"69737-5", "69725-0", "68509-0", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7", "70274-6"}
assert want <= codes, want - codes
total = [r for r in res if r["resourceType"] == "Observation" and any(c["code"] == "70274-6" for c in r["code"].get("coding", []))][0]
assert total["valueInteger"] == 8
urls = {e["fullUrl"] for e in b["entry"]}
for r in res:
    for m in r.get("hasMember", []): assert m["reference"] in urls
    if "subject" in r: assert r["subject"]["reference"] in urls
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
