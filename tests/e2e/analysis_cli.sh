#!/usr/bin/env bash
# End-to-end: the analysis verbs (stability, insight, taper) on an imported journal of three weeks
# of steady use and check-ins ending now. Checks the table, JSON and CSV outputs, the DESIGN.md
# JSON contract of insight, and that rejected input exits 2 and writes nothing.
# usage: analysis_cli.sh PATH/TO/speciosa
set -euo pipefail
speciosa=$1
source "$(dirname "$0")/e2e_lib.sh"
export SPECIOSA_DB=$work/journal.db
rejected() {
  local rc=0
  "$@" >"$work/out" 2>"$work/err" || rc=$?
  [[ $rc == 2 ]] || fail "expected exit 2, got $rc: $*"
  grep -q -- "accepted" "$work/err" || fail "the message says what is accepted: $* :: $(cat "$work/err")"
}

# 21 days ending now: 2 g at 08:00, 14:00 and 20:00 UTC; anxiety and mood at 07:30, 10:00, 13:30;
# one GAD-7 a week.
python3 - "$work/journal.json" <<'EOF'
import datetime as dt, json, sys
today = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
doses, checkins = [], []
for back in range(21, 0, -1):
    day = today - dt.timedelta(days=back)
    for h in (8, 14, 20):
        doses.append({"at": (day + dt.timedelta(hours=h)).isoformat(), "amount": 2.0, "unit": "g",
                      "product": "leaf-generic", "form": "powder", "note": ""})
    for i, h in enumerate((7.5, 10, 13.5)):
        c = {"at": (day + dt.timedelta(hours=h)).isoformat(), "anxiety": 3 + (back + i) % 3, "mood": 6,
             "energy": None, "sleep_h": None, "note": "", "withdrawal": {}, "gad7": None}
        if h == 10 and back % 7 == 0:
            c["gad7"] = [1, 1, 2, 1, 0, 1, 1]
        checkins.append(c)
json.dump({"format": "speciosa-journal", "schema_version": 2,
           "person": {"name": "Ana", "weight_kg": 61.0, "tz": "UTC", "sex": "unspecified",
                      "birth_year": None, "jurisdiction": "", "risks": []},
           "doses": doses, "checkins": checkins, "medications": [], "products": [],
           "side_effects": []}, open(sys.argv[1], "w"))
EOF
run "$speciosa" import "$work/journal.json"

run "$speciosa" stability
grep -q "RMSSD" "$work/out" || fail "stability table shows RMSSD"
run "$speciosa" stability --json
json 'a=d["anxiety"]; assert a["n"]==63 and a["n_pairs"]==42 and d["max_gap_h"]==8, a; assert [g["band"] for g in d["gad7"]]==["mild"]*3, d["gad7"]' \
  "stability counts ratings and pairs within the 8 h gap; GAD-7 7 is mild"
run "$speciosa" stability --format csv
head -1 "$work/out" | grep -q "^kind,scale,n,mean,sd,n_pairs,mssd,rmssd,pac" || fail "stability CSV header"
[[ $(grep -c "^scale," "$work/out") == 2 && $(grep -c "^gad7,.*,7,mild$" "$work/out") == 3 ]] ||
  fail "stability CSV: a row per scale and per GAD-7 score: $(cat "$work/out")"

run "$speciosa" insight --json
json 'r=d["rebound"]; e=d["escalation"]; assert isinstance(r["detected"],bool) and "strength" in r and r["n_checkins"]==62, r; assert e["detected"] is False, e' \
  "insight JSON has the rebound and escalation objects of DESIGN.md (the check-in before the first dose does not count); steady use is no escalation"
json 'c=d["checkins"]; assert len(c)==63 and c[1]["mg_ng_ml"] > 0 and c[1]["hours_since_last_dose"]==2.0, c[:2]' \
  "insight lays modelled exposure under every check-in"
run "$speciosa" insight --format csv
[[ $(grep -c "^checkin," "$work/out") == 63 && $(grep -c "^week," "$work/out") == 26 ]] ||
  fail "insight CSV: a row per check-in and per week of the last 26"
python3 -c "import csv,sys; n={len(r) for r in csv.reader(open(sys.argv[1]))}; assert n=={20}, n" "$work/out" ||
  fail "insight CSV rows all have the header's 20 columns"
run "$speciosa" insight
grep -qi "clinician\|emergency" "$work/out" || fail "insight says when to get help"

run "$speciosa" taper --weeks 4 --json
json 'days=d["days"]; assert len(days)==28 and abs(d["start_mg_per_day"] - days[0]["mg_per_day"]) < 1e-9; assert all(x["mu_fall"] <= d["fall_limit"] + 1e-12 for x in days)' \
  "taper plan keeps the daily fall in mu activity under its limit"
run "$speciosa" taper --weeks 2 --plot "$work/taper.png"
[[ -s $work/taper.png ]] || fail "taper --plot writes the chart"
grep -q "clinician" "$work/out" || fail "taper is framed as a draft for a clinician"

# Rejected input: exit 2, a message saying what is accepted, nothing written.
rejected "$speciosa" stability --days 0
rejected "$speciosa" insight --weeks 9999
rejected "$speciosa" taper --step 80% --plot "$work/rejected.png"
[[ ! -e $work/rejected.png ]] || fail "a rejected taper writes no plot"
rejected "$speciosa" taper --hold-step 0
rejected "$speciosa" taper --hold-step 999

echo "$((failures == 0 ? 1 : 0)) passed, $((failures > 0 ? 1 : 0)) failed"
exit $((failures > 0))
